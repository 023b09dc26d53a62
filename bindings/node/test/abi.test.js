'use strict';
// The package's ABI tables against include/qrsign.h: every QRSIGN_* status with the same
// value (no more, no fewer), the enumerations, the sizes and the version of the loaded library.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const qrsign = require('..');
const abi = require('../lib/abi');
const { ROOT } = require('./helpers');

const header = fs.readFileSync(path.join(ROOT, 'include', 'qrsign.h'), 'utf8');

/** `NAME = value` members of `enum name { ... }` in the header. */
function enumMembers(name) {
  const body = header.match(new RegExp(`enum ${name}\\b[^{]*\\{([^}]*)\\}`));
  assert.ok(body, `enum ${name} in the header`);
  const text = body[1].replace(/\/\*[\s\S]*?\*\//g, '');
  return Object.fromEntries([...text.matchAll(/(QRSIGN_\w+)\s*=\s*(-?\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

function define(name) {
  const m = header.match(new RegExp(`#define ${name} (\\d+)\\b`));
  assert.ok(m, `#define ${name} in the header`);
  return Number(m[1]);
}

/** The JS table's entries under the header's names (`prefix` + NAME). */
function asHeader(table, prefix, rename = (k) => k) {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [prefix + rename(k), v]));
}

test('Status lists exactly every QRSIGN_* status of the header, with its value', () => {
  const want = enumMembers('qrsign_status');
  assert.ok(Object.keys(want).length >= 27, 'the header has the statuses');
  assert.equal(want.QRSIGN_ERR_AMBIGUOUS_VALUE, 206);
  const ours = asHeader(qrsign.Status, 'QRSIGN_', (k) => (k === 'OK' ? k : `ERR_${k}`));
  assert.deepEqual(ours, want);
});

test('every status has its own message from qrsign_status_str', () => {
  const { fns } = require('../lib/call');
  const generic = fns.qrsign_status_str(12345);
  const seen = new Set();
  for (const [name, value] of Object.entries(qrsign.Status)) {
    const message = fns.qrsign_status_str(value);
    assert.notEqual(message, generic, `${name} has a message of its own`);
    assert.ok(!seen.has(message), `${name}'s message is unique`);
    seen.add(message);
  }
});

test('the enumerations match the header', () => {
  assert.deepEqual(asHeader(abi.SortOrder, 'QRSIGN_SORT_', (k) => k.toUpperCase().replace('-', '_')),
    enumMembers('qrsign_sort_order'));
  assert.deepEqual(asHeader(abi.Ecc, 'QRSIGN_QR_ECC_', (k) => ({ L: 'LOW', M: 'MEDIUM', Q: 'QUARTILE', H: 'HIGH' })[k]),
    enumMembers('qrsign_qr_ecc'));
  assert.deepEqual(asHeader(abi.RenderFormat, 'QRSIGN_RENDER_',
    (k) => ({ svg: 'SVG', bitmap: 'BITMAP', escpos: 'ESCPOS', terminal: 'TERMINAL', 'pbm-ascii': 'PBM_ASCII', pbm: 'PBM_BINARY' })[k]),
  enumMembers('qrsign_render_format'));
  assert.deepEqual(asHeader(abi.DisplayField, 'QRSIGN_DISPLAY_', (k) => k.toUpperCase()),
    enumMembers('qrsign_display_field'));
  assert.deepEqual(asHeader(abi.JsonKind, 'QRSIGN_JSON_', (k) => k.toUpperCase()),
    enumMembers('qrsign_json_kind'));
  assert.deepEqual(enumMembers('qrsign_signature_location'),
    { QRSIGN_SIGNATURE_TOP_LEVEL: 0, QRSIGN_SIGNATURE_GENERAL: 1 });
  assert.deepEqual(enumMembers('qrsign_value_kind'),
    { QRSIGN_VALUE_STR: 0, QRSIGN_VALUE_INT: 1, QRSIGN_VALUE_BOOL: 2, QRSIGN_VALUE_NULL: 3 });
});

test('the sizes and the version match the header', () => {
  assert.equal(abi.KEY_SIZE, define('QRSIGN_KEY_SIZE'));
  assert.equal(abi.SIGNATURE_LEN, define('QRSIGN_SIGNATURE_LEN'));
  assert.equal(abi.GATE_SIGNATURE_OVERHEAD, define('QRSIGN_GATE_SIGNATURE_OVERHEAD'));
  const version = ['MAJOR', 'MINOR', 'PATCH'].map((p) => define(`QRSIGN_VERSION_${p}`)).join('.');
  assert.equal(qrsign.version, version, 'the loaded library is the header\'s version');
});

test('QR_BUFFER_LEN_MAX is qrsign_qr_buffer_len(40)', () => {
  const lib = abi.koffi.load(qrsign.libraryPath);
  const bufferLen = lib.func('uint32_t qrsign_qr_buffer_len(uint32_t version, _Out_ size_t *len)');
  const len = [0];
  assert.equal(bufferLen(40, len), qrsign.Status.OK);
  assert.equal(abi.QR_BUFFER_LEN_MAX, len[0]);
});

test('every function the package declares is in the header, with as many parameters', () => {
  const { fns } = require('../lib/call');
  for (const [name, fn] of Object.entries(fns)) {
    const m = header.match(new RegExp(`\\b${name}\\(([^)]*)\\)`));
    assert.ok(m, `${name} in the header`);
    const params = m[1].trim() === 'void' ? 0 : m[1].split(',').length;
    assert.equal(fn.info.arguments.length, params, `${name}'s parameters`);
  }
});

test('the library is QRSIGN_LIB when set', () => {
  if (process.env.QRSIGN_LIB) assert.equal(qrsign.libraryPath, process.env.QRSIGN_LIB);
  else assert.equal(path.basename(qrsign.libraryPath), 'libqrsign.so');
});

test('index.d.ts declares exactly the exports of index.js, the Status values and the Signer methods', () => {
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');
  const declared = [...dts.matchAll(/^export declare (?:function|class|const) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, Object.keys(qrsign).sort());
  const status = dts.match(/Status: Readonly<\{([^}]*)\}>/)[1];
  assert.deepEqual(Object.fromEntries([...status.matchAll(/(\w+): (\d+);/g)].map((m) => [m[1], Number(m[2])])), qrsign.Status);
  const signer = dts.match(/class Signer \{([\s\S]*?)\n\}/)[1];
  const methods = [...signer.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]).filter((m) => m !== 'constructor').sort();
  const proto = Object.getOwnPropertyNames(qrsign.Signer.prototype)
    .filter((m) => m !== 'constructor' && typeof Object.getOwnPropertyDescriptor(qrsign.Signer.prototype, m).value === 'function').sort();
  assert.deepEqual(methods, proto);
});

test('the koffi struct layouts are the C compiler\'s (sizeof, alignof, offsetof of every field)', { skip: !hasCc() && 'no C compiler' }, () => {
  const { execFileSync } = require('node:child_process');
  const os = require('node:os');
  const structs = {
    qrsign_error_detail: abi.ErrorDetail, qrsign_param: abi.Param, qrsign_diagnosis: abi.Diagnosis,
    qrsign_qr_options: abi.QrOptions, qrsign_qr_info: abi.QrInfo, qrsign_render_options: abi.RenderOptions,
    qrsign_text: abi.koffi.type('qrsign_text'), qrsign_display_data: abi.DisplayData,
  };
  const lines = [];
  const ours = [];
  for (const [name, type] of Object.entries(structs)) {
    lines.push(`printf("${name} %zu %zu\\n", sizeof(struct ${name}), _Alignof(struct ${name}));`);
    ours.push(`${name} ${abi.koffi.sizeof(type)} ${abi.koffi.alignof(type)}`);
    for (const field of Object.keys(type.members)) {
      lines.push(`printf("${name}.${field} %zu\\n", offsetof(struct ${name}, ${field}));`);
      ours.push(`${name}.${field} ${abi.koffi.offsetof(type, field)}`);
    }
  }
  lines.push(`printf("qrsign_key %zu %zu\\n", sizeof(qrsign_key), _Alignof(qrsign_key));`);
  ours.push(`qrsign_key ${abi.KEY_SIZE} 8`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrsign-abi-'));
  try {
    const src = path.join(dir, 'layout.c');
    fs.writeFileSync(src, `#include <stdio.h>\n#include <stddef.h>\n#include "qrsign.h"\nint main(void) {\n${lines.join('\n')}\nreturn 0;\n}\n`);
    execFileSync('cc', ['-std=c11', '-I', path.join(ROOT, 'include'), src, '-o', path.join(dir, 'layout')]);
    const theirs = execFileSync(path.join(dir, 'layout')).toString().trim().split('\n');
    assert.deepEqual(ours, theirs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function hasCc() {
  try {
    require('node:child_process').execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
