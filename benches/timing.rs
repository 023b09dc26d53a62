//! A dudect-style timing check of signature verification (a benchmark: `make bench-timing`,
//! never a test). Two classes of wrong signatures, differing from the right one in their first
//! character or in their last significant one, measured in random interleaved order; Welch's
//! t-statistic between the classes (|t| < 4.5: no leak detected). Beside it the same for the
//! comparison primitive alone (`constant_time_eq`, as the core uses it) and, as the control that
//! must show a leak, a naive `==` of the same texts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Instant;

use qrsign::{Key, SIGNATURE_LEN};

/// Samples per measurement (half per class).
const SAMPLES: usize = 400_000;

/// A small deterministic generator for the class order.
struct Lcg(u64);
impl Lcg {
    fn bit(&mut self) -> bool {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 63 == 1
    }
}

/// Welch's t between two classes of timings, after dropping the slowest 5% of all samples
/// (interrupts, page faults: dudect crops at a percentile too).
fn welch_t(samples: &[(bool, u64)]) -> f64 {
    let mut sorted: Vec<u64> = samples.iter().map(|s| s.1).collect();
    sorted.sort_unstable();
    let cut = sorted[sorted.len() * 95 / 100];
    let stats = |class: bool| {
        let v: Vec<f64> = samples
            .iter()
            .filter(|s| s.0 == class && s.1 <= cut)
            .map(|s| s.1 as f64)
            .collect();
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (n, mean, var)
    };
    let (na, ma, va) = stats(false);
    let (nb, mb, vb) = stats(true);
    (ma - mb) / (va / na + vb / nb).sqrt()
}

/// Times `f(class)` `SAMPLES` times with the classes in random order, `batch` calls a sample.
fn measure(batch: usize, mut f: impl FnMut(bool)) -> f64 {
    let mut rng = Lcg(0x7157);
    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let class = rng.bit();
        let start = Instant::now();
        for _ in 0..batch {
            f(class);
        }
        samples.push((class, start.elapsed().as_nanos() as u64));
    }
    welch_t(&samples)
}

fn main() {
    let key = Key::new(b"secret").unwrap();
    let json = br#"{"payment":{"id":"p-47","status":"success"},"project_id":1234}"#;
    let right = *key.sign_json(json).unwrap().as_bytes();
    // Two wrong signatures of the same shape: valid base64, one character changed.
    let flip = |i: usize| {
        let mut s = right;
        s[i] = if s[i] == b'A' { b'B' } else { b'A' };
        s
    };
    let first = flip(0);
    let last = flip(SIGNATURE_LEN - 4); // the last character before the padding that is all data
    let pick = |class: bool| if class { &last } else { &first };
    let verify = measure(1, |c| {
        black_box(
            key.verify_json(black_box(json), black_box(pick(c)))
                .is_err(),
        );
    });
    let primitive = measure(64, |c| {
        black_box(constant_time_eq::constant_time_eq_n(
            black_box(&right),
            black_box(pick(c)),
        ));
    });
    let naive = measure(64, |c| {
        black_box(black_box(&right) == black_box(pick(c)));
    });
    println!("timing (dudect-style Welch t, {SAMPLES} samples each; |t| < 4.5: no leak detected)");
    println!("  qrsign verify_json, first vs last character wrong: t = {verify:.2}");
    println!("  constant_time_eq_n on the 88-byte texts (64 per sample): t = {primitive:.2}");
    println!("  control, naive == on the same texts (64 per sample): t = {naive:.2}");
}
