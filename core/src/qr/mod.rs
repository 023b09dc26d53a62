//! QR codes: encoding into caller-owned buffers, renderers, `display_data` and `img_src`.
//!
//! A symbol lives in a caller buffer in qrcodegen's layout ([`QrCode`]); buffer sizes are
//! `const fn`s ([`buffer_len`]) so firmware sizes its arrays at compile time.

mod bit_rows;
mod capacity;
mod encode;
mod function_modules;
mod mask;
mod options;
mod penalty;
mod symbol;

pub use encode::{encode_binary, encode_text};
pub use mask::mask_penalties;
pub use options::QrOptions;
pub use symbol::{
    BUFFER_LEN_MAX, Ecc, QrCode, VERSION_MAX, VERSION_MIN, buffer_len, max_version_for, side_len,
};
