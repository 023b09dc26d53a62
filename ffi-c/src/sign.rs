//! Keys, flat parameters, canonical strings, signing and verification.

use core::mem::{MaybeUninit, size_of};

use qrsign_core::limits::MAX_PARAMS;
use qrsign_core::{Error, Key, Param, SIGNATURE_LEN, SignatureLocation, SortOrder, Value};

use crate::boundary::{ffi_boundary, try_core, try_mut, try_slice, try_str};
use crate::out::{Region, ok, write_bytes, write_output};
use crate::status::{fail, fail_status, qrsign_error_detail, qrsign_status};

/// Length of a signature: 88 ASCII characters of padded standard base64 (no NUL).
pub const QRSIGN_SIGNATURE_LEN: usize = 88;
const _: () = assert!(QRSIGN_SIGNATURE_LEN == SIGNATURE_LEN);

/// Size in bytes of a `qrsign_key` (part of the ABI: fixed within a major version).
pub const QRSIGN_KEY_SIZE: usize = 512;
/// Most flat parameters one call accepts (`QRSIGN_ERR_TOO_MANY_VALUES` beyond).
pub const QRSIGN_MAX_PARAMS: usize = 128;
const _: () = assert!(QRSIGN_MAX_PARAMS == MAX_PARAMS);
/// Deepest JSON nesting accepted (`QRSIGN_ERR_TOO_DEEP` beyond).
pub const QRSIGN_MAX_DEPTH: usize = 32;
const _: () = assert!(QRSIGN_MAX_DEPTH == qrsign_core::limits::MAX_DEPTH);

/// Where the initialised marker sits, and where the key state starts, inside `qrsign_key`.
const KEY_MAGIC: u64 = 0x5152_5349_474e_4b31; // "QRSIGNK1"
const KEY_STATE_OFFSET: usize = 16;
const _: () = assert!(KEY_STATE_OFFSET + size_of::<Key>() <= QRSIGN_KEY_SIZE);
const _: () = assert!(size_of::<qrsign_key>() == QRSIGN_KEY_SIZE);

/// A signing key context: the HMAC-SHA512 state precomputed from the merchant's secret and the
/// sort order of the integration. Caller-allocated (`qrsign_key key;` on the stack, in static
/// storage or inside your own struct: `QRSIGN_KEY_SIZE` bytes, aligned like `uint64_t`),
/// initialised once with `qrsign_key_init`, used read-only (and so shareable between threads)
/// by the signing functions, wiped with `qrsign_key_clear`. There is nothing to free. It holds
/// no pointers: it may be copied with `memcpy`. Treat the contents as opaque; a key that was
/// never initialised, or was cleared, gives `QRSIGN_ERR_INVALID_ARGUMENT`.
#[repr(C)]
pub struct qrsign_key {
    /// Opaque state; do not read or write.
    pub opaque: [u64; 64],
}

/// Sort orders of the canonical string (`uint32_t` arguments named `order`).
#[repr(u32)]
pub enum qrsign_sort_order {
    /// By path, PHP natural order: the platform's. Use this unless an integration needs another.
    QRSIGN_SORT_NATURAL = 0,
    /// By path, plain byte order (the platform's Python SDKs).
    QRSIGN_SORT_PATH_BYTEWISE = 1,
    /// Whole `path:value` lines in byte order (the platform's Java and Go SDKs).
    QRSIGN_SORT_LINE_BYTEWISE = 2,
}

/// Kinds of a flat parameter's value (`qrsign_param.kind`).
#[repr(u32)]
pub enum qrsign_value_kind {
    /// Text: `str`, `str_len` (UTF-8), signed verbatim.
    QRSIGN_VALUE_STR = 0,
    /// An integer: `num`, signed in decimal.
    QRSIGN_VALUE_INT = 1,
    /// A boolean: `num` (0 is false, anything else true), signed as `1` / `0`.
    QRSIGN_VALUE_BOOL = 2,
    /// No value, signed as the empty string.
    QRSIGN_VALUE_NULL = 3,
}

/// Where a callback carried its signature (`*location` of `qrsign_key_verify_callback`).
#[repr(u32)]
pub enum qrsign_signature_location {
    /// The top-level `signature` key.
    QRSIGN_SIGNATURE_TOP_LEVEL = 0,
    /// `general.signature`.
    QRSIGN_SIGNATURE_GENERAL = 1,
}

