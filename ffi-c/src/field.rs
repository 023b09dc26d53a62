//! One field of a JSON document, read in place by its path (`payment.status` of a callback).

use qrsign_core::{FieldKind, find_field};

use crate::boundary::{ffi_boundary, try_core, try_slice, try_str};
use crate::out::{overlaps, write_output, write_value};
use crate::status::{fail_status, qrsign_error_detail, qrsign_status};

/// JSON types of a field (`*kind_out` of `qrsign_json_field`).
#[repr(u32)]
pub enum qrsign_json_kind {
    /// A string (written decoded).
    QRSIGN_JSON_STRING = 0,
    /// A number (written as its literal).
    QRSIGN_JSON_NUMBER = 1,
    /// `true`.
    QRSIGN_JSON_TRUE = 2,
    /// `false`.
    QRSIGN_JSON_FALSE = 3,
    /// `null`.
    QRSIGN_JSON_NULL = 4,
    /// An object (written as its JSON text).
    QRSIGN_JSON_OBJECT = 5,
    /// An array (written as its JSON text).
    QRSIGN_JSON_ARRAY = 6,
}

/// The `qrsign_json_kind` value of a core kind.
fn kind_code(kind: FieldKind) -> u32 {
    let code = match kind {
        FieldKind::String => qrsign_json_kind::QRSIGN_JSON_STRING,
        FieldKind::Number => qrsign_json_kind::QRSIGN_JSON_NUMBER,
        FieldKind::True => qrsign_json_kind::QRSIGN_JSON_TRUE,
        FieldKind::False => qrsign_json_kind::QRSIGN_JSON_FALSE,
        FieldKind::Null => qrsign_json_kind::QRSIGN_JSON_NULL,
        FieldKind::Object => qrsign_json_kind::QRSIGN_JSON_OBJECT,
        FieldKind::Array => qrsign_json_kind::QRSIGN_JSON_ARRAY,
    };
    code as u32
}

/// Reads the value at `path` in a JSON document, in place (no node table, constant stack; the
/// whole document is still checked to be well-formed), for example `payment.status` of a
/// callback once `qrsign_key_verify_callback` has accepted it.
///
/// @param json      the JSON text, `json_len` bytes.
/// @param path      UTF-8, `path_len` bytes: segments separated by `.`; on an object a segment
///                  is a member's name (compared with the decoded key), on an array the decimal
///                  index of an element (`display_data.2.data`; no sign, no leading zero). The
///                  empty path is the whole document. A key holding `.` cannot be addressed.
/// @param kind_out  optional out (may be NULL): a `qrsign_json_kind`, written on success only.
/// @param out       receives the value under the output-buffer contract (`NULL, 0` asks the exact
///                  size): a string's text with its escapes decoded (UTF-8, no quotes, not
///                  NUL-terminated); a number, `true`, `false` or `null` as its JSON text; an
///                  object or array as its JSON text exactly as in `json`. Must not overlap
///                  `json` or `path`.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_FIELD_NOT_FOUND` (detail: offset of the object or array
///         lacking the member or element); `QRSIGN_ERR_UNEXPECTED_TYPE` (the path goes on
///         through a string, number or literal; detail: its offset); `QRSIGN_ERR_DUPLICATE_KEY`
///         (a key of the path twice in its object: ambiguous); `QRSIGN_ERR_MALFORMED_JSON`,
///         `QRSIGN_ERR_INVALID_UTF8`, `QRSIGN_ERR_INVALID_ESCAPE`, `QRSIGN_ERR_TOO_DEEP`,
///         `QRSIGN_ERR_INPUT_TOO_LONG` (detail: offset / limit; these come before the two
///         above); `QRSIGN_ERR_BUFFER_TOO_SMALL`; `QRSIGN_ERR_NULL_ARGUMENT`;
///         `QRSIGN_ERR_INVALID_ARGUMENT` (an output overlaps an input).
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_json_field(
    json: *const u8,
    json_len: usize,
    path: *const u8,
    path_len: usize,
    kind_out: *mut u32,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let bytes = try_slice!(json, json_len, detail);
        let path_text = try_str!(path, path_len, detail);
        // Checked before anything is written: `kind_out` is written last.
        if !kind_out.is_aligned() {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT);
        }
        let inputs = [(json, json_len), (path, path_len)];
        if inputs.iter().any(|&(p, n)| overlaps(kind_out.cast(), size_of::<u32>(), p, n)) {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        }
        let field = try_core!(find_field(bytes, path_text), detail);
        let status = write_output(out, out_len, out_written, &inputs, detail, |buf| field.value_into(buf));
        if status != qrsign_status::QRSIGN_OK || kind_out.is_null() {
            return status;
        }
        write_value(kind_out, kind_code(field.kind()), detail)
    }
}
