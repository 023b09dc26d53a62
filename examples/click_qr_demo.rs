//! `make demo`: a Click QR purchase (Monetix, Uzbekistan) end to end, with a demo secret.
//!
//! The data is the example of the Monetix Click QR documentation (project 1234, payment_47,
//! 200,000.00 UZS). Prints the signed Payment Page parameters and URL, the signed Gate sale
//! body, then verifies the platform's callback (and rejects a tampered copy), showing the
//! canonical strings along the way. Then the QR screen: the `display_data` of the platform's
//! answer, its `qr_data` link drawn as a QR code on the terminal and written as SVG, and the
//! signed Payment Page URL as an offline QR code (files in `out/`).
#![allow(clippy::indexing_slicing)]

use qrsign::qr::{
    BUFFER_LEN_MAX, DisplayData, QrCode, QrOptions, RenderOptions, encode_text, render_svg,
    render_terminal, svg_len, terminal_len,
};
use qrsign::{
    CLICK_QR_LIMITS, Currency, ECOMMPAY_PAYMENT_PAGE, Error, GATE_SIGNATURE_OVERHEAD, Key, Param,
    SortOrder, Value, canonical_callback, canonical_params,
};

const SECRET: &[u8] = b"demo-secret";

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or("<not UTF-8>")
}

fn main() -> Result<(), Error> {
    let key = Key::new(SECRET)?;

    println!("== 1. Amount: the cashier types 200,000.00 UZS");
    let uzs = Currency::from_code("UZS")?;
    let amount = CLICK_QR_LIMITS.check(uzs.parse_amount("200,000.00")?)?;
    println!(
        "   minor units: {amount} (Click QR allows {}..={})",
        CLICK_QR_LIMITS.min, CLICK_QR_LIMITS.max
    );
    match CLICK_QR_LIMITS.check(uzs.parse_amount("25,000,000.00")?) {
        Err(e) => println!("   25,000,000.00 UZS is refused: {e}"),
        Ok(_) => println!("   (unexpected: 25,000,000.00 UZS accepted)"),
    }

    println!("\n== 2. Payment Page (checkout page with Click QR forced)");
    let amount_i64 = i64::try_from(amount).unwrap_or(i64::MAX);
    let params = [
        Param::new("project_id", Value::Int(1234)),
        Param::new("payment_id", Value::Str("payment_47")),
        Param::new("customer_id", Value::Str("customer_123")),
        Param::new("customer_first_name", Value::Str("John")),
        Param::new("customer_last_name", Value::Str("Doe")),
        Param::new("customer_email", Value::Str("johndoe@example.com")),
        Param::new("payment_currency", Value::Str("UZS")),
        Param::new("payment_amount", Value::Int(amount_i64)),
        Param::new("force_payment_method", Value::Str("sbp-qr")),
    ];
    let mut canonical = [0u8; 1024];
    let n = canonical_params(&params, SortOrder::Natural, &mut canonical)?;
    println!("   string to sign: {}", text(&canonical[..n]));
    println!("   signature:      {}", key.sign_params(&params)?);
    let mut url = [0u8; 1024];
    let n = key.payment_page_url(ECOMMPAY_PAYMENT_PAGE, &params, &mut url)?;
    println!("   URL: {}", text(&url[..n]));

    println!("\n== 3. Gate sale request: POST /v2/payment/sbp-qr/sale");
    let body = format!(
        r#"{{"general":{{"project_id":1234,"payment_id":"payment_47"}},"customer":{{"id":"customer_123","ip_address":"198.51.100.47","first_name":"John","last_name":"Doe","email":"johndoe@example.com"}},"payment":{{"amount":{amount},"currency":"UZS"}}}}"#
    );
    let mut signed = vec![0u8; body.len() + GATE_SIGNATURE_OVERHEAD];
    let n = key.sign_gate_body(body.as_bytes(), &mut signed)?;
    println!("   {}", text(&signed[..n]));

    println!("\n== 4. The platform's callback");
    let unsigned = r#"{"project_id":1234,"payment":{"id":"payment_47","type":"purchase","status":"success","date":"2022-03-25T11:08:45+0000","method":"sbp-qr","sum":{"amount":20000000,"currency":"UZS"},"description":""},"customer":{"id":"customer_123"},"operation":{"id":28,"type":"sale","status":"success","date":"2022-03-25T11:08:45+0000","created_date":"2022-03-25T11:08:05+0000","request_id":"9e32835fb27907e0b08569d7d150e387a16a80e336c5117242b5cf60a4e17839","sum_initial":{"amount":20000000,"currency":"UZS"},"sum_converted":{"amount":20000000,"currency":"UZS"},"code":"0","message":"Success","provider":{"id":12345,"payment_id":"123abc123-321","auth_code":""}}}"#;
    // The platform signs everything and adds a top-level "signature".
    let signature = key.sign_json(unsigned.as_bytes())?;
    let callback = format!(
        r#"{},"signature":"{signature}"}}"#,
        &unsigned[..unsigned.len() - 1]
    );
    let mut canonical = [0u8; 2048];
    let n = canonical_callback(callback.as_bytes(), SortOrder::Natural, &mut canonical)?;
    println!("   string to sign: {}", text(&canonical[..n]));
    let location = key.verify_callback(callback.as_bytes())?;
    println!("   verified: signature found at {location:?}");

    let tampered = callback.replace("\"amount\":20000000", "\"amount\":2000000");
    match key.verify_callback(tampered.as_bytes()) {
        Err(e) => println!("   tampered copy (amount changed) rejected: {e}"),
        Ok(_) => println!("   (unexpected: tampered copy accepted)"),
    }

    println!("\n== 5. The QR screen: the platform's answer carries display_data");
    // The Click QR documentation's display_data, in a signed answer to the sale request.
    let unsigned = r#"{"project_id":1234,"payment":{"id":"payment_47","status":"awaiting customer"},"display_data":[{"type":"add_info","title":"amount","data":"4100000"},{"type":"add_info","title":"currency","data":"UZS"},{"type":"add_info","title":"receiver_name","data":"John Doe"},{"type":"add_info","title":"receiver_account","data":"998932145678"},{"type":"add_info","title":"qr_data","data":"https:\/\/example.uz\/qr"},{"type":"add_info","title":"lifetime","data":600},{"type":"add_info","title":"bank_name","data":"Example Bank"}]}"#;
    let signature = key.sign_json(unsigned.as_bytes())?;
    let answer = format!(
        r#"{},"signature":"{signature}"}}"#,
        &unsigned[..unsigned.len() - 1]
    );
    key.verify_callback(answer.as_bytes())?;
    let shown = DisplayData::parse(answer.as_bytes())?;
    println!("   signature verified; display_data:");
    for (label, value) in [
        ("receiver", shown.receiver_name),
        ("account", shown.receiver_account),
        ("bank", shown.bank_name),
        ("amount", shown.amount),
        ("currency", shown.currency),
    ] {
        if let Some(v) = value {
            println!("   {label:<9} {}", v.raw());
        }
    }
    if let Some(seconds) = shown.lifetime {
        println!("   {:<9} {seconds} s", "lifetime");
    }
    let mut link = [0u8; 1024];
    let n = shown.qr_data_into(&mut link)?;
    let link = text(&link[..n]).to_owned();
    println!("   qr_data   {link}  (JSON escapes decoded)");
    show_qr(&link, "click-qr.svg")?;

    println!("\n== 6. Offline QR: the signed Payment Page URL of step 2, no network round trip");
    let n = key.payment_page_url(ECOMMPAY_PAYMENT_PAGE, &params, &mut url)?;
    show_qr(text(&url[..n]), "payment-page-qr.svg")?;
    Ok(())
}

