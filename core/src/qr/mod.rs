//! QR codes: encoding into caller-owned buffers, renderers, `display_data` and `img_src`.
//!
//! A symbol lives in a caller buffer in qrcodegen's layout ([`QrCode`]); buffer sizes are
//! `const fn`s ([`buffer_len`]) so firmware sizes its arrays at compile time. The platform's QR
//! data is read in place: Monetix Click QR's `display_data` ([`DisplayData`]) and JetPay's
//! `img_src` PNG data URI ([`ImgSrc`]).

mod bit_rows;
mod capacity;
mod display_data;
mod encode;
mod function_modules;
mod img_src;
mod mask;
mod options;
mod penalty;
pub mod render;
mod symbol;

pub use display_data::{DisplayData, DisplayText};
pub use encode::{encode_binary, encode_text};
pub use img_src::ImgSrc;
pub use mask::mask_penalties;
pub use options::QrOptions;
pub use render::{
    RenderOptions, bitmap_len, escpos_len, pbm_ascii_len, pbm_binary_len, render_bitmap,
    render_escpos, render_pbm_ascii, render_pbm_binary, render_svg, render_terminal, svg_len,
    terminal_len, terminal_len_max,
};
pub use symbol::{
    BUFFER_LEN_MAX, Ecc, QrCode, VERSION_MAX, VERSION_MIN, buffer_len, max_version_for, side_len,
};
