//! C ABI for qrsign: the static library `libqrsign.a` / shared `libqrsign.so` and the header
//! `include/qrsign.h` (generated from this crate by cbindgen; `make header`).
//!
//! This is the only crate of the workspace with `unsafe`. Every export:
//! - is wrapped in [`boundary::ffi_boundary!`] (a `catch_unwind` with a fallback value per
//!   return type, so no panic crosses into C);
//! - turns pointers into references and slices only through the NULL-checking helper macros of
//!   [`boundary`];
//! - returns a [`qrsign_status`] (except `qrsign_version` and `qrsign_status_str`, which return
//!   static strings);
//! - writes its outputs only on success; on `QRSIGN_ERR_BUFFER_TOO_SMALL` only `*out_written`.
//!
//! `tests/c/check_exports.py` checks every exported symbol against the header and every export's
//! body for the boundary macro.
//!
//! Cargo feature `std` (default): the hosted `.a`/`.so` with the `catch_unwind` boundary.
//! Without it (`make firmware`, or `cargo build -p qrsign-ffi --no-default-features --target
//! thumbv7em-none-eabihf --release`) the crate is `#![no_std]`, built with `panic = "abort"`, and
//! a panic calls the weak C hook `qrsign_panic_hook` (`src/panic_hook.rs`); same header, same
//! symbols.
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![allow(non_camel_case_types)]
// C signatures: context, inputs, outputs with lengths, detail; the count is the ABI's shape.
#![allow(clippy::too_many_arguments)]

mod amount;
mod boundary;
mod field;
mod out;
#[cfg(not(any(feature = "std", test)))]
mod panic_hook;
mod qr;
mod qr_data;
mod sign;
mod status;

use core::ffi::c_char;

pub use amount::*;
use boundary::ffi_boundary;
pub use field::*;
pub use qr::*;
pub use qr_data::*;
pub use sign::*;
pub use status::{qrsign_error_detail, qrsign_status};

/// Major version of the library (semantic versioning; the C ABI is stable within a major
/// version, and the shared library's SONAME is `libqrsign.so.MAJOR`).
pub const QRSIGN_VERSION_MAJOR: u32 = 0;
/// Minor version of the library.
pub const QRSIGN_VERSION_MINOR: u32 = 1;
/// Patch version of the library.
pub const QRSIGN_VERSION_PATCH: u32 = 0;

/// Parses a decimal `u32` at compile time (for the version check below).
const fn parse_u32(s: &str) -> u32 {
    let mut b = s.as_bytes();
    let mut v: u32 = 0;
    while let [d, rest @ ..] = b {
        assert!(d.is_ascii_digit(), "version component is not a number");
        v = v * 10 + (*d - b'0') as u32;
        b = rest;
    }
    v
}

// The header's version macros come from the constants above; they must match Cargo.toml.
const _: () = assert!(QRSIGN_VERSION_MAJOR == parse_u32(env!("CARGO_PKG_VERSION_MAJOR")));
const _: () = assert!(QRSIGN_VERSION_MINOR == parse_u32(env!("CARGO_PKG_VERSION_MINOR")));
const _: () = assert!(QRSIGN_VERSION_PATCH == parse_u32(env!("CARGO_PKG_VERSION_PATCH")));

/// The library version as a static NUL-terminated string, `"MAJOR.MINOR.PATCH"` (equal to the
/// `QRSIGN_VERSION_*` macros of the header the library was built with). Never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_version() -> *const c_char {
    ffi_boundary! {
        const V: &core::ffi::CStr =
            match core::ffi::CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
                Ok(v) => v,
                Err(_) => c"0.0.0",
            };
        V.as_ptr()
    }
}
