//! Callback verification (the shared callback cases), Gate body signing and Payment Page URLs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::{
    ECOMMPAY_PAYMENT_PAGE, Error, GATE_SIGNATURE_OVERHEAD, JETPAY_GENERATE_QR, Key, Param,
    SignatureLocation, SortOrder, Value, canonical_callback,
};
use serde_json::Value as Json;

fn load(name: &str) -> Vec<Json> {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("read vectors")).expect("parse")
}

#[test]
fn callback_cases_accepted_as_the_platform_does() {
    let cases = load("callback-cases.json");
    assert_eq!(cases.len(), 5);
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let key = Key::new(case["secret"].as_str().unwrap().as_bytes()).unwrap();
        let body = case["body_json"].as_str().unwrap();
        let want = if case["body"].get("signature").is_some() {
            SignatureLocation::TopLevel
        } else {
            SignatureLocation::General
        };
        assert_eq!(key.verify_callback(body.as_bytes()), Ok(want), "{id}");
        // Any change to a signed value is caught.
        let tampered = body.replacen("12345", "12346", 1);
        assert_ne!(tampered, body, "{id}");
        assert_eq!(
            key.verify_callback(tampered.as_bytes()),
            Err(Error::SignatureMismatch),
            "{id} tampered"
        );
        // The wrong secret is caught.
        let other = Key::new(b"not the secret").unwrap();
        assert_eq!(
            other.verify_callback(body.as_bytes()),
            Err(Error::SignatureMismatch),
            "{id}"
        );
    }
}

#[test]
fn nested_signature_keys_are_data() {
    let cases = load("callback-cases.json");
    let case = cases
        .iter()
        .find(|c| c["id"] == "cbt-top-nested-signature-key")
        .unwrap();
    let body = case["body_json"].as_str().unwrap();
    let mut out = vec![0u8; 512];
    let n = canonical_callback(body.as_bytes(), SortOrder::Natural, &mut out).unwrap();
    let canonical = std::str::from_utf8(&out[..n]).unwrap();
    assert!(
        canonical.contains("provider_extra_fields:signature:provider-sig-xyz"),
        "{canonical}"
    );
    // Changing the nested "signature" data breaks the signature.
    let key = Key::new(b"secret").unwrap();
    let tampered = body.replace("provider-sig-xyz", "provider-sig-xyZ");
    assert_eq!(
        key.verify_callback(tampered.as_bytes()),
        Err(Error::SignatureMismatch)
    );
}

