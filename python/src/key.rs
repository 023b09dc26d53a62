//! The key context (`_qrsign.Key`, wrapped by `qrsign.Signer`) and the keyless canonical forms.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use qrsign_core::{GATE_SIGNATURE_OVERHEAD, Key as CoreKey, SignatureLocation, SortOrder};

use crate::DETACH_ABOVE;
use crate::errors::OrRaise;
use crate::to_json::with_json;
use crate::values::{Flat, flat_params, with_flat_dict};

/// A sort order from its name (`"natural"`, `"path-bytewise"`, `"line-bytewise"`).
pub(crate) fn sort_order(name: &str) -> PyResult<SortOrder> {
    match name {
        "natural" => Ok(SortOrder::Natural),
        "path-bytewise" => Ok(SortOrder::PathBytewise),
        "line-bytewise" => Ok(SortOrder::LineBytewise),
        _ => Err(PyValueError::new_err(format!(
            "unknown sort order {name:?}: use \"natural\", \"path-bytewise\" or \"line-bytewise\""
        ))),
    }
}

fn order_name(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Natural => "natural",
        SortOrder::PathBytewise => "path-bytewise",
        SortOrder::LineBytewise => "line-bytewise",
    }
}

fn location_name(location: SignatureLocation) -> &'static str {
    match location {
        SignatureLocation::TopLevel => "signature",
        SignatureLocation::General => "general.signature",
    }
}

/// Runs `f` with the GIL released when `len` is above [`DETACH_ABOVE`].
fn run<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> T {
    if len > DETACH_ABOVE {
        py.detach(f)
    } else {
        f()
    }
}

/// A key derived once from the secret (HMAC state; the secret itself is not kept), with its
/// sort order and strict flag. Its repr never shows the secret.
#[pyclass(module = "qrsign._qrsign", frozen)]
pub(crate) struct Key {
    key: CoreKey,
}

#[pymethods]
impl Key {
    /// `secret`: str (its UTF-8) or bytes.
    #[new]
    #[pyo3(signature = (secret, order = "natural", strict = false))]
    fn new(secret: &Bound<'_, PyAny>, order: &str, strict: bool) -> PyResult<Self> {
        let order = sort_order(order)?;
        let key = with_json(secret, CoreKey::new)?.or_raise()?;
        Ok(Key {
            key: key.with_order(order).with_strict(strict),
        })
    }

