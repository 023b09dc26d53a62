'use strict';
// Shared by the tests: the repository's paths and the vector files (tests/vectors/, copied from
// the project's shared reference material; QRSIGN_VECTORS / QRSIGN_CALLBACK_CASES name files of
// the same format to check instead, as for the Rust and C vector tests).

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

function readJson(envName, fallback) {
  const file = process.env[envName] || path.join(ROOT, 'tests', 'vectors', fallback);
  return { file, data: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

/** The signing vectors: `{ file, data: [{ id, secret, params_json, canonical, signature, ... }] }`. */
const signingVectors = () => readJson('QRSIGN_VECTORS', 'signing-vectors.json');
/** The callback cases: `{ file, data: [{ id, secret, body_json, result_by_sdk, ... }] }`. */
const callbackCases = () => readJson('QRSIGN_CALLBACK_CASES', 'callback-cases.json');

/** A seeded PRNG (mulberry32): the same payloads on every run. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (items) => items[Math.floor(next() * items.length)];
  return next;
}

module.exports = { ROOT, signingVectors, callbackCases, rng };
