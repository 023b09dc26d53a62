'use strict';
// The C ABI of libqrsign (include/qrsign.h) as koffi declarations, and nothing else: where the
// library is, the structs' layouts, the function prototypes and the status table. Everything
// that makes it pleasant to use from JavaScript is in ../index.js.
//
// Pointers to caller-owned storage (the `qrsign_key`, the `qrsign_error_detail`, output
// buffers, arrays of `qrsign_param`) are declared as `uint8_t *` and passed as Node `Buffer`s:
// koffi hands the C function a pointer to the buffer's bytes for the duration of the call,
// which is exactly the C API's contract ("borrowed for the duration of the call only").

const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

/** Every `QRSIGN_*` status of include/qrsign.h, without the `QRSIGN_` / `QRSIGN_ERR_` prefix. */
const Status = Object.freeze({
  OK: 0,
  MALFORMED_JSON: 100,
  INVALID_UTF8: 101,
  INVALID_ESCAPE: 102,
  DUPLICATE_KEY: 103,
  TOO_DEEP: 104,
  TOO_MANY_VALUES: 105,
  INPUT_TOO_LONG: 106,
  UNEXPECTED_TYPE: 107,
  FIELD_NOT_FOUND: 108,
  BUFFER_TOO_SMALL: 200,
  EMPTY_SECRET: 201,
  RESERVED_KEY: 202,
  MISSING_SIGNATURE: 203,
  INVALID_SIGNATURE_ENCODING: 204,
  SIGNATURE_MISMATCH: 205,
  AMBIGUOUS_VALUE: 206,
  UNKNOWN_CURRENCY: 300,
  INVALID_AMOUNT: 301,
  AMOUNT_OUT_OF_RANGE: 302,
  DATA_TOO_LONG: 400,
  INVALID_QR_OPTION: 401,
  MISSING_QR_DATA: 402,
  INVALID_DATA_URI: 403,
  NULL_ARGUMENT: 900,
  INVALID_ARGUMENT: 901,
  OTHER: 998,
  PANIC: 999,
});

/** `QRSIGN_SORT_*`. */
const SortOrder = Object.freeze({ natural: 0, 'path-bytewise': 1, 'line-bytewise': 2 });
/** `QRSIGN_QR_ECC_*`. */
const Ecc = Object.freeze({ L: 0, M: 1, Q: 2, H: 3 });
/** `QRSIGN_RENDER_*`. */
const RenderFormat = Object.freeze({
  svg: 0, bitmap: 1, escpos: 2, terminal: 3, 'pbm-ascii': 4, pbm: 5,
});
/** `QRSIGN_DISPLAY_*`, in the order of the fields of `qrsign_display_data`. */
const DisplayField = Object.freeze({
  qr_data: 0, amount: 1, currency: 2, receiver_name: 3, receiver_account: 4, bank_name: 5,
});

/** `QRSIGN_JSON_*`: the kinds `qrsign_json_field` reports, by their names in JavaScript. */
const JsonKind = Object.freeze({
  string: 0, number: 1, true: 2, false: 3, null: 4, object: 5, array: 6,
});

/** The ABI major version this package was written for (`QRSIGN_VERSION_MAJOR`). */
const ABI_MAJOR = 0;
/** The oldest minor version with every function declared below. */
const ABI_MINOR_MIN = 1;
/** `QRSIGN_KEY_SIZE`: bytes of a `qrsign_key` (aligned like `uint64_t`). */
const KEY_SIZE = 512;
/** `QRSIGN_SIGNATURE_LEN`. */
const SIGNATURE_LEN = 88;
/** `QRSIGN_GATE_SIGNATURE_OVERHEAD`. */
const GATE_SIGNATURE_OVERHEAD = 115;
/** `QRSIGN_QR_BUFFER_LEN_MAX`: the QR symbol buffer for version 40. */
const QR_BUFFER_LEN_MAX = Math.floor((177 * 177 + 7) / 8) + 1;

const ErrorDetail = koffi.struct('qrsign_error_detail', {
  status: 'uint32_t',
  offset: 'size_t',
  limit: 'size_t',
  needed: 'size_t',
  amount: 'uint64_t',
  min: 'uint64_t',
  max: 'uint64_t',
  needed_bits: 'size_t',
  capacity_bits: 'size_t',
});

