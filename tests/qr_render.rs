//! The renderers against references built here, module by module: every pixel of the bitmap,
//! PBM (P1, P4), ESC/POS raster and terminal text equals `qr.get(x, y)` scaled and framed by the
//! quiet zone; the SVG parses as XML (roxmltree) and its path, parsed by svgtypes and filled with
//! the nonzero rule, covers exactly the dark modules. The `*_len` functions give the bytes
//! written; a buffer one byte short is refused with that size and left untouched.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use qrsign::Error;
use qrsign::qr::{
    BUFFER_LEN_MAX, Ecc, QrCode, QrOptions, RenderOptions, bitmap_len, encode_binary, encode_text,
    escpos_len, pbm_ascii_len, pbm_binary_len, render_bitmap, render_escpos, render_pbm_ascii,
    render_pbm_binary, render_svg, render_terminal, svg_len, terminal_len, terminal_len_max,
};

/// A symbol kept in its own buffer.
struct Symbol(Vec<u8>);

impl Symbol {
    fn text(text: &str, ecc: Ecc, min_version: u8) -> Symbol {
        let (mut temp, mut out) = (vec![0u8; BUFFER_LEN_MAX], vec![0u8; BUFFER_LEN_MAX]);
        let opts = QrOptions {
            ecc,
            min_version,
            ..QrOptions::default()
        };
        encode_text(text, &mut temp, &mut out, &opts).unwrap();
        Symbol(out)
    }

    fn binary(data: &[u8], min_version: u8) -> Symbol {
        let (mut temp, mut out) = (vec![0u8; BUFFER_LEN_MAX], vec![0u8; BUFFER_LEN_MAX]);
        let opts = QrOptions {
            ecc: Ecc::High,
            min_version,
            ..QrOptions::default()
        };
        encode_binary(data, &mut temp, &mut out, &opts).unwrap();
        Symbol(out)
    }

    fn qr(&self) -> QrCode<'_> {
        QrCode::from_bytes(&self.0).unwrap()
    }
}

fn symbols() -> Vec<Symbol> {
    vec![
        Symbol::text("HELLO WORLD", Ecc::Low, 1),
        Symbol::text("https://example.com/pay?id=42", Ecc::Medium, 2),
        Symbol::text("Оплата заказа №15 — 1 200,00 ₸", Ecc::Quartile, 7),
        Symbol::binary(&[0, 1, 2, 0xFF, 0x80], 13),
        Symbol::text("0123456789", Ecc::High, 40),
    ]
}

/// Scales, quiet zones and both polarities; scale 3 puts module edges inside bytes and
/// inside terminal lines.
fn option_grid() -> Vec<RenderOptions> {
    let mut grid = Vec::new();
    for scale in [1, 2, 3] {
        for quiet_zone in [0, 1, 4] {
            for invert in [false, true] {
                grid.push(RenderOptions {
                    scale,
                    quiet_zone,
                    invert,
                });
            }
        }
    }
    grid
}

/// The expected drawing, built module by module: `side x side` pixels, `true` = ink (a dark
/// module, or a light one when inverted; the quiet zone is light).
fn reference(qr: &QrCode<'_>, opts: &RenderOptions) -> Vec<Vec<bool>> {
    let modules = qr.size() + 2 * opts.quiet_zone;
    let side = modules * opts.scale;
    let mut px = vec![vec![opts.invert; side]; side];
    for my in 0..qr.size() {
        for mx in 0..qr.size() {
            let ink = qr.get(mx, my) != opts.invert;
            let (x0, y0) = (
                (mx + opts.quiet_zone) * opts.scale,
                (my + opts.quiet_zone) * opts.scale,
            );
            for row in &mut px[y0..y0 + opts.scale] {
                row[x0..x0 + opts.scale].fill(ink);
            }
        }
    }
    px
}

/// Runs `render` into a buffer of exactly `len` bytes (checking the count and that the bytes
/// after it are untouched), and into one a byte short (refused, untouched).
fn render_exact(
    len: usize,
    render: impl Fn(&mut [u8]) -> Result<usize, Error>,
    what: &str,
) -> Vec<u8> {
    let mut short = vec![0xA5; len - 1];
    assert_eq!(
        render(&mut short),
        Err(Error::BufferTooSmall { needed: len }),
        "{what}"
    );
    assert!(
        short.iter().all(|&b| b == 0xA5),
        "{what}: short buffer written to"
    );
    assert_eq!(
        render(&mut []),
        Err(Error::BufferTooSmall { needed: len }),
        "{what}"
    );
    let mut out = vec![0xA5; len + 3];
    assert_eq!(render(&mut out), Ok(len), "{what}");
    assert_eq!(
        out[len..],
        [0xA5; 3],
        "{what}: bytes past the output written to"
    );
    out.truncate(len);
    out
}

