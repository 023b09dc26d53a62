'use strict';
// The package's API: exact number literals, the Signer's life (close, FinalizationRegistry),
// strict mode and sort orders, outputs larger than the first buffer, Payment Page URLs, Gate
// bodies, diagnosis, display data, amounts, worker threads.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { Worker } = require('node:worker_threads');
const qrsign = require('..');
const { keyStorage, oneShotStorage } = require('../lib/signer');
const { ROOT } = require('./helpers');

const K = 'secret';
const data = (name) => fs.readFileSync(path.join(ROOT, 'tests', 'data', name));

test('JSON text is signed as written: integers above 2^53 exact', () => {
  const signer = new qrsign.Signer(K);
  assert.equal(signer.sign('{"id":9007199254740993}'), signer.signCanonical('id:9007199254740993'));
  assert.notEqual(signer.sign('{"id":9007199254740993}'), signer.sign('{"id":9007199254740992}'));
  const text = '{"order_id":9007199254740993,"n":[9223372036854775807]}';
  assert.equal(qrsign.canonical(text), 'n:0:9223372036854775807;order_id:9007199254740993');
  assert.notEqual(qrsign.canonical(JSON.stringify(JSON.parse(text))), qrsign.canonical(text), 'JSON.parse would round');
  // Beyond 64 bits the platform (PHP) signs the float it parses, as the library does.
  assert.equal(qrsign.canonical('{"big":123456789012345678901234567890}'), 'big:1.2345678901235E+29');
  // A JavaScript object goes through its values: bigint exact, numbers as JavaScript prints them.
  assert.equal(signer.sign({ id: 9007199254740993n }), signer.sign('{"id":9007199254740993}'));
  assert.equal(qrsign.canonical({ a: 1.5, b: [true, null], c: { d: 'x' }, e: undefined, frame_mode: 'popup' }),
    'a:1.5;b:0:1;b:1:;c:d:x');
  signer.close();
});

test('a container nested in another with more members than half the node table (SECURITY.md, fixed 2026-12-03)', () => {
  // 300 members inside `d`: once a hang in verifyCallback (natural order) or a false DUPLICATE_KEY.
  const items = Array.from({ length: 300 }, (_, i) => i % 7);
  const body = JSON.stringify({ p: { id: '1' }, d: items });
  // Natural order: `d`'s indices numerically, then `p`.
  assert.equal(qrsign.canonical(body), [...items.map((v, i) => `d:${i}:${v}`), 'p:id:1'].join(';'));
  const signer = new qrsign.Signer(K);
  const signed = JSON.stringify({ signature: signer.sign(body), p: { id: '1' }, d: items });
  assert.equal(signer.verifyCallback(signed), 'signature');
  assert.throws(() => signer.verifyCallback(signed.replace(',6,', ',5,')), { code: 'SIGNATURE_MISMATCH' });
  signer.close();
});

test('JSON as a string, a Buffer, a Uint8Array or an object signs the same', () => {
  const text = '{"payment":{"id":"000049","status":"success"}}';
  const want = qrsign.sign(text, K);
  assert.equal(want, '/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng==',
    'the Python package\'s documented example');
  assert.equal(qrsign.sign(Buffer.from(text), K), want);
  assert.equal(qrsign.sign(new Uint8Array(Buffer.from(text)), K), want);
  assert.equal(qrsign.sign(JSON.parse(text), K), want);
  assert.equal(qrsign.sign(text, new TextEncoder().encode(K)), want, 'the secret as bytes');
});

test('close() wipes the key: its storage is all zeros and the Signer refuses to work', () => {
  const signer = new qrsign.Signer(K);
  const key = keyStorage(signer);
  assert.ok(key.some((b) => b !== 0), 'an initialised key holds state');
  assert.equal(key.byteOffset % 8, 0, 'aligned like uint64_t');
  assert.equal(signer.closed, false);
  signer.close();
  assert.equal(signer.closed, true);
  assert.ok(key.every((b) => b === 0), 'wiped');
  assert.throws(() => signer.sign({}), (e) => e.code === 'INVALID_ARGUMENT');
});

test('a Signer dropped without close() is wiped by the FinalizationRegistry', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const keys = (() => {
    const signers = Array.from({ length: 8 }, () => new qrsign.Signer(K));
    signers.forEach((s) => s.sign({ a: 1 }));
    return signers.map(keyStorage);
  })();
  assert.ok(keys.every((k) => k.some((b) => b !== 0)));
  for (let i = 0; i < 100 && !keys.every((k) => k.every((b) => b === 0)); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(keys.every((k) => k.every((b) => b === 0)), 'every dropped key wiped');
});

