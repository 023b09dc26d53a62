//! The ABI's one status type, its messages, and the error detail out-parameter.

use core::ffi::c_char;

use qrsign_core::Error;

use crate::boundary::ffi_boundary;

/// Status returned by every qrsign function (`uint32_t` in C).
///
/// Values are explicit and never renumbered; a retired value stays reserved. Blocks:
/// `0` success; `1xx` input text; `2xx` signing; `3xx` amounts; `4xx` QR codes; `9xx` the C
/// boundary itself. Each `1xx`–`4xx` value mirrors one cause of the Rust core's `Error`.
/// `qrsign_status_str()` returns a message for any value, unknown ones included.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum qrsign_status {
    /// Success.
    QRSIGN_OK = 0,

    // ---- 1xx input text ----
    /// The JSON text is not well-formed; `detail.offset` is the first byte not accepted.
    QRSIGN_ERR_MALFORMED_JSON = 100,
    /// An input is not valid UTF-8; `detail.offset` is the first invalid byte.
    QRSIGN_ERR_INVALID_UTF8 = 101,
    /// A JSON string escape is invalid; `detail.offset` is its backslash.
    QRSIGN_ERR_INVALID_ESCAPE = 102,
    /// A JSON object has the same key twice (ambiguous, rejected); `detail.offset` is the second.
    QRSIGN_ERR_DUPLICATE_KEY = 103,
    /// JSON nested deeper than the limit (`detail.limit`).
    QRSIGN_ERR_TOO_DEEP = 104,
    /// More values or parameters than the limit (`detail.limit`).
    QRSIGN_ERR_TOO_MANY_VALUES = 105,
    /// An input is longer than the limit (`detail.limit`, bytes).
    QRSIGN_ERR_INPUT_TOO_LONG = 106,
    /// The input has the wrong shape (e.g. a callback that is not an object); `detail.offset`.
    QRSIGN_ERR_UNEXPECTED_TYPE = 107,
    /// `qrsign_json_field`: the path names a member or element that is not there;
    /// `detail.offset` is the object or array that lacks it.
    QRSIGN_ERR_FIELD_NOT_FOUND = 108,

    // ---- 2xx signing (and output buffers) ----
    /// The output buffer is too small: `*out_written` (and `detail.needed`) is the size needed;
    /// nothing was written to the buffer.
    QRSIGN_ERR_BUFFER_TOO_SMALL = 200,
    /// The signing secret is empty.
    QRSIGN_ERR_EMPTY_SECRET = 201,
    /// A parameter to sign is named `signature`.
    QRSIGN_ERR_RESERVED_KEY = 202,
    /// No signature found (neither top-level `signature` nor `general.signature`).
    QRSIGN_ERR_MISSING_SIGNATURE = 203,
    /// The signature is not 88 characters of padded base64 of a 64-byte MAC.
    QRSIGN_ERR_INVALID_SIGNATURE_ENCODING = 204,
    /// The signature is well-formed but does not match the data.
    QRSIGN_ERR_SIGNATURE_MISMATCH = 205,
    /// Strict mode (`qrsign_key_set_strict`): a signed key holds `;`, or a signed string value
    /// holds `;` with a `:` after it, so the canonical string could be re-split into other
    /// fields; `detail.offset` is the key's or value's byte offset (JSON) or the parameter's
    /// index (flat parameters).
    QRSIGN_ERR_AMBIGUOUS_VALUE = 206,

    // ---- 3xx amounts ----
    /// The currency code is not in qrsign's ISO 4217 table.
    QRSIGN_ERR_UNKNOWN_CURRENCY = 300,
    /// The amount text is not valid for the currency; `detail.offset`.
    QRSIGN_ERR_INVALID_AMOUNT = 301,
    /// The amount is outside the allowed range (`detail.amount`, `detail.min`, `detail.max`).
    QRSIGN_ERR_AMOUNT_OUT_OF_RANGE = 302,

    // ---- 4xx QR codes ----
    /// The data does not fit in a QR code (`detail.needed_bits`, `detail.capacity_bits`).
    QRSIGN_ERR_DATA_TOO_LONG = 400,
    /// A QR option is out of range (version, mask, ECC level, scale, ...).
    QRSIGN_ERR_INVALID_QR_OPTION = 401,
    /// `display_data` has no entry titled `qr_data`.
    QRSIGN_ERR_MISSING_QR_DATA = 402,
    /// An `img_src` is not a `data:image/png;base64,` URI of a PNG; `detail.offset`.
    QRSIGN_ERR_INVALID_DATA_URI = 403,

    // ---- 9xx the C boundary ----
    /// A required pointer argument is NULL (or NULL with a non-zero length).
    QRSIGN_ERR_NULL_ARGUMENT = 900,
    /// An argument is out of range: an unknown enumeration value, an output buffer that
    /// overlaps an input, or a `qrsign_key` that was never initialised (or was cleared).
    QRSIGN_ERR_INVALID_ARGUMENT = 901,
    /// The core reported an error this version of the C ABI has no specific status for
    /// (a newer core cause); the message of `qrsign_status_str` is generic.
    QRSIGN_ERR_OTHER = 998,
    /// A bug: a Rust panic was caught at the C boundary. Nothing was written to the outputs.
    QRSIGN_ERR_PANIC = 999,
}

