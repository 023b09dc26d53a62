//! Every shared signing vector: canonical string and signature, byte for byte.
//!
//! The vectors (tests/vectors/signing-vectors.json, copied from the project's shared reference
//! material; see tests/vectors/README.md) were produced by the platform's official SDKs.
//! `QRSIGN_VECTORS=/path/file.json` checks another file of the same format instead. One test per
//! vector, named by its id; a failure shows the expected and actual canonical string or signature.
//!
//! Where the file gives the canonical string of a compatibility order (the SDK that defines it,
//! `python-git-head` for path-bytewise and `go` for line-bytewise, agrees, or its own string is a
//! reordering of the reference's lines), that order's canonical string is checked too, and
//! `diagnose_json` must report, for a signature made under each known order, exactly the orders
//! whose canonical string equals the signed one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::{Key, OrderSet, SortOrder, canonical_json};
use serde_json::Value;

struct Outcome {
    id: String,
    problem: Option<String>,
}

fn vectors_path() -> String {
    std::env::var("QRSIGN_VECTORS").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/signing-vectors.json"
        )
        .into()
    })
}

fn check(v: &Value) -> Outcome {
    let id = v["id"].as_str().unwrap_or("?").to_string();
    let json = v["params_json"].as_str().unwrap_or_default();
    let secret = v["secret"].as_str().unwrap_or_default();
    let want_canonical = v["canonical"].as_str().unwrap_or_default();
    let want_signature = v["signature"].as_str().unwrap_or_default();
    let mut buf = vec![0u8; json.len() * 2 + 64];
    let problem = match canonical_json(json.as_bytes(), SortOrder::Natural, &mut buf) {
        Err(e) => Some(format!("canonical: error {e}")),
        Ok(n) if &buf[..n] != want_canonical.as_bytes() => Some(format!(
            "canonical differs\n  expected: {want_canonical}\n  actual:   {}",
            String::from_utf8_lossy(&buf[..n])
        )),
        Ok(_) => match Key::new(secret.as_bytes()).and_then(|k| k.sign_json(json.as_bytes())) {
            Err(e) => Some(format!("sign: error {e}")),
            Ok(sig) if sig.as_str() != want_signature => Some(format!(
                "signature differs\n  expected: {want_signature}\n  actual:   {}",
                sig.as_str()
            )),
            Ok(_) => match Key::new(secret.as_bytes())
                .and_then(|k| k.verify_json(json.as_bytes(), want_signature.as_bytes()))
            {
                Err(e) => Some(format!("verify: error {e}")),
                Ok(()) => check_orders(v, json, secret).err(),
            },
        },
    };
    Outcome { id, problem }
}

/// The SDK whose canonical string defines each compatibility order in the vector files.
const ORDER_SDK: [(SortOrder, &str); 2] = [
    (SortOrder::PathBytewise, "python-git-head"),
    (SortOrder::LineBytewise, "go"),
];

/// The canonical string the file expects under `order`, if it says: the reference when the
/// defining SDK agrees, else that SDK's own string when it differs from the reference's only in
/// the order of its lines (another difference is that SDK's own bug, not its order).
fn expected_canonical(v: &Value, order: SortOrder) -> Option<String> {
    let reference = v["canonical"].as_str()?;
    let Some(&(_, sdk)) = ORDER_SDK.iter().find(|(o, _)| *o == order) else {
        return Some(reference.to_string());
    };
    let agrees = v["agreeing_sdks"]
        .as_array()
        .is_some_and(|a| a.iter().any(|s| s == sdk));
    if agrees {
        return Some(reference.to_string());
    }
    let theirs = v["by_sdk"][sdk]["canonical"].as_str()?;
    let lines = |s: &str| {
        let mut l: Vec<String> = s.split(';').map(String::from).collect();
        l.sort();
        l
    };
    (lines(theirs) == lines(reference)).then(|| theirs.to_string())
}

/// Each order's canonical string where the file gives it; then, for a signature made under each
/// such order, the diagnosis names exactly the orders whose canonical string is the signed one.
fn check_orders(v: &Value, json: &str, secret: &str) -> Result<(), String> {
    let mut ours = Vec::new();
    for order in SortOrder::ALL {
        let mut buf = vec![0u8; json.len() * 2 + 64];
        let n = canonical_json(json.as_bytes(), order, &mut buf)
            .map_err(|e| format!("canonical {order:?}: error {e}"))?;
        let got = String::from_utf8_lossy(&buf[..n]).into_owned();
        if let Some(want) = expected_canonical(v, order)
            && got != want
        {
            return Err(format!(
                "canonical {order:?} differs\n  expected: {want}\n  actual:   {got}"
            ));
        }
        ours.push((order, got));
    }
    let key = Key::new(secret.as_bytes()).map_err(|e| format!("key: {e}"))?;
    for (signed_order, signed) in &ours {
        if expected_canonical(v, *signed_order).is_none() {
            continue;
        }
        let want = ours
            .iter()
            .filter(|(_, c)| c == signed)
            .fold(OrderSet::EMPTY, |set, (o, _)| set.with(*o));
        let sig = key
            .clone()
            .with_order(*signed_order)
            .sign_json(json.as_bytes());
        let sig = sig.map_err(|e| format!("sign {signed_order:?}: error {e}"))?;
        let mut shown = vec![0u8; json.len() * 2 + 64];
        let found = key
            .diagnose_json(json.as_bytes(), Some(sig.as_bytes()), &mut shown)
            .map_err(|e| format!("diagnose {signed_order:?}: error {e}"))?;
        if found.matching != want || found.order != want.iter().next() {
            return Err(format!(
                "diagnose of a {signed_order:?} signature: matching {:?} (first {:?}), expected {:?}",
                found.matching.iter().collect::<Vec<_>>(),
                found.order,
                want.iter().collect::<Vec<_>>()
            ));
        }
        if shown[..found.canonical_len] != *signed.as_bytes() {
            return Err(format!(
                "diagnose of a {signed_order:?} signature shows another string"
            ));
        }
    }
    Ok(())
}

fn main() {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let all: Vec<Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {path}: {e}"));
    assert!(!all.is_empty(), "no vectors in {path}");
    let args = libtest_mimic::Arguments::from_args();
    let trials = all
        .into_iter()
        .map(|v| {
            let name = v["id"].as_str().unwrap_or("?").to_string();
            libtest_mimic::Trial::test(name, move || match check(&v) {
                Outcome { problem: None, .. } => Ok(()),
                Outcome {
                    id,
                    problem: Some(p),
                } => Err(format!("vector {id}: {p}").into()),
            })
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    println!(
        "{} passed, {} failed",
        conclusion.num_passed, conclusion.num_failed
    );
    conclusion.exit();
}
