//! qrcodegen's mask penalty (`get_penalty_score`), computed on bit rows, 64 modules at a time.
//!
//! The four rules, with qrcodegen's exact semantics:
//!
//! - N1, runs of 5 or more same-coloured modules in a row or column: a run of length `L >= 5`
//!   costs `3 + (L - 5)`, which is (windows of 5 equal modules in it) + 2 × (runs); windows are
//!   found with `same = !(r ^ r >> 1)` along rows and `!(r[y] ^ r[y - 1])` across rows (every
//!   column at once).
//! - N2, 2×2 blocks of one colour: 3 each.
//! - N3, finder-like patterns (40 each), qrcodegen's run-history rule: in a line extended by
//!   `size` light modules on both ends, runs `light a, dark n, light n, dark 3n, light n,
//!   dark n, light b` count `[b >= 4n && a >= n] + [a >= 4n && b >= n]`. For `n = 1` that is the
//!   exact 9-module context `0 1011101 0` (outside = light) plus 4 light modules on either side,
//!   done bitwise. Patterns with `n >= 2` need a dark run of 6 or more inside the line between
//!   two light modules on each side; only lines with one (rare in masked data) are scanned run
//!   by run with qrcodegen's own algorithm, counting the `n >= 2` patterns.
//! - N4, dark/light balance: 10 × the smallest `k` with `(45 - 5k)% <= dark <= (55 + 5k)%`, with
//!   qrcodegen's integer formula.

use crate::qr::bit_rows::{
    LIGHT, ONES, Row, add3, and, and_not, any, bit, count, nibble_counts, not, or, same, shl, shr,
    sum_nibbles, valid,
};

/// Light rows above the symbol in the padded row table (column patterns look 4 rows up).
pub(crate) const PAD_TOP: usize = 4;
/// Rows of the padded table for symbols up to `size` modules wide: 4 light rows, the symbol
/// rows, 12 light rows below (column patterns look 10 rows down, the windows span 16 rows).
pub(crate) const fn padded_rows(size: usize) -> usize {
    PAD_TOP + size + 12
}

/// Rows of the window that slides down the table: row `y` of the symbol is `window[PAD_TOP]`.
const WINDOW: usize = 16;

/// The penalty of the symbol in `rows` (`rows[PAD_TOP + y]` = row `y`, `size` rows; all other
/// rows and all bits past `size` light; at least [`padded_rows`]`(size)` rows), as qrcodegen's
/// `get_penalty_score` computes it; or, as soon as the points counted so far reach `limit`
/// (every rule only adds), those points: some value `>= limit`, less than the penalty.
pub(crate) fn penalty<const W: usize>(rows: &[Row<W>], size: usize, limit: u32) -> u32 {
    let all = valid::<W>(size);
    // Bit x set when x and x + 1 are both modules of the row.
    let pairs = valid::<W>(size.saturating_sub(1));
    // N1 + 3 × N2 (counted together), N3 (patterns), dark modules.
    let (mut n1_n2, mut n3, mut dark) = (0u32, 0u32, 0u32);
    // "Same colour as the row below" for the 4 rows above (oldest first; none above row 0).
    let mut vertical = [[0u64; W]; 4];
    let mut column_windows_before = [0u64; W];
    let mut column_run_open = [0u64; W];
    let mut column_candidates = [0u64; W];
    for (y, window) in rows.windows(WINDOW).take(size).enumerate() {
        let Ok(w) = <&[Row<W>; WINDOW]>::try_from(window) else {
            continue;
        };
        let d = &w[PAD_TOP];
        let light = not(d);
        dark += count(d);
        let below_same = same(d, &w[PAD_TOP + 1]);

        // ---- along the row ----
        let right_same = and(&same(d, &shr(d, 1, LIGHT)), &pairs);
        let row_windows = and(
            &and(&right_same, &shr(&right_same, 1, LIGHT)),
            &and(&shr(&right_same, 2, LIGHT), &shr(&right_same, 3, LIGHT)),
        );
        let blocks = if y + 1 < size {
            and(&and(&below_same, &shr(&below_same, 1, LIGHT)), &right_same)
        } else {
            [0; W]
        };
        n3 += row_finders_n1(d, &light);
        let starts = scaled_centre_starts(d, &and(&light, &all));
        if any(&starts) && may_hold_scaled_finder(d, &starts, size) {
            n3 += scaled_finders(d, size);
        }

        // ---- down the columns (every column at once) ----
        let [v0, v1, v2, v3] = &vertical;
        let column_windows = and(&and(v0, v1), &and(v2, &and(v3, &all)));
        vertical = [*v1, *v2, *v3, below_same];
        // N1: one point per window of 5, two more per run (a window not preceded by one);
        // N2: three per block.
        let row_starts = and_not(&row_windows, &shl(&row_windows, 1, LIGHT));
        let column_starts = and_not(&column_windows, &column_windows_before);
        column_windows_before = column_windows;
        let block_counts = nibble_counts(&blocks);
        let ones = add3(
            &nibble_counts(&row_windows),
            &nibble_counts(&column_windows),
            &block_counts,
        );
        let twos = add3(
            &nibble_counts(&row_starts),
            &nibble_counts(&column_starts),
            &block_counts,
        );
        n1_n2 += sum_nibbles(&ones) + 2 * sum_nibbles(&twos);
        n3 += column_finders_n1(w);
        // A dark run that starts after two light modules of the line and is at least 6 long ...
        let starts = if y < 2 {
            [0; W]
        } else {
            and(
                &and_not(&and_not(d, &w[PAD_TOP - 1]), &w[PAD_TOP - 2]),
                &and(
                    &and(&w[PAD_TOP + 1], &w[PAD_TOP + 2]),
                    &and(&w[PAD_TOP + 3], &and(&w[PAD_TOP + 4], &w[PAD_TOP + 5])),
                ),
            )
        };
        column_run_open = and(d, &or(&column_run_open, &starts));
        // ... and ends before two light modules of the line.
        if y + 2 < size {
            let ends = and_not(&and_not(&column_run_open, &w[PAD_TOP + 1]), &w[PAD_TOP + 2]);
            column_candidates = or(&column_candidates, &ends);
        }
        let so_far = n1_n2 + 40 * n3;
        if so_far >= limit {
            return so_far;
        }
    }
    for x in 0..size {
        if bit(&column_candidates, x) {
            let line = column(rows, size, x);
            let starts = scaled_centre_starts(&line, &and_not(&all, &line));
            if may_hold_scaled_finder(&line, &starts, size) {
                n3 += scaled_finders(&line, size);
            }
        }
    }
    n1_n2 + 40 * n3 + 10 * balance(dark, size)
}

