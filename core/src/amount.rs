//! Amounts in minor units: the ISO 4217 minor-digit table, parsing of human input such as
//! `200,000.00`, and the Click QR limits.

use crate::Error;

/// A currency the platform uses, with its ISO 4217 number of minor digits.
///
/// ```
/// use qrsign_core::Currency;
/// assert_eq!(Currency::from_code("UZS")?.minor_digits, 2);
/// assert_eq!(Currency::from_code("JPY")?.minor_digits, 0);
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    /// The ISO 4217 alphabetic code, e.g. `UZS`.
    pub code: &'static str,
    /// Digits after the decimal point in the major unit (UZS 2, JPY 0, KWD 3).
    pub minor_digits: u8,
}

/// ISO 4217 minor digits for the currencies of the platform's markets and the majors.
const TABLE: &[(&str, u8)] = &[
    ("AED", 2),
    ("AMD", 2),
    ("AUD", 2),
    ("AZN", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("BYN", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KGS", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KZT", 2),
    ("LYD", 3),
    ("MDL", 2),
    ("MNT", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PHP", 2),
    ("PLN", 2),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TRY", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UZS", 2),
    ("VND", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("ZAR", 2),
];

impl Currency {
    /// Looks a currency up by its ISO 4217 code (upper case, as the platform sends it).
    ///
    /// ```
    /// use qrsign_core::{Currency, Error};
    /// assert_eq!(Currency::from_code("XXX"), Err(Error::UnknownCurrency));
    /// ```
    pub fn from_code(code: &str) -> Result<Currency, Error> {
        TABLE
            .iter()
            .find(|(c, _)| *c == code)
            .map(|&(code, minor_digits)| Currency { code, minor_digits })
            .ok_or(Error::UnknownCurrency)
    }

    /// Parses a human-written amount into minor units: `200,000.00`, `200000.00`, `200 000.5`
    /// and `200000` all work for UZS. Thousands separators (`,` or space) must group by three;
    /// the decimal point is `.`; no more decimals than the currency has; no sign.
    ///
    /// ```
    /// use qrsign_core::{Currency, Error};
    /// let uzs = Currency::from_code("UZS")?;
    /// assert_eq!(uzs.parse_amount("200,000.00")?, 20_000_000);
    /// assert_eq!(uzs.parse_amount("150000.5")?, 15_000_050);
    /// assert_eq!(uzs.parse_amount("1.005"), Err(Error::InvalidAmount { offset: 4 }));
    /// assert_eq!(Currency::from_code("JPY")?.parse_amount("1,500")?, 1500);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn parse_amount(&self, text: &str) -> Result<u64, Error> {
        let bytes = text.as_bytes();
        let bad = |offset: usize| Error::InvalidAmount { offset };
        let point = bytes.iter().position(|&b| b == b'.');
        let (int_part, frac_part) = match point {
            Some(p) => (bytes.get(..p).unwrap_or(&[]), bytes.get(p + 1..)),
            None => (bytes, None),
        };
        if int_part.is_empty() {
            return Err(bad(0));
        }
        let mut major: u64 = 0;
        let mut group_len: Option<usize> = None; // digits since the last separator
        let mut separator: Option<u8> = None;
        for (i, &b) in int_part.iter().enumerate() {
            match b {
                b'0'..=b'9' => {
                    major = major
                        .checked_mul(10)
                        .and_then(|m| m.checked_add(u64::from(b - b'0')))
                        .ok_or(bad(i))?;
                    group_len = group_len.map(|g| g + 1);
                    if group_len.is_some_and(|g| g > 3) {
                        return Err(bad(i));
                    }
                }
                b',' | b' ' => {
                    // The first group may have 1-3 digits, later groups exactly 3; one kind.
                    let first_ok = group_len.is_none() && (1..=3).contains(&i);
                    let later_ok = group_len == Some(3);
                    if !(first_ok || later_ok) || separator.is_some_and(|s| s != b) {
                        return Err(bad(i));
                    }
                    separator = Some(b);
                    group_len = Some(0);
                }
                _ => return Err(bad(i)),
            }
        }
        if group_len.is_some_and(|g| g != 3) {
            return Err(bad(int_part.len()));
        }
        let digits = usize::from(self.minor_digits);
        let int_len = int_part.len();
        let mut minor: u64 = 0;
        let mut frac_digits = 0usize;
        if let Some(frac) = frac_part {
            if frac.is_empty() {
                return Err(bad(int_len + 1));
            }
            for (k, &b) in frac.iter().enumerate() {
                let offset = int_len + 1 + k;
                if !b.is_ascii_digit() || k >= digits {
                    return Err(bad(offset));
                }
                minor = minor * 10 + u64::from(b - b'0');
                frac_digits += 1;
            }
        }
        let scale = 10u64.pow(u32::from(self.minor_digits));
        let pad = 10u64.pow((digits - frac_digits) as u32);
        major
            .checked_mul(scale)
            .and_then(|m| m.checked_add(minor * pad))
            .ok_or(bad(0))
    }
}

/// An allowed range of amounts in minor units (inclusive), such as a payment method's limits.
///
/// ```
/// use qrsign_core::{AmountLimits, Error, CLICK_QR_LIMITS};
/// assert_eq!(CLICK_QR_LIMITS.check(20_000_000), Ok(20_000_000));
/// assert_eq!(
///     CLICK_QR_LIMITS.check(4_999_999),
///     Err(Error::AmountOutOfRange { amount: 4_999_999, min: 5_000_000, max: 2_000_000_000 })
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmountLimits {
    /// The currency the limits are in.
    pub currency: &'static str,
    /// Smallest amount, minor units.
    pub min: u64,
    /// Largest amount, minor units.
    pub max: u64,
}

impl AmountLimits {
    /// Returns `amount` if it lies within the limits, else `AmountOutOfRange`.
    ///
    /// ```
    /// assert!(qrsign_core::CLICK_QR_LIMITS.check(2_000_000_001).is_err());
    /// ```
    pub fn check(&self, amount: u64) -> Result<u64, Error> {
        if (self.min..=self.max).contains(&amount) {
            Ok(amount)
        } else {
            Err(Error::AmountOutOfRange {
                amount,
                min: self.min,
                max: self.max,
            })
        }
    }
}

/// Click QR purchase limits (Monetix, Uzbekistan): 50,000.00 – 20,000,000.00 UZS.
///
/// ```
/// assert_eq!(qrsign_core::CLICK_QR_LIMITS.currency, "UZS");
/// ```
pub const CLICK_QR_LIMITS: AmountLimits = AmountLimits {
    currency: "UZS",
    min: 5_000_000,
    max: 2_000_000_000,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_human_amounts() {
        let uzs = Currency::from_code("UZS").unwrap();
        for (text, want) in [
            ("200,000.00", Ok(20_000_000)),
            ("200000.00", Ok(20_000_000)),
            ("200 000.00", Ok(20_000_000)),
            ("1,234,567.8", Ok(123_456_780)),
            ("0.01", Ok(1)),
            ("150000", Ok(15_000_000)),
            ("", Err(Error::InvalidAmount { offset: 0 })),
            ("-5", Err(Error::InvalidAmount { offset: 0 })),
            ("1,23", Err(Error::InvalidAmount { offset: 4 })),
            ("1234,567", Err(Error::InvalidAmount { offset: 4 })),
            ("1,234 567", Err(Error::InvalidAmount { offset: 5 })),
            (",100", Err(Error::InvalidAmount { offset: 0 })),
            ("10.", Err(Error::InvalidAmount { offset: 3 })),
            (".5", Err(Error::InvalidAmount { offset: 0 })),
            ("1.2.3", Err(Error::InvalidAmount { offset: 3 })),
            ("12a", Err(Error::InvalidAmount { offset: 2 })),
            (
                "99999999999999999999",
                Err(Error::InvalidAmount { offset: 19 }),
            ),
            ("184467440737095516.15", Ok(18_446_744_073_709_551_615)),
            (
                "184467440737095516.16",
                Err(Error::InvalidAmount { offset: 0 }),
            ),
        ] {
            assert_eq!(uzs.parse_amount(text), want, "{text:?}");
        }
        let kwd = Currency::from_code("KWD").unwrap();
        assert_eq!(kwd.parse_amount("1.5"), Ok(1500));
        assert_eq!(Currency::from_code("uzs"), Err(Error::UnknownCurrency));
    }
}
