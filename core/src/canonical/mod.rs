//! The canonical string: every signed leaf as `path:value`, sorted, joined with `;`.
//!
//! JSON is read straight from the caller's bytes into a fixed table of nodes (`document`),
//! ordered (`sort`) and written (`path`) into a sink: the MAC, or a caller buffer for the
//! "show me the string to sign" view. The string itself is never materialised.
//!
//! The scanner is hand-written because serde-json-core cannot walk JSON of unknown shape (its
//! `deserialize_any` is unsupported) and because signing needs the raw text of every number.

pub(crate) mod document;
mod path;
mod sort;

use crate::Error;
use crate::order::SortOrder;
use crate::params::{Param, ParamOrder, param_order, write_param_lines};
use crate::sink::{BufSink, CountSink, Sink};
use document::{Document, Exclude};
pub(crate) use sort::Sorted;

/// Writes the canonical string of a parsed document into `sink`.
pub(crate) fn write_document<S: Sink + ?Sized>(
    doc: &mut Document<'_>,
    sorted: &mut Sorted,
    order: SortOrder,
    sink: &mut S,
) -> Result<(), Error> {
    sorted.sort(doc, order)?;
    sorted.write(doc, sink);
    Ok(())
}

/// Writes the canonical string of a parsed document into `out` (only if it fits: on
/// `BufferTooSmall` nothing is written) and returns its length.
pub(crate) fn document_into(
    doc: &mut Document<'_>,
    sorted: &mut Sorted,
    order: SortOrder,
    out: &mut [u8],
) -> Result<usize, Error> {
    sorted.sort(doc, order)?;
    write_sized(out, |sink| sorted.write(doc, sink))
}

/// Runs `write` once to count, and again into `out` only if everything fits.
pub(crate) fn write_sized(
    out: &mut [u8],
    mut write: impl FnMut(&mut dyn Sink),
) -> Result<usize, Error> {
    let mut count = CountSink::default();
    write(&mut count);
    if count.0 > out.len() {
        return Err(Error::BufferTooSmall { needed: count.0 });
    }
    let mut sink = BufSink::new(out);
    write(&mut sink);
    sink.finish()
}

fn canonical_into(
    json: &[u8],
    exclude: Exclude,
    order: SortOrder,
    out: &mut [u8],
) -> Result<usize, Error> {
    let mut doc = Document::new(json);
    let mut sorted = Sorted::new();
    doc.parse(exclude, sorted.siblings())?;
    document_into(&mut doc, &mut sorted, order, out)
}

/// Writes the canonical string of a JSON document (a Gate request body, an API response, or any
/// parameters as JSON) into `out`, returning its length. Everything but `frame_mode` is signed.
///
/// Output is written only on success: on `Err(BufferTooSmall { needed })` `out` is untouched.
///
/// ```
/// use qrsign_core::{canonical_json, SortOrder};
/// let mut out = [0u8; 64];
/// let n = canonical_json(br#"{"b":[1,true],"a":{"x":null}}"#, SortOrder::Natural, &mut out)?;
/// assert_eq!(&out[..n], b"a:x:;b:0:1;b:1:1");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn canonical_json(json: &[u8], order: SortOrder, out: &mut [u8]) -> Result<usize, Error> {
    canonical_into(json, Exclude::Nothing, order, out)
}

/// Like [`canonical_json`] for a callback body: the signature key (top-level `signature`, else
/// `general.signature`) is left out, as when verifying.
///
/// ```
/// use qrsign_core::{canonical_callback, SortOrder};
/// let mut out = [0u8; 64];
/// let body = br#"{"payment":{"id":"7","signature":"data"},"signature":"c2ln"}"#;
/// let n = canonical_callback(body, SortOrder::Natural, &mut out)?;
/// assert_eq!(&out[..n], b"payment:id:7;payment:signature:data");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn canonical_callback(json: &[u8], order: SortOrder, out: &mut [u8]) -> Result<usize, Error> {
    canonical_into(json, Exclude::CallbackSignature, order, out)
}

/// Writes the canonical string of flat Payment Page parameters into `out` (`frame_mode` left
/// out), returning its length; on `BufferTooSmall` nothing is written.
///
/// ```
/// use qrsign_core::{canonical_params, Param, SortOrder, Value};
/// let params = [
///     Param::new("payment_id", Value::Str("X03936")),
///     Param::new("close_on_missclick", Value::Bool(true)),
///     Param::new("frame_mode", Value::Str("popup")),
/// ];
/// let mut out = [0u8; 64];
/// let n = canonical_params(&params, SortOrder::Natural, &mut out)?;
/// assert_eq!(&out[..n], b"close_on_missclick:1;payment_id:X03936");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
pub fn canonical_params(
    params: &[Param<'_>],
    order: SortOrder,
    out: &mut [u8],
) -> Result<usize, Error> {
    let mut sorted = ParamOrder::new();
    param_order(params, order, &mut sorted)?;
    write_sized(out, |sink| write_param_lines(params, &sorted, sink))
}
