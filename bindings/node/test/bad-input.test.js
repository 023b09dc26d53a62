'use strict';
// Bad input through the public API: each gives its own status (and detail) as a QrsignError,
// never a crash; then the raw C calls for the statuses the API itself never lets through
// (NULL_ARGUMENT, INVALID_ARGUMENT, BUFFER_TOO_SMALL); then mutated documents, which all end in
// a result or a known status.

const test = require('node:test');
const assert = require('node:assert/strict');
const qrsign = require('..');
const { fns } = require('../lib/call');
const { signingVectors, callbackCases, rng } = require('./helpers');

const { Status, QrsignError } = qrsign;
const K = 'secret';

/** Asserts that `fn` throws a QrsignError of `code` and returns it (for its detail). */
function fails(code, fn) {
  let error;
  assert.throws(fn, (e) => {
    error = e;
    return e instanceof QrsignError && e.code === code && e.status === Status[code];
  }, `expected QrsignError ${code}`);
  return error;
}

const deep = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

test('malformed JSON: MALFORMED_JSON at the first byte not accepted', () => {
  assert.equal(fails('MALFORMED_JSON', () => qrsign.sign('{"a":1,}', K)).offset, 7);
  assert.equal(fails('MALFORMED_JSON', () => qrsign.sign('{"a":', K)).offset, 5);
  fails('MALFORMED_JSON', () => qrsign.verifyCallback('', K));
  fails('MALFORMED_JSON', () => qrsign.canonical('{"a":tru}'));
});

test('invalid UTF-8: INVALID_UTF8 at the first invalid byte', () => {
  const json = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]); // {"a":"\xc3("}
  assert.equal(fails('INVALID_UTF8', () => qrsign.sign(json, K)).offset, 6);
  assert.equal(fails('INVALID_UTF8', () => qrsign.verifyCallback(json, K)).offset, 6);
  // A JavaScript string with a lone surrogate has no UTF-8 form: refused, not signed as U+FFFD.
  assert.equal(fails('INVALID_UTF8', () => qrsign.sign('{"a":"é\ud800"}', K)).offset, 8);
  fails('INVALID_UTF8', () => qrsign.paymentPageUrl({ a: 'x\udc00' }, K));
});

test('invalid escape: INVALID_ESCAPE at its backslash', () => {
  assert.equal(fails('INVALID_ESCAPE', () => qrsign.sign('{"a":"\\x"}', K)).offset, 6);
  assert.equal(fails('INVALID_ESCAPE', () => qrsign.sign('{"a":"\\ud800"}', K)).offset, 6);
});

test('duplicate key: DUPLICATE_KEY at the second one', () => {
  const json = '{"a":1,"b":{"c":1,"c":2}}';
  assert.equal(fails('DUPLICATE_KEY', () => qrsign.sign(json, K)).offset, json.lastIndexOf('"c"') + 1);
  const [s1, s2] = [qrsign.sign({ a: 1 }, K), qrsign.sign({ a: 2 }, K)];
  const twice = `{"a":1,"signature":"${s1}","signature":"${s2}"}`;
  assert.equal(fails('DUPLICATE_KEY', () => qrsign.verifyCallback(twice, K)).offset, twice.lastIndexOf('"signature"') + 1,
    'two signatures: neither is taken');
});

test('nesting past the limit: TOO_DEEP with the limit', () => {
  assert.equal(qrsign.canonical(deep(32)), `${'a:'.repeat(32)}1`);
  assert.equal(fails('TOO_DEEP', () => qrsign.sign(deep(33), K)).limit, 32);
});

test('too many values or parameters: TOO_MANY_VALUES with the limit', () => {
  const members = (n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  const limit = fails('TOO_MANY_VALUES', () => qrsign.sign(members(1000), K)).limit;
  assert.ok(limit >= 128 && limit < 1000, `limit ${limit}`);
  qrsign.sign(members(limit - 1), K); // the root and limit - 1 members: exactly the limit
  fails('TOO_MANY_VALUES', () => qrsign.sign(members(limit), K));
  const params = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, i]));
  qrsign.paymentPageUrl(params(128), K);
  assert.equal(fails('TOO_MANY_VALUES', () => qrsign.paymentPageUrl(params(129), K)).limit, 128);
});

