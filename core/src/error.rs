//! The one error type of the core: one variant per cause a caller can act on.

use core::fmt;

/// Everything that can go wrong in qrsign-core.
///
/// `Copy`, no heap, and `Display` gives a readable English sentence. Offsets are byte offsets
/// into the caller's input. The C ABI maps each variant to a fixed status code.
///
/// ```
/// use qrsign_core::Error;
/// let e = Error::BufferTooSmall { needed: 88 };
/// assert_eq!(e.to_string(), "output buffer too small: 88 bytes needed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    // ---- input text -------------------------------------------------------------------------
    /// The JSON text is not well-formed (truncated, stray byte, bad number, ...).
    MalformedJson {
        /// Byte offset of the first byte that could not be accepted.
        offset: usize,
    },
    /// The input is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A JSON string escape is invalid (unknown escape, bad `\u` hex, lone surrogate).
    InvalidEscape {
        /// Byte offset of the backslash that starts the escape.
        offset: usize,
    },
    /// A JSON object has the same key twice: each parser keeps a different one, so it is
    /// ambiguous what was signed; rejected rather than guessed.
    DuplicateKey {
        /// Byte offset of the second occurrence of the key.
        offset: usize,
    },
    /// Objects/arrays nested deeper than [`crate::limits::MAX_DEPTH`].
    TooDeep {
        /// The nesting limit.
        limit: usize,
    },
    /// More values (leaves and containers) than [`crate::limits::MAX_NODES`], or more flat
    /// parameters than [`crate::limits::MAX_PARAMS`].
    TooManyValues {
        /// The limit that was reached.
        limit: usize,
    },
    /// An input (document, key or secret) is longer than the documented limit.
    InputTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The input has the wrong shape: for example a Gate body or a callback that is not a JSON
    /// object, or a `general` member that is not an object.
    UnexpectedType {
        /// Byte offset of the offending value.
        offset: usize,
    },
    /// [`crate::find_field`]: the path names a member or element that is not there.
    FieldNotFound {
        /// Byte offset of the object or array that lacks it.
        offset: usize,
    },

    // ---- signing ------------------------------------------------------------------------------
    /// The output buffer is too small; nothing useful was written.
    BufferTooSmall {
        /// The number of bytes the output needs.
        needed: usize,
    },
    /// The signing secret is empty (almost always a missing configuration value).
    EmptySecret,
    /// A parameter to sign is named `signature`: the platform never signs that key.
    ReservedKey,
    /// No signature was found (neither top-level `signature` nor `general.signature`).
    MissingSignature,
    /// The signature is not 88 characters of padded standard base64 of a 64-byte MAC.
    InvalidSignatureEncoding,
    /// The signature is well-formed but does not match the data.
    SignatureMismatch,
    /// Strict mode ([`crate::Key::with_strict`]): a signed key holds `;`, or a signed string
    /// value holds `;` with a `:` after it, so the canonical string could be re-split into
    /// fields that were never signed as such (`SECURITY.md`).
    AmbiguousValue {
        /// Byte offset of the key or value (inside its quotes) in a JSON document; for flat
        /// parameters, the index of the parameter.
        offset: usize,
    },

    // ---- amounts ------------------------------------------------------------------------------
    /// The currency code is not in qrsign's ISO 4217 table.
    UnknownCurrency,
    /// The amount text is not a valid amount for the currency (letters, too many decimals, ...).
    InvalidAmount {
        /// Byte offset of the first byte that could not be accepted.
        offset: usize,
    },
    /// The amount is outside the allowed range (for example Click QR's 50,000.00 –
    /// 20,000,000.00 UZS), in minor units.
    AmountOutOfRange {
        /// The amount, in minor units.
        amount: u64,
        /// Smallest allowed amount, in minor units.
        min: u64,
        /// Largest allowed amount, in minor units.
        max: u64,
    },

    // ---- QR (owned by the qr module; add QR causes here) --------------------------------------
    /// The data does not fit in a QR code with the allowed versions and ECC level.
    DataTooLong {
        /// Data bits needed at the largest allowed version.
        needed_bits: usize,
        /// Data bits available at the largest allowed version.
        capacity_bits: usize,
    },
    /// A QR option is out of range (version outside 1..=40, min > max, mask > 7, scale 0, ...).
    InvalidQrOption,
    /// `display_data` has no entry titled `qr_data`.
    MissingQrData,
    /// An `img_src` data URI is not `data:image/png;base64,...` with valid base64 of a PNG.
    InvalidDataUri {
        /// Byte offset (into the data URI) of the problem.
        offset: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::MalformedJson { offset } => write!(f, "malformed JSON at byte {offset}"),
            Error::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            Error::InvalidEscape { offset } => {
                write!(f, "invalid JSON string escape at byte {offset}")
            }
            Error::DuplicateKey { offset } => write!(
                f,
                "duplicate key at byte {offset}: ambiguous input, rejected rather than guessed"
            ),
            Error::TooDeep { limit } => write!(f, "JSON nested deeper than {limit} levels"),
            Error::TooManyValues { limit } => write!(f, "more than {limit} values"),
            Error::InputTooLong { limit } => write!(f, "input longer than {limit} bytes"),
            Error::UnexpectedType { offset } => {
                write!(f, "unexpected JSON type at byte {offset}")
            }
            Error::FieldNotFound { offset } => write!(
                f,
                "field not found: the object or array at byte {offset} has no such member or element"
            ),
            Error::BufferTooSmall { needed } => {
                write!(f, "output buffer too small: {needed} bytes needed")
            }
            Error::EmptySecret => f.write_str("the signing secret is empty"),
            Error::ReservedKey => {
                f.write_str("a parameter named `signature` cannot be signed; remove it")
            }
            Error::MissingSignature => {
                f.write_str("no signature found (top-level `signature` or `general.signature`)")
            }
            Error::InvalidSignatureEncoding => {
                f.write_str("the signature is not 88 characters of base64 (a 64-byte HMAC-SHA512)")
            }
            Error::SignatureMismatch => f.write_str("the signature does not match the data"),
            Error::AmbiguousValue { offset } => write!(
                f,
                "ambiguous signed string at {offset}: a key with `;`, or a value with `;` and a \
                 later `:`, could be re-split into other fields (strict mode)"
            ),
            Error::UnknownCurrency => f.write_str("unknown currency code"),
            Error::InvalidAmount { offset } => write!(f, "invalid amount at byte {offset}"),
            Error::AmountOutOfRange { amount, min, max } => write!(
                f,
                "amount {amount} (minor units) outside the allowed range {min}..={max}"
            ),
            Error::DataTooLong {
                needed_bits,
                capacity_bits,
            } => write!(
                f,
                "data too long for a QR code: {needed_bits} bits needed, {capacity_bits} available"
            ),
            Error::InvalidQrOption => f.write_str("invalid QR option"),
            Error::MissingQrData => f.write_str("display_data has no `qr_data` entry"),
            Error::InvalidDataUri { offset } => {
                write!(f, "invalid PNG data URI at byte {offset}")
            }
        }
    }
}

impl core::error::Error for Error {}
