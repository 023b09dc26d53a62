//! Wall-clock ratios of the signing cases to their floor, the two timed in alternation.
//!
//! Criterion times one function for seconds, then the next: on a shared machine the floor
//! itself moved by 40% between two groups of one run (benches/README.md), so its ratios swing.
//! Here each round times a batch of the floor and a batch of qrsign back to back (which goes
//! first alternates) and keeps their ratio; the median of many rounds is what drift and
//! interruptions move least. Run with `cargo bench --bench ratio` (about half a minute).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Instant;

mod common;

use common::{
    SECRET, callback_parts, floor_sign, floor_verify, payment_page_canonical, payment_page_params,
};
use qrsign::Key;

/// Rounds per case (odd: the median is one of them).
const ROUNDS: usize = 301;

/// Seconds taken by `batch` calls of `f`.
fn time(batch: usize, f: &mut dyn FnMut() -> u32) -> f64 {
    let start = Instant::now();
    let mut acc = 0u32;
    for _ in 0..batch {
        acc = acc.wrapping_add(f());
    }
    black_box(acc);
    start.elapsed().as_secs_f64()
}

/// The median, lower and upper quartiles of qrsign's time over the floor's, per round.
fn ratios(batch: usize, floor: &mut dyn FnMut() -> u32, ours: &mut dyn FnMut() -> u32) -> [f64; 3] {
    time(batch * 20, floor);
    time(batch * 20, ours);
    let mut r: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            let (f, o) = if round % 2 == 0 {
                (time(batch, floor), time(batch, ours))
            } else {
                let o = time(batch, ours);
                (time(batch, floor), o)
            };
            o / f
        })
        .collect();
    r.sort_by(f64::total_cmp);
    [r[ROUNDS / 2], r[ROUNDS / 4], r[3 * ROUNDS / 4]]
}

fn report(name: &str, target: &str, [median, low, high]: [f64; 3]) {
    println!("{name}: {median:.2}x the floor (quartiles {low:.2}x-{high:.2}x; target {target})");
}

fn main() {
    let params = payment_page_params();
    let pp_canonical = payment_page_canonical();
    let (body, canonical, tag) = callback_parts();
    let key = Key::new(SECRET).unwrap();
    report(
        "(a) sign 10 params, key from the secret",
        "<= 1.10x",
        ratios(
            400,
            &mut || u32::from(floor_sign(black_box(&pp_canonical))[0]),
            &mut || {
                let sig = Key::new(black_box(SECRET))
                    .unwrap()
                    .sign_params(black_box(&params));
                u32::from(sig.unwrap().as_bytes()[0])
            },
        ),
    );
    report(
        "(b) verify the 1.6 KB callback, key from the secret",
        "<= 1.5x",
        ratios(
            100,
            &mut || u32::from(floor_verify(black_box(canonical), &tag)),
            &mut || {
                let key = Key::new(black_box(SECRET)).unwrap();
                u32::from(key.verify_callback(black_box(body)).is_ok())
            },
        ),
    );
    report(
        "(c) the same with a reused key",
        "< 1.0x",
        ratios(
            100,
            &mut || u32::from(floor_verify(black_box(canonical), &tag)),
            &mut || u32::from(key.verify_callback(black_box(body)).is_ok()),
        ),
    );
}
