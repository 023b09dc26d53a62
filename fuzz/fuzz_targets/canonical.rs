//! The JSON tokenizer and canonicaliser under all three sort orders: the size query is exact,
//! signing equals signing the canonical string, and (differential) the canonical string equals
//! the reference model's (tests/common/model.rs) for every document serde_json also reads whose
//! numbers are all plain integers (floats follow PHP's formatting: tests/php_oracle.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use qrsign_core::{Error, Key, SortOrder, canonical_json};
use serde_json::Value as Json;

#[path = "../../tests/common/model.rs"]
mod model;

/// True if every number in `v` is an integer literal written as Rust prints that i64.
fn integers_only(v: &Json) -> bool {
    match v {
        Json::Number(n) => n.as_i64().is_some_and(|i| i.to_string() == n.to_string()),
        Json::Array(a) => a.iter().all(integers_only),
        Json::Object(m) => m.values().all(integers_only),
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let key = Key::new(b"fuzz").unwrap();
    let reference: Option<Json> = serde_json::from_slice(data)
        .ok()
        .filter(|v: &Json| (v.is_object() || v.is_array()) && integers_only(v));
    for order in SortOrder::ALL {
        let needed = match canonical_json(data, order, &mut []) {
            Ok(n) => n,
            Err(Error::BufferTooSmall { needed }) => needed,
            Err(_) => {
                // Refused input is refused by signing too, with the same error.
                assert!(key.clone().with_order(order).sign_json(data).is_err());
                continue;
            }
        };
        let mut out = vec![0u8; needed];
        assert_eq!(canonical_json(data, order, &mut out), Ok(needed));
        if needed > 0 {
            assert_eq!(
                canonical_json(data, order, &mut out[..needed - 1]),
                Err(Error::BufferTooSmall { needed })
            );
        }
        let signed = key.clone().with_order(order).sign_json(data).unwrap();
        assert_eq!(signed, key.sign_canonical(&out));
        if let Some(doc) = &reference {
            let mut lines = Vec::new();
            model::flatten(doc, None, &mut lines);
            let want = model::model(lines, order);
            assert_eq!(
                String::from_utf8_lossy(&out),
                want,
                "{order:?} {}",
                String::from_utf8_lossy(data)
            );
        }
    }
});
