'use strict';
// Signer: a `qrsign_key` context in memory this package owns (a Buffer of QRSIGN_KEY_SIZE
// bytes, 8-byte aligned), initialised once from the secret and wiped by `qrsign_key_clear`,
// from `close()` or, if the program forgets, from a FinalizationRegistry.

const abi = require('./abi');
const { fns, detail, written, scratch, check, output } = require('./call');
const { QrsignError } = require('./errors');
const { bytes, jsonBytes, flatParams, textBytes } = require('./input');

const ECOMMPAY_PAYMENT_PAGE = 'https://paymentpage.ecommpay.com/payment';
const JETPAY_PAYMENT_PAGE = 'https://paymentpage.jetpay.kz/payment';
const JETPAY_GENERATE_QR = 'https://paymentpage.jetpay.kz/payment/generate-qr';

const ORDER_NAMES = Object.keys(abi.SortOrder);
const LOCATIONS = ['signature', 'general.signature'];

/** Storage for one `qrsign_key`, aligned like `uint64_t` (a BigUint64Array's buffer is). */
function newKeyStorage() {
  return Buffer.from(new BigUint64Array(abi.KEY_SIZE / 8).buffer);
}

/** Initialises `key` from a secret and options, or throws (the key is then left cleared). */
function initKey(key, secret, { sort = 'natural', strict = false } = {}) {
  const order = abi.SortOrder[sort];
  if (order === undefined || !Object.hasOwn(abi.SortOrder, sort)) {
    throw new TypeError(`sort is one of ${ORDER_NAMES.join(', ')}, not ${String(sort)}`);
  }
  const raw = bytes(secret, 'the secret');
  try {
    check(fns.qrsign_key_init(key, raw, raw.length, order, detail));
  } finally {
    // The UTF-8 copy of a string secret is ours: wiped (a Buffer the caller gave is theirs).
    if (typeof secret === 'string') raw.fill(0);
  }
  if (strict) check(fns.qrsign_key_set_strict(key, 1, detail));
}

// Wipes the key of a Signer that was garbage-collected without close().
const finalizer = new FinalizationRegistry((key) => fns.qrsign_key_clear(key));

/** Signature (88 characters) of a JSON document with `key`. */
function signWith(key, params) {
  const json = jsonBytes(params);
  check(fns.qrsign_key_sign_json(key, json, json.length, scratch, abi.SIGNATURE_LEN, written, detail));
  return scratch.toString('latin1', 0, abi.SIGNATURE_LEN);
}

function verifyWith(key, params, signature) {
  const json = jsonBytes(params);
  const sig = bytes(signature, 'a signature');
  const status = fns.qrsign_key_verify_json(key, json, json.length, sig, sig.length, detail);
  if (status === abi.Status.SIGNATURE_MISMATCH) return false;
  check(status);
  return true;
}

const locationOut = [0];
function verifyCallbackWith(key, body) {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError('a callback is the body as received (a string or Buffer), not a parsed object');
  }
  const json = jsonBytes(body);
  check(fns.qrsign_key_verify_callback(key, json, json.length, locationOut, detail));
  return LOCATIONS[locationOut[0]];
}

function paymentPageUrlWith(key, params, base) {
  const { params: packed, n } = flatParams(params);
  const b = textBytes(base);
  const url = output((out, len, w, d) =>
    fns.qrsign_key_payment_page_url(key, b, b.length, packed, n, out, len, w, d));
  return url.toString('latin1');
}

function gateBodyWith(key, body) {
  const json = jsonBytes(body);
  const out = output((o, len, w, d) => fns.qrsign_key_sign_gate_body(key, json, json.length, o, len, w, d),
    json.length + abi.GATE_SIGNATURE_OVERHEAD);
  return out.toString('utf8');
}

function diagnoseWith(key, params, signature) {
  const json = jsonBytes(params);
  const result = {};
  let canonical;
  if (signature === undefined || signature === null) {
    canonical = output((o, len, w, d) => fns.qrsign_key_diagnose_callback(key, json, json.length, result, o, len, w, d));
  } else {
    const sig = bytes(signature, 'a signature');
    canonical = output((o, len, w, d) =>
      fns.qrsign_key_diagnose_json(key, json, json.length, sig, sig.length, result, o, len, w, d));
  }
  const matching = ORDER_NAMES.filter((_, i) => result.matching_orders & (1 << i));
  return {
    matched: result.matched,
    matching,
    order: result.matched ? ORDER_NAMES[result.order] : null,
    location: result.has_location ? LOCATIONS[result.location] : null,
    canonical: canonical.toString('utf8'),
  };
}

