//! The eight mask patterns as bit rows (compile-time tables), and choosing the mask as
//! qrcodegen does (lowest penalty, the first one on ties) without its module-by-module loops.
//!
//! The symbol is in bit rows (padded with light rows above and below, see the `penalty`
//! module). Mask `b` is reached from mask `a` by XORing `(pattern(a) ^ pattern(b)) & !function`
//! into the rows and toggling the format modules whose bits differ; "no mask" ([`NONE`]) has
//! the empty pattern and no format bits, which is how a freshly drawn symbol starts. Each
//! masked symbol is scored (the `penalty` module), then the winner is reached the same way.
//!
//! The row tables are the caller's, sized per class of versions (`W` words per row).

use crate::Error;
use crate::qr::bit_rows::{Row, read_row};
use crate::qr::function_modules::{format_bits, format_modules, function_rows};
use crate::qr::penalty::{PAD_TOP, padded_rows, penalty};
use crate::qr::symbol::{QrCode, side_len};

/// The "mask" of a symbol before any is applied: no pattern, no format bits.
pub(crate) const NONE: usize = 8;

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
/// (x < 192) of `y % 12` describe it fully. `PATTERNS[m][y % 12]`; `PATTERNS[NONE]` is empty.
/// Built at compile time, where an index out of bounds fails the build (hence the indexing).
#[allow(clippy::indexing_slicing)]
const PATTERNS: [[[u64; 3]; 12]; 9] = {
    let mut table = [[[0u64; 3]; 12]; 9];
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

/// The 15 format bits for mask `m` (none for [`NONE`]).
fn format_of(ecc_bits: u8, m: usize) -> u32 {
    if m < NONE {
        format_bits(ecc_bits, m as u8)
    } else {
        0
    }
}

/// Re-masks the `size`-wide symbol in the padded `rows` from mask `from` to mask `to` (0..=7 or
/// [`NONE`]): data modules and format bits. `function` holds its function-module rows (with the
/// bits past the row set, see `function_rows`).
pub(crate) fn change_mask<const W: usize>(
    rows: &mut [Row<W>],
    function: &[Row<W>],
    size: usize,
    ecc_bits: u8,
    from: usize,
    to: usize,
) {
    if from == to {
        return;
    }
    // The pattern change of the 12 rows of a period (every pattern repeats every 12 rows).
    let period: [Row<W>; 12] = core::array::from_fn(|y| pattern_change::<W>(from, to, y));
    let symbol_rows = rows.iter_mut().skip(PAD_TOP).take(size);
    for ((row, func), change) in symbol_rows.zip(function).zip(period.iter().cycle()) {
        for ((r, c), f) in row.iter_mut().zip(change).zip(func) {
            *r ^= c & !f;
        }
    }
    let format_change = format_of(ecc_bits, from) ^ format_of(ecc_bits, to);
    for i in 0..15 {
        if format_change >> i & 1 == 1 {
            for (x, y) in format_modules(size, i) {
                if let Some(word) = rows.get_mut(PAD_TOP + y).and_then(|r| r.get_mut(x / 64)) {
                    *word ^= 1 << (x % 64);
                }
            }
        }
    }
}

/// The penalty of each of the 8 masks for the symbol in `rows`, which has mask `current`
/// (0..=7 or [`NONE`]); the rows are left with mask 7.
///
/// With `prune`, a mask's scoring stops once it reaches the lowest penalty so far (it cannot
/// win: ties go to the earlier mask), and its entry is only a bound, at least that penalty; the
/// first smallest entry is still the mask qrcodegen chooses.
fn penalties<const W: usize>(
    rows: &mut [Row<W>],
    function: &[Row<W>],
    size: usize,
    ecc_bits: u8,
    current: usize,
    prune: bool,
) -> [u32; 8] {
    let mut scores = [0u32; 8];
    let (mut from, mut best) = (current, u32::MAX);
    for (m, score) in scores.iter_mut().enumerate() {
        change_mask(rows, function, size, ecc_bits, from, m);
        from = m;
        *score = penalty(rows, size, if prune { best } else { u32::MAX });
        best = best.min(*score);
    }
    scores
}

/// Chooses the mask of the unmasked symbol in `rows` exactly as qrcodegen's automatic choice
/// would (lowest penalty, the first on ties), applies it and returns it.
pub(crate) fn choose_and_apply<const W: usize>(
    rows: &mut [Row<W>],
    function: &[Row<W>],
    size: usize,
    ecc_bits: u8,
) -> usize {
    let scores = penalties(rows, function, size, ecc_bits, NONE, true);
    let best = first_min(&scores);
    change_mask(rows, function, size, ecc_bits, 7, best);
    best
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
/// layout (any symbol works: its current mask is read and undone first).
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
    let modules = qr.as_bytes().get(1..).unwrap_or(&[]);
    Ok(if size <= side_len(11) {
        penalties_of::<1, { padded_rows(side_len(11)) }>(modules, size, ecc_bits, mask)
    } else if size <= side_len(27) {
        penalties_of::<2, { padded_rows(side_len(27)) }>(modules, size, ecc_bits, mask)
    } else {
        penalties_of::<3, { padded_rows(side_len(40)) }>(modules, size, ecc_bits, mask)
    })
}

/// Reads a symbol with `mask` into padded rows (`R` of them) and scores the 8 masks.
fn penalties_of<const W: usize, const R: usize>(
    modules: &[u8],
    size: usize,
    ecc_bits: u8,
    mask: usize,
) -> [u32; 8] {
    let mut function = [[0u64; W]; R];
    function_rows(size, &mut function);
    let mut rows = [[0u64; W]; R];
    for (y, row) in rows.iter_mut().skip(PAD_TOP).take(size).enumerate() {
        *row = read_row(modules, size, y);
    }
    penalties(&mut rows, &function, size, ecc_bits, mask, false)
}
