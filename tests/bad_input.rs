//! Bad input of every kind gets its error: never a panic, never a silent wrong signature.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use qrsign::limits::{MAX_DEPTH, MAX_KEY_LEN, MAX_NODES, MAX_PARAMS};
use qrsign::{Error, Key, Param, SortOrder, Value, canonical_json, canonical_params};

fn canon(json: &[u8]) -> Result<String, Error> {
    let mut out = vec![0u8; json.len() * 2 + 16];
    canonical_json(json, SortOrder::Natural, &mut out)
        .map(|n| String::from_utf8(out[..n].to_vec()).unwrap())
}

const CALLBACK: &str = r#"{"project_id":1234,"payment":{"id":"payment_47","status":"success","sum":{"amount":20000000,"currency":"UZS"}},"operation":{"id":28,"code":"0","provider":{"auth_code":""}},"display_data":[{"type":"add_info","title":"qr_data","data":"https:\/\/example.uz\/qr"},{"title":"lifetime","data":600}],"signature":"U7HQO7ToISZhMPKdM4Xr4DSX2UuHp99rHrtaxkUKQtoYzFvoB3cs9CRd4xeYG2Q=="}"#;

#[test]
fn every_truncation_is_an_error() {
    let key = Key::new(b"secret").unwrap();
    for end in 0..CALLBACK.len() - 1 {
        let cut = &CALLBACK.as_bytes()[..end];
        assert!(canon(cut).is_err(), "prefix of {end} bytes accepted");
        assert!(
            key.verify_callback(cut).is_err(),
            "prefix of {end} bytes verified"
        );
    }
    assert!(canon(CALLBACK.as_bytes()).is_ok());
}

