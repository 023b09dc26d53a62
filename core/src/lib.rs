//! qrsign-core (work in progress).
#![no_std]
#![forbid(unsafe_code)]

mod error;
pub mod limits;
pub mod qr;

pub use error::Error;
