//! qrsign-core (work in progress).
#![no_std]
#![forbid(unsafe_code)]

mod amount;
mod canonical;
mod diagnose;
mod error;
mod gate;
mod json;
mod key;
pub mod limits;
mod number;
mod order;
mod params;
pub mod qr;
mod sink;
mod url;

pub use amount::{AmountLimits, CLICK_QR_LIMITS, Currency};
pub use canonical::{canonical_callback, canonical_json, canonical_params};
pub use diagnose::Diagnosis;
pub use error::Error;
pub use gate::GATE_SIGNATURE_OVERHEAD;
pub use key::{Key, SIGNATURE_LEN, Signature, SignatureLocation};
pub use order::SortOrder;
pub use params::{Param, Value};
pub use url::{ECOMMPAY_PAYMENT_PAGE, JETPAY_GENERATE_QR, JETPAY_PAYMENT_PAGE};
