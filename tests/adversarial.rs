//! Hostile input, case by case: each gives its documented result (PHP's own where the platform
//! accepts the input, the documented error otherwise), never a panic. Work stays bounded: see
//! tests/scaling.rs (instruction counts under callgrind).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::limits::{MAX_DEPTH, MAX_NODES};
use qrsign::{Error, Key, SignatureLocation, SortOrder, canonical_json};

#[path = "common/php.rs"]
mod php;

fn canon(json: &[u8]) -> Result<String, Error> {
    let mut out = vec![0u8; json.len() * 4 + 64];
    canonical_json(json, SortOrder::Natural, &mut out)
        .map(|n| String::from_utf8_lossy(&out[..n]).into_owned())
}

#[test]
fn numbers_beyond_every_range_sign_as_php_prints_them() {
    // PHP's json_decode turns these into floats (INF, -0, 1.0E+30...) and the platform signs
    // PHP's text for them: the oracle is PHP itself.
    let docs: Vec<String> = [
        "1e999999".to_string(),
        "-1e999999".into(),
        "1E400".into(),
        "-0".into(),
        "-0.0".into(),
        "0e0".into(),
        "1e-999999".into(),
        "9".repeat(10_000),
        format!("-{}", "1".repeat(10_000)),
        format!("0.{}1", "0".repeat(5_000)),
        "9223372036854775807".into(),
        "9223372036854775808".into(),
        "-9223372036854775809".into(),
    ]
    .iter()
    .map(|n| format!(r#"{{"n":{n}}}"#))
    .collect();
    let want = php::canonical(&docs);
    for (doc, want) in docs.iter().zip(&want) {
        assert_eq!(
            canon(doc.as_bytes()).as_ref(),
            Ok(want),
            "{}",
            &doc[..doc.len().min(40)]
        );
    }
}

#[test]
fn text_that_only_looks_like_json_numbers() {
    // The offset is the first byte no JSON number can have there.
    for (text, offset) in [
        (r#"{"a":NaN}"#, 5),
        (r#"{"a":Infinity}"#, 5),
        (r#"{"a":-Infinity}"#, 6),
        (r#"{"a":+1}"#, 5),
        (r#"{"a":.5}"#, 5),
        (r#"{"a":1.}"#, 7),
        (r#"{"a":0x10}"#, 6),
    ] {
        assert_eq!(
            canon(text.as_bytes()),
            Err(Error::MalformedJson { offset }),
            "{text}"
        );
    }
    // As strings they are ordinary text.
    assert_eq!(canon(br#"{"a":"NaN","b":"-0"}"#).unwrap(), "a:NaN;b:-0");
}

#[test]
fn every_escape() {
    let json = r#"{"e":"\"\\\/\b\f\n\r\t\u0041\u00e9\u4e2d\ud83d\ude00\u0000"}"#;
    assert_eq!(
        canon(json.as_bytes()).unwrap(),
        "e:\"\\/\u{8}\u{c}\n\r\tAé中😀\0"
    );
}

#[test]
fn utf8_that_is_not() {
    for (bytes, offset) in [
        (&b"{\"a\":\"\xc0\x80\"}"[..], 6),    // overlong NUL
        (b"{\"a\":\"\xe0\x80\xaf\"}", 6),     // overlong '/'
        (b"{\"a\":\"\xed\xa0\x80\"}", 6),     // a surrogate encoded in UTF-8
        (b"{\"a\":\"\xf4\x90\x80\x80\"}", 6), // past U+10FFFF
        (b"{\"a\":\"\x80\"}", 6),             // a lone continuation byte
        (b"{\"a\":\"\xe2\x82\"}", 6),         // truncated sequence
        (b"{\"\xff\":1}", 2),                 // in a key
    ] {
        assert_eq!(
            canon(bytes),
            Err(Error::InvalidUtf8 { offset }),
            "{bytes:?}"
        );
    }
}

#[test]
fn lone_surrogates_in_escapes() {
    for json in [
        r#"{"a":"\ud800"}"#,
        r#"{"a":"\udfff"}"#,
        r#"{"a":"\ud800\ud800"}"#,
        r#"{"\udc00":1}"#,
    ] {
        assert!(
            matches!(canon(json.as_bytes()), Err(Error::InvalidEscape { .. })),
            "{json}"
        );
    }
}

#[test]
fn a_byte_order_mark_or_garbage_is_not_json() {
    assert_eq!(
        canon(b"\xef\xbb\xbf{\"a\":1}"),
        Err(Error::MalformedJson { offset: 0 })
    );
    assert_eq!(canon(b"<html>"), Err(Error::MalformedJson { offset: 0 }));
    assert_eq!(canon(b"\0"), Err(Error::MalformedJson { offset: 0 }));
    for (text, offset) in [
        ("{\"a\":1}garbage", 7),
        ("{\"a\":1}{}", 7),
        ("{\"a\":1}\0", 7),
        ("[1]]", 3),
    ] {
        assert_eq!(
            canon(text.as_bytes()),
            Err(Error::MalformedJson { offset }),
            "{text}"
        );
    }
    // Whitespace around the document is JSON.
    assert_eq!(canon(b" \n\t{\"a\":1}\r\n ").unwrap(), "a:1");
}

#[test]
fn deep_nesting_and_a_million_keys() {
    for deep in ["[".repeat(1 << 20), "{\"a\":".repeat(1 << 18)] {
        assert_eq!(
            canon(deep.as_bytes()),
            Err(Error::TooDeep { limit: MAX_DEPTH })
        );
    }
    let million: String = (0..1_000_000).map(|i| format!("\"k{i}\":0,")).collect();
    let doc = format!("{{{}\"end\":0}}", million);
    assert_eq!(
        canon(doc.as_bytes()),
        Err(Error::TooManyValues { limit: MAX_NODES })
    );
    let tiny = format!("[{}0]", "[],".repeat(1_000_000));
    assert_eq!(
        canon(tiny.as_bytes()),
        Err(Error::TooManyValues { limit: MAX_NODES })
    );
}

/// A container inside another with more members than half the node table (192 of 384): until
/// the fix of 2026-12-03 its members were lost in the parse, which hung the natural-order walk
/// (a callback of this shape blocked its verifier) or reported a duplicate key. The model comparison over
/// every width is in tests/reference_model.rs.
#[test]
fn a_nested_container_wider_than_half_the_node_table() {
    let n = MAX_NODES - 3;
    let items = vec!["0"; n].join(",");
    let want: Vec<String> = (0..n).map(|i| format!("a:{i}:0")).collect();
    assert_eq!(
        canon(format!(r#"{{"a":[{items}]}}"#).as_bytes()).unwrap(),
        want.join(";")
    );
    let members: Vec<String> = (0..n).map(|i| format!(r#""k{i}":1"#)).collect();
    let doc = format!(r#"{{"a":{{{}}}}}"#, members.join(","));
    let got = canon(doc.as_bytes()).unwrap();
    assert_eq!(got.split(';').count(), n);
    assert!(got.starts_with("a:k0:1;a:k1:1;a:k2:1;"), "{got:.40}");
    // As a callback (the root, `signature`, `p`, `p.id` and `d` are five more values):
    // verified, and a changed member is caught.
    let key = Key::new(b"secret").unwrap();
    let items = vec!["0"; MAX_NODES - 5].join(",");
    let body = format!(r#"{{"p":{{"id":"1"}},"d":[{items}]}}"#);
    let sig = key.sign_json(body.as_bytes()).unwrap();
    let signed = format!(r#"{{"signature":"{sig}",{}"#, &body[1..]);
    assert_eq!(
        key.verify_callback(signed.as_bytes()),
        Ok(SignatureLocation::TopLevel)
    );
    let tampered = signed.replacen(",0]", ",1]", 1);
    assert_eq!(
        key.verify_callback(tampered.as_bytes()),
        Err(Error::SignatureMismatch)
    );
}

#[test]
fn duplicate_keys_at_every_depth() {
    for depth in [0usize, 1, 5, MAX_DEPTH - 1] {
        let open = "{\"x\":".repeat(depth);
        let close = "}".repeat(depth);
        let doc = format!("{open}{{\"k\":1,\"j\":2,\"k\":3}}{close}");
        let offset = doc.rfind("\"k\"").unwrap() + 1;
        assert_eq!(
            canon(doc.as_bytes()),
            Err(Error::DuplicateKey { offset }),
            "depth {depth}"
        );
    }
    // In an array's objects, each object has its own keys.
    assert!(canon(br#"[{"k":1},{"k":2}]"#).is_ok());
}

#[test]
fn a_signature_at_both_places() {
    // The top-level one is the callback's signature; general.signature is then data.
    let key = Key::new(b"secret").unwrap();
    let unsigned = r#"{"general":{"signature":"decoy"},"payment":{"id":"1"}}"#;
    let sig = key.sign_json(unsigned.as_bytes()).unwrap();
    let body = format!(
        r#"{{"general":{{"signature":"decoy"}},"payment":{{"id":"1"}},"signature":"{sig}"}}"#
    );
    assert_eq!(
        key.verify_callback(body.as_bytes()),
        Ok(SignatureLocation::TopLevel)
    );
    // Moving the real signature into general (and the decoy on top) breaks it.
    let swapped = format!(
        r#"{{"general":{{"signature":"{sig}"}},"payment":{{"id":"1"}},"signature":"decoy"}}"#
    );
    assert_eq!(
        key.verify_callback(swapped.as_bytes()),
        Err(Error::InvalidSignatureEncoding)
    );
    // Two top-level signatures are duplicate keys.
    let twice = format!(r#"{{"signature":"{sig}","signature":"{sig}"}}"#);
    assert!(matches!(
        key.verify_callback(twice.as_bytes()),
        Err(Error::DuplicateKey { .. })
    ));
}

#[test]
fn signatures_of_the_wrong_length_or_alphabet() {
    let key = Key::new(b"secret").unwrap();
    let good = key.sign_json(br#"{"a":1}"#).unwrap().to_string();
    let url_safe = good.replace('+', "-").replace('/', "_");
    for bad in [
        good[..86].to_string(),
        format!("{good}AA"),
        good.replace('=', ""),
        format!(" {}", &good[1..]),
        url_safe.clone(),
        "=".repeat(88),
        "\0".repeat(88),
        "é".repeat(44),
    ] {
        if bad == good {
            continue; // a signature without '+' or '/' has the same URL-safe text
        }
        let body = format!(
            r#"{{"a":1,"signature":{}}}"#,
            serde_json::to_string(&bad).unwrap()
        );
        assert!(
            matches!(
                key.verify_callback(body.as_bytes()),
                Err(Error::InvalidSignatureEncoding)
            ),
            "{bad:?}"
        );
    }
    for not_text in [
        r#"{"a":1,"signature":1}"#,
        r#"{"a":1,"signature":null}"#,
        r#"{"a":1,"signature":["x"]}"#,
    ] {
        assert_eq!(
            key.verify_callback(not_text.as_bytes()),
            Err(Error::InvalidSignatureEncoding),
            "{not_text}"
        );
    }
    assert_eq!(
        key.verify_callback(br#"{"a":1}"#),
        Err(Error::MissingSignature)
    );
}

#[test]
fn keys_holding_separators() {
    // `:` in a key is doubled in the path (the platform's rule); `;` and NUL are kept as they are.
    assert_eq!(canon(br#"{"a:b":1}"#).unwrap(), "a::b:1");
    assert_eq!(canon(br#"{"a;b":1}"#).unwrap(), "a;b:1");
    assert_eq!(canon(br#"{"a\u0000b":1}"#).unwrap(), "a\0b:1");
    assert_eq!(canon(br#"{"":{"":""}}"#).unwrap(), "::");
    // Strict mode refuses the `;` key: it could be a line boundary (SECURITY.md).
    let strict = Key::new(b"secret").unwrap().with_strict(true);
    assert_eq!(
        strict.sign_json(br#"{"a;b":1}"#),
        Err(Error::AmbiguousValue { offset: 2 })
    );
    assert!(strict.sign_json(br#"{"a:b":1}"#).is_ok());
}
