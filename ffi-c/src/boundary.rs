//! The panic boundary and the pointer helpers every export is built from.
//!
//! Every `#[unsafe(no_mangle)]` function's body is exactly one `ffi_boundary! { ... }` block
//! (checked by `tests/c/check_exports.py`). Inside it, pointers become Rust references and slices
//! only through the helper macros below, each of which returns `QRSIGN_ERR_NULL_ARGUMENT` from the
//! boundary closure instead of dereferencing NULL.

#[cfg(feature = "std")]
use core::ffi::c_char;

use qrsign_core::Error;
use qrsign_core::limits::MAX_DOCUMENT_LEN;

use crate::status::{fail, fail_status, qrsign_error_detail, qrsign_status};

/// The value an export returns when its body panicked (one per return type; hosted build).
#[cfg(feature = "std")]
pub(crate) trait Fallback {
    /// The value handed to C after a caught panic.
    fn fallback() -> Self;
}

#[cfg(feature = "std")]
impl Fallback for qrsign_status {
    fn fallback() -> Self {
        qrsign_status::QRSIGN_ERR_PANIC
    }
}

#[cfg(feature = "std")]
impl Fallback for *const c_char {
    fn fallback() -> Self {
        c"qrsign: internal error (a panic was caught at the C boundary)".as_ptr()
    }
}

/// The panic boundary: runs the body in `catch_unwind` and turns a panic into the return type's
/// [`Fallback`] value, so no unwind ever crosses into C. The body is a closure: `return` inside
/// it returns from the export.
#[cfg(feature = "std")]
macro_rules! ffi_boundary {
    ( $($body:tt)* ) => {{
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(value) => value,
            Err(_) => $crate::boundary::Fallback::fallback(),
        }
    }};
}

/// The firmware build's boundary (no `std`, `panic = "abort"`): nothing can unwind, so the body
/// runs as it is (still a closure, so `return` inside it returns from the export); a panic goes
/// to the `#[panic_handler]` of `ffi-c/src/panic_hook.rs` instead.
#[cfg(not(feature = "std"))]
macro_rules! ffi_boundary {
    ( $($body:tt)* ) => {{
        #[allow(clippy::redundant_closure_call)]
        (|| { $($body)* })()
    }};
}
pub(crate) use ffi_boundary;

/// `try_ref!(ptr, detail)`: a shared reference from a `*const T`, or return
/// `QRSIGN_ERR_NULL_ARGUMENT` (recorded in the optional `detail`).
macro_rules! try_ref {
    ( $ptr:expr, $detail:expr ) => {{
        let ptr = $ptr;
        // SAFETY: the exported function's contract (in the header) requires a non-NULL `ptr` to
        // point to a valid, initialised object for the duration of the call; NULL is handled.
        match unsafe { ptr.as_ref() } {
            Some(r) => r,
            None => {
                return $crate::status::fail_status(
                    $detail,
                    $crate::status::qrsign_status::QRSIGN_ERR_NULL_ARGUMENT,
                );
            }
        }
    }};
}
pub(crate) use try_ref;

/// `try_mut!(ptr, detail)`: an exclusive reference from a `*mut T`, or return
/// `QRSIGN_ERR_NULL_ARGUMENT`.
macro_rules! try_mut {
    ( $ptr:expr, $detail:expr ) => {{
        let ptr = $ptr;
        // SAFETY: the exported function's contract requires a non-NULL `ptr` to point to a valid,
        // writable object not accessed by anyone else during the call; NULL is handled.
        match unsafe { ptr.as_mut() } {
            Some(r) => r,
            None => {
                return $crate::status::fail_status(
                    $detail,
                    $crate::status::qrsign_status::QRSIGN_ERR_NULL_ARGUMENT,
                );
            }
        }
    }};
}
pub(crate) use try_mut;

