//! Instruction counts of the signing benchmarks' cases, for `valgrind --tool=callgrind`
//! (deterministic where wall-clock time on a shared machine is not): `benches/count.sh`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

mod common;

use common::{
    SECRET, callback_parts, floor_sign, floor_verify, payment_page_canonical, payment_page_params,
};
use qrsign::Key;

const RUNS: usize = 1000;

fn main() {
    // Under `cargo bench` the first argument is `--bench`: nothing to count then.
    let Some(case) = std::env::args().nth(1).filter(|a| !a.starts_with("--")) else {
        println!("count: run benches/count.sh (instruction counts under callgrind)");
        return;
    };
    let params = payment_page_params();
    let pp_canonical = payment_page_canonical();
    let (body, cb_canonical, tag) = callback_parts();
    let key = Key::new(SECRET).unwrap();
    let mut acc = 0u32;
    for _ in 0..RUNS {
        acc += match case.as_str() {
            "floor-sign" => u32::from(floor_sign(black_box(&pp_canonical))[0]),
            "sign" => u32::from(
                Key::new(black_box(SECRET))
                    .unwrap()
                    .sign_params(black_box(&params))
                    .unwrap()
                    .as_bytes()[0],
            ),
            "sign-reused" => u32::from(key.sign_params(black_box(&params)).unwrap().as_bytes()[0]),
            "floor-verify" => u32::from(floor_verify(black_box(cb_canonical), &tag)),
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
