//! `display_data` (Click QR): the documentation's example, the project's callbacks and the
//! signing vectors, read by qrsign and by an independent reading with serde_json; each kind of
//! bad input gets its own error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use proptest::prelude::*;
use qrsign::Error;
use qrsign::qr::{DisplayData, DisplayText};
use serde_json::Value;

/// The `display_data` array of the Click QR documentation (shared/seeds/monetix-click-qr.txt).
const SEED_ARRAY: &str = include_str!("data/click-qr-display-data.json");
/// A whole Click QR callback with the seed's `display_data` (see tests/data/README.md).
const CALLBACK: &str = include_str!("data/click-qr-callback.json");

/// What the documentation says an entry means, read with serde_json: the decoded `data` of the
/// `add_info` entry titled `title` (or of the `qr_data`-typed entry for `qr_data`).
fn oracle<'v>(array: &'v Value, title: &str) -> Option<&'v Value> {
    array.as_array()?.iter().find_map(|entry| {
        let kind = entry.get("type")?.as_str()?;
        let entry_title = entry.get("title")?.as_str()?;
        let matches = (kind == "add_info" && entry_title == title)
            || (kind == "qr_data" && title == "qr_data");
        matches.then(|| entry.get("data")).flatten()
    })
}

fn decoded(text: &DisplayText<'_>) -> String {
    let mut out = vec![0u8; text.decoded_len()];
    let n = text.decode_into(&mut out).unwrap();
    assert_eq!(n, out.len());
    String::from_utf8(out).unwrap()
}

/// Every field qrsign read equals the oracle's reading of the same array.
fn assert_matches_oracle(display: &DisplayData<'_>, array: &Value) {
    let text_fields = [
        ("qr_data", Some(display.qr_data)),
        ("amount", display.amount),
        ("currency", display.currency),
        ("receiver_name", display.receiver_name),
        ("receiver_account", display.receiver_account),
        ("bank_name", display.bank_name),
    ];
    for (title, ours) in text_fields {
        let theirs = oracle(array, title).map(|v| v.as_str().unwrap().to_owned());
        assert_eq!(ours.as_ref().map(decoded), theirs, "{title}");
    }
    let lifetime = oracle(array, "lifetime").map(|v| v.as_u64().unwrap());
    assert_eq!(display.lifetime.map(u64::from), lifetime);
    let mut link = vec![0u8; 4096];
    let n = display.qr_data_into(&mut link).unwrap();
    assert_eq!(
        &link[..n],
        oracle(array, "qr_data")
            .unwrap()
            .as_str()
            .unwrap()
            .as_bytes()
    );
}

#[test]
fn the_documentation_example_bare_and_in_a_body() {
    let array: Value = serde_json::from_str(SEED_ARRAY).unwrap();
    let display = DisplayData::parse(SEED_ARRAY.as_bytes()).unwrap();
    assert_matches_oracle(&display, &array);
    // All seven documented titles are there.
    assert!(display.amount.is_some() && display.bank_name.is_some());
    assert!(display.lifetime.is_some());
    // Zero-copy: the text is the caller's bytes.
    let qr = display.qr_data.as_str().unwrap();
    let base = SEED_ARRAY.as_ptr() as usize;
    assert!((base..base + SEED_ARRAY.len()).contains(&(qr.as_ptr() as usize)));

    let body = format!(r#"{{"payment":{{"id":"p"}},"display_data":{SEED_ARRAY},"x":[{{}}]}}"#);
    assert_matches_oracle(&DisplayData::parse(body.as_bytes()).unwrap(), &array);
}

#[test]
fn the_click_qr_callback() {
    let body: Value = serde_json::from_str(CALLBACK).unwrap();
    let display = DisplayData::parse(CALLBACK.as_bytes()).unwrap();
    assert_matches_oracle(&display, &body["display_data"]);
}

/// The signing vectors and callback cases: where `display_data` is an array it reads as the
/// oracle reads it; where it is something else, `UnexpectedType` at its value; without it,
/// `MissingQrData`.
#[test]
fn the_vectors() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/");
    let signing: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}signing-vectors.json")).unwrap(),
    )
    .unwrap();
    let callbacks: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}callback-cases.json")).unwrap(),
    )
    .unwrap();
    let bodies = signing
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (&v["id"], &v["params_json"]))
        .chain(
            callbacks
                .as_array()
                .unwrap()
                .iter()
                .map(|v| (&v["id"], &v["body_json"])),
        );
    let (mut arrays, mut others, mut without) = (0, 0, 0);
    for (id, text) in bodies {
        let text = text.as_str().unwrap();
        let parsed: Value = serde_json::from_str(text).unwrap();
        let result = DisplayData::parse(text.as_bytes());
        match parsed.get("display_data") {
            Some(array @ Value::Array(_)) => {
                arrays += 1;
                assert_matches_oracle(&result.unwrap(), array);
            }
            Some(_) => {
                others += 1;
                let key = "\"display_data\":";
                let offset = text.find(key).unwrap() + key.len();
                assert_eq!(
                    result.unwrap_err(),
                    Error::UnexpectedType { offset },
                    "{id}"
                );
            }
            None if parsed.is_object() => {
                without += 1;
                assert_eq!(result.unwrap_err(), Error::MissingQrData, "{id}");
            }
            // The bare arrays are not display_data (their entries are not objects).
            None => assert!(matches!(result, Err(Error::UnexpectedType { .. })), "{id}"),
        }
    }
    // The Click QR vector (`new-cb-click-qr-display-data`) and the PHP SDK's callback format.
    assert_eq!((arrays, others), (1, 1));
    assert!(without > 40);
}

