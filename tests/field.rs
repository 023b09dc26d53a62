//! `find_field`: every value of the project's callbacks, responses and signing vectors (and of
//! generated documents) read by path and compared with serde_json's reading of the same text;
//! then each kind of bad path or bad input gets its own error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use qrsign::limits::{MAX_DEPTH, MAX_DOCUMENT_LEN};
use qrsign::{Error, Field, FieldKind, find_field};
use serde_json::Value;

/// Every path of `value` (`prefix` is its own), its segments joined by `.`, with the value.
/// Paths through a key holding `.`, and through a top-level key `""` (the empty path is the
/// document), cannot be written and are left out.
fn paths<'v>(value: &'v Value, prefix: &str, out: &mut Vec<(String, &'v Value)>) {
    out.push((prefix.to_owned(), value));
    let join = |segment: &str| {
        if prefix.is_empty() {
            segment.to_owned()
        } else {
            format!("{prefix}.{segment}")
        }
    };
    match value {
        Value::Object(members) => {
            let addressable = |k: &&String| !(k.contains('.') || k.is_empty() && prefix.is_empty());
            for (key, member) in members.iter().filter(|(k, _)| addressable(k)) {
                paths(member, &join(key), out);
            }
        }
        Value::Array(elements) => {
            for (i, element) in elements.iter().enumerate() {
                paths(element, &join(&i.to_string()), out);
            }
        }
        _ => {}
    }
}

/// The kind serde_json sees.
fn kind_of(value: &Value) -> FieldKind {
    match value {
        Value::String(_) => FieldKind::String,
        Value::Number(_) => FieldKind::Number,
        Value::Bool(true) => FieldKind::True,
        Value::Bool(false) => FieldKind::False,
        Value::Null => FieldKind::Null,
        Value::Object(_) => FieldKind::Object,
        Value::Array(_) => FieldKind::Array,
    }
}

/// What `value_into` writes, through an exact size query: the size it reports fits, one byte
/// less does not (and is left untouched).
fn written(field: &Field<'_>) -> Vec<u8> {
    let len = field.value_len();
    let mut out = vec![0u8; len];
    assert_eq!(field.value_into(&mut out), Ok(len));
    if len > 0 {
        let mut short = vec![0xAAu8; len - 1];
        assert_eq!(
            field.value_into(&mut short),
            Err(Error::BufferTooSmall { needed: len })
        );
        assert!(short.iter().all(|&b| b == 0xAA), "written on failure");
    }
    out
}

