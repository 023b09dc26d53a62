//! The output-buffer contract shared by every export that writes bytes.
//!
//! `uint8_t *out, size_t out_len, size_t *out_written`: on success the result is in
//! `out[0..*out_written]`; on `QRSIGN_ERR_BUFFER_TOO_SMALL` only `*out_written` (the size needed)
//! is written; after any other failure nothing is written. `out` must not overlap an input.

use qrsign_core::Error;

use crate::status::{fail, fail_status, qrsign_error_detail, qrsign_status, set_detail};

/// An input region of the call, for the overlap check.
pub(crate) type Region = (*const u8, usize);

/// True if `[a, a+alen)` and `[b, b+blen)` share a byte.
pub(crate) fn overlaps(a: *const u8, alen: usize, b: *const u8, blen: usize) -> bool {
    if alen == 0 || blen == 0 || a.is_null() || b.is_null() {
        return false;
    }
    let (a, b) = (a as usize, b as usize);
    a < b.saturating_add(blen) && b < a.saturating_add(alen)
}

/// Writes the byte output of `produce` into the caller's buffer under the contract above.
///
/// `produce` is called first with an empty buffer to learn the size (and validate the input:
/// nothing can be written then), and a second time with the caller's buffer only when the
/// result fits. `produce` must be deterministic.
pub(crate) fn write_output(
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    inputs: &[Region],
    detail: *mut qrsign_error_detail,
    mut produce: impl FnMut(&mut [u8]) -> Result<usize, Error>,
) -> qrsign_status {
    if out_written.is_null() || !out_written.is_aligned() || (out.is_null() && out_len != 0) {
        return fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT);
    }
    if inputs.iter().any(|&(p, n)| {
        overlaps(out, out_len, p, n) || overlaps(out_written.cast(), size_of::<usize>(), p, n)
    }) {
        return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
    }
    let needed = match produce(&mut []) {
        Ok(n) => n,
        Err(Error::BufferTooSmall { needed }) => needed,
        Err(e) => return fail(detail, e),
    };
    if needed > out_len {
        // SAFETY: `out_written` is non-NULL and aligned (checked above); the header requires it
        // to point to a writable `size_t` that no input aliases.
        unsafe { out_written.write(needed) };
        return fail(detail, Error::BufferTooSmall { needed });
    }
    let buf = match crate::boundary::slice_from_mut(out, out_len) {
        Some(b) => b,
        None => return fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT),
    };
    match produce(buf) {
        Ok(n) => {
            // SAFETY: as above.
            unsafe { out_written.write(n) };
            set_detail(detail, qrsign_error_detail::default());
            qrsign_status::QRSIGN_OK
        }
        Err(e) => fail(detail, e),
    }
}

/// Writes a fixed, already computed result (a signature) under the same contract.
pub(crate) fn write_bytes(
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    inputs: &[Region],
    detail: *mut qrsign_error_detail,
    bytes: &[u8],
) -> qrsign_status {
    write_output(out, out_len, out_written, inputs, detail, |buf| {
        match buf.get_mut(..bytes.len()) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                Ok(bytes.len())
            }
            None => Err(Error::BufferTooSmall {
                needed: bytes.len(),
            }),
        }
    })
}

/// Records success in the optional detail and returns `QRSIGN_OK`.
pub(crate) fn ok(detail: *mut qrsign_error_detail) -> qrsign_status {
    set_detail(detail, qrsign_error_detail::default());
    qrsign_status::QRSIGN_OK
}

/// Writes one value to a required out-parameter (after success only).
pub(crate) fn write_value<T>(
    dst: *mut T,
    value: T,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    if dst.is_null() || !dst.is_aligned() {
        return fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT);
    }
    // SAFETY: non-NULL and aligned; the header requires a writable object of this type that no
    // input aliases.
    unsafe { dst.write(value) };
    ok(detail)
}
