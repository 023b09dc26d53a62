'use strict';
// Every shared signing vector and callback case through the package, byte for byte: the
// canonical string, the signature, verification, the compatibility orders where the file gives
// them, and the flat-parameter path (canonicalParams, paymentPageUrl) for the flat vectors.

const test = require('node:test');
const assert = require('node:assert/strict');
const qrsign = require('..');
const { signingVectors, callbackCases } = require('./helpers');

const vectors = signingVectors();
const cases = callbackCases();

// The SDK whose canonical string defines each compatibility order (as tests/vectors.rs).
const ORDER_SDK = { 'path-bytewise': 'python-git-head', 'line-bytewise': 'go' };

/** The canonical string the file expects under `sort`, if it says (as tests/vectors.rs). */
function expectedCanonical(v, sort) {
  const sdk = ORDER_SDK[sort];
  if ((v.agreeing_sdks ?? []).includes(sdk)) return v.canonical;
  const theirs = v.by_sdk?.[sdk]?.canonical;
  const lines = (s) => s.split(';').sort().join(';');
  return theirs !== undefined && lines(theirs) === lines(v.canonical) ? theirs : undefined;
}

/** The vector as flat parameters when it is one (top-level scalars that survive JSON.parse). */
function flatParams(v) {
  const parsed = JSON.parse(v.params_json);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  for (const value of Object.values(parsed)) {
    if (value !== null && typeof value === 'object') return undefined;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) return undefined;
  }
  // Number literals must survive the parse as written (`1.0` is not the integer 1).
  if (qrsign.canonical(JSON.stringify(parsed)) !== qrsign.canonical(v.params_json)) return undefined;
  return parsed;
}

test(`the vector file ${vectors.file} holds vectors`, () => {
  assert.ok(vectors.data.length > 0);
});

for (const v of vectors.data) {
  test(`vector ${v.id}`, () => {
    const json = v.params_json;
    assert.deepEqual(Buffer.from(qrsign.canonical(json)), Buffer.from(v.canonical, 'utf8'), 'canonical string');
    assert.deepEqual(Buffer.from(qrsign.canonical(Buffer.from(json))), Buffer.from(v.canonical, 'utf8'));
    assert.equal(qrsign.sign(json, v.secret), v.signature, 'signature (JSON text)');
    assert.equal(qrsign.sign(Buffer.from(json), Buffer.from(v.secret)), v.signature, 'signature (Buffers)');
    const signer = new qrsign.Signer(v.secret);
    try {
      assert.equal(signer.sign(json), v.signature);
      assert.equal(signer.signCanonical(v.canonical), v.signature, 'signature of the canonical string');
      assert.equal(signer.verify(json, v.signature), true);
      assert.equal(qrsign.verify(json, v.signature, v.secret), true);
      const other = (v.signature[0] === 'A' ? 'B' : 'A') + v.signature.slice(1);
      assert.equal(signer.verify(json, other), false, 'another signature');
      assert.equal(qrsign.verify(json, v.signature, `${v.secret}x`), false, 'another secret');
    } finally {
      signer.close();
    }
    for (const sort of Object.keys(ORDER_SDK)) {
      const want = expectedCanonical(v, sort);
      if (want === undefined) continue;
      assert.equal(qrsign.canonical(json, { sort }), want, `canonical string, ${sort}`);
      const theirs = qrsign.sign(json, v.secret, { sort });
      const d = qrsign.diagnose(json, theirs, v.secret);
      assert.ok(d.matching.includes(sort), `diagnose names ${sort}`);
    }
    const flat = flatParams(v);
    if (flat !== undefined) {
      assert.equal(qrsign.canonicalParams(flat), v.canonical, 'canonical string of the flat parameters');
      const url = new URL(qrsign.paymentPageUrl(flat, v.secret));
      assert.equal(url.searchParams.get('signature'), v.signature, 'signature in the Payment Page URL');
    }
  });
}

test(`the callback file ${cases.file} holds cases`, () => {
  assert.ok(cases.data.length > 0);
});

for (const c of cases.data) {
  test(`callback case ${c.id}`, () => {
    const body = c.body_json;
    const want = 'signature' in JSON.parse(body) ? 'signature' : 'general.signature';
    assert.equal(qrsign.verifyCallback(body, c.secret), want);
    assert.equal(qrsign.verifyCallback(Buffer.from(body), c.secret), want);
    const signer = new qrsign.Signer(c.secret);
    assert.equal(signer.verifyCallback(body), want);
    assert.equal(signer.diagnose(body).location, want);
    assert.throws(() => qrsign.verifyCallback(body, `${c.secret}x`),
      (e) => e instanceof qrsign.QrsignError && e.status === qrsign.Status.SIGNATURE_MISMATCH);
    // The same bytes with one member more: the signature no longer matches.
    const tampered = body.replace('{', '{"tampered":"yes",');
    assert.throws(() => signer.verifyCallback(tampered), (e) => e.code === 'SIGNATURE_MISMATCH');
    signer.close();
  });
}
