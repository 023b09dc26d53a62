//! Renderers: a symbol drawn into a caller buffer as SVG, a 1-bit bitmap, ESC/POS raster, PBM or
//! terminal text.
//!
//! Every renderer takes the symbol, the output buffer and [`RenderOptions`] (scale, quiet zone,
//! invert), writes nothing unless everything fits, and returns the bytes written. Each has a
//! `*_len` function giving the exact size it needs: a `const fn` of the symbol's size where the
//! size depends only on it (bitmap, ESC/POS, PBM), a counting pass over the symbol where the
//! output depends on the modules (SVG, terminal).
//!
//! ```
//! use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_bitmap};
//! let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
//! let qr = encode_text("https://example.com", &mut temp, &mut sym, &QrOptions::default())?;
//! let mut frame = [0u8; 1024];
//! let n = render_bitmap(&qr, &mut frame, &RenderOptions { scale: 2, ..RenderOptions::DEFAULT })?;
//! assert_eq!(qr.version(), 2);
//! assert_eq!(n, 9 * 66); // (25 + 2 * 4) * 2 = 66 px square, 9 bytes per row
//! # Ok::<(), qrsign_core::Error>(())
//! ```

mod bitmap;
mod canvas;
mod emit;
mod escpos;
mod options;
mod pbm;
mod svg;
mod terminal;

pub use bitmap::{bitmap_len, render_bitmap};
pub use escpos::{escpos_len, render_escpos};
pub use options::RenderOptions;
pub use pbm::{pbm_ascii_len, pbm_binary_len, render_pbm_ascii, render_pbm_binary};
pub use svg::{render_svg, svg_len};
pub use terminal::{render_terminal, terminal_len, terminal_len_max};
