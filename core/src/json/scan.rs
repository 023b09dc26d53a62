//! Lexical scanning of JSON text, in place: strings, numbers, literals and whitespace.
//!
//! The scanner never copies: a string is reported as the span of its raw bytes between the
//! quotes plus a flag saying whether it contains escapes; numbers as the span of their literal.

use crate::Error;

/// A span of the input: `start..start + len`, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Span {
    /// The bytes of this span in `src` (empty if out of range, which the scanner never produces).
    pub(crate) fn of<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        let start = self.start as usize;
        src.get(start..start + self.len as usize).unwrap_or(&[])
    }

    /// `src` from this span's start to its end (for [`crate::sink::Sink::put_over`], with
    /// `len`).
    pub(crate) fn rest<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        src.get(self.start as usize..).unwrap_or(&[])
    }
}

/// A scanned JSON string: the raw bytes between the quotes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RawStr {
    pub(crate) span: Span,
    /// Whether the raw bytes contain at least one backslash escape.
    pub(crate) escaped: bool,
}

/// A scanned JSON number literal.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawNumber {
    pub(crate) span: Span,
    /// An integer literal (no fraction or exponent) that fits in an `i64`.
    pub(crate) fits_i64: bool,
}

/// A cursor over JSON text that has already been checked to be valid UTF-8.
pub(crate) struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
}

fn span(start: usize, end: usize) -> Span {
    // The caller has checked that the document length fits in u32.
    Span {
        start: start as u32,
        len: (end - start) as u32,
    }
}

impl<'a> Scanner<'a> {
    /// A scanner at the start of `src`. The caller guarantees `src.len() <= u32::MAX`.
    pub(crate) fn new(src: &'a [u8]) -> Self {
        Scanner { src, pos: 0 }
    }

    /// The current byte offset.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// The byte at the cursor, if any.
    pub(crate) fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// Advances past one byte.
    pub(crate) fn bump(&mut self) {
        self.pos += 1;
    }

    fn malformed(&self) -> Error {
        Error::MalformedJson { offset: self.pos }
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return).
    pub(crate) fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `byte` (after whitespace) or fails with `MalformedJson` at the cursor.
    pub(crate) fn consume(&mut self, byte: u8) -> Result<(), Error> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.malformed())
        }
    }

    /// Fails unless only whitespace remains.
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        self.skip_ws();
        if self.pos == self.src.len() {
            Ok(())
        } else {
            Err(self.malformed())
        }
    }

    /// Scans a string; the cursor is on the opening quote.
    #[inline(always)]
    pub(crate) fn string(&mut self) -> Result<RawStr, Error> {
        self.scan_string::<false>().map(|(raw, _)| raw)
    }

    /// Scans an object key like [`Scanner::string`], also saying whether its raw bytes hold a
    /// `:` (found in the same word-at-a-time pass: a byte loop over every key cost ~2K
    /// instructions on the 1.6 KB callback, callgrind).
    #[inline(always)]
    pub(crate) fn key(&mut self) -> Result<(RawStr, bool), Error> {
        self.scan_string::<true>()
    }

    // Inlined into the parsing loop: as a call, its set-up and `Result` return cost ~15
    // instructions per string (callgrind).
    #[inline(always)]
    fn scan_string<const COLON: bool>(&mut self) -> Result<(RawStr, bool), Error> {
        if self.peek() != Some(b'"') {
            return Err(self.malformed());
        }
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        let mut colon = false;
        loop {
            let (end, saw) = skip_plain::<COLON>(self.src, self.pos);
            self.pos = end;
            colon |= saw;
            let Some(&b) = self.src.get(self.pos) else {
                return Err(self.malformed());
            };
            match b {
                b'"' => {
                    let raw = RawStr {
                        span: span(start, self.pos),
                        escaped,
                    };
                    self.pos += 1;
                    return Ok((raw, colon));
                }
                b'\\' => {
                    escaped = true;
                    self.pos = check_escape(self.src, self.pos)?;
                }
                0x00..=0x1f => return Err(self.malformed()),
                _ => self.pos += 1,
            }
        }
    }

    /// Scans a number literal with the strict JSON grammar; the cursor is on `-` or a digit.
    #[inline(always)]
    pub(crate) fn number(&mut self) -> Result<RawNumber, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.malformed()),
        }
        let int_digits = self.pos - int_start;
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        let fits_i64 = integer && {
            let digits = self.src.get(int_start..self.pos).unwrap_or(&[]);
            let max: &[u8] = if negative {
                b"9223372036854775808"
            } else {
                b"9223372036854775807"
            };
            int_digits < max.len() || (int_digits == max.len() && digits <= max)
        };
        Ok(RawNumber {
            span: span(start, self.pos),
            fits_i64,
        })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), Error> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.malformed());
        }
        self.digits();
        Ok(())
    }

    /// Consumes the literal `word` (`true`, `false` or `null`) and returns its span.
    #[inline(always)]
    pub(crate) fn literal(&mut self, word: &[u8]) -> Result<Span, Error> {
        let start = self.pos;
        match self.src.get(start..start + word.len()) {
            Some(found) if found == word => {
                self.pos += word.len();
                Ok(span(start, self.pos))
            }
            _ => Err(self.malformed()),
        }
    }
}

