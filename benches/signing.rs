//! Signing and verification against their floor: one-shot HMAC-SHA512 (+ base64) over the
//! already canonical string, measured in the same run. Ratios are recorded in benches/README.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
mod common;

use common::{CALLBACK, CALLBACK_CANONICAL, SECRET, payment_page_params};
use qrsign::Key;
use sha2::Sha512;

/// The floor: HMAC-SHA512 keyed from the secret, over the canonical string, base64-encoded.
fn floor_sign(canonical: &[u8]) -> [u8; 88] {
    let mut mac = Hmac::<Sha512>::new_from_slice(SECRET).unwrap();
    mac.update(canonical);
    let mut out = [0u8; 88];
    STANDARD
        .encode_slice(mac.finalize().into_bytes(), &mut out)
        .unwrap();
    out
}

/// The floor of verification: HMAC-SHA512 over the canonical string, compared to the tag.
fn floor_verify(canonical: &[u8], tag: &[u8]) -> bool {
    let mut mac = Hmac::<Sha512>::new_from_slice(SECRET).unwrap();
    mac.update(canonical);
    mac.verify_slice(tag).is_ok()
}

fn sign_payment_page(c: &mut Criterion) {
    let params = payment_page_params();
    let mut buf = [0u8; 512];
    let n = qrsign::canonical_params(&params, qrsign::SortOrder::Natural, &mut buf).unwrap();
    let canonical = buf[..n].to_vec();
    let mut g = c.benchmark_group("a_sign_payment_page_10_params");
    g.bench_function("qrsign_new_key_each_time", |b| {
        b.iter(|| {
            Key::new(black_box(SECRET))
                .unwrap()
                .sign_params(black_box(&params))
                .unwrap()
        })
    });
    g.bench_function("floor_hmac_base64_over_canonical", |b| {
        b.iter(|| floor_sign(black_box(&canonical)))
    });
    let key = Key::new(SECRET).unwrap();
    g.bench_function("qrsign_reused_key", |b| {
        b.iter(|| key.sign_params(black_box(&params)).unwrap())
    });
    g.finish();
}

fn verify_callback(c: &mut Criterion) {
    let body = CALLBACK.trim_end().as_bytes();
    let canonical = CALLBACK_CANONICAL.trim_end().as_bytes();
    let sig: serde_json::Value = serde_json::from_slice(body).unwrap();
    let tag = STANDARD.decode(sig["signature"].as_str().unwrap()).unwrap();
    assert!(floor_verify(canonical, &tag));
    let mut g = c.benchmark_group("b_verify_click_qr_callback_1_6kb");
    g.bench_function("qrsign_new_key_each_time", |b| {
        b.iter(|| {
            Key::new(black_box(SECRET))
                .unwrap()
                .verify_callback(black_box(body))
                .unwrap()
        })
    });
    g.bench_function("floor_hmac_over_canonical", |b| {
        b.iter(|| floor_verify(black_box(canonical), &tag))
    });
    g.finish();
    let mut g = c.benchmark_group("c_verify_click_qr_callback_reused_key");
    let key = Key::new(SECRET).unwrap();
    g.bench_function("qrsign_reused_key", |b| {
        b.iter(|| key.verify_callback(black_box(body)).unwrap())
    });
    g.bench_function("floor_hmac_over_canonical", |b| {
        b.iter(|| floor_verify(black_box(canonical), &tag))
    });
    g.finish();
}

criterion_group!(benches, sign_payment_page, verify_callback);
criterion_main!(benches);
