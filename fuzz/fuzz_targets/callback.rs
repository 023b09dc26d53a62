//! Callback verification on hostile bytes: never a panic; a body that verifies is diagnosed
//! as matching the key's order at the same location; strict mode refuses exactly what
//! `find_ambiguity` flags; the canonical string the diagnosis shows is the callback's.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qrsign_core::{Error, Key, SortOrder, canonical_callback, find_ambiguity};

fuzz_target!(|data: &[u8]| {
    let key = Key::new(b"fuzz").unwrap();
    let verified = key.verify_callback(data);
    let strict = key.clone().with_strict(true).verify_callback(data);
    match find_ambiguity(data, true) {
        Ok(Some(offset)) if verified.is_ok() => {
            assert_eq!(strict, Err(Error::AmbiguousValue { offset }))
        }
        Ok(None) => assert_eq!(strict, verified),
        _ => {}
    }
    let mut shown = vec![0u8; data.len() * 4 + 64];
    match key.diagnose_json(data, None, &mut shown) {
        Ok(d) => {
            if let Ok(location) = verified {
                assert!(d.matching.contains(SortOrder::Natural));
                assert_eq!(d.location, Some(location));
            }
            assert_eq!(d.order, d.matching.iter().next());
            let order = d.order.unwrap_or(SortOrder::Natural);
            let mut canonical = vec![0u8; shown.len()];
            if let Ok(n) = canonical_callback(data, order, &mut canonical) {
                assert_eq!(&canonical[..n], &shown[..d.canonical_len]);
            }
        }
        Err(_) => assert!(verified.is_err()),
    }
});