/// Details of the last failure of one call, written through an optional out-parameter.
///
/// Every field not relevant to `status` is 0. On success all fields are 0 and `status` is
/// `QRSIGN_OK`. Nothing here is global: each call writes only the `qrsign_error_detail` passed
/// to it (if not NULL).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct qrsign_error_detail {
    /// The same status the function returned.
    pub status: u32,
    /// Byte offset into the input of the problem (malformed JSON, invalid UTF-8, escape,
    /// duplicate key, unexpected type, field not found, invalid amount, invalid data URI).
    pub offset: usize,
    /// The limit that was exceeded (`TOO_DEEP`, `TOO_MANY_VALUES`, `INPUT_TOO_LONG`).
    pub limit: usize,
    /// Bytes the output needs (`BUFFER_TOO_SMALL`).
    pub needed: usize,
    /// The amount, in minor units (`AMOUNT_OUT_OF_RANGE`).
    pub amount: u64,
    /// Smallest allowed amount, in minor units (`AMOUNT_OUT_OF_RANGE`).
    pub min: u64,
    /// Largest allowed amount, in minor units (`AMOUNT_OUT_OF_RANGE`).
    pub max: u64,
    /// Data bits needed at the largest allowed version (`DATA_TOO_LONG`).
    pub needed_bits: usize,
    /// Data bits available at the largest allowed version (`DATA_TOO_LONG`).
    pub capacity_bits: usize,
}

impl qrsign_status {
    /// All values, in order (the `statuses_match_header` test checks it against the header).
    pub const ALL: [qrsign_status; 28] = {
        use qrsign_status::*;
        [
            QRSIGN_OK,
            QRSIGN_ERR_MALFORMED_JSON,
            QRSIGN_ERR_INVALID_UTF8,
            QRSIGN_ERR_INVALID_ESCAPE,
            QRSIGN_ERR_DUPLICATE_KEY,
            QRSIGN_ERR_TOO_DEEP,
            QRSIGN_ERR_TOO_MANY_VALUES,
            QRSIGN_ERR_INPUT_TOO_LONG,
            QRSIGN_ERR_UNEXPECTED_TYPE,
            QRSIGN_ERR_FIELD_NOT_FOUND,
            QRSIGN_ERR_BUFFER_TOO_SMALL,
            QRSIGN_ERR_EMPTY_SECRET,
            QRSIGN_ERR_RESERVED_KEY,
            QRSIGN_ERR_MISSING_SIGNATURE,
            QRSIGN_ERR_INVALID_SIGNATURE_ENCODING,
            QRSIGN_ERR_SIGNATURE_MISMATCH,
            QRSIGN_ERR_AMBIGUOUS_VALUE,
            QRSIGN_ERR_UNKNOWN_CURRENCY,
            QRSIGN_ERR_INVALID_AMOUNT,
            QRSIGN_ERR_AMOUNT_OUT_OF_RANGE,
            QRSIGN_ERR_DATA_TOO_LONG,
            QRSIGN_ERR_INVALID_QR_OPTION,
            QRSIGN_ERR_MISSING_QR_DATA,
            QRSIGN_ERR_INVALID_DATA_URI,
            QRSIGN_ERR_NULL_ARGUMENT,
            QRSIGN_ERR_INVALID_ARGUMENT,
            QRSIGN_ERR_OTHER,
            QRSIGN_ERR_PANIC,
        ]
    };