#[test]
fn malformed_json_with_offsets() {
    for (text, offset) in [
        (r#"{"a":}"#, 5),
        (r#"{"a" 1}"#, 5),
        (r#"{,}"#, 1),
        (r#"{"a":1,}"#, 7),
        (r#"[1 2]"#, 3),
        (r#"{"a":01}"#, 6),
        (r#"{"a":tru}"#, 5),
        (r#"{"a":1} x"#, 8),
        (r#"{"a":NaN}"#, 5),
        (r#"{"a":1]"#, 6),
        (r#"[1}"#, 2),
        ("", 0),
        ("   ", 3),
    ] {
        assert_eq!(
            canon(text.as_bytes()),
            Err(Error::MalformedJson { offset }),
            "{text}"
        );
    }
    assert_eq!(
        canon(b"\"just a string\""),
        Err(Error::UnexpectedType { offset: 0 })
    );
    assert_eq!(canon(b"12"), Err(Error::UnexpectedType { offset: 0 }));
}

#[test]
fn utf8_and_escapes() {
    assert_eq!(
        canon(b"{\"a\":\"\xff\"}"),
        Err(Error::InvalidUtf8 { offset: 6 })
    );
    assert_eq!(
        canon(b"{\"\xc3\":1}"),
        Err(Error::InvalidUtf8 { offset: 2 })
    );
    assert_eq!(
        canon(br#"{"a":"\ud800"}"#),
        Err(Error::InvalidEscape { offset: 6 })
    );
    assert_eq!(
        canon(br#"{"a":"\udc00x"}"#),
        Err(Error::InvalidEscape { offset: 6 })
    );
    assert_eq!(
        canon(br#"{"a":"\ud800\u0041"}"#),
        Err(Error::InvalidEscape { offset: 6 })
    );
    assert_eq!(
        canon(br#"{"a":"\q"}"#),
        Err(Error::InvalidEscape { offset: 6 })
    );
    assert_eq!(
        canon(br#"{"a":"\u12G4"}"#),
        Err(Error::InvalidEscape { offset: 6 })
    );
    assert_eq!(
        canon(br#"{"\u0061\u003a":"\ud83d\ude00\/"}"#).unwrap(),
        "a:::😀/"
    );
}

#[test]
fn duplicate_keys_are_rejected() {
    for (text, offset) in [
        (r#"{"a":1,"a":2}"#, 8),
        (r#"{"x":{"b":1,"c":2,"b":3}}"#, 19),
        (r#"{"a":1,"\u0061":2}"#, 8),
        (r#"{"frame_mode":1,"frame_mode":2}"#, 17),
        (r#"{"a":{},"a":[]}"#, 9),
    ] {
        assert_eq!(
            canon(text.as_bytes()),
            Err(Error::DuplicateKey { offset }),
            "{text}"
        );
        for order in SortOrder::ALL {
            let mut out = [0u8; 64];
            assert!(
                canonical_json(text.as_bytes(), order, &mut out).is_err(),
                "{text} {order:?}"
            );
        }
    }
    let key = Key::new(b"secret").unwrap();
    let dup = [
        Param::new("a", Value::Int(1)),
        Param::new("b", Value::Int(1)),
        Param::new("a", Value::Int(2)),
    ];
    assert_eq!(
        key.sign_params(&dup),
        Err(Error::DuplicateKey { offset: 2 })
    );
}

#[test]
fn limits() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(
        canon(deep.as_bytes()),
        Err(Error::TooDeep { limit: MAX_DEPTH })
    );
    let ok_deep = "[".repeat(MAX_DEPTH) + "1" + &"]".repeat(MAX_DEPTH);
    assert_eq!(
        canon(ok_deep.as_bytes()).unwrap(),
        "0:".repeat(MAX_DEPTH) + "1"
    );
    let many = format!("[{}1]", "1,".repeat(MAX_NODES));
    assert_eq!(
        canon(many.as_bytes()),
        Err(Error::TooManyValues { limit: MAX_NODES })
    );
    let long_key = format!(r#"{{"{}":1}}"#, "k".repeat(MAX_KEY_LEN + 1));
    assert_eq!(
        canon(long_key.as_bytes()),
        Err(Error::InputTooLong { limit: MAX_KEY_LEN })
    );
    let key = Key::new(b"secret").unwrap();
    let names: Vec<String> = (0..=MAX_PARAMS).map(|i| format!("p{i}")).collect();
    let params: Vec<Param> = names.iter().map(|n| Param::new(n, Value::Null)).collect();
    assert_eq!(
        key.sign_params(&params),
        Err(Error::TooManyValues { limit: MAX_PARAMS })
    );
}

#[test]
fn ten_megabyte_string_is_signed_correctly() {
    let big = "x".repeat(10 << 20);
    let json = format!(r#"{{"k":"{big}"}}"#);
    let key = Key::new(b"secret").unwrap();
    let expected = key.sign_canonical(format!("k:{big}").as_bytes());
    assert_eq!(key.sign_json(json.as_bytes()).unwrap(), expected);
    let unterminated = format!(r#"{{"k":"{big}"#);
    assert_eq!(
        canon(unterminated.as_bytes()),
        Err(Error::MalformedJson {
            offset: unterminated.len()
        })
    );
}

#[test]
fn signature_encodings() {
    let key = Key::new(b"secret").unwrap();
    let json = br#"{"a":1}"#;
    let good = key.sign_json(json).unwrap();
    assert_eq!(key.verify_json(json, good.as_bytes()), Ok(()));
    let s = good.to_string();
    for bad in [
        String::new(),
        s[..87].to_string(),
        format!("{s}="),
        s.replace('=', "A"),
        format!("{}!{}", &s[..10], &s[11..]),
        format!("{}==", &s[..84]) + "==",
    ] {
        assert_eq!(
            key.verify_json(json, bad.as_bytes()),
            Err(Error::InvalidSignatureEncoding),
            "{bad}"
        );
    }
    // Non-canonical trailing bits (…Rg== vs …Rh==) are not accepted as the same signature.
    let mut tweaked = s.clone().into_bytes();
    tweaked[85] = if tweaked[85] == b'A' { b'B' } else { b'A' };
    assert!(key.verify_json(json, &tweaked).is_err());
    // Well-formed but wrong.
    let other = key.sign_json(br#"{"a":2}"#).unwrap();
    assert_eq!(
        key.verify_json(json, other.as_bytes()),
        Err(Error::SignatureMismatch)
    );
    assert_eq!(Key::new(b"").unwrap_err(), Error::EmptySecret);
}

#[test]
fn short_buffers_report_the_size_and_stay_untouched() {
    let json = CALLBACK.as_bytes();
    let full = canon(json).unwrap();
    let mut small = vec![0x55u8; full.len() - 1];
    assert_eq!(
        canonical_json(json, SortOrder::Natural, &mut small),
        Err(Error::BufferTooSmall { needed: full.len() })
    );
    assert!(small.iter().all(|&b| b == 0x55));
    assert_eq!(
        canonical_json(json, SortOrder::Natural, &mut []),
        Err(Error::BufferTooSmall { needed: full.len() })
    );
    let params = [Param::new("a", Value::Str("b"))];
    assert_eq!(
        canonical_params(&params, SortOrder::Natural, &mut [0u8; 2]),
        Err(Error::BufferTooSmall { needed: 3 })
    );
}

mod mutations {
    use super::common;
    use proptest::prelude::*;
    use qrsign::{Error, Key, SortOrder, canonical_json};

    const BODY: &str = include_str!("data/click-qr-callback.json");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any edit of a real callback gives a value, never a panic; an edit that keeps the
        /// canonical string the same (whitespace, escapes) may verify, any other must not.
        #[test]
        fn edited_callbacks_never_crash_nor_verify_wrongly(
            edits in common::edits()
        ) {
            let mut body = BODY.trim_end().as_bytes().to_vec();
            common::apply_edits(&mut body, &edits);
            let key = Key::new(b"demo-secret").unwrap();
            let verified = key.verify_callback(&body);
            let mut a = vec![0u8; 8192];
            let mut b = vec![0u8; 8192];
            let same_data = match (
                qrsign::canonical_callback(&body, SortOrder::Natural, &mut a),
                qrsign::canonical_callback(BODY.trim_end().as_bytes(), SortOrder::Natural, &mut b),
            ) {
                (Ok(n), Ok(m)) => a[..n] == b[..m],
                _ => false,
            };
            if verified.is_ok() {
                prop_assert!(same_data, "an edited callback verified: {}", String::from_utf8_lossy(&body));
            }
            let _: Result<usize, Error> = canonical_json(&body, SortOrder::LineBytewise, &mut a);
        }
    }
}
