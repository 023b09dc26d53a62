//! Payment Page URLs: `BASE?params&signature=…`, form-encoded, in the caller's order.

use crate::Error;
use crate::canonical::write_sized;
use crate::key::Key;
use crate::params::{Param, ValueText};
use crate::sink::Sink;

/// The Payment Page of the ECommPay platform.
///
/// ```
/// assert!(qrsign_core::ECOMMPAY_PAYMENT_PAGE.starts_with("https://"));
/// ```
pub const ECOMMPAY_PAYMENT_PAGE: &str = "https://paymentpage.ecommpay.com/payment";

/// JetPay's Payment Page (Kazakhstan).
///
/// ```
/// assert!(qrsign_core::JETPAY_PAYMENT_PAGE.ends_with("/payment"));
/// ```
pub const JETPAY_PAYMENT_PAGE: &str = "https://paymentpage.jetpay.kz/payment";

/// JetPay's QR purchase endpoint: answers `{"img_src":"data:image/png;base64,…"}`.
///
/// ```
/// assert!(qrsign_core::JETPAY_GENERATE_QR.ends_with("/generate-qr"));
/// ```
pub const JETPAY_GENERATE_QR: &str = "https://paymentpage.jetpay.kz/payment/generate-qr";

/// Writes `bytes` form-encoded: `A–Z a–z 0–9 - _ .` kept, space as `+`, the rest `%XX`.
fn form_encode(bytes: &[u8], sink: &mut dyn Sink) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            continue;
        }
        sink.put(bytes.get(run..i).unwrap_or(&[]));
        if b == b' ' {
            sink.put(b"+");
        } else {
            let hi = HEX.get((b >> 4) as usize).copied().unwrap_or(b'0');
            let lo = HEX.get((b & 15) as usize).copied().unwrap_or(b'0');
            sink.put(&[b'%', hi, lo]);
        }
        run = i + 1;
    }
    sink.put(bytes.get(run..).unwrap_or(&[]));
}

impl Key {
    /// Signs flat parameters and writes the Payment Page URL into `out`:
    /// `base + "?" + form-encoded params in the caller's order + "&signature=" + signature`.
    /// Values appear exactly as signed (booleans as `1`/`0`); `frame_mode`, which is never
    /// signed, is left out. If `base` already has a query, parameters follow with `&`. Works for
    /// [`JETPAY_GENERATE_QR`] too. Returns the length; on `BufferTooSmall` nothing is written.
    ///
    /// ```
    /// use qrsign_core::{Key, Param, Value, ECOMMPAY_PAYMENT_PAGE};
    /// let key = Key::new(b"secret")?;
    /// let params = [
    ///     Param::new("project_id", Value::Str("100")),
    ///     Param::new("payment_description", Value::Str("B&W")),
    /// ];
    /// let mut out = [0u8; 256];
    /// let n = key.payment_page_url(ECOMMPAY_PAYMENT_PAGE, &params, &mut out)?;
    /// let url = core::str::from_utf8(&out[..n]).unwrap();
    /// assert!(url.starts_with("https://paymentpage.ecommpay.com/payment?project_id=100&payment_description=B%26W&signature="));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn payment_page_url(
        &self,
        base: &str,
        params: &[Param<'_>],
        out: &mut [u8],
    ) -> Result<usize, Error> {
        let signature = self.sign_params(params)?;
        let separator: &[u8] = match base.find('?') {
            None => b"?",
            Some(_) if base.ends_with('?') || base.ends_with('&') => b"",
            Some(_) => b"&",
        };
        write_sized(out, |sink| {
            sink.put(base.as_bytes());
            sink.put(separator);
            for p in params.iter().filter(|p| p.name != "frame_mode") {
                form_encode(p.name.as_bytes(), sink);
                sink.put(b"=");
                form_encode(ValueText::new(p.value).bytes(), sink);
                sink.put(b"&");
            }
            sink.put(b"signature=");
            form_encode(signature.as_bytes(), sink);
        })
    }
}
