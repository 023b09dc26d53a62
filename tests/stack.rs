//! Verifying a realistic Click QR callback inside a thread with a 32 KiB stack, and the QR
//! encoder's stack high-water mark on a painted stack (run in release by `make test-stack`; the
//! measured figures are in the crate docs, the `qr` module docs and benches/README.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::qr::{BUFFER_LEN_MAX, QrOptions, encode_text};
use qrsign::{Key, SignatureLocation};

/// A Click QR callback (payment, customer, operation, provider, 7-entry display_data), ~1.6 KB.
pub const CALLBACK: &str = include_str!("data/click-qr-callback.json");

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack use is a release-build property: make test-stack"
)]
fn verify_callback_in_32k_stack() {
    let body = CALLBACK.trim_end().to_string();
    let handle = std::thread::Builder::new()
        .stack_size(stack_kib() * 1024)
        .spawn(move || {
            let key = Key::new(b"demo-secret").unwrap();
            key.verify_callback(body.as_bytes())
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), Ok(SignatureLocation::TopLevel));
}

/// 32 KiB, or `QRSIGN_STACK_KIB` (used to measure the smallest stack that works).
fn stack_kib() -> usize {
    std::env::var("QRSIGN_STACK_KIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32)
}

/// A byte the painted stack region is filled with before the QR encoder runs.
const PAINT: u8 = 0xCD;
/// How far below the caller the region is painted (well past the encoder's needs).
const SPAN: usize = 96 * 1024;

/// Paints `SPAN` bytes just below the caller's frame; returns the lowest painted address.
#[inline(never)]
fn paint_below() -> usize {
    let mut region = [PAINT; SPAN];
    std::hint::black_box(&mut region);
    region.as_ptr() as usize
}

/// The lowest address in `low..high` whose byte is no longer the paint (`high` if none).
#[inline(never)]
fn lowest_written(low: usize, high: usize) -> usize {
    (low..high)
        // SAFETY: the addresses lie in this thread's stack, below the live frames: mapped
        // (just painted), and nothing else refers to them. Volatile, so the reads happen.
        .find(|&a| unsafe { std::ptr::read_volatile(a as *const u8) } != PAINT)
        .unwrap_or(high)
}

/// Bytes of stack `f` uses below its caller: paint, run, find the deepest written byte.
fn stack_use(f: fn()) -> usize {
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            let marker = 0u8;
            let top = std::hint::black_box(&marker) as *const u8 as usize;
            let low = paint_below();
            f();
            top - lowest_written(low, top)
        })
        .unwrap();
    handle.join().unwrap()
}

#[inline(never)]
fn nothing() {
    std::hint::black_box(());
}

/// Encodes `text` (automatic mask, ECC M) with the buffers on the heap, so that only the
/// encoder's own frames are on the stack; checks the version it landed in.
fn encode_at(text: &str, version: u8) {
    let (mut temp, mut out) = (vec![0u8; BUFFER_LEN_MAX], vec![0u8; BUFFER_LEN_MAX]);
    let qr = encode_text(
        std::hint::black_box(text),
        &mut temp,
        &mut out,
        &QrOptions::default(),
    )
    .unwrap();
    assert_eq!(qr.version(), version);
}

#[inline(never)]
fn encode_version_4() {
    encode_at(
        "https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b-2e5d7c1a0",
        4,
    );
}

#[inline(never)]
fn encode_version_40() {
    let text: String = (0..2300)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    encode_at(&text, 40);
}

/// The QR encoder's stack high-water mark (painted stack, minus an empty call's), at versions
/// 4 and 40: printed (`--nocapture`) for the figures in the `qr` module docs and
/// benches/README.md, and kept under a budget.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack use is a release-build property: make test-stack"
)]
fn qr_encode_stack_high_water_mark() {
    let base = stack_use(nothing);
    let v4 = stack_use(encode_version_4) - base;
    let v40 = stack_use(encode_version_40) - base;
    println!("QR encode stack: version 4: {v4} bytes, version 40: {v40} bytes");
    assert!(v4 <= 4 * 1024, "version 4: {v4} bytes");
    assert!(v40 <= 16 * 1024, "version 40: {v40} bytes");
}