/// Unpacks `rows` of 1-bit pixels (MSB first, rows padded to bytes), checking the padding is 0.
fn unpack_bits(data: &[u8], width: usize, height: usize, what: &str) -> Vec<Vec<bool>> {
    let stride = width.div_ceil(8);
    assert_eq!(data.len(), stride * height, "{what}: raster size");
    data.chunks(stride)
        .map(|row| {
            for x in width..stride * 8 {
                assert_eq!(
                    row[x / 8] & (0x80 >> (x % 8)),
                    0,
                    "{what}: padding bit {x} set"
                );
            }
            (0..width)
                .map(|x| row[x / 8] & (0x80 >> (x % 8)) != 0)
                .collect()
        })
        .collect()
}

/// Splits a PBM header (`magic`, width, height, one whitespace byte) from the raster.
fn pbm_header<'a>(data: &'a [u8], magic: &[u8]) -> (usize, usize, &'a [u8]) {
    assert!(data.starts_with(magic));
    let mut rest = &data[magic.len()..];
    let mut numbers = [0usize; 2];
    for n in &mut numbers {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace()).unwrap();
        let len = rest[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap();
        *n = std::str::from_utf8(&rest[start..start + len])
            .unwrap()
            .parse()
            .unwrap();
        rest = &rest[start + len..];
    }
    assert!(rest[0].is_ascii_whitespace());
    (numbers[0], numbers[1], &rest[1..])
}

#[test]
fn bitmap_pixels_are_the_modules() {
    for symbol in symbols() {
        let qr = symbol.qr();
        for opts in option_grid() {
            let want = reference(&qr, &opts);
            let len = bitmap_len(qr.size(), &opts).unwrap();
            let out = render_exact(len, |b| render_bitmap(&qr, b, &opts), "bitmap");
            assert_eq!(
                unpack_bits(&out, want.len(), want.len(), "bitmap"),
                want,
                "{opts:?}"
            );
        }
    }
}

#[test]
fn pbm_binary_pixels_are_the_modules() {
    for symbol in symbols() {
        let qr = symbol.qr();
        for opts in option_grid() {
            let want = reference(&qr, &opts);
            let len = pbm_binary_len(qr.size(), &opts).unwrap();
            let out = render_exact(len, |b| render_pbm_binary(&qr, b, &opts), "P4");
            let (w, h, raster) = pbm_header(&out, b"P4");
            assert_eq!((w, h), (want.len(), want.len()));
            assert_eq!(unpack_bits(raster, w, h, "P4"), want, "{opts:?}");
        }
    }
}

#[test]
fn pbm_ascii_pixels_are_the_modules() {
    for symbol in symbols() {
        let qr = symbol.qr();
        for opts in option_grid() {
            let want = reference(&qr, &opts);
            let len = pbm_ascii_len(qr.size(), &opts).unwrap();
            let out = render_exact(len, |b| render_pbm_ascii(&qr, b, &opts), "P1");
            let (w, h, raster) = pbm_header(&out, b"P1");
            assert_eq!((w, h), (want.len(), want.len()));
            let text = std::str::from_utf8(raster).unwrap();
            assert!(
                text.lines().all(|l| l.len() <= 70),
                "P1 lines longer than 70"
            );
            let digits: Vec<bool> = text
                .bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .map(|b| match b {
                    b'0' => false,
                    b'1' => true,
                    _ => panic!("P1: unexpected byte {b:#x}"),
                })
                .collect();
            assert_eq!(digits, want.concat(), "{opts:?}");
        }
    }
}

#[test]
fn escpos_raster_is_the_modules() {
    for symbol in symbols() {
        let qr = symbol.qr();
        for opts in option_grid() {
            let want = reference(&qr, &opts);
            let len = escpos_len(qr.size(), &opts).unwrap();
            let out = render_exact(len, |b| render_escpos(&qr, b, &opts), "ESC/POS");
            // GS v 0 m xL xH yL yH: x in bytes per row, y in dots.
            assert_eq!(out[..4], [0x1D, 0x76, 0x30, 0x00]);
            let x_bytes = usize::from(u16::from_le_bytes([out[4], out[5]]));
            let y_dots = usize::from(u16::from_le_bytes([out[6], out[7]]));
            assert_eq!((x_bytes, y_dots), (want.len().div_ceil(8), want.len()));
            assert_eq!(
                unpack_bits(&out[8..], want.len(), y_dots, "ESC/POS"),
                want,
                "{opts:?}"
            );
        }
    }
}