/// One flat (Payment Page / widget) parameter: `name → value`. The bytes are borrowed for the
/// duration of the call only. `QRSIGN_PARAM_STR("name", "value")`, `QRSIGN_PARAM_INT("name", 1)`,
/// `QRSIGN_PARAM_BOOL(...)` and `QRSIGN_PARAM_NULL(...)` build one from string literals.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct qrsign_param {
    /// The name, UTF-8, `name_len` bytes (not NUL-terminated).
    pub name: *const u8,
    /// Length of `name` in bytes.
    pub name_len: usize,
    /// A `qrsign_value_kind`; any other value gives `QRSIGN_ERR_INVALID_ARGUMENT`.
    pub kind: u32,
    /// `QRSIGN_VALUE_STR`: the text, UTF-8, `str_len` bytes (NULL allowed when `str_len` is 0).
    pub str: *const u8,
    /// Length of `str` in bytes.
    pub str_len: usize,
    /// `QRSIGN_VALUE_INT`: the integer; `QRSIGN_VALUE_BOOL`: 0 false, other true.
    pub num: i64,
}

/// The core sort order for a `qrsign_sort_order` value from C (mapped totally).
pub(crate) fn sort_order(v: u32) -> Option<SortOrder> {
    match v {
        0 => Some(SortOrder::Natural),
        1 => Some(SortOrder::PathBytewise),
        2 => Some(SortOrder::LineBytewise),
        _ => None,
    }
}

/// The `qrsign_sort_order` value of a core order.
pub(crate) fn order_code(o: SortOrder) -> u32 {
    match o {
        SortOrder::Natural => qrsign_sort_order::QRSIGN_SORT_NATURAL as u32,
        SortOrder::PathBytewise => qrsign_sort_order::QRSIGN_SORT_PATH_BYTEWISE as u32,
        SortOrder::LineBytewise => qrsign_sort_order::QRSIGN_SORT_LINE_BYTEWISE as u32,
    }
}

/// A copy of the key state, taken out of a `qrsign_key` for one call and wiped afterwards.
pub(crate) struct KeyCopy(MaybeUninit<Key>);

impl KeyCopy {
    /// The key state of an initialised `qrsign_key`.
    pub(crate) fn load(key: &qrsign_key) -> Option<KeyCopy> {
        if key.opaque.first() != Some(&KEY_MAGIC) {
            return None;
        }
        let mut copy = MaybeUninit::<Key>::uninit();
        // SAFETY: the marker shows `qrsign_key_init` wrote a valid `Key` at KEY_STATE_OFFSET
        // (in bounds: const-asserted) with `copy_nonoverlapping`; the bytes are copied back the
        // same way, so `copy` holds that same valid value. No alignment is assumed on either
        // side (byte copies), which is why a `qrsign_key` may be moved with `memcpy`.
        unsafe {
            core::ptr::copy_nonoverlapping(
                key.opaque.as_ptr().cast::<u8>().add(KEY_STATE_OFFSET),
                copy.as_mut_ptr().cast::<u8>(),
                size_of::<Key>(),
            );
        }
        Some(KeyCopy(copy))
    }

    /// The key.
    pub(crate) fn key(&self) -> &Key {
        // SAFETY: only `load` builds a KeyCopy, and it initialises the value (see there).
        unsafe { self.0.assume_init_ref() }
    }
}

impl Drop for KeyCopy {
    fn drop(&mut self) {
        // `MaybeUninit` never runs the `Key`'s own drop (which zeroizes its SHA-512 states):
        // wiping all its bytes stands in for it.
        wipe(self.0.as_mut_ptr().cast::<u8>(), size_of::<Key>());
    }
}

