//! Number values in the canonical form: integers verbatim, everything else the way PHP's
//! `(string)$float` prints it (precision 14, `%.14G` style), which is what the platform signs.

use core::fmt::Write;

/// The canonical text of a JSON number literal, held in a small stack buffer.
#[derive(Clone, Copy)]
pub(crate) struct NumberText {
    buf: [u8; 32],
    len: usize,
}

impl NumberText {
    /// The bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

struct Fixed<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl Write for Fixed<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let dst = self
            .buf
            .get_mut(self.len..self.len + s.len())
            .ok_or(core::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len += s.len();
        Ok(())
    }
}

/// The canonical text of the number literal `raw` (already validated JSON). `fits_i64` says
/// it is an integer literal within `i64`, written verbatim (`-0` as `0`); any other literal is
/// read as an `f64` and printed as PHP does.
pub(crate) fn canonical_number(raw: &[u8], fits_i64: bool) -> NumberText {
    let mut out = NumberText {
        buf: [0; 32],
        len: 0,
    };
    if fits_i64 && raw.len() <= out.buf.len() {
        let text: &[u8] = if raw == b"-0" { b"0" } else { raw };
        if let Some(dst) = out.buf.get_mut(..text.len()) {
            dst.copy_from_slice(text);
            out.len = text.len();
        }
        return out;
    }
    let value = core::str::from_utf8(raw)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(f64::NAN);
    out.len = php_float(value, &mut out.buf);
    out
}

/// Formats `value` like PHP's `(string)$float` with `precision = 14` (`zend_gcvt`): 14
/// significant digits, correctly rounded (ties to even), trailing zeros dropped; exponential form
/// `d.dddE+x` when the decimal exponent is below -4 or above 14 (the mantissa always has a `.`).
/// Returns the length written into `buf`.
pub(crate) fn php_float(value: f64, buf: &mut [u8; 32]) -> usize {
    let mut w = Fixed { buf, len: 0 };
    if value.is_nan() {
        let _ = w.write_str("NAN");
        return w.len;
    }
    if value.is_infinite() {
        let _ = w.write_str(if value < 0.0 { "-INF" } else { "INF" });
        return w.len;
    }
    // 14 significant digits, correctly rounded, by core's exact formatter.
    let mut sci = [0u8; 32];
    let mut s = Fixed {
        buf: &mut sci,
        len: 0,
    };
    if write!(s, "{:.13e}", value).is_err() {
        return 0;
    }
    let sci_len = s.len;
    let sci = sci.get(..sci_len).unwrap_or(&[]);
    let (negative, body) = match sci.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, sci),
    };
    let e_at = body.iter().position(|&b| b == b'e').unwrap_or(body.len());
    let (mantissa, exponent) = body.split_at(e_at);
    let exponent: i32 = core::str::from_utf8(exponent.get(1..).unwrap_or(&[]))
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    let mut digits = [0u8; 14];
    let mut n = 0;
    for &d in mantissa.iter().filter(|b| b.is_ascii_digit()) {
        if let Some(slot) = digits.get_mut(n) {
            *slot = d;
            n += 1;
        }
    }
    while n > 1 && digits.get(n - 1) == Some(&b'0') {
        n -= 1;
    }
    let digits = digits.get(..n).unwrap_or(&[]);
    // Position of the decimal point relative to the digits: value = 0.DIGITS * 10^decpt.
    let decpt = if value == 0.0 { 1 } else { exponent + 1 };
    if negative {
        let _ = w.write_str("-");
    }
    let mut put = |bytes: &[u8]| {
        let _ = w.write_str(core::str::from_utf8(bytes).unwrap_or(""));
    };
    let exponential = if decpt < 0 { decpt < -3 } else { decpt > 14 };
    if exponential {
        let (first, rest) = digits.split_first().unwrap_or((&b'0', &[]));
        put(&[*first, b'.']);
        put(if rest.is_empty() { b"0" } else { rest });
        let e = decpt - 1;
        put(if e < 0 { b"E-" } else { b"E+" });
        let mut tmp = [0u8; 8];
        let mut t = Fixed {
            buf: &mut tmp,
            len: 0,
        };
        let _ = write!(t, "{}", e.unsigned_abs());
        let len = t.len;
        put(tmp.get(..len).unwrap_or(&[]));
    } else if decpt <= 0 {
        put(b"0.");
        for _ in decpt..0 {
            put(b"0");
        }
        put(digits);
    } else {
        let int_len = decpt as usize;
        for i in 0..int_len {
            put(&[digits.get(i).copied().unwrap_or(b'0')]);
        }
        if let Some(frac) = digits.get(int_len..).filter(|f| !f.is_empty()) {
            put(b".");
            put(frac);
        }
    }
    w.len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(text: &str) -> std::string::String {
        let n = canonical_number(text.as_bytes(), false);
        std::string::String::from_utf8(n.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn matches_php_string_cast() {
        // Expected values printed by PHP 8.2 `(string)$float` (tests/php_oracle.rs re-checks
        // thousands of random values against a live php binary).
        for (input, php) in [
            ("1e-7", "1.0E-7"),
            ("1E3", "1000"),
            ("2.5e+2", "250"),
            ("0.1", "0.1"),
            ("1.5", "1.5"),
            ("2.0", "2"),
            ("12345678901234567890", "1.2345678901235E+19"),
            ("0.0001", "0.0001"),
            ("0.00001", "1.0E-5"),
            ("1e14", "1.0E+14"),
            ("1e15", "1.0E+15"),
            ("-0.0", "-0"),
            ("0.0", "0"),
            ("1e400", "INF"),
            ("-1e400", "-INF"),
            ("4.76837158203125e-07", "4.7683715820312E-7"),
            ("9.5367431640625e-07", "9.5367431640625E-7"),
            ("0.30000000000000004", "0.3"),
            ("100000000000000.5", "1.0E+14"),
            ("5e-324", "4.9406564584125E-324"),
            ("-123.456", "-123.456"),
            ("99999999999999.99", "1.0E+14"),
        ] {
            assert_eq!(float(input), php, "{input}");
        }
    }

    #[test]
    fn integers_verbatim() {
        assert_eq!(canonical_number(b"-0", true).as_bytes(), b"0");
        assert_eq!(canonical_number(b"123", true).as_bytes(), b"123");
        assert_eq!(
            canonical_number(b"-9223372036854775808", true).as_bytes(),
            b"-9223372036854775808"
        );
    }
}
