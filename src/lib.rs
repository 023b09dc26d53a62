//! `qrsign`: the Rust face of the qrsign project. Everything lives in [`qrsign_core`] (`no_std`,
//! no heap); this crate re-exports it and owns the integration tests and benchmarks.
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub use qrsign_core::*;