/// Overwrites `len` bytes with zeros in a way the compiler may not remove.
fn wipe(p: *mut u8, len: usize) {
    for i in 0..len {
        // SAFETY: callers pass a pointer to `len` writable bytes they own.
        unsafe { core::ptr::write_volatile(p.add(i), 0) };
    }
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

/// `try_key!(ptr, detail)`: the key state of a `const qrsign_key *`, or return an error.
macro_rules! try_key {
    ( $ptr:expr, $detail:expr ) => {{
        let key = $crate::boundary::try_ref!($ptr, $detail);
        match $crate::sign::KeyCopy::load(key) {
            Some(k) => k,
            None => {
                return $crate::status::fail_status(
                    $detail,
                    $crate::status::qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT,
                );
            }
        }
    }};
}

/// Converts C parameters into core parameters (on the stack, at most `QRSIGN_MAX_PARAMS`) and
/// runs `f` on them.
pub(crate) fn with_params<R>(
    params: *const qrsign_param,
    n: usize,
    detail: *mut qrsign_error_detail,
    f: impl FnOnce(&[Param<'_>]) -> R,
) -> Result<R, qrsign_status> {
    if n > MAX_PARAMS {
        return Err(fail(detail, Error::TooManyValues { limit: MAX_PARAMS }));
    }
    let Some(cparams) = crate::boundary::slice_from(params, n) else {
        return Err(fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT));
    };
    let mut buf = [Param::new("", Value::Null); MAX_PARAMS];
    for (slot, p) in buf.iter_mut().zip(cparams) {
        let name = text(p.name, p.name_len, detail)?;
        let value = match p.kind {
            0 => Value::Str(text(p.str, p.str_len, detail)?),
            1 => Value::Int(p.num),
            2 => Value::Bool(p.num != 0),
            3 => Value::Null,
            _ => {
                return Err(fail_status(
                    detail,
                    qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT,
                ));
            }
        };
        *slot = Param::new(name, value);
    }
    Ok(f(buf.get(..n).unwrap_or(&[])))
}

/// UTF-8 text from a pointer and a length (NULL/0 is empty).
fn text<'a>(
    p: *const u8,
    len: usize,
    detail: *mut qrsign_error_detail,
) -> Result<&'a str, qrsign_status> {
    let bytes = crate::boundary::input_slice(p, len, detail)?;
    core::str::from_utf8(bytes).map_err(|e| {
        fail(
            detail,
            Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            },
        )
    })
}

/// The memory regions of the parameters' bytes (for the output overlap check).
fn param_regions(params: *const qrsign_param, n: usize) -> impl Iterator<Item = Region> {
    let ps = crate::boundary::slice_from(params, n).unwrap_or(&[]);
    let table = (
        params.cast::<u8>(),
        n.saturating_mul(size_of::<qrsign_param>()),
    );
    core::iter::once(table).chain(
        ps.iter()
            .flat_map(|p| [(p.name, p.name_len), (p.str, p.str_len)]),
    )
}

/// True if `out` overlaps any parameter bytes.
fn params_overlap(params: *const qrsign_param, n: usize, out: *const u8, out_len: usize) -> bool {
    param_regions(params, n.min(MAX_PARAMS))
        .any(|(p, len)| crate::out::overlaps(out, out_len, p, len))
}

/// Initialises `key` from the merchant's secret (its UTF-8 bytes) and a `qrsign_sort_order`
/// (`QRSIGN_SORT_NATURAL` unless the integration was built on an SDK that sorts differently).
///
/// @param key     caller-allocated context; written only on success (any previous content is
///                replaced). Must not overlap `secret`.
/// @param secret  the secret, `secret_len` bytes; not retained (it may be wiped after the call).
/// @return `QRSIGN_OK`; `QRSIGN_ERR_EMPTY_SECRET`; `QRSIGN_ERR_INVALID_ARGUMENT` (unknown
///         order); `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_init(
    key: *mut qrsign_key,
    secret: *const u8,
    secret_len: usize,
    order: u32,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        if key.is_null() {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT);
        }
        let secret = try_slice!(secret, secret_len, detail);
        let Some(order) = sort_order(order) else {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        };
        if crate::out::overlaps(key.cast(), QRSIGN_KEY_SIZE, secret.as_ptr(), secret.len()) {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        }
        let state = match Key::new(secret) {
            Ok(k) => k.with_order(order),
            Err(e) => return fail(detail, e),
        };
        let dst = try_mut!(key, detail);
        store_key(dst, state);
        ok(detail)
    }
}

/// Writes `state` into the caller's context (replacing what was there) and marks it
/// initialised; the local copy is wiped.
fn store_key(dst: &mut qrsign_key, state: Key) {
    let state = MaybeUninit::new(state);
    dst.opaque = [0; 64];
    // SAFETY: `state` is an initialised `Key`; the destination range lies inside `dst`
    // (const-asserted: KEY_STATE_OFFSET + size_of::<Key>() <= QRSIGN_KEY_SIZE) and cannot
    // overlap the local `state`. Byte copies need no alignment.
    unsafe {
        core::ptr::copy_nonoverlapping(
            state.as_ptr().cast::<u8>(),
            dst.opaque.as_mut_ptr().cast::<u8>().add(KEY_STATE_OFFSET),
            size_of::<Key>(),
        );
    }
    let mut state = state;
    wipe(state.as_mut_ptr().cast::<u8>(), size_of::<Key>());
    if let Some(m) = dst.opaque.first_mut() {
        *m = KEY_MAGIC;
    }
}

