'use strict';
// QR codes: `qr(text)` encodes (qrsign_qr_encode_text / _binary) and `QrCode` renders
// (qrsign_qr_render) as SVG, terminal text, an ESC/POS raster or PBM; PNG is the library's
// 1-bit bitmap in a PNG container (zlib from Node).

const zlib = require('node:zlib');
const abi = require('./abi');
const { fns, detail, check, output } = require('./call');
const { bytes } = require('./input');
const { QrsignError } = require('./errors');

const ECC_NAMES = Object.keys(abi.Ecc);

/** An encoded QR symbol (the library's symbol buffer) and its properties. */
class QrCode {
  #symbol;

  constructor(symbol, info) {
    this.#symbol = symbol;
    /** 1..40. */
    this.version = info.version;
    /** Modules on a side: 4 x version + 17. */
    this.size = info.size;
    /** The mask pattern used, 0..7. */
    this.mask = info.mask;
    /** The error-correction level used ('L', 'M', 'Q', 'H'; may be above the one asked). */
    this.ecc = ECC_NAMES[info.ecc];
  }

  /** Whether module (x, y) is dark; (0, 0) is the top-left corner. */
  isDark(x, y) {
    if (!(Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < this.size && y < this.size)) {
      throw new RangeError(`module (${x}, ${y}) is outside a ${this.size}x${this.size} symbol`);
    }
    const dark = [false];
    check(fns.qrsign_qr_get_module(this.#symbol, this.#symbol.length, x, y, dark, detail));
    return dark[0];
  }

  /** Rows of modules, top to bottom; true is dark. */
  get matrix() {
    return Array.from({ length: this.size }, (_, y) => Array.from({ length: this.size }, (_, x) => this.isDark(x, y)));
  }

  /** The symbol drawn in one of the library's formats (a Buffer). */
  render(format, { scale = 1, border = 4, invert = false } = {}) {
    const code = abi.RenderFormat[format];
    if (code === undefined || !Object.hasOwn(abi.RenderFormat, format)) {
      throw new TypeError(`format is one of ${Object.keys(abi.RenderFormat).join(', ')}, not ${String(format)}`);
    }
    const opts = { scale: uint32(scale, 'scale'), quiet_zone: uint32(border, 'border'), invert: Boolean(invert) };
    const s = this.#symbol;
    return Buffer.from(output((o, len, w, d) => fns.qrsign_qr_render(s, s.length, code, opts, o, len, w, d)));
  }

  /** An SVG document: one path, `scale` user units a module, `border` modules of quiet zone. */
  svg({ scale = 1, border = 4 } = {}) {
    return this.render('svg', { scale, border }).toString('utf8');
  }

  /** A 1-bit grayscale PNG, `scale` pixels a module. */
  png({ scale = 8, border = 4 } = {}) {
    // The bitmap with `invert`: 1 bits are light, which is PNG's grayscale (1 = white).
    const bitmap = this.render('bitmap', { scale, border, invert: true });
    const side = (this.size + 2 * border) * scale;
    return encodePng(bitmap, side);
  }

  /** Text for a terminal, two module rows a line; `invert` for light text on dark. */
  terminal({ invert = false, border = 2 } = {}) {
    return this.render('terminal', { scale: 1, border, invert }).toString('utf8');
  }

  /** An ESC/POS `GS v 0` raster command for a receipt printer, `scale` dots a module. */
  escpos({ scale = 6, border = 4 } = {}) {
    return this.render('escpos', { scale, border });
  }

  /** A binary PBM (P4) image. */
  pbm({ scale = 1, border = 4 } = {}) {
    return this.render('pbm', { scale, border });
  }
}

function uint32(value, name) {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw QrsignError.of(abi.Status.INVALID_QR_OPTION, {}, `${name} is a non-negative integer, not ${value}`);
  }
  return value;
}

/**
 * Encodes `data`: a string in the densest mode (numeric, alphanumeric or byte), a Buffer in
 * byte mode; the smallest version in minVersion..maxVersion that fits, the mask with the lowest
 * penalty unless `mask` is given, the ECC raised while it costs no version.
 */
function qr(data, { ecc = 'M', minVersion = 1, maxVersion = 40, mask = null, boostEcc = true } = {}) {
  if (!Object.hasOwn(abi.Ecc, ecc)) throw QrsignError.of(abi.Status.INVALID_QR_OPTION, {}, `ecc is one of L, M, Q, H, not ${String(ecc)}`);
  const opts = {
    ecc: abi.Ecc[ecc],
    min_version: uint32(minVersion, 'minVersion'),
    max_version: uint32(maxVersion, 'maxVersion'),
    mask: mask === null ? -1 : uint32(mask, 'mask'),
    boost_ecc: Boolean(boostEcc),
  };
  const raw = bytes(data, 'QR data');
  const encode = typeof data === 'string' ? fns.qrsign_qr_encode_text : fns.qrsign_qr_encode_binary;
  const tmp = Buffer.alloc(abi.QR_BUFFER_LEN_MAX);
  const symbol = Buffer.alloc(abi.QR_BUFFER_LEN_MAX);
  check(encode(raw, raw.length, opts, tmp, tmp.length, symbol, symbol.length, detail));
  const info = {};
  check(fns.qrsign_qr_get_info(symbol, symbol.length, info, detail));
  // Keep only the bytes of this version's symbol (QRSIGN_QR_BUFFER_LEN(version)).
  const len = Math.floor((info.size * info.size + 7) / 8) + 1;
  return new QrCode(Buffer.from(symbol.subarray(0, len)), info);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of a 1-bit grayscale image: `side` x `side`, rows of (side + 7) / 8 bytes. */
function encodePng(bitmap, side) {
  const stride = Math.ceil(side / 8);
  const raw = Buffer.alloc((stride + 1) * side);
  for (let y = 0; y < side; y++) bitmap.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

module.exports = { qr, QrCode };