#[test]
fn escapes_are_decoded_exactly() {
    // How PHP's json_encode writes a link: `/` as `\/`; and a name with \u escapes.
    let link = "https://my.click.uz/services/pay?service_id=1&amount=150000&t=\"é\"";
    let name = "Алишер Каримов";
    let escape = |s: &str| {
        let mut out = String::new();
        for c in serde_json::to_string(s).unwrap().chars() {
            match c {
                '/' => out.push_str("\\/"),
                c if !c.is_ascii() => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
                c => out.push(c),
            }
        }
        out
    };
    let body = format!(
        r#"{{"display_data":[{{"type":"add_info","title":"qr_data","data":{}}},{{"type":"add_info","title":"receiver_name","data":{}}}]}}"#,
        escape(link),
        escape(name)
    );
    let oracle: Value = serde_json::from_str(&body).unwrap();
    let display = DisplayData::parse(body.as_bytes()).unwrap();
    assert_matches_oracle(&display, &oracle["display_data"]);
    assert_eq!(display.qr_data.as_str(), None);
    assert_eq!(
        display.qr_data.raw(),
        &escape(link)[1..escape(link).len() - 1]
    );
    assert!(display.receiver_name.unwrap() == name);
    assert!(display.qr_data.bytes().eq(link.bytes()));
    // Exactly the decoded length is needed, and nothing is written when it does not fit.
    let mut small = vec![0xAAu8; link.len() - 1];
    assert_eq!(
        display.qr_data_into(&mut small),
        Err(Error::BufferTooSmall { needed: link.len() })
    );
    assert!(small.iter().all(|&b| b == 0xAA));
}

#[test]
fn unknown_entries_and_members_are_ignored() {
    let body = br#"[{"type":"add_info","title":"qr_data","data":"q","extra":{"a":[1]}},
        {"type":"add_info","title":"some_future_title","data":{"any":"thing"}},
        {"type":"other_type","title":"lifetime","data":"not a number"},
        {"title":"amount","data":5},
        {"type":"add_info","data":5}]"#;
    let display = DisplayData::parse(body).unwrap();
    assert!(display.qr_data == "q");
    assert!(display.amount.is_none() && display.lifetime.is_none());
}

/// The offset of the `n`-th occurrence (0-based) of `needle` in `text`.
fn nth(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle).nth(n).unwrap().0
}

/// The error expected for an input, computed from the input's text.
type Expected = Box<dyn Fn(&str) -> Error>;

