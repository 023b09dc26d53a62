//! The drawing as pixels: the symbol scaled, inside its quiet zone, with ink after `invert`.

use crate::Error;
use crate::qr::QrCode;
use crate::qr::render::options::RenderOptions;

/// A symbol seen as a square of `side` pixels: what the raster and terminal renderers draw.
pub(crate) struct Canvas<'q> {
    qr: &'q QrCode<'q>,
    scale: usize,
    quiet_zone: usize,
    invert: bool,
    side: usize,
}

impl<'q> Canvas<'q> {
    /// The canvas for `qr` drawn with `opts` (invalid or overflowing options fail).
    pub(crate) fn new(qr: &'q QrCode<'q>, opts: &RenderOptions) -> Result<Self, Error> {
        Ok(Canvas {
            qr,
            scale: opts.scale,
            quiet_zone: opts.quiet_zone,
            invert: opts.invert,
            side: opts.side_px(qr.size())?,
        })
    }

    /// Side length in pixels.
    pub(crate) fn side(&self) -> usize {
        self.side
    }

    /// Pixels per module.
    pub(crate) fn scale(&self) -> usize {
        self.scale
    }

    /// Draws the pixel rows of module row `my` (quiet zone included) as bits, most significant
    /// first, 1 = ink, padding 0: one row of the bitmap layout, `row` being its bytes.
    pub(crate) fn fill_row(&self, my: usize, row: &mut [u8]) {
        row.fill(0);
        let mut x = 0;
        for mx in 0..self.modules() {
            if !self.module_ink(mx, my) {
                x += self.scale;
                continue;
            }
            for _ in 0..self.scale {
                if let Some(byte) = row.get_mut(x / 8) {
                    *byte |= 0x80 >> (x % 8);
                }
                x += 1;
            }
        }
    }

    /// Whether pixel `(x, y)` carries ink: a dark module (a light one when inverted). Pixels
    /// outside the canvas carry none.
    pub(crate) fn ink(&self, x: usize, y: usize) -> bool {
        if x >= self.side || y >= self.side {
            return false;
        }
        self.module_ink(x / self.scale, y / self.scale)
    }

    /// Modules per side, quiet zone included (`side / scale`).
    pub(crate) fn modules(&self) -> usize {
        self.side / self.scale
    }

    /// Whether module `(mx, my)` of the drawing (quiet zone included) carries ink.
    pub(crate) fn module_ink(&self, mx: usize, my: usize) -> bool {
        self.dark(mx, my) != self.invert
    }

    /// Whether module `(mx, my)` of the drawing (quiet zone included) is dark.
    fn dark(&self, mx: usize, my: usize) -> bool {
        match (
            mx.checked_sub(self.quiet_zone),
            my.checked_sub(self.quiet_zone),
        ) {
            (Some(x), Some(y)) => self.qr.get(x, y),
            _ => false,
        }
    }
}
