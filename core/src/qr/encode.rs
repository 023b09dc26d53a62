//! Encoding text or bytes into a QR symbol in caller-owned buffers, with qrcodegen-no-heap.
//!
//! qrcodegen-no-heap panics when a buffer is smaller than its maximum version needs, so the
//! version range is first capped to what both buffers hold. qrcodegen always encodes with a
//! fixed mask (0 when the mask is automatic); the automatic choice is then made by
//! the mask module, which picks exactly the mask qrcodegen's own choice would, in a fraction of
//! the time (measured figures in `benches/README.md`, "QR encoding").

use qrcodegen_no_heap::{Mask, QrCode as Qrcodegen, QrCodeEcc, Version};

use crate::Error;
use crate::qr::capacity::{Payload, fit_error};
use crate::qr::mask::choose_and_apply;
use crate::qr::options::QrOptions;
use crate::qr::symbol::{Ecc, QrCode, max_version_for};

/// Encodes UTF-8 text (numeric, alphanumeric or byte mode, whichever is shortest) into `out`.
///
/// Buffers: `temp` (scratch) and `out` each need [`buffer_len`]`(version)` bytes for the version
/// the data ends up in; [`crate::qr::BUFFER_LEN_MAX`] always suffices. On success `out` holds the
/// symbol (see [`QrCode`]) and the result borrows it; on failure the contents of both buffers are
/// unspecified. `temp` and `out` cannot alias (Rust's borrows guarantee it).
///
/// Errors: [`Error::InvalidQrOption`] for options out of range; [`Error::BufferTooSmall`] when
/// the data fits a version within `min_version..=max_version` that the buffers cannot hold
/// (`needed` is that version's [`buffer_len`]); [`Error::DataTooLong`] when the data does not fit
/// even `max_version` (with the bits it needs and the bits `max_version` holds there).
///
/// [`buffer_len`]: crate::qr::buffer_len
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, encode_text};
/// let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO WORLD", &mut temp, &mut out, &QrOptions::default())?;
/// assert_eq!(qr.version(), 1);
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn encode_text<'a>(
    text: &str,
    temp: &mut [u8],
    out: &'a mut [u8],
    opts: &QrOptions,
) -> Result<QrCode<'a>, Error> {
    let payload = Payload::of_text(text);
    let max = capped_max_version(opts, temp.len().min(out.len()), payload)?;
    let result = Qrcodegen::encode_text(
        text,
        temp,
        &mut *out,
        ecc_of(opts.ecc),
        Version::new(opts.min_version),
        Version::new(max),
        Some(Mask::new(opts.mask.unwrap_or(0))),
        opts.boost_ecc,
    );
    finish(result.is_ok(), payload, opts, out)
}

/// Encodes bytes (byte mode) into `out`. Same buffers, results and errors as [`encode_text`];
/// `temp` must also hold `data` (the encoder works on a copy of it there).
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, encode_binary};
/// let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_binary(&[0, 159, 255], &mut temp, &mut out, &QrOptions::default())?;
/// assert_eq!(qr.size(), 21);
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn encode_binary<'a>(
    data: &[u8],
    temp: &mut [u8],
    out: &'a mut [u8],
    opts: &QrOptions,
) -> Result<QrCode<'a>, Error> {
    let payload = Payload::Bytes(data.len());
    let max = capped_max_version(opts, temp.len().min(out.len()), payload)?;
    let copy = temp
        .get_mut(..data.len())
        .ok_or_else(|| fit_error(payload, opts))?;
    copy.copy_from_slice(data);
    let result = Qrcodegen::encode_binary(
        temp,
        data.len(),
        &mut *out,
        ecc_of(opts.ecc),
        Version::new(opts.min_version),
        Version::new(max),
        Some(Mask::new(opts.mask.unwrap_or(0))),
        opts.boost_ecc,
    );
    finish(result.is_ok(), payload, opts, out)
}

/// The largest version allowed by both the options and a buffer of `len` bytes.
fn capped_max_version(opts: &QrOptions, len: usize, payload: Payload) -> Result<u8, Error> {
    opts.validate()?;
    match max_version_for(len) {
        Some(fits) if fits >= opts.min_version => Ok(opts.max_version.min(fits)),
        _ => Err(fit_error(payload, opts)),
    }
}

/// After qrcodegen encoded with mask 0 (or the forced mask): the automatic mask choice, or the
/// error that says what would make the data fit.
fn finish<'a>(
    encoded: bool,
    payload: Payload,
    opts: &QrOptions,
    out: &'a mut [u8],
) -> Result<QrCode<'a>, Error> {
    if !encoded {
        return Err(fit_error(payload, opts));
    }
    if opts.mask.is_none() {
        choose_and_apply(out)?;
    }
    QrCode::from_bytes(out)
}

fn ecc_of(ecc: Ecc) -> QrCodeEcc {
    match ecc {
        Ecc::Low => QrCodeEcc::Low,
        Ecc::Medium => QrCodeEcc::Medium,
        Ecc::Quartile => QrCodeEcc::Quartile,
        Ecc::High => QrCodeEcc::High,
    }
}