test('a key past the limit: INPUT_TOO_LONG with the limit', () => {
  qrsign.sign(`{"${'k'.repeat(4096)}":1}`, K);
  assert.equal(fails('INPUT_TOO_LONG', () => qrsign.sign(`{"${'k'.repeat(4097)}":1}`, K)).limit, 4096);
});

test('findField: FIELD_NOT_FOUND at the container, UNEXPECTED_TYPE through a scalar, DUPLICATE_KEY', () => {
  const body = '{"payment":{"id":"1","status":"success"}}';
  assert.equal(fails('FIELD_NOT_FOUND', () => qrsign.findField(body, 'payment.amount')).offset, 11);
  assert.equal(fails('UNEXPECTED_TYPE', () => qrsign.findField(body, 'payment.status.code')).offset, 30);
  assert.equal(fails('DUPLICATE_KEY', () => qrsign.findField('{"a":1,"a":2}', 'a')).offset, 8);
  assert.equal(fails('MALFORMED_JSON', () => qrsign.findField('{"a":1,}', 'a')).offset, 7);
});

test('the wrong shape: UNEXPECTED_TYPE', () => {
  fails('UNEXPECTED_TYPE', () => qrsign.verifyCallback('[1,2]', K));
  fails('UNEXPECTED_TYPE', () => qrsign.gateBody('{"general":[]}', K));
  fails('UNEXPECTED_TYPE', () => qrsign.displayData('[{"type":"add_info","title":"qr_data","data":5}]'));
});

test('signing errors: EMPTY_SECRET, RESERVED_KEY, MISSING_SIGNATURE, INVALID_SIGNATURE_ENCODING, SIGNATURE_MISMATCH', () => {
  fails('EMPTY_SECRET', () => qrsign.sign({ a: 1 }, ''));
  fails('EMPTY_SECRET', () => new qrsign.Signer(Buffer.alloc(0)));
  fails('RESERVED_KEY', () => qrsign.paymentPageUrl({ project_id: 1, signature: 'x' }, K));
  fails('MISSING_SIGNATURE', () => qrsign.verifyCallback('{"payment":{"id":"1"}}', K));
  fails('INVALID_SIGNATURE_ENCODING', () => qrsign.verify({ a: 1 }, 'not base64', K));
  fails('INVALID_SIGNATURE_ENCODING', () => qrsign.verifyCallback('{"a":1,"signature":"abc"}', K));
  const sig = qrsign.sign({ a: 1 }, K);
  fails('SIGNATURE_MISMATCH', () => qrsign.verifyCallback(JSON.stringify({ a: 2, signature: sig }), K));
});

test('strict mode: AMBIGUOUS_VALUE at the key or value', () => {
  const strict = new qrsign.Signer(K, { strict: true });
  const json = '{"note":"1;b:2"}';
  assert.equal(fails('AMBIGUOUS_VALUE', () => strict.sign(json)).offset, json.indexOf('"1;') + 1);
  fails('AMBIGUOUS_VALUE', () => strict.sign({ 'a;b': 1 }));
  fails('AMBIGUOUS_VALUE', () => qrsign.verifyCallback(qrsign.gateBody(json, K), K, { strict: true }));
  assert.equal(qrsign.verifyCallback(qrsign.gateBody(json, K), K), 'general.signature', 'not strict: accepted');
  assert.equal(strict.sign({ note: 'one; two' }), qrsign.sign({ note: 'one; two' }, K), 'no colon after: fine');
  strict.close();
});

test('amounts: UNKNOWN_CURRENCY, INVALID_AMOUNT, AMOUNT_OUT_OF_RANGE', () => {
  fails('UNKNOWN_CURRENCY', () => qrsign.minorDigits('XYZ'));
  fails('UNKNOWN_CURRENCY', () => qrsign.toMinorUnits('1', 'uzs'));
  assert.equal(fails('INVALID_AMOUNT', () => qrsign.toMinorUnits('1.234', 'UZS')).offset, 4);
  fails('INVALID_AMOUNT', () => qrsign.toMinorUnits('-5', 'UZS'));
  const e = fails('AMOUNT_OUT_OF_RANGE', () => qrsign.checkClickQr(4999999));
  assert.deepEqual([e.amount, e.min, e.max], [4999999, 5000000, 2000000000]);
  fails('AMOUNT_OUT_OF_RANGE', () => qrsign.checkClickQr(2000000001));
});

