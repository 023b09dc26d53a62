//! Codeword placement: the standard's zigzag (qrcodegen's `draw_codewords`), writing the
//! codeword bits straight into bit rows, two modules (one row of a column pair) at a time.

use crate::qr::bit_rows::Row;

/// The codeword bits, most significant bit of each byte first; zeros once they run out (the
/// remainder modules stay light).
struct BitReader<'a> {
    bytes: core::slice::Iter<'a, u8>,
    /// Unread bits at the top, `left` of them.
    buffer: u64,
    left: u32,
}

impl BitReader<'_> {
    /// The next `n` (1 or 2) bits, the first one highest.
    #[inline(always)]
    fn take(&mut self, n: u32) -> u64 {
        if self.left < n {
            // Refill with up to 7 bytes (zeros past the end).
            while self.left <= 56 {
                let byte = self.bytes.next().copied().unwrap_or(0);
                self.buffer |= u64::from(byte) << (56 - self.left);
                self.left += 8;
            }
        }
        let bits = self.buffer >> (64 - n);
        self.buffer <<= n;
        self.left -= n;
        bits
    }
}

/// The bits for a row of a column pair whose free modules are `free` (bit 1 = the right
/// module, bit 0 = the left one): the first bit read goes right, so with one free module the
/// bit goes to that one.
#[inline(always)]
fn take_for(bits: &mut BitReader<'_>, free: u64) -> u64 {
    match free {
        3 => bits.take(2),
        2 => bits.take(1) << 1,
        1 => bits.take(1),
        _ => 0,
    }
}

/// Two adjacent modules `x, x + 1` of a row, as bits 0 and 1.
#[inline(always)]
fn pair<const W: usize>(row: &Row<W>, x: usize) -> u64 {
    let (word, shift) = (x / 64, x % 64);
    let lo = row.get(word).copied().unwrap_or(0) >> shift;
    let hi = if shift == 63 {
        row.get(word + 1).copied().unwrap_or(0) << 1
    } else {
        0
    };
    (lo | hi) & 3
}

/// ORs the two bits `bits` into modules `x, x + 1` of a row.
#[inline(always)]
fn put_pair<const W: usize>(row: &mut Row<W>, x: usize, bits: u64) {
    let (word, shift) = (x / 64, x % 64);
    if let Some(w) = row.get_mut(word) {
        *w |= bits << shift;
    }
    if shift == 63
        && let Some(w) = row.get_mut(word + 1)
    {
        *w |= bits >> 1;
    }
}

/// Writes `codewords` into the non-function modules of the `size`-wide symbol in `rows` (light
/// there beforehand), in the zigzag order: column pairs from the right (skipping the vertical
/// timing column 6), upwards in the first pair, then alternating; within a row the right module
/// first. `function[y]` marks the function modules of row `y`.
pub(crate) fn place_codewords<const W: usize>(
    codewords: &[u8],
    size: usize,
    function: &[Row<W>],
    rows: &mut [Row<W>],
) {
    let mut bits = BitReader {
        bytes: codewords.iter(),
        buffer: 0,
        left: 0,
    };
    let rows = rows.get_mut(..size).unwrap_or(&mut []);
    let function = function.get(..size).unwrap_or(&[]);
    let mut right = size - 1;
    let mut upward = true;
    while right >= 1 {
        if right == 6 {
            right = 5;
        }
        let x = right - 1;
        if x % 64 == 63 {
            // The pair straddles two words (x = 63 or 127).
            zigzag(rows, function, upward, |row, func| {
                let value = take_for(&mut bits, !pair(func, x) & 3);
                put_pair(row, x, value);
            });
        } else {
            let (word, shift) = (x / 64, x % 64);
            zigzag(rows, function, upward, |row, func| {
                let free = !(func.get(word).copied().unwrap_or(!0) >> shift) & 3;
                let value = take_for(&mut bits, free);
                if let Some(w) = row.get_mut(word) {
                    *w |= value << shift;
                }
            });
        }
        upward = !upward;
        right = right.saturating_sub(2);
        if right == 0 {
            break;
        }
    }
}

/// Visits each symbol row with its function-module row, bottom to top when `upward`.
fn zigzag<const W: usize>(
    rows: &mut [Row<W>],
    function: &[Row<W>],
    upward: bool,
    mut place: impl FnMut(&mut Row<W>, &Row<W>),
) {
    let pairs = rows.iter_mut().zip(function);
    if upward {
        pairs.rev().for_each(|(r, f)| place(r, f));
    } else {
        pairs.for_each(|(r, f)| place(r, f));
    }
}
