//! The platform's canonical string does not escape values, so a `;` inside a string can be read
//! as a line separator: two different documents, one signature. These tests show the forgery,
//! the strict check that stops it (at the signer, and for merged documents at the verifier),
//! and measure the check's false positives on every vector, callback case and seed example
//! (SECURITY.md gives the figures and the defaults chosen from them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::{Error, Key, Param, SortOrder, Value, canonical_json, find_ambiguity};
use serde_json::Value as Json;

/// The customer controls their first name; the merchant signs the Gate request with it.
const SIGNED: &str = r#"{"general":{"project_id":1234,"payment_id":"p-47"},"customer":{"first_name":"Ann;customer:id:attacker","last_name":"Lee"},"payment":{"amount":5000000,"currency":"UZS"}}"#;
/// The same bytes to sign, re-split: a `customer.id` that was never signed as a field.
const FORGED: &str = r#"{"general":{"project_id":1234,"payment_id":"p-47"},"customer":{"first_name":"Ann","id":"attacker","last_name":"Lee"},"payment":{"amount":5000000,"currency":"UZS"}}"#;

fn canonical(json: &str) -> String {
    let mut out = vec![0u8; json.len() * 2];
    let n = canonical_json(json.as_bytes(), SortOrder::Natural, &mut out).unwrap();
    String::from_utf8(out[..n].to_vec()).unwrap()
}

#[test]
fn the_forgery_and_its_rejection() {
    // The threat: one canonical string, so the signature of one is the signature of the other.
    assert_eq!(canonical(SIGNED), canonical(FORGED));
    let lax = Key::new(b"secret").unwrap();
    let signature = lax.sign_json(SIGNED.as_bytes()).unwrap();
    assert_eq!(
        lax.verify_json(FORGED.as_bytes(), signature.as_bytes()),
        Ok(())
    );

    // The defence at the source: a strict signer refuses the string that can be re-split,
    // naming where it is, so no such signature is ever made.
    let strict = Key::new(b"secret").unwrap().with_strict(true);
    let at = SIGNED.find("Ann;").unwrap();
    assert_eq!(
        strict.sign_json(SIGNED.as_bytes()),
        Err(Error::AmbiguousValue { offset: at })
    );
    let mut gate = vec![0u8; SIGNED.len() + 200];
    assert_eq!(
        strict.sign_gate_body(SIGNED.as_bytes(), &mut gate),
        Err(Error::AmbiguousValue { offset: at })
    );
    assert!(strict.sign_json(FORGED.as_bytes()).is_ok());

    // The other direction: a document made by merging signed lines into one value is refused by
    // a strict verifier (the lax one accepts it), even with a valid signature.
    let merged_signature = lax.sign_json(FORGED.as_bytes()).unwrap();
    assert_eq!(
        lax.verify_json(SIGNED.as_bytes(), merged_signature.as_bytes()),
        Ok(())
    );
    assert_eq!(
        strict.verify_json(SIGNED.as_bytes(), merged_signature.as_bytes()),
        Err(Error::AmbiguousValue { offset: at })
    );
    // What no verifier can tell: the re-split document is an ordinary document. Only the
    // signer's strict check prevents that forgery (SECURITY.md).
    assert_eq!(
        strict.verify_json(FORGED.as_bytes(), signature.as_bytes()),
        Ok(())
    );
}

#[test]
fn strict_callbacks_and_flat_parameters() {
    let strict = Key::new(b"secret").unwrap().with_strict(true);
    let lax = Key::new(b"secret").unwrap();
    // A callback whose description carries a second line; signed by the platform (lax).
    let unsigned =
        r#"{"payment":{"id":"p-1","description":"x;payment:status:success"},"project_id":1}"#;
    let mut body = vec![0u8; unsigned.len() + 200];
    let n = lax.sign_gate_body(unsigned.as_bytes(), &mut body).unwrap();
    let body = &body[..n];
    assert!(lax.verify_callback(body).is_ok());
    let at = std::str::from_utf8(body)
        .unwrap()
        .find("x;payment")
        .unwrap();
    assert_eq!(
        strict.verify_callback(body),
        Err(Error::AmbiguousValue { offset: at })
    );
    assert_eq!(find_ambiguity(body, true), Ok(Some(at)));

    // Flat parameters: the offset is the parameter's index; the URL is refused too.
    let params = [
        Param::new("payment_id", Value::Str("p-1")),
        Param::new("customer_first_name", Value::Str("Ann;customer_id:7")),
    ];
    assert_eq!(
        strict.sign_params(&params),
        Err(Error::AmbiguousValue { offset: 1 })
    );
    let sig = lax.sign_params(&params).unwrap();
    assert_eq!(
        strict.verify_params(&params, sig.as_bytes()),
        Err(Error::AmbiguousValue { offset: 1 })
    );
    let mut url = [0u8; 512];
    assert_eq!(
        strict.payment_page_url(qrsign::ECOMMPAY_PAYMENT_PAGE, &params, &mut url),
        Err(Error::AmbiguousValue { offset: 1 })
    );
    // A `;` with no `:` after it cannot start a line: accepted.
    let fine = [Param::new(
        "payment_description",
        Value::Str("2 items; gift wrap"),
    )];
    assert!(strict.sign_params(&fine).is_ok());
}

/// Every JSON text the project has from the platform and its SDKs, with where it came from.
fn corpus() -> Vec<(String, String, bool)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| -> Json {
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/{p}")).unwrap()).unwrap()
    };
    let mut all = Vec::new();
    for v in read("tests/vectors/signing-vectors.json")
        .as_array()
        .unwrap()
    {
        all.push((
            format!("vector {}", v["id"]),
            v["params_json"].as_str().unwrap().to_string(),
            false,
        ));
    }
    for c in read("tests/vectors/callback-cases.json")
        .as_array()
        .unwrap()
    {
        all.push((
            format!("callback {}", c["id"]),
            c["body_json"].as_str().unwrap().to_string(),
            true,
        ));
    }
    for s in read("tests/data/seed-examples.json").as_array().unwrap() {
        all.push((
            s["source"].to_string(),
            s["json"].as_str().unwrap().to_string(),
            true,
        ));
    }
    let demo =
        std::fs::read_to_string(format!("{root}/tests/data/click-qr-callback.json")).unwrap();
    all.push(("tests/data/click-qr-callback.json".into(), demo, true));
    all
}

/// The measurement behind the defaults (SECURITY.md): how many real documents the strict check
/// refuses. Every document that parses is checked; the figure is asserted, so a new vector
/// that trips the check shows up here and the defaults get looked at again.
#[test]
fn false_positives_on_every_known_document() {
    let mut checked = 0;
    let mut flagged = Vec::new();
    for (name, json, callback) in corpus() {
        match find_ambiguity(json.as_bytes(), callback) {
            Ok(Some(offset)) => flagged.push(format!("{name} at {offset}")),
            Ok(None) => {}
            // Documents that do not parse (the vectors of bad input) are not signed at all.
            Err(_) => continue,
        }
        checked += 1;
    }
    println!(
        "strict check: {} of {checked} documents flagged: {flagged:?}",
        flagged.len()
    );
    assert_eq!(checked, 69, "documents checked");
    // Both are SDK vectors made to exercise special characters in free text (a payment
    // description "Tea & coffee = 2+2; 100% \"ok\"? key:value", a description "a;b:c"): text a
    // real customer or merchant could write. No callback case and no seed example is flagged.
    assert_eq!(
        flagged,
        [
            "vector \"new-pp-url-special-chars\" at 195",
            "vector \"new-cb-semicolon-colon-values\" at 69"
        ]
    );
}
