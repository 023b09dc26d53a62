//! Verifying a realistic Click QR callback inside a thread with a 32 KiB stack, the QR
//! encoder at versions 4 and 40 and `find_field` on a large, deep document inside a 16 KiB one (run in release by `make test-stack`; the
//! measured figures are in the crate docs, the `qr` module docs and benches/README.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::limits::MAX_DEPTH;
use qrsign::qr::{BUFFER_LEN_MAX, QrOptions, encode_text};
use qrsign::{Key, SignatureLocation, find_field};

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

/// Encodes `text` (automatic mask, ECC M) with the buffers on the heap, so that only the
/// encoder's own frames are on the stack, in a thread with a `kib` KiB stack; checks the version
/// it landed in. A stack overflow aborts the test binary: the test fails.
fn encode_in_stack(text: String, version: u8, kib: usize) {
    let handle = std::thread::Builder::new()
        .stack_size(kib * 1024)
        .spawn(move || {
            let (mut temp, mut out) = (vec![0u8; BUFFER_LEN_MAX], vec![0u8; BUFFER_LEN_MAX]);
            encode_text(&text, &mut temp, &mut out, &QrOptions::default()).map(|qr| qr.version())
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), Ok(version));
}

/// The QR encoder fits a 16 KiB thread (the smallest a Linux thread gets) even at version 40
/// (measured high-water marks, about 2 KB at version 4 and 12 KB at version 40, come from the
/// painted-stack probe of `make bench-c`: `tests/c/stack_probe.c`).
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack use is a release-build property: make test-stack"
)]
fn qr_encode_in_16k_stack() {
    let url = "https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b-2e5d7c1a0".to_string();
    encode_in_stack(url, 4, 16);
    let long: String = (0..2300)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    encode_in_stack(long, 40, 16);
}

/// `find_field` reads in constant stack: a document of 90,000 values with the deepest nesting
/// accepted, the field after all of them, inside a 16 KiB thread.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack use is a release-build property: make test-stack"
)]
fn find_field_in_16k_stack() {
    let deep = "[".repeat(MAX_DEPTH - 1) + &"]".repeat(MAX_DEPTH - 1);
    let many = vec![r#"{"a":[1,"x\/"]}"#; 30_000].join(",");
    let doc = format!(r#"{{"skip":[{many}],"deep":{deep},"payment":{{"status":"success"}}}}"#);
    let handle = std::thread::Builder::new()
        .stack_size(16 * 1024)
        .spawn(move || {
            let innermost = format!("deep{}", ".0".repeat(MAX_DEPTH - 2));
            let deepest = find_field(doc.as_bytes(), &innermost).map(|f| f.raw().to_owned());
            let status = find_field(doc.as_bytes(), "payment.status").map(|f| f.raw().to_owned());
            let inner = find_field(doc.as_bytes(), "skip.29999.a.1").map(|f| f.raw().to_owned());
            (deepest, status, inner)
        })
        .unwrap();
    let (deepest, status, inner) = handle.join().unwrap();
    assert_eq!(deepest.as_deref(), Ok("[]"));
    assert_eq!(status.as_deref(), Ok(r#""success""#));
    assert_eq!(inner.as_deref(), Ok(r#""x\/""#));
}
