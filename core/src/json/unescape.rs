//! Decoding JSON string escapes on the fly, with no buffer: as chunks written to a sink, or as a
//! byte iterator (for comparisons). Optionally doubles `:` (how the canonical form writes a `:`
//! inside a key).
//!
//! Input spans have been validated by the scanner, so every escape here is well-formed.

use super::scan::hex4;
use crate::sink::Sink;

/// Decodes the escape at `raw[at] == b'\\'`: the UTF-8 bytes it stands for and the offset past it.
fn decode_escape(raw: &[u8], at: usize) -> ([u8; 4], usize, usize) {
    let simple = |b: u8| ([b, 0, 0, 0], 1, at + 2);
    match raw.get(at + 1) {
        Some(b'b') => simple(0x08),
        Some(b'f') => simple(0x0c),
        Some(b'n') => simple(b'\n'),
        Some(b'r') => simple(b'\r'),
        Some(b't') => simple(b'\t'),
        Some(b'u') => {
            let first = hex4(raw, at + 2).unwrap_or(0xFFFD);
            let (code, next) = if (0xD800..0xDC00).contains(&first) {
                let low = hex4(raw, at + 8).unwrap_or(0xDC00);
                (0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00), at + 12)
            } else {
                (first, at + 6)
            };
            let ch = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
            let mut buf = [0u8; 4];
            let len = ch.encode_utf8(&mut buf).len();
            (buf, len, next)
        }
        // `"`, `\` and `/` stand for themselves.
        Some(&b) => simple(b),
        None => ([0; 4], 0, at + 1),
    }
}

/// Writes the decoded bytes of `raw` to `sink`, doubling every `:` when `double_colons`.
pub(crate) fn write_decoded<S: Sink + ?Sized>(raw: &[u8], double_colons: bool, sink: &mut S) {
    let mut run_start = 0;
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'\\' {
            sink.put(raw.get(run_start..i).unwrap_or(&[]));
            let (bytes, len, next) = decode_escape(raw, i);
            let decoded = bytes.get(..len).unwrap_or(&[]);
            if double_colons && decoded == b":" {
                sink.put(b"::");
            } else {
                sink.put(decoded);
            }
            i = next;
            run_start = i;
        } else if b == b':' && double_colons {
            // Write the run including this colon, then start the next run at the same colon.
            sink.put(raw.get(run_start..=i).unwrap_or(&[]));
            run_start = i;
            i += 1;
        } else {
            i += 1;
        }
    }
    sink.put(raw.get(run_start..).unwrap_or(&[]));
}

/// An iterator over the decoded bytes of a raw JSON string span.
#[derive(Clone)]
pub(crate) struct Decoded<'a> {
    raw: &'a [u8],
    pos: usize,
    pending: [u8; 4],
    pending_len: u8,
    pending_pos: u8,
    double_colons: bool,
}

impl<'a> Decoded<'a> {
    /// Decodes `raw`; with `double_colons`, each decoded `:` comes out as `::`.
    pub(crate) fn new(raw: &'a [u8], double_colons: bool) -> Self {
        Decoded {
            raw,
            pos: 0,
            pending: [0; 4],
            pending_len: 0,
            pending_pos: 0,
            double_colons,
        }
    }
}

impl Iterator for Decoded<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if self.pending_pos < self.pending_len {
            let b = self.pending.get(self.pending_pos as usize).copied();
            self.pending_pos += 1;
            return b;
        }
        let &b = self.raw.get(self.pos)?;
        let (bytes, len) = if b == b'\\' {
            let (bytes, len, next) = decode_escape(self.raw, self.pos);
            self.pos = next;
            (bytes, len)
        } else {
            self.pos += 1;
            ([b, 0, 0, 0], 1)
        };
        if self.double_colons && len == 1 && bytes[0] == b':' {
            self.pending = [b':', 0, 0, 0];
            self.pending_len = 1;
            self.pending_pos = 0;
            return Some(b':');
        }
        self.pending = bytes;
        self.pending_len = len as u8;
        self.pending_pos = 1;
        Some(bytes[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Sink for Vec<u8> {
        fn put(&mut self, bytes: &[u8]) {
            self.extend_from_slice(bytes);
        }
    }

    fn both(raw: &str, colons: bool) -> (Vec<u8>, Vec<u8>) {
        let mut written = Vec::new();
        write_decoded(raw.as_bytes(), colons, &mut written);
        let iterated: Vec<u8> = Decoded::new(raw.as_bytes(), colons).collect();
        (written, iterated)
    }

    #[test]
    fn decodes_like_json() {
        for (raw, colons, want) in [
            (r"plain", false, "plain"),
            (r#"a\/b\\c\"d"#, false, "a/b\\c\"d"),
            (r"\u0041\u00e9\u20ac", false, "Aé€"),
            (r"\ud83d\ude00!", false, "😀!"),
            (r"\n\t\r\b\f", false, "\n\t\r\u{8}\u{c}"),
            (r"a:b", true, "a::b"),
            (r"a\u003ab:", true, "a::b::"),
            (r"a:b", false, "a:b"),
            (r"::", true, "::::"),
        ] {
            let (w, i) = both(raw, colons);
            assert_eq!(w, want.as_bytes(), "write {raw}");
            assert_eq!(i, want.as_bytes(), "iter {raw}");
        }
    }
}
