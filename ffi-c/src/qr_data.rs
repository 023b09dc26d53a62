//! The platform's QR data: Click QR `display_data` and JetPay `img_src`, read in place.

use qrsign_core::qr::{DisplayData, DisplayText, ImgSrc};

use crate::boundary::{ffi_boundary, try_core, try_mut, try_slice};
use crate::out::{ok, write_output};
use crate::status::{fail_status, qrsign_error_detail, qrsign_status};

/// A text value inside the caller's JSON: the bytes between the quotes, as written (zero-copy).
/// `ptr` is NULL (and `len` 0) when the value is absent. When `escaped` is false the bytes are
/// the text itself; when true they contain JSON escapes (`\/`, `\u0411`, ...): get the text with
/// `qrsign_display_data_field`. Valid as long as the JSON buffer it points into.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct qrsign_text {
    /// First byte of the value inside the caller's JSON, or NULL if absent.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
    /// Whether the bytes contain JSON escapes.
    pub escaped: bool,
}

/// What a Click QR response or callback's `display_data` holds (see `qrsign_display_data_parse`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct qrsign_display_data {
    /// `qr_data`: the link to show as a QR code (always present after success).
    pub qr_data: qrsign_text,
    /// `amount` (as the platform wrote it), or absent.
    pub amount: qrsign_text,
    /// `currency`, or absent.
    pub currency: qrsign_text,
    /// `receiver_name`, or absent.
    pub receiver_name: qrsign_text,
    /// `receiver_account`, or absent.
    pub receiver_account: qrsign_text,
    /// `bank_name`, or absent.
    pub bank_name: qrsign_text,
    /// Whether `lifetime` was given.
    pub has_lifetime: bool,
    /// `lifetime` in seconds (0 when absent).
    pub lifetime: u32,
}

/// The text fields of `display_data` (`field` argument of `qrsign_display_data_field`).
#[repr(u32)]
pub enum qrsign_display_field {
    /// `qr_data`: the link to encode as a QR code.
    QRSIGN_DISPLAY_QR_DATA = 0,
    /// `amount`.
    QRSIGN_DISPLAY_AMOUNT = 1,
    /// `currency`.
    QRSIGN_DISPLAY_CURRENCY = 2,
    /// `receiver_name`.
    QRSIGN_DISPLAY_RECEIVER_NAME = 3,
    /// `receiver_account`.
    QRSIGN_DISPLAY_RECEIVER_ACCOUNT = 4,
    /// `bank_name`.
    QRSIGN_DISPLAY_BANK_NAME = 5,
}

/// The C view of an optional text value.
fn text_of(t: Option<DisplayText<'_>>) -> qrsign_text {
    match t {
        Some(t) => qrsign_text {
            ptr: t.raw().as_ptr(),
            len: t.raw().len(),
            escaped: t.as_str().is_none(),
        },
        None => qrsign_text {
            ptr: core::ptr::null(),
            len: 0,
            escaped: false,
        },
    }
}

/// Reads `display_data` from a whole Gate response or callback (the top-level `display_data`
/// array) or from the bare array. Entries are `{"type":"add_info","title":T,"data":D}`; unknown
/// titles and types are ignored.
///
/// @param json  the JSON text, `json_len` bytes; the fields of `out` point into it.
/// @param out   receives the fields; written only on success.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_MISSING_QR_DATA` (no `qr_data` entry);
///         `QRSIGN_ERR_UNEXPECTED_TYPE` (a `data` of the wrong JSON type, detail: offset);
///         `QRSIGN_ERR_DUPLICATE_KEY` (a field given twice); `QRSIGN_ERR_MALFORMED_JSON`,
///         `QRSIGN_ERR_INVALID_UTF8`, `QRSIGN_ERR_INVALID_ESCAPE`, `QRSIGN_ERR_TOO_DEEP`
///         (detail: offset / limit); `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_display_data_parse(
    json: *const u8,
    json_len: usize,
    out: *mut qrsign_display_data,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let bytes = try_slice!(json, json_len, detail);
        let data = try_core!(DisplayData::parse(bytes), detail);
        let value = qrsign_display_data {
            qr_data: text_of(Some(data.qr_data)),
            amount: text_of(data.amount),
            currency: text_of(data.currency),
            receiver_name: text_of(data.receiver_name),
            receiver_account: text_of(data.receiver_account),
            bank_name: text_of(data.bank_name),
            has_lifetime: data.lifetime.is_some(),
            lifetime: data.lifetime.unwrap_or(0),
        };
        let out = try_mut!(out, detail);
        *out = value;
        ok(detail)
    }
}

/// Writes one text field of `display_data`, with its JSON escapes decoded (UTF-8, not
/// NUL-terminated), for example `qr_data` ready for `qrsign_qr_encode_text`.
///
/// @param json   as for `qrsign_display_data_parse`.
/// @param field  a `qrsign_display_field`.
/// @param out    receives the text under the output-buffer contract (`NULL, 0` asks the size).
///               An absent optional field writes nothing and sets `*out_written` to 0 (tell it
///               from an empty one with `qrsign_display_data_parse`). Must not overlap `json`.
/// @return as `qrsign_display_data_parse`; `QRSIGN_ERR_BUFFER_TOO_SMALL`;
///         `QRSIGN_ERR_INVALID_ARGUMENT` (unknown field, or `out` overlaps `json`).
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_display_data_field(
    json: *const u8,
    json_len: usize,
    field: u32,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let bytes = try_slice!(json, json_len, detail);
        let data = try_core!(DisplayData::parse(bytes), detail);
        let text = match field {
            0 => Some(data.qr_data),
            1 => data.amount,
            2 => data.currency,
            3 => data.receiver_name,
            4 => data.receiver_account,
            5 => data.bank_name,
            _ => return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT),
        };
        write_output(out, out_len, out_written, &[(json, json_len)], detail, |buf| match text {
            Some(t) => t.decode_into(buf),
            None => Ok(0),
        })
    }
}

/// Decodes JetPay's QR image: the PNG inside a `generate-qr` response
/// `{"img_src":"data:image/png;base64,..."}` (or, if `json` does not start with `{` after
/// whitespace, the bare data URI). The media type must be `image/png` with `;base64`
/// (case-insensitive, RFC 2397); the data must be valid standard base64 of a PNG (signature
/// checked).
///
/// @param json  the response (or data URI), `json_len` bytes.
/// @param out   receives the PNG under the output-buffer contract (`NULL, 0` asks the exact
///              size). Must not overlap `json`.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_DATA_URI` (detail: offset into the URI);
///         `QRSIGN_ERR_BUFFER_TOO_SMALL`; `QRSIGN_ERR_MALFORMED_JSON`,
///         `QRSIGN_ERR_UNEXPECTED_TYPE`, `QRSIGN_ERR_DUPLICATE_KEY`, ... for the response JSON;
///         `QRSIGN_ERR_NULL_ARGUMENT`; `QRSIGN_ERR_INVALID_ARGUMENT` (overlap).
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_img_src_decode(
    json: *const u8,
    json_len: usize,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let bytes = try_slice!(json, json_len, detail);
        let is_response = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        let parsed = if is_response { ImgSrc::parse_response(bytes) } else { ImgSrc::parse_uri(bytes) };
        let img = try_core!(parsed, detail);
        write_output(out, out_len, out_written, &[(json, json_len)], detail, |buf| {
            img.decode_png_into(buf)
        })
    }
}