/// Every path of `json` gives the value serde_json reads there: same kind, its raw text parses
/// to the same value and sits at its offset, strings decoded exactly; and one step past every
/// value fails as documented.
fn check_document(json: &str) {
    let oracle: Value = serde_json::from_str(json).unwrap();
    let mut all = Vec::new();
    paths(&oracle, "", &mut all);
    for (path, want) in all {
        let field = find_field(json.as_bytes(), &path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(field.kind(), kind_of(want), "{path}");
        assert_eq!(&json[field.offset()..][..field.raw().len()], field.raw());
        let reparsed: Value = serde_json::from_str(field.raw()).unwrap();
        assert_eq!(&reparsed, want, "{path}");
        let value = written(&field);
        match want {
            Value::String(s) => {
                assert_eq!(value, s.as_bytes(), "{path}");
                assert!(field == s.as_str());
                assert_eq!(field.text().unwrap().decoded_len(), s.len());
            }
            _ => {
                assert_eq!(value, field.raw().as_bytes(), "{path}");
                assert!(field.text().is_none());
            }
        }
        let deeper = if path.is_empty() {
            "no-such-member".to_owned()
        } else {
            format!("{path}.no-such-member")
        };
        let past = find_field(json.as_bytes(), &deeper).unwrap_err();
        match want {
            Value::Object(_) | Value::Array(_) => assert_eq!(
                past,
                Error::FieldNotFound {
                    offset: field.offset()
                },
                "{deeper}"
            ),
            _ => assert_eq!(
                past,
                Error::UnexpectedType {
                    offset: field.offset()
                },
                "{deeper}"
            ),
        }
        if let Value::Array(elements) = want {
            let past_end = format!("{path}.{}", elements.len());
            let past_end = past_end.trim_start_matches('.');
            assert_eq!(
                find_field(json.as_bytes(), past_end).unwrap_err(),
                Error::FieldNotFound {
                    offset: field.offset()
                }
            );
        }
    }
}

/// The JSON texts of a file of cases: the `key` member of each entry.
fn texts_of(file: &str, key: &str) -> Vec<String> {
    let cases: Value = serde_json::from_str(file).unwrap();
    cases
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|case| case.get(key)?.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn every_value_of_the_project_documents_matches_serde_json() {
    let mut docs = vec![
        include_str!("data/click-qr-callback.json").to_owned(),
        include_str!("data/click-qr-display-data.json").to_owned(),
        include_str!("data/jetpay-generate-qr-response.json").to_owned(),
    ];
    docs.extend(texts_of(
        include_str!("vectors/callback-cases.json"),
        "body_json",
    ));
    docs.extend(texts_of(
        include_str!("vectors/signing-vectors.json"),
        "params_json",
    ));
    docs.extend(texts_of(include_str!("data/seed-examples.json"), "json"));
    assert!(docs.len() > 50, "{} documents", docs.len());
    for doc in &docs {
        check_document(doc);
    }
}

#[test]
fn the_click_qr_callback_status_and_link() {
    let callback = include_str!("data/click-qr-callback.json").as_bytes();
    let oracle: Value = serde_json::from_slice(callback).unwrap();
    let status = find_field(callback, "payment.status").unwrap();
    assert_eq!(status.kind(), FieldKind::String);
    assert!(status == oracle["payment"]["status"].as_str().unwrap());
    let entries = oracle["display_data"].as_array().unwrap();
    let qr_at = entries
        .iter()
        .position(|e| e["title"] == "qr_data")
        .unwrap();
    let link = find_field(callback, &format!("display_data.{qr_at}.data")).unwrap();
    assert_eq!(
        written(&link),
        entries[qr_at]["data"].as_str().unwrap().as_bytes()
    );
}

#[test]
fn nested_values_and_their_offsets() {
    let json = br#" {"a" : {"b": [10, {"c": "d"}, [true, false, null]]}, "e": -1.5e3} "#;
    let at = |path: &str| find_field(json, path).map(|f| (f.kind(), f.offset(), f.raw()));
    assert_eq!(
        at(""),
        Ok((
            FieldKind::Object,
            1,
            r#"{"a" : {"b": [10, {"c": "d"}, [true, false, null]]}, "e": -1.5e3}"#
        ))
    );
    assert_eq!(at("a.b.0"), Ok((FieldKind::Number, 15, "10")));
    assert_eq!(at("a.b.1.c"), Ok((FieldKind::String, 25, r#""d""#)));
    assert_eq!(
        at("a.b.2"),
        Ok((FieldKind::Array, 31, "[true, false, null]"))
    );
    assert_eq!(at("a.b.2.0"), Ok((FieldKind::True, 32, "true")));
    assert_eq!(at("a.b.2.1"), Ok((FieldKind::False, 38, "false")));
    assert_eq!(at("a.b.2.2"), Ok((FieldKind::Null, 45, "null")));
    assert_eq!(at("e"), Ok((FieldKind::Number, 59, "-1.5e3")));
}

#[test]
fn escapes_are_decoded_in_keys_and_values() {
    let json = br#"{"na\u006de":"\u0410\u043d\u043d\u0430 \"A\" \/ \ud83d\ude00","plain":"x"}"#;
    let name = find_field(json, "name").unwrap();
    assert_eq!(written(&name), "Анна \"A\" / 😀".as_bytes());
    assert_eq!(name.value_len(), "Анна \"A\" / 😀".len());
    assert_eq!(name.text().unwrap().as_str(), None);
    assert_eq!(
        find_field(json, "plain").unwrap().text().unwrap().as_str(),
        Some("x")
    );
    // A path segment is compared with the decoded key, never with its escapes.
    assert!(matches!(
        find_field(json, r"na\u006de"),
        Err(Error::FieldNotFound { offset: 0 })
    ));
}

#[test]
fn array_indexes_are_plain_decimals() {
    let json = br#"{"a":["x","y","z","w","v","u","t","s","r","q","p"],"0":"zero"}"#;
    assert_eq!(find_field(json, "a.0").unwrap(), "x");
    assert_eq!(find_field(json, "a.10").unwrap(), "p");
    // On an object a digit segment is a member's name.
    assert_eq!(find_field(json, "0").unwrap(), "zero");
    for not_an_index in ["01", "+1", "-0", "", " 1", "1e1", "99999999999999999999999"] {
        let path = format!("a.{not_an_index}");
        assert_eq!(
            find_field(json, &path).unwrap_err(),
            Error::FieldNotFound { offset: 5 },
            "{path}"
        );
    }
    assert_eq!(
        find_field(b"[]", "0").unwrap_err(),
        Error::FieldNotFound { offset: 0 }
    );
}

#[test]
fn missing_members_name_the_container_lacking_them() {
    let json = br#"{"payment":{"id":"1"},"empty":{}}"#;
    assert_eq!(
        find_field(json, "payment.status").unwrap_err(),
        Error::FieldNotFound { offset: 11 }
    );
    assert_eq!(
        find_field(json, "empty.x").unwrap_err(),
        Error::FieldNotFound { offset: 30 }
    );
    assert_eq!(
        find_field(json, "general").unwrap_err(),
        Error::FieldNotFound { offset: 0 }
    );
    // An empty segment is the member named "".
    assert_eq!(find_field(br#"{"":{"":1}}"#, ".").unwrap().raw(), "1");
    // Missing inside the top-level member "" (which no path names alone): its offset (found by
    // the field fuzz target, whose model had taken it for the root's).
    assert_eq!(
        find_field(br#"{"a":1,"":{"":0}}"#, ".x").unwrap_err(),
        Error::FieldNotFound { offset: 10 }
    );
}

#[test]
fn a_path_through_a_scalar_is_an_unexpected_type() {
    let json = br#"{"payment":{"status":"success","n":1,"t":true,"z":null}}"#;
    for (path, offset) in [
        ("payment.status.code", 21),
        ("payment.status.0", 21),
        ("payment.n.x", 35),
        ("payment.t.x", 41),
        ("payment.z.x", 50),
    ] {
        assert_eq!(
            find_field(json, path).unwrap_err(),
            Error::UnexpectedType { offset },
            "{path}"
        );
    }
    assert_eq!(
        find_field(b" 7 ", "a").unwrap_err(),
        Error::UnexpectedType { offset: 1 }
    );
    assert_eq!(find_field(b" 7 ", "").unwrap().raw(), "7");
}

#[test]
fn a_key_of_the_path_twice_is_ambiguous() {
    // Second occurrence after the found value, inside and outside.
    let cases: [(&[u8], &str, usize); 5] = [
        (
            br#"{"payment":{"status":"decline","status":"success"}}"#,
            "payment.status",
            32,
        ),
        (
            br#"{"payment":{"status":"ok"},"payment":{}}"#,
            "payment.status",
            28,
        ),
        (br#"{"a":{"x":1},"a":{"b":2}}"#, "a.b", 14),
        (br#"{"a":1,"a":2}"#, "a.b", 8),
        (br#"{"k\u0065y":1,"key":2}"#, "key", 15),
    ];
    for (json, path, offset) in cases {
        assert_eq!(
            find_field(json, path).unwrap_err(),
            Error::DuplicateKey { offset },
            "{}",
            String::from_utf8_lossy(json)
        );
    }
    // Keys off the path are not this function's business.
    let off_path = br#"{"payment":{"status":"ok"},"other":{"x":1,"x":2}}"#;
    assert_eq!(find_field(off_path, "payment.status").unwrap(), "ok");
}

#[test]
fn the_whole_document_must_be_well_formed() {
    // Malformed after the value: reported, even though the field was found (or was missing).
    for (json, offset) in [
        (&br#"{"a":"x","b":}"#[..], 13),
        (br#"{"a":"x"} x"#, 10),
        (br#"{"a":"x","b":[1,]}"#, 16),
        (br#"{"a":"x""#, 8),
        (br#"{"b":{"c":01},"a":"x"}"#, 11),
        (br#"{"a":"x",}"#, 9),
        (br#"{"a":["x",]}"#, 10),
    ] {
        for path in ["a", "missing", "a.deeper", "a.0"] {
            assert_eq!(
                find_field(json, path).unwrap_err(),
                Error::MalformedJson { offset },
                "{} {path}",
                String::from_utf8_lossy(json)
            );
        }
    }
    assert_eq!(
        find_field(br#"{"a":"\x"}"#, "a").unwrap_err(),
        Error::InvalidEscape { offset: 6 }
    );
    assert_eq!(
        find_field(b"{\"a\":\"\xff\"}", "a").unwrap_err(),
        Error::InvalidUtf8 { offset: 6 }
    );
    assert_eq!(
        find_field(b"", "").unwrap_err(),
        Error::MalformedJson { offset: 0 }
    );
}

#[test]
fn nesting_and_length_are_limited() {
    let nested = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    let deepest = vec!["0"; MAX_DEPTH - 1].join(".");
    assert_eq!(
        find_field(nested(MAX_DEPTH).as_bytes(), &deepest)
            .unwrap()
            .raw(),
        "[]"
    );
    for path in ["", "0", &deepest, &format!("{deepest}.0.0")] {
        assert_eq!(
            find_field(nested(MAX_DEPTH + 1).as_bytes(), path).unwrap_err(),
            Error::TooDeep { limit: MAX_DEPTH },
            "{path}"
        );
    }
    let long = vec![b' '; MAX_DOCUMENT_LEN + 1];
    assert_eq!(
        find_field(&long, "").unwrap_err(),
        Error::InputTooLong {
            limit: MAX_DOCUMENT_LEN
        }
    );
}

/// Generated JSON values: keys and strings drawn to need escapes (quotes, controls, non-ASCII),
/// numbers as awkward literals.
fn json_value() -> impl Strategy<Value = Value> {
    let text = "[a-c\"\\\\/\u{1}\u{1f}é€😀 0-9]{0,6}";
    let number = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        Just("-0.0".to_owned()),
        Just("1e400".to_owned()),
        Just("2.50".to_owned()),
    ]
    .prop_map(|n| Value::Number(serde_json::from_str(&n).unwrap()));
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number,
        text.prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("[a-c:;é0-9]{0,3}", inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn generated_documents_match_serde_json(value in json_value(), pretty in any::<bool>()) {
        let json = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        check_document(&json);
    }
}
