//! Which modules of a symbol are function modules (finders, separators, format areas, timing,
//! alignment patterns, version blocks, the dark module), as bit rows, exactly the areas
//! qrcodegen marks before it draws the codewords; the patterns drawn there; and where the format
//! bits go.
//!
//! Masks never touch function modules; the mask choice XORs mask patterns over the others only.

use crate::qr::bit_rows::{Row, set_range};

/// Finder pattern rows (7 modules, bit 0 = leftmost), top to bottom.
const FINDER: [u64; 7] = [0x7F, 0x41, 0x5D, 0x5D, 0x5D, 0x41, 0x7F];
/// Alignment pattern rows (5 modules), top to bottom.
const ALIGNMENT: [u64; 5] = [0x1F, 0x11, 0x15, 0x11, 0x1F];

/// ORs `bits` (bit 0 = module `x`) into `row` at column `x`.
fn put<const W: usize>(row: &mut Row<W>, x: usize, bits: u64) {
    let (word, shift) = (x / 64, x % 64);
    if let Some(w) = row.get_mut(word) {
        *w |= bits << shift;
    }
    if shift != 0
        && let Some(w) = row.get_mut(word + 1)
    {
        *w |= bits >> (64 - shift);
    }
}

/// Draws the dark modules of the function patterns of the `size`-wide symbol into `rows[y]`
/// (`y < size`; ORed in, the rows start light there): finders, timing patterns, alignment
/// patterns, version blocks (version 7 and up) and the dark module; the format bits are left to
/// the mask (they depend on it). Separators and the other light modules stay light.
pub(crate) fn draw_function_patterns<const W: usize>(size: usize, rows: &mut [Row<W>]) {
    let version = (size.saturating_sub(17) / 4) as u8;
    let mut positions = [0usize; 7];
    let centres = alignment_centres(version, size, &mut positions);
    let last = centres.len().saturating_sub(1);
    let version_bits = version_bits(version);
    // Timing: dark at even coordinates between the finders' separators.
    let mut timing = [0u64; W];
    for x in (8..size.saturating_sub(8)).step_by(2) {
        put(&mut timing, x, 1);
    }
    for (y, row) in rows.iter_mut().take(size).enumerate() {
        if y < 7 {
            let finder = FINDER.get(y).copied().unwrap_or(0);
            put(row, 0, finder);
            put(row, size - 7, finder);
        }
        if y + 7 >= size {
            put(row, 0, FINDER.get(y + 7 - size).copied().unwrap_or(0));
        }
        if y == 6 {
            for (w, t) in row.iter_mut().zip(timing) {
                *w |= t;
            }
        } else if (8..size - 8).contains(&y) && y % 2 == 0 {
            put(row, 6, 1);
        }
        for (j, &cy) in centres.iter().enumerate() {
            if y + 2 < cy || y > cy + 2 {
                continue;
            }
            let pattern = ALIGNMENT.get(y + 2 - cy).copied().unwrap_or(0);
            for (i, &cx) in centres.iter().enumerate() {
                let corner = (i == 0 && (j == 0 || j == last)) || (i == last && j == 0);
                if !corner {
                    put(row, cx - 2, pattern);
                }
            }
        }
        if version >= 7 {
            // Bit i sits at (size - 11 + i % 3, i / 3) and at its transpose.
            if y < 6 {
                put(row, size - 11, u64::from(version_bits >> (3 * y)) & 7);
            }
            if let Some(j) = y.checked_sub(size - 11).filter(|&j| j < 3) {
                let column = (0..6).fold(0u64, |acc, b| {
                    acc | u64::from(version_bits >> (3 * b + j) & 1) << b
                });
                put(row, 0, column);
            }
        }
        if y == size - 8 {
            put(row, 8, 1); // the dark module
        }
    }
}

/// The 18 version bits (version and its BCH code), as qrcodegen computes them.
fn version_bits(version: u8) -> u32 {
    let v = u32::from(version);
    let mut rem = v;
    for _ in 0..12 {
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
    }
    v << 12 | rem
}

