//! One field of a JSON document read in place by its path: `payment.status` of a verified
//! callback, `display_data.2.data` of a Gate response.
//!
//! Like `display_data`, the document is walked without a node table: constant stack, no limit on
//! the number of values, and every byte of it still checked to be well-formed JSON (a field is
//! never read from a document the signing functions would refuse as malformed).

use crate::Error;
use crate::canonical::write_sized;
use crate::json::document_text;
use crate::json::scan::Scanner;
use crate::json::walk::{self, Value};
use crate::limits::MAX_DEPTH;
use crate::qr::DisplayText;

/// The JSON type of a [`Field`].
///
/// ```
/// use qrsign_core::{FieldKind, find_field};
/// assert_eq!(find_field(br#"{"a":[1,null]}"#, "a")?.kind(), FieldKind::Array);
/// assert_eq!(find_field(br#"{"a":[1,null]}"#, "a.1")?.kind(), FieldKind::Null);
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A string.
    String,
    /// A number literal.
    Number,
    /// `true`.
    True,
    /// `false`.
    False,
    /// `null`.
    Null,
    /// An object.
    Object,
    /// An array.
    Array,
}

/// A value found by [`find_field`], borrowed from the caller's JSON (nothing is copied).
///
/// ```
/// use qrsign_core::{FieldKind, find_field};
/// let callback = br#"{"payment":{"id":"000049","status":"success"},"signature":"..."}"#;
/// let status = find_field(callback, "payment.status")?;
/// assert_eq!(status.kind(), FieldKind::String);
/// assert_eq!(status.raw(), r#""success""#);
/// assert_eq!(status, "success");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    kind: FieldKind,
    raw: &'a str,
    offset: usize,
    escaped: bool,
}

impl<'a> Field<'a> {
    /// The JSON type of the value.
    ///
    /// ```
    /// use qrsign_core::{FieldKind, find_field};
    /// assert_eq!(find_field(br#"{"amount":4100000}"#, "amount")?.kind(), FieldKind::Number);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// The value's JSON text exactly as in the document: a string with its quotes and escapes,
    /// a number as written, an object or array whole (inner whitespace included).
    ///
    /// ```
    /// let json = br#"{"a": {"b": [1, 2.50]}, "c": "x\/y"}"#;
    /// assert_eq!(qrsign_core::find_field(json, "a")?.raw(), r#"{"b": [1, 2.50]}"#);
    /// assert_eq!(qrsign_core::find_field(json, "a.b.1")?.raw(), "2.50");
    /// assert_eq!(qrsign_core::find_field(json, "c")?.raw(), r#""x\/y""#);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Byte offset of the value's first byte in the document.
    ///
    /// ```
    /// let json = br#"{"a": true}"#;
    /// assert_eq!(qrsign_core::find_field(json, "a")?.offset(), 6);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// For a string, its text (escapes decoded on request, see [`DisplayText`]); `None` for
    /// any other kind.
    ///
    /// ```
    /// let json = br#"{"name":"\u0410\u043d\u043d\u0430","n":1}"#;
    /// let name = qrsign_core::find_field(json, "name")?.text().expect("a string");
    /// assert_eq!(name, "Анна");
    /// assert_eq!(name.decoded_len(), 8);
    /// assert!(qrsign_core::find_field(json, "n")?.text().is_none());
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn text(&self) -> Option<DisplayText<'a>> {
        if self.kind != FieldKind::String {
            return None;
        }
        let inner = self.raw.strip_prefix('"')?.strip_suffix('"')?;
        Some(DisplayText::new(inner, self.escaped))
    }

    /// Length in bytes of what [`Field::value_into`] writes.
    ///
    /// ```
    /// let json = br#"{"s":"a\/b","n":-1.5}"#;
    /// assert_eq!(qrsign_core::find_field(json, "s")?.value_len(), 3);
    /// assert_eq!(qrsign_core::find_field(json, "n")?.value_len(), 4);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn value_len(&self) -> usize {
        match self.text() {
            Some(text) => text.decoded_len(),
            None => self.raw.len(),
        }
    }

    /// Writes the value into `out` and returns its length: a string's text with its escapes
    /// decoded (UTF-8, no quotes); any other kind as its raw JSON text ([`Field::raw`]). On
    /// `Err(BufferTooSmall { needed })` (`needed` is exact) nothing is written.
    ///
    /// ```
    /// use qrsign_core::{Error, find_field};
    /// let json = br#"{"link":"https:\/\/x.uz","ok":false}"#;
    /// let mut out = [0u8; 16];
    /// let n = find_field(json, "link")?.value_into(&mut out)?;
    /// assert_eq!(&out[..n], b"https://x.uz");
    /// let n = find_field(json, "ok")?.value_into(&mut out)?;
    /// assert_eq!(&out[..n], b"false");
    /// assert_eq!(
    ///     find_field(json, "link")?.value_into(&mut out[..4]),
    ///     Err(Error::BufferTooSmall { needed: 12 })
    /// );
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn value_into(&self, out: &mut [u8]) -> Result<usize, Error> {
        match self.text() {
            Some(text) => text.decode_into(out),
            None => write_sized(out, |sink| sink.put(self.raw.as_bytes())),
        }
    }
}