    /// The status for a raw `uint32_t` from C, if it is one.
    pub fn from_u32(v: u32) -> Option<qrsign_status> {
        Self::ALL.iter().copied().find(|s| *s as u32 == v)
    }

    /// The static English message (NUL-terminated) for this status.
    pub fn message(self) -> &'static core::ffi::CStr {
        use qrsign_status::*;
        match self {
            QRSIGN_OK => c"success",
            QRSIGN_ERR_MALFORMED_JSON => c"malformed JSON",
            QRSIGN_ERR_INVALID_UTF8 => c"invalid UTF-8",
            QRSIGN_ERR_INVALID_ESCAPE => c"invalid JSON string escape",
            QRSIGN_ERR_DUPLICATE_KEY => {
                c"duplicate key in a JSON object: ambiguous input, rejected rather than guessed"
            }
            QRSIGN_ERR_TOO_DEEP => c"JSON nested too deeply",
            QRSIGN_ERR_TOO_MANY_VALUES => c"too many values or parameters",
            QRSIGN_ERR_INPUT_TOO_LONG => c"input too long",
            QRSIGN_ERR_UNEXPECTED_TYPE => c"unexpected JSON type",
            QRSIGN_ERR_FIELD_NOT_FOUND => c"field not found: no such member or element at the path",
            QRSIGN_ERR_BUFFER_TOO_SMALL => {
                c"output buffer too small: the size needed is in *out_written"
            }
            QRSIGN_ERR_EMPTY_SECRET => c"the signing secret is empty",
            QRSIGN_ERR_RESERVED_KEY => {
                c"a parameter named `signature` cannot be signed; remove it"
            }
            QRSIGN_ERR_MISSING_SIGNATURE => {
                c"no signature found (top-level `signature` or `general.signature`)"
            }
            QRSIGN_ERR_INVALID_SIGNATURE_ENCODING => {
                c"the signature is not 88 characters of base64 (a 64-byte HMAC-SHA512)"
            }
            QRSIGN_ERR_SIGNATURE_MISMATCH => c"the signature does not match the data",
            QRSIGN_ERR_AMBIGUOUS_VALUE => {
                c"ambiguous signed string (strict mode): a key with ';', or a value with ';' and a later ':'"
            }
            QRSIGN_ERR_UNKNOWN_CURRENCY => c"unknown currency code",
            QRSIGN_ERR_INVALID_AMOUNT => c"invalid amount",
            QRSIGN_ERR_AMOUNT_OUT_OF_RANGE => c"amount outside the allowed range",
            QRSIGN_ERR_DATA_TOO_LONG => c"data too long for a QR code",
            QRSIGN_ERR_INVALID_QR_OPTION => c"invalid QR option",
            QRSIGN_ERR_MISSING_QR_DATA => c"display_data has no `qr_data` entry",
            QRSIGN_ERR_INVALID_DATA_URI => c"invalid PNG data URI",
            QRSIGN_ERR_NULL_ARGUMENT => c"a required pointer argument is NULL",
            QRSIGN_ERR_INVALID_ARGUMENT => {
                c"invalid argument (unknown enumeration value, overlapping buffers, or an uninitialised key)"
            }
            QRSIGN_ERR_OTHER => c"error (a cause this version of the C API has no status for)",
            QRSIGN_ERR_PANIC => c"internal error: a panic was caught at the C boundary",
        }
    }
}

