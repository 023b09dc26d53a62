//! Core errors as the `qrsign` package's exceptions. The classes are defined in Python
//! (`qrsign/errors.py`: names and docs live there) and handed to the native module once at
//! import (`register_errors`); each core cause maps to one class name, and the cause's numbers
//! (`offset`, `limit`, `needed`, ...) become attributes of the exception.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;
use qrsign_core::Error;

/// `{class name: class}` from `qrsign.errors`.
static CLASSES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// Called once by `qrsign/__init__.py` with the exception classes by name.
#[pyfunction]
pub(crate) fn register_errors(py: Python<'_>, classes: Bound<'_, PyDict>) -> PyResult<()> {
    CLASSES
        .set(py, classes.unbind())
        .map_err(|_| PyRuntimeError::new_err("qrsign errors registered twice"))
}

/// The class name for a core error, and its numeric details.
fn describe(e: &Error) -> (&'static str, Vec<(&'static str, u64)>) {
    let n = |v: usize| v as u64;
    match *e {
        Error::MalformedJson { offset } => ("MalformedJSON", vec![("offset", n(offset))]),
        Error::InvalidUtf8 { offset } => ("InvalidUTF8", vec![("offset", n(offset))]),
        Error::InvalidEscape { offset } => ("InvalidEscape", vec![("offset", n(offset))]),
        Error::DuplicateKey { offset } => ("DuplicateKey", vec![("offset", n(offset))]),
        Error::UnexpectedType { offset } => ("UnexpectedType", vec![("offset", n(offset))]),
        Error::TooDeep { limit }
        | Error::TooManyValues { limit }
        | Error::InputTooLong { limit } => ("LimitExceeded", vec![("limit", n(limit))]),
        Error::BufferTooSmall { needed } => ("Error", vec![("needed", n(needed))]),
        Error::EmptySecret => ("EmptySecret", vec![]),
        Error::ReservedKey => ("ReservedKey", vec![]),
        Error::MissingSignature => ("MissingSignature", vec![]),
        Error::InvalidSignatureEncoding => ("InvalidSignatureEncoding", vec![]),
        Error::SignatureMismatch => ("InvalidSignature", vec![]),
        Error::AmbiguousValue { offset } => ("AmbiguousValue", vec![("offset", n(offset))]),
        Error::UnknownCurrency => ("UnknownCurrency", vec![]),
        Error::InvalidAmount { offset } => ("InvalidAmount", vec![("offset", n(offset))]),
        Error::AmountOutOfRange { amount, min, max } => (
            "AmountOutOfRange",
            vec![("amount", amount), ("min", min), ("max", max)],
        ),
        Error::DataTooLong {
            needed_bits,
            capacity_bits,
        } => (
            "DataTooLong",
            vec![
                ("needed_bits", n(needed_bits)),
                ("capacity_bits", n(capacity_bits)),
            ],
        ),
        Error::InvalidQrOption => ("QrError", vec![]),
        Error::MissingQrData => ("MissingQrData", vec![]),
        Error::InvalidDataUri { offset } => ("InvalidDataUri", vec![("offset", n(offset))]),
        _ => ("Error", vec![]),
    }
}

/// The Python exception for a core error: its class, its message (the core's sentence), its
/// numbers as attributes. Also used for errors found on the Python side of the boundary.
pub(crate) fn to_py(e: Error) -> PyErr {
    let (name, details) = describe(&e);
    raise(name, &e.to_string(), &details)
}

/// An exception of the registered class `name` with `message` and integer attributes.
pub(crate) fn raise(name: &str, message: &str, details: &[(&str, u64)]) -> PyErr {
    Python::attach(|py| {
        let Some(classes) = CLASSES.get(py) else {
            return PyRuntimeError::new_err(message.to_string());
        };
        let class = match classes.bind(py).get_item(name) {
            Ok(Some(c)) => c,
            _ => return PyRuntimeError::new_err(message.to_string()),
        };
        match class.call1((message,)) {
            Ok(exc) => {
                for (attr, value) in details {
                    if let Err(err) = exc.setattr(*attr, *value) {
                        return err;
                    }
                }
                PyErr::from_value(exc)
            }
            Err(err) => err,
        }
    })
}

/// `Result<T, Error>` to `PyResult<T>`.
pub(crate) trait OrRaise<T> {
    /// The value, or the `qrsign` exception of the error.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