test('QR codes: DATA_TOO_LONG, INVALID_QR_OPTION, MISSING_QR_DATA, INVALID_DATA_URI', () => {
  const e = fails('DATA_TOO_LONG', () => qrsign.qr('x'.repeat(300), { maxVersion: 5 }));
  assert.ok(e.neededBits > e.capacityBits && e.capacityBits > 0);
  fails('DATA_TOO_LONG', () => qrsign.qr(Buffer.alloc(3000)));
  fails('INVALID_QR_OPTION', () => qrsign.qr('x', { minVersion: 0 }));
  fails('INVALID_QR_OPTION', () => qrsign.qr('x', { minVersion: 5, maxVersion: 4 }));
  fails('INVALID_QR_OPTION', () => qrsign.qr('x', { mask: 8 }));
  fails('INVALID_QR_OPTION', () => qrsign.qr('x', { ecc: 'X' }));
  fails('INVALID_QR_OPTION', () => qrsign.qr('x').svg({ scale: 0 }));
  fails('MISSING_QR_DATA', () => qrsign.displayData('{"display_data":[{"type":"add_info","title":"bank_name","data":"B"}]}'));
  fails('INVALID_DATA_URI', () => qrsign.decodeImgSrc('{"img_src":"data:text/plain;base64,AAAA"}'));
  fails('INVALID_DATA_URI', () => qrsign.decodeImgSrc('data:image/png;base64,AAAA'));
});

test('wrong JavaScript types: TypeError or RangeError before any C call', () => {
  assert.throws(() => qrsign.sign(42, K), TypeError);
  assert.throws(() => qrsign.sign({ a: 1 }, 42), TypeError);
  assert.equal(qrsign.sign({ a: NaN, b: () => 1 }, K), qrsign.sign('{"a":null}', K), 'as JSON.stringify writes it');
  assert.throws(() => qrsign.sign({ a: 1 }, K, { sort: 'alphabetical' }), TypeError);
  assert.throws(() => qrsign.verifyCallback({ a: 1 }, K), TypeError);
  assert.throws(() => qrsign.paymentPageUrl({ a: [1] }, K), TypeError);
  assert.throws(() => qrsign.paymentPageUrl({ a: 1.5 }, K), RangeError);
  assert.throws(() => qrsign.paymentPageUrl({ a: 2n ** 63n }, K), RangeError);
  assert.throws(() => qrsign.qr('x').render('gif'), TypeError);
});

test('a closed Signer: INVALID_ARGUMENT, and the C library refuses its wiped key', () => {
  const signer = new qrsign.Signer(K);
  const key = require('../lib/signer').keyStorage(signer);
  signer.close();
  signer.close();
  fails('INVALID_ARGUMENT', () => signer.sign({ a: 1 }));
  fails('INVALID_ARGUMENT', () => signer.verifyCallback('{}'));
  const json = Buffer.from('{"a":1}');
  assert.equal(fns.qrsign_key_sign_json(key, json, json.length, Buffer.alloc(88), 88, new BigUint64Array(1), null), Status.INVALID_ARGUMENT);
});

