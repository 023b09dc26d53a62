//! Amount parsing: never a panic, and every accepted amount equals a plain model of the rules
//! (digits grouped by three with `,` or ` `, optional `.` and at most the currency's decimals).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use qrsign_core::{CLICK_QR_LIMITS, Currency};

#[derive(Arbitrary, Debug)]
struct Input {
    code: String,
    text: String,
}

/// The model: `Some(minor units)` when `text` is a valid amount with `exponent` decimals.
fn model(text: &str, exponent: u32) -> Option<u64> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits: String = if int.contains(',') || int.contains(' ') {
        let sep = if int.contains(',') { ',' } else { ' ' };
        let groups: Vec<&str> = int.split(sep).collect();
        let ok = groups.iter().all(|g| !g.is_empty() && g.len() <= 3 && g.bytes().all(|b| b.is_ascii_digit()))
            && groups.iter().skip(1).all(|g| g.len() == 3)
            && !(int.contains(',') && int.contains(' '));
        if !ok {
            return None;
        }
        groups.concat()
    } else {
        int.to_string()
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac == Some("") {
        return None;
    }
    let frac = frac.unwrap_or("");
    if frac.len() > exponent as usize || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if exponent == 0 && text.contains('.') {
        return None;
    }
    let padded = format!("{frac:0<width$}", width = exponent as usize);
    let major: u64 = digits.parse().ok()?;
    let minor: u64 = if padded.is_empty() { 0 } else { padded.parse().ok()? };
    major.checked_mul(10u64.pow(exponent))?.checked_add(minor)
}

fuzz_target!(|input: Input| {
    for code in [input.code.as_str(), "UZS", "KZT", "JPY", "KWD"] {
        let Ok(currency) = Currency::from_code(code) else { continue };
        let parsed = currency.parse_amount(&input.text);
        let want = model(&input.text, u32::from(currency.minor_digits));
        assert_eq!(parsed.ok(), want, "{code} {:?}", input.text);
        if let Ok(minor) = parsed {
            let checked = CLICK_QR_LIMITS.check(minor);
            assert_eq!(checked.is_ok(), (5_000_000..=2_000_000_000).contains(&minor));
        }
    }
});
