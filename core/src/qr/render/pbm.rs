//! Netpbm bitmaps: P1 (plain, ASCII digits) and P4 (raw bits). 1 = black.

use crate::Error;
use crate::qr::QrCode;
use crate::qr::render::bitmap::{bitmap_len, fill_rows};
use crate::qr::render::canvas::Canvas;
use crate::qr::render::emit::{digits, emit, emit_raster, put_decimal};
use crate::qr::render::options::{RenderOptions, checked};
use crate::sink::Sink;

/// Longest line of P1 pixel digits (the format's limit is 70 characters per line).
const P1_LINE: usize = 70;

/// Bytes of the header `P1\n{side} {side}\n` (or `P4\n...`).
const fn header_len(side: usize) -> usize {
    2 * digits(side) + 5
}

/// Bytes [`render_pbm_ascii`] writes for a symbol of `size` modules: the header, then each row
/// of `side` digits in lines of at most 70, each ending with `\n`. [`Error::InvalidQrOption`] for
/// scale 0 or an overflowing size.
///
/// ```
/// use qrsign_core::qr::{RenderOptions, pbm_ascii_len};
/// // 29 x 29 px: "P1\n29 29\n" (9 bytes), then 29 rows of 29 digits and a newline.
/// assert_eq!(pbm_ascii_len(21, &RenderOptions::DEFAULT), Ok(9 + 29 * 30));
/// ```
pub const fn pbm_ascii_len(size: usize, opts: &RenderOptions) -> Result<usize, Error> {
    let side = match opts.side_px(size) {
        Ok(side) => side,
        Err(e) => return Err(e),
    };
    let row = match side.checked_add(side.div_ceil(P1_LINE)) {
        Some(row) => row,
        None => return Err(Error::InvalidQrOption),
    };
    match row.checked_mul(side) {
        Some(body) => checked(body.checked_add(header_len(side))),
        None => Err(Error::InvalidQrOption),
    }
}

/// Draws `qr` as a plain PBM (P1) image of `side x side` pixels, `side =
/// opts.side_px(qr.size())`: `1` = black = a dark module (a light one with `opts.invert`).
///
/// Buffer: `out` needs [`pbm_ascii_len`]`(qr.size(), opts)` bytes. After success the first that
/// many bytes hold the image and the rest of `out` is untouched; after failure `out` is
/// untouched. Returns the number of bytes written.
///
/// Errors: [`Error::InvalidQrOption`] (scale 0, overflowing size), [`Error::BufferTooSmall`]
/// with the size needed.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_pbm_ascii};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let mut out = [0u8; 1024];
/// let n = render_pbm_ascii(&qr, &mut out, &RenderOptions::DEFAULT)?;
/// assert!(out[..n].starts_with(b"P1\n29 29\n00000000000000000000000000000\n"));
/// assert_eq!(out[9 + 4 * 30..][..12], *b"000011111110"); // quiet zone, a finder pattern's top
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn render_pbm_ascii(
    qr: &QrCode<'_>,
    out: &mut [u8],
    opts: &RenderOptions,
) -> Result<usize, Error> {
    let canvas = Canvas::new(qr, opts)?;
    let needed = pbm_ascii_len(qr.size(), opts)?;
    emit(out, needed, |sink| {
        write_header(sink, b"P1\n", canvas.side());
        for y in 0..canvas.side() {
            let mut x = 0;
            for mx in 0..canvas.modules() {
                let digit = if canvas.module_ink(mx, y / canvas.scale()) {
                    b'1'
                } else {
                    b'0'
                };
                for _ in 0..canvas.scale() {
                    sink.put_byte(digit);
                    x += 1;
                    if x % P1_LINE == 0 || x == canvas.side() {
                        sink.put_byte(b'\n');
                    }
                }
            }
        }
    })
}

/// Bytes [`render_pbm_binary`] writes for a symbol of `size` modules: the header `P4\n{side}
/// {side}\n`, then [`crate::qr::bitmap_len`] bytes. [`Error::InvalidQrOption`] for scale 0 or an
/// overflowing size.
///
/// ```
/// use qrsign_core::qr::{RenderOptions, pbm_binary_len};
/// // 29 x 29 px: "P4\n29 29\n" (9 bytes), then 29 rows of 4 bytes.
/// assert_eq!(pbm_binary_len(21, &RenderOptions::DEFAULT), Ok(9 + 29 * 4));
/// ```
pub const fn pbm_binary_len(size: usize, opts: &RenderOptions) -> Result<usize, Error> {
    match (opts.side_px(size), bitmap_len(size, opts)) {
        (Ok(side), Ok(body)) => checked(body.checked_add(header_len(side))),
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Draws `qr` as a raw PBM (P4) image: the header, then the rows exactly as
/// [`crate::qr::render_bitmap`] lays them out (1 = black = a dark module, a light one with
/// `opts.invert`).
///
/// Buffer: `out` needs [`pbm_binary_len`]`(qr.size(), opts)` bytes. After success the first that
/// many bytes hold the image and the rest of `out` is untouched; after failure `out` is
/// untouched. Returns the number of bytes written.
///
/// Errors: [`Error::InvalidQrOption`] (scale 0, overflowing size), [`Error::BufferTooSmall`]
/// with the size needed.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_pbm_binary};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let mut out = [0u8; 256];
/// let n = render_pbm_binary(&qr, &mut out, &RenderOptions::DEFAULT)?;
/// assert_eq!(n, 9 + 29 * 4);
/// assert_eq!(out[..9], *b"P4\n29 29\n");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn render_pbm_binary(
    qr: &QrCode<'_>,
    out: &mut [u8],
    opts: &RenderOptions,
) -> Result<usize, Error> {
    let canvas = Canvas::new(qr, opts)?;
    let needed = pbm_binary_len(qr.size(), opts)?;
    let raster_len = bitmap_len(qr.size(), opts)?;
    emit_raster(
        out,
        needed,
        raster_len,
        |sink| write_header(sink, b"P4\n", canvas.side()),
        |raster| fill_rows(&canvas, raster),
    )
}

/// `magic`, then `{side} {side}\n`.
fn write_header<S: Sink>(sink: &mut S, magic: &[u8], side: usize) {
    sink.put(magic);
    put_decimal(sink, side);
    sink.put_byte(b' ');
    put_decimal(sink, side);
    sink.put_byte(b'\n');
}