#[test]
fn terminal_cells_are_the_modules() {
    for symbol in symbols() {
        let qr = symbol.qr();
        for opts in option_grid() {
            let want = reference(&qr, &opts);
            let len = terminal_len(&qr, &opts).unwrap();
            assert!(len <= terminal_len_max(qr.size(), &opts).unwrap());
            let out = render_exact(len, |b| render_terminal(&qr, b, &opts), "terminal");
            let text = String::from_utf8(out).unwrap();
            assert!(text.ends_with('\n'));
            let lines: Vec<&str> = text.split_terminator('\n').collect();
            assert_eq!(lines.len(), want.len().div_ceil(2));
            for (i, line) in lines.iter().enumerate() {
                let cells: Vec<(bool, bool)> = line
                    .chars()
                    .map(|c| match c {
                        '█' => (true, true),
                        '▀' => (true, false),
                        '▄' => (false, true),
                        ' ' => (false, false),
                        _ => panic!("unexpected character {c:?}"),
                    })
                    .collect();
                let upper = &want[2 * i];
                let lower = want
                    .get(2 * i + 1)
                    .cloned()
                    .unwrap_or(vec![false; upper.len()]);
                let expected: Vec<(bool, bool)> =
                    upper.iter().copied().zip(lower.iter().copied()).collect();
                assert_eq!(cells, expected, "{opts:?} line {i}");
            }
        }
    }
}

/// The colours the SVG paints each module with, found by filling the path (nonzero rule, at
/// module centres) over the background rectangle.
fn rasterise_svg(svg: &str, opts: &RenderOptions, size: usize) -> Vec<Vec<bool>> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let n = size + 2 * opts.quiet_zone;
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {n} {n}").as_str())
    );
    let px = (n * opts.scale).to_string();
    assert_eq!(root.attribute("width"), Some(px.as_str()));
    assert_eq!(root.attribute("height"), Some(px.as_str()));
    assert_eq!(root.attribute("shape-rendering"), Some("crispEdges"));
    let children: Vec<_> = root.children().filter(|c| c.is_element()).collect();
    assert_eq!(children.len(), 2, "one background rect and one path");
    let (rect, path) = (children[0], children[1]);
    assert_eq!(rect.tag_name().name(), "rect");
    assert_eq!(rect.attribute("x").unwrap_or("0"), "0");
    assert_eq!(rect.attribute("y").unwrap_or("0"), "0");
    assert_eq!(rect.attribute("width"), Some(n.to_string().as_str()));
    assert_eq!(rect.attribute("height"), Some(n.to_string().as_str()));
    assert_eq!(path.tag_name().name(), "path");
    let black = |node: roxmltree::Node<'_, '_>| match node.attribute("fill") {
        Some("#000") | Some("#000000") | Some("black") => true,
        Some("#fff") | Some("#ffffff") | Some("white") => false,
        other => panic!("unexpected fill {other:?}"),
    };
    let (background, ink) = (black(rect), black(path));
    assert_ne!(background, ink);

    // The path's edges, from svgtypes' absolute segments; every coordinate an integer.
    let mut edges = Vec::new();
    let (mut start, mut at) = ((0.0, 0.0), (0.0, 0.0));
    for segment in svgtypes::SimplifyingPathParser::from(path.attribute("d").unwrap()) {
        match segment.expect("path data parses") {
            svgtypes::SimplePathSegment::MoveTo { x, y } => {
                assert!(x.fract() == 0.0 && y.fract() == 0.0, "non-integer {x} {y}");
                (start, at) = ((x, y), (x, y));
            }
            svgtypes::SimplePathSegment::LineTo { x, y } => {
                assert!(x.fract() == 0.0 && y.fract() == 0.0, "non-integer {x} {y}");
                edges.push((at, (x, y)));
                at = (x, y);
            }
            svgtypes::SimplePathSegment::ClosePath => {
                edges.push((at, start));
                at = start;
            }
            other => panic!("unexpected segment {other:?}"),
        }
    }
    (0..n)
        .map(|row| {
            let yc = row as f64 + 0.5;
            // Crossings of this row's centre line, with the edge's direction (+1 down, -1 up).
            let mut crossings: Vec<(f64, i32)> = edges
                .iter()
                .filter(|((_, y0), (_, y1))| (y0 <= &yc) != (y1 <= &yc))
                .map(|&((x0, y0), (x1, y1))| {
                    (
                        x0 + (yc - y0) * (x1 - x0) / (y1 - y0),
                        if y1 > y0 { 1 } else { -1 },
                    )
                })
                .collect();
            crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
            (0..n)
                .map(|col| {
                    let xc = col as f64 + 0.5;
                    let winding: i32 = crossings
                        .iter()
                        .filter(|(x, _)| *x < xc)
                        .map(|(_, d)| d)
                        .sum();
                    if winding != 0 { ink } else { background }
                })
                .collect()
        })
        .collect()
}

