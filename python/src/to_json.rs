//! A Python value (a `Mapping` of str keys to str, int, float, bool, None, lists, tuples and
//! nested mappings) written as JSON text, once, for the core to sign. The text is what
//! `json.dumps(value, ensure_ascii=False, separators=(",", ":"))` writes, so
//! `sign(d) == sign(json.dumps(d))`: ints of any size as their digits (the core then signs them
//! as PHP would read that literal), floats as `repr` (the shortest text that round-trips).
//! Anything else is a `TypeError`; NaN and infinities, which JSON cannot hold, are
//! `qrsign.UnexpectedType`; nesting past the core's limit is `qrsign.LimitExceeded` (checked
//! here too: the writer recurses).

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use qrsign_core::limits::MAX_DEPTH;

use crate::errors::raise;

/// `dumps(value) -> bytes`: the JSON text the package signs for a Python value.
#[pyfunction]
pub(crate) fn dumps<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let mut out = Vec::with_capacity(256);
    write_value(value, 0, &mut out)?;
    Ok(PyBytes::new(value.py(), &out))
}

/// Runs `f` on the JSON text of `value`: the bytes of a `bytes` object or the UTF-8 of a `str`
/// as they are (no copy), else the JSON written for a mapping, list or tuple.
pub(crate) fn with_json<T>(value: &Bound<'_, PyAny>, f: impl FnOnce(&[u8]) -> T) -> PyResult<T> {
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(f(b.as_bytes()));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(f(utf8(s)?.as_bytes()));
    }
    if value.cast::<PyDict>().is_ok()
        || value.cast::<PyList>().is_ok()
        || value.cast::<PyTuple>().is_ok()
        || value.cast::<PyMapping>().is_ok()
    {
        let mut out = Vec::with_capacity(256);
        write_value(value, 0, &mut out)?;
        return Ok(f(&out));
    }
    if let Ok(b) = value.extract::<Vec<u8>>() {
        return Ok(f(&b)); // bytearray, memoryview
    }
    Err(PyTypeError::new_err(format!(
        "expected a mapping, a list, or JSON as str or bytes, not {}",
        value.get_type().name()?
    )))
}

/// Writes `value` as JSON; `depth` is the number of containers around it.
pub(crate) fn write_value(
    value: &Bound<'_, PyAny>,
    depth: usize,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    if value.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(b) = value.cast::<PyBool>() {
        out.extend_from_slice(if b.is_true() { b"true" } else { b"false" });
    } else if let Ok(s) = value.cast::<PyString>() {
        write_string(s, out)?;
    } else if let Ok(i) = value.cast::<PyInt>() {
        write_int(i, out)?;
    } else if let Ok(f) = value.cast::<PyFloat>() {
        let x = f.value();
        if !x.is_finite() {
            return Err(raise(
                "UnexpectedType",
                &format!("{x} cannot be signed: JSON has no NaN or infinity"),
                &[],
            ));
        }
        out.extend_from_slice(f.repr()?.to_str()?.as_bytes());
    } else if let Ok(d) = value.cast::<PyDict>() {
        enter(depth)?;
        out.push(b'{');
        for (i, (k, v)) in d.iter().enumerate() {
            member(&k, &v, i, depth, out)?;
        }
        out.push(b'}');
    } else if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        enter(depth)?;
        out.push(b'[');
        for (i, item) in value.try_iter()?.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_value(&item?, depth + 1, out)?;
        }
        out.push(b']');
    } else if let Ok(m) = value.cast::<PyMapping>() {
        enter(depth)?;
        out.push(b'{');
        for (i, item) in m.items()?.try_iter()?.enumerate() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
            member(&k, &v, i, depth, out)?;
        }
        out.push(b'}');
    } else {
        return Err(PyTypeError::new_err(format!(
            "cannot sign a value of type {}: use str, int, float, bool, None, list, tuple or a mapping",
            value.get_type().name()?
        )));
    }
    Ok(())
}

/// One `"key":value` member of an object.
fn member(
    key: &Bound<'_, PyAny>,
    value: &Bound<'_, PyAny>,
    index: usize,
    depth: usize,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    let Ok(k) = key.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "keys must be str, not {}",
            key.get_type().name()?
        )));
    };
    if index > 0 {
        out.push(b',');
    }
    write_string(k, out)?;
    out.push(b':');
    write_value(value, depth + 1, out)
}

/// Refuses a container nested deeper than the core accepts (before recursing into it).
fn enter(depth: usize) -> PyResult<()> {
    if depth >= MAX_DEPTH {
        return Err(raise(
            "LimitExceeded",
            &format!("JSON nested deeper than {MAX_DEPTH} levels"),
            &[("limit", MAX_DEPTH as u64)],
        ));
    }
    Ok(())
}

/// An int as its decimal digits (any size).
fn write_int(i: &Bound<'_, PyInt>, out: &mut Vec<u8>) -> PyResult<()> {
    if let Ok(v) = i.extract::<i64>() {
        out.extend_from_slice(v.to_string().as_bytes());
        return Ok(());
    }
    match i.str() {
        Ok(s) => {
            out.extend_from_slice(s.to_str()?.as_bytes());
            Ok(())
        }
        // CPython refuses to print ints past sys.get_int_max_str_digits() (4300 by default).
        Err(e) if e.is_instance_of::<PyValueError>(i.py()) => Err(raise(
            "LimitExceeded",
            &format!("integer too large to sign: {e}"),
            &[],
        )),
        Err(e) => Err(e),
    }
}

/// The UTF-8 of a str; a str holding a lone surrogate has none: `qrsign.InvalidUTF8`.
fn utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<std::borrow::Cow<'a, str>> {
    s.to_str().map(std::borrow::Cow::Borrowed).map_err(|_| {
        raise(
            "InvalidUTF8",
            "the text holds a lone surrogate: it has no UTF-8 form to sign",
            &[("offset", 0)],
        )
    })
}

/// A str as a JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as
/// UTF-8. A str holding a lone surrogate has no UTF-8 form: `qrsign.InvalidUTF8`.
fn write_string(s: &Bound<'_, PyString>, out: &mut Vec<u8>) -> PyResult<()> {
    let text = utf8(s)?;
    out.push(b'"');
    for &b in text.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x00..=0x1f => out.extend_from_slice(format!("\\u{b:04x}").as_bytes()),
            _ => out.push(b),
        }
    }
    out.push(b'"');
    Ok(())
}
