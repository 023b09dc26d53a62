//! Verifying a realistic Click QR callback inside a thread with a 32 KiB stack (run in release
//! by `make test-stack`; the measured figure and the target are in the crate docs).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

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
