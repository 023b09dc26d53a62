//! Walking JSON of a known outline without a node table: visit the members of an object or the
//! elements of an array, read a scalar where one is wanted and skip every other value whole.
//!
//! Used where only a few values of a document matter (`display_data`, `img_src`): constant
//! stack, no limit on the number of values, and the skipped parts are still checked to be
//! well-formed. Skipping nested values uses a bit stack of open containers, not recursion.

use super::scan::{RawNumber, RawStr, Scanner};
use super::unescape::Decoded;
use crate::Error;
use crate::limits::MAX_DEPTH;

/// A value met while walking: scalars with their raw text, containers already skipped.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Value {
    /// A string (its raw bytes between the quotes).
    String(RawStr),
    /// A number literal.
    Number(RawNumber),
    /// `true`, `false` or `null`.
    Literal,
    /// An object or an array, skipped.
    Container,
}

/// Reads the value at the cursor (after whitespace): a scalar is scanned, a container skipped.
/// `depth` is the number of containers already open around it. Returns the value's offset too.
pub(crate) fn value(s: &mut Scanner<'_>, depth: usize) -> Result<(usize, Value), Error> {
    s.skip_ws();
    let at = s.pos();
    let found = match s.peek() {
        Some(b'{' | b'[') => {
            skip_container(s, depth)?;
            Value::Container
        }
        _ => scalar(s)?,
    };
    Ok((at, found))
}

/// Scans the scalar at the cursor.
fn scalar(s: &mut Scanner<'_>) -> Result<Value, Error> {
    Ok(match s.peek() {
        Some(b'"') => Value::String(s.string()?),
        Some(b'-' | b'0'..=b'9') => Value::Number(s.number()?),
        Some(b't') => s.literal(b"true").map(|_| Value::Literal)?,
        Some(b'f') => s.literal(b"false").map(|_| Value::Literal)?,
        Some(b'n') => s.literal(b"null").map(|_| Value::Literal)?,
        _ => return Err(Error::MalformedJson { offset: s.pos() }),
    })
}

/// Skips the object or array at the cursor, with `depth` containers open around it.
fn skip_container(s: &mut Scanner<'_>, depth: usize) -> Result<(), Error> {
    // Bit i of `objects` says whether the i-th open container (from the outermost skipped one)
    // is an object; MAX_DEPTH <= 64 keeps them all in one word.
    const _: () = assert!(MAX_DEPTH <= 64);
    let mut objects: u64 = 0;
    let mut open = 0usize;
    loop {
        // A value is expected at the cursor.
        s.skip_ws();
        match s.peek() {
            Some(open_byte @ (b'{' | b'[')) => {
                if depth + open >= MAX_DEPTH {
                    return Err(Error::TooDeep { limit: MAX_DEPTH });
                }
                s.bump();
                let is_object = open_byte == b'{';
                objects = (objects & !(1 << open)) | (u64::from(is_object) << open);
                open += 1;
                s.skip_ws();
                if s.peek() == Some(if is_object { b'}' } else { b']' }) {
                    s.bump();
                    open -= 1;
                } else {
                    if is_object {
                        member_key(s)?;
                    }
                    continue;
                }
            }
            _ => {
                scalar(s)?;
            }
        }
        // After a value: `,` and the next member, or closes, until the skipped container ends.
        loop {
            if open == 0 {
                return Ok(());
            }
            let in_object = objects & (1 << (open - 1)) != 0;
            s.skip_ws();
            match s.peek() {
                Some(b',') => {
                    s.bump();
                    if in_object {
                        member_key(s)?;
                    }
                    break;
                }
                Some(b'}') if in_object => {
                    s.bump();
                    open -= 1;
                }
                Some(b']') if !in_object => {
                    s.bump();
                    open -= 1;
                }
                _ => return Err(Error::MalformedJson { offset: s.pos() }),
            }
        }
    }
}

/// Reads a member's key and the `:` after it, leaving the cursor before the value.
pub(crate) fn member_key(s: &mut Scanner<'_>) -> Result<RawStr, Error> {
    s.skip_ws();
    let key = s.string()?;
    s.consume(b':')?;
    Ok(key)
}

/// Visits the members of the object whose `{` the cursor is just past: `visit` gets each key
/// with the cursor before its value, and must read the value (with [`value`] or its own reading).
/// Leaves the cursor past the `}`.
pub(crate) fn members<'a>(
    s: &mut Scanner<'a>,
    mut visit: impl FnMut(&mut Scanner<'a>, RawStr) -> Result<(), Error>,
) -> Result<(), Error> {
    s.skip_ws();
    if s.peek() == Some(b'}') {
        s.bump();
        return Ok(());
    }
    loop {
        let key = member_key(s)?;
        visit(s, key)?;
        s.skip_ws();
        match s.peek() {
            Some(b',') => s.bump(),
            Some(b'}') => {
                s.bump();
                return Ok(());
            }
            _ => return Err(Error::MalformedJson { offset: s.pos() }),
        }
    }
}

/// Visits the elements of the array whose `[` the cursor is just past: `visit` is called with
/// the cursor before each element, and must read it. Leaves the cursor past the `]`.
pub(crate) fn elements<'a>(
    s: &mut Scanner<'a>,
    mut visit: impl FnMut(&mut Scanner<'a>) -> Result<(), Error>,
) -> Result<(), Error> {
    s.skip_ws();
    if s.peek() == Some(b']') {
        s.bump();
        return Ok(());
    }
    loop {
        visit(s)?;
        s.skip_ws();
        match s.peek() {
            Some(b',') => s.bump(),
            Some(b']') => {
                s.bump();
                return Ok(());
            }
            _ => return Err(Error::MalformedJson { offset: s.pos() }),
        }
    }
}

/// Whether the JSON string `raw` (a key or a value in `src`) decodes to `name`.
pub(crate) fn decodes_to(src: &[u8], raw: RawStr, name: &str) -> bool {
    let bytes = raw.span.of(src);
    if raw.escaped {
        Decoded::new(bytes, false).eq(name.bytes())
    } else {
        bytes == name.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip_all(text: &str) -> Result<(), Error> {
        let mut s = Scanner::new(text.as_bytes());
        value(&mut s, 0)?;
        s.end()
    }

    #[test]
    fn skips_well_formed_values() {
        for ok in [
            "{}",
            "[]",
            r#"{"a":[1,{"b":null,"c":[true,false,"x\"y"]}],"d":{}}"#,
            " [ [ ] , { } , -1.5e3 ] ",
            r#""s""#,
        ] {
            assert_eq!(skip_all(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_malformed_values_at_their_offset() {
        for (bad, offset) in [
            ("[1,]", 3),
            ("{\"a\":1,}", 7),
            ("{\"a\" 1}", 5),
            ("[1 2]", 3),
            ("{\"a\":1]", 6),
            ("[}", 1),
            ("[1", 2),
            ("{", 1),
            ("[tru]", 1),
        ] {
            assert_eq!(skip_all(bad), Err(Error::MalformedJson { offset }), "{bad}");
        }
    }

    #[test]
    fn nesting_is_limited() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert_eq!(skip_all(&deep), Ok(()));
        let deeper = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(skip_all(&deeper), Err(Error::TooDeep { limit: MAX_DEPTH }));
    }
}
