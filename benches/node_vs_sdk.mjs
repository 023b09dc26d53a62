// qrsign's Node.js package (bindings/node, over libqrsign.so with koffi) against the official
// npm SDK `ecommpay` 0.1.7, interleaved in one process (`make bench-node`): signing the
// 10-parameter Payment Page request, and verifying the 1.6 KB Click QR callback
// (tests/data/click-qr-callback.json). Each of ROUNDS rounds times a batch of each contestant
// back to back, alternating which goes first, and keeps their ratio (the SDK's time / ours:
// above 1 is faster); the median and quartiles over the rounds are printed.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'bindings', 'node', 'package.json'));
const qrsign = require('./index.js');
const sdk = require('ecommpay');

const ROUNDS = Number(process.env.ROUNDS ?? 201);
const BATCH = Number(process.env.BATCH ?? 200);
const SECRET = 'demo-secret';
const PARAMS = {
  project_id: 1234, payment_id: 'payment_47', customer_id: 'customer_123',
  customer_first_name: 'John', customer_last_name: 'Doe', customer_email: 'johndoe@example.com',
  payment_currency: 'UZS', payment_amount: 20000000, force_payment_method: 'sbp-qr', language_code: 'uz',
};
const CALLBACK = readFileSync(path.join(ROOT, 'tests', 'data', 'click-qr-callback.json'), 'utf8');

const signer = new qrsign.Signer(SECRET);
// The contestants compute the same thing: checked before timing.
if (signer.sign(PARAMS) !== sdk.signer(PARAMS, SECRET)) throw new Error('the signatures differ');
signer.verifyCallback(CALLBACK);
new sdk.Callback(SECRET, CALLBACK); // eslint-disable-line no-new

function time(fn) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH; i++) fn();
  return Number(process.hrtime.bigint() - start) / BATCH;
}

function compare(ours, theirs) {
  for (let i = 0; i < 20; i++) { ours(); theirs(); } // warm-up: JIT, koffi's call paths
  const ratios = [];
  const oursNs = [];
  const theirsNs = [];
  for (let r = 0; r < ROUNDS; r++) {
    let a;
    let b;
    if (r % 2 === 0) { a = time(ours); b = time(theirs); } else { b = time(theirs); a = time(ours); }
    ratios.push(b / a);
    oursNs.push(a);
    theirsNs.push(b);
  }
  const q = (xs, p) => [...xs].sort((x, y) => x - y)[Math.floor(p * (xs.length - 1))];
  return { ratio: q(ratios, 0.5), q1: q(ratios, 0.25), q3: q(ratios, 0.75), ours: q(oursNs, 0.5), theirs: q(theirsNs, 0.5) };
}

const cases = [
  ['sign 10 Payment Page params (Signer reused)', () => signer.sign(PARAMS), () => sdk.signer(PARAMS, SECRET)],
  ['sign 10 Payment Page params (key from the secret each call)', () => qrsign.sign(PARAMS, SECRET), () => sdk.signer(PARAMS, SECRET)],
  ['verify the 1.6 KB Click QR callback (Signer reused)', () => signer.verifyCallback(CALLBACK), () => new sdk.Callback(SECRET, CALLBACK)],
  ['verify the 1.6 KB Click QR callback (key from the secret each call)', () => qrsign.verifyCallback(CALLBACK, SECRET), () => new sdk.Callback(SECRET, CALLBACK)],
];

console.log(`node ${process.version}, ${ROUNDS} rounds of ${BATCH} calls; ratio = SDK time / qrsign time (above 1: qrsign faster)\n`);
console.log('| case | qrsign | ecommpay SDK | ratio (median) | quartiles |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, ours, theirs] of cases) {
  const r = compare(ours, theirs);
  const us = (ns) => `${(ns / 1000).toFixed(2)} µs`;
  console.log(`| ${name} | ${us(r.ours)} | ${us(r.theirs)} | **${r.ratio.toFixed(2)}x** | ${r.q1.toFixed(2)}x–${r.q3.toFixed(2)}x |`);
}
signer.close();