/// Compares the value as [`Field::value_into`] writes it (a string decoded, anything else as its
/// JSON text).
impl PartialEq<&str> for Field<'_> {
    fn eq(&self, other: &&str) -> bool {
        match self.text() {
            Some(text) => text == *other,
            None => self.raw == *other,
        }
    }
}

/// Finds the value at `path` in the JSON document `json`, in place.
///
/// `path` is a list of segments separated by `.`: on an object a segment is a member's name
/// (compared with the key's decoded text), on an array the decimal index of an element (`0`,
/// `12`; no sign, no leading zero). The empty path is the whole document (never a top-level
/// member named `""`; `.x` is `x` inside that one). A key holding a `.` cannot be addressed.
///
/// - A member or element that is not there: `FieldNotFound` at the object or array lacking it
///   (a name segment on an array, too).
/// - A segment to look up inside a string, number or literal: `UnexpectedType` at that value.
/// - A key of the path found twice in its object: `DuplicateKey` at the second one, since which
///   one the sender meant is ambiguous (other keys are not checked).
/// - The whole document must be well-formed (`MalformedJson`, `InvalidEscape`, `InvalidUtf8`,
///   `TooDeep` past [`crate::limits::MAX_DEPTH`]) and at most
///   [`crate::limits::MAX_DOCUMENT_LEN`] bytes long (`InputTooLong`); these are reported before
///   `FieldNotFound` and `UnexpectedType`. The stack used is constant.
///
/// ```
/// use qrsign_core::{Error, find_field};
/// let callback = br#"{"payment":{"id":"000049","status":"success"},
///                     "operations":[{"code":"0"},{"code":"3028"}]}"#;
/// assert_eq!(find_field(callback, "payment.status")?, "success");
/// assert_eq!(find_field(callback, "operations.1.code")?, "3028");
/// assert_eq!(
///     find_field(callback, "payment.amount").unwrap_err(),
///     Error::FieldNotFound { offset: 11 }
/// );
/// assert!(matches!(
///     find_field(callback, "payment.status.code"),
///     Err(Error::UnexpectedType { .. })
/// ));
/// let twice = br#"{"payment":{"status":"decline","status":"success"}}"#;
/// assert!(matches!(find_field(twice, "payment.status"), Err(Error::DuplicateKey { .. })));
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn find_field<'a>(json: &'a [u8], path: &str) -> Result<Field<'a>, Error> {
    let text = document_text(json)?;
    let mut s = Scanner::new(json);
    // Bit i of `objects` says whether the i-th container of the path (from the root) is an
    // object; `open` of them are open around the cursor. MAX_DEPTH <= 64 keeps them in one word.
    const _: () = assert!(MAX_DEPTH <= 64);
    let mut objects: u64 = 0;
    let mut open = 0usize;
    let mut wanted = segments(path);
    // Down the path, to the value or to the container (or scalar) where it ends.
    let outcome = loop {
        s.skip_ws();
        let at = s.pos();
        let Some(segment) = wanted.next() else {
            let (at, value) = walk::value(&mut s, open)?;
            break Ok(field(text, at, s.pos(), value));
        };
        let is_object = match s.peek() {
            Some(b'{') => true,
            Some(b'[') => false,
            _ => {
                walk::value(&mut s, open)?;
                break Err(Error::UnexpectedType { offset: at });
            }
        };
        if open >= MAX_DEPTH {
            return Err(Error::TooDeep { limit: MAX_DEPTH });
        }
        s.bump();
        objects = (objects & !(1 << open)) | (u64::from(is_object) << open);
        let found = if is_object {
            find_member(&mut s, text, segment, open + 1)?
        } else {
            find_element(&mut s, segment, open + 1)?
        };
        if !found {
            // That container has been read to its end.
            break Err(Error::FieldNotFound { offset: at });
        }
        open += 1;
    };
    // Back up: the rest of each container of the path, its key checked against the rest.
    while open > 0 {
        open -= 1;
        let is_object = objects & (1 << open) != 0;
        let key = if is_object {
            segments(path).nth(open)
        } else {
            None
        };
        rest(&mut s, text, is_object, key, open + 1)?;
    }
    s.end()?;
    outcome
}