/// Wipes a key context (volatile writes of zeros to all `QRSIGN_KEY_SIZE` bytes). Afterwards
/// the key is uninitialised: using it gives `QRSIGN_ERR_INVALID_ARGUMENT` until the next
/// `qrsign_key_init`. Clearing twice is fine.
///
/// @return `QRSIGN_OK`; `QRSIGN_ERR_NULL_ARGUMENT` if `key` is NULL.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_clear(key: *mut qrsign_key) -> qrsign_status {
    ffi_boundary! {
        let k = try_mut!(key, core::ptr::null_mut());
        wipe(k.opaque.as_mut_ptr().cast::<u8>(), QRSIGN_KEY_SIZE);
        qrsign_status::QRSIGN_OK
    }
}

/// The `qrsign_sort_order` an initialised key signs with.
///
/// @param order  out: written on success only.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_ARGUMENT` (key not initialised);
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_order(
    key: *const qrsign_key,
    order: *mut u32,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        crate::out::write_value(order, order_code(k.key().order()), detail)
    }
}

/// Turns strict mode on or off for an initialised key (off after `qrsign_key_init`). In strict
/// mode every signing and verifying function refuses, with `QRSIGN_ERR_AMBIGUOUS_VALUE`, a
/// document or parameters whose canonical string could be re-split into fields that were never
/// signed as such: a key holding `;`, or a string value holding `;` with a `:` after it
/// (`SECURITY.md`). Call it before sharing the key between threads.
///
/// @param strict  0 off, anything else on.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_ARGUMENT` (key not initialised);
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_set_strict(
    key: *mut qrsign_key,
    strict: u32,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key.cast_const(), detail);
        let updated = k.key().clone().with_strict(strict != 0);
        let dst = try_mut!(key, detail);
        store_key(dst, updated);
        ok(detail)
    }
}

/// Whether an initialised key is in strict mode (`qrsign_key_set_strict`).
///
/// @param strict  out: 1 or 0, written on success only.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_ARGUMENT` (key not initialised);
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_is_strict(
    key: *const qrsign_key,
    strict: *mut u32,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        crate::out::write_value(strict, u32::from(k.key().is_strict()), detail)
    }
}

/// Signs flat Payment Page / widget parameters (`frame_mode` is never signed; a parameter named
/// `signature` is refused) with the key's sort order.
///
/// @param params  `n` parameters (NULL allowed when `n` is 0), in any order.
/// @param out     the signature: `QRSIGN_SIGNATURE_LEN` (88) ASCII bytes, no NUL. Minimum
///                `out_len`: `QRSIGN_SIGNATURE_LEN`. Written only on success; must not overlap
///                the parameters.
/// @param out_written  out: 88 on success, the size needed on `QRSIGN_ERR_BUFFER_TOO_SMALL`.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_RESERVED_KEY`; `QRSIGN_ERR_DUPLICATE_KEY` (`detail.offset`
///         is the index of the second parameter with that name); `QRSIGN_ERR_INVALID_UTF8`
///         (`detail.offset` within the offending name or value); `QRSIGN_ERR_TOO_MANY_VALUES`;
///         `QRSIGN_ERR_BUFFER_TOO_SMALL`; `QRSIGN_ERR_INVALID_ARGUMENT` (unknown kind, key not
///         initialised, overlap); `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_sign_params(
    key: *const qrsign_key,
    params: *const qrsign_param,
    n: usize,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        if params_overlap(params, n, out, out_len) {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        }
        let sig = match with_params(params, n, detail, |ps| k.key().sign_params(ps)) {
            Ok(Ok(sig)) => sig,
            Ok(Err(e)) => return fail(detail, e),
            Err(s) => return s,
        };
        write_bytes(out, out_len, out_written, &[], detail, sig.as_bytes())
    }
}

