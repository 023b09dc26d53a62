//! Flat parameter values and amounts.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};
use qrsign_core::limits::MAX_PARAMS;
use qrsign_core::{CLICK_QR_LIMITS, Currency, Error, Param, Value};

use crate::errors::OrRaise;

/// A flat parameter's value: text, an integer that fits in 64 bits, a bool, or None.
pub(crate) enum Flat {
    /// `True` / `False`, signed as `1` / `0`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// Text.
    Str(String),
    /// `None`, signed as the empty string.
    Null,
}

impl<'py> FromPyObject<'_, 'py> for Flat {
    type Error = PyErr;

    fn extract(value: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        // bool before int: a bool is an int in Python.
        if value.is_none() {
            Ok(Flat::Null)
        } else if let Ok(b) = value.cast::<PyBool>() {
            Ok(Flat::Bool(b.is_true()))
        } else if value.cast::<PyInt>().is_ok() {
            value.extract::<i64>().map(Flat::Int).map_err(|_| {
                crate::errors::raise(
                    "LimitExceeded",
                    "a flat parameter's integer must fit in 64 bits",
                    &[],
                )
            })
        } else if let Ok(s) = value.cast::<PyString>() {
            Ok(Flat::Str(s.to_str()?.to_string()))
        } else {
            Err(PyTypeError::new_err(format!(
                "a flat parameter is str, int, bool or None, not {}",
                value.get_type().name()?
            )))
        }
    }
}

/// Runs `f` on the core's view of `params` (at most [`MAX_PARAMS`]).
pub(crate) fn flat_params<T>(
    params: &[(String, Flat)],
    f: impl FnOnce(&[Param<'_>]) -> Result<T, Error>,
) -> Result<T, Error> {
    if params.len() > MAX_PARAMS {
        return Err(Error::TooManyValues { limit: MAX_PARAMS });
    }
    let ps: Vec<Param<'_>> = params
        .iter()
        .map(|(name, v)| {
            Param::new(
                name,
                match v {
                    Flat::Bool(b) => Value::Bool(*b),
                    Flat::Int(i) => Value::Int(*i),
                    Flat::Str(s) => Value::Str(s),
                    Flat::Null => Value::Null,
                },
            )
        })
        .collect();
    f(&ps)
}

/// Runs `f` on the parameters of a flat `dict` (str keys; str, int within 64 bits, bool or None
/// values; at most [`MAX_PARAMS`]) borrowed in place: `None` if `value` is anything else (a
/// nested or float value, a big int: the caller then writes JSON). Flat parameters and their
/// JSON object have the same canonical string.
pub(crate) fn with_flat_dict<T>(
    value: &Bound<'_, PyAny>,
    f: impl FnOnce(&[Param<'_>]) -> T,
) -> PyResult<Option<T>> {
    let Ok(dict) = value.cast::<PyDict>() else {
        return Ok(None);
    };
    if dict.len() > MAX_PARAMS {
        return Ok(None);
    }
    // The items are held here so that their text can be borrowed in place below.
    let items: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = dict.iter().collect();
    let mut ps = Vec::with_capacity(items.len());
    for (k, v) in &items {
        // `signature` is data in a JSON document but refused as a flat parameter: JSON path.
        let Some(name) = k
            .cast::<PyString>()
            .ok()
            .and_then(|k| k.to_str().ok())
            .filter(|n| *n != "signature")
        else {
            return Ok(None);
        };
        let value = if v.is_none() {
            Value::Null
        } else if let Ok(b) = v.cast::<PyBool>() {
            Value::Bool(b.is_true())
        } else if v.cast::<PyInt>().is_ok() {
            match v.extract::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => return Ok(None),
            }
        } else if let Some(text) = v.cast::<PyString>().ok().and_then(|s| s.to_str().ok()) {
            Value::Str(text)
        } else {
            return Ok(None);
        };
        ps.push(Param::new(name, value));
    }
    Ok(Some(f(&ps)))
}

/// Minor units of a human-written amount (`"200,000.00"`) in `currency`.
#[pyfunction]
pub(crate) fn to_minor_units(amount: &str, currency: &str) -> PyResult<u64> {
    Currency::from_code(currency)
        .and_then(|c| c.parse_amount(amount))
        .or_raise()
}

/// The ISO 4217 minor digits of `currency`.
#[pyfunction]
pub(crate) fn minor_digits(currency: &str) -> PyResult<u8> {
    Currency::from_code(currency)
        .map(|c| c.minor_digits)
        .or_raise()
}

/// `amount` (UZS minor units) if within Click QR's limits; raises `AmountOutOfRange` otherwise.
#[pyfunction]
pub(crate) fn check_click_qr(amount: u64) -> PyResult<u64> {
    CLICK_QR_LIMITS.check(amount).or_raise()
}
