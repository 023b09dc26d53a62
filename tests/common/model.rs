//! The reference model of SIGNING.md: a serde_json value flattened into `path:value` lines,
//! sorted under one of the three orders and joined, by simple allocating code written
//! independently of the core. Used by tests/reference_model.rs and by the fuzz crate's
//! differential target (`#[path]`-included: the including crate root must have `SortOrder`
//! and `Json` (serde_json's `Value`) in scope).

use std::cmp::Ordering;

use crate::{Json, SortOrder};

/// PHP 8's strnatcmp_ex, transcribed over byte slices with indices (independently of the core's
/// cursor-based version). Past the end reads as NUL, as in C.
pub fn strnatcmp(a: &[u8], b: &[u8]) -> Ordering {
    let at = |s: &[u8], i: usize| s.get(i).copied().unwrap_or(0);
    let digit = |c: u8| c.is_ascii_digit();
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    if a.is_empty() || b.is_empty() {
        return a.len().cmp(&b.len());
    }
    let (mut ai, mut bi) = (0usize, 0usize);
    let mut leading = true;
    loop {
        let mut ca = at(a, ai);
        let mut cb = at(b, bi);
        while leading && ca == b'0' && ai + 1 < a.len() && digit(at(a, ai + 1)) {
            ai += 1;
            ca = at(a, ai);
        }
        while leading && cb == b'0' && bi + 1 < b.len() && digit(at(b, bi + 1)) {
            bi += 1;
            cb = at(b, bi);
        }
        leading = false;
        while space(ca) {
            ai += 1;
            ca = at(a, ai);
        }
        while space(cb) {
            bi += 1;
            cb = at(b, bi);
        }
        if digit(ca) && digit(cb) {
            let fractional = ca == b'0' || cb == b'0';
            let mut bias = Ordering::Equal;
            let result = loop {
                let (da, db) = (
                    ai < a.len() && digit(at(a, ai)),
                    bi < b.len() && digit(at(b, bi)),
                );
                match (da, db) {
                    (false, false) => break if fractional { Ordering::Equal } else { bias },
                    (false, true) => break Ordering::Less,
                    (true, false) => break Ordering::Greater,
                    (true, true) => {
                        let c = at(a, ai).cmp(&at(b, bi));
                        if fractional && c != Ordering::Equal {
                            break c;
                        }
                        if bias == Ordering::Equal {
                            bias = c;
                        }
                    }
                }
                ai += 1;
                bi += 1;
            };
            if result != Ordering::Equal {
                return result;
            }
            match (ai >= a.len(), bi >= b.len()) {
                (true, true) => return Ordering::Equal,
                (true, false) => return Ordering::Less,
                (false, true) => return Ordering::Greater,
                _ => {}
            }
            ca = at(a, ai);
            cb = at(b, bi);
        }
        if ca != cb {
            return ca.cmp(&cb);
        }
        ai += 1;
        bi += 1;
        match (ai >= a.len(), bi >= b.len()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
    }
}

/// `prefix` is `None` at the root (an empty key is still a path segment: SIGNING.md joins keys).
pub fn flatten(value: &Json, prefix: Option<&str>, out: &mut Vec<(String, String)>) {
    let children: Vec<(String, &Json)> = match value {
        Json::Object(m) => m
            .iter()
            .filter(|(k, _)| *k != "frame_mode")
            .map(|(k, v)| (k.clone(), v))
            .collect(),
        Json::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => unreachable!(),
    };
    for (key, v) in children {
        let path = match prefix {
            None => key.replace(':', "::"),
            Some(p) => format!("{p}:{}", key.replace(':', "::")),
        };
        match v {
            Json::Object(_) | Json::Array(_) => flatten(v, Some(&path), out),
            Json::String(s) => out.push((path, s.clone())),
            Json::Bool(b) => out.push((path, if *b { "1" } else { "0" }.into())),
            Json::Null => out.push((path, String::new())),
            Json::Number(n) => out.push((path, n.to_string())),
        }
    }
}

pub fn model(lines: Vec<(String, String)>, order: SortOrder) -> String {
    let mut lines = lines;
    // Stable sorts: equal paths keep document order.
    match order {
        SortOrder::Natural => lines.sort_by(|a, b| strnatcmp(a.0.as_bytes(), b.0.as_bytes())),
        SortOrder::PathBytewise => lines.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes())),
        SortOrder::LineBytewise => lines.sort_by(|a, b| {
            format!("{}:{}", a.0, a.1)
                .into_bytes()
                .cmp(&format!("{}:{}", b.0, b.1).into_bytes())
        }),
    }
    lines
        .iter()
        .map(|(p, v)| format!("{p}:{v}"))
        .collect::<Vec<_>>()
        .join(";")
}
