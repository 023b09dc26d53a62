//! Inputs shared by the signing benchmarks (criterion timings and callgrind counts).

use qrsign::{Param, Value};

/// The demo secret the test callback was signed with.
pub const SECRET: &[u8] = b"demo-secret";
/// A 1.6 KB Click QR callback (tests/data/README.md says how it was signed).
pub const CALLBACK: &str = include_str!("../../tests/data/click-qr-callback.json");
/// Its canonical string, as PHP computes it.
pub const CALLBACK_CANONICAL: &str =
    include_str!("../../tests/data/click-qr-callback.canonical.txt");

/// A 10-parameter Click QR Payment Page request.
pub fn payment_page_params() -> [Param<'static>; 10] {
    [
        Param::new("project_id", Value::Int(1234)),
        Param::new("payment_id", Value::Str("payment_47")),
        Param::new("customer_id", Value::Str("customer_123")),
        Param::new("customer_first_name", Value::Str("John")),
        Param::new("customer_last_name", Value::Str("Doe")),
        Param::new("customer_email", Value::Str("johndoe@example.com")),
        Param::new("payment_currency", Value::Str("UZS")),
        Param::new("payment_amount", Value::Int(20_000_000)),
        Param::new("force_payment_method", Value::Str("sbp-qr")),
        Param::new("language_code", Value::Str("uz")),
    ]
}
