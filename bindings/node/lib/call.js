'use strict';
// Calling the C functions: statuses become exceptions, and outputs follow the C API's buffer
// contract the way an SDK should use it: one call with a generous buffer, a second with the
// exact size only when the first answers QRSIGN_ERR_BUFFER_TOO_SMALL.

const abi = require('./abi');
const { QrsignError, useStatusMessages } = require('./errors');

const { fns, file, version } = abi.load();
useStatusMessages(fns.qrsign_status_str);

// One `qrsign_error_detail` and one scratch output buffer, reused by every call: Node runs
// JavaScript (and these synchronous calls) on one thread, and each worker thread loads its own
// copy of this module. The C functions write the detail only through the pointer given.
const detail = Buffer.alloc(abi.koffi.sizeof(abi.ErrorDetail));
const SCRATCH_LEN = 4096;
const scratch = Buffer.alloc(SCRATCH_LEN);
const written = new BigUint64Array(1);

/** The `qrsign_error_detail` of the last failed call, as an object. */
function lastDetail() {
  const d = abi.koffi.decode(detail, abi.ErrorDetail);
  for (const k of Object.keys(d)) if (typeof d[k] === 'bigint') d[k] = Number(d[k]);
  return d;
}

/** Throws the QrsignError of a status that is not QRSIGN_OK. */
function check(status) {
  if (status !== abi.Status.OK) throw QrsignError.of(status, lastDetail());
}

/**
 * Runs `call(out, outLen, written, detail)` under the output contract and returns the bytes
 * written (a view of the scratch buffer, valid until the next call: copy or decode it). `guess`
 * is the size to try first when it may exceed the scratch buffer (a known upper bound).
 */
function output(call, guess = SCRATCH_LEN) {
  let out = guess <= SCRATCH_LEN ? scratch : Buffer.allocUnsafe(guess);
  let status = call(out, out.length, written, detail);
  if (status === abi.Status.BUFFER_TOO_SMALL) {
    out = Buffer.allocUnsafe(Number(written[0]));
    status = call(out, out.length, written, detail);
  }
  check(status);
  return out.subarray(0, Number(written[0]));
}

module.exports = { fns, file, version, detail, written, scratch, check, output };
