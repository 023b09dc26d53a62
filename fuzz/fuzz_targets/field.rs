//! `find_field` against serde_json on the same document. The input is a path and a document:
//! byte 0 is the path's length (mod 32), then the path, then the document.
//!
//! - The document is accepted (the empty path) exactly when serde_json reads it, within the
//!   nesting limit.
//! - On a document the canonicaliser accepts (so with no duplicate key anywhere; up to 384
//!   values), the fuzzer's path and every path of the document (up to 256) give what a lookup in serde_json's value
//!   gives: the same value (kind, raw text parsing to it, decoded string), or `FieldNotFound`
//!   at the container / `UnexpectedType` at the scalar where the lookup stops.
//! - Every size query of `value_into` is exact; nothing panics on any input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qrsign_core::limits::MAX_DEPTH;
use qrsign_core::{Error, Field, FieldKind, SortOrder, canonical_json, find_field};
use serde_json::Value;

/// Containers nested in `v`, itself included.
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// What a lookup of `path` in serde_json's value gives: the value, or the error `find_field`
/// documents, with the path of the value where the lookup stopped (to find its offset; `None`
/// when no path names it: the top-level member `""`).
fn lookup<'v>(root: &'v Value, path: &str) -> Result<&'v Value, (Stop, Option<String>)> {
    let mut at = root;
    let mut walked: Vec<&str> = Vec::new();
    let segments = (!path.is_empty()).then(|| path.split('.')).into_iter().flatten();
    for segment in segments {
        let next = match at {
            Value::Object(m) => m.get(segment),
            Value::Array(a) => index_of(segment).and_then(|i| a.get(i)),
            _ => return Err((Stop::Scalar, named(&walked))),
        };
        let Some(next) = next else {
            return Err((Stop::Missing, named(&walked)));
        };
        walked.push(segment);
        at = next;
    }
    Ok(at)
}

/// The path of `segments`, if one names them (one empty segment would read as the root).
fn named(segments: &[&str]) -> Option<String> {
    (segments != [""]).then(|| segments.join("."))
}

#[derive(Debug, PartialEq)]
enum Stop {
    Missing,
    Scalar,
}

/// A segment's array index as documented: decimal digits, no sign, no leading zero.
fn index_of(s: &str) -> Option<usize> {
    let ok = s == "0" || (!s.starts_with('0') && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| s.parse().ok()).flatten()
}

fn kind_of(v: &Value) -> FieldKind {
    match v {
        Value::String(_) => FieldKind::String,
        Value::Number(_) => FieldKind::Number,
        Value::Bool(true) => FieldKind::True,
        Value::Bool(false) => FieldKind::False,
        Value::Null => FieldKind::Null,
        Value::Object(_) => FieldKind::Object,
        Value::Array(_) => FieldKind::Array,
    }
}

/// The field equals serde_json's value, and its size query is exact.
fn check_value(field: &Field<'_>, want: &Value) {
    assert_eq!(field.kind(), kind_of(want));
    let reparsed: Value = serde_json::from_str(field.raw()).unwrap();
    assert_eq!(&reparsed, want);
    let len = field.value_len();
    let mut out = vec![0u8; len];
    assert_eq!(field.value_into(&mut out), Ok(len));
    if len > 0 {
        assert_eq!(
            field.value_into(&mut out[..len - 1]),
            Err(Error::BufferTooSmall { needed: len })
        );
    }
    match want {
        Value::String(s) => assert_eq!(out, s.as_bytes()),
        _ => assert_eq!(out, field.raw().as_bytes()),
    }
}

/// `find_field` on `path` agrees with the lookup in serde_json's value.
fn check_path(doc: &[u8], root: &Value, path: &str) {
    let got = find_field(doc, path);
    match lookup(root, path) {
        Ok(want) => check_value(&got.unwrap(), want),
        Err((stop, walked)) => {
            let got = got.unwrap_err();
            // The stop's offset is that of the value the walked segments reach, found by the
            // same lookup, except where they are one empty segment (the top-level member
            // `""`): its path, the empty string, means the whole document.
            let Some(walked) = walked else {
                assert!(
                    matches!(
                        (&stop, &got),
                        (Stop::Missing, Error::FieldNotFound { .. })
                            | (Stop::Scalar, Error::UnexpectedType { .. })
                    ),
                    "{path}: {got:?}"
                );
                return;
            };
            let offset = find_field(doc, &walked).unwrap().offset();
            let want = match stop {
                Stop::Missing => Error::FieldNotFound { offset },
                Stop::Scalar => Error::UnexpectedType { offset },
            };
            assert_eq!(got, want, "{path}");
        }
    }
}

/// Every path of `v` (prefix `path`), up to `budget` of them.
fn paths(v: &Value, path: &str, out: &mut Vec<String>, budget: usize) {
    if out.len() >= budget {
        return;
    }
    out.push(path.to_owned());
    let join = |s: &str| if path.is_empty() { s.to_owned() } else { format!("{path}.{s}") };
    match v {
        Value::Object(m) => {
            for (k, member) in m {
                if !k.contains('.') && !(k.is_empty() && path.is_empty()) {
                    paths(member, &join(k), out, budget);
                }
            }
        }
        Value::Array(a) => {
            for (i, element) in a.iter().enumerate() {
                paths(element, &join(&i.to_string()), out, budget);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&len, rest)) = data.split_first() else {
        return;
    };
    let split = usize::from(len % 32).min(rest.len());
    let (path, doc) = rest.split_at(split);
    let path = String::from_utf8_lossy(path);
    let theirs: Option<Value> = serde_json::from_slice(doc).ok();
    let whole = find_field(doc, "");
    match &theirs {
        Some(v) if depth(v) <= MAX_DEPTH => check_value(whole.as_ref().unwrap(), v),
        Some(_) => assert_eq!(whole.unwrap_err(), Error::TooDeep { limit: MAX_DEPTH }),
        None => assert!(whole.is_err(), "accepted what serde_json refuses"),
    }
    // Any path on any input: no panic.
    let ours = find_field(doc, &path);
    let Some(root) = theirs.filter(|v| depth(v) <= MAX_DEPTH) else {
        assert!(ours.is_err());
        return;
    };
    // Only without duplicate keys (serde_json keeps the last one, we refuse one on the path),
    // which the canonicaliser tells (within its 384 values).
    if canonical_json(doc, SortOrder::Natural, &mut [])
        .is_err_and(|e| !matches!(e, Error::BufferTooSmall { .. }))
    {
        return;
    }
    check_path(doc, &root, &path);
    let mut all = Vec::new();
    paths(&root, "", &mut all, 256);
    for p in &all {
        check_path(doc, &root, p);
    }
});