const Param = koffi.struct('qrsign_param', {
  name: 'const uint8_t *',
  name_len: 'size_t',
  kind: 'uint32_t',
  str: 'const uint8_t *',
  str_len: 'size_t',
  num: 'int64_t',
});

const Diagnosis = koffi.struct('qrsign_diagnosis', {
  matched: 'bool',
  matching_orders: 'uint8_t',
  order: 'uint32_t',
  has_location: 'bool',
  location: 'uint32_t',
});

const QrOptions = koffi.struct('qrsign_qr_options', {
  ecc: 'uint32_t',
  min_version: 'uint32_t',
  max_version: 'uint32_t',
  mask: 'int32_t',
  boost_ecc: 'bool',
});

const QrInfo = koffi.struct('qrsign_qr_info', {
  size: 'uint32_t',
  version: 'uint32_t',
  mask: 'uint32_t',
  ecc: 'uint32_t',
});

const RenderOptions = koffi.struct('qrsign_render_options', {
  scale: 'uint32_t',
  quiet_zone: 'uint32_t',
  invert: 'bool',
});

const Text = koffi.struct('qrsign_text', {
  ptr: 'const uint8_t *',
  len: 'size_t',
  escaped: 'bool',
});

const DisplayData = koffi.struct('qrsign_display_data', {
  qr_data: Text,
  amount: Text,
  currency: Text,
  receiver_name: Text,
  receiver_account: Text,
  bank_name: Text,
  has_lifetime: 'bool',
  lifetime: 'uint32_t',
});

// Output buffer contract: `uint8_t *out, size_t out_len, size_t *out_written`.
// `out_written` is passed as a BigUint64Array(1): koffi hands C its memory, no copying back.
const OUT = 'uint8_t *out, size_t out_len, size_t *out_written';
const DETAIL = 'uint8_t *detail';

/** The prototypes, as in include/qrsign.h (struct pointers as `uint8_t *`: Buffers). */
const PROTOTYPES = [
  'const char *qrsign_version(void)',
  'const char *qrsign_status_str(uint32_t status)',
  `uint32_t qrsign_key_init(uint8_t *key, const uint8_t *secret, size_t secret_len, uint32_t order, ${DETAIL})`,
  'uint32_t qrsign_key_clear(uint8_t *key)',
  `uint32_t qrsign_key_order(const uint8_t *key, _Out_ uint32_t *order, ${DETAIL})`,
  `uint32_t qrsign_key_set_strict(uint8_t *key, uint32_t strict, ${DETAIL})`,
  `uint32_t qrsign_key_is_strict(const uint8_t *key, _Out_ uint32_t *strict, ${DETAIL})`,
  `uint32_t qrsign_key_sign_json(const uint8_t *key, const uint8_t *json, size_t json_len, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_key_verify_json(const uint8_t *key, const uint8_t *json, size_t json_len, const uint8_t *signature, size_t signature_len, ${DETAIL})`,
  `uint32_t qrsign_key_verify_callback(const uint8_t *key, const uint8_t *json, size_t json_len, _Out_ uint32_t *location, ${DETAIL})`,
  `uint32_t qrsign_key_sign_canonical(const uint8_t *key, const uint8_t *canonical, size_t canonical_len, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_key_sign_params(const uint8_t *key, const uint8_t *params, size_t n, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_key_verify_params(const uint8_t *key, const uint8_t *params, size_t n, const uint8_t *signature, size_t signature_len, ${DETAIL})`,
  `uint32_t qrsign_canonical_params(const uint8_t *params, size_t n, uint32_t order, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_canonical_json(const uint8_t *json, size_t json_len, uint32_t order, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_canonical_callback(const uint8_t *json, size_t json_len, uint32_t order, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_key_sign_gate_body(const uint8_t *key, const uint8_t *json, size_t json_len, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_key_payment_page_url(const uint8_t *key, const uint8_t *base, size_t base_len, const uint8_t *params, size_t n, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_key_diagnose_json(const uint8_t *key, const uint8_t *json, size_t json_len, const uint8_t *signature, size_t signature_len, _Out_ qrsign_diagnosis *result, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_key_diagnose_callback(const uint8_t *key, const uint8_t *json, size_t json_len, _Out_ qrsign_diagnosis *result, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_qr_encode_text(const uint8_t *text, size_t text_len, const qrsign_qr_options *opts, uint8_t *tmp, size_t tmp_len, uint8_t *qr, size_t qr_len, ${DETAIL})`,
  `uint32_t qrsign_qr_encode_binary(const uint8_t *data, size_t data_len, const qrsign_qr_options *opts, uint8_t *tmp, size_t tmp_len, uint8_t *qr, size_t qr_len, ${DETAIL})`,
  `uint32_t qrsign_qr_get_info(const uint8_t *qr, size_t qr_len, _Out_ qrsign_qr_info *info, ${DETAIL})`,
  `uint32_t qrsign_qr_get_module(const uint8_t *qr, size_t qr_len, uint32_t x, uint32_t y, _Out_ bool *dark, ${DETAIL})`,
  `uint32_t qrsign_qr_render(const uint8_t *qr, size_t qr_len, uint32_t format, const qrsign_render_options *opts, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_render_side_px(uint32_t size, const qrsign_render_options *opts, _Out_ size_t *px, ${DETAIL})`,
  `uint32_t qrsign_display_data_parse(const uint8_t *json, size_t json_len, _Out_ qrsign_display_data *out, ${DETAIL})`,
  `uint32_t qrsign_display_data_field(const uint8_t *json, size_t json_len, uint32_t field, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_json_field(const uint8_t *json, size_t json_len, const uint8_t *path, size_t path_len, _Out_ uint32_t *kind_out, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_img_src_decode(const uint8_t *json, size_t json_len, ${OUT}, ${DETAIL})`,
  `uint32_t qrsign_currency_minor_digits(const uint8_t *code, size_t code_len, _Out_ uint32_t *minor_digits, ${DETAIL})`,
  `uint32_t qrsign_currency_parse_amount(const uint8_t *code, size_t code_len, const uint8_t *text, size_t text_len, _Out_ uint64_t *minor, ${DETAIL})`,
  `uint32_t qrsign_click_qr_check_amount(uint64_t amount, ${DETAIL})`,
];

