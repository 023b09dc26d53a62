//! Signing and verification against their floor: one-shot HMAC-SHA512 (+ base64) over the
//! already canonical string, measured in the same run. Ratios are recorded in benches/README.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
mod common;

use common::{
    SECRET, callback_parts, floor_sign, floor_verify, payment_page_canonical, payment_page_params,
};
use qrsign::Key;

fn sign_payment_page(c: &mut Criterion) {
    let params = payment_page_params();
    let canonical = payment_page_canonical();
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
    let (body, canonical, tag) = callback_parts();
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
