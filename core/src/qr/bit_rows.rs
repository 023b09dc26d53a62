//! Symbol rows as bit-packed words (`W` × u64, bit `x` = module `x`, 1 = dark), and moving rows
//! between that form and the symbol buffer's packed bitstream (qrcodegen's layout).
//!
//! The mask choice works on whole rows: shifts along a row look at neighbouring columns, word
//! operations across rows at neighbouring rows, 64 columns at a time.

/// One symbol row: `W` words, module `x` in bit `x % 64` of word `x / 64`.
pub(crate) type Row<const W: usize> = [u64; W];

/// All-light or all-dark filler for the bits a shift brings in.
pub(crate) const LIGHT: u64 = 0;
/// See [`LIGHT`]: ones, for words that hold "light" as 1.
pub(crate) const ONES: u64 = !0;

/// Bit `x` of the result is bit `x + k` of `a` (`1 <= k <= 63`); bits past the row are `fill`.
#[inline(always)]
pub(crate) fn shr<const W: usize>(a: &Row<W>, k: u32, fill: u64) -> Row<W> {
    core::array::from_fn(|i| {
        let lo = a.get(i).copied().unwrap_or(fill);
        let hi = a.get(i + 1).copied().unwrap_or(fill);
        lo >> k | hi << (64 - k)
    })
}

/// Bit `x` of the result is bit `x - k` of `a` (`1 <= k <= 63`); bits before the row are `fill`.
#[inline(always)]
pub(crate) fn shl<const W: usize>(a: &Row<W>, k: u32, fill: u64) -> Row<W> {
    core::array::from_fn(|i| {
        let hi = a.get(i).copied().unwrap_or(fill);
        let lo = i
            .checked_sub(1)
            .and_then(|j| a.get(j))
            .copied()
            .unwrap_or(fill);
        hi << k | lo >> (64 - k)
    })
}

/// Word-wise `a & b`.
#[inline(always)]
pub(crate) fn and<const W: usize>(a: &Row<W>, b: &Row<W>) -> Row<W> {
    core::array::from_fn(|i| a.get(i).copied().unwrap_or(0) & b.get(i).copied().unwrap_or(0))
}

/// Word-wise `a | b`.
#[inline(always)]
pub(crate) fn or<const W: usize>(a: &Row<W>, b: &Row<W>) -> Row<W> {
    core::array::from_fn(|i| a.get(i).copied().unwrap_or(0) | b.get(i).copied().unwrap_or(0))
}

/// Word-wise `a & !b`.
#[inline(always)]
pub(crate) fn and_not<const W: usize>(a: &Row<W>, b: &Row<W>) -> Row<W> {
    core::array::from_fn(|i| a.get(i).copied().unwrap_or(0) & !b.get(i).copied().unwrap_or(0))
}

/// Word-wise `!(a ^ b)`: 1 where the two rows have the same colour.
#[inline(always)]
pub(crate) fn same<const W: usize>(a: &Row<W>, b: &Row<W>) -> Row<W> {
    core::array::from_fn(|i| !(a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0)))
}

/// Word-wise `!a`.
#[inline(always)]
pub(crate) fn not<const W: usize>(a: &Row<W>) -> Row<W> {
    core::array::from_fn(|i| !a.get(i).copied().unwrap_or(0))
}

/// Number of set bits.
#[inline(always)]
pub(crate) fn count<const W: usize>(a: &Row<W>) -> u32 {
    a.iter().map(|w| w.count_ones()).sum()
}

/// Set bits per 4-bit lane of each word (each lane at most 4): the first half of a software
/// popcount (the default x86_64 target has no popcount instruction). Up to three such rows can
/// be added with [`add3`] and counted once with [`sum_nibbles`].
#[inline(always)]
pub(crate) fn nibble_counts<const W: usize>(a: &Row<W>) -> Row<W> {
    const PAIRS: u64 = 0x5555_5555_5555_5555;
    const NIBBLES: u64 = 0x3333_3333_3333_3333;
    core::array::from_fn(|i| {
        let w = a.get(i).copied().unwrap_or(0);
        let twos = w - ((w >> 1) & PAIRS);
        (twos & NIBBLES) + ((twos >> 2) & NIBBLES)
    })
}

/// Word-wise `a + b + c` (of [`nibble_counts`] rows: lanes of at most 12, no carries between
/// lanes).
#[inline(always)]
pub(crate) fn add3<const W: usize>(a: &Row<W>, b: &Row<W>, c: &Row<W>) -> Row<W> {
    core::array::from_fn(|i| {
        let at = |r: &Row<W>| r.get(i).copied().unwrap_or(0);
        at(a).wrapping_add(at(b)).wrapping_add(at(c))
    })
}

