//! `make demo`: a Click QR purchase (Monetix, Uzbekistan) end to end, with a demo secret.
//!
//! The data is the example of the Monetix Click QR documentation (project 1234, payment_47,
//! 200,000.00 UZS). Prints the signed Payment Page parameters and URL, the signed Gate sale
//! body, then verifies the platform's callback (and rejects a tampered copy), showing the
//! canonical strings along the way.
#![allow(clippy::indexing_slicing)]

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
    Ok(())
}