/// The first offset at or after `pos` holding `"`, `\\` or a control byte (or the end), eight
/// bytes at a time: strings are most of a callback's bytes. With `COLON`, also whether a `:`
/// lies before that offset.
#[inline(always)]
fn skip_plain<const COLON: bool>(src: &[u8], mut pos: usize) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `v` below `n` (n <= 0x80): exact for the lowest such byte; a
    // false hit only ever lies above a true one, so "any hit below bit k" is exact too.
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS;
    let mut colon = false;
    // `get(pos..pos + 8)` (`pos` is at most the document's length, far from overflow): one
    // compare per word; `get(pos..)` then `first_chunk` set up and tested the rest's length
    // (~0.75K more instructions on the 1.6 KB callback, callgrind).
    while let Some(chunk) = src.get(pos..pos + 8).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*chunk);
        // `"` (0x22) and the control bytes (below 0x20) in one test: flipping bit 1 maps `"`
        // to 0x20 and the control bytes onto control bytes, and nothing else below 0x21. Against
        // a test each for `"` and control bytes: ~5 fewer instructions per eight bytes.
        let quote_or_control = below(x ^ (ONES * 0x02), 0x21);
        let backslash = below(x ^ (ONES * u64::from(b'\\')), 1);
        let hits = quote_or_control | backslash;
        let colons = if COLON {
            below(x ^ (ONES * u64::from(b':')), 1)
        } else {
            0
        };
        if hits != 0 {
            // The colons below the first hit.
            let below_hit = (hits & hits.wrapping_neg()).wrapping_sub(1);
            colon |= colons & below_hit != 0;
            return (pos + (hits.trailing_zeros() / 8) as usize, colon);
        }
        colon |= colons != 0;
        pos += 8;
    }
    while let Some(&b) = src.get(pos) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        colon |= COLON && b == b':';
        pos += 1;
    }
    (pos, colon)
}

/// Checks the escape starting at `src[at] == b'\\'` and returns the offset just past it.
fn check_escape(src: &[u8], at: usize) -> Result<usize, Error> {
    let bad = Error::InvalidEscape { offset: at };
    match src.get(at + 1) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(at + 2),
        Some(b'u') => {
            let unit = hex4(src, at + 2).ok_or(bad)?;
            match unit {
                0xD800..=0xDBFF => {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if src.get(at + 6) != Some(&b'\\') || src.get(at + 7) != Some(&b'u') {
                        return Err(bad);
                    }
                    match hex4(src, at + 8) {
                        Some(0xDC00..=0xDFFF) => Ok(at + 12),
                        _ => Err(bad),
                    }
                }
                0xDC00..=0xDFFF => Err(bad),
                _ => Ok(at + 6),
            }
        }
        _ => Err(bad),
    }
}

/// Four hex digits at `src[at..at + 4]`, as a UTF-16 code unit.
pub(crate) fn hex4(src: &[u8], at: usize) -> Option<u32> {
    let digits = src.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |acc, &d| {
        let v = (d as char).to_digit(16)?;
        Some(acc * 16 + v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_string(s: &[u8]) -> Result<RawStr, Error> {
        Scanner::new(s).string()
    }

    #[test]
    fn strings_and_escapes() {
        let raw = scan_string(br#""a\"b""#).unwrap();
        assert!(raw.escaped);
        assert_eq!(raw.span, Span { start: 1, len: 4 });
        assert!(!scan_string(br#""plain""#).unwrap().escaped);
        assert_eq!(
            scan_string(br#""\x""#).unwrap_err(),
            Error::InvalidEscape { offset: 1 }
        );
        assert_eq!(
            scan_string(br#""\ud83d""#).unwrap_err(),
            Error::InvalidEscape { offset: 1 }
        );
        assert_eq!(
            scan_string(br#""\ude00""#).unwrap_err(),
            Error::InvalidEscape { offset: 1 }
        );
        assert!(scan_string(br#""\ud83d\ude00""#).is_ok());
        assert_eq!(
            scan_string(b"\"a\nb\"").unwrap_err(),
            Error::MalformedJson { offset: 2 }
        );
        assert_eq!(
            scan_string(b"\"abc").unwrap_err(),
            Error::MalformedJson { offset: 4 }
        );
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn plain_run_ends_at_the_first_quote_backslash_or_control_byte() {
        // Every byte value at every offset of a 20-byte run (both the word loop and the byte
        // loop see it), among neighbours that must not stop the scan.
        for b in 0..=255u8 {
            for at in 0..20 {
                for fill in [b'a', b'!', b'#', 0x80, 0xff, b' '] {
                    let mut text = vec![fill; 20];
                    text[at] = b;
                    let want = text
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                        .unwrap_or(text.len());
                    assert_eq!(skip_plain::<false>(&text, 0).0, want, "{b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn key_colon_flag_agrees_with_a_byte_search() {
        // Keys of every length up to 30 with one `:` at each position (or none), then the
        // closing quote and more text (a `:` after the key must not count).
        for len in 0..30 {
            for at in 0..=len {
                let mut key = vec![b'k'; len];
                if let Some(b) = key.get_mut(at) {
                    *b = b':';
                }
                let mut text = vec![b'"'];
                text.extend_from_slice(&key);
                text.extend_from_slice(b"\":\"v:w\"");
                let (raw, colon) = Scanner::new(&text).key().unwrap();
                assert_eq!(raw.span.len as usize, len);
                assert_eq!(colon, key.contains(&b':'), "{key:?}");
            }
        }
    }

    #[test]
    fn numbers() {
        for (text, fits) in [
            ("0", true),
            ("-0", true),
            ("9223372036854775807", true),
            ("9223372036854775808", false),
            ("-9223372036854775808", true),
            ("-9223372036854775809", false),
            ("1.5", false),
            ("1e3", false),
        ] {
            let n = Scanner::new(text.as_bytes()).number().unwrap();
            assert_eq!(n.fits_i64, fits, "{text}");
            assert_eq!(n.span.len as usize, text.len());
        }
        for bad in ["-", "01x", "1.", "1e", "1e+", ".5", "-a"] {
            let mut s = Scanner::new(bad.as_bytes());
            let r = s.number().and_then(|_| s.end());
            assert!(r.is_err(), "{bad}");
        }
    }
}
