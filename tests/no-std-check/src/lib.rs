//! Calls the core's entry points from a `#![no_std]`, allocator-free static library.
#![no_std]

use qrsign_core::qr::{
    BUFFER_LEN_MAX, QrOptions, RenderOptions, encode_text, escpos_len, render_escpos, render_svg,
    render_terminal, side_len,
};
use qrsign_core::{Key, Param, SortOrder, Value, canonical_json};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// Signs, verifies and canonicalises; returns 0 when everything worked.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_no_std_check() -> i32 {
    let Ok(key) = Key::new(b"secret") else { return 1 };
    let params = [Param::new("payment_id", Value::Str("X03936")), Param::new("project_id", Value::Int(1))];
    let Ok(sig) = key.sign_params(&params) else { return 2 };
    if key.verify_params(&params, sig.as_bytes()).is_err() {
        return 3;
    }
    let body = br#"{"general":{"project_id":1},"payment":{"amount":100}}"#;
    let mut out = [0u8; 512];
    let Ok(n) = key.sign_gate_body(body, &mut out) else { return 4 };
    if key.verify_callback(out.get(..n).unwrap_or(&[])).is_err() {
        return 5;
    }
    let mut canonical = [0u8; 128];
    if canonical_json(body, SortOrder::Natural, &mut canonical).is_err() {
        return 6;
    }
    qr_check()
}

/// Encodes a QR symbol and renders it for a receipt printer, as SVG and as terminal text, all in
/// static-size buffers; returns 0 when everything worked.
fn qr_check() -> i32 {
    const PRINT: RenderOptions = RenderOptions { scale: 4, ..RenderOptions::DEFAULT };
    const RECEIPT_LEN: usize = match escpos_len(side_len(4), &PRINT) {
        Ok(n) => n,
        Err(_) => 0,
    };
    let (mut temp, mut symbol) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
    let opts = QrOptions { max_version: 4, ..QrOptions::default() };
    let Ok(qr) = encode_text("https://example.com/pay?id=42", &mut temp, &mut symbol, &opts) else {
        return 7;
    };
    let mut receipt = [0u8; RECEIPT_LEN];
    if render_escpos(&qr, &mut receipt, &PRINT).is_err() {
        return 8;
    }
    let mut text = [0u8; 8192];
    if render_svg(&qr, &mut text, &RenderOptions::DEFAULT).is_err() {
        return 9;
    }
    if render_terminal(&qr, &mut text, &RenderOptions::DEFAULT).is_err() {
        return 10;
    }
    0
}
