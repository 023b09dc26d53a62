'use strict';
// QR codes: the PNG read back pixel by pixel against the symbol's modules, PNG and SVG decoded
// by a real QR reader (zbarimg; rsvg-convert rasterises the SVG), the other renderers' formats,
// the options, and JetPay's data URI round trip.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');
const qrsign = require('..');
const { ROOT } = require('./helpers');

const TEXTS = ['https://example.uz/qr', 'HELLO WORLD 123', '0123456789', 'Оплата: 150 000,00 сум ✓'];

/** The chunks of a PNG, each CRC checked with zlib.crc32. */
function pngChunks(png) {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + len);
    assert.equal(png.readUInt32BE(at + 8 + len), zlib.crc32(png.subarray(at + 4, at + 8 + len)), `${type} CRC`);
    chunks.push({ type, body });
    at += 12 + len;
  }
  return chunks;
}

function tool(name) {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function zbar(file) {
  return execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').replace(/\n$/, '');
}

test('png(): 1-bit grayscale, every pixel the module it covers', () => {
  for (const text of TEXTS) {
    const code = qrsign.qr(text);
    const scale = 3;
    const border = 4;
    const side = (code.size + 2 * border) * scale;
    const chunks = pngChunks(code.png({ scale, border }));
    assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0].body;
    assert.deepEqual([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]], [side, side, 1, 0, 0, 0, 0]);
    const raw = zlib.inflateSync(chunks[1].body);
    const stride = Math.ceil(side / 8) + 1;
    assert.equal(raw.length, stride * side);
    const matrix = code.matrix;
    for (let y = 0; y < side; y++) {
      assert.equal(raw[y * stride], 0, 'filter type None');
      for (let x = 0; x < side; x++) {
        const white = (raw[y * stride + 1 + (x >> 3)] >> (7 - (x & 7))) & 1;
        const [mx, my] = [Math.floor(x / scale) - border, Math.floor(y / scale) - border];
        const dark = mx >= 0 && my >= 0 && mx < code.size && my < code.size && matrix[my][mx];
        assert.equal(white === 0, dark, `pixel (${x}, ${y})`);
      }
    }
  }
});

test('png() and svg() decode to the text with a real QR reader (zbarimg, rsvg-convert)', { skip: !(tool('zbarimg') && tool('rsvg-convert')) && 'zbarimg or rsvg-convert missing (scripts/deps.sh installs them)' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrsign-node-'));
  try {
    for (const text of TEXTS) {
      const code = qrsign.qr(text);
      const png = path.join(dir, 'code.png');
      fs.writeFileSync(png, code.png({ scale: 4 }));
      assert.equal(zbar(png), text, 'PNG');
      const svg = path.join(dir, 'code.svg');
      fs.writeFileSync(svg, code.svg({ scale: 4 }));
      execFileSync('rsvg-convert', ['-o', path.join(dir, 'svg.png'), svg], { stdio: ['ignore', 'ignore', 'ignore'] });
      assert.equal(zbar(path.join(dir, 'svg.png')), text, 'SVG');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('properties and options: version, size, ECC, mask, modes', () => {
  const code = qrsign.qr('https://example.uz/qr');
  assert.equal(code.size, 4 * code.version + 17);
  assert.ok(['M', 'Q', 'H'].includes(code.ecc), 'M or boosted');
  assert.equal(qrsign.qr('https://example.uz/qr', { boostEcc: false }).ecc, 'M');
  assert.equal(qrsign.qr('HELLO WORLD', { ecc: 'Q' }).version, 1, 'alphanumeric mode: 11 characters fit version 1-Q');
  assert.ok(qrsign.qr(Buffer.from('HELLO WORLD'.repeat(3)), { ecc: 'H' }).version >
    qrsign.qr('HELLO WORLD'.repeat(3), { ecc: 'H' }).version, 'a Buffer is byte mode, bigger than alphanumeric');
  for (let mask = 0; mask < 8; mask++) assert.equal(qrsign.qr('x', { mask }).mask, mask);
  assert.equal(qrsign.qr('x', { minVersion: 7 }).version, 7);
  const m = code.matrix;
  for (const [x, y] of [[0, 0], [6, 0], [0, 6], [code.size - 1, 0], [0, code.size - 1]]) assert.equal(m[y][x], true, 'finder corners');
  assert.equal(m[7][7], false, 'finder separator');
  assert.throws(() => code.isDark(code.size, 0), RangeError);
});

test('svg(), terminal(), escpos(), pbm(): their formats and sizes', () => {
  const code = qrsign.qr('https://example.uz/qr');
  const side = code.size + 8;
  const svg = code.svg({ scale: 2 });
  assert.match(svg, new RegExp(`^<svg [^>]*width="${side * 2}" height="${side * 2}"`));
  assert.ok(svg.includes('<path'));
  const term = code.terminal();
  assert.equal(term.split('\n').filter(Boolean).length, Math.ceil((code.size + 4) / 2));
  const esc = code.escpos({ scale: 2, border: 4 });
  const px = side * 2;
  assert.deepEqual([...esc.subarray(0, 4)], [0x1d, 0x76, 0x30, 0x00]);
  assert.equal(esc.readUInt16LE(4), Math.ceil(px / 8));
  assert.equal(esc.readUInt16LE(6), px);
  assert.equal(esc.length, 8 + Math.ceil(px / 8) * px);
  const pbm = code.pbm();
  const header = `P4\n${side} ${side}\n`;
  assert.equal(pbm.toString('latin1', 0, header.length), header);
  const bits = pbm.subarray(header.length);
  const stride = Math.ceil(side / 8);
  assert.equal(bits.length, stride * side);
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      const bit = (bits[(y + 4) * stride + ((x + 4) >> 3)] >> (7 - ((x + 4) & 7))) & 1;
      assert.equal(bit === 1, code.isDark(x, y));
    }
  }
  assert.equal(code.render('pbm-ascii').toString('latin1', 0, 2), 'P1');
});

test('decodeImgSrc: a generate-qr response or a bare data URI gives back the PNG', () => {
  const png = qrsign.qr('https://example.uz/qr').png();
  const uri = `data:image/png;base64,${png.toString('base64')}`;
  assert.deepEqual(qrsign.decodeImgSrc(JSON.stringify({ img_src: uri })), png);
  assert.deepEqual(qrsign.decodeImgSrc(`{"img_src":"${uri.replace('/', '\\/')}"}`), png, 'escaped slash, as JSON writers do');
  assert.deepEqual(qrsign.decodeImgSrc(uri), png);
  // The documentation's example has its base64 elided with "...": not a data URI.
  const doc = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'jetpay-generate-qr-response.json'));
  assert.throws(() => qrsign.decodeImgSrc(doc), (e) => e.code === 'INVALID_DATA_URI' && Number.isInteger(e.offset));
});
