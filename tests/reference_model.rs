//! Property tests: random JSON documents and flat parameter sets against a simple,
//! obviously-correct allocating model of SIGNING.md (serde_json value, flatten, sort, join),
//! for all three sort orders. Numbers are integers here; floats are checked against PHP itself
//! in tests/php_oracle.rs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use qrsign::{Key, Param, SortOrder, Value, canonical_json, canonical_params};
use serde_json::{Map, Value as Json};

// The model itself: shared with the fuzz crate's differential target (fuzz/).
#[path = "common/model.rs"]
mod model;
use model::{flatten, model};

/// Keys chosen to hit the hard cases: digits, prefixes, whitespace, leading zeros, colons.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "a",
            "b",
            "ab",
            "a b",
            " a",
            "a ",
            "a1",
            "a2",
            "a10",
            "a01",
            "0",
            "00",
            "07",
            "7",
            "10",
            "1",
            "x:y",
            "x",
            "x::",
            ":",
            "item_9",
            "item_10",
            "é",
            "ｘ",
            "😀",
            "a-b",
            "a.b",
            "A",
            "frame_mode",
            "signature",
            "",
        ])
        .prop_map(String::from),
        "[a-c0-2 :_]{0,4}",
        // Around eight bytes: the sort compares the first eight bytes of keys as one word.
        "aaaaa[ab][ab1 ]{0,2}[ab0-2 ]{0,3}",
    ]
}

/// Parameter names: the keys above, and names around and past sixteen bytes (parameters are
/// sorted by their names' first sixteen bytes; `:`, digits and spaces at any position).
fn param_name() -> impl Strategy<Value = String> {
    prop_oneof![
        key(),
        "customer_[a-c_0-2 :]{0,12}",
        "payment_[ab][ab1 :]{5,9}",
    ]
}

fn scalar() -> impl Strategy<Value = Json> {
    prop_oneof![
        "[a-z;:é😀 \\\\\"/\n]{0,6}".prop_map(Json::String),
        any::<i64>().prop_map(Json::from),
        any::<bool>().prop_map(Json::Bool),
        Just(Json::Null),
    ]
}

fn json_value() -> impl Strategy<Value = Json> {
    scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Json::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Json::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn document() -> impl Strategy<Value = Json> {
    prop::collection::vec((key(), json_value()), 0..8)
        .prop_map(|kv| Json::Object(kv.into_iter().collect()))
}

/// The same JSON with every non-ASCII character and `/` escaped, as PHP's json_encode writes it.
fn ascii_escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c == '/' {
            out.push_str("\\/");
        } else if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

fn ours(json: &str, order: SortOrder) -> String {
    let mut out = vec![0u8; json.len() * 3 + 64];
    let n =
        canonical_json(json.as_bytes(), order, &mut out).unwrap_or_else(|e| panic!("{e}: {json}"));
    String::from_utf8(out[..n].to_vec()).unwrap()
}

/// Keys and values of every length up to past the MAC stage's fixed-size copies (32 and 64
/// bytes), in paths deep and long enough to pass the tree walk's prefix buffer (192 bytes).
fn long_piece(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        key(),
        prop::string::string_regex(&format!("[a-z0-9_ ]{{0,{max}}}")).unwrap(),
    ]
}

