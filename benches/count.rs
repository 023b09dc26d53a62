//! Instruction counts of the signing benchmarks' cases, for `valgrind --tool=callgrind`
//! (deterministic where wall-clock time on a shared machine is not): `benches/count.sh`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
mod common;

use common::{CALLBACK, CALLBACK_CANONICAL, SECRET, payment_page_params};
use qrsign::Key;
use sha2::Sha512;

const RUNS: usize = 1000;

fn main() {
    // Under `cargo bench` the first argument is `--bench`: nothing to count then.
    let Some(case) = std::env::args().nth(1).filter(|a| !a.starts_with("--")) else {
        println!("count: run benches/count.sh (instruction counts under callgrind)");
        return;
    };
    let params = payment_page_params();
    let mut buf = [0u8; 512];
    let n = qrsign::canonical_params(&params, qrsign::SortOrder::Natural, &mut buf).unwrap();
    let pp_canonical = buf[..n].to_vec();
    let body = CALLBACK.trim_end().as_bytes();
    let cb_canonical = CALLBACK_CANONICAL.trim_end().as_bytes();
    let tag = STANDARD
        .decode(&body[body.len() - 90..body.len() - 2])
        .unwrap();
    let key = Key::new(SECRET).unwrap();
    let mut acc = 0u32;
    for _ in 0..RUNS {
        acc += match case.as_str() {
            "floor-sign" => {
                let mut mac = Hmac::<Sha512>::new_from_slice(black_box(SECRET)).unwrap();
                mac.update(black_box(&pp_canonical));
                let mut out = [0u8; 88];
                STANDARD
                    .encode_slice(mac.finalize().into_bytes(), &mut out)
                    .unwrap();
                u32::from(out[0])
            }
            "sign" => u32::from(
                Key::new(black_box(SECRET))
                    .unwrap()
                    .sign_params(black_box(&params))
                    .unwrap()
                    .as_bytes()[0],
            ),
            "sign-reused" => u32::from(key.sign_params(black_box(&params)).unwrap().as_bytes()[0]),
            "floor-verify" => {
                let mut mac = Hmac::<Sha512>::new_from_slice(black_box(SECRET)).unwrap();
                mac.update(black_box(cb_canonical));
                u32::from(mac.verify_slice(&tag).is_ok())
            }
            "verify" => u32::from(
                Key::new(black_box(SECRET))
                    .unwrap()
                    .verify_callback(black_box(body))
                    .is_ok(),
            ),
            "verify-reused" => u32::from(key.verify_callback(black_box(body)).is_ok()),
            "baseline" => 1,
            other => panic!("unknown case {other}"),
        };
    }
    println!("{acc}");
}
