//! Render options shared by every renderer: pixels per module, quiet zone, inversion.

use crate::Error;

/// How to draw a symbol: `scale` pixels per module, a light `quiet_zone` of modules around it,
/// and `invert` to swap what the output's "ink" stands for.
///
/// The drawing is a square of [`RenderOptions::side_px`] pixels: `(size + 2 * quiet_zone) *
/// scale`. What a pixel is depends on the renderer: a bit (bitmap, PBM, ESC/POS), a user unit
/// (SVG's `width`/`height`; its `viewBox` stays in modules), or one character column by half a
/// line (terminal).
///
/// `invert` (default `false`): the ink (a 1 bit, a printed dot, a block character, the SVG path's
/// colour) marks *light* modules, quiet zone included, instead of dark ones. Use it where the
/// medium's ink is light: an LCD whose 1 bits light a pixel, a terminal with light text on a dark
/// background. On paper, PBM and SVG it gives a negative symbol, which many decoders do not read.
///
/// ```
/// use qrsign_core::qr::RenderOptions;
/// let opts = RenderOptions { scale: 4, ..RenderOptions::default() };
/// assert_eq!(opts.quiet_zone, 4); // the standard's minimum
/// assert_eq!(opts.side_px(21), Ok((21 + 2 * 4) * 4));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RenderOptions {
    /// Pixels per module, at least 1.
    pub scale: usize,
    /// Light modules on each side of the symbol; the standard asks for at least 4.
    pub quiet_zone: usize,
    /// Ink marks light modules instead of dark ones (see the type's docs).
    pub invert: bool,
}

impl RenderOptions {
    /// The defaults (also [`Default`]'s), usable in `const` items: scale 1, quiet zone 4,
    /// not inverted.
    ///
    /// ```
    /// use qrsign_core::qr::RenderOptions;
    /// assert_eq!(RenderOptions::DEFAULT, RenderOptions::default());
    /// ```
    pub const DEFAULT: RenderOptions = RenderOptions {
        scale: 1,
        quiet_zone: 4,
        invert: false,
    };

    /// Side of the drawing in pixels for a symbol of `size` modules: `(size + 2 * quiet_zone) *
    /// scale`. Fails with [`Error::InvalidQrOption`] when `scale` is 0 or the result overflows
    /// `usize`.
    ///
    /// ```
    /// use qrsign_core::{Error, qr::RenderOptions};
    /// let opts = RenderOptions { scale: 0, ..RenderOptions::DEFAULT };
    /// assert_eq!(opts.side_px(21), Err(Error::InvalidQrOption));
    /// let opts = RenderOptions { quiet_zone: usize::MAX / 2, ..RenderOptions::DEFAULT };
    /// assert_eq!(opts.side_px(21), Err(Error::InvalidQrOption));
    /// ```
    pub const fn side_px(&self, size: usize) -> Result<usize, Error> {
        if self.scale == 0 {
            return Err(Error::InvalidQrOption);
        }
        let modules = match self.quiet_zone.checked_mul(2) {
            Some(q) => size.checked_add(q),
            None => None,
        };
        match modules {
            Some(m) => checked(m.checked_mul(self.scale)),
            None => Err(Error::InvalidQrOption),
        }
    }
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions::DEFAULT
    }
}

/// A checked size as a result: overflow means the options ask for an absurd size.
pub(crate) const fn checked(n: Option<usize>) -> Result<usize, Error> {
    match n {
        Some(n) => Ok(n),
        None => Err(Error::InvalidQrOption),
    }
}