#[test]
fn callback_signature_problems() {
    let key = Key::new(b"secret").unwrap();
    assert_eq!(
        key.verify_callback(br#"{"payment":{"id":"1"}}"#),
        Err(Error::MissingSignature)
    );
    assert_eq!(
        key.verify_callback(br#"{"payment":{"id":"1"},"signature":"abc"}"#),
        Err(Error::InvalidSignatureEncoding)
    );
    assert_eq!(
        key.verify_callback(br#"{"payment":{"id":"1"},"signature":12}"#),
        Err(Error::InvalidSignatureEncoding)
    );
    let bad88 = "!".repeat(88);
    let body = format!(r#"{{"payment":{{"id":"1"}},"signature":"{bad88}"}}"#);
    assert_eq!(
        key.verify_callback(body.as_bytes()),
        Err(Error::InvalidSignatureEncoding)
    );
    // A signature that is not base64 is reported as such before a problem of the body (here a
    // duplicate key); a well-formed one lets the body's problem through.
    let dup = format!(r#"{{"a":1,"a":2,"signature":"{bad88}"}}"#);
    assert_eq!(
        key.verify_callback(dup.as_bytes()),
        Err(Error::InvalidSignatureEncoding)
    );
    let well_formed = key.sign_json(br#"{"a":1}"#).unwrap();
    let dup = format!(r#"{{"a":1,"a":2,"signature":"{well_formed}"}}"#);
    assert_eq!(
        key.verify_callback(dup.as_bytes()),
        Err(Error::DuplicateKey { offset: 8 })
    );
    assert_eq!(
        key.verify_callback(b"[1,2]"),
        Err(Error::UnexpectedType { offset: 0 })
    );
    // PHP's json_encode escapes "/" as "\/" inside the signature: still verified.
    let canonical = b"payment:id:000049;payment:status:success";
    let sig = key
        .sign_canonical(canonical)
        .to_string()
        .replace('/', "\\/");
    let body = format!(r#"{{"payment":{{"id":"000049","status":"success"}},"signature":"{sig}"}}"#);
    assert_eq!(
        key.verify_callback(body.as_bytes()),
        Ok(SignatureLocation::TopLevel)
    );
}

#[test]
fn gate_body_signature_added_replaced_and_verified() {
    let key = Key::new(b"secret").unwrap();
    let vectors = load("signing-vectors.json");
    let v = vectors
        .iter()
        .find(|v| v["id"] == "new-gate-purchase-uzs")
        .unwrap();
    let body = v["params_json"].as_str().unwrap();
    let mut out = vec![0u8; body.len() + GATE_SIGNATURE_OVERHEAD];
    let n = key.sign_gate_body(body.as_bytes(), &mut out).unwrap();
    let signed: Json = serde_json::from_slice(&out[..n]).unwrap();
    assert_eq!(signed["general"]["signature"], v["signature"]);
    // Everything else is unchanged.
    let mut without = signed.clone();
    without["general"]
        .as_object_mut()
        .unwrap()
        .remove("signature");
    assert_eq!(without, serde_json::from_str::<Json>(body).unwrap());
    // Signing the signed body again replaces the signature with the same one.
    let first = out[..n].to_vec();
    let mut again = vec![0u8; n];
    let m = key.sign_gate_body(&first, &mut again).unwrap();
    assert_eq!(&again[..m], &first[..]);
    // A stale signature is replaced.
    let stale = String::from_utf8(first.clone())
        .unwrap()
        .replace(v["signature"].as_str().unwrap(), "old");
    let m = key.sign_gate_body(stale.as_bytes(), &mut again).unwrap();
    assert_eq!(&again[..m], &first[..]);
    // Too small: the exact size is reported and nothing is written.
    let mut small = vec![0xAA; n - 1];
    assert_eq!(
        key.sign_gate_body(body.as_bytes(), &mut small),
        Err(Error::BufferTooSmall { needed: n })
    );
    assert!(small.iter().all(|&b| b == 0xAA));
}

#[test]
fn gate_body_without_general() {
    let key = Key::new(b"secret").unwrap();
    for body in [r#"{"payment":{"amount":1}}"#, r#"{}"#, r#"{"general":{}}"#] {
        let mut out = vec![0u8; body.len() + GATE_SIGNATURE_OVERHEAD];
        let n = key.sign_gate_body(body.as_bytes(), &mut out).unwrap();
        let signed: Json =
            serde_json::from_slice(&out[..n]).unwrap_or_else(|e| panic!("{body}: {e}"));
        let sig = key.sign_json(body.as_bytes()).unwrap();
        assert_eq!(signed["general"]["signature"], sig.as_str(), "{body}");
        assert_eq!(
            key.verify_callback(&out[..n]),
            Ok(SignatureLocation::General)
        );
    }
    let mut out = [0u8; 256];
    assert_eq!(
        key.sign_gate_body(br#"{"general":"x"}"#, &mut out),
        Err(Error::UnexpectedType { offset: 12 })
    );
    // A container where a string belongs: the offset of its bracket.
    for (body, offset) in [
        (&br#"{"general":[1]}"#[..], 11),
        (br#"{"general" : [1], "x":{}}"#, 13),
        (br#"{"general":{"signature":{}}}"#, 24),
        (br#"{"general":{"signature": [ ]}}"#, 25),
    ] {
        assert_eq!(
            key.sign_gate_body(body, &mut out),
            Err(Error::UnexpectedType { offset }),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn payment_page_url_matches_the_php_sdk() {
    let vectors = load("signing-vectors.json");
    let v = vectors
        .iter()
        .find(|v| v["id"] == "sdk-php-payment-page-url")
        .unwrap();
    let want = v["note"]
        .as_str()
        .unwrap()
        .trim_start_matches("expected URL: ");
    let params: Vec<(String, String)> = v["params"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    let params: Vec<Param> = params
        .iter()
        .map(|(k, v)| Param::new(k, Value::Str(v)))
        .collect();
    let key = Key::new(b"secret").unwrap();
    let mut out = vec![0u8; 1024];
    let n = key
        .payment_page_url(ECOMMPAY_PAYMENT_PAGE, &params, &mut out)
        .unwrap();
    assert_eq!(std::str::from_utf8(&out[..n]).unwrap(), want);
}

#[test]
fn payment_page_url_values_as_signed() {
    let key = Key::new(b"secret").unwrap();
    let params = [
        Param::new("project_id", Value::Int(20481)),
        Param::new("payment_id", Value::Str("kz-000871")),
        Param::new("close_on_missclick", Value::Bool(true)),
        Param::new("frame_mode", Value::Str("iframe")),
        Param::new("customer_first_name", Value::Str("Айгерим")),
        Param::new("note", Value::Null),
    ];
    let mut out = vec![0u8; 1024];
    let n = key
        .payment_page_url(JETPAY_GENERATE_QR, &params, &mut out)
        .unwrap();
    let url = std::str::from_utf8(&out[..n]).unwrap();
    let sig = key.sign_params(&params).unwrap().to_string();
    let enc = sig
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    assert_eq!(
        url,
        format!(
            "https://paymentpage.jetpay.kz/payment/generate-qr?project_id=20481&payment_id=kz-000871\
             &close_on_missclick=1&customer_first_name=%D0%90%D0%B9%D0%B3%D0%B5%D1%80%D0%B8%D0%BC\
             &note=&signature={enc}"
        )
    );
    // Size query: a too-small buffer reports the exact length.
    assert_eq!(
        key.payment_page_url(JETPAY_GENERATE_QR, &params, &mut [0u8; 10]),
        Err(Error::BufferTooSmall { needed: n })
    );
    // A parameter named `signature` is refused rather than signed.
    let bad = [Param::new("signature", Value::Str("x"))];
    assert_eq!(
        key.payment_page_url(JETPAY_GENERATE_QR, &bad, &mut out),
        Err(Error::ReservedKey)
    );
}

#[test]
fn flat_params_match_json_vectors() {
    // Flat vectors (top-level scalars only) give the same signature through the params API.
    let vectors = load("signing-vectors.json");
    let mut checked = 0;
    for v in &vectors {
        let obj = v["params"].as_object().unwrap();
        if obj
            .values()
            .any(|x| x.is_object() || x.is_array() || x.is_f64())
        {
            continue;
        }
        let owned: Vec<(String, Json)> = obj.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let params: Vec<Param> = owned
            .iter()
            .map(|(k, x)| {
                let value = match x {
                    Json::String(s) => Value::Str(s),
                    Json::Bool(b) => Value::Bool(*b),
                    Json::Null => Value::Null,
                    Json::Number(n) => Value::Int(n.as_i64().unwrap()),
                    _ => unreachable!(),
                };
                Param::new(k, value)
            })
            .collect();
        let key = Key::new(v["secret"].as_str().unwrap().as_bytes()).unwrap();
        assert_eq!(
            key.sign_params(&params).unwrap().as_str(),
            v["signature"],
            "{}",
            v["id"]
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} flat vectors");
}

#[test]
fn compatibility_orders_reproduce_dissenting_sdks() {
    // Where the Java/Go (line order) and Python (path-bytewise) SDKs sign differently, the
    // vectors record their output: the compatibility orders must reproduce it.
    let vectors = load("signing-vectors.json");
    let mut checked = 0;
    for v in &vectors {
        let Some(by_sdk) = v.get("by_sdk").and_then(|b| b.as_object()) else {
            continue;
        };
        let json = v["params_json"].as_str().unwrap();
        for (sdk, order) in [
            ("java", SortOrder::LineBytewise),
            ("go", SortOrder::LineBytewise),
        ] {
            let Some(want) = by_sdk.get(sdk).and_then(|r| r.get("canonical")) else {
                continue;
            };
            let want = want.as_str().unwrap();
            // Only where the SDK's difference is the sort order (not its float or null bugs).
            let mut nat = vec![0u8; 4096];
            let n = qrsign::canonical_json(json.as_bytes(), SortOrder::Natural, &mut nat).unwrap();
            let mut sorted_nat: Vec<&[u8]> = nat[..n].split(|&b| b == b';').collect();
            let mut sorted_want: Vec<&[u8]> = want.as_bytes().split(|&b| b == b';').collect();
            sorted_nat.sort();
            sorted_want.sort();
            // Java compares UTF-16 code units; the byte orders reproduce ASCII keys only.
            if sorted_nat != sorted_want || !want.is_ascii() {
                continue;
            }
            let mut out = vec![0u8; 4096];
            let m = qrsign::canonical_json(json.as_bytes(), order, &mut out).unwrap();
            assert_eq!(
                std::str::from_utf8(&out[..m]).unwrap(),
                want,
                "{} {sdk}",
                v["id"]
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "only {checked} compatibility cases");
}