/// Encodes `data` (ECC M, automatic mask), draws it on the terminal and writes it as SVG.
fn show_qr(data: &str, svg_name: &str) -> Result<(), Error> {
    let (mut temp, mut symbol) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
    let qr = encode_text(data, &mut temp, &mut symbol, &QrOptions::default())?;
    println!(
        "   QR version {} ({}x{} modules), ECC {:?}, mask {}:",
        qr.version(),
        qr.size(),
        qr.size(),
        qr.ecc(),
        qr.mask()
    );
    // Light modules inked: right for the usual light-on-dark terminal.
    let screen = RenderOptions {
        quiet_zone: 2,
        invert: true,
        ..RenderOptions::DEFAULT
    };
    let mut out = vec![0u8; terminal_len(&qr, &screen)?];
    let n = render_terminal(&qr, &mut out, &screen)?;
    print!("{}", text(&out[..n]));
    write_svg(&qr, svg_name)
}

/// Writes the symbol as SVG into `out/` (8 px per module).
fn write_svg(qr: &QrCode<'_>, name: &str) -> Result<(), Error> {
    let opts = RenderOptions {
        scale: 8,
        ..RenderOptions::DEFAULT
    };
    let mut svg = vec![0u8; svg_len(qr, &opts)?];
    let n = render_svg(qr, &mut svg, &opts)?;
    let path = std::path::Path::new("out").join(name);
    match std::fs::create_dir_all("out").and_then(|()| std::fs::write(&path, &svg[..n])) {
        Ok(()) => println!("   SVG ({n} bytes) written to {}", path.display()),
        Err(e) => println!("   (could not write {}: {e})", path.display()),
    }
    Ok(())
}
