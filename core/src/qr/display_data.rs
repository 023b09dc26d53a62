//! The QR screen's data of a Click QR (Monetix) payment: the `display_data` array of a Gate
//! response or callback, read in place.
//!
//! The platform sends `"display_data": [{"type": "add_info", "title": T, "data": D}, ...]` with
//! T one of `amount`, `currency`, `receiver_name`, `receiver_account`, `qr_data` (the link to
//! show as a QR code), `lifetime` (seconds, a JSON number) and `bank_name`; `data` is a string
//! for every title but `lifetime`. The platform's generic form of the QR entry,
//! `{"type": "qr_data", "title": <any caption>, "data": <link>}`, is read as `qr_data` too.

use crate::Error;
use crate::canonical::write_sized;
use crate::json::document_text;
use crate::json::scan::{RawStr, Scanner, Span};
use crate::json::unescape::{Decoded, write_decoded};
use crate::json::walk::{self, Value};

/// A JSON string value (of `display_data`, or a [`crate::Field`] of any document), borrowed from
/// the caller's JSON as it was written there: JSON escapes (a link's `\/`, a name's `\u0441`)
/// are decoded only on request.
///
/// ```
/// use qrsign_core::qr::DisplayData;
/// let body = br#"[{"type":"add_info","title":"qr_data","data":"https:\/\/example.uz\/qr"}]"#;
/// let qr = DisplayData::parse(body)?.qr_data;
/// assert_eq!(qr.raw(), r"https:\/\/example.uz\/qr");
/// assert_eq!(qr, "https://example.uz/qr");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DisplayText<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> DisplayText<'a> {
    /// The text whose raw bytes between the quotes are `raw`, holding escapes if `escaped`.
    pub(crate) fn new(raw: &'a str, escaped: bool) -> Self {
        DisplayText { raw, escaped }
    }

    /// The text between the quotes exactly as in the JSON, escapes included.
    ///
    /// ```
    /// let body = br#"[{"type":"add_info","title":"qr_data","data":"a\"b"}]"#;
    /// assert_eq!(qrsign_core::qr::DisplayData::parse(body)?.qr_data.raw(), r#"a\"b"#);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The text itself when it has no escapes (so no decoding is needed), else `None`.
    ///
    /// ```
    /// use qrsign_core::qr::DisplayData;
    /// let plain = br#"[{"type":"add_info","title":"qr_data","data":"https://example.uz/qr"}]"#;
    /// assert_eq!(DisplayData::parse(plain)?.qr_data.as_str(), Some("https://example.uz/qr"));
    /// let escaped = br#"[{"type":"add_info","title":"qr_data","data":"https:\/\/example.uz"}]"#;
    /// assert_eq!(DisplayData::parse(escaped)?.qr_data.as_str(), None);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn as_str(&self) -> Option<&'a str> {
        (!self.escaped).then_some(self.raw)
    }

    /// The decoded text's bytes (UTF-8), one by one, with no buffer: for streaming it to a QR
    /// encoder or a display.
    ///
    /// ```
    /// let body = br#"[{"type":"add_info","title":"qr_data","data":"\u00e9\/"}]"#;
    /// let qr = qrsign_core::qr::DisplayData::parse(body)?.qr_data;
    /// assert!(qr.bytes().eq("é/".bytes()));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn bytes(&self) -> impl Iterator<Item = u8> + 'a {
        Decoded::new(self.raw.as_bytes(), false)
    }

    /// Length of the decoded text in bytes.
    ///
    /// ```
    /// let body = br#"[{"type":"add_info","title":"qr_data","data":"a\/b"}]"#;
    /// assert_eq!(qrsign_core::qr::DisplayData::parse(body)?.qr_data.decoded_len(), 3);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn decoded_len(&self) -> usize {
        if self.escaped {
            self.bytes().count()
        } else {
            self.raw.len()
        }
    }

    /// Writes the decoded text (UTF-8) into `out` and returns its length. On
    /// `Err(BufferTooSmall { needed })` (`needed` is exact) nothing is written.
    ///
    /// ```
    /// use qrsign_core::Error;
    /// let body = br#"[{"type":"add_info","title":"qr_data","data":"a\/b"}]"#;
    /// let qr = qrsign_core::qr::DisplayData::parse(body)?.qr_data;
    /// let mut out = [0u8; 8];
    /// let n = qr.decode_into(&mut out)?;
    /// assert_eq!(&out[..n], b"a/b");
    /// assert_eq!(qr.decode_into(&mut out[..2]), Err(Error::BufferTooSmall { needed: 3 }));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn decode_into(&self, out: &mut [u8]) -> Result<usize, Error> {
        write_sized(out, |sink| write_decoded(self.raw.as_bytes(), false, sink))
    }
}

/// Compares the decoded text.
impl PartialEq<&str> for DisplayText<'_> {
    fn eq(&self, other: &&str) -> bool {
        if self.escaped {
            self.bytes().eq(other.bytes())
        } else {
            self.raw == *other
        }
    }
}