/// Finder-like patterns with `n = 1` in a row: `0 1011101 0` at `x - 1 ..= x + 7` with 4 light
/// modules before or after (outside the symbol is light), each side counted once.
#[inline(always)]
fn row_finders_n1<const W: usize>(d: &Row<W>, light: &Row<W>) -> u32 {
    // Dark at x, x+2, x+3, x+4, x+6; light (no dark, outside included) at x-1, x+1, x+5, x+7.
    let dark = and(
        &and(d, &shr(d, 2, LIGHT)),
        &and(
            &shr(d, 3, LIGHT),
            &and(&shr(d, 4, LIGHT), &shr(d, 6, LIGHT)),
        ),
    );
    let any_dark = or(
        &or(&shl(d, 1, LIGHT), &shr(d, 1, LIGHT)),
        &or(&shr(d, 5, LIGHT), &shr(d, 7, LIGHT)),
    );
    let core = and_not(&dark, &any_dark);
    if !any(&core) {
        return 0;
    }
    // Light at x-1, x-2, then x-1..x-4; light at x, x+1, then x..x+3, then x+7..x+10.
    let before2 = and(&shl(light, 1, ONES), &shl(light, 2, ONES));
    let before4 = and(&before2, &shl(&before2, 2, ONES));
    let from2 = and(light, &shr(light, 1, ONES));
    let from4 = and(&from2, &shr(&from2, 2, ONES));
    let after4 = shr(&from4, 7, ONES);
    count(&and(&core, &before4)) + count(&and(&core, &after4))
}

/// Finder-like patterns with `n = 1` in every column at once, for the row at `w[PAD_TOP]`.
#[inline(always)]
fn column_finders_n1<const W: usize>(w: &[Row<W>; WINDOW]) -> u32 {
    const P: usize = PAD_TOP;
    let core = and(
        &and(
            &and_not(&w[P], &w[P + 1]),
            &and(&w[P + 2], &and(&w[P + 3], &w[P + 4])),
        ),
        &and_not(
            &and_not(&and_not(&w[P + 6], &w[P + 5]), &w[P - 1]),
            &w[P + 7],
        ),
    );
    if !any(&core) {
        return 0;
    }
    let before4 = not(&or(&or(&w[P - 4], &w[P - 3]), &or(&w[P - 2], &w[P - 1])));
    let after4 = not(&or(&or(&w[P + 7], &w[P + 8]), &or(&w[P + 9], &w[P + 10])));
    count(&and(&core, &before4)) + count(&and(&core, &after4))
}

/// Where a dark run of 6 or more starts after two light modules of the line (`light` is light
/// inside the line only, 0 past its end): the possible centres of finder-like patterns with
/// `n >= 2` (their `light n, dark 3n` lies inside the line).
#[inline(always)]
fn scaled_centre_starts<const W: usize>(d: &Row<W>, light: &Row<W>) -> Row<W> {
    let six = and(
        &and(d, &shr(d, 1, LIGHT)),
        &and(
            &and(&shr(d, 2, LIGHT), &shr(d, 3, LIGHT)),
            &and(&shr(d, 4, LIGHT), &shr(d, 5, LIGHT)),
        ),
    );
    and(&six, &and(&shl(light, 1, LIGHT), &shl(light, 2, LIGHT)))
}

