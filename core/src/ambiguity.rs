//! The canonical string's ambiguity: values and keys are not escaped, so `;` inside a string can
//! be read as the separator between two canonical lines. The strict check finds such strings.
//!
//! `{"a":"1;b:2"}` and `{"a":"1","b":"2"}` have the same canonical string, `a:1;b:2`, and so the
//! same signature. A string is *ambiguous* when a re-split at one of its `;` can give a valid
//! line of another document:
//! - a value holding `;` with a `:` somewhere after it (the text after the `;` reads as a
//!   `path:value` line);
//! - a key holding `;` (its line always has a `:` after the key, so the part after the `;` reads
//!   as a line of its own, and a document re-split at a value's `;` gets such a key).
//!
//! A signer that refuses ambiguous strings makes signatures that cannot be re-split; a verifier
//! that refuses them rejects a document made by merging signed lines. `SECURITY.md` says what
//! this does and does not cover.

use crate::Error;
use crate::canonical::Sorted;
use crate::canonical::document::Exclude;
use crate::canonical::document::{Document, KEY_ESCAPED, KEY_INDEX, Kind, SKIP, VALUE_ESCAPED};
use crate::json::unescape::Decoded;
use crate::params::{Param, Value};

/// Whether the bytes of a value hold a `;` followed (anywhere later) by a `:`.
fn value_is_ambiguous(bytes: impl Iterator<Item = u8>) -> bool {
    let mut semicolon = false;
    for b in bytes {
        match b {
            b';' => semicolon = true,
            b':' if semicolon => return true,
            _ => {}
        }
    }
    false
}

/// Whether the bytes of a key hold a `;`.
fn key_is_ambiguous(mut bytes: impl Iterator<Item = u8>) -> bool {
    bytes.any(|b| b == b';')
}

/// The byte offset (into the document) of the first signed key or string value that is
/// ambiguous, if any. Left-out members (`frame_mode`, the signature) are not signed and not
/// checked.
pub(crate) fn document_ambiguity(doc: &Document<'_>) -> Option<usize> {
    for (i, node) in doc.nodes.iter().enumerate() {
        if node.flags & SKIP != 0 {
            continue;
        }
        if i != 0 && node.flags & KEY_INDEX == 0 {
            let raw = node.key.of(doc.src);
            let found = if node.flags & KEY_ESCAPED != 0 {
                key_is_ambiguous(Decoded::new(raw, false))
            } else {
                key_is_ambiguous(raw.iter().copied())
            };
            if found {
                return Some(node.key.start as usize);
            }
        }
        if node.kind == Kind::String {
            let raw = node.value.of(doc.src);
            let found = if node.flags & VALUE_ESCAPED != 0 {
                value_is_ambiguous(Decoded::new(raw, false))
            } else {
                value_is_ambiguous(raw.iter().copied())
            };
            if found {
                return Some(node.value.start as usize);
            }
        }
    }
    None
}

/// The index of the first flat parameter whose name or text value is ambiguous, if any.
pub(crate) fn params_ambiguity(params: &[Param<'_>]) -> Option<usize> {
    params.iter().position(|p| {
        p.name != "frame_mode"
            && (key_is_ambiguous(p.name.bytes())
                || matches!(p.value, Value::Str(s) if value_is_ambiguous(s.bytes())))
    })
}

/// Checks a JSON document for strings that make its canonical string ambiguous (see the
/// module docs and `SECURITY.md`): `Ok(None)` if there are none, `Ok(Some(offset))` with the
/// byte offset of the first ambiguous key or value (inside its quotes) otherwise.
/// `callback` leaves out the callback's signature as verification does.
///
/// ```
/// use qrsign_core::find_ambiguity;
/// assert_eq!(find_ambiguity(br#"{"a":"1","b":"2"}"#, false)?, None);
/// // "1;b:2" re-splits into a:1 and b:2: the same signature as the document above.
/// assert_eq!(find_ambiguity(br#"{"a":"1;b:2"}"#, false)?, Some(6));
/// // A `;` alone, with no `:` after it, cannot start a line.
/// assert_eq!(find_ambiguity(br#"{"note":"one; two"}"#, false)?, None);
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn find_ambiguity(json: &[u8], callback: bool) -> Result<Option<usize>, Error> {
    let exclude = if callback {
        Exclude::CallbackSignature
    } else {
        Exclude::Nothing
    };
    let mut doc = Document::new(json);
    let mut sorted = Sorted::new();
    doc.parse(exclude, sorted.siblings())?;
    Ok(document_ambiguity(&doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_need_a_colon_after_a_semicolon() {
        for (text, want) in [
            ("", false),
            ("a:b", false),
            ("a;b", false),
            (":;", false),
            (";:", true),
            ("x;payment:status:success", true),
            ("one; two: three", true),
            ("a;;b", false),
        ] {
            assert_eq!(value_is_ambiguous(text.bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn keys_with_any_semicolon() {
        assert!(key_is_ambiguous(b"y;b".iter().copied()));
        assert!(!key_is_ambiguous(b"y:b".iter().copied()));
    }

    #[test]
    fn escapes_are_decoded_and_the_signature_is_not_checked() {
        // \u003b is ';' and \u003a is ':'.
        assert_eq!(
            find_ambiguity(br#"{"a":"1\u003bb\u003a2"}"#, false),
            Ok(Some(6))
        );
        assert_eq!(find_ambiguity(br#"{"k\u003bx":1}"#, false), Ok(Some(2)));
        // frame_mode is never signed; a callback's signature is left out.
        assert_eq!(
            find_ambiguity(br#"{"frame_mode":"a;b:c"}"#, false),
            Ok(None)
        );
        assert_eq!(
            find_ambiguity(br#"{"a":1,"signature":"x;y:z"}"#, true),
            Ok(None)
        );
        assert_eq!(
            find_ambiguity(br#"{"a":1,"signature":"x;y:z"}"#, false),
            Ok(Some(20))
        );
        // Nested, and the first one found.
        assert_eq!(
            find_ambiguity(br#"{"p":{"d":["ok","x;s:1"]},"z":"y;q:2"}"#, false),
            Ok(Some(17))
        );
        assert_eq!(
            find_ambiguity(b"{", false),
            Err(Error::MalformedJson { offset: 1 })
        );
    }

    #[test]
    fn params() {
        let ok = [
            Param::new("a", Value::Str("1;2")),
            Param::new("frame_mode", Value::Str("x;y:z")),
        ];
        assert_eq!(params_ambiguity(&ok), None);
        let bad = [
            Param::new("a", Value::Int(1)),
            Param::new("b", Value::Str("1;c:2")),
        ];
        assert_eq!(params_ambiguity(&bad), Some(1));
        assert_eq!(params_ambiguity(&[Param::new("x;y", Value::Null)]), Some(0));
    }
}