/// The status mirroring a core error. Exhaustive over the causes this crate knows; a cause the
/// core adds later maps to `QRSIGN_ERR_OTHER` until it gets its own value (the `error_mapping`
/// test fails as soon as the core has a variant without one).
pub fn status_of(e: &Error) -> qrsign_status {
    use qrsign_status::*;
    match e {
        Error::MalformedJson { .. } => QRSIGN_ERR_MALFORMED_JSON,
        Error::InvalidUtf8 { .. } => QRSIGN_ERR_INVALID_UTF8,
        Error::InvalidEscape { .. } => QRSIGN_ERR_INVALID_ESCAPE,
        Error::DuplicateKey { .. } => QRSIGN_ERR_DUPLICATE_KEY,
        Error::TooDeep { .. } => QRSIGN_ERR_TOO_DEEP,
        Error::TooManyValues { .. } => QRSIGN_ERR_TOO_MANY_VALUES,
        Error::InputTooLong { .. } => QRSIGN_ERR_INPUT_TOO_LONG,
        Error::UnexpectedType { .. } => QRSIGN_ERR_UNEXPECTED_TYPE,
        Error::FieldNotFound { .. } => QRSIGN_ERR_FIELD_NOT_FOUND,
        Error::BufferTooSmall { .. } => QRSIGN_ERR_BUFFER_TOO_SMALL,
        Error::EmptySecret => QRSIGN_ERR_EMPTY_SECRET,
        Error::ReservedKey => QRSIGN_ERR_RESERVED_KEY,
        Error::MissingSignature => QRSIGN_ERR_MISSING_SIGNATURE,
        Error::InvalidSignatureEncoding => QRSIGN_ERR_INVALID_SIGNATURE_ENCODING,
        Error::SignatureMismatch => QRSIGN_ERR_SIGNATURE_MISMATCH,
        Error::AmbiguousValue { .. } => QRSIGN_ERR_AMBIGUOUS_VALUE,
        Error::UnknownCurrency => QRSIGN_ERR_UNKNOWN_CURRENCY,
        Error::InvalidAmount { .. } => QRSIGN_ERR_INVALID_AMOUNT,
        Error::AmountOutOfRange { .. } => QRSIGN_ERR_AMOUNT_OUT_OF_RANGE,
        Error::DataTooLong { .. } => QRSIGN_ERR_DATA_TOO_LONG,
        Error::InvalidQrOption => QRSIGN_ERR_INVALID_QR_OPTION,
        Error::MissingQrData => QRSIGN_ERR_MISSING_QR_DATA,
        Error::InvalidDataUri { .. } => QRSIGN_ERR_INVALID_DATA_URI,
        _ => QRSIGN_ERR_OTHER,
    }
}

/// The detail record for a core error.
pub fn detail_of(e: &Error) -> qrsign_error_detail {
    let mut d = qrsign_error_detail {
        status: status_of(e) as u32,
        ..Default::default()
    };
    match *e {
        Error::MalformedJson { offset }
        | Error::InvalidUtf8 { offset }
        | Error::InvalidEscape { offset }
        | Error::DuplicateKey { offset }
        | Error::UnexpectedType { offset }
        | Error::FieldNotFound { offset }
        | Error::InvalidAmount { offset }
        | Error::InvalidDataUri { offset }
        | Error::AmbiguousValue { offset } => d.offset = offset,
        Error::TooDeep { limit }
        | Error::TooManyValues { limit }
        | Error::InputTooLong { limit } => d.limit = limit,
        Error::BufferTooSmall { needed } => d.needed = needed,
        Error::AmountOutOfRange { amount, min, max } => {
            d.amount = amount;
            d.min = min;
            d.max = max;
        }
        Error::DataTooLong {
            needed_bits,
            capacity_bits,
        } => {
            d.needed_bits = needed_bits;
            d.capacity_bits = capacity_bits;
        }
        _ => {}
    }
    d
}

/// Writes `detail` (if the caller gave one) and returns the status for `e`.
pub(crate) fn fail(detail: *mut qrsign_error_detail, e: Error) -> qrsign_status {
    let d = detail_of(&e);
    set_detail(detail, d);
    status_of(&e)
}

/// Writes `d` to the caller's optional detail record.
pub(crate) fn set_detail(detail: *mut qrsign_error_detail, d: qrsign_error_detail) {
    if !detail.is_null() && detail.is_aligned() {
        // SAFETY: non-NULL and aligned; the header requires `detail` (when not NULL) to point to
        // a writable `qrsign_error_detail` that no other argument aliases.
        unsafe { detail.write(d) };
    }
}

/// Writes a boundary-level failure (no core error) to the optional detail record.
pub(crate) fn fail_status(detail: *mut qrsign_error_detail, s: qrsign_status) -> qrsign_status {
    set_detail(
        detail,
        qrsign_error_detail {
            status: s as u32,
            ..Default::default()
        },
    );
    s
}

