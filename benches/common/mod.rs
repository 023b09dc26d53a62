//! Inputs and floors shared by the signing benchmarks (criterion timings, callgrind counts and
//! interleaved wall-clock ratios).

use std::hint::black_box;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use qrsign::{Param, Value};
use sha2::Sha512;

/// The demo secret the test callback was signed with.
pub const SECRET: &[u8] = b"demo-secret";
/// A 1.6 KB Click QR callback (tests/data/README.md says how it was signed).
pub const CALLBACK: &str = include_str!("../../tests/data/click-qr-callback.json");
/// Its canonical string, as PHP computes it.
pub const CALLBACK_CANONICAL: &str =
    include_str!("../../tests/data/click-qr-callback.canonical.txt");

/// A 10-parameter Click QR Payment Page request.
pub fn payment_page_params() -> [Param<'static>; 10] {
    [
        Param::new("project_id", Value::Int(1234)),
        Param::new("payment_id", Value::Str("payment_47")),
        Param::new("customer_id", Value::Str("customer_123")),
        Param::new("customer_first_name", Value::Str("John")),
        Param::new("customer_last_name", Value::Str("Doe")),
        Param::new("customer_email", Value::Str("johndoe@example.com")),
        Param::new("payment_currency", Value::Str("UZS")),
        Param::new("payment_amount", Value::Int(20_000_000)),
        Param::new("force_payment_method", Value::Str("sbp-qr")),
        Param::new("language_code", Value::Str("uz")),
    ]
}

/// The floor of signing: HMAC-SHA512 keyed from the secret, over the canonical string,
/// base64-encoded.
pub fn floor_sign(canonical: &[u8]) -> [u8; 88] {
    let mut mac = Hmac::<Sha512>::new_from_slice(black_box(SECRET)).unwrap();
    mac.update(canonical);
    let mut out = [0u8; 88];
    STANDARD
        .encode_slice(mac.finalize().into_bytes(), &mut out)
        .unwrap();
    out
}

/// The floor of verification: HMAC-SHA512 keyed from the secret, over the canonical string,
/// compared to the tag.
pub fn floor_verify(canonical: &[u8], tag: &[u8]) -> bool {
    let mut mac = Hmac::<Sha512>::new_from_slice(black_box(SECRET)).unwrap();
    mac.update(canonical);
    mac.verify_slice(tag).is_ok()
}

/// The callback's body, its canonical string and its signature decoded, for the floor.
pub fn callback_parts() -> (&'static [u8], &'static [u8], Vec<u8>) {
    let body = CALLBACK.trim_end().as_bytes();
    let canonical = CALLBACK_CANONICAL.trim_end().as_bytes();
    let sig: serde_json::Value = serde_json::from_slice(body).unwrap();
    let tag = STANDARD.decode(sig["signature"].as_str().unwrap()).unwrap();
    assert!(floor_verify(canonical, &tag));
    (body, canonical, tag)
}

/// The Payment Page request's canonical string (natural order), for the floor.
pub fn payment_page_canonical() -> Vec<u8> {
    let mut buf = [0u8; 512];
    let n = qrsign::canonical_params(&payment_page_params(), qrsign::SortOrder::Natural, &mut buf)
        .unwrap();
    buf[..n].to_vec()
}