test('one-shot functions wipe their key after success and after failure', () => {
  const key = oneShotStorage();
  const body = qrsign.gateBody({ a: 1 }, K);
  assert.ok(key.every((b) => b === 0), 'after gateBody');
  assert.equal(qrsign.verifyCallback(body, K), 'general.signature');
  assert.ok(key.every((b) => b === 0), 'after verifyCallback');
  assert.throws(() => qrsign.verifyCallback(body, 'other'), (e) => e.code === 'SIGNATURE_MISMATCH');
  assert.ok(key.every((b) => b === 0), 'after a mismatch');
  assert.throws(() => qrsign.sign('{', K), (e) => e.code === 'MALFORMED_JSON');
  assert.ok(key.every((b) => b === 0), 'after malformed JSON');
});

test('a status newer than the package: QrsignError with code UNKNOWN and the library\'s generic message', () => {
  const { QrsignError } = require('../lib/errors');
  const e = QrsignError.of(4321, {});
  assert.deepEqual([e.status, e.code, e instanceof Error], [4321, 'UNKNOWN', true]);
  assert.equal(e.message, require('../lib/call').fns.qrsign_status_str(4321));
});

test('Signer: sort and strict options, read back from the key', () => {
  for (const sort of ['natural', 'path-bytewise', 'line-bytewise']) {
    const signer = new qrsign.Signer(K, { sort });
    assert.equal(signer.sort, sort);
    assert.equal(signer.strict, false);
    signer.close();
  }
  const strict = new qrsign.Signer(K, { strict: true });
  assert.equal(strict.strict, true);
  strict.close();
  // Array indices past 9: natural order sorts 2 before 10, the byte orders do not.
  const doc = { a: Array.from({ length: 12 }, (_, i) => i) };
  assert.match(qrsign.canonical(doc), /a:9:9;a:10:10/);
  assert.match(qrsign.canonical(doc, { sort: 'path-bytewise' }), /a:1:1;a:10:10;a:11:11;a:2:2/);
  assert.notEqual(qrsign.sign(doc, K), qrsign.sign(doc, K, { sort: 'line-bytewise' }));
  assert.equal(qrsign.verify(doc, qrsign.sign(doc, K, { sort: 'line-bytewise' }), K, { sort: 'line-bytewise' }), true);
});

test('outputs larger than the first buffer (4 KiB) come back whole: the second call of the size protocol', () => {
  const values = Array.from({ length: 120 }, (_, i) => `value-${i}-${'x'.repeat(40)}`);
  const doc = Object.fromEntries(values.map((v, i) => [`k${String(i).padStart(3, '0')}`, v]));
  const want = Object.entries(doc).map(([k, v]) => `${k}:${v}`).join(';');
  assert.ok(want.length > 4096);
  assert.equal(qrsign.canonical(doc), want);
  const body = qrsign.gateBody(doc, K);
  assert.ok(body.length > 4096);
  assert.equal(qrsign.verifyCallback(body, K), 'general.signature');
  const url = qrsign.paymentPageUrl(doc, K);
  assert.equal(new URL(url).searchParams.get('k119'), values[119]);
  assert.equal(qrsign.canonicalParams(doc), want);
});

test('paymentPageUrl: parameters in order, form-encoded, frame_mode not signed, signature last', () => {
  const params = { project_id: 1234, payment_id: 'p 47&x', payment_amount: 20000000n, payment_currency: 'UZS', frame_mode: 'popup', flag: true, none: null };
  const url = new URL(qrsign.paymentPageUrl(params, K));
  assert.equal(url.origin + url.pathname, qrsign.ECOMMPAY_PAYMENT_PAGE);
  const got = [...url.searchParams];
  assert.deepEqual(got.map(([k]) => k), ['project_id', 'payment_id', 'payment_amount', 'payment_currency', 'flag', 'none', 'signature'],
    'frame_mode is not sent either');
  assert.equal(url.searchParams.get('payment_id'), 'p 47&x');
  const { frame_mode: _, ...signed } = params;
  assert.equal(url.searchParams.get('signature'), qrsign.sign({ ...signed, payment_amount: 20000000 }, K));
  const jetpay = new URL(qrsign.generateQrUrl({ project_id: 1 }, K));
  assert.equal(jetpay.origin + jetpay.pathname, qrsign.JETPAY_GENERATE_QR);
  assert.match(qrsign.paymentPageUrl({ a: 1 }, K, { base: 'https://x.test/p?lang=uz' }), /^https:\/\/x\.test\/p\?lang=uz&a=1&signature=/);
});

test('gateBody: general.signature added or replaced, every other byte kept', () => {
  const text = '{ "general": {"project_id": 1,  "payment_id":"p1"}, "amount":1.50 }';
  const body = qrsign.gateBody(text, K);
  const sig = qrsign.sign(text, K);
  assert.equal(body, text.replace('{"project_id"', `{"signature":"${sig}","project_id"`));
  assert.equal(qrsign.gateBody(body, K), body, 'signing again replaces the signature with the same one');
  assert.equal(qrsign.verifyCallback(body, K), 'general.signature');
  assert.equal(JSON.parse(qrsign.gateBody('{"a":1}', K)).general.signature, qrsign.sign('{"a":1}', K));
});

