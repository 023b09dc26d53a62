//! Gate body signing: the size query is exact, the output is JSON (serde_json reads it when it
//! read the input) and verifies as a callback with its signature at `general.signature`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qrsign_core::{Error, Key, SignatureLocation};

fuzz_target!(|data: &[u8]| {
    let key = Key::new(b"fuzz").unwrap();
    let needed = match key.sign_gate_body(data, &mut []) {
        Err(Error::BufferTooSmall { needed }) => needed,
        Ok(_) => unreachable!("a signed body is never empty"),
        Err(_) => return,
    };
    let mut out = vec![0u8; needed];
    assert_eq!(key.sign_gate_body(data, &mut out), Ok(needed));
    assert_eq!(
        key.sign_gate_body(data, &mut out[..needed - 1]),
        Err(Error::BufferTooSmall { needed })
    );
    let input: Option<serde_json::Value> = serde_json::from_slice(data).ok();
    if let Some(input) = input {
        let output: serde_json::Value =
            serde_json::from_slice(&out).expect("the signed body is JSON");
        assert!(output["general"]["signature"].is_string());
        // A top-level `signature` in the input is data (signed as such); a callback check
        // would take it for the signature, so only bodies without one verify as callbacks.
        if input.get("signature").is_none() {
            assert_eq!(key.verify_callback(&out), Ok(SignatureLocation::General));
        }
    }
});
