//! The eight mask patterns as bit rows (compile-time tables), and choosing the mask as
//! qrcodegen does (lowest penalty, the first one on ties) without its module-by-module loops.
//!
//! The symbol arrives encoded with mask 0 (by qrcodegen, complete with format bits). Its rows are
//! read into bit rows; mask `m` is reached from mask `m - 1` by XORing
//! `(pattern(m - 1) ^ pattern(m)) & !function` and the difference of the format bits; each
//! masked symbol is scored (the `penalty` module); the winner is written back into the
//! buffer the same way (XOR from mask 0, new format bits). Everything is on the stack.
//!
//! Stack: two tables of `W` words per row (`W` = 1 up to version 11, 2 up to 27, 3 above): the
//! function-module rows (177) and the masked rows (193, with light padding rows): 8,880 bytes
//! for `W` = 3, 2,960 bytes for `W` = 1, on top of qrcodegen's own frames. These figures are
//! the arrays' sizes; the stack high-water mark of the whole QR path is not measured yet.

use crate::Error;
use crate::qr::bit_rows::{Row, read_row, valid, xor_row};
use crate::qr::function_modules::{format_bits, format_modules, function_rows};
use crate::qr::penalty::{PAD_TOP, PADDED_ROWS, penalty};
use crate::qr::symbol::QrCode;

/// Rows of the symbol: 177 at most.
const MAX_ROWS: usize = 177;

/// Whether mask `m` darkens (inverts) module `(x, y)`: the standard's formulas, as qrcodegen
/// writes them.
const fn inverts(m: usize, x: usize, y: usize) -> bool {
    match m {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (x / 3 + y / 2).is_multiple_of(2),
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + x * y % 3).is_multiple_of(2),
    }
}

/// Every pattern repeats every 12 rows, and along a row every 6 columns, so 192-bit rows
/// (x < 192) of `y % 12` describe it fully. `PATTERNS[m][y % 12]`. Built at compile time,
/// where an index out of bounds fails the build (hence the indexing).
#[allow(clippy::indexing_slicing)]
const PATTERNS: [[[u64; 3]; 12]; 8] = {
    let mut table = [[[0u64; 3]; 12]; 8];
    let mut m = 0;
    while m < 8 {
        let mut y = 0;
        while y < 12 {
            let mut x = 0;
            while x < 192 {
                if inverts(m, x, y) {
                    table[m][y][x / 64] |= 1 << (x % 64);
                }
                x += 1;
            }
            y += 1;
        }
        m += 1;
    }
    table
};

/// `pattern(a) ^ pattern(b)` for row `y`, first `W` words.
#[inline(always)]
fn pattern_change<const W: usize>(a: usize, b: usize, y: usize) -> Row<W> {
    let row = |m: usize| {
        PATTERNS
            .get(m)
            .and_then(|p| p.get(y % 12))
            .copied()
            .unwrap_or_default()
    };
    let (pa, pb) = (row(a), row(b));
    core::array::from_fn(|i| pa.get(i).copied().unwrap_or(0) ^ pb.get(i).copied().unwrap_or(0))
}

/// Chooses the mask of the symbol in `out` (encoded with mask 0 by qrcodegen) exactly as
/// qrcodegen's automatic choice would, and re-masks the symbol in place with it.
pub(crate) fn choose_and_apply(out: &mut [u8]) -> Result<(), Error> {
    let qr = QrCode::from_bytes(out)?;
    let (size, ecc_bits) = (qr.size(), qr.ecc().format_bits());
    let modules = out.get_mut(1..).ok_or(Error::InvalidQrOption)?;
    if size < 64 {
        remask::<1>(modules, size, ecc_bits);
    } else if size < 128 {
        remask::<2>(modules, size, ecc_bits);
    } else {
        remask::<3>(modules, size, ecc_bits);
    }
    Ok(())
}

/// The penalty of each of the 8 masks for the mask-0 symbol in `modules`.
fn penalties<const W: usize>(
    modules: &[u8],
    size: usize,
    ecc_bits: u8,
    function: &[Row<W>; MAX_ROWS],
) -> [u32; 8] {
    let all = valid::<W>(size);
    let mut rows = [[0u64; W]; PADDED_ROWS];
    for (y, row) in rows.iter_mut().skip(PAD_TOP).take(size).enumerate() {
        *row = read_row(modules, size, y);
    }
    let mut scores = [0u32; 8];
    for (m, score) in scores.iter_mut().enumerate() {
        if m > 0 {
            let symbol_rows = rows.iter_mut().skip(PAD_TOP).take(size);
            for (y, (row, func)) in symbol_rows.zip(function.iter()).enumerate() {
                let change = pattern_change::<W>(m - 1, m, y);
                for ((r, c), (f, a)) in row.iter_mut().zip(change).zip(func.iter().zip(all)) {
                    *r ^= c & !f & a;
                }
            }
            let format_change = format_bits(ecc_bits, m as u8 - 1) ^ format_bits(ecc_bits, m as u8);
            toggle_format(&mut rows, size, format_change);
        }
        *score = penalty(&rows, size);
    }
    scores
}

