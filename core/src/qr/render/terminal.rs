//! Text for a terminal: Unicode half blocks, two pixel rows per line.

use crate::Error;
use crate::qr::QrCode;
use crate::qr::render::canvas::Canvas;
use crate::qr::render::emit::emit;
use crate::qr::render::options::{RenderOptions, checked};
use crate::sink::Sink;

/// The character for a cell whose upper and lower halves do (`true`) or do not carry ink.
fn cell(upper: bool, lower: bool) -> &'static str {
    match (upper, lower) {
        (true, true) => "█",
        (true, false) => "▀",
        (false, true) => "▄",
        (false, false) => " ",
    }
}

/// The most bytes [`render_terminal`] can write for a symbol of `size` modules, whatever its
/// modules: `side.div_ceil(2)` lines of `side` three-byte characters and a `\n`. For sizing a
/// buffer before the symbol exists; [`terminal_len`] gives the exact size for a symbol.
/// [`Error::InvalidQrOption`] for scale 0 or an overflowing size.
///
/// ```
/// use qrsign_core::qr::{RenderOptions, terminal_len_max};
/// assert_eq!(terminal_len_max(21, &RenderOptions::DEFAULT), Ok(15 * (29 * 3 + 1)));
/// ```
pub const fn terminal_len_max(size: usize, opts: &RenderOptions) -> Result<usize, Error> {
    let side = match opts.side_px(size) {
        Ok(side) => side,
        Err(e) => return Err(e),
    };
    let line = match side.checked_mul(3) {
        Some(chars) => chars.checked_add(1),
        None => None,
    };
    match line {
        Some(line) => checked(line.checked_mul(side.div_ceil(2))),
        None => Err(Error::InvalidQrOption),
    }
}

/// Bytes [`render_terminal`] writes for `qr` (the characters' UTF-8 lengths differ, so this
/// depends on the modules). Takes time in proportion to the symbol's modules and the lines, not
/// the pixels. [`Error::InvalidQrOption`] for scale 0 or an overflowing size.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_terminal, terminal_len};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let mut out = [0u8; 2048];
/// let n = render_terminal(&qr, &mut out, &RenderOptions::DEFAULT)?;
/// assert_eq!(terminal_len(&qr, &RenderOptions::DEFAULT), Ok(n));
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn terminal_len(qr: &QrCode<'_>, opts: &RenderOptions) -> Result<usize, Error> {
    let canvas = Canvas::new(qr, opts)?;
    let (side, scale) = (canvas.side(), opts.scale);
    let mut total = 0usize;
    let mut y = 0;
    while y < side {
        // Lines whose two pixel rows fall in the same two module rows are the same text.
        let repeats = if y / scale == (y + 1) / scale {
            ((y / scale + 1) * scale - y) / 2
        } else {
            1
        };
        let mut line = 1usize; // the '\n'
        for mx in 0..side / scale {
            let c = cell(canvas.ink(mx * scale, y), canvas.ink(mx * scale, y + 1));
            line = checked(c.len().checked_mul(scale).and_then(|n| n.checked_add(line)))?;
        }
        total = checked(line.checked_mul(repeats).and_then(|l| l.checked_add(total)))?;
        y += 2 * repeats;
    }
    Ok(total)
}

/// Draws `qr` as lines of text with Unicode half blocks (`█`, `▀`, `▄` and space), each cell one
/// pixel wide and two pixels tall, each line ending with `\n`; `opts.scale` pixels per module (1
/// is the usual choice: terminal cells are about twice as tall as wide).
///
/// Which `invert` to pick: the block characters are drawn in the terminal's text colour and
/// spaces show its background. On a light terminal (dark text), leave `invert` false: blocks are
/// the dark modules. On a dark terminal (light text), set `invert`: blocks are the light modules
/// and the quiet zone, and the dark modules are spaces, so a phone camera sees dark on light
/// either way. Keep the quiet zone (4 modules), or the camera sees no light border.
///
/// Buffer: `out` needs [`terminal_len`]`(qr, opts)` bytes (at most [`terminal_len_max`]). After
/// success the first that many bytes hold the UTF-8 text and the rest of `out` is untouched;
/// after failure `out` is untouched. Returns the number of bytes written.
///
/// Errors: [`Error::InvalidQrOption`] (scale 0, overflowing size), [`Error::BufferTooSmall`]
/// with the size needed.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_terminal};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let mut out = [0u8; 2048];
/// let n = render_terminal(&qr, &mut out, &RenderOptions::DEFAULT)?;
/// let text = core::str::from_utf8(&out[..n]).unwrap();
/// assert_eq!(text.lines().count(), 15); // 29 pixel rows
/// assert!(text.lines().nth(2).unwrap().starts_with("    █▀▀▀▀▀█")); // a finder pattern
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn render_terminal(
    qr: &QrCode<'_>,
    out: &mut [u8],
    opts: &RenderOptions,
) -> Result<usize, Error> {
    let needed = terminal_len(qr, opts)?;
    let canvas = Canvas::new(qr, opts)?;
    emit(out, needed, |sink| write_lines(&canvas, sink))
}

/// Writes the text, pixel by pixel.
fn write_lines<S: Sink>(canvas: &Canvas<'_>, sink: &mut S) {
    for y in (0..canvas.side()).step_by(2) {
        for x in 0..canvas.side() {
            sink.put(cell(canvas.ink(x, y), canvas.ink(x, y + 1)).as_bytes());
        }
        sink.put_byte(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr::render::emit::Count;
    use crate::qr::{BUFFER_LEN_MAX, QrOptions, encode_text};

    /// The closed-form count equals a plain count of what is written, for odd and even scales
    /// (odd ones put module boundaries inside lines) and both polarities.
    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn count_matches_writing() {
        let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
        let qr = encode_text("count me", &mut temp, &mut sym, &QrOptions::default()).unwrap();
        for scale in 1..=5 {
            for quiet_zone in [0, 1, 4] {
                for invert in [false, true] {
                    let opts = RenderOptions {
                        scale,
                        quiet_zone,
                        invert,
                    };
                    let mut count = Count::default();
                    write_lines(&Canvas::new(&qr, &opts).unwrap(), &mut count);
                    assert_eq!(terminal_len(&qr, &opts), Ok(count.0), "{opts:?}");
                }
            }
        }
    }
}
