//! Encoding text or bytes into a QR symbol in caller-owned buffers, with qrcodegen-no-heap.
//!
//! qrcodegen-no-heap panics when a buffer is smaller than its maximum version needs, so the
//! version range is first capped to what both buffers hold.

use qrcodegen_no_heap::{DataTooLong, Mask, QrCode as Qrcodegen, QrCodeEcc, Version};

use crate::Error;
use crate::qr::options::QrOptions;
use crate::qr::symbol::{Ecc, QrCode, buffer_len, max_version_for};

/// Encodes UTF-8 text (numeric, alphanumeric or byte mode, whichever is shortest) into `out`.
///
/// Buffers: `temp` (scratch) and `out` each need [`buffer_len`]`(version)` bytes for the version
/// the data ends up in; [`crate::qr::BUFFER_LEN_MAX`] always suffices. On success `out` holds the
/// symbol (see [`QrCode`]) and the result borrows it; on failure the contents of both buffers are
/// unspecified. `temp` and `out` cannot alias (Rust's borrows guarantee it).
///
/// Errors: [`Error::InvalidQrOption`] for options out of range, [`Error::BufferTooSmall`] when
/// the buffers cannot hold even `min_version`, [`Error::DataTooLong`] when the data does not fit
/// the allowed versions.
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
    let max = capped_max_version(opts, temp.len().min(out.len()))?;
    let result = Qrcodegen::encode_text(
        text,
        temp,
        &mut *out,
        ecc_of(opts.ecc),
        Version::new(opts.min_version),
        Version::new(max),
        opts.mask.map(Mask::new),
        opts.boost_ecc,
    );
    status(result.map(drop))?;
    QrCode::from_bytes(out)
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
    let max = capped_max_version(opts, temp.len().min(out.len()))?;
    let copy = temp.get_mut(..data.len()).ok_or(Error::BufferTooSmall {
        needed: data.len().max(buffer_len(opts.min_version)),
    })?;
    copy.copy_from_slice(data);
    let result = Qrcodegen::encode_binary(
        temp,
        data.len(),
        &mut *out,
        ecc_of(opts.ecc),
        Version::new(opts.min_version),
        Version::new(max),
        opts.mask.map(Mask::new),
        opts.boost_ecc,
    );
    status(result.map(drop))?;
    QrCode::from_bytes(out)
}

/// The largest version allowed by both the options and a buffer of `len` bytes.
fn capped_max_version(opts: &QrOptions, len: usize) -> Result<u8, Error> {
    opts.validate()?;
    let fits = max_version_for(len).ok_or(Error::BufferTooSmall {
        needed: buffer_len(opts.min_version),
    })?;
    if fits < opts.min_version {
        return Err(Error::BufferTooSmall {
            needed: buffer_len(opts.min_version),
        });
    }
    Ok(opts.max_version.min(fits))
}

/// qrcodegen's outcome as ours (the symbol itself is read back from the buffer).
fn status(result: Result<(), DataTooLong>) -> Result<(), Error> {
    match result {
        Ok(()) => Ok(()),
        Err(DataTooLong::SegmentTooLong) => Err(Error::DataTooLong {
            needed_bits: usize::MAX,
            capacity_bits: 0,
        }),
        Err(DataTooLong::DataOverCapacity(needed_bits, capacity_bits)) => Err(Error::DataTooLong {
            needed_bits,
            capacity_bits,
        }),
    }
}

fn ecc_of(ecc: Ecc) -> QrCodeEcc {
    match ecc {
        Ecc::Low => QrCodeEcc::Low,
        Ecc::Medium => QrCodeEcc::Medium,
        Ecc::Quartile => QrCodeEcc::Quartile,
        Ecc::High => QrCodeEcc::High,
    }
}
