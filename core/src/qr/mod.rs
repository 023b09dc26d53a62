//! QR codes: encoding into caller-owned buffers, renderers, `display_data` and `img_src`.
//!
//! A symbol lives in a caller buffer in qrcodegen's layout ([`QrCode`]); buffer sizes are
//! `const fn`s ([`buffer_len`]) so firmware sizes its arrays at compile time. The platform's QR
//! data is read in place: Monetix Click QR's `display_data` ([`DisplayData`]) and JetPay's
//! `img_src` PNG data URI ([`ImgSrc`]).
//!
//! # Encoding and stack
//!
//! [`encode_text`] and [`encode_binary`] give exactly qrcodegen-no-heap's symbol (which makes
//! the segment and data codewords); error correction, module placement and the mask choice run
//! on bit rows here, several times faster (`benches/README.md`, "QR encoding"). On any error
//! `out` is untouched; `temp` is scratch.
//!
//! Stack: two tables of bit rows, sized per class of versions (`W` = 1 word per row up to
//! version 11, 2 up to 27, 3 above): the function-module rows and the symbol rows, each padded
//! with 16 light rows for the mask scoring: 1,232 bytes for `W` = 1, 4,512 for `W` = 2, 9,264
//! for `W` = 3. `temp` and `out` are the caller's. Measured high-water mark of
//! [`encode_text`] (x86_64, automatic mask, painted stack in a thread, minus an empty call):
//! **2.0–2.1 KB at version 4, 12.0 KB at version 40** in a release build (`opt-level = 3`);
//! through the C library built for size (`opt-level = "z"`, LTO: `make bench-c`,
//! `tests/c/stack_probe.c`) the POS path (`qr_data` decoded, encoded, drawn for the terminal
//! and the printer) peaks at 11.0 KB and a version-40 encode at 12.0 KB, because the
//! size-optimised build merges the frames of the three row widths. `make test-stack` checks
//! that versions 4 and 40 encode in a 16 KiB thread.

mod bit_rows;
mod capacity;
mod codewords;
mod display_data;
mod encode;
mod function_modules;
mod img_src;
mod mask;
mod options;
mod penalty;
mod placement;
mod reed_solomon;
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