test('verifyCallback on the 1.6 KB Click QR callback (signed by an independent route)', () => {
  const body = data('click-qr-callback.json');
  assert.ok(['signature', 'general.signature'].includes(qrsign.verifyCallback(body, 'demo-secret')));
  assert.equal(qrsign.canonical(body, { callback: true }), data('click-qr-callback.canonical.txt').toString().trimEnd());
  assert.throws(() => qrsign.verifyCallback(body, 'demo-secreT'), (e) => e.code === 'SIGNATURE_MISMATCH');
});

test('diagnose: the orders that reproduce a signature, the canonical string, the location', () => {
  const doc = { a: Array.from({ length: 12 }, (_, i) => i) };
  const sorts = ['natural', 'path-bytewise', 'line-bytewise'];
  for (const signed of sorts) {
    const same = sorts.filter((o) => qrsign.canonical(doc, { sort: o }) === qrsign.canonical(doc, { sort: signed }));
    const d = qrsign.diagnose(doc, qrsign.sign(doc, K, { sort: signed }), K);
    assert.deepEqual([d.matched, d.matching, d.order, d.location], [true, same, same[0], null], signed);
    assert.equal(d.canonical, qrsign.canonical(doc, { sort: signed }));
  }
  assert.equal(new Set(sorts.map((o) => qrsign.canonical(doc, { sort: o }))).size, 3, 'the three orders differ here');
  const none = qrsign.diagnose(doc, qrsign.sign(doc, 'other'), K);
  assert.deepEqual([none.matched, none.matching, none.order], [false, [], null]);
  assert.equal(none.canonical, qrsign.canonical(doc));
  const cb = new qrsign.Signer(K).diagnose(qrsign.gateBody(doc, K));
  assert.deepEqual([cb.matched, cb.location], [true, 'general.signature']);
});

test('displayData: the documentation\'s display_data, escapes decoded', () => {
  const array = data('click-qr-display-data.json');
  assert.deepEqual(qrsign.displayData(array), {
    qr_data: 'https://example.uz/qr', amount: '4100000', currency: 'UZS', receiver_name: 'John Doe',
    receiver_account: '998932145678', bank_name: 'Example Bank', lifetime: 600,
  });
  const body = `{"payment":{"id":"p"},"display_data":${array}}`;
  assert.equal(qrsign.displayData(body).qr_data, 'https://example.uz/qr');
  const escaped = '[{"type":"add_info","title":"qr_data","data":"https:\\/\\/x.uz\\/\\u0411"}]';
  assert.deepEqual(qrsign.displayData(escaped), {
    qr_data: 'https://x.uz/Б', amount: null, currency: null, receiver_name: null, receiver_account: null, bank_name: null, lifetime: null,
  });
});

test('findField: every value of the Click QR callback, as JSON.parse reads it', () => {
  const body = data('click-qr-callback.json');
  const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'boolean' ? String(v)
    : typeof v === 'object' ? 'object' : typeof v);
  let checked = 0;
  const walk = (value, path) => {
    const found = qrsign.findField(body, path);
    assert.equal(found.kind, kindOf(value), path);
    if (typeof value === 'string') assert.equal(found.text, value, path);
    else assert.deepEqual(JSON.parse(found.text), value, path);
    checked += 1;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
    }
  };
  walk(JSON.parse(body), '');
  assert.ok(checked > 20, `${checked} values`);
  assert.deepEqual(qrsign.findField(Buffer.from('{"a":{"b":"x\\/\\u0411"}}'), 'a.b'), { kind: 'string', text: 'x/Б' });
});

test('amounts: minor digits, parsing, the Click QR range', () => {
  assert.deepEqual(['UZS', 'JPY', 'KWD'].map(qrsign.minorDigits), [2, 0, 3]);
  for (const text of ['150000.00', '150,000.00', '150 000.5', '150000']) {
    assert.equal(qrsign.toMinorUnits(text, 'UZS'), text === '150 000.5' ? 15000050n : 15000000n, text);
  }
  assert.equal(qrsign.toMinorUnits('18446744073709551615', 'JPY'), 2n ** 64n - 1n, 'exact above 2^53');
  assert.equal(qrsign.checkClickQr(5000000), 5000000);
  assert.equal(qrsign.checkClickQr(2000000000n), 2000000000n);
});

test('worker threads: each loads the library and signs the same', async () => {
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    const qrsign = require(workerData.pkg);
    const signer = new qrsign.Signer('secret');
    const out = [];
    for (let i = 0; i < 200; i++) out.push(signer.sign({ i, worker: workerData.n }));
    signer.close();
    parentPort.postMessage(out);`;
  const pkg = path.resolve(__dirname, '..');
  const results = await Promise.all([0, 1, 2].map((n) => new Promise((resolve, reject) => {
    const w = new Worker(script, { eval: true, workerData: { pkg, n } });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  results.forEach((sigs, n) => {
    sigs.forEach((sig, i) => assert.equal(sig, qrsign.sign({ i, worker: n }, K)));
  });
});