/// `try_slice!(ptr, len, detail)`: `&[T]` from a pointer and a length. NULL with length 0 is the
/// empty slice; NULL with a non-zero length returns `QRSIGN_ERR_NULL_ARGUMENT`.
macro_rules! try_slice {
    ( $ptr:expr, $len:expr, $detail:expr ) => {{
        match $crate::boundary::input_slice($ptr, $len, $detail) {
            Ok(s) => s,
            Err(status) => return status,
        }
    }};
}
pub(crate) use try_slice;

/// `try_str!(ptr, len)`: `&str` from bytes; NULL/0 is `""`; invalid UTF-8 returns
/// `QRSIGN_ERR_INVALID_UTF8` (with the offset in `detail`, if given).
macro_rules! try_str {
    ( $ptr:expr, $len:expr, $detail:expr ) => {{
        let bytes = $crate::boundary::try_slice!($ptr, $len, $detail);
        match ::core::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                return $crate::status::fail(
                    $detail,
                    ::qrsign_core::Error::InvalidUtf8 {
                        offset: e.valid_up_to(),
                    },
                );
            }
        }
    }};
}
pub(crate) use try_str;

/// An input byte slice from a C pointer and length: NULL with length 0 is empty; NULL with a
/// non-zero length gives `QRSIGN_ERR_NULL_ARGUMENT`; a length past
/// [`qrsign_core::limits::MAX_DOCUMENT_LEN`] gives `QRSIGN_ERR_INPUT_TOO_LONG` before a slice
/// is made over it (a wrong length from the caller is never read).
pub(crate) fn input_slice<'a, T>(
    ptr: *const T,
    len: usize,
    detail: *mut qrsign_error_detail,
) -> Result<&'a [T], qrsign_status> {
    let limit = MAX_DOCUMENT_LEN / size_of::<T>().max(1);
    if len > limit {
        return Err(fail(detail, Error::InputTooLong { limit }));
    }
    slice_from(ptr, len).ok_or_else(|| fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT))
}

/// A slice from a C pointer and length; `None` for NULL with a non-zero length.
pub(crate) fn slice_from<'a, T>(ptr: *const T, len: usize) -> Option<&'a [T]> {
    if len == 0 {
        return Some(&[]);
    }
    if ptr.is_null() || !ptr.is_aligned() {
        return None;
    }
    // SAFETY: `ptr` is non-NULL and aligned; the header's contract requires it to point to `len`
    // initialised elements that stay valid and unmodified for the duration of the call. The
    // lifetime is bounded by the export that created it (the slice never escapes the call).
    Some(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// A mutable byte slice for an output buffer; `None` for NULL with a non-zero length.
pub(crate) fn slice_from_mut<'a>(ptr: *mut u8, len: usize) -> Option<&'a mut [u8]> {
    if len == 0 {
        return Some(&mut []);
    }
    if ptr.is_null() {
        return None;
    }
    // SAFETY: `ptr` is non-NULL; the header's contract requires `len` writable bytes, not
    // aliased by any input of the same call, for the duration of the call.
    Some(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// An optional input object: `None` for NULL (or a misaligned pointer, which no valid C object
/// has), the object otherwise.
pub(crate) fn optional<'a, T>(ptr: *const T) -> Option<&'a T> {
    if !ptr.is_aligned() {
        return None;
    }
    // SAFETY: the header's contract requires a non-NULL `ptr` to point to a valid, initialised
    // object for the duration of the call; NULL gives `None`. The reference never escapes the
    // export that created it.
    unsafe { ptr.as_ref() }
}

/// `try_core!(result, detail)`: the value of a core `Result`, or return the status of its error
/// (recorded in the optional `detail`).
macro_rules! try_core {
    ( $result:expr, $detail:expr ) => {{
        match $result {
            Ok(value) => value,
            Err(e) => return $crate::status::fail($detail, e),
        }
    }};
}
pub(crate) use try_core;

/// `try_status!(result)`: the value of a `Result<T, qrsign_status>`, or return the status (the
/// helpers producing it have already recorded the detail).
macro_rules! try_status {
    ( $result:expr ) => {{
        match $result {
            Ok(value) => value,
            Err(status) => return status,
        }
    }};
}
pub(crate) use try_status;
