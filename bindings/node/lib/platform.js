'use strict';
// The platform's data: `display_data` of a Click QR response, JetPay's QR image, amounts.

const abi = require('./abi');
const { fns, detail, check, output } = require('./call');
const { bytes, textBytes } = require('./input');

/**
 * `display_data` of a Gate response or callback (or the bare array), escapes decoded:
 * `{ qr_data, amount?, currency?, receiver_name?, receiver_account?, bank_name?, lifetime? }`
 * (absent fields are `null`). Throws QrsignError MISSING_QR_DATA without a `qr_data` entry.
 */
function displayData(body) {
  const json = bytes(body, 'a response');
  const parsed = {};
  check(fns.qrsign_display_data_parse(json, json.length, parsed, detail));
  const out = {};
  for (const [name, field] of Object.entries(abi.DisplayField)) {
    out[name] = parsed[name].ptr === null || parsed[name].ptr === 0n
      ? null
      : output((o, len, w, d) => fns.qrsign_display_data_field(json, json.length, field, o, len, w, d)).toString('utf8');
  }
  out.lifetime = parsed.has_lifetime ? parsed.lifetime : null;
  return out;
}

const KIND_NAMES = Object.fromEntries(Object.entries(abi.JsonKind).map(([name, v]) => [v, name]));

/**
 * The value at `path` of a JSON document, read in place: `{ kind, text }`, `kind` one of
 * 'string', 'number', 'true', 'false', 'null', 'object', 'array'; `text` a string's text with its
 * escapes decoded, anything else's JSON text as written. `path` is segments joined by `.`
 * (members by name, array elements by decimal index: 'display_data.2.data'). Throws
 * QrsignError FIELD_NOT_FOUND (offset: the object or array lacking it), UNEXPECTED_TYPE (a path
 * through a scalar), DUPLICATE_KEY (a key of the path twice), or the document's JSON errors.
 */
function findField(json, path) {
  const doc = bytes(json, 'a JSON document');
  const wanted = textBytes(String(path));
  const kind = [0];
  const text = output((o, len, w, d) => fns.qrsign_json_field(doc, doc.length, wanted, wanted.length, kind, o, len, w, d))
    .toString('utf8');
  return { kind: KIND_NAMES[kind[0]], text };
}

/** The PNG of a JetPay `generate-qr` response (`{"img_src":"data:image/png;base64,..."}`) or of the bare data URI. */
function decodeImgSrc(response) {
  const json = bytes(response, 'a response');
  // Base64 is 4/3 of the bytes: the PNG is always shorter than its response.
  return Buffer.from(output((o, len, w, d) => fns.qrsign_img_src_decode(json, json.length, o, len, w, d), json.length));
}

/** Minor digits of an ISO 4217 currency ('UZS' 2, 'JPY' 0, 'KWD' 3). */
function minorDigits(currency) {
  const code = textBytes(String(currency));
  const digits = [0];
  check(fns.qrsign_currency_minor_digits(code, code.length, digits, detail));
  return digits[0];
}

/**
 * A human-written amount ('150 000.50') in minor units of `currency`, as a bigint (exact for
 * any amount; `Number()` it when you know it is below 2^53).
 */
function toMinorUnits(amount, currency) {
  const code = textBytes(String(currency));
  const text = textBytes(String(amount));
  const minor = [0];
  check(fns.qrsign_currency_parse_amount(code, code.length, text, text.length, minor, detail));
  return BigInt(minor[0]);
}

/** Checks an amount in minor units of UZS against the Click QR limits; returns it. */
function checkClickQr(amount) {
  const value = BigInt(amount);
  if (value < 0n || value >= 2n ** 64n) throw new RangeError(`${amount} is not an amount in minor units`);
  check(fns.qrsign_click_qr_check_amount(value, detail));
  return amount;
}

module.exports = { displayData, findField, decodeImgSrc, minorDigits, toMinorUnits, checkClickQr };