/// Verifies a signature over flat parameters, in constant time.
///
/// @param signature  the signature text as received (`signature_len` bytes, normally 88).
/// @return `QRSIGN_OK` if it matches; `QRSIGN_ERR_SIGNATURE_MISMATCH`;
///         `QRSIGN_ERR_INVALID_SIGNATURE_ENCODING`; the input errors of
///         `qrsign_key_sign_params`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_verify_params(
    key: *const qrsign_key,
    params: *const qrsign_param,
    n: usize,
    signature: *const u8,
    signature_len: usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let sig = try_slice!(signature, signature_len, detail);
        match with_params(params, n, detail, |ps| k.key().verify_params(ps, sig)) {
            Ok(Ok(())) => ok(detail),
            Ok(Err(e)) => fail(detail, e),
            Err(s) => s,
        }
    }
}

/// Signs a JSON document (a Gate request body, an API payload: every leaf but `frame_mode`;
/// any `signature` key present is signed like any other key).
///
/// @param json  the document, UTF-8 JSON, `json_len` bytes.
/// @param out   the signature, as for `qrsign_key_sign_params` (minimum `QRSIGN_SIGNATURE_LEN`).
/// @return `QRSIGN_OK`; the JSON errors (`QRSIGN_ERR_MALFORMED_JSON`, `QRSIGN_ERR_INVALID_UTF8`,
///         `QRSIGN_ERR_INVALID_ESCAPE`, `QRSIGN_ERR_DUPLICATE_KEY`, `QRSIGN_ERR_TOO_DEEP`,
///         `QRSIGN_ERR_TOO_MANY_VALUES`, `QRSIGN_ERR_INPUT_TOO_LONG`, with `detail.offset` /
///         `detail.limit`); `QRSIGN_ERR_BUFFER_TOO_SMALL`; `QRSIGN_ERR_INVALID_ARGUMENT`;
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_sign_json(
    key: *const qrsign_key,
    json: *const u8,
    json_len: usize,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let doc = try_slice!(json, json_len, detail);
        let sig = try_core!(k.key().sign_json(doc), detail);
        write_bytes(out, out_len, out_written, &[(json, json_len)], detail, sig.as_bytes())
    }
}

/// Verifies a signature over a JSON document (every leaf but `frame_mode`), in constant time.
///
/// @return `QRSIGN_OK` if it matches; `QRSIGN_ERR_SIGNATURE_MISMATCH`;
///         `QRSIGN_ERR_INVALID_SIGNATURE_ENCODING`; the JSON errors of `qrsign_key_sign_json`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_verify_json(
    key: *const qrsign_key,
    json: *const u8,
    json_len: usize,
    signature: *const u8,
    signature_len: usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let doc = try_slice!(json, json_len, detail);
        let sig = try_slice!(signature, signature_len, detail);
        match k.key().verify_json(doc, sig) {
            Ok(()) => ok(detail),
            Err(e) => fail(detail, e),
        }
    }
}

/// Verifies a callback body: finds its signature (top-level `signature`, else
/// `general.signature`), leaves out only that key, and compares in constant time.
///
/// @param json      the callback body exactly as received.
/// @param location  optional out (may be NULL): a `qrsign_signature_location` telling which key
///                  held the signature; written on success only.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_SIGNATURE_MISMATCH`; `QRSIGN_ERR_MISSING_SIGNATURE`;
///         `QRSIGN_ERR_INVALID_SIGNATURE_ENCODING`; `QRSIGN_ERR_UNEXPECTED_TYPE` (not an object);
///         the JSON errors of `qrsign_key_sign_json`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_verify_callback(
    key: *const qrsign_key,
    json: *const u8,
    json_len: usize,
    location: *mut u32,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let doc = try_slice!(json, json_len, detail);
        match k.key().verify_callback(doc) {
            Ok(loc) => {
                let code = match loc {
                    SignatureLocation::TopLevel => qrsign_signature_location::QRSIGN_SIGNATURE_TOP_LEVEL,
                    SignatureLocation::General => qrsign_signature_location::QRSIGN_SIGNATURE_GENERAL,
                };
                if location.is_null() {
                    ok(detail)
                } else {
                    crate::out::write_value(location, code as u32, detail)
                }
            }
            Err(e) => fail(detail, e),
        }
    }
}