/// The sum of all 4-bit lanes (each at most 15, so each word's lanes sum to at most 240).
#[inline(always)]
pub(crate) fn sum_nibbles<const W: usize>(a: &Row<W>) -> u32 {
    const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
    a.iter()
        .map(|&w| {
            let bytes = (w & LOW) + ((w >> 4) & LOW);
            (bytes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
        })
        .sum()
}

/// Whether any bit is set.
#[inline(always)]
pub(crate) fn any<const W: usize>(a: &Row<W>) -> bool {
    a.iter().any(|&w| w != 0)
}

/// Bit `x` of the row.
#[inline(always)]
pub(crate) fn bit<const W: usize>(a: &Row<W>, x: usize) -> bool {
    a.get(x / 64).is_some_and(|w| (w >> (x % 64)) & 1 == 1)
}

/// Sets bits `from..to` of the row (bits past the row are ignored).
pub(crate) fn set_range<const W: usize>(a: &mut Row<W>, from: usize, to: usize) {
    for (i, w) in a.iter_mut().enumerate() {
        let (lo, hi) = (from.max(i * 64), to.min(i * 64 + 64));
        if hi > lo {
            *w |= (!0u64 >> (64 - (hi - lo))) << (lo - i * 64);
        }
    }
}

/// Bits `0..size` set: the modules of a row.
pub(crate) fn valid<const W: usize>(size: usize) -> Row<W> {
    let mut row = [0; W];
    set_range(&mut row, 0, size);
    row
}

/// Reads row `y` of a `size`-wide symbol from the packed modules (`modules` = the buffer
/// without its size byte).
pub(crate) fn read_row<const W: usize>(modules: &[u8], size: usize, y: usize) -> Row<W> {
    let start = y * size;
    core::array::from_fn(|i| {
        let len = size.saturating_sub(i * 64).min(64);
        if len == 0 {
            return 0;
        }
        let word = load(modules, start + i * 64);
        if len == 64 {
            word
        } else {
            word & ((1u64 << len) - 1)
        }
    })
}

/// Writes the `size` rows `rows` (bits past `size` 0) as a packed symbol: the side length in
/// `out[0]`, then the modules row by row, eight to a byte, the last byte's spare bits 0.
/// Writes `1 + ceil(size² / 8)` bytes of `out` (what does not fit is dropped), no more.
pub(crate) fn write_symbol<const W: usize>(rows: &[Row<W>], size: usize, out: &mut [u8]) {
    let len = (1 + (size * size).div_ceil(8)).min(out.len());
    let Some((first, modules)) = out.get_mut(..len).and_then(|o| o.split_first_mut()) else {
        return;
    };
    *first = size as u8;
    let mut chunks = modules.chunks_mut(8);
    // Pending bits, lowest first: `pending` of them.
    let (mut acc, mut pending) = (0u128, 0usize);
    for row in rows.iter().take(size) {
        for (i, &word) in row.iter().enumerate() {
            let len = size.saturating_sub(i * 64).min(64);
            acc |= u128::from(word) << pending;
            pending += len;
            if pending >= 64 {
                if let Some(chunk) = chunks.next() {
                    let bytes = (acc as u64).to_le_bytes();
                    chunk.copy_from_slice(bytes.get(..chunk.len()).unwrap_or(&[]));
                }
                acc >>= 64;
                pending -= 64;
            }
        }
    }
    if let Some(chunk) = chunks.next() {
        let bytes = (acc as u64).to_le_bytes();
        let len = chunk.len().min(pending.div_ceil(8));
        chunk.fill(0);
        if let (Some(dst), Some(src)) = (chunk.get_mut(..len), bytes.get(..len)) {
            dst.copy_from_slice(src);
        }
    }
}

/// The 64 bits of the packed stream starting at bit `pos` (bits past the end read as 0).
fn load(modules: &[u8], pos: usize) -> u64 {
    let byte = pos / 8;
    let mut buf = [0u8; 16];
    match modules.get(byte..byte + 9) {
        Some(src) => buf
            .get_mut(..9)
            .into_iter()
            .for_each(|d| d.copy_from_slice(src)),
        None => buf
            .iter_mut()
            .zip(modules.get(byte..).unwrap_or(&[]))
            .for_each(|(d, s)| *d = *s),
    }
    (u128::from_le_bytes(buf) >> (pos % 8)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_bring_in_fill() {
        let a: Row<2> = [1 << 63 | 1, 1];
        assert_eq!(shr(&a, 1, LIGHT), [1 << 62 | 1 << 63, 0]);
        assert_eq!(shr(&a, 1, ONES), [1 << 62 | 1 << 63, 1 << 63]);
        assert_eq!(shl(&a, 1, ONES), [3, 3]);
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn nibble_sums_count_bits() {
        let mut x = 0x1234_5678_9abc_def0u64;
        for _ in 0..200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let rows: [Row<2>; 3] = [[x, !0], [!x, x >> 3], [!0, x.rotate_left(9)]];
            let [a, b, c] = rows.map(|r| nibble_counts(&r));
            let expected: u32 = rows.iter().map(count).sum();
            assert_eq!(sum_nibbles(&add3(&a, &b, &c)), expected);
            assert_eq!(sum_nibbles(&a), count(&rows[0]));
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn rows_round_trip_through_the_packed_stream() {
        let size = 77;
        let rows: [Row<2>; 77] = core::array::from_fn(|y| {
            let w = (y as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            [w, (w >> 40) & 0x1FFF]
        });
        let mut out = [0xFFu8; 2 + 77 * 77 / 8];
        write_symbol(&rows, size, &mut out);
        assert_eq!(out[0], 77);
        for (y, row) in rows.iter().enumerate() {
            assert_eq!(read_row::<2>(&out[1..], size, y), *row, "row {y}");
            for x in 0..size {
                let i = y * size + x;
                assert_eq!(out[1 + i / 8] >> (i % 8) & 1 == 1, bit(row, x));
            }
        }
        // 77 * 77 = 5929 bits: the last byte holds one module, its other bits are 0.
        assert_eq!(out[1 + 5928 / 8] & !1, 0);
        let mut r = [0u64; 3];
        set_range(&mut r, 60, 130);
        assert_eq!(count(&r), 70);
        assert!(bit(&r, 60) && bit(&r, 129) && !bit(&r, 130));
    }
}
