//! `qrsign._qrsign`: the thin native module behind the `qrsign` Python package. It calls the Rust
//! core directly; names, docs and the pythonic API live in Python (`python/qrsign/`).
//!
//! Conventions: JSON arrives as bytes (`str` is encoded by the caller, a `Mapping` is written to
//! JSON once, in [`to_json`]); every core error becomes the `qrsign` exception of its cause
//! ([`errors`]); the GIL is released around work on inputs above [`DETACH_ABOVE`] bytes.

mod errors;
mod key;
mod qr;
mod to_json;
mod values;

use pyo3::prelude::*;

/// Inputs longer than this are signed, verified and encoded with the GIL released: below it the
/// release and re-acquisition cost more than the work (a few µs).
pub(crate) const DETACH_ABOVE: usize = 2048;

#[pymodule]
fn _qrsign(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(errors::register_errors, m)?)?;
    m.add_function(wrap_pyfunction!(to_json::dumps, m)?)?;
    m.add_class::<key::Key>()?;
    m.add_function(wrap_pyfunction!(key::canonical_json, m)?)?;
    m.add_function(wrap_pyfunction!(key::canonical_params, m)?)?;
    m.add_function(wrap_pyfunction!(key::find_ambiguity, m)?)?;
    m.add_function(wrap_pyfunction!(values::to_minor_units, m)?)?;
    m.add_function(wrap_pyfunction!(values::check_click_qr, m)?)?;
    m.add_function(wrap_pyfunction!(values::minor_digits, m)?)?;
    m.add_function(wrap_pyfunction!(qr::encode, m)?)?;
    m.add_function(wrap_pyfunction!(qr::render, m)?)?;
    m.add_function(wrap_pyfunction!(qr::png, m)?)?;
    m.add_function(wrap_pyfunction!(qr::display_data, m)?)?;
    m.add_function(wrap_pyfunction!(qr::decode_img_src, m)?)?;
    Ok(())
}