/// The segments of `path`: none for the empty path.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    (!path.is_empty())
        .then(|| path.split('.'))
        .into_iter()
        .flatten()
}

/// The array index a segment names: decimal digits, no sign, no leading zero.
fn index_of(segment: &str) -> Option<usize> {
    let digits = segment.as_bytes();
    let canonical = match digits {
        [] => false,
        [b'0'] => true,
        [first, ..] => *first != b'0' && digits.iter().all(u8::is_ascii_digit),
    };
    canonical.then(|| segment.parse().ok()).flatten()
}

/// The [`Field`] for the value read from `at` to `end`.
fn field(text: &str, at: usize, end: usize, value: Value) -> Field<'_> {
    let raw = text.get(at..end).unwrap_or("");
    let first = raw.as_bytes().first();
    let (kind, escaped) = match (value, first) {
        (Value::String(string), _) => (FieldKind::String, string.escaped),
        (Value::Number(_), _) => (FieldKind::Number, false),
        (_, Some(b't')) => (FieldKind::True, false),
        (_, Some(b'f')) => (FieldKind::False, false),
        (_, Some(b'{')) => (FieldKind::Object, false),
        (_, Some(b'[')) => (FieldKind::Array, false),
        _ => (FieldKind::Null, false),
    };
    Field {
        kind,
        raw,
        offset: at,
        escaped,
    }
}

/// Reads the object whose `{` the cursor is just past (its members `depth` containers deep) up
/// to the member `name`: `true` with the cursor before its value, or `false` past the `}`.
fn find_member(s: &mut Scanner<'_>, text: &str, name: &str, depth: usize) -> Result<bool, Error> {
    s.skip_ws();
    if s.peek() == Some(b'}') {
        s.bump();
        return Ok(false);
    }
    loop {
        let key = walk::member_key(s)?;
        if walk::decodes_to(text.as_bytes(), key, name) {
            return Ok(true);
        }
        walk::value(s, depth)?;
        s.skip_ws();
        match s.peek() {
            Some(b',') => s.bump(),
            Some(b'}') => {
                s.bump();
                return Ok(false);
            }
            _ => return Err(Error::MalformedJson { offset: s.pos() }),
        }
    }
}

/// Reads the array whose `[` the cursor is just past (its elements `depth` containers deep) up
/// to the element `segment` names: `true` with the cursor before it, or `false` past the `]`.
fn find_element(s: &mut Scanner<'_>, segment: &str, depth: usize) -> Result<bool, Error> {
    let wanted = index_of(segment);
    s.skip_ws();
    if s.peek() == Some(b']') {
        s.bump();
        return Ok(false);
    }
    let mut index = 0usize;
    loop {
        if wanted == Some(index) {
            return Ok(true);
        }
        walk::value(s, depth)?;
        index += 1;
        s.skip_ws();
        match s.peek() {
            Some(b',') => s.bump(),
            Some(b']') => {
                s.bump();
                return Ok(false);
            }
            _ => return Err(Error::MalformedJson { offset: s.pos() }),
        }
    }
}

/// Reads the rest of a container after one of its values (members or elements `depth`
/// containers deep), past its closing bracket. In an object, a member named `key` is a
/// `DuplicateKey`.
fn rest(
    s: &mut Scanner<'_>,
    text: &str,
    is_object: bool,
    key: Option<&str>,
    depth: usize,
) -> Result<(), Error> {
    loop {
        s.skip_ws();
        match s.peek() {
            Some(b',') => {
                s.bump();
                if is_object {
                    let again = walk::member_key(s)?;
                    if key.is_some_and(|k| walk::decodes_to(text.as_bytes(), again, k)) {
                        return Err(Error::DuplicateKey {
                            offset: again.span.start as usize,
                        });
                    }
                }
                walk::value(s, depth)?;
            }
            Some(b'}') if is_object => {
                s.bump();
                return Ok(());
            }
            Some(b']') if !is_object => {
                s.bump();
                return Ok(());
            }
            _ => return Err(Error::MalformedJson { offset: s.pos() }),
        }
    }
}