fn long_value() -> impl Strategy<Value = Json> {
    let scalar = prop_oneof![long_piece(90).prop_map(Json::String), scalar(),];
    scalar.prop_recursive(8, 64, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Json::Array),
            prop::collection::vec((long_piece(45), inner), 0..4)
                .prop_map(|kv| Json::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// HMAC-SHA512 of `text`, base64: straight from the RustCrypto crates, independent of qrsign.
fn hmac_base64(text: &str) -> String {
    use base64::Engine;
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = Hmac::<sha2::Sha512>::new_from_slice(b"secret").unwrap();
    mac.update(text.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Signing writes the canonical lines straight into the MAC's staging buffer (whole
    /// fixed-size copies per piece, lines crossing the buffer's end): the signature must be the
    /// HMAC of the model's string, whatever the lengths of keys, values and paths.
    #[test]
    fn signature_matches_the_model(
        doc in prop::collection::vec((long_piece(45), long_value()), 0..8)
            .prop_map(|kv| Json::Object(kv.into_iter().collect()))
    ) {
        let text = serde_json::to_string(&doc).unwrap();
        let mut lines = Vec::new();
        flatten(&doc, None, &mut lines);
        for order in SortOrder::ALL {
            let want = hmac_base64(&model(lines.clone(), order));
            let key = Key::new(b"secret").unwrap().with_order(order);
            let got = key.sign_json(text.as_bytes()).unwrap();
            prop_assert_eq!(got.as_str(), want.as_str(), "{:?} {}", order, text);
        }
    }

    #[test]
    fn json_matches_the_model(doc in document()) {
        let text = serde_json::to_string(&doc).unwrap();
        let mut lines = Vec::new();
        flatten(&doc, None, &mut lines);
        for order in SortOrder::ALL {
            let want = model(lines.clone(), order);
            prop_assert_eq!(ours(&text, order), want.clone(), "{:?} {}", order, text);
            prop_assert_eq!(ours(&ascii_escaped(&text), order), want, "escaped {:?}", order);
        }
    }

    /// `diagnose_json` sorts one parsed document under each order in turn (and once more for
    /// the string it shows): every pass must give the model's string for its order, whatever
    /// the passes before it left in the sibling table (sorted arrays, the whole-path fallback).
    #[test]
    fn diagnose_matches_the_model(doc in document(), pick in 0usize..4) {
        let text = serde_json::to_string(&doc).unwrap();
        let mut lines = Vec::new();
        flatten(&doc, None, &mut lines);
        let want: Vec<String> = SortOrder::ALL.iter().map(|&o| model(lines.clone(), o)).collect();
        let key = Key::new(b"secret").unwrap();
        // A signature made over the model's string for one order, or by another key.
        let signature = match SortOrder::ALL.get(pick) {
            Some(_) => key.sign_canonical(want[pick].as_bytes()),
            None => Key::new(b"other").unwrap().sign_canonical(want[0].as_bytes()),
        };
        let mut out = vec![0u8; text.len() * 3 + 64];
        let found = key.diagnose_json(text.as_bytes(), Some(signature.as_bytes()), &mut out).unwrap();
        let first = (pick < 3).then(|| want.iter().position(|w| *w == want[pick]).unwrap());
        prop_assert_eq!(found.order, first.map(|i| SortOrder::ALL[i]), "{}", text);
        // Every order whose string is the signed one, and only those.
        let matching: Vec<SortOrder> = SortOrder::ALL.iter().zip(&want)
            .filter(|(_, w)| pick < 3 && **w == want[pick]).map(|(o, _)| *o).collect();
        prop_assert_eq!(found.matching.iter().collect::<Vec<_>>(), matching, "{}", text);
        let shown = std::str::from_utf8(&out[..found.canonical_len]).unwrap();
        prop_assert_eq!(shown, want[first.unwrap_or(0)].as_str(), "{}", text);
    }

    #[test]
    // Up to 30 parameters: more than the 24 that are sorted by their name heads.
    fn params_match_the_model(pairs in prop::collection::vec((param_name(), scalar()), 0..30)) {
        let mut seen = std::collections::HashSet::new();
        let pairs: Vec<(String, Json)> = pairs.into_iter().filter(|(k, _)| k != "signature" && seen.insert(k.clone())).collect();
        let params: Vec<Param> = pairs.iter().map(|(k, v)| Param::new(k, match v {
            Json::String(s) => Value::Str(s),
            Json::Bool(b) => Value::Bool(*b),
            Json::Null => Value::Null,
            Json::Number(n) => Value::Int(n.as_i64().unwrap()),
            _ => unreachable!(),
        })).collect();
        let doc = Json::Object(pairs.iter().cloned().collect());
        let mut lines = Vec::new();
        flatten(&doc, None, &mut lines);
        for order in SortOrder::ALL {
            let want = model(lines.clone(), order);
            let mut out = vec![0u8; 4096];
            let n = canonical_params(&params, order, &mut out).unwrap();
            prop_assert_eq!(std::str::from_utf8(&out[..n]).unwrap(), want.as_str(), "{:?}", order);
            // Signing orders the parameters on a path of its own when their name heads decide.
            let key = Key::new(b"secret").unwrap().with_order(order);
            prop_assert_eq!(key.sign_params(&params).unwrap(), key.sign_canonical(want.as_bytes()), "{:?}", order);
        }
    }
}

/// Documents on which the three orders agree and disagree in every way they can, as a vector
/// file in the shared format (tests/vectors/order-shapes.json): canonical strings from the
/// model, signatures from the `hmac` crate. `make test` runs the Rust and C vector tests on it
/// through `QRSIGN_VECTORS`, as a user's own file would be. The committed file must be what
/// the model gives; `QRSIGN_WRITE_SHAPES=1` rewrites it.
#[test]
fn order_shapes_file_is_the_models() {
    use serde_json::json;
    let item = |i: usize| json!({ "sku": format!("sku-{}", (b'a' + i as u8) as char), "qty": 1 });
    let shapes: Vec<(&str, &str, Json)> = vec![
        // "same": every order gives the same string.
        (
            "order-shape-same",
            "NPL",
            json!({ "payment": { "id": "p-1", "amount": 5000000 }, "project_id": 42 }),
        ),
        // A receipt of 12 line items: "items:10:..." sorts before "items:2:..." bytewise, by path
        // and by line alike; naturally after.
        (
            "order-shape-array-of-12-objects",
            "N|PL",
            json!({ "receipt": { "items": (0..12).map(item).collect::<Vec<_>>() } }),
        ),
        // Numeric top-level keys over objects: the same split.
        (
            "order-shape-numeric-keys",
            "N|PL",
            json!({ "1": { "qty": 1 }, "2": { "qty": 2 }, "10": { "qty": 3 }, "11": { "qty": 4 } }),
        ),
        // 12 scalars: "items:1:b" vs "items:10:k" splits by path (prefix) and by line (":" > "0").
        (
            "order-shape-array-of-12-strings",
            "N|P|L",
            json!({ "items": (0..12).map(|i| ((b'a' + i) as char).to_string()).collect::<Vec<_>>() }),
        ),
        // A key that is a prefix of another followed by a byte below ':': paths agree, lines not.
        (
            "order-shape-prefix-key",
            "NP|L",
            json!({ "a b": "1", "a": "2" }),
        ),
        // PHP's strnatcmp skips a leading zero before a digit, so "00" and "0" tie and keep
        // document order, as the line order has it ("0" < ":"); the path order puts "0" first.
        (
            "order-shape-leading-zero",
            "NL|P",
            json!({ "00": "1", "0": "2" }),
        ),
    ];
    let mut vectors = Vec::new();
    for (id, partition, doc) in shapes {
        let text = serde_json::to_string(&doc).unwrap();
        let mut lines = Vec::new();
        flatten(&doc, None, &mut lines);
        let strings: Vec<String> = SortOrder::ALL
            .iter()
            .map(|&o| model(lines.clone(), o))
            .collect();
        // The partition of the orders by equal strings, e.g. "N|PL".
        let mut groups: Vec<String> = Vec::new();
        for (i, s) in strings.iter().enumerate() {
            let letter = ["N", "P", "L"][i];
            match strings.iter().position(|t| t == s) {
                Some(j) if j < i => {
                    let g = groups
                        .iter_mut()
                        .find(|g| g.contains(["N", "P", "L"][j]))
                        .unwrap();
                    g.push_str(letter);
                }
                _ => groups.push(letter.into()),
            }
        }
        assert_eq!(groups.join("|"), partition, "{id}: {strings:?}");
        let sdk = ["php", "python-git-head", "go"];
        let agreeing: Vec<&str> = (0..3)
            .filter(|&i| strings[i] == strings[0])
            .map(|i| sdk[i])
            .collect();
        let mut by_sdk = Map::new();
        for i in (1..3).filter(|&i| strings[i] != strings[0]) {
            by_sdk.insert(
                sdk[i].into(),
                json!({ "canonical": strings[i], "signature": hmac_base64(&strings[i]) }),
            );
        }
        vectors.push(json!({
            "id": id,
            "source": "generated by tests/reference_model.rs (order_shapes_file_is_the_models): canonical strings from the reference model under the order each SDK uses (SIGNING.md), HMAC by the hmac crate; not produced by running the SDKs",
            "secret": "secret",
            "params": doc,
            "params_json": text,
            "canonical": strings[0],
            "signature": hmac_base64(&strings[0]),
            "agreeing_sdks": agreeing,
            "by_sdk": by_sdk,
        }));
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/order-shapes.json"
    );
    let generated = Json::Array(vectors);
    if std::env::var_os("QRSIGN_WRITE_SHAPES").is_some() {
        std::fs::write(
            path,
            serde_json::to_string_pretty(&generated).unwrap() + "\n",
        )
        .unwrap();
    }
    let committed: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        committed, generated,
        "tests/vectors/order-shapes.json is not the model's: QRSIGN_WRITE_SHAPES=1 rewrites it"
    );
}

/// Containers nested inside others with up to a whole node table of members: the parse moves a
/// closed container's members within one table, and with more than half the table in one
/// container the move's source and destination overlap (until the fix of 2026-12-03 the move
/// was then skipped: 192 members hung the natural-order walk or gave a false `DuplicateKey`). Every
/// width, in arrays and objects, one and two levels down, alone and beside other members, in
/// every order and through signing, must give the model's string.
#[test]
fn wide_nested_containers_match_the_model() {
    use qrsign::limits::MAX_NODES;
    let array = |n: usize| Json::Array((0..n).map(|i| Json::from(i % 7)).collect());
    let object =
        |n: usize| Json::Object((0..n).map(|i| (format!("k{i}"), Json::from(i))).collect());
    let mut widths: Vec<usize> = vec![1, 2, 63, 64, 65, 127, 128, 129];
    let half = MAX_NODES / 2;
    widths.extend([
        half - 3,
        half - 2,
        half - 1,
        half,
        half + 1,
        half + 2,
        MAX_NODES - 5,
    ]);
    widths.extend(MAX_NODES - 4..MAX_NODES);
    for n in widths {
        // Nodes: the root, the containers on the way, the members, and any extra members.
        let shapes: Vec<(usize, Json)> = vec![
            (2, serde_json::json!({ "a": array(n) })),
            (2, serde_json::json!({ "a": object(n) })),
            (2, Json::Array(vec![array(n)])),
            (3, serde_json::json!({ "x": { "y": array(n) } })),
            (3, serde_json::json!({ "x": [object(n)] })),
            (
                4,
                serde_json::json!({ "first": 1, "a": array(n), "last": 2 }),
            ),
            (4, serde_json::json!({ "a": object(n), "b": { "c": 1 } })),
        ];
        for (overhead, doc) in shapes {
            let text = serde_json::to_string(&doc).unwrap();
            let mut lines = Vec::new();
            flatten(&doc, None, &mut lines);
            if n + overhead > MAX_NODES {
                let mut out = vec![0u8; text.len() * 3 + 64];
                let got = canonical_json(text.as_bytes(), SortOrder::Natural, &mut out);
                assert_eq!(
                    got,
                    Err(qrsign::Error::TooManyValues { limit: MAX_NODES }),
                    "{n} {text:.80}"
                );
                continue;
            }
            for order in SortOrder::ALL {
                let want = model(lines.clone(), order);
                // Every line repeats its path: the string outgrows the document.
                let mut out = vec![0u8; want.len()];
                let len = canonical_json(text.as_bytes(), order, &mut out)
                    .unwrap_or_else(|e| panic!("{order:?} {n}: {e}: {text:.80}"));
                assert_eq!(&out[..len], want.as_bytes(), "{order:?} {n} {text:.80}");
                let key = Key::new(b"secret").unwrap().with_order(order);
                assert_eq!(
                    key.sign_json(text.as_bytes()).unwrap().as_str(),
                    hmac_base64(&want),
                    "{order:?} {n}"
                );
            }
        }
    }
}