/// Whether some centre in `starts` has the shape a finder-like pattern with `n >= 2` needs
/// around it: a dark run of exactly `3n` modules, with exactly `n` light modules before it
/// after a dark one, and exactly `n` light ones after it before a dark one, all inside the line
/// (a necessary condition: only lines that pass are scanned run by run).
fn may_hold_scaled_finder<const W: usize>(line: &Row<W>, starts: &Row<W>, size: usize) -> bool {
    for (i, &word) in starts.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            let start = i * 64 + rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let len = run_end(line, start, true, size) - start;
            let n = len / 3;
            if !len.is_multiple_of(3) || n >= 63 {
                continue;
            }
            let end = start + len;
            // Dark, then n light (bit 0 of the window is the dark one) ...
            let before = start
                .checked_sub(n + 1)
                .is_some_and(|from| bits_at(line, from, n + 1) == 1);
            // ... and n light, then dark (bits past the line are light).
            if before && bits_at(line, end, n + 1) == 1 << n {
                return true;
            }
        }
    }
    false
}

/// Bits `from..from + len` of the line (`len <= 63`; bits past the line 0), lowest first.
#[inline(always)]
fn bits_at<const W: usize>(line: &Row<W>, from: usize, len: usize) -> u64 {
    let (word, shift) = (from / 64, from % 64);
    let lo = line.get(word).copied().unwrap_or(0) >> shift;
    let hi = match shift {
        0 => 0,
        _ => line.get(word + 1).copied().unwrap_or(0) << (64 - shift),
    };
    (lo | hi) & ((1u64 << len) - 1)
}

/// Column `x` of the symbol in the padded `rows` as a line (bit `y` = module `(x, y)`).
fn column<const W: usize>(rows: &[Row<W>], size: usize, x: usize) -> Row<W> {
    let mut line = [0u64; W];
    let (word, shift) = (x / 64, x % 64);
    for (y, row) in rows.iter().skip(PAD_TOP).take(size).enumerate() {
        let module = row.get(word).copied().unwrap_or(0) >> shift & 1;
        if let Some(w) = line.get_mut(y / 64) {
            *w |= module << (y % 64);
        }
    }
    line
}

/// The first `x >= from` whose module is not `dark` (modules past the line are light), or
/// `size` if there is none.
#[inline(always)]
fn run_end<const W: usize>(line: &Row<W>, from: usize, dark: bool, size: usize) -> usize {
    let flip = if dark { !0 } else { 0 };
    for (i, &w) in line.iter().enumerate().skip(from / 64) {
        let mut differs = w ^ flip;
        if i == from / 64 {
            differs &= !0 << (from % 64);
        }
        if differs != 0 {
            return (i * 64 + differs.trailing_zeros() as usize).min(size);
        }
    }
    size
}

/// qrcodegen's run-history scan of one line of `size` modules (bits past it light), run by
/// run, counting only the finder-like patterns with `n >= 2` (those with `n = 1` are counted
/// bitwise). The runs alternate light, dark, ... from a light one (empty if the line starts
/// dark); a pattern can complete only after a light run.
fn scaled_finders<const W: usize>(line: &Row<W>, size: usize) -> u32 {
    let mut history = RunHistory { size, runs: [0; 7] };
    let mut found = 0;
    let (mut start, mut dark) = (0, false);
    loop {
        let end = run_end(line, start, dark, size);
        if end >= size {
            // The last run, then the light border after the line.
            if dark {
                history.push(end - start);
                history.push(size);
            } else {
                history.push(end - start + size);
            }
            return found + history.scaled_patterns();
        }
        history.push(end - start);
        if !dark {
            found += history.scaled_patterns();
        }
        (start, dark) = (end, !dark);
    }
}

/// qrcodegen's `FinderPenalty`: the last 7 run lengths, newest first; the first (light) run
/// gets the `size` light modules before the line.
struct RunHistory {
    size: usize,
    runs: [usize; 7],
}

impl RunHistory {
    #[inline(always)]
    fn push(&mut self, mut run: usize) {
        let r = self.runs;
        if r[0] == 0 {
            run += self.size;
        }
        self.runs = [run, r[0], r[1], r[2], r[3], r[4], r[5]];
    }

    /// qrcodegen's `count_patterns` restricted to `n >= 2`; called after a light run is pushed.
    #[inline(always)]
    fn scaled_patterns(&self) -> u32 {
        let r = &self.runs;
        let n = r[1];
        let core = n >= 2 && r[2] == n && r[3] == n * 3 && r[4] == n && r[5] == n;
        u32::from(core && r[0] >= n * 4 && r[6] >= n)
            + u32::from(core && r[6] >= n * 4 && r[0] >= n)
    }
}

/// N4's `k`: qrcodegen's `((dark * 20 - total * 10).abs() + total - 1) / total - 1`.
fn balance(dark: u32, size: usize) -> u32 {
    let total = (size * size) as i64;
    let k = ((i64::from(dark) * 20 - total * 10).abs() + total - 1) / total.max(1) - 1;
    k.clamp(0, 9) as u32
}