/// Signs an already canonical string (as shown by the `qrsign_canonical_*` functions).
///
/// @param canonical  the canonical string, `canonical_len` bytes.
/// @param out        the signature, as for `qrsign_key_sign_params`.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_BUFFER_TOO_SMALL`; `QRSIGN_ERR_INVALID_ARGUMENT`;
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_sign_canonical(
    key: *const qrsign_key,
    canonical: *const u8,
    canonical_len: usize,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let text = try_slice!(canonical, canonical_len, detail);
        let sig = k.key().sign_canonical(text);
        write_bytes(out, out_len, out_written, &[(canonical, canonical_len)], detail, sig.as_bytes())
    }
}

/// The canonical string of flat parameters (what is signed), for inspection and debugging.
///
/// @param order  a `qrsign_sort_order`.
/// @param out    the canonical string (UTF-8, no NUL); the size is not known in advance: call
///               with `NULL, 0` to get it in `*out_written`, or give a generous buffer.
///               Written only on success; must not overlap the parameters.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_BUFFER_TOO_SMALL`; the input errors of
///         `qrsign_key_sign_params`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_canonical_params(
    params: *const qrsign_param,
    n: usize,
    order: u32,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let Some(order) = sort_order(order) else {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        };
        if params_overlap(params, n, out, out_len) {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        }
        match with_params(params, n, detail, |ps| {
            write_output(out, out_len, out_written, &[], detail, |buf| {
                qrsign_core::canonical_params(ps, order, buf)
            })
        }) {
            Ok(s) | Err(s) => s,
        }
    }
}

/// The canonical string of a JSON document (every leaf but `frame_mode`).
///
/// @param order  a `qrsign_sort_order`.
/// @param out    as for `qrsign_canonical_params`; must not overlap `json`.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_BUFFER_TOO_SMALL`; the JSON errors of
///         `qrsign_key_sign_json`; `QRSIGN_ERR_INVALID_ARGUMENT`; `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_canonical_json(
    json: *const u8,
    json_len: usize,
    order: u32,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let doc = try_slice!(json, json_len, detail);
        let Some(order) = sort_order(order) else {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        };
        write_output(out, out_len, out_written, &[(json, json_len)], detail, |buf| {
            qrsign_core::canonical_json(doc, order, buf)
        })
    }
}

/// The canonical string of a callback body: everything but its signature key (top-level
/// `signature`, else `general.signature`) and `frame_mode`.
///
/// @param order  a `qrsign_sort_order`.
/// @param out    as for `qrsign_canonical_params`; must not overlap `json`.
/// @return as `qrsign_canonical_json`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_canonical_callback(
    json: *const u8,
    json_len: usize,
    order: u32,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let doc = try_slice!(json, json_len, detail);
        let Some(order) = sort_order(order) else {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        };
        write_output(out, out_len, out_written, &[(json, json_len)], detail, |buf| {
            qrsign_core::canonical_callback(doc, order, buf)
        })
    }
}

/// The most bytes `qrsign_key_sign_gate_body` adds to its input (`"general":{"signature":"…"},`).
pub const QRSIGN_GATE_SIGNATURE_OVERHEAD: usize = 115;
const _: () = assert!(QRSIGN_GATE_SIGNATURE_OVERHEAD == qrsign_core::GATE_SIGNATURE_OVERHEAD);

/// Signs a Gate request body (e.g. the Click QR sale, `POST /v2/payment/sbp-qr/sale`) and
/// writes the same JSON with `general.signature` set: replaced if present, else added as the
/// first member of `general` (and `general` added if absent). Every other byte is kept.
///
/// @param json  the request body, UTF-8 JSON object.
/// @param out   the signed body. Minimum `out_len`: `QRSIGN_GATE_BODY_LEN(json_len)` (=
///              `json_len + QRSIGN_GATE_SIGNATURE_OVERHEAD`) is always enough; the exact size
///              comes back in `*out_written`. Written only on success; must not overlap `json`.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_UNEXPECTED_TYPE` (not an object, `general` not an object,
///         `general.signature` an object/array); the JSON errors of `qrsign_key_sign_json`;
///         `QRSIGN_ERR_BUFFER_TOO_SMALL`; `QRSIGN_ERR_INVALID_ARGUMENT`; `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_sign_gate_body(
    key: *const qrsign_key,
    json: *const u8,
    json_len: usize,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let doc = try_slice!(json, json_len, detail);
        write_output(out, out_len, out_written, &[(json, json_len)], detail, |buf| {
            k.key().sign_gate_body(doc, buf)
        })
    }
}