let keyStorage;

/** The merchant's key, derived once from the secret and reused. */
class Signer {
  #key;

  /**
   * @param secret  the secret key: a string (its UTF-8) or a Buffer.
   * @param options `sort`: 'natural' (the platform's), 'path-bytewise' (the Python SDKs'),
   *                'line-bytewise' (the Java and Go SDKs'); `strict`: refuse ambiguous strings.
   */
  constructor(secret, options = {}) {
    const key = newKeyStorage();
    initKey(key, secret, options);
    this.#key = key;
    finalizer.register(this, key, this);
  }

  #live() {
    if (this.#key === null) throw QrsignError.of(abi.Status.INVALID_ARGUMENT, {}, 'the Signer is closed');
    return this.#key;
  }

  /** The sort order this key signs with. */
  get sort() {
    const order = [0];
    check(fns.qrsign_key_order(this.#live(), order, detail));
    return ORDER_NAMES[order[0]];
  }

  /** Whether ambiguous canonical strings are refused (SECURITY.md). */
  get strict() {
    const strict = [0];
    check(fns.qrsign_key_is_strict(this.#live(), strict, detail));
    return strict[0] !== 0;
  }

  /** Whether `close()` was called. */
  get closed() {
    return this.#key === null;
  }

  /** The signature (88 characters) of a request's parameters: an object, or JSON text. */
  sign(params) {
    return signWith(this.#live(), params);
  }

  /** True if `signature` is that of `params` (constant time), false if not. */
  verify(params, signature) {
    return verifyWith(this.#live(), params, signature);
  }

  /**
   * Verifies a callback body exactly as received; returns where its signature was
   * (`'signature'` or `'general.signature'`), throws a QrsignError otherwise.
   */
  verifyCallback(body) {
    return verifyCallbackWith(this.#live(), body);
  }

  /** The signature of an already canonical string (as `canonical()` gives). */
  signCanonical(canonical) {
    const raw = bytes(canonical, 'the canonical string');
    check(fns.qrsign_key_sign_canonical(this.#live(), raw, raw.length, scratch, abi.SIGNATURE_LEN, written, detail));
    return scratch.toString('latin1', 0, abi.SIGNATURE_LEN);
  }

  /** A signed Payment Page URL (`frame_mode` left out of the signature). */
  paymentPageUrl(params, { base = ECOMMPAY_PAYMENT_PAGE } = {}) {
    return paymentPageUrlWith(this.#live(), params, base);
  }

  /** A signed JetPay `generate-qr` URL. */
  generateQrUrl(params, { base = JETPAY_GENERATE_QR } = {}) {
    return paymentPageUrlWith(this.#live(), params, base);
  }

  /** A Gate request body with `general.signature` set (every other byte kept). */
  gateBody(body) {
    return gateBodyWith(this.#live(), body);
  }

  /**
   * Why a signature is rejected: which sort orders reproduce it and the canonical string.
   * Without `signature`, the body's own (a callback).
   */
  diagnose(params, signature = null) {
    return diagnoseWith(this.#live(), params, signature);
  }

  /** Wipes the key (idempotent); the Signer cannot be used afterwards. */
  close() {
    if (this.#key === null) return;
    finalizer.unregister(this);
    fns.qrsign_key_clear(this.#key);
    this.#key = null;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.closed ? 'Signer(closed)' : `Signer(sort='${this.sort}', strict=${this.strict})`;
  }

  static {
    // For the package's tests: the storage a Signer's key lives in.
    keyStorage = (signer) => signer.#key;
  }
}
if (Symbol.dispose) Signer.prototype[Symbol.dispose] = Signer.prototype.close;

// One-shot functions initialise this key, use it and wipe it.
const oneShot = newKeyStorage();
function withKey(secret, options, fn) {
  try {
    initKey(oneShot, secret, options);
    return fn(oneShot);
  } finally {
    fns.qrsign_key_clear(oneShot);
  }
}

module.exports = {
  Signer,
  withKey,
  signWith,
  verifyWith,
  verifyCallbackWith,
  paymentPageUrlWith,
  gateBodyWith,
  diagnoseWith,
  keyStorage: (signer) => keyStorage(signer),
  oneShotStorage: () => oneShot,
  ECOMMPAY_PAYMENT_PAGE,
  JETPAY_PAYMENT_PAGE,
  JETPAY_GENERATE_QR,
};
