//! The C ABI's entry points with random inputs, random NULLs and random claimed lengths (a
//! NULL with a non-zero length, a length far past the buffer, an output shorter than needed),
//! under AddressSanitizer: every call returns a known status (never the panic status), writes
//! nothing past `out_len`, and writes the output only on success.
#![no_main]

use core::ptr::{null, null_mut};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use qrsign::*;

unsafe extern "C" {
    // Exported by the library (not re-exported to Rust): the C API's message lookup.
    fn qrsign_status_str(status: u32) -> *const core::ffi::c_char;
}

const CANARY: u8 = 0xA5;
/// A claimed input length past every limit (never read: refused first).
const HUGE: usize = 1 << 30;

#[derive(Arbitrary, Debug)]
struct Input {
    secret: Vec<u8>,
    order: u32,
    strict: u32,
    /// Bit 0: input NULL; bit 1: claim HUGE; bit 2: output NULL; bit 3: out_written NULL;
    /// bit 4: detail NULL.
    flags: u8,
    out_len: u16,
    op: u8,
    format: u32,
    field: u32,
    scale: u8,
    quiet_zone: u8,
    qr_opts: (u32, u32, u32, i32, bool),
    data: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let mut key = qrsign_key { opaque: [0; 64] };
    let init = qrsign_key_init(
        &mut key,
        input.secret.as_ptr(),
        input.secret.len(),
        input.order,
        null_mut(),
    ) as u32;
    known(init);
    if init == 0 {
        known(qrsign_key_set_strict(&mut key, input.strict, null_mut()) as u32);
    }
    let f = input.flags;
    let data = if f & 1 != 0 { null() } else { input.data.as_ptr() };
    let len = if f & 2 != 0 { HUGE } else { input.data.len() };
    let out_len = usize::from(input.out_len);
    let mut backing = vec![CANARY; out_len + 64];
    let out = if f & 4 != 0 { null_mut() } else { backing.as_mut_ptr() };
    let mut written = usize::MAX;
    let written_ptr: *mut usize = if f & 8 != 0 { null_mut() } else { &mut written };
    let mut detail = qrsign_error_detail::default();
    let detail_ptr: *mut qrsign_error_detail = if f & 16 != 0 { null_mut() } else { &mut detail };
    let sig = [b'A'; QRSIGN_SIGNATURE_LEN];
    let status = match input.op % 9 {
        0 => qrsign_key_sign_json(&key, data, len, out, out_len, written_ptr, detail_ptr),
        1 => qrsign_key_verify_callback(&key, data, len, null_mut(), detail_ptr),
        2 => qrsign_key_verify_json(&key, data, len, sig.as_ptr(), sig.len(), detail_ptr),
        3 => qrsign_canonical_json(data, len, input.order, out, out_len, written_ptr, detail_ptr),
        4 => qrsign_key_sign_gate_body(&key, data, len, out, out_len, written_ptr, detail_ptr),
        5 => {
            let mut diag = qrsign_diagnosis::default();
            qrsign_key_diagnose_callback(&key, data, len, &mut diag, out, out_len, written_ptr, detail_ptr)
        }
        6 => qrsign_display_data_field(data, len, input.field, out, out_len, written_ptr, detail_ptr),
        7 => qrsign_img_src_decode(data, len, out, out_len, written_ptr, detail_ptr),
        _ => {
            // Encode (text), then render the symbol in a random format.
            let (ecc, min_version, max_version, mask, boost_ecc) = input.qr_opts;
            let opts = qrsign_qr_options { ecc, min_version, max_version, mask, boost_ecc };
            let (mut tmp, mut qr) = (vec![0u8; qrsign_core::qr::BUFFER_LEN_MAX], vec![0u8; qrsign_core::qr::BUFFER_LEN_MAX]);
            let s = qrsign_qr_encode_text(data, len, &opts, tmp.as_mut_ptr(), tmp.len(), qr.as_mut_ptr(), qr.len(), detail_ptr);
            known(s as u32);
            if s as u32 != 0 {
                return;
            }
            let r = qrsign_render_options {
                scale: u32::from(input.scale % 4),
                quiet_zone: u32::from(input.quiet_zone % 6),
                invert: false,
            };
            qrsign_qr_render(qr.as_ptr(), qr.len(), input.format, &r, out, out_len, written_ptr, detail_ptr)
        }
    } as u32;
    known(status);
    assert!(backing[out_len..].iter().all(|&b| b == CANARY), "wrote past out_len");
    match status {
        0 => {
            if !written_ptr.is_null() && written != usize::MAX {
                assert!(written <= out_len);
            }
        }
        200 => {
            assert!(backing[..out_len].iter().all(|&b| b == CANARY), "output written on failure");
            if !written_ptr.is_null() {
                assert!(written > out_len);
            }
        }
        _ => assert!(backing[..out_len].iter().all(|&b| b == CANARY), "output written on failure"),
    }
    if f & 2 != 0 && f & 1 == 0 {
        assert!(status != 0, "a 1 GB claim was accepted");
    }
    qrsign_key_clear(&mut key);
});

/// A status the library documents (not the panic status).
fn known(status: u32) {
    assert_ne!(status, 999, "a panic reached the C boundary");
    // SAFETY: qrsign_status_str takes any value and returns a static NUL-terminated string.
    let text = unsafe { core::ffi::CStr::from_ptr(qrsign_status_str(status)) };
    assert_ne!(text.to_bytes(), b"unknown qrsign status", "status {status}");
}