/// Signs flat parameters and writes the Payment Page URL:
/// `base + "?" + form-encoded parameters in the caller's order + "&signature=" + signature`
/// (values exactly as signed; `frame_mode` left out; `&` instead of `?` when `base` already has a
/// query). Works for `QRSIGN_JETPAY_GENERATE_QR` (JetPay QR) as for the Payment Page bases.
///
/// @param base  the URL base, UTF-8, `base_len` bytes (e.g. `QRSIGN_LIT(QRSIGN_ECOMMPAY_PAYMENT_PAGE)`).
/// @param out   the URL (ASCII, no NUL); size: call with `NULL, 0` first, or use a generous
///              buffer. Written only on success; must not overlap `base` or the parameters.
/// @return `QRSIGN_OK`; the errors of `qrsign_key_sign_params`; `QRSIGN_ERR_INVALID_UTF8`
///         (base).
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_payment_page_url(
    key: *const qrsign_key,
    base: *const u8,
    base_len: usize,
    params: *const qrsign_param,
    n: usize,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let base_text = try_str!(base, base_len, detail);
        if params_overlap(params, n, out, out_len) {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        }
        match with_params(params, n, detail, |ps| {
            write_output(out, out_len, out_written, &[(base, base_len)], detail, |buf| {
                k.key().payment_page_url(base_text, ps, buf)
            })
        }) {
            Ok(s) | Err(s) => s,
        }
    }
}

/// What a diagnosis found (`qrsign_key_diagnose_*`).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct qrsign_diagnosis {
    /// True if one of the sort orders reproduces the signature.
    pub matched: bool,
    /// Every sort order that reproduces the signature, as bits `QRSIGN_SORT_BIT(order)` (0 when
    /// none does). Orders that give the same canonical string give the same signature, so a
    /// signature often fits several: natural is the platform's (PHP and JavaScript SDKs),
    /// path-bytewise the Python SDKs', line-bytewise the Java and Go SDKs'. Added in 0.1 in
    /// what was padding: the other fields' offsets and the struct's size are unchanged.
    pub matching_orders: u8,
    /// The first `qrsign_sort_order` (natural, path-bytewise, line-bytewise) that reproduces
    /// it; when `matched` is false, the key's own order (whose canonical string was written).
    pub order: u32,
    /// True if the signature came from the body (`qrsign_key_diagnose_callback`).
    pub has_location: bool,
    /// A `qrsign_signature_location` when `has_location`.
    pub location: u32,
}

fn diagnosis(d: qrsign_core::Diagnosis, own: SortOrder) -> qrsign_diagnosis {
    qrsign_diagnosis {
        matched: d.order.is_some(),
        matching_orders: d
            .matching
            .iter()
            .fold(0, |bits, o| bits | 1 << order_code(o)),
        order: order_code(d.order.unwrap_or(own)),
        has_location: d.location.is_some(),
        location: match d.location {
            Some(SignatureLocation::General) => {
                qrsign_signature_location::QRSIGN_SIGNATURE_GENERAL as u32
            }
            _ => qrsign_signature_location::QRSIGN_SIGNATURE_TOP_LEVEL as u32,
        },
    }
}

/// Writes the diagnosis and the canonical string under the output contract.
fn diagnose_out(
    result: *mut qrsign_diagnosis,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    inputs: &[Region],
    detail: *mut qrsign_error_detail,
    own: SortOrder,
    mut run: impl FnMut(&mut [u8]) -> Result<qrsign_core::Diagnosis, Error>,
) -> qrsign_status {
    if result.is_null() || !result.is_aligned() {
        return fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT);
    }
    let mut found = None;
    let s = write_output(out, out_len, out_written, inputs, detail, |buf| {
        let d = run(buf)?;
        found = Some(d);
        Ok(d.canonical_len)
    });
    if let (qrsign_status::QRSIGN_OK, Some(d)) = (s, found) {
        // SAFETY: non-NULL and aligned (checked above); the header requires a writable
        // `qrsign_diagnosis` not aliased by any input.
        unsafe { result.write(diagnosis(d, own)) };
    }
    s
}