/// The `display_data` of a Click QR payment: the link to show as a QR code and the payment
/// details to show beside it, borrowed from the caller's JSON (nothing is copied).
///
/// [`DisplayData::parse`] accepts a whole Gate response or callback body (a JSON object with a
/// top-level `display_data` member, where the platform puts it) or a bare `display_data` array.
///
/// ```
/// use qrsign_core::qr::DisplayData;
/// // The example in the Click QR documentation.
/// let body = br#"{"display_data": [
///   {"type": "add_info", "title": "amount", "data": "4100000"},
///   {"type": "add_info", "title": "currency", "data": "UZS"},
///   {"type": "add_info", "title": "qr_data", "data": "https://example.uz/qr"},
///   {"type": "add_info", "title": "lifetime", "data": 600}]}"#;
/// let display = DisplayData::parse(body)?;
/// assert_eq!(display.qr_data, "https://example.uz/qr");
/// assert!(display.amount.is_some_and(|a| a == "4100000"));
/// assert_eq!(display.lifetime, Some(600));
/// assert!(display.bank_name.is_none());
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct DisplayData<'a> {
    /// `qr_data`: the link to encode into the QR code (decode it with
    /// [`DisplayData::qr_data_into`] or [`DisplayText::bytes`]).
    pub qr_data: DisplayText<'a>,
    /// `amount`: the amount in minor units, as the platform's text.
    pub amount: Option<DisplayText<'a>>,
    /// `currency`: ISO 4217 alpha-3 code.
    pub currency: Option<DisplayText<'a>>,
    /// `receiver_name`: the payment recipient's full name.
    pub receiver_name: Option<DisplayText<'a>>,
    /// `receiver_account`: the payment recipient's phone number.
    pub receiver_account: Option<DisplayText<'a>>,
    /// `bank_name`: the payment recipient's bank.
    pub bank_name: Option<DisplayText<'a>>,
    /// `lifetime`: seconds until the payment details expire.
    pub lifetime: Option<u32>,
}

/// The titles of the string fields, in the order of [`Found::texts`]; `qr_data` first.
const TEXT_TITLES: [&str; 6] = [
    "qr_data",
    "amount",
    "currency",
    "receiver_name",
    "receiver_account",
    "bank_name",
];

/// The `display_data` entries a parse has found so far.
#[derive(Default)]
struct Found<'a> {
    /// One slot per [`TEXT_TITLES`] entry.
    texts: [Option<DisplayText<'a>>; 6],
    lifetime: Option<u32>,
}

/// Which field an entry fills.
#[derive(Clone, Copy)]
enum Field {
    /// The string field at this index of [`TEXT_TITLES`].
    Text(usize),
    Lifetime,
}

/// The text of `span` in `text` (empty if out of range, which the scanner never produces).
fn span_str(text: &str, span: Span) -> &str {
    let start = span.start as usize;
    text.get(start..start + span.len as usize).unwrap_or("")
}

/// Whether the JSON string `raw` in `text` decodes to `name`.
fn is(text: &str, raw: RawStr, name: &str) -> bool {
    walk::decodes_to(text.as_bytes(), raw, name)
}

impl<'a> DisplayData<'a> {
    /// Reads `display_data` from `json`: a Gate response or callback body (a JSON object whose
    /// top-level member `display_data` is the array) or the bare array.
    ///
    /// - Entries whose `type` is neither `add_info` nor `qr_data`, entries with another or no
    ///   `title`, and members other than `type`, `title` and `data` are ignored.
    /// - A known entry whose `data` has the wrong JSON type (a `lifetime` that is not an integer
    ///   in `0..=u32::MAX`, a string field that is not a string), whose `type` or `title` is not a
    ///   string, or which has no `data`; an entry that is not an object; a `display_data` that
    ///   is not an array; a root that is neither object nor array: `UnexpectedType` at the
    ///   offending value.
    /// - The same field twice (two `qr_data` entries, say), or `type`, `title`, `data` or the
    ///   top-level `display_data` twice: `DuplicateKey` at the second one, since which one the
    ///   platform meant is ambiguous.
    /// - No `qr_data` (or no `display_data` at all): `MissingQrData`.
    /// - The whole document must be well-formed JSON (`MalformedJson`, `InvalidEscape`,
    ///   `InvalidUtf8`, `TooDeep` past [`crate::limits::MAX_DEPTH`]); there is no limit on the
    ///   number of values and the stack used is constant.
    ///
    /// ```
    /// use qrsign_core::{Error, qr::DisplayData};
    /// let lifetime_as_text = br#"[{"type":"add_info","title":"qr_data","data":"https://x.uz"},
    ///                             {"type":"add_info","title":"lifetime","data":"600"}]"#;
    /// assert!(matches!(DisplayData::parse(lifetime_as_text), Err(Error::UnexpectedType { .. })));
    /// let no_link = br#"{"display_data":[{"type":"add_info","title":"bank_name","data":"B"}]}"#;
    /// assert_eq!(DisplayData::parse(no_link).unwrap_err(), Error::MissingQrData);
    /// ```
    pub fn parse(json: &'a [u8]) -> Result<Self, Error> {
        let text = document_text(json)?;
        let mut s = Scanner::new(json);
        let mut found = Found::default();
        s.skip_ws();
        match s.peek() {
            Some(b'[') => {
                s.bump();
                entries(&mut s, text, 1, &mut found)?;
            }
            Some(b'{') => {
                s.bump();
                let mut seen = false;
                walk::members(&mut s, |s, key| {
                    if !is(text, key, "display_data") {
                        return walk::value(s, 1).map(drop);
                    }
                    if seen {
                        return Err(Error::DuplicateKey {
                            offset: key.span.start as usize,
                        });
                    }
                    seen = true;
                    s.skip_ws();
                    if s.peek() != Some(b'[') {
                        return Err(Error::UnexpectedType { offset: s.pos() });
                    }
                    s.bump();
                    entries(s, text, 2, &mut found)
                })?;
            }
            Some(_) => return Err(Error::UnexpectedType { offset: s.pos() }),
            None => return Err(Error::MalformedJson { offset: s.pos() }),
        }
        s.end()?;
        let [
            qr_data,
            amount,
            currency,
            receiver_name,
            receiver_account,
            bank_name,
        ] = found.texts;
        Ok(DisplayData {
            qr_data: qr_data.ok_or(Error::MissingQrData)?,
            amount,
            currency,
            receiver_name,
            receiver_account,
            bank_name,
            lifetime: found.lifetime,
        })
    }

