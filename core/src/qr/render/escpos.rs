//! ESC/POS raster bit image (`GS v 0`) for thermal receipt printers.

use crate::Error;
use crate::qr::QrCode;
use crate::qr::render::bitmap::{bitmap_len, fill_rows};
use crate::qr::render::canvas::Canvas;
use crate::qr::render::emit::emit_raster;
use crate::qr::render::options::{RenderOptions, checked};
use crate::sink::Sink;

/// `GS v 0` with mode 0 (normal density), before the four size bytes.
const COMMAND: [u8; 4] = [0x1D, 0x76, 0x30, 0x00];

/// Bytes of the command before the raster data: `GS v 0 m xL xH yL yH`.
const HEADER_LEN: usize = COMMAND.len() + 4;

/// Bytes [`render_escpos`] writes for a symbol of `size` modules: 8 bytes of command, then
/// [`crate::qr::bitmap_len`] bytes of raster. [`Error::InvalidQrOption`] for scale 0 or an image
/// wider or taller than the command can describe (65535 bytes per row, 65535 rows).
///
/// ```
/// use qrsign_core::qr::{RenderOptions, escpos_len, side_len};
/// // Version 4 at 6 dots per module on 80 mm paper (576 dots): (33 + 8) * 6 = 246 dots.
/// let opts = RenderOptions { scale: 6, ..RenderOptions::DEFAULT };
/// assert_eq!(escpos_len(side_len(4), &opts), Ok(8 + 31 * 246));
/// ```
pub const fn escpos_len(size: usize, opts: &RenderOptions) -> Result<usize, Error> {
    match (opts.side_px(size), bitmap_len(size, opts)) {
        (Ok(side), Ok(body)) if side <= u16::MAX as usize => checked(body.checked_add(HEADER_LEN)),
        (Err(e), _) | (_, Err(e)) => Err(e),
        (Ok(_), Ok(_)) => Err(Error::InvalidQrOption),
    }
}

/// Draws `qr` as one ESC/POS `GS v 0` raster command (`1D 76 30 00 xL xH yL yH` then the rows):
/// `x` is the bytes per row and `y` the rows (dots), little-endian; the rows are laid out as by
/// [`crate::qr::render_bitmap`], leftmost dot in the most significant bit, 1 = a black dot = a dark
/// module (the quiet zone prints white; `opts.invert` prints a negative symbol).
///
/// Printers take `opts.scale` dots per module; 203 dpi heads have 8 dots per mm, so a scale of
/// 4-8 gives 0.5-1 mm modules. Keep the width within the paper (576 dots on 80 mm, 384 on 58 mm):
/// most printers reject or clip wider images, and some limit the height of one command.
///
/// Buffer: `out` needs [`escpos_len`]`(qr.size(), opts)` bytes. After success the first that
/// many bytes hold the command and the rest of `out` is untouched; after failure `out` is
/// untouched. Returns the number of bytes written.
///
/// Errors: [`Error::InvalidQrOption`] (scale 0, an image too large for the command),
/// [`Error::BufferTooSmall`] with the size needed.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_escpos};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let opts = RenderOptions { scale: 8, ..RenderOptions::DEFAULT }; // 29 * 8 = 232 dots
/// let mut out = [0u8; 8 + 29 * 232];
/// let n = render_escpos(&qr, &mut out, &opts)?;
/// assert_eq!(out[..8], [0x1D, 0x76, 0x30, 0, 29, 0, 232, 0]);
/// assert_eq!(n, out.len());
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn render_escpos(
    qr: &QrCode<'_>,
    out: &mut [u8],
    opts: &RenderOptions,
) -> Result<usize, Error> {
    let canvas = Canvas::new(qr, opts)?;
    let needed = escpos_len(qr.size(), opts)?;
    let row_bytes = canvas.side().div_ceil(8);
    let [x_lo, x_hi] = u16::try_from(row_bytes)
        .map_err(|_| Error::InvalidQrOption)?
        .to_le_bytes();
    let [y_lo, y_hi] = u16::try_from(canvas.side())
        .map_err(|_| Error::InvalidQrOption)?
        .to_le_bytes();
    emit_raster(
        out,
        needed,
        bitmap_len(qr.size(), opts)?,
        |sink| {
            sink.put(&COMMAND);
            sink.put(&[x_lo, x_hi, y_lo, y_hi]);
        },
        |raster| fill_rows(&canvas, raster),
    )
}
