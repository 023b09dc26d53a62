'use strict';
// The JavaScript examples of README.md and bindings/README.md run as written, on a signed
// Click QR callback (the documentation's display_data).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const qrsign = require('..');
const { ROOT } = require('./helpers');

const SECRET = 'readme-secret';
const displayData = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'click-qr-display-data.json'), 'utf8');
const body = Buffer.from(qrsign.gateBody(`{"payment":{"id":"p47","status":"success"},"display_data":${displayData}}`, SECRET));

function examples(file) {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

for (const file of ['README.md', 'bindings/README.md']) {
  test(`the examples of ${file} run`, () => {
    const blocks = examples(file);
    assert.ok(blocks.length > 0);
    for (const code of blocks) {
      const req = (name) => {
        assert.ok(['qrsign', './bindings/node'].includes(name), `the example requires ${name}`);
        return qrsign;
      };
      const env = { PAYMENT_SECRET: SECRET };
      const run = new Function('require', 'process', 'requestBody', 'rawBody', 'console', code); // eslint-disable-line no-new-func
      run(req, { env }, body, body, { log: () => {} });
    }
  });
}