/** The shared library's file name on this platform. */
function libraryFileName() {
  if (process.platform === 'darwin') return 'libqrsign.dylib';
  if (process.platform === 'win32') return 'qrsign.dll';
  return 'libqrsign.so';
}

/** Where the library is: `$QRSIGN_LIB`, else next to the package (bindings/node/libqrsign.so). */
function libraryPath() {
  if (process.env.QRSIGN_LIB) return process.env.QRSIGN_LIB;
  return path.join(__dirname, '..', libraryFileName());
}

/** Loads the library, checks its ABI version, and declares every function. */
function load(file = libraryPath()) {
  if (!fs.existsSync(file)) {
    throw new Error(
      `qrsign: the shared library is not at ${file}: build it (make c-lib) and set QRSIGN_LIB ` +
        `to target/release/${libraryFileName()}, or copy it next to this package`,
    );
  }
  const lib = koffi.load(file);
  const fns = {};
  for (const proto of PROTOTYPES) {
    const fn = lib.func(proto);
    fns[fn.info.name] = fn;
  }
  const version = fns.qrsign_version();
  const [major, minor] = version.split('.').map(Number);
  if (major !== ABI_MAJOR || minor < ABI_MINOR_MIN) {
    throw new Error(
      `qrsign: ${file} is version ${version}; this package needs ${ABI_MAJOR}.${ABI_MINOR_MIN} or a later ${ABI_MAJOR}.x`,
    );
  }
  return { file, version, fns };
}

module.exports = {
  koffi,
  Status,
  SortOrder,
  Ecc,
  RenderFormat,
  DisplayField,
  JsonKind,
  KEY_SIZE,
  SIGNATURE_LEN,
  GATE_SIGNATURE_OVERHEAD,
  QR_BUFFER_LEN_MAX,
  ErrorDetail,
  Param,
  Diagnosis,
  QrOptions,
  QrInfo,
  RenderOptions,
  DisplayData,
  libraryPath,
  load,
};
