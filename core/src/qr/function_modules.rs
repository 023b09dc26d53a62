//! Which modules of a symbol are function modules (finders, separators, format areas, timing,
//! alignment patterns, version blocks, the dark module), as bit rows, exactly the areas
//! qrcodegen marks before it draws the codewords; and where the format bits go.
//!
//! Masks never touch function modules; the mask choice XORs mask patterns over the others only.

use crate::qr::bit_rows::{Row, set_range};

/// Fills `rows[y]` (for `y < size`) with the function modules of the `size`-wide symbol
/// (`size = 4 * version + 17`): bit `x` set when `(x, y)` is a function module.
pub(crate) fn function_rows<const W: usize>(size: usize, rows: &mut [Row<W>]) {
    let version = (size.saturating_sub(17) / 4) as u8;
    let mut positions = [0usize; 7];
    let centres = alignment_centres(version, size, &mut positions);
    let last = centres.len().saturating_sub(1);
    for (y, row) in rows.iter_mut().take(size).enumerate() {
        *row = [0; W];
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
    fn function_module_counts_match_the_raw_data_module_formula() {
        // qrcodegen: raw data modules = size^2 - function modules.
        for version in 1u8..=40 {
            let size = 4 * usize::from(version) + 17;
            let mut rows = [[0u64; 3]; 177];
            function_rows(size, &mut rows);
            let function: usize = rows
                .iter()
                .map(|r| crate::qr::bit_rows::count(r) as usize)
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
