'use strict';
/**
 * qrsign for Node.js: sign and verify ECommPay-platform (Monetix Click QR, JetPay QR) requests
 * and callbacks, and draw their QR codes, through the C library libqrsign (koffi, no compiler).
 *
 *   const qrsign = require('qrsign');
 *   const signer = new qrsign.Signer(process.env.PAYMENT_SECRET);
 *   const url = signer.paymentPageUrl({ project_id: 1234, payment_id: 'p47', payment_amount: 20000000, payment_currency: 'UZS' });
 *   signer.verifyCallback(requestBodyBuffer); // 'signature' or 'general.signature', or throws QrsignError
 *
 * JSON given as a string or Buffer reaches the library as bytes: number literals are signed as
 * written. The library is `$QRSIGN_LIB`, or libqrsign.so next to this file.
 */

const abi = require('./lib/abi');
const call = require('./lib/call');
const { QrsignError } = require('./lib/errors');
const { jsonBytes, flatParams } = require('./lib/input');
const s = require('./lib/signer');
const { qr, QrCode } = require('./lib/qr');
const platform = require('./lib/platform');

function orderOf(sort) {
  if (!Object.hasOwn(abi.SortOrder, sort)) {
    throw new TypeError(`sort is one of ${Object.keys(abi.SortOrder).join(', ')}, not ${String(sort)}`);
  }
  return abi.SortOrder[sort];
}

/** The signature (88 characters) of a request's parameters (an object, or JSON text). */
function sign(params, secret, { sort = 'natural', strict = false } = {}) {
  return s.withKey(secret, { sort, strict }, (key) => s.signWith(key, params));
}

/** True if `signature` is that of `params` (constant time), false if not. */
function verify(params, signature, secret, { sort = 'natural', strict = false } = {}) {
  return s.withKey(secret, { sort, strict }, (key) => s.verifyWith(key, params, signature));
}

/**
 * Verifies a callback body exactly as received (a string or Buffer); returns where its
 * signature was ('signature' or 'general.signature'), throws a QrsignError otherwise
 * (`status` SIGNATURE_MISMATCH when it does not match).
 */
function verifyCallback(body, secret, { sort = 'natural', strict = false } = {}) {
  return s.withKey(secret, { sort, strict }, (key) => s.verifyCallbackWith(key, body));
}

/**
 * The canonical string the platform signs. With `callback: true`, of a callback body (its
 * signature key left out). Flat parameters: `canonicalParams`.
 */
function canonical(params, { sort = 'natural', callback = false } = {}) {
  const json = jsonBytes(params);
  const order = orderOf(sort);
  const fn = callback ? call.fns.qrsign_canonical_callback : call.fns.qrsign_canonical_json;
  return call.output((o, len, w, d) => fn(json, json.length, order, o, len, w, d)).toString('utf8');
}

/** The canonical string of flat (Payment Page) parameters. */
function canonicalParams(params, { sort = 'natural' } = {}) {
  const { params: packed, n } = flatParams(params);
  const order = orderOf(sort);
  return call.output((o, len, w, d) => call.fns.qrsign_canonical_params(packed, n, order, o, len, w, d)).toString('utf8');
}

/** A signed Payment Page URL: `base?params&signature=...`. */
function paymentPageUrl(params, secret, { base = s.ECOMMPAY_PAYMENT_PAGE } = {}) {
  return s.withKey(secret, {}, (key) => s.paymentPageUrlWith(key, params, base));
}

/** A signed JetPay `generate-qr` URL. */
function generateQrUrl(params, secret, { base = s.JETPAY_GENERATE_QR } = {}) {
  return s.withKey(secret, {}, (key) => s.paymentPageUrlWith(key, params, base));
}

/** A Gate request body with `general.signature` set (added or replaced; every other byte kept). */
function gateBody(body, secret) {
  return s.withKey(secret, {}, (key) => s.gateBodyWith(key, body));
}

/** See `Signer.diagnose`. */
function diagnose(params, signature, secret, { sort = 'natural' } = {}) {
  return s.withKey(secret, { sort }, (key) => s.diagnoseWith(key, params, signature));
}

module.exports = {
  /** The library's version ("MAJOR.MINOR.PATCH"). */
  version: call.version,
  /** The path of the loaded library. */
  libraryPath: call.file,
  Status: abi.Status,
  QrsignError,
  Signer: s.Signer,
  sign,
  verify,
  verifyCallback,
  canonical,
  canonicalParams,
  paymentPageUrl,
  generateQrUrl,
  gateBody,
  diagnose,
  qr,
  QrCode,
  displayData: platform.displayData,
  findField: platform.findField,
  decodeImgSrc: platform.decodeImgSrc,
  minorDigits: platform.minorDigits,
  toMinorUnits: platform.toMinorUnits,
  checkClickQr: platform.checkClickQr,
  ECOMMPAY_PAYMENT_PAGE: s.ECOMMPAY_PAYMENT_PAGE,
  JETPAY_PAYMENT_PAGE: s.JETPAY_PAYMENT_PAGE,
  JETPAY_GENERATE_QR: s.JETPAY_GENERATE_QR,
};
