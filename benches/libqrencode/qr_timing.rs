//! qrsign's QR encoder timed like the C benchmark next to it (best of 7 rounds of `ITERATIONS`
//! encodes, µs per encode), with qrcodegen-no-heap and fast_qr for reference. Run by
//! `benches/qr_c_bench.sh`: `cargo run --release --example qr_timing -- TEXT ITERATIONS`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Instant;

use qrcodegen_no_heap::{Mask, QrCode as Qrcodegen, QrCodeEcc, Version};
use qrsign::qr::{BUFFER_LEN_MAX, QrOptions, encode_text};

/// Best µs per call of `f` over 7 rounds of `iterations` calls.
fn best_us(iterations: u32, mut f: impl FnMut() -> usize) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..7 {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(f());
        }
        best = best.min(start.elapsed().as_secs_f64() * 1e6 / f64::from(iterations));
    }
    best
}

/// qrcodegen-no-heap's encode at ECC M (automatic mask for `None`); returns the mask used.
fn qrcodegen_mask(text: &str, mask: Option<Mask>) -> usize {
    let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
    let qr = Qrcodegen::encode_text(
        black_box(text),
        &mut temp,
        &mut out,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        mask,
        true,
    )
    .unwrap();
    usize::from(qr.mask().value())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let text = args.next().expect("usage: qr_timing TEXT ITERATIONS");
    let iterations: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let opts = QrOptions::default();
    let mut size = 0;
    let ours = best_us(iterations, || {
        let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
        let qr = encode_text(black_box(&text), &mut temp, &mut out, &opts).unwrap();
        size = qr.size();
        usize::from(qr.mask())
    });
    println!(
        "qrsign ({} chars, {size}x{size}): {ours:.2} us per encode",
        text.len()
    );
    let qrcodegen = best_us(iterations / 10, || qrcodegen_mask(&text, None));
    println!("qrcodegen-no-heap (automatic mask): {qrcodegen:.2} us per encode");
    let fixed = best_us(iterations, || qrcodegen_mask(&text, Some(Mask::new(0))));
    println!("qrcodegen-no-heap (fixed mask 0): {fixed:.2} us per encode");
    let fast = best_us(iterations, || {
        fast_qr::qr::QRBuilder::new(black_box(text.as_bytes()))
            .ecl(fast_qr::ECL::M)
            .build()
            .unwrap()
            .size
    });
    println!("fast_qr: {fast:.2} us per encode");
}
