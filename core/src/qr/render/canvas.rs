//! The drawing as pixels: the symbol scaled, inside its quiet zone, with ink after `invert`.

use crate::Error;
use crate::qr::QrCode;
use crate::qr::render::options::RenderOptions;

/// A symbol seen as a square of `side` pixels; every renderer reads its pixels from here.
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

    /// Whether pixel `(x, y)` carries ink: a dark module (a light one when inverted). Pixels
    /// outside the canvas carry none.
    pub(crate) fn ink(&self, x: usize, y: usize) -> bool {
        if x >= self.side || y >= self.side {
            return false;
        }
        self.dark(x / self.scale, y / self.scale) != self.invert
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
