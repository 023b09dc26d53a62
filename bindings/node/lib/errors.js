'use strict';
// QrsignError: a failed C call, with its status and the fields of its `qrsign_error_detail`.

const { Status } = require('./abi');

const NAMES = Object.fromEntries(Object.entries(Status).map(([name, value]) => [value, name]));

/** The detail fields each status fills (include/qrsign.h), copied onto the error. */
const DETAIL_FIELDS = {
  [Status.MALFORMED_JSON]: ['offset'],
  [Status.INVALID_UTF8]: ['offset'],
  [Status.INVALID_ESCAPE]: ['offset'],
  [Status.DUPLICATE_KEY]: ['offset'],
  [Status.UNEXPECTED_TYPE]: ['offset'],
  [Status.FIELD_NOT_FOUND]: ['offset'],
  [Status.AMBIGUOUS_VALUE]: ['offset'],
  [Status.INVALID_AMOUNT]: ['offset'],
  [Status.INVALID_DATA_URI]: ['offset'],
  [Status.TOO_DEEP]: ['limit'],
  [Status.TOO_MANY_VALUES]: ['limit'],
  [Status.INPUT_TOO_LONG]: ['limit'],
  [Status.BUFFER_TOO_SMALL]: ['needed'],
  [Status.AMOUNT_OUT_OF_RANGE]: ['amount', 'min', 'max'],
  [Status.DATA_TOO_LONG]: ['needed_bits', 'capacity_bits'],
};

let statusStr = null;

/** An error from the C library: `status` (a `Status` value), `code` (its name), and the detail. */
class QrsignError extends Error {
  constructor(status, message, detail = {}) {
    super(message);
    this.name = 'QrsignError';
    /** The `qrsign_status` (see `Status`). */
    this.status = status;
    /** The status's name in `Status` (`'SIGNATURE_MISMATCH'`), or `'UNKNOWN'` for a newer one. */
    this.code = NAMES[status] ?? 'UNKNOWN';
    for (const field of DETAIL_FIELDS[status] ?? []) {
      if (detail[field] !== undefined) this[camel(field)] = detail[field];
    }
  }

  /** An error for `status` with its detail, the library's message unless one is given. */
  static of(status, detail = {}, message = undefined) {
    let text = message ?? (statusStr ? statusStr(status) : `status ${status}`);
    if ((DETAIL_FIELDS[status] ?? []).includes('offset') && detail.offset !== undefined) {
      text += ` (at byte ${detail.offset})`;
    }
    return new QrsignError(status, text, detail);
  }
}

function camel(field) {
  return field.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

/** Lets `QrsignError.of` use the library's `qrsign_status_str` once it is loaded. */
function useStatusMessages(fn) {
  statusStr = fn;
}

module.exports = { QrsignError, useStatusMessages };
