//! Data bits a payload needs and a version holds, with qrcodegen's formulas and tables (which
//! qrcodegen keeps private): the version and ECC level qrcodegen would choose, decided before
//! anything is written (so "the data is too long" says by how much, and "the buffers are too
//! small" says what they need), and each version's block structure for the error correction.

use crate::Error;
use crate::qr::options::QrOptions;
use crate::qr::symbol::Ecc;

/// A payload as qrcodegen segments it: one segment in the densest mode that holds all of it.
#[derive(Clone, Copy)]
pub(crate) enum Payload {
    /// Digits only: `count` digits.
    Numeric(usize),
    /// qrcodegen's alphanumeric set only: `count` characters.
    Alphanumeric(usize),
    /// `count` bytes.
    Bytes(usize),
}

impl Payload {
    /// The segment `QrCode::encode_text` makes of `text`; `None` for the empty text (no segment).
    pub(crate) fn of_text(text: &str) -> Option<Payload> {
        const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        if text.is_empty() {
            return None;
        }
        Some(if text.bytes().all(|b| b.is_ascii_digit()) {
            Payload::Numeric(text.len())
        } else if text.bytes().all(|b| ALPHANUMERIC.contains(&b)) {
            Payload::Alphanumeric(text.len())
        } else {
            Payload::Bytes(text.len())
        })
    }

    /// Bits of the segment at `version` (mode, count, data; saturating), and whether the count
    /// fits its field.
    fn bits(self, version: u8) -> (usize, bool) {
        let band = match version {
            0..=9 => 0,
            10..=26 => 1,
            _ => 2,
        };
        let (count, count_bits, data_bits) = match self {
            Payload::Numeric(n) => (n, [10, 12, 14], n.saturating_mul(10).div_ceil(3)),
            Payload::Alphanumeric(n) => (n, [9, 11, 13], n.saturating_mul(11).div_ceil(2)),
            Payload::Bytes(n) => (n, [8, 16, 16], n.saturating_mul(8)),
        };
        let count_bits: usize = count_bits.get(band).copied().unwrap_or(16);
        let bits = (4 + count_bits).saturating_add(data_bits);
        (bits, count >> count_bits == 0)
    }
}

/// The version and ECC level qrcodegen's `encode_segments_to_codewords` picks for `payload`
/// (`None`: no segment, the empty text): the smallest version in
/// `opts.min_version..=opts.max_version` that holds it, and with `opts.boost_ecc` the highest
/// level that still holds it there. Fails with [`Error::DataTooLong`] when no version does.
/// `opts` must be valid.
pub(crate) fn choose_version(
    payload: Option<Payload>,
    opts: &QrOptions,
) -> Result<(u8, Ecc), Error> {
    let bits = |version: u8| match payload {
        Some(p) => p.bits(version),
        None => (0, true),
    };
    let fits = |version: u8, ecc: Ecc| {
        let (needed, count_fits) = bits(version);
        count_fits && needed <= capacity_bits(version, ecc)
    };
    let version = (opts.min_version..=opts.max_version)
        .find(|&v| fits(v, opts.ecc))
        .ok_or(Error::DataTooLong {
            needed_bits: bits(opts.max_version).0,
            capacity_bits: capacity_bits(opts.max_version, opts.ecc),
        })?;
    let mut ecc = opts.ecc;
    if opts.boost_ecc {
        for higher in [Ecc::Medium, Ecc::Quartile, Ecc::High] {
            if higher > ecc && fits(version, higher) {
                ecc = higher;
            }
        }
    }
    Ok((version, ecc))
}

/// Modules of `version` that hold codeword bits (all but the function modules): qrcodegen's
/// `get_num_raw_data_modules`.
pub(crate) fn raw_data_modules(version: u8) -> usize {
    let v = usize::from(version.clamp(1, 40));
    let mut raw = (16 * v + 128) * v + 64;
    if v >= 2 {
        let align = v / 7 + 2;
        raw -= (25 * align - 10) * align - 55;
        if v >= 7 {
            raw -= 36;
        }
    }
    raw
}

/// Error-correction blocks of `version` at `ecc`, and ECC codewords per block.
pub(crate) fn blocks(version: u8, ecc: Ecc) -> (usize, usize) {
    let v = usize::from(version.clamp(1, 40));
    let level = match ecc {
        Ecc::Low => 0,
        Ecc::Medium => 1,
        Ecc::Quartile => 2,
        Ecc::High => 3,
    };
    let entry = |table: &[[u8; 40]; 4]| {
        usize::from(
            table
                .get(level)
                .and_then(|row| row.get(v - 1))
                .copied()
                .unwrap_or(1),
        )
    };
    (
        entry(&NUM_ERROR_CORRECTION_BLOCKS),
        entry(&ECC_CODEWORDS_PER_BLOCK),
    )
}

/// Data bits (codewords × 8, without ECC) of `version` at `ecc`: qrcodegen's
/// `get_num_data_codewords`.
pub(crate) fn capacity_bits(version: u8, ecc: Ecc) -> usize {
    let (num_blocks, ecc_len) = blocks(version, ecc);
    (raw_data_modules(version) / 8 - num_blocks * ecc_len) * 8
}

/// ECC codewords per block, by level (L, M, Q, H) and version 1..=40 (qrcodegen's table).
static ECC_CODEWORDS_PER_BLOCK: [[u8; 40]; 4] = [
    [
        7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30,
        30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30,
        30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Error-correction blocks, by level (L, M, Q, H) and version 1..=40 (qrcodegen's table).
static NUM_ERROR_CORRECTION_BLOCKS: [[u8; 40]; 4] = [
    [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13,
        14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ],
    [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
        25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29,
        34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35,
        37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];
