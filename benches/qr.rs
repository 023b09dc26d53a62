//! QR encoding side by side: qrsign (automatic mask), qrcodegen-no-heap (automatic and fixed
//! mask) and fast_qr (automatic mask), ECC M, for a 60-character payment URL and a 300-byte
//! payload. Ratios are recorded in benches/README.md ("QR encoding").
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use qrcodegen_no_heap::{Mask, QrCode as Qrcodegen, QrCodeEcc, Version};
use qrsign::qr::{BUFFER_LEN_MAX, QrOptions, encode_binary, encode_text};

/// The 60-character payment URL (the same one `benches/qr_c_bench.sh` gives libqrencode).
const URL: &str = "https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b-2e5d7c1a0";

/// 300 bytes of mixed binary data.
fn payload_300() -> Vec<u8> {
    (0..300u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

fn qrcodegen(data: &[u8], text: Option<&str>, mask: Option<Mask>) -> u8 {
    let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
    let (min, max, ecc) = (Version::MIN, Version::MAX, QrCodeEcc::Medium);
    let qr = match text {
        Some(t) => Qrcodegen::encode_text(t, &mut temp, &mut out, ecc, min, max, mask, true),
        None => {
            temp[..data.len()].copy_from_slice(data);
            Qrcodegen::encode_binary(&mut temp, data.len(), &mut out, ecc, min, max, mask, true)
        }
    };
    qr.unwrap().mask().value()
}

fn qrsign(data: &[u8], text: Option<&str>) -> u8 {
    let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
    let opts = QrOptions::default();
    let qr = match text {
        Some(t) => encode_text(t, &mut temp, &mut out, &opts),
        None => encode_binary(data, &mut temp, &mut out, &opts),
    };
    qr.unwrap().mask()
}

fn fast_qr(data: &[u8]) -> usize {
    fast_qr::qr::QRBuilder::new(data)
        .ecl(fast_qr::ECL::M)
        .build()
        .unwrap()
        .size
}

fn encode(c: &mut Criterion) {
    assert_eq!(URL.len(), 60);
    let bytes = payload_300();
    let cases: [(&str, &[u8], Option<&str>); 2] = [
        ("url60", URL.as_bytes(), Some(URL)),
        ("bytes300", &bytes, None),
    ];
    for (name, data, text) in cases {
        let mut group = c.benchmark_group(format!("qr_encode_{name}"));
        group.bench_function("qrsign_auto_mask", |b| {
            b.iter(|| qrsign(black_box(data), black_box(text)))
        });
        group.bench_function("qrcodegen_auto_mask", |b| {
            b.iter(|| qrcodegen(black_box(data), black_box(text), None))
        });
        group.bench_function("qrcodegen_mask0", |b| {
            b.iter(|| qrcodegen(black_box(data), black_box(text), Some(Mask::new(0))))
        });
        group.bench_function("fast_qr_auto_mask", |b| b.iter(|| fast_qr(black_box(data))));
        group.finish();
    }
}

criterion_group!(benches, encode);
criterion_main!(benches);
