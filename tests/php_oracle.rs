//! qrsign against PHP itself: the platform's canonical form is PHP's `strnatcmp` order and
//! PHP's `(string)$float`. tests/oracle/canonical.php builds the canonical string the way the
//! PHP SDK does; hundreds of seeded random documents (quirky keys, floats in every notation,
//! integers beyond i64) must come out byte for byte the same. Needs `php` (php-cli, installed by
//! scripts/deps.sh).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::{SortOrder, canonical_json};

#[path = "common/php.rs"]
mod php;

/// A small deterministic generator (no dependency, reproducible across runs).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const KEYS: &[&str] = &[
    "a",
    "b",
    "ab",
    "a b",
    " a",
    "a ",
    "a\\tb",
    "a1",
    "a2",
    "a10",
    "a01",
    "0",
    "00",
    "07",
    "7",
    "10",
    "x:y",
    "item_9",
    "item_10",
    "é",
    "ｘ",
    "😀",
    "a-b",
    "a.b",
    "A",
    "frame_mode",
    "sum",
    "amount",
    "id2",
    "id10",
];

fn number(r: &mut Lcg) -> String {
    let mantissa = r.next() % 100_000_000;
    match r.next() % 9 {
        0 => format!("{mantissa}"),
        1 => format!("-{mantissa}.{}", r.next() % 1000),
        2 => format!("{mantissa}e{}", r.next() % 40),
        3 => format!(
            "{}.{:06}E-{}",
            mantissa % 10,
            r.next() % 1_000_000,
            r.next() % 330
        ),
        4 => format!("1{:019}", r.next()),
        5 => format!("-0.{:013}", r.next() % 10_000_000_000_000),
        6 => format!("{}.0", mantissa),
        7 => format!("0.000{}", mantissa % 1000),
        _ => format!("{}.{}e+{}", mantissa, r.next() % 100, r.next() % 20),
    }
}

fn value(r: &mut Lcg, depth: u32) -> String {
    match if depth > 2 {
        r.next() % 4
    } else {
        r.next() % 6
    } {
        0 => number(r),
        1 => format!(
            "\"{}\"",
            r.pick(&["x", "a;b:c", "Оплата", "", "1.50", "\\u00e9\\/"])
        ),
        2 => r.pick(&["true", "false", "null"]).to_string(),
        3 => format!("{}", r.next() as i64 - (1 << 30)),
        4 => {
            let n = r.next() % 12;
            let items: Vec<String> = (0..n).map(|_| value(r, depth + 1)).collect();
            format!("[{}]", items.join(","))
        }
        _ => object(r, depth + 1),
    }
}

fn object(r: &mut Lcg, depth: u32) -> String {
    let mut keys: Vec<&str> = Vec::new();
    for _ in 0..r.next() % 6 {
        let k = r.pick(KEYS);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let members: Vec<String> = keys
        .iter()
        .map(|k| format!("\"{k}\":{}", value(r, depth)))
        .collect();
    format!("{{{}}}", members.join(","))
}

#[test]
fn canonical_strings_match_php() {
    let mut r = Lcg(0x005e_ed0f_9a7e);
    let docs: Vec<String> = (0..600).map(|_| object(&mut r, 0)).collect();
    let lines = php::canonical(&docs);
    assert_eq!(lines.len(), docs.len());
    let mut failed = 0;
    for (doc, want) in docs.iter().zip(&lines) {
        let mut out = vec![0u8; doc.len() * 4 + 64];
        let n = canonical_json(doc.as_bytes(), SortOrder::Natural, &mut out).unwrap();
        let ours = String::from_utf8_lossy(&out[..n]);
        if ours != *want {
            failed += 1;
            println!("FAIL {doc}\n  php:    {want}\n  qrsign: {ours}");
        }
    }
    println!("{} passed, {failed} failed", docs.len() - failed);
    assert_eq!(failed, 0);
}