test('raw C calls: NULL_ARGUMENT, INVALID_ARGUMENT, BUFFER_TOO_SMALL and the size protocol', () => {
  const key = Buffer.from(new BigUint64Array(64).buffer);
  const json = Buffer.from('{"b":2,"a":1}');
  const out = Buffer.alloc(200);
  const written = new BigUint64Array(1);
  assert.equal(fns.qrsign_key_sign_json(key, json, json.length, out, 200, written, null), Status.INVALID_ARGUMENT,
    'a key never initialised');
  assert.equal(fns.qrsign_key_init(key, Buffer.from(K), K.length, 0, null), Status.OK);
  assert.equal(fns.qrsign_key_init(key, Buffer.from(K), K.length, 7, null), Status.INVALID_ARGUMENT, 'unknown order');
  assert.equal(fns.qrsign_key_sign_json(key, null, 5, out, 200, written, null), Status.NULL_ARGUMENT);
  assert.equal(fns.qrsign_key_sign_json(null, json, json.length, out, 200, written, null), Status.NULL_ARGUMENT);
  assert.equal(fns.qrsign_key_sign_json(key, json, json.length, out, 200, null, null), Status.NULL_ARGUMENT);
  assert.equal(fns.qrsign_canonical_json(json, json.length, 0, json, json.length, written, null), Status.INVALID_ARGUMENT,
    'output overlapping the input');
  written[0] = 0n;
  assert.equal(fns.qrsign_canonical_json(json, json.length, 0, null, 0, written, null), Status.BUFFER_TOO_SMALL);
  assert.equal(written[0], BigInt('a:1;b:2'.length), 'NULL, 0 asks the size');
  const exact = Buffer.alloc(Number(written[0]));
  assert.equal(fns.qrsign_canonical_json(json, json.length, 0, exact, exact.length - 1, written, null), Status.BUFFER_TOO_SMALL);
  assert.equal(exact.toString(), '\0'.repeat(7), 'nothing written on BUFFER_TOO_SMALL');
  assert.equal(fns.qrsign_canonical_json(json, json.length, 0, exact, exact.length, written, null), Status.OK);
  assert.equal(exact.toString(), 'a:1;b:2');
  assert.equal(fns.qrsign_key_sign_json(key, json, json.length, null, 0, written, null), Status.BUFFER_TOO_SMALL);
  assert.equal(written[0], 88n);
  const symbol = Buffer.alloc(qrsign.qr('x').size ** 2);
  const tmp = Buffer.alloc(symbol.length);
  assert.equal(fns.qrsign_qr_encode_text(Buffer.from('x'), 1, null, tmp, tmp.length, symbol, symbol.length, null), Status.OK);
  assert.equal(fns.qrsign_qr_render(Buffer.alloc(10), 10, 0, null, out, 200, written, null), Status.INVALID_QR_OPTION,
    'not a symbol');
  assert.equal(fns.qrsign_qr_render(symbol, symbol.length, 99, null, out, 200, written, null), Status.INVALID_ARGUMENT,
    'unknown format');
  assert.equal(fns.qrsign_key_clear(key), Status.OK);
  assert.ok(key.every((b) => b === 0), 'qrsign_key_clear zeroes the storage');
});

test('mutated vectors and callbacks end in a result or a known status, never a crash', () => {
  const r = rng(20261203);
  const known = new Set(Object.values(Status).filter((s) => s !== Status.OTHER && s !== Status.PANIC));
  const seeds = [...signingVectors().data.map((v) => v.params_json), ...callbackCases().data.map((c) => c.body_json)]
    .map((s) => Buffer.from(s));
  const signer = new qrsign.Signer(K);
  const ops = [
    (b) => signer.sign(b), (b) => signer.verifyCallback(b), (b) => signer.gateBody(b), (b) => qrsign.canonical(b),
    (b) => qrsign.canonical(b, { sort: 'line-bytewise', callback: true }), (b) => signer.diagnose(b),
    (b) => qrsign.displayData(b), (b) => qrsign.decodeImgSrc(b),
  ];
  const seen = new Map();
  for (let i = 0; i < 3000; i++) {
    const b = Buffer.from(r.pick(seeds));
    for (let m = r.int(1, 4); m > 0; m--) {
      const at = r.int(0, b.length - 1);
      const how = r.int(0, 2);
      if (how === 0) b[at] = r.int(0, 255);
      else if (how === 1) b[at] = r.pick([0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x5c, 0x2c, 0x3a]);
      else b.copyWithin(at, r.int(0, b.length - 1));
    }
    const input = r.int(0, 9) === 0 ? b.subarray(0, r.int(0, b.length)) : b;
    try {
      r.pick(ops)(input);
      seen.set('ok', (seen.get('ok') ?? 0) + 1);
    } catch (e) {
      assert.ok(e instanceof QrsignError, `a QrsignError, not ${e}`);
      assert.ok(known.has(e.status), `a known status, not ${e.status}`);
      seen.set(e.code, (seen.get(e.code) ?? 0) + 1);
    }
  }
  signer.close();
  assert.ok(seen.size >= 5, `several outcomes: ${[...seen.keys()]}`);
});
