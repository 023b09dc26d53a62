//! SVG: one path of integer rectangles, in module units, on a white background.

use crate::Error;
use crate::qr::QrCode;
use crate::qr::render::emit::{Count, emit, put_decimal};
use crate::qr::render::options::RenderOptions;
use crate::sink::Sink;

/// Bytes [`render_svg`] writes for `qr` (the path depends on the modules, so this runs the
/// renderer once without writing). [`Error::InvalidQrOption`] for scale 0 or an overflowing
/// size.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_svg, svg_len};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let mut out = [0u8; 8192];
/// let n = render_svg(&qr, &mut out, &RenderOptions::DEFAULT)?;
/// assert_eq!(svg_len(&qr, &RenderOptions::DEFAULT), Ok(n));
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn svg_len(qr: &QrCode<'_>, opts: &RenderOptions) -> Result<usize, Error> {
    let width = opts.side_px(qr.size())?;
    let mut count = Count::default();
    write_svg(qr, opts, width, &mut count);
    Ok(count.0)
}

/// Draws `qr` as an SVG document (UTF-8, no XML declaration, ending with `\n`):
///
/// ```text
/// <svg xmlns="http://www.w3.org/2000/svg" width="W" height="W" viewBox="0 0 N N" shape-rendering="crispEdges"><rect width="N" height="N" fill="#fff"/><path fill="#000" d="M4 4h7v1h-7z..."/></svg>
/// ```
///
/// `N = qr.size() + 2 * opts.quiet_zone` modules: the `viewBox` is in modules and every
/// coordinate is an integer; `W = N * opts.scale` sets the displayed size (CSS may override it).
/// The path has one closed rectangle per horizontal run of dark modules; `crispEdges` keeps
/// renderers from anti-aliasing the module edges. `opts.invert` swaps the two colours (a
/// negative symbol).
///
/// Buffer: `out` needs [`svg_len`]`(qr, opts)` bytes. After success the first that many bytes
/// hold the document and the rest of `out` is untouched; after failure `out` is untouched.
/// Returns the number of bytes written.
///
/// Errors: [`Error::InvalidQrOption`] (scale 0, overflowing size), [`Error::BufferTooSmall`]
/// with the size needed.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, render_svg};
/// let (mut temp, mut sym) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
/// let qr = encode_text("HELLO", &mut temp, &mut sym, &QrOptions::default())?;
/// let mut out = [0u8; 8192];
/// let n = render_svg(&qr, &mut out, &RenderOptions { scale: 8, ..RenderOptions::DEFAULT })?;
/// let svg = core::str::from_utf8(&out[..n]).unwrap();
/// assert!(svg.contains(r#"width="232" height="232" viewBox="0 0 29 29""#));
/// assert!(svg.contains(r#"d="M4 4h7v1h-7z"#)); // the top-left finder pattern's top row
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn render_svg(qr: &QrCode<'_>, out: &mut [u8], opts: &RenderOptions) -> Result<usize, Error> {
    let needed = svg_len(qr, opts)?;
    let width = opts.side_px(qr.size())?;
    emit(out, needed, |sink| write_svg(qr, opts, width, sink))
}

/// The whole document; `width` is the checked `opts.side_px(qr.size())`.
fn write_svg<S: Sink>(qr: &QrCode<'_>, opts: &RenderOptions, width: usize, sink: &mut S) {
    // side_px succeeded, so `size + 2 * quiet_zone` cannot overflow.
    let n = qr.size().saturating_add(opts.quiet_zone.saturating_mul(2));
    let (background, ink): (&[u8], &[u8]) = if opts.invert {
        (b"#000", b"#fff")
    } else {
        (b"#fff", b"#000")
    };
    sink.put(br#"<svg xmlns="http://www.w3.org/2000/svg" width=""#);
    put_decimal(sink, width);
    sink.put(br#"" height=""#);
    put_decimal(sink, width);
    sink.put(br#"" viewBox="0 0 "#);
    put_decimal(sink, n);
    sink.put_byte(b' ');
    put_decimal(sink, n);
    sink.put(br#"" shape-rendering="crispEdges"><rect width=""#);
    put_decimal(sink, n);
    sink.put(br#"" height=""#);
    put_decimal(sink, n);
    sink.put(br#"" fill=""#);
    sink.put(background);
    sink.put(br#""/><path fill=""#);
    sink.put(ink);
    sink.put(br#"" d=""#);
    write_path(qr, opts.quiet_zone, sink);
    sink.put(b"\"/></svg>\n");
}

/// `M{x} {y}h{len}v1h-{len}z` for each horizontal run of dark modules, shifted by the quiet
/// zone.
fn write_path<S: Sink>(qr: &QrCode<'_>, quiet_zone: usize, sink: &mut S) {
    let size = qr.size();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && qr.get(x, y) {
                x += 1;
            }
            let len = x - start;
            sink.put_byte(b'M');
            put_decimal(sink, start.saturating_add(quiet_zone));
            sink.put_byte(b' ');
            put_decimal(sink, y.saturating_add(quiet_zone));
            sink.put_byte(b'h');
            put_decimal(sink, len);
            sink.put(b"v1h-");
            put_decimal(sink, len);
            sink.put_byte(b'z');
        }
    }
}