/// "Why was this signature rejected?": tells which sort order (if any) reproduces `signature`
/// over a JSON document, and writes that order's canonical string (the key's own order's when
/// none matches) so it can be compared with the other side's.
///
/// @param result  out: the diagnosis, written on success only.
/// @param out     the canonical string, as for `qrsign_canonical_json`.
/// @return `QRSIGN_OK` whether or not an order matched (see `result->matched`);
///         `QRSIGN_ERR_INVALID_SIGNATURE_ENCODING`; the JSON errors; `QRSIGN_ERR_BUFFER_TOO_SMALL`;
///         `QRSIGN_ERR_INVALID_ARGUMENT`; `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_diagnose_json(
    key: *const qrsign_key,
    json: *const u8,
    json_len: usize,
    signature: *const u8,
    signature_len: usize,
    result: *mut qrsign_diagnosis,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let doc = try_slice!(json, json_len, detail);
        let sig = try_slice!(signature, signature_len, detail);
        let inputs = [(json, json_len), (signature, signature_len)];
        diagnose_out(result, out, out_len, out_written, &inputs, detail, k.key().order(), |buf| {
            k.key().diagnose_json(doc, Some(sig), buf)
        })
    }
}

/// As `qrsign_key_diagnose_json` for a callback body that carries its own signature
/// (top-level `signature`, else `general.signature`; `result->location` tells which).
///
/// @return as `qrsign_key_diagnose_json`, plus `QRSIGN_ERR_MISSING_SIGNATURE`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_diagnose_callback(
    key: *const qrsign_key,
    json: *const u8,
    json_len: usize,
    result: *mut qrsign_diagnosis,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let doc = try_slice!(json, json_len, detail);
        diagnose_out(result, out, out_len, out_written, &[(json, json_len)], detail, k.key().order(), |buf| {
            k.key().diagnose_json(doc, None, buf)
        })
    }
}

/// As `qrsign_key_diagnose_json` for flat parameters.
///
/// @return as `qrsign_key_diagnose_json`, with the input errors of `qrsign_key_sign_params`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_key_diagnose_params(
    key: *const qrsign_key,
    params: *const qrsign_param,
    n: usize,
    signature: *const u8,
    signature_len: usize,
    result: *mut qrsign_diagnosis,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let k = try_key!(key, detail);
        let sig = try_slice!(signature, signature_len, detail);
        if params_overlap(params, n, out, out_len) {
            return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
        }
        match with_params(params, n, detail, |ps| {
            diagnose_out(result, out, out_len, out_written, &[(signature, signature_len)], detail, k.key().order(), |buf| {
                k.key().diagnose_params(ps, sig, buf)
            })
        }) {
            Ok(s) | Err(s) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnosis_layout_is_the_0_1_layout() {
        // `matching_orders` sits in what was padding after `matched`: the ABI rules allow no
        // other change to a struct's layout within a major version.
        use core::mem::{offset_of, size_of};
        assert_eq!(size_of::<qrsign_diagnosis>(), 16);
        assert_eq!(offset_of!(qrsign_diagnosis, matched), 0);
        assert_eq!(offset_of!(qrsign_diagnosis, matching_orders), 1);
        assert_eq!(offset_of!(qrsign_diagnosis, order), 4);
        assert_eq!(offset_of!(qrsign_diagnosis, has_location), 8);
        assert_eq!(offset_of!(qrsign_diagnosis, location), 12);
    }

    #[test]
    fn key_fits_its_slot() {
        assert!(KEY_STATE_OFFSET + size_of::<Key>() <= QRSIGN_KEY_SIZE);
        assert_eq!(core::mem::align_of::<qrsign_key>(), 8);
    }

    #[test]
    fn header_url_macros_match_the_core() {
        let header = include_str!("../../include/qrsign.h");
        for (name, value) in [
            (
                "QRSIGN_ECOMMPAY_PAYMENT_PAGE",
                qrsign_core::ECOMMPAY_PAYMENT_PAGE,
            ),
            (
                "QRSIGN_JETPAY_PAYMENT_PAGE",
                qrsign_core::JETPAY_PAYMENT_PAGE,
            ),
            ("QRSIGN_JETPAY_GENERATE_QR", qrsign_core::JETPAY_GENERATE_QR),
        ] {
            let line = format!("#define {name} \"{value}\"");
            assert!(header.contains(&line), "{line}");
        }
    }

    #[test]
    fn orders_map_totally() {
        for v in 0..3 {
            let o = sort_order(v).map(order_code);
            assert_eq!(o, Some(v));
        }
        assert_eq!(sort_order(3), None);
        assert_eq!(sort_order(u32::MAX), None);
    }
}
