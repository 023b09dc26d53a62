'use strict';
// The official npm SDK (`ecommpay` 0.1.7, ITECOMMPAY/paymentpage-sdk-js) as an oracle, on the
// payloads where it is right: its signer and ours agree on every vector it agrees with and on
// 300 random realistic payloads (keys without digits, arrays of at most 10 items: its
// `Object.keys().sort()` is then the platform's natural order); its Callback accepts the
// callbacks we sign and we accept the ones it signs; its Payment Page URL has our signature.
//
// Where it is wrong, excluded from the comparisons and shown here as such: it parses JSON text
// with JSON.parse, so integers above 2^53 are signed rounded; its Callback throws a TypeError on
// any body holding a null, and it drops every nested key named `signature` from the signed data.

const test = require('node:test');
const assert = require('node:assert/strict');
const sdk = require('ecommpay');
const qrsign = require('..');
const { signingVectors, callbackCases, rng } = require('./helpers');

const SECRET = 'oracle-secret';
const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-';
const TEXT = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:/+=&?#%-_', ...'ЁёОплатақазақ€😀'];

/** A random realistic payload of the shapes where the SDK is right (nulls only if `nulls`). */
function payload(r, nulls) {
  const key = () => Array.from({ length: r.int(1, 12) }, () => r.pick([...KEY_CHARS])).join('');
  const value = (depth) => {
    const kind = r.int(0, depth < 3 ? 7 : 4);
    if (kind === 0) return Array.from({ length: r.int(0, 30) }, () => r.pick(TEXT)).join('');
    if (kind === 1) return r.int(-1e12, 1e15);
    if (kind === 2) return r.int(0, 1) === 1;
    if (kind === 3) return r.int(0, 100) + r.pick([0.5, 0.25, 0.75]);
    if (kind === 4) return nulls ? null : 'null';
    if (kind === 5 || kind === 6) return Object.fromEntries(Array.from({ length: r.int(0, 6) }, () => [key(), value(depth + 1)]));
    return Array.from({ length: r.int(0, 10) }, () => value(depth + 1));
  };
  const doc = Object.fromEntries(Array.from({ length: r.int(1, 8) }, () => [key(), value(0)]));
  delete doc.signature;
  delete doc.frame_mode;
  return doc;
}

const payloads = (seed, n, nulls) => {
  const r = rng(seed);
  return Array.from({ length: n }, () => payload(r, nulls));
};

test('the SDK signs every vector it agrees with as the reference, and its own result where it disagrees', () => {
  let agreed = 0;
  for (const v of signingVectors().data) {
    const theirs = sdk.signer(JSON.parse(v.params_json), v.secret);
    if ((v.agreeing_sdks ?? []).includes('js')) {
      assert.equal(theirs, v.signature, v.id);
      assert.equal(qrsign.sign(v.params_json, v.secret), theirs, v.id);
      agreed++;
    } else if (v.by_sdk?.js?.signature) {
      assert.equal(theirs, v.by_sdk.js.signature, `${v.id}: the SDK's recorded result`);
      assert.notEqual(qrsign.sign(v.params_json, v.secret), theirs, `${v.id}: we differ from the SDK's mistake`);
    }
  }
  assert.ok(agreed >= 40, `${agreed} vectors`);
});

test('our signature equals the SDK\'s on 300 random payloads', () => {
  const docs = payloads(20261203, 300, true);
  const differ = docs.filter((d) => qrsign.sign(d, SECRET) !== sdk.signer(d, SECRET));
  assert.deepEqual(differ, []);
});

test('the SDK\'s Callback accepts our callbacks, we accept the SDK\'s', () => {
  const signer = new qrsign.Signer(SECRET);
  for (const doc of payloads(20261204, 200, false)) {
    const ours = signer.gateBody(doc);
    assert.doesNotThrow(() => new sdk.Callback(SECRET, ours), ours);
    const topLevel = JSON.stringify({ ...doc, signature: signer.sign(doc) });
    assert.doesNotThrow(() => new sdk.Callback(SECRET, topLevel), topLevel);
    const theirs = JSON.stringify({ ...doc, signature: sdk.signer(doc, SECRET) });
    assert.equal(signer.verifyCallback(theirs), 'signature');
    const wrong = JSON.stringify({ ...doc, signature: sdk.signer(doc, `${SECRET}x`) });
    assert.throws(() => signer.verifyCallback(wrong), (e) => e.code === 'SIGNATURE_MISMATCH');
    assert.throws(() => new sdk.Callback(SECRET, wrong), /Invalid signature/);
  }
  signer.close();
});

test('the SDK\'s Payment Page URL carries our signature', () => {
  const r = rng(20261205);
  for (let i = 0; i < 100; i++) {
    const params = {
      payment_id: `p-${r.int(1, 1e9)}`,
      payment_amount: r.int(5000000, 2000000000),
      payment_currency: r.pick(['UZS', 'KZT', 'EUR']),
      customer_id: Array.from({ length: r.int(1, 20) }, () => r.pick(TEXT)).join(''),
      force_payment_method: r.pick(['click_qr', 'card']),
    };
    const url = new URL(new sdk.Payment(r.int(1, 99999), SECRET, params).getUrl());
    const flat = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'signature')
      .map(([k, v]) => [k, k === 'project_id' || k === 'payment_amount' ? Number(v) : v]));
    const ours = new URL(qrsign.paymentPageUrl(flat, SECRET));
    assert.equal(ours.searchParams.get('signature'), url.searchParams.get('signature'));
  }
});

test('excluded: the SDK signs integers above 2^53 rounded (JSON.parse), we sign the text', () => {
  const text = '{"payment":{"id":"p1","amount":9007199254740993}}';
  const theirs = sdk.signer(JSON.parse(text), SECRET);
  assert.notEqual(qrsign.sign(text, SECRET), theirs);
  assert.equal(qrsign.sign(text.replace('993', '992'), SECRET), theirs, 'theirs is the rounded number\'s');
});

test('excluded: the SDK\'s Callback on the shared callback cases (throws on null, strips nested signature keys)', () => {
  for (const c of callbackCases().data) {
    let outcome = 'accepted';
    try {
      new sdk.Callback(c.secret, c.body_json); // eslint-disable-line no-new
    } catch (e) {
      outcome = `rejected (${e.name}: ${e.message})`;
    }
    const recorded = c.result_by_sdk?.js;
    if (recorded !== undefined) assert.equal(outcome, recorded, `${c.id}: the SDK as recorded`);
    assert.ok(['signature', 'general.signature'].includes(qrsign.verifyCallback(c.body_json, c.secret)), `${c.id}: we accept it`);
  }
  const withNull = JSON.stringify({ payment: { id: 'p1', status: 'decline' }, errors: null });
  const body = qrsign.gateBody(withNull, SECRET);
  assert.throws(() => new sdk.Callback(SECRET, body), TypeError);
  assert.equal(qrsign.verifyCallback(body, SECRET), 'general.signature');
});
