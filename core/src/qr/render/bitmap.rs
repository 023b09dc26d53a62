//! 1 bit per pixel, row-major, most significant bit first, rows padded to whole bytes: what
//! monochrome LCD drivers, PBM (P4) and ESC/POS raster images take.

use crate::Error;
use crate::qr::QrCode;
use crate::qr::render::canvas::Canvas;
use crate::qr::render::emit::emit_raster;
use crate::qr::render::options::{RenderOptions, checked};

/// Bytes [`render_bitmap`] writes for a symbol of `size` modules (`qr.size()`, or
/// [`crate::qr::side_len`]`(version)` to size a static buffer): `side.div_ceil(8) * side` with
/// `side = opts.side_px(size)`. [`Error::InvalidQrOption`] for scale 0 or an overflowing size.
///
/// ```
/// use qrsign_core::qr::{RenderOptions, bitmap_len, side_len};
/// const OPTS: RenderOptions = RenderOptions { scale: 2, ..RenderOptions::DEFAULT };
/// // Version 1 with a 4-module quiet zone at 2 px per module: 58 x 58 px, 8 bytes per row.
/// assert_eq!(bitmap_len(21, &OPTS), Ok(8 * 58));
/// const LEN: usize = match bitmap_len(side_len(10), &OPTS) { Ok(n) => n, Err(_) => 0 };
/// static mut FRAME: [u8; LEN] = [0; LEN];
/// ```
pub const fn bitmap_len(size: usize, opts: &RenderOptions) -> Result<usize, Error> {
    match opts.side_px(size) {
        Ok(side) => checked(side.div_ceil(8).checked_mul(side)),
        Err(e) => Err(e),
    }
}

/// Draws `qr` as a 1-bit-per-pixel bitmap of `side x side` pixels, `side =
/// opts.side_px(qr.size())`: rows top to bottom, each `side.div_ceil(8)` bytes, the leftmost
/// pixel in the most significant bit, padding bits 0. A 1 bit is a dark pixel (quiet zone
/// light); with `opts.invert`, a 1 bit is a light pixel (for displays whose 1 bits light up).
///
/// Buffer: `out` needs [`bitmap_len`]`(qr.size(), opts)` bytes. After success the first that
/// many bytes hold the bitmap and the rest of `out` is untouched; after failure `out` is
/// untouched. Returns the number of bytes written.
///
/// Errors: [`Error::InvalidQrOption`] (scale 0, overflowing size), [`Error::BufferTooSmall`]
/// with the size needed.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, bitmap_len, encode_text, render_bitmap};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let opts = RenderOptions { quiet_zone: 0, ..RenderOptions::DEFAULT };
/// let mut out = [0u8; 64];
/// let n = render_bitmap(&qr, &mut out, &opts)?;
/// assert_eq!(Ok(n), bitmap_len(21, &opts)); // 21 px: 3 bytes per row
/// assert_eq!(out[0], 0b1111_1110); // the top-left finder pattern's top row, then light
/// assert_eq!(out[2], 0b1111_1000); // the top-right one's last 5 px, then 3 padding bits
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn render_bitmap(
    qr: &QrCode<'_>,
    out: &mut [u8],
    opts: &RenderOptions,
) -> Result<usize, Error> {
    let canvas = Canvas::new(qr, opts)?;
    let needed = bitmap_len(qr.size(), opts)?;
    emit_raster(
        out,
        needed,
        needed,
        |_| {},
        |raster| fill_rows(&canvas, raster),
    )
}

/// Fills `raster` (`bitmap_len` bytes) with the canvas's rows in the bitmap layout. The rows of
/// one module row are the same: each is drawn once and copied.
pub(crate) fn fill_rows(canvas: &Canvas<'_>, raster: &mut [u8]) {
    let stride = canvas.side().div_ceil(8);
    if stride == 0 {
        return;
    }
    let mut rows = raster.chunks_exact_mut(stride);
    let mut module_row = 0;
    while let Some(first) = rows.next() {
        canvas.fill_row(module_row, first);
        for row in rows.by_ref().take(canvas.scale().saturating_sub(1)) {
            row.copy_from_slice(first);
        }
        module_row += 1;
    }
}