/// Fills `rows[y]` (for `y < size`) with the function modules of the `size`-wide symbol
/// (`size = 4 * version + 17`): bit `x` set when `(x, y)` is a function module or `x >= size`
/// (past the row: masks leave those bits alone too).
pub(crate) fn function_rows<const W: usize>(size: usize, rows: &mut [Row<W>]) {
    let version = (size.saturating_sub(17) / 4) as u8;
    let mut positions = [0usize; 7];
    let centres = alignment_centres(version, size, &mut positions);
    let last = centres.len().saturating_sub(1);
    for (y, row) in rows.iter_mut().take(size).enumerate() {
        *row = [0; W];
        set_range(row, size, W * 64); // past the row
        set_range(row, 6, 7); // vertical timing pattern
        if y == 6 {
            set_range(row, 0, size); // horizontal timing pattern
        }
        if y < 9 {
            set_range(row, 0, 9); // top-left finder, separator, format area
            set_range(row, size - 8, size); // top-right finder, separator, format area
        }
        if y + 8 >= size {
            set_range(row, 0, 9); // bottom-left finder, separator, format area, dark module
        }
        if version >= 7 {
            if y < 6 {
                set_range(row, size - 11, size - 8); // top-right version block
            }
            if (size - 11..size - 8).contains(&y) {
                set_range(row, 0, 6); // bottom-left version block
            }
        }
        for (j, &cy) in centres.iter().enumerate() {
            if y + 2 < cy || y > cy + 2 {
                continue;
            }
            for (i, &cx) in centres.iter().enumerate() {
                let corner = (i == 0 && (j == 0 || j == last)) || (i == last && j == 0);
                if !corner {
                    set_range(row, cx - 2, cx + 3);
                }
            }
        }
    }
}

/// The alignment pattern centres (the same on both axes), as qrcodegen computes them.
fn alignment_centres(version: u8, size: usize, buf: &mut [usize; 7]) -> &[usize] {
    if version < 2 {
        return &[];
    }
    let count = usize::from(version / 7 + 2);
    let step = if version == 32 {
        26
    } else {
        let (v, n) = (usize::from(version), count);
        (v * 4 + n * 2 + 1) / (n * 2 - 2) * 2
    };
    for (i, slot) in buf.iter_mut().take(count).enumerate() {
        // Ascending: 6, then size - 7 - (count - 1 - i) * step.
        *slot = if i == 0 {
            6
        } else {
            size - 7 - (count - 1 - i) * step
        };
    }
    buf.get(..count).unwrap_or(&[])
}

/// The 15 format bits (with their BCH code, XORed with `0x5412`) for an ECC level's two
/// format bits (`Ecc::format_bits`) and a mask 0..=7.
pub(crate) fn format_bits(ecc_bits: u8, mask: u8) -> u32 {
    let data = u32::from(ecc_bits << 3 | mask);
    let mut rem = data;
    for _ in 0..10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    }
    (data << 10 | rem) ^ 0x5412
}

/// Where format bit `i` (0..15) goes in the `size`-wide symbol: its two modules `(x, y)`.
pub(crate) fn format_modules(size: usize, i: usize) -> [(usize, usize); 2] {
    let first = match i {
        0..=5 => (8, i),
        6 => (8, 7),
        7 => (8, 8),
        8 => (7, 8),
        _ => (14 - i, 8),
    };
    let second = if i < 8 {
        (size - 1 - i, 8)
    } else {
        (8, size - 15 + i)
    };
    [first, second]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn function_module_counts_match_the_raw_data_module_formula() {
        // qrcodegen: raw data modules = size^2 - function modules.
        for version in 1u8..=40 {
            let size = 4 * usize::from(version) + 17;
            let mut rows = [[0u64; 3]; 177];
            function_rows(size, &mut rows);
            let outside = 3 * 64 - size;
            let function: usize = rows
                .iter()
                .take(size)
                .map(|r| crate::qr::bit_rows::count(r) as usize - outside)
                .sum();
            let v = usize::from(version);
            let mut raw = (16 * v + 128) * v + 64;
            if v >= 2 {
                let n = v / 7 + 2;
                raw -= (25 * n - 10) * n - 55;
                if v >= 7 {
                    raw -= 36;
                }
            }
            assert_eq!(size * size - function, raw, "version {version}");
        }
    }
}
