//! Writing a render into the caller's buffer: the size is known (or counted) first, so a buffer
//! that is too small is left untouched.

use crate::Error;
use crate::sink::{BufSink, Sink};

/// Writes `needed` bytes produced by `write` into the front of `out`, or fails with
/// [`Error::BufferTooSmall`] without touching `out`.
pub(crate) fn emit(
    out: &mut [u8],
    needed: usize,
    write: impl FnOnce(&mut BufSink<'_>),
) -> Result<usize, Error> {
    let dst = out
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let mut sink = BufSink::new(dst);
    write(&mut sink);
    sink.finish()
}

/// Writes a header (by `header`) followed by a raster of `raster_len` bytes (by `fill`, given
/// exactly those bytes) into the front of `out`, `needed` bytes in all, or fails with
/// [`Error::BufferTooSmall`] without touching `out`.
pub(crate) fn emit_raster(
    out: &mut [u8],
    needed: usize,
    raster_len: usize,
    header: impl FnOnce(&mut BufSink<'_>),
    fill: impl FnOnce(&mut [u8]),
) -> Result<usize, Error> {
    let dst = out
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let split = needed
        .checked_sub(raster_len)
        .ok_or(Error::InvalidQrOption)?;
    let (head, raster) = dst
        .split_at_mut_checked(split)
        .ok_or(Error::InvalidQrOption)?;
    let mut sink = BufSink::new(head);
    header(&mut sink);
    sink.finish()?;
    fill(raster);
    Ok(needed)
}

/// A sink that only counts: the first pass of renderers whose size depends on the modules.
#[derive(Default)]
pub(crate) struct Count(pub(crate) usize);

impl Sink for Count {
    fn put(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(bytes.len());
    }
}

/// Decimal digits of `n` (for the headers' numbers).
pub(crate) const fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Writes `n` in decimal.
pub(crate) fn put_decimal<S: Sink>(sink: &mut S, n: usize) {
    sink.put(itoa::Buffer::new().format(n).as_bytes());
}