    #[getter]
    fn order(&self) -> &'static str {
        order_name(self.key.order())
    }

    #[getter]
    fn strict(&self) -> bool {
        self.key.is_strict()
    }

    fn __repr__(&self) -> String {
        format!(
            "Key(order={:?}, strict={})",
            self.order(),
            if self.strict() { "True" } else { "False" }
        )
    }

    /// The signature (88 characters) of a JSON document: bytes or str as given, a mapping or
    /// list written to JSON once (a flat dict of str, int, bool and None is signed as flat
    /// parameters directly: the same canonical string, without writing JSON).
    fn sign_json(&self, params: &Bound<'_, PyAny>) -> PyResult<String> {
        let py = params.py();
        if let Some(sig) = with_flat_dict(params, |ps| self.key.sign_params(ps))? {
            return Ok(sig.or_raise()?.as_str().to_string());
        }
        let sig = with_json(params, |json| {
            run(py, json.len(), || self.key.sign_json(json))
        })?;
        Ok(sig.or_raise()?.as_str().to_string())
    }

    /// `None` if `signature` is the document's; raises otherwise.
    fn verify_json(&self, params: &Bound<'_, PyAny>, signature: &[u8]) -> PyResult<()> {
        let py = params.py();
        if let Some(r) = with_flat_dict(params, |ps| self.key.verify_params(ps, signature))? {
            return r.or_raise();
        }
        with_json(params, |json| {
            run(py, json.len(), || self.key.verify_json(json, signature))
        })?
        .or_raise()
    }

    /// Verifies a callback body (bytes or str); returns where its signature was.
    fn verify_callback(&self, py: Python<'_>, json: &[u8]) -> PyResult<&'static str> {
        let location = run(py, json.len(), || self.key.verify_callback(json)).or_raise()?;
        Ok(location_name(location))
    }

    /// The signature of an already canonical string.
    fn sign_canonical(&self, canonical: &[u8]) -> String {
        self.key.sign_canonical(canonical).as_str().to_string()
    }

    /// The signature of flat parameters (`[(name, value)]`).
    fn sign_params(&self, params: Vec<(String, Flat)>) -> PyResult<String> {
        flat_params(&params, |ps| {
            self.key.sign_params(ps).map(|s| s.as_str().to_string())
        })
        .or_raise()
    }

    /// `None` if `signature` is the flat parameters'; raises otherwise.
    fn verify_params(&self, params: Vec<(String, Flat)>, signature: &[u8]) -> PyResult<()> {
        flat_params(&params, |ps| self.key.verify_params(ps, signature)).or_raise()
    }

    /// A Gate request body with `general.signature` set (every other byte kept).
    fn sign_gate_body<'py>(&self, py: Python<'py>, json: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
        let mut out = vec![0u8; json.len() + GATE_SIGNATURE_OVERHEAD];
        let n = run(py, json.len(), || self.key.sign_gate_body(json, &mut out)).or_raise()?;
        Ok(PyBytes::new(py, out.get(..n).unwrap_or_default()))
    }

    /// A signed Payment Page (or generate-qr) URL: `base?params&signature=...`.
    fn payment_page_url(&self, base: &str, params: Vec<(String, Flat)>) -> PyResult<String> {
        flat_params(&params, |ps| {
            let mut out = vec![0u8; 0];
            let needed = match self.key.payment_page_url(base, ps, &mut out) {
                Err(qrsign_core::Error::BufferTooSmall { needed }) => needed,
                other => other?,
            };
            out.resize(needed, 0);
            let n = self.key.payment_page_url(base, ps, &mut out)?;
            Ok(String::from_utf8_lossy(out.get(..n).unwrap_or_default()).into_owned())
        })
        .or_raise()
    }

    /// Which orders reproduce `signature` (None: the body's own, as a callback): a tuple
    /// `(matching orders, first order or None, location or None, canonical string)`.
    #[pyo3(signature = (json, signature = None))]
    fn diagnose_json<'py>(
        &self,
        py: Python<'py>,
        json: &[u8],
        signature: Option<&[u8]>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let mut out = vec![0u8; 0];
        let needed = match self.key.diagnose_json(json, signature, &mut out) {
            Err(qrsign_core::Error::BufferTooSmall { needed }) => needed,
            Ok(d) => d.canonical_len,
            Err(e) => return Err(crate::errors::to_py(e)),
        };
        out.resize(needed, 0);
        let d = self
            .key
            .diagnose_json(json, signature, &mut out)
            .or_raise()?;
        let matching: Vec<&str> = d.matching.iter().map(order_name).collect();
        let canonical =
            String::from_utf8_lossy(out.get(..d.canonical_len).unwrap_or_default()).into_owned();
        (
            matching,
            d.order.map(order_name),
            d.location.map(location_name),
            canonical,
        )
            .into_pyobject(py)
    }
}

/// A document's canonical string under `order`; `callback` leaves out its signature.
#[pyfunction]
#[pyo3(signature = (json, order = "natural", callback = false))]
pub(crate) fn canonical_json(
    py: Python<'_>,
    json: &[u8],
    order: &str,
    callback: bool,
) -> PyResult<String> {
    let order = sort_order(order)?;
    let write = |out: &mut [u8]| {
        if callback {
            qrsign_core::canonical_callback(json, order, out)
        } else {
            qrsign_core::canonical_json(json, order, out)
        }
    };
    let needed = match write(&mut []) {
        Ok(n) => n,
        Err(qrsign_core::Error::BufferTooSmall { needed }) => needed,
        Err(e) => return Err(crate::errors::to_py(e)),
    };
    let mut out = vec![0u8; needed];
    let n = run(py, json.len(), || write(&mut out)).or_raise()?;
    Ok(String::from_utf8_lossy(out.get(..n).unwrap_or_default()).into_owned())
}

/// Flat parameters' canonical string under `order`.
#[pyfunction]
#[pyo3(signature = (params, order = "natural"))]
pub(crate) fn canonical_params(params: Vec<(String, Flat)>, order: &str) -> PyResult<String> {
    let order = sort_order(order)?;
    flat_params(&params, |ps| {
        let needed = match qrsign_core::canonical_params(ps, order, &mut []) {
            Ok(n) => n,
            Err(qrsign_core::Error::BufferTooSmall { needed }) => needed,
            Err(e) => return Err(e),
        };
        let mut out = vec![0u8; needed];
        let n = qrsign_core::canonical_params(ps, order, &mut out)?;
        Ok(String::from_utf8_lossy(out.get(..n).unwrap_or_default()).into_owned())
    })
    .or_raise()
}

/// The byte offset of the first ambiguous key or value (SECURITY.md), or None.
#[pyfunction]
#[pyo3(signature = (json, callback = false))]
pub(crate) fn find_ambiguity(json: &[u8], callback: bool) -> PyResult<Option<usize>> {
    qrsign_core::find_ambiguity(json, callback).or_raise()
}
