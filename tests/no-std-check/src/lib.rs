//! Calls the core's entry points from a `#![no_std]`, allocator-free static library.
#![no_std]

use qrsign_core::qr::{self as qr, DisplayData, ImgSrc};
use qrsign_core::{Key, Param, SortOrder, Value, canonical_json};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// Signs, verifies, canonicalises, reads QR data and encodes a QR code; returns 0 when
/// everything worked.
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
    let callback = br#"{"display_data":[{"type":"add_info","title":"qr_data","data":"https:\/\/x.uz"}]}"#;
    let mut link = [0u8; 32];
    let Ok(display) = DisplayData::parse(callback) else { return 7 };
    if display.qr_data_into(&mut link) != Ok(12) {
        return 8;
    }
    let response = br#"{"img_src":"data:image\/png;base64,iVBORw0KGgoAAAANSA=="}"#;
    let mut png = [0u8; 16];
    let Ok(img) = ImgSrc::parse_response(response) else { return 9 };
    if img.decode_png_into(&mut png) != Ok(13) {
        return 10;
    }
    // Automatic mask (the core's own mask choice), buffers sized for version 10 at compile time.
    let mut temp = [0u8; qr::buffer_len(10)];
    let mut symbol = [0u8; qr::buffer_len(10)];
    let opts = qr::QrOptions { max_version: 10, ..qr::QrOptions::default() };
    let code = match qr::encode_text("https://pay.example.com/qr/3f9c2a7b", &mut temp, &mut symbol, &opts) {
        Ok(code) if code.mask() < 8 => code,
        _ => return 11,
    };
    // Renders for a receipt printer (buffer sized at compile time), as SVG and as terminal text.
    const PRINT: qr::RenderOptions = qr::RenderOptions { scale: 4, ..qr::RenderOptions::DEFAULT };
    const RECEIPT_LEN: usize = match qr::escpos_len(qr::side_len(10), &PRINT) {
        Ok(n) => n,
        Err(_) => 0,
    };
    let mut receipt = [0u8; RECEIPT_LEN];
    if qr::render_escpos(&code, &mut receipt, &PRINT).is_err() {
        return 12;
    }
    let mut text = [0u8; 16384];
    if qr::render_svg(&code, &mut text, &qr::RenderOptions::DEFAULT).is_err() {
        return 13;
    }
    if qr::render_terminal(&code, &mut text, &qr::RenderOptions::DEFAULT).is_err() {
        return 14;
    }
    0
}
