//! Bounded work: doubling a hostile input at most roughly doubles the work. Work is counted in
//! instructions by callgrind (deterministic, unlike time): this binary runs itself under
//! `valgrind --tool=callgrind --toggle-collect` for each shape at sizes n and 2n, counting only
//! the call under test, and checks count(2n) <= 2.3 x count(n). Shapes: long strings, escapes,
//! number literals and keys; many members (sorted: the sibling sort's worst cases) and array
//! elements, at the top and nested (a container of more than half the node table); deep nesting; the Gate body edit and callback verification over them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::process::Command;

use qrsign::{Key, SortOrder, canonical_json};

/// The largest ratio allowed between the work at 2n and at n: "roughly doubles". Sorting the
/// members is n log n: 2.28x from 150 to 300 members.
const LIMIT: f64 = 2.4;

/// The input of `shape` at size `n`, and what is done with it.
fn input(shape: &str, n: usize) -> (String, &'static str) {
    let members = |f: &dyn Fn(usize) -> String| {
        let m: Vec<String> = (0..n).map(f).collect();
        format!("{{{}}}", m.join(","))
    };
    match shape {
        "string" => (format!(r#"{{"k":"{}"}}"#, "x".repeat(n)), "canonical"),
        "escapes" => (
            format!(r#"{{"k":"{}"}}"#, "\\u00e9\\n".repeat(n)),
            "canonical",
        ),
        "number" => (format!(r#"{{"n":{}}}"#, "9".repeat(n)), "canonical"),
        "float" => (format!(r#"{{"n":0.{}1e5}}"#, "0".repeat(n)), "canonical"),
        "key" => (format!(r#"{{"{}":1}}"#, "k".repeat(n)), "canonical"),
        // Members named so that PHP's natural order decides late: long common prefixes, digit
        // runs, reverse order (the sort's worst case).
        "members" => (
            members(&|i| format!(r#""item {:0>40}{}":{i}"#, "", n - i)),
            "canonical",
        ),
        "members_line" => (members(&|i| format!(r#""k{}":{i}"#, n - i)), "line"),
        "array" => (
            format!(
                "[{}]",
                (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(",")
            ),
            "canonical",
        ),
        // The same inside another container: at 2n = 300 members the container holds more
        // than half the node table (its members' move in the parse overlaps itself).
        "nested_members" => (
            format!(
                r#"{{"a":{}}}"#,
                members(&|i| format!(r#""item {:0>40}{}":{i}"#, "", n - i))
            ),
            "canonical",
        ),
        "nested_array" => (
            format!(
                r#"{{"a":{{"b":[{}]}}}}"#,
                (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(",")
            ),
            "canonical",
        ),
        "nesting" => ("[".repeat(n) + "1" + &"]".repeat(n), "canonical"),
        "gate" => (
            format!(
                r#"{{"general":{{"project_id":1}},"d":"{}"}}"#,
                "x".repeat(n)
            ),
            "gate",
        ),
        "callback" => {
            let sig = "A".repeat(86) + "==";
            let body = members(&|i| format!(r#""m{i}":"v{i}""#));
            (
                format!(r#"{{"signature":"{sig}",{}"#, &body[1..]),
                "callback",
            )
        }
        _ => panic!("unknown shape {shape}"),
    }
}

/// The call under test: the only function callgrind counts (`--toggle-collect`).
#[inline(never)]
fn measured(json: &[u8], what: &str, out: &mut [u8], key: &Key) {
    let _ = black_box(match what {
        "canonical" => canonical_json(json, SortOrder::Natural, out).map(|_| ()),
        "line" => canonical_json(json, SortOrder::LineBytewise, out).map(|_| ()),
        "gate" => key.sign_gate_body(json, out).map(|_| ()),
        _ => key.verify_callback(json).map(|_| ()),
    });
}

fn count(shape: &str, n: usize) -> u64 {
    let out = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--toggle-collect=*scaling*measured*",
        ])
        .arg(std::env::current_exe().unwrap())
        .env("QRSIGN_SCALING_CASE", format!("{shape} {n}"))
        .output()
        .expect("valgrind not found: run scripts/deps.sh");
    let text = String::from_utf8_lossy(&out.stderr);
    text.lines()
        .find_map(|l| l.split("Collected : ").nth(1))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count from callgrind: {text}"))
}

fn main() {
    if let Ok(case) = std::env::var("QRSIGN_SCALING_CASE") {
        let (shape, n) = case.split_once(' ').unwrap();
        let (json, what) = input(shape, n.parse().unwrap());
        let mut out = vec![0u8; json.len() * 4 + 256];
        measured(
            json.as_bytes(),
            what,
            &mut out,
            &Key::new(b"secret").unwrap(),
        );
        return;
    }
    let cases = [
        ("string", 50_000),
        ("escapes", 10_000),
        ("number", 5_000),
        ("float", 5_000),
        ("key", 2_000),
        ("members", 150),
        ("members_line", 150),
        ("array", 150),
        ("nested_members", 150),
        ("nested_array", 150),
        ("nesting", 16),
        ("gate", 50_000),
        ("callback", 150),
    ];
    let (mut passed, mut failed) = (0, 0);
    for (shape, n) in cases {
        let (a, b) = (count(shape, n), count(shape, 2 * n));
        let ratio = b as f64 / a as f64;
        let ok = ratio <= LIMIT && a > 0;
        println!(
            "{shape}: {a} instructions at n = {n}, {b} at 2n: {ratio:.2}x {}",
            if ok { "ok" } else { "FAILED" }
        );
        if ok { passed += 1 } else { failed += 1 }
    }
    println!("{passed} passed, {failed} failed");
    std::process::exit(i32::from(failed > 0));
}