#[test]
fn each_bad_input_gets_its_error() {
    let qr = r#"{"type":"add_info","title":"qr_data","data":"https://x.uz"}"#;
    let cases: Vec<(String, Expected)> = vec![
        // `data` of the wrong JSON type: at the value.
        (
            format!(r#"[{qr},{{"type":"add_info","title":"lifetime","data":"600"}}]"#),
            Box::new(|t| Error::UnexpectedType {
                offset: nth(t, "\"600\"", 0),
            }),
        ),
        (
            r#"[{"type":"add_info","title":"qr_data","data":12345}]"#.into(),
            Box::new(|t| Error::UnexpectedType {
                offset: nth(t, "12345", 0),
            }),
        ),
        (
            format!(r#"[{qr},{{"type":"add_info","title":"lifetime","data":-1}}]"#),
            Box::new(|t| Error::UnexpectedType {
                offset: nth(t, "-1", 0),
            }),
        ),
        (
            format!(r#"[{qr},{{"type":"add_info","title":"lifetime","data":4294967296}}]"#),
            Box::new(|t| Error::UnexpectedType {
                offset: nth(t, "4294967296", 0),
            }),
        ),
        (
            format!(r#"[{qr},{{"type":"add_info","title":"currency","data":null}}]"#),
            Box::new(|t| Error::UnexpectedType {
                offset: nth(t, "null", 0),
            }),
        ),
        (
            r#"[{"type":"add_info","title":["qr_data"],"data":"x"}]"#.into(),
            Box::new(|t| Error::UnexpectedType {
                offset: nth(t, "[\"qr", 0),
            }),
        ),
        // A known entry without data, an entry that is not an object, display_data not an
        // array, a root that is neither object nor array.
        (
            r#"[{"type":"add_info","title":"qr_data"}]"#.into(),
            Box::new(|_| Error::UnexpectedType { offset: 1 }),
        ),
        (
            format!(r#"[{qr},"qr_data"]"#),
            Box::new(|t| Error::UnexpectedType {
                offset: nth(t, "\"qr_data\"]", 0),
            }),
        ),
        (
            format!(r#"{{"display_data":{qr}}}"#),
            Box::new(|_| Error::UnexpectedType { offset: 16 }),
        ),
        (
            "\"display_data\"".into(),
            Box::new(|_| Error::UnexpectedType { offset: 0 }),
        ),
        // Missing qr_data.
        (
            r#"[{"type":"add_info","title":"amount","data":"1"}]"#.into(),
            Box::new(|_| Error::MissingQrData),
        ),
        ("[]".into(), Box::new(|_| Error::MissingQrData)),
        (
            r#"{"payment":{}}"#.into(),
            Box::new(|_| Error::MissingQrData),
        ),
        // display_data only counts at the top level.
        (
            format!(r#"{{"payment":{{"display_data":[{qr}]}}}}"#),
            Box::new(|_| Error::MissingQrData),
        ),
        // Duplicates are ambiguous: at the second one.
        (
            format!(r#"[{qr},{qr}]"#),
            Box::new(|t| Error::DuplicateKey {
                offset: nth(t, "qr_data", 1),
            }),
        ),
        (
            format!(r#"[{qr},{{"type":"qr_data","title":"QR","data":"y"}}]"#),
            Box::new(|t| Error::DuplicateKey {
                offset: nth(t, "qr_data", 1),
            }),
        ),
        (
            format!(
                r#"[{qr},{{"type":"add_info","title":"lifetime","data":1}},{{"type":"add_info","title":"lifetime","data":2}}]"#
            ),
            Box::new(|t| Error::DuplicateKey {
                offset: nth(t, "lifetime", 1),
            }),
        ),
        (
            r#"[{"type":"add_info","title":"qr_data","data":"a","data":"b"}]"#.into(),
            Box::new(|t| Error::DuplicateKey {
                offset: nth(t, "data", 2),
            }),
        ),
        (
            format!(r#"{{"display_data":[{qr}],"display_data":[]}}"#),
            Box::new(|t| Error::DuplicateKey {
                offset: nth(t, "display_data", 1),
            }),
        ),
        // Malformed JSON, anywhere in the document.
        (
            format!(r#"[{qr}"#),
            Box::new(|t| Error::MalformedJson { offset: t.len() }),
        ),
        (
            format!(r#"{{"display_data":[{qr}],"x":tru}}"#),
            Box::new(|t| Error::MalformedJson {
                offset: nth(t, "tru", 0),
            }),
        ),
        (
            format!(r#"[{qr}] x"#),
            Box::new(|t| Error::MalformedJson {
                offset: t.len() - 1,
            }),
        ),
        ("".into(), Box::new(|_| Error::MalformedJson { offset: 0 })),
        (
            format!(r#"[{qr},{{"type":"add_info","title":"bank_name","data":"\x"}}]"#),
            Box::new(|t| Error::InvalidEscape {
                offset: nth(t, "\\x", 0),
            }),
        ),
    ];
    for (text, want) in &cases {
        assert_eq!(
            DisplayData::parse(text.as_bytes()).unwrap_err(),
            want(text),
            "{text}"
        );
    }
    let mut invalid_utf8 = format!("[{qr}]").into_bytes();
    invalid_utf8.insert(5, 0xFF);
    assert_eq!(
        DisplayData::parse(&invalid_utf8).unwrap_err(),
        Error::InvalidUtf8 { offset: 5 }
    );
}

#[test]
fn nesting_is_limited_and_not_recursive() {
    let depth = qrsign::limits::MAX_DEPTH;
    let qr = r#"{"type":"add_info","title":"qr_data","data":"q"}"#;
    // display_data's entries are 3 levels deep in a body: 29 more levels fit under "x".
    let fits = format!(
        r#"{{"display_data":[{qr}],"x":{}{}}}"#,
        "[".repeat(depth - 1),
        "]".repeat(depth - 1)
    );
    assert!(DisplayData::parse(fits.as_bytes()).is_ok());
    let deep = format!(
        r#"{{"display_data":[{qr}],"x":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        DisplayData::parse(deep.as_bytes()).unwrap_err(),
        Error::TooDeep { limit: depth }
    );
}

#[test]
fn every_truncation_is_an_error() {
    for end in 0..CALLBACK.trim_end().len() {
        assert!(
            DisplayData::parse(&CALLBACK.as_bytes()[..end]).is_err(),
            "{end}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Random edits and truncations of a real callback never panic; whatever qrsign accepts
    /// is JSON to serde_json too, and its qr_data decodes to serde_json's reading.
    #[test]
    fn edited_callbacks_never_panic(
        edits in common::edits()
    ) {
        let mut body = CALLBACK.trim_end().as_bytes().to_vec();
        common::apply_edits(&mut body, &edits);
        if let Ok(display) = DisplayData::parse(&body) {
            let parsed: Value = serde_json::from_slice(&body).expect("accepted but not JSON");
            let mut link = vec![0u8; display.qr_data.decoded_len()];
            let n = display.qr_data_into(&mut link).unwrap();
            if let Some(array @ Value::Array(_)) = parsed.get("display_data") {
                prop_assert_eq!(
                    Some(&link[..n]),
                    oracle(array, "qr_data").and_then(Value::as_str).map(str::as_bytes)
                );
            }
        }
    }
}