    /// Writes the decoded `qr_data` (the exact bytes to encode into the QR code) into `out` and
    /// returns its length; on `Err(BufferTooSmall { needed })` (exact) nothing is written.
    ///
    /// ```
    /// let body = br#"[{"type":"add_info","title":"qr_data","data":"https:\/\/example.uz\/qr"}]"#;
    /// let mut link = [0u8; 64];
    /// let n = qrsign_core::qr::DisplayData::parse(body)?.qr_data_into(&mut link)?;
    /// assert_eq!(&link[..n], b"https://example.uz/qr");
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn qr_data_into(&self, out: &mut [u8]) -> Result<usize, Error> {
        self.qr_data.decode_into(out)
    }
}

/// Reads the entries of a `display_data` array (the cursor just past its `[`, nested `depth`
/// containers deep counting the array).
fn entries<'a>(
    s: &mut Scanner<'a>,
    text: &'a str,
    depth: usize,
    found: &mut Found<'a>,
) -> Result<(), Error> {
    walk::elements(s, |s| entry(s, text, depth + 1, found))
}

/// Reads one entry (an object `depth` containers deep) and records it if it is known.
fn entry<'a>(
    s: &mut Scanner<'a>,
    text: &'a str,
    depth: usize,
    found: &mut Found<'a>,
) -> Result<(), Error> {
    s.skip_ws();
    let at = s.pos();
    if s.peek() != Some(b'{') {
        return Err(Error::UnexpectedType { offset: at });
    }
    s.bump();
    let mut kind: Option<RawStr> = None;
    let mut title: Option<RawStr> = None;
    let mut data: Option<(usize, Value)> = None;
    walk::members(s, |s, key| {
        let value = walk::value(s, depth)?;
        let duplicate = Error::DuplicateKey {
            offset: key.span.start as usize,
        };
        if is(text, key, "data") {
            return match data.replace(value) {
                Some(_) => Err(duplicate),
                None => Ok(()),
            };
        }
        let slot = if is(text, key, "type") {
            &mut kind
        } else if is(text, key, "title") {
            &mut title
        } else {
            return Ok(());
        };
        match value {
            (_, Value::String(raw)) if slot.replace(raw).is_some() => Err(duplicate),
            (_, Value::String(_)) => Ok(()),
            (offset, _) => Err(Error::UnexpectedType { offset }),
        }
    })?;
    let (Some(kind), Some(title)) = (kind, title) else {
        return Ok(());
    };
    let (field, named_by) = if is(text, kind, "qr_data") {
        (Field::Text(0), kind)
    } else if !is(text, kind, "add_info") {
        return Ok(());
    } else if is(text, title, "lifetime") {
        (Field::Lifetime, title)
    } else if let Some(index) = TEXT_TITLES.iter().position(|t| is(text, title, t)) {
        (Field::Text(index), title)
    } else {
        return Ok(());
    };
    let (data_at, value) = data.ok_or(Error::UnexpectedType { offset: at })?;
    let duplicate = Error::DuplicateKey {
        offset: named_by.span.start as usize,
    };
    let wrong_type = Error::UnexpectedType { offset: data_at };
    let replaced = match (field, value) {
        (Field::Lifetime, Value::Number(number)) => {
            let seconds = span_str(text, number.span)
                .parse::<u32>()
                .map_err(|_| wrong_type)?;
            found.lifetime.replace(seconds).is_some()
        }
        (Field::Text(index), Value::String(raw)) => {
            let string = DisplayText {
                raw: span_str(text, raw.span),
                escaped: raw.escaped,
            };
            let slot = found.texts.get_mut(index).ok_or(wrong_type)?;
            slot.replace(string).is_some()
        }
        _ => return Err(wrong_type),
    };
    if replaced { Err(duplicate) } else { Ok(()) }
}