#[test]
fn svg_path_covers_the_dark_modules() {
    for symbol in symbols() {
        let qr = symbol.qr();
        for opts in option_grid() {
            let len = svg_len(&qr, &opts).unwrap();
            let out = render_exact(len, |b| render_svg(&qr, b, &opts), "SVG");
            let svg = String::from_utf8(out).unwrap();
            let black = rasterise_svg(&svg, &opts, qr.size());
            // The SVG is drawn at one unit per module; compare with the reference at scale 1.
            let modules = reference(
                &qr,
                &RenderOptions {
                    scale: 1,
                    invert: false,
                    ..opts
                },
            );
            let want: Vec<Vec<bool>> = modules
                .iter()
                .map(|row| row.iter().map(|&dark| dark != opts.invert).collect())
                .collect();
            assert_eq!(black, want, "{opts:?}");
        }
    }
}

#[test]
fn invalid_options_are_refused() {
    let symbol = Symbol::text("HELLO", Ecc::Medium, 1);
    let qr = symbol.qr();
    let size = qr.size();
    // (options, whether the side in pixels itself overflows: the SVG fails only then, as the
    // scale only sets its width and height)
    let absurd = [
        (
            RenderOptions {
                scale: 0,
                ..RenderOptions::DEFAULT
            },
            true,
        ),
        (
            RenderOptions {
                scale: usize::MAX / 20,
                ..RenderOptions::DEFAULT
            },
            true,
        ),
        (
            RenderOptions {
                quiet_zone: usize::MAX / 2,
                ..RenderOptions::DEFAULT
            },
            true,
        ),
        (
            RenderOptions {
                quiet_zone: usize::MAX / 2 - 5,
                ..RenderOptions::DEFAULT
            },
            true,
        ),
        // The side fits a usize but the byte counts do not.
        (
            RenderOptions {
                scale: 1 << (usize::BITS / 2),
                ..RenderOptions::DEFAULT
            },
            false,
        ),
    ];
    let mut buf = vec![0xA5u8; 1 << 16];
    for (opts, side_overflows) in absurd {
        let bad = Err(Error::InvalidQrOption);
        assert_eq!(bitmap_len(size, &opts), bad, "{opts:?}");
        assert_eq!(escpos_len(size, &opts), bad, "{opts:?}");
        assert_eq!(pbm_ascii_len(size, &opts), bad, "{opts:?}");
        assert_eq!(pbm_binary_len(size, &opts), bad, "{opts:?}");
        assert_eq!(terminal_len_max(size, &opts), bad, "{opts:?}");
        assert_eq!(terminal_len(&qr, &opts), bad, "{opts:?}");
        assert_eq!(render_bitmap(&qr, &mut buf, &opts), bad, "{opts:?}");
        assert_eq!(render_escpos(&qr, &mut buf, &opts), bad, "{opts:?}");
        assert_eq!(render_pbm_ascii(&qr, &mut buf, &opts), bad, "{opts:?}");
        assert_eq!(render_pbm_binary(&qr, &mut buf, &opts), bad, "{opts:?}");
        assert_eq!(render_terminal(&qr, &mut buf, &opts), bad, "{opts:?}");
        if side_overflows {
            assert_eq!(svg_len(&qr, &opts), bad, "{opts:?}");
            assert_eq!(render_svg(&qr, &mut buf, &opts), bad, "{opts:?}");
        }
        assert!(buf.iter().all(|&b| b == 0xA5));
    }
}

#[test]
fn escpos_refuses_images_the_command_cannot_describe() {
    let symbol = Symbol::text("HELLO", Ecc::Medium, 1);
    let qr = symbol.qr();
    // 29 modules: scale 2259 gives 65511 dots (fits in yL yH), 2260 gives 65540 (does not).
    let fits = RenderOptions {
        scale: 2259,
        ..RenderOptions::DEFAULT
    };
    let too_tall = RenderOptions {
        scale: 2260,
        ..RenderOptions::DEFAULT
    };
    assert_eq!(
        escpos_len(29 - 8, &fits),
        Ok(8 + 65511usize.div_ceil(8) * 65511)
    );
    assert_eq!(escpos_len(29 - 8, &too_tall), Err(Error::InvalidQrOption));
    assert_eq!(
        render_escpos(&qr, &mut [0; 64], &too_tall),
        Err(Error::InvalidQrOption)
    );
    // The bitmap has no such limit: only the buffer is too small.
    let needed = bitmap_len(qr.size(), &too_tall).unwrap();
    assert_eq!(
        render_bitmap(&qr, &mut [0; 64], &too_tall),
        Err(Error::BufferTooSmall { needed })
    );
}
