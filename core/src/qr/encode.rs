//! Encoding text or bytes into a QR symbol in caller-owned buffers.
//!
//! The version and ECC level are decided first, with qrcodegen's formulas (the capacity
//! module), so every error is known before anything is written to `out`. qrcodegen-no-heap then
//! makes the segment (numeric and alphanumeric ones in `temp`) and the data codewords
//! (`QrSegment`, `encode_segments_to_codewords`, into `out`, which is free by then); the rest is
//! done here: Reed–Solomon codewords and interleaving (into `temp`), then on bit rows on the
//! stack the function patterns, the codeword zigzag and the mask (forced, or chosen exactly as
//! qrcodegen's automatic choice would), and last the packed symbol written over `out` in one
//! pass. The result is the symbol qrcodegen-no-heap itself makes, bit for bit, in a fraction of
//! the time (measured figures in `benches/README.md`, "QR encoding").

use qrcodegen_no_heap::{DataTooLong, QrCode as Qrcodegen, QrCodeEcc, QrSegment, Version};

use crate::Error;
use crate::qr::bit_rows::write_symbol;
use crate::qr::capacity::{Payload, capacity_bits, choose_version};
use crate::qr::codewords::interleave;
use crate::qr::function_modules::{draw_function_patterns, function_rows};
use crate::qr::mask::{NONE, change_mask, choose_and_apply};
use crate::qr::options::QrOptions;
use crate::qr::penalty::{PAD_TOP, padded_rows};
use crate::qr::placement::place_codewords;
use crate::qr::symbol::{Ecc, QrCode, buffer_len, side_len};

/// Encodes UTF-8 text (numeric, alphanumeric or byte mode, whichever is shortest) into `out`.
///
/// Buffers: `temp` (scratch) and `out` each need [`buffer_len`]`(version)` bytes for the version
/// the data ends up in; [`crate::qr::BUFFER_LEN_MAX`] always suffices. On success `out` holds the
/// symbol (see [`QrCode`]) in its first `buffer_len(version)` bytes (the rest is untouched) and
/// the result borrows it. On failure `out` is untouched: every check is made before anything is
/// written. The contents of `temp` afterwards are unspecified (success or failure). `temp` and
/// `out` cannot alias (Rust's borrows guarantee it).
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
    encode(Input::Text(text), temp, out, opts)
}

/// Encodes bytes (byte mode) into `out`. Same buffers, results and errors as [`encode_text`].
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
    encode(Input::Bytes(data), temp, out, opts)
}

/// What to encode: text (qrcodegen's mode choice) or bytes (byte mode).
#[derive(Clone, Copy)]
enum Input<'t> {
    Text(&'t str),
    Bytes(&'t [u8]),
}

/// The whole encoding: checks, codewords, symbol.
fn encode<'a>(
    input: Input<'_>,
    temp: &mut [u8],
    out: &'a mut [u8],
    opts: &QrOptions,
) -> Result<QrCode<'a>, Error> {
    opts.validate()?;
    let payload = match input {
        Input::Text(text) => Payload::of_text(text),
        Input::Bytes(data) => Some(Payload::Bytes(data.len())),
    };
    let (version, ecc) = choose_version(payload, opts)?;
    let needed = buffer_len(version);
    let (Some(temp), Some(out)) = (temp.get_mut(..needed), out.get_mut(..needed)) else {
        return Err(Error::BufferTooSmall { needed });
    };
    // Nothing can fail from here on: the data fits `version` at `ecc`, the buffers hold it.
    let data_len = data_codewords(input, payload, version, ecc, temp, out)?;
    let codewords = out.get(..data_len).unwrap_or(&[]);
    let raw = interleave(codewords, version, ecc, temp);
    let codewords = temp.get(..raw).unwrap_or(&[]);
    let size = side_len(version);
    let mask = opts.mask.map(usize::from);
    let ecc_bits = ecc.format_bits();
    if size <= side_len(11) {
        draw::<1, { padded_rows(side_len(11)) }>(codewords, size, ecc_bits, mask, out);
    } else if size <= side_len(27) {
        draw::<2, { padded_rows(side_len(27)) }>(codewords, size, ecc_bits, mask, out);
    } else {
        draw::<3, { padded_rows(side_len(40)) }>(codewords, size, ecc_bits, mask, out);
    }
    QrCode::from_bytes(out)
}

/// qrcodegen's segment for the input (numeric and alphanumeric segments are built in `temp`)
/// and its data codewords, padded to the capacity of `version` at `ecc`, written to the start
/// of `codewords`; returns how many there are. Both buffers hold `buffer_len(version)` bytes,
/// more than the segment and the codewords need when the data fits.
fn data_codewords(
    input: Input<'_>,
    payload: Option<Payload>,
    version: u8,
    ecc: Ecc,
    temp: &mut [u8],
    codewords: &mut [u8],
) -> Result<usize, Error> {
    let segment = match (input, payload) {
        (_, None) => None,
        (Input::Text(text), Some(Payload::Numeric(_))) => Some(QrSegment::make_numeric(text, temp)),
        (Input::Text(text), Some(Payload::Alphanumeric(_))) => {
            Some(QrSegment::make_alphanumeric(text, temp))
        }
        (Input::Text(text), Some(_)) => Some(QrSegment::make_bytes(text.as_bytes())),
        (Input::Bytes(data), Some(_)) => Some(QrSegment::make_bytes(data)),
    };
    let segments = segment.as_slice();
    let v = Version::new(version);
    match Qrcodegen::encode_segments_to_codewords(segments, codewords, ecc_of(ecc), v, v, false) {
        Ok((len, _, _)) => Ok(len),
        Err(DataTooLong::DataOverCapacity(needed_bits, capacity_bits)) => Err(Error::DataTooLong {
            needed_bits,
            capacity_bits,
        }),
        Err(DataTooLong::SegmentTooLong) => Err(Error::DataTooLong {
            needed_bits: usize::MAX,
            capacity_bits: capacity_bits(version, ecc),
        }),
    }
}

/// Draws the symbol of side `size` carrying `codewords` on bit rows (`W` words per row, `R`
/// padded rows, enough for the version class), masks it (`mask`, or the automatic choice) and
/// writes it packed into `out`.
fn draw<const W: usize, const R: usize>(
    codewords: &[u8],
    size: usize,
    ecc_bits: u8,
    mask: Option<usize>,
    out: &mut [u8],
) {
    let mut function = [[0u64; W]; R];
    function_rows(size, &mut function);
    let mut rows = [[0u64; W]; R];
    if let Some(symbol) = rows.get_mut(PAD_TOP..) {
        draw_function_patterns(size, symbol);
        place_codewords(codewords, size, &function, symbol);
    }
    match mask {
        Some(m) => change_mask(&mut rows, &function, size, ecc_bits, NONE, m),
        None => {
            choose_and_apply(&mut rows, &function, size, ecc_bits);
        }
    }
    write_symbol(rows.get(PAD_TOP..).unwrap_or(&[]), size, out);
}

fn ecc_of(ecc: Ecc) -> QrCodeEcc {
    match ecc {
        Ecc::Low => QrCodeEcc::Low,
        Ecc::Medium => QrCodeEcc::Medium,
        Ecc::Quartile => QrCodeEcc::Quartile,
        Ecc::High => QrCodeEcc::High,
    }
}
