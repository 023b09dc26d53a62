//! qrsign-core (work in progress).
#![no_std]
#![forbid(unsafe_code)]

mod canonical;
mod error;
mod json;
mod key;
pub mod limits;
mod number;
mod order;
mod params;
pub mod qr;
mod sink;

pub use canonical::{canonical_callback, canonical_json};
pub use error::Error;
pub use key::{Key, SIGNATURE_LEN, Signature, SignatureLocation};
pub use order::SortOrder;
pub use params::{Param, Value};
