//! The secret never shows: not in `Debug` of the key, not in any error message, whatever fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::{Key, Param, Value};

const SECRET: &str = "s3cr3t-Merchant-Key-0042";

/// Every way the secret could be spelled in output: as text, hex, or base64.
fn spellings() -> Vec<String> {
    use base64::Engine;
    let hex: String = SECRET.bytes().map(|b| format!("{b:02x}")).collect();
    vec![
        SECRET.to_string(),
        hex,
        base64::engine::general_purpose::STANDARD.encode(SECRET),
    ]
}

fn assert_clean(what: &str, text: &str) {
    for s in spellings() {
        assert!(!text.contains(&s), "{what} shows the secret: {text}");
    }
}

#[test]
fn debug_of_a_key_shows_its_order_only() {
    let key = Key::new(SECRET.as_bytes()).unwrap();
    let shown = format!("{key:?} {key:#?}");
    assert_clean("Debug", &shown);
    assert_eq!(
        format!("{key:?}"),
        "Key { order: Natural, strict: false, .. }"
    );
}

#[test]
fn no_error_message_shows_the_secret() {
    let key = Key::new(SECRET.as_bytes()).unwrap().with_strict(true);
    let mut out = [0u8; 64];
    let inputs: [&[u8]; 8] = [
        b"{",
        br#"{"a":1,"a":2}"#,
        br#"{"a":"x;b:1"}"#,
        br#"{"signature":"short"}"#,
        br#"{"a":1}"#,
        b"\xff",
        br#"[1]"#,
        &[b'['; 100],
    ];
    let mut messages = Vec::new();
    for input in inputs {
        for e in [
            key.verify_callback(input).err(),
            key.sign_json(input).err(),
            key.sign_gate_body(input, &mut out).err(),
            key.verify_json(input, &[b'A'; 88]).err(),
        ]
        .into_iter()
        .flatten()
        {
            messages.push(format!("{e} {e:?}"));
        }
    }
    let params = [Param::new("signature", Value::Str(SECRET))];
    messages.push(key.sign_params(&params).unwrap_err().to_string());
    assert!(messages.len() > 20);
    for m in &messages {
        assert_clean("an error", m);
    }
}
