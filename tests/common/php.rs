//! The PHP oracle: tests/oracle/canonical.php builds each document's canonical string the way
//! the platform's PHP SDK does (PHP's own `json_decode`, `strnatcmp` and float formatting).
//! Needs `php` (php-cli, installed by scripts/deps.sh).

use std::io::Write;
use std::process::{Command, Stdio};

/// PHP's canonical string of each JSON document (one document per line, no newlines inside).
pub fn canonical(docs: &[String]) -> Vec<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/canonical.php");
    let mut php = Command::new("php")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("php not found: run scripts/deps.sh (Debian package php-cli)");
    let mut stdin = php.stdin.take().unwrap();
    let input = docs.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = php.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "php failed");
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<String>(l).unwrap())
        .collect();
    lines
}
