//! Amounts: currencies, parsing human input into minor units, the Click QR limits.

use qrsign_core::{CLICK_QR_LIMITS, Currency};

use crate::boundary::{ffi_boundary, try_core, try_str};
use crate::out::write_value;
use crate::status::{fail, qrsign_error_detail, qrsign_status};

/// Smallest Click QR purchase, in minor units of UZS (50,000.00 UZS).
pub const QRSIGN_CLICK_QR_MIN_AMOUNT: u64 = 5_000_000;
/// Largest Click QR purchase, in minor units of UZS (20,000,000.00 UZS).
pub const QRSIGN_CLICK_QR_MAX_AMOUNT: u64 = 2_000_000_000;
const _: () = assert!(QRSIGN_CLICK_QR_MIN_AMOUNT == CLICK_QR_LIMITS.min);
const _: () = assert!(QRSIGN_CLICK_QR_MAX_AMOUNT == CLICK_QR_LIMITS.max);

/// Looks a currency up by its ISO 4217 code (upper case, e.g. `"UZS"`) and gives its number of
/// minor digits (UZS 2, JPY 0, KWD 3).
///
/// @param minor_digits  out: written on success only.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_UNKNOWN_CURRENCY`; `QRSIGN_ERR_INVALID_UTF8`;
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_currency_minor_digits(
    code: *const u8,
    code_len: usize,
    minor_digits: *mut u32,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let code = try_str!(code, code_len, detail);
        match Currency::from_code(code) {
            Ok(c) => write_value(minor_digits, u32::from(c.minor_digits), detail),
            Err(e) => fail(detail, e),
        }
    }
}

/// Parses a human-written amount into minor units of a currency: `"150000.00"`, `"150,000.00"`,
/// `"150 000.5"` and `"150000"` all give 15000000 for UZS. Thousands separators (`,` or space)
/// group by three; the decimal point is `.`; no more decimals than the currency has; no sign.
///
/// @param minor  out: the amount in minor units, written on success only.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_AMOUNT` (`detail.offset` into `text`);
///         `QRSIGN_ERR_UNKNOWN_CURRENCY`; `QRSIGN_ERR_INVALID_UTF8`; `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_currency_parse_amount(
    code: *const u8,
    code_len: usize,
    text: *const u8,
    text_len: usize,
    minor: *mut u64,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let code = try_str!(code, code_len, detail);
        let text = try_str!(text, text_len, detail);
        let currency = try_core!(Currency::from_code(code), detail);
        match currency.parse_amount(text) {
            Ok(v) => write_value(minor, v, detail),
            Err(e) => fail(detail, e),
        }
    }
}

/// Checks an amount (minor units of UZS) against the Click QR purchase limits,
/// `QRSIGN_CLICK_QR_MIN_AMOUNT` ..= `QRSIGN_CLICK_QR_MAX_AMOUNT`.
///
/// @return `QRSIGN_OK`; `QRSIGN_ERR_AMOUNT_OUT_OF_RANGE` (`detail.amount`, `detail.min`,
///         `detail.max`).
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_click_qr_check_amount(
    amount: u64,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        match CLICK_QR_LIMITS.check(amount) {
            Ok(_) => crate::out::ok(detail),
            Err(e) => fail(detail, e),
        }
    }
}