/// Returns a static, NUL-terminated English message for any status value (unknown values get
/// a generic message). Never NULL; the string must not be freed or modified.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_status_str(status: u32) -> *const c_char {
    ffi_boundary! {
        match qrsign_status::from_u32(status) {
            Some(s) => s.message().as_ptr(),
            None => c"unknown qrsign status".as_ptr(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One example of every core error cause, by variant name.
    fn examples() -> [(&'static str, Error); 23] {
        [
            ("MalformedJson", Error::MalformedJson { offset: 7 }),
            ("InvalidUtf8", Error::InvalidUtf8 { offset: 7 }),
            ("InvalidEscape", Error::InvalidEscape { offset: 7 }),
            ("DuplicateKey", Error::DuplicateKey { offset: 7 }),
            ("TooDeep", Error::TooDeep { limit: 32 }),
            ("TooManyValues", Error::TooManyValues { limit: 384 }),
            ("InputTooLong", Error::InputTooLong { limit: 4096 }),
            ("UnexpectedType", Error::UnexpectedType { offset: 7 }),
            ("FieldNotFound", Error::FieldNotFound { offset: 7 }),
            ("BufferTooSmall", Error::BufferTooSmall { needed: 88 }),
            ("EmptySecret", Error::EmptySecret),
            ("ReservedKey", Error::ReservedKey),
            ("MissingSignature", Error::MissingSignature),
            ("InvalidSignatureEncoding", Error::InvalidSignatureEncoding),
            ("SignatureMismatch", Error::SignatureMismatch),
            ("AmbiguousValue", Error::AmbiguousValue { offset: 7 }),
            ("UnknownCurrency", Error::UnknownCurrency),
            ("InvalidAmount", Error::InvalidAmount { offset: 7 }),
            (
                "AmountOutOfRange",
                Error::AmountOutOfRange {
                    amount: 1,
                    min: 2,
                    max: 3,
                },
            ),
            (
                "DataTooLong",
                Error::DataTooLong {
                    needed_bits: 9,
                    capacity_bits: 8,
                },
            ),
            ("InvalidQrOption", Error::InvalidQrOption),
            ("MissingQrData", Error::MissingQrData),
            ("InvalidDataUri", Error::InvalidDataUri { offset: 7 }),
        ]
    }

    /// The variant names of the core's `Error`, read from its source: a variant added there
    /// without a status here fails this test (the `_` arm of `status_of` is only a safety net).
    fn core_variants() -> Vec<String> {
        let src = include_str!("../../core/src/error.rs");
        let start = src.find("pub enum Error {").unwrap_or(0);
        let body = &src[start..];
        let end = body.find("\n}").unwrap_or(body.len());
        body[..end]
            .lines()
            .filter_map(|l| {
                let t = l.strip_prefix("    ")?;
                if t.starts_with(' ') {
                    return None;
                }
                let name: String = t
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                (name.chars().next().is_some_and(|c| c.is_ascii_uppercase())).then_some(name)
            })
            .collect()
    }

    #[test]
    fn error_mapping_is_exhaustive_and_one_to_one() {
        let examples = examples();
        let mut names: Vec<&str> = examples.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let mut core = core_variants();
        core.sort_unstable();
        assert_eq!(core, names, "core Error variants vs the C status mapping");
        let mut seen = std::collections::BTreeSet::new();
        for (name, e) in examples {
            assert!(
                format!("{e:?}").starts_with(name),
                "{name}: example is {e:?}"
            );
            let s = status_of(&e);
            assert_ne!(s, qrsign_status::QRSIGN_ERR_OTHER, "{name} has no status");
            assert!(seen.insert(s as u32), "{name}: status {s:?} used twice");
            assert_eq!(detail_of(&e).status, s as u32);
        }
    }

    #[test]
    fn details_carry_the_numbers() {
        assert_eq!(detail_of(&Error::MalformedJson { offset: 42 }).offset, 42);
        assert_eq!(detail_of(&Error::BufferTooSmall { needed: 88 }).needed, 88);
        assert_eq!(detail_of(&Error::TooDeep { limit: 32 }).limit, 32);
        let d = detail_of(&Error::AmountOutOfRange {
            amount: 1,
            min: 2,
            max: 3,
        });
        assert_eq!((d.amount, d.min, d.max), (1, 2, 3));
        let d = detail_of(&Error::DataTooLong {
            needed_bits: 9,
            capacity_bits: 8,
        });
        assert_eq!((d.needed_bits, d.capacity_bits), (9, 8));
    }

    /// The values are part of the ABI: this list is the compatibility record. Never change a
    /// line; only add.
    #[test]
    fn values_never_renumbered() {
        use qrsign_status::*;
        let fixed = [
            (QRSIGN_OK, 0),
            (QRSIGN_ERR_MALFORMED_JSON, 100),
            (QRSIGN_ERR_INVALID_UTF8, 101),
            (QRSIGN_ERR_INVALID_ESCAPE, 102),
            (QRSIGN_ERR_DUPLICATE_KEY, 103),
            (QRSIGN_ERR_TOO_DEEP, 104),
            (QRSIGN_ERR_TOO_MANY_VALUES, 105),
            (QRSIGN_ERR_INPUT_TOO_LONG, 106),
            (QRSIGN_ERR_UNEXPECTED_TYPE, 107),
            (QRSIGN_ERR_FIELD_NOT_FOUND, 108),
            (QRSIGN_ERR_BUFFER_TOO_SMALL, 200),
            (QRSIGN_ERR_EMPTY_SECRET, 201),
            (QRSIGN_ERR_RESERVED_KEY, 202),
            (QRSIGN_ERR_MISSING_SIGNATURE, 203),
            (QRSIGN_ERR_INVALID_SIGNATURE_ENCODING, 204),
            (QRSIGN_ERR_SIGNATURE_MISMATCH, 205),
            (QRSIGN_ERR_AMBIGUOUS_VALUE, 206),
            (QRSIGN_ERR_UNKNOWN_CURRENCY, 300),
            (QRSIGN_ERR_INVALID_AMOUNT, 301),
            (QRSIGN_ERR_AMOUNT_OUT_OF_RANGE, 302),
            (QRSIGN_ERR_DATA_TOO_LONG, 400),
            (QRSIGN_ERR_INVALID_QR_OPTION, 401),
            (QRSIGN_ERR_MISSING_QR_DATA, 402),
            (QRSIGN_ERR_INVALID_DATA_URI, 403),
            (QRSIGN_ERR_NULL_ARGUMENT, 900),
            (QRSIGN_ERR_INVALID_ARGUMENT, 901),
            (QRSIGN_ERR_OTHER, 998),
            (QRSIGN_ERR_PANIC, 999),
        ];
        for (s, v) in fixed {
            assert_eq!(s as u32, v, "{s:?}");
        }
        assert_eq!(qrsign_status::ALL.len(), fixed.len());
    }

    /// `ALL` (used by `qrsign_status_str`) lists exactly the enumerators of the header.
    #[test]
    fn statuses_match_header() {
        let header = include_str!("../../include/qrsign.h");
        let start = header.find("enum qrsign_status").unwrap_or(0);
        let end = start + header[start..].find("};").unwrap_or(0);
        let mut in_header: Vec<u32> = header[start..end]
            .lines()
            .filter_map(|l| {
                let (name, v) = l.trim().strip_suffix(',')?.split_once(" = ")?;
                name.starts_with("QRSIGN_").then(|| v.parse().ok())?
            })
            .collect();
        in_header.sort_unstable();
        let mut all: Vec<u32> = qrsign_status::ALL.iter().map(|s| *s as u32).collect();
        all.sort_unstable();
        assert_eq!(in_header, all);
    }

    #[test]
    fn every_value_has_a_message() {
        for v in 0..=2000u32 {
            let p = qrsign_status_str(v);
            assert!(!p.is_null());
            // SAFETY: qrsign_status_str returns a static NUL-terminated string.
            let s = unsafe { core::ffi::CStr::from_ptr(p) };
            assert!(!s.to_bytes().is_empty(), "{v}");
            let known = qrsign_status::from_u32(v).is_some();
            assert_eq!(s.to_bytes() == b"unknown qrsign status", !known, "{v}");
        }
    }

    #[test]
    #[allow(clippy::panic)]
    fn boundary_catches_panics() {
        fn boom(x: u32) -> qrsign_status {
            crate::boundary::ffi_boundary! {
                if x > 0 {
                    panic!("deliberate");
                }
                qrsign_status::QRSIGN_OK
            }
        }
        fn boom_str(x: u32) -> *const c_char {
            crate::boundary::ffi_boundary! {
                if x > 0 {
                    panic!("deliberate");
                }
                c"ok".as_ptr()
            }
        }
        assert_eq!(boom(0), qrsign_status::QRSIGN_OK);
        assert_eq!(boom(1), qrsign_status::QRSIGN_ERR_PANIC);
        assert!(!boom_str(1).is_null());
    }
}
