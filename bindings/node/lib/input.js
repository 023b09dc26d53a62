'use strict';
// How the API's inputs become the bytes the C ABI reads: JSON text as given (number literals
// kept exactly), JavaScript values written once as JSON, text as UTF-8, flat parameters as an
// array of `qrsign_param` structs pointing into one buffer.

const abi = require('./abi');
const { QrsignError } = require('./errors');

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** UTF-8 of `text`; a lone surrogate (text with no UTF-8 form) is `INVALID_UTF8`. */
function textBytes(text) {
  if (!text.isWellFormed()) {
    const at = text.search(LONE_SURROGATE);
    throw QrsignError.of(abi.Status.INVALID_UTF8, { offset: Buffer.byteLength(text.slice(0, at), 'utf8') },
      `the text holds a lone surrogate at character ${at}`);
  }
  return Buffer.from(text, 'utf8');
}

/** The bytes of a `Buffer` / `Uint8Array` (no copy), or of a string's UTF-8. */
function bytes(value, what) {
  if (typeof value === 'string') return textBytes(value);
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`${what} is a string or a Buffer, not ${describe(value)}`);
}

// The bytes of one JSON input per call: small texts are written here instead of a new Buffer.
const jsonScratch = Buffer.alloc(16384);

/**
 * The JSON text to sign: a string or Buffer as given (so `9007199254740993` is signed as
 * written), a JavaScript object or array written as JSON.stringify writes it (the text a
 * merchant's HTTP client sends), `bigint` values as their exact digits. The result may be a
 * view of a scratch buffer: valid until the next call.
 */
function jsonBytes(params) {
  let text;
  if (typeof params === 'string') text = params;
  else if (params instanceof Uint8Array) return bytes(params, 'JSON');
  else if (params !== null && typeof params === 'object') text = stringify(params);
  if (typeof text !== 'string') {
    throw new TypeError(`expected an object, an array, or JSON as a string or Buffer, not ${describe(params)}`);
  }
  if (text.length * 3 > jsonScratch.length) return textBytes(text);
  if (!text.isWellFormed()) textBytes(text); // throws INVALID_UTF8 with the offset
  return jsonScratch.subarray(0, jsonScratch.write(text));
}

/** JSON.stringify(value), or toJson(value) when it holds a bigint (JSON.stringify refuses them). */
function stringify(value) {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (e instanceof TypeError && /BigInt/i.test(e.message)) return toJson(value);
    throw e;
  }
}

/** JSON.stringify's output, with `bigint` values written as their exact digits. */
function toJson(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (typeof value.toJSON === 'function') return toJson(value.toJSON());
      if (Array.isArray(value)) {
        const items = Array.from(value, (v) => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : toJson(v)));
        return `[${items.join(',')}]`;
      }
      const members = [];
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        members.push(`${JSON.stringify(k)}:${toJson(v)}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`${describe(value)} has no JSON form`);
  }
}

/** `QRSIGN_VALUE_*` of a flat parameter's value. */
const KIND = { str: 0, int: 1, bool: 2, null: 3 };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Flat parameters (`{name: value}`, in the object's order) as a packed array of
 * `qrsign_param`: `{ params, n }`. Every name and string value is copied into one buffer that
 * the structs point into; `params.bytes` references it, so it lives as long as `params` (which
 * the caller passes to the C function, so until the call has returned).
 */
function flatParams(params) {
  if (params === null || typeof params !== 'object' || Array.isArray(params) || params instanceof Uint8Array) {
    throw new TypeError(`flat parameters are an object of name: value, not ${describe(params)}`);
  }
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  const parts = entries.map(([name, value]) => [textBytes(name), flatValue(name, value)]);
  let total = 0;
  for (const [name, v] of parts) total += name.length + (v.text ? v.text.length : 0);
  const keep = Buffer.alloc(Math.max(total, 1));
  const base = abi.koffi.address(keep);
  const size = abi.koffi.sizeof(abi.Param);
  const packed = Buffer.alloc(Math.max(size * parts.length, 1));
  let at = 0;
  parts.forEach(([name, v], i) => {
    name.copy(keep, at);
    const param = { name: base + BigInt(at), name_len: name.length, kind: v.kind, str: null, str_len: 0, num: v.num };
    at += name.length;
    if (v.text) {
      v.text.copy(keep, at);
      param.str = base + BigInt(at);
      param.str_len = v.text.length;
      at += v.text.length;
    }
    abi.koffi.encode(packed, i * size, abi.Param, param);
  });
  packed.bytes = keep;
  return { params: packed, n: parts.length };
}

function flatValue(name, value) {
  if (value === null) return { kind: KIND.null, num: 0 };
  switch (typeof value) {
    case 'string':
      return { kind: KIND.str, text: textBytes(value), num: 0 };
    case 'boolean':
      return { kind: KIND.bool, num: value ? 1 : 0 };
    case 'bigint':
      if (value < INT64_MIN || value > INT64_MAX) {
        throw new RangeError(`parameter ${name}: ${value} is outside the 64-bit integers; pass it as a string`);
      }
      return { kind: KIND.int, num: value };
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(`parameter ${name}: ${value} is not an exact integer; pass it as a string (or a bigint)`);
      }
      return { kind: KIND.int, num: value };
    default:
      throw new TypeError(`parameter ${name}: a flat value is a string, number, bigint, boolean or null, not ${describe(value)}`);
  }
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a Buffer';
  return `a ${typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value}`;
}

module.exports = { textBytes, bytes, jsonBytes, flatParams };