/// Scores the 8 masks and writes the winner into `modules` (mask 0 replaced by it).
fn remask<const W: usize>(modules: &mut [u8], size: usize, ecc_bits: u8) {
    let mut function = [[0u64; W]; MAX_ROWS];
    function_rows(size, &mut function);
    let scores = penalties(modules, size, ecc_bits, &function);
    change_mask(modules, size, ecc_bits, &function, 0, first_min(&scores));
}

/// Re-masks the packed symbol in `modules` from mask `from` to mask `to` (data modules and
/// format bits); `function` holds its function-module rows.
fn change_mask<const W: usize>(
    modules: &mut [u8],
    size: usize,
    ecc_bits: u8,
    function: &[Row<W>; MAX_ROWS],
    from: usize,
    to: usize,
) {
    if from == to {
        return;
    }
    let all = valid::<W>(size);
    for (y, func) in function.iter().take(size).enumerate() {
        let change = pattern_change::<W>(from, to, y);
        let delta: Row<W> = core::array::from_fn(|i| {
            let (c, f, a) = (change.get(i), func.get(i), all.get(i));
            c.copied().unwrap_or(0) & !f.copied().unwrap_or(0) & a.copied().unwrap_or(0)
        });
        xor_row(modules, size, y, &delta);
    }
    let format_change = format_bits(ecc_bits, from as u8) ^ format_bits(ecc_bits, to as u8);
    for i in 0..15 {
        if format_change >> i & 1 == 1 {
            for (x, y) in format_modules(size, i) {
                let pos = y * size + x;
                if let Some(byte) = modules.get_mut(pos / 8) {
                    *byte ^= 1 << (pos % 8);
                }
            }
        }
    }
}

/// Toggles the format modules whose bit is set in `change`, in padded rows.
fn toggle_format<const W: usize>(rows: &mut [Row<W>; PADDED_ROWS], size: usize, change: u32) {
    for i in 0..15 {
        if change >> i & 1 == 1 {
            for (x, y) in format_modules(size, i) {
                if let Some(word) = rows.get_mut(PAD_TOP + y).and_then(|r| r.get_mut(x / 64)) {
                    *word ^= 1 << (x % 64);
                }
            }
        }
    }
}

/// The index of the first smallest score (qrcodegen keeps the first mask on ties).
fn first_min(scores: &[u32; 8]) -> usize {
    let mut best = 0;
    for (m, &s) in scores.iter().enumerate() {
        if scores.get(best).is_some_and(|&b| s < b) {
            best = m;
        }
    }
    best
}

/// The penalty qrcodegen's automatic choice would give each mask, for a symbol in qrcodegen's
/// layout encoded with mask 0 (any symbol works: its current mask is read and undone first).
///
/// For tests and diagnostics: [`crate::qr::encode_text`] uses the same scores to pick the mask.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, encode_text, mask_penalties};
/// let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut out, &QrOptions::default())?;
/// let scores = mask_penalties(qr.as_bytes())?;
/// let best = scores.iter().min().copied();
/// assert_eq!(scores.iter().position(|&s| Some(s) == best), Some(usize::from(qr.mask())));
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn mask_penalties(symbol: &[u8]) -> Result<[u32; 8], Error> {
    let qr = QrCode::from_bytes(symbol)?;
    let (size, ecc_bits, mask) = (qr.size(), qr.ecc().format_bits(), usize::from(qr.mask()));
    let mut copy = [0u8; crate::qr::BUFFER_LEN_MAX];
    let modules = copy
        .get_mut(..qr.as_bytes().len())
        .ok_or(Error::InvalidQrOption)?;
    modules.copy_from_slice(qr.as_bytes());
    let modules = modules.get_mut(1..).ok_or(Error::InvalidQrOption)?;
    Ok(if size < 64 {
        penalties_from::<1>(modules, size, ecc_bits, mask)
    } else if size < 128 {
        penalties_from::<2>(modules, size, ecc_bits, mask)
    } else {
        penalties_from::<3>(modules, size, ecc_bits, mask)
    })
}

/// Brings a copy of a symbol with `mask` to mask 0, then scores the 8 masks.
fn penalties_from<const W: usize>(
    modules: &mut [u8],
    size: usize,
    ecc_bits: u8,
    mask: usize,
) -> [u32; 8] {
    let mut function = [[0u64; W]; MAX_ROWS];
    function_rows(size, &mut function);
    change_mask(modules, size, ecc_bits, &function, mask, 0);
    penalties(modules, size, ecc_bits, &function)
}
