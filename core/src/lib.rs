//! qrsign-core: the platform's request signatures and QR codes, `#![no_std]`, without a heap.
//!
//! Everything the ECommPay platform (Monetix, JetPay, trxhost) needs from a merchant's side, for
//! firmware as much as for servers:
//!
//! - the canonical string ([`canonical_json`], [`canonical_params`], [`canonical_callback`]) in
//!   the platform's natural order or the compatibility orders ([`SortOrder`]);
//! - a reusable key context ([`Key`]): sign and verify (constant time) flat parameters and JSON,
//!   verify callbacks ([`Key::verify_callback`]), sign Gate bodies ([`Key::sign_gate_body`]),
//!   build Payment Page URLs ([`Key::payment_page_url`]), find out why a signature fails
//!   ([`Key::diagnose_json`]);
//! - one field of a JSON document read in place by its path ([`find_field`]: `payment.status`
//!   of a verified callback);
//! - amounts in minor units ([`Currency`], [`CLICK_QR_LIMITS`]);
//! - QR codes ([`qr`]): `display_data` and `img_src` read in place, encoding into caller buffers
//!   (qrcodegen's exact symbols, a fast automatic mask), SVG/bitmap/ESC-POS/terminal/PBM renderers.
//!
//! Input is read in place from the caller's bytes; output goes into caller buffers; the canonical
//! string is fed straight into the MAC and never materialised. Errors are one [`Error`] enum.
//!
//! ```
//! use qrsign_core::{Key, SignatureLocation};
//! let key = Key::new(b"secret")?;
//! let callback = br#"{"payment":{"id":"000049","status":"success"},"signature":"/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng=="}"#;
//! assert_eq!(key.verify_callback(callback)?, SignatureLocation::TopLevel);
//! # Ok::<(), qrsign_core::Error>(())
//! ```
//!
//! # Limits and stack
//!
//! The core uses a bounded amount of stack and no recursion on input: JSON is read into a
//! fixed node table ([`limits::MAX_NODES`] values, 20 bytes each) with nesting up to
//! [`limits::MAX_DEPTH`]; flat requests have up to [`limits::MAX_PARAMS`] parameters; keys up to
//! [`limits::MAX_KEY_LEN`] bytes. Past a limit a call fails with `TooDeep`, `TooManyValues` or
//! `InputTooLong`, never with a wrong signature.
//!
//! Measured stack: verifying a realistic 1.6 KB Click QR callback (release build) needs about
//! 10.5 KiB (node table 7.5 KiB, sibling order 0.75 KiB, HMAC state and staging 0.8 KiB; the
//! sort's 0.4 KiB array of key heads is live only while sorting, above the deeper hashing); it runs
//! in a 16 KiB thread, the smallest a Linux thread gets, and the test suite checks it in a
//! 32 KiB one (`tests/stack.rs`). Filling the sibling order during the parse (it is now live
//! from the parse on) made `verify_callback`'s own frame 576 bytes bigger (9,800 to 10,376
//! bytes, x86-64 release, read from the disassembly); keeping the HMAC state at block level
//! (160 bytes, finished in place, no copies of the 290-byte `Hmac` wrapper) took it from
//! 10,536 to 9,416 bytes (the prologue's `sub rsp` in the same build of `benches/count.rs`,
//! before and after; rustc 1.95); the fifth speed round's build measures 9,456 (the same
//! `sub rsp`: +40 bytes though the verify path's code did not change, after the signature text
//! stopped using the `base64` crate's encoder); the sixth round's 9,592 (+96 for room to write
//! a whole canonical line past the MAC stage, the rest with the new build).
//! Through the C ABI (library built for size,
//! `make bench-c`) the measured high-water mark of key set-up plus verification is 13.5 KB
//! (`benches/README.md`). The cargo feature `small-node-table` (128 values) brings it under the
//! 8 KiB target: 6.3 KB through the firmware C library (`make firmware`), 12 KB with the default.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]

mod ambiguity;
mod amount;
mod canonical;
mod diagnose;
mod error;
mod field;
mod gate;
mod json;
mod key;
pub mod limits;
mod number;
mod order;
mod order_set;
mod params;
pub mod qr;
mod sink;
mod tag_text;
mod url;

pub use ambiguity::find_ambiguity;
pub use amount::{AmountLimits, CLICK_QR_LIMITS, Currency};
pub use canonical::{canonical_callback, canonical_json, canonical_params};
pub use diagnose::Diagnosis;
pub use error::Error;
pub use field::{Field, FieldKind, find_field};
pub use gate::GATE_SIGNATURE_OVERHEAD;
pub use key::{Key, SIGNATURE_LEN, Signature, SignatureLocation};
pub use order::SortOrder;
pub use order_set::OrderSet;
pub use params::{Param, Value};
pub use url::{ECOMMPAY_PAYMENT_PAGE, JETPAY_GENERATE_QR, JETPAY_PAYMENT_PAGE};
