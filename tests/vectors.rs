//! Every shared signing vector: canonical string and signature, byte for byte.
//!
//! The vectors (tests/vectors/signing-vectors.json, copied from the project's shared reference
//! material; see tests/vectors/README.md) were produced by the platform's official SDKs.
//! `QRSIGN_VECTORS=/path/file.json` checks another file of the same format instead. One test per
//! vector, named by its id; a failure shows the expected and actual canonical string or signature.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::{Key, SortOrder, canonical_json};
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
                Ok(()) => None,
            },
        },
    };
    Outcome { id, problem }
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
