//! Flat Payment Page / widget parameters: `name → value` pairs given by the caller.

use core::cmp::Ordering;

use crate::Error;
use crate::limits::MAX_PARAMS;
use crate::order::{
    HEADS, Head, IterCursor, Keyed, SortOrder, compare_keyed, sort_by_heads, strnatcmp,
};
use crate::sink::Sink;

/// A parameter value: what a Payment Page parameter can hold.
///
/// ```
/// use qrsign_core::Value;
/// assert_eq!(Value::Bool(true), Value::Bool(true));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Text, signed verbatim.
    Str(&'a str),
    /// An integer, signed in decimal.
    Int(i64),
    /// A boolean, signed as `1` / `0`.
    Bool(bool),
    /// No value, signed as the empty string.
    Null,
}

/// One named parameter of a Payment Page request.
///
/// ```
/// use qrsign_core::{Param, Value};
/// let p = Param::new("payment_amount", Value::Int(20000000));
/// assert_eq!(p.name, "payment_amount");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param<'a> {
    /// The parameter name, e.g. `payment_amount`.
    pub name: &'a str,
    /// Its value.
    pub value: Value<'a>,
}

impl<'a> Param<'a> {
    /// A parameter.
    ///
    /// ```
    /// let p = qrsign_core::Param::new("project_id", qrsign_core::Value::Int(1234));
    /// assert_eq!(p.value, qrsign_core::Value::Int(1234));
    /// ```
    pub const fn new(name: &'a str, value: Value<'a>) -> Self {
        Param { name, value }
    }
}

/// The signed text of a value, in a small stack buffer.
pub(crate) struct ValueText<'a> {
    int: itoa::Buffer,
    value: Value<'a>,
}

impl<'a> ValueText<'a> {
    pub(crate) fn new(value: Value<'a>) -> Self {
        ValueText {
            int: itoa::Buffer::new(),
            value,
        }
    }
    /// The bytes that are signed (and put in a Payment Page URL) for this value.
    pub(crate) fn bytes(&mut self) -> &[u8] {
        match self.value {
            Value::Str(s) => s.as_bytes(),
            Value::Int(i) => self.int.format(i).as_bytes(),
            Value::Bool(true) => b"1",
            Value::Bool(false) => b"0",
            Value::Null => b"",
        }
    }
}

/// The parameters that are signed, in canonical order.
pub(crate) struct ParamOrder {
    slots: [u16; MAX_PARAMS],
    len: usize,
    /// Whether a name contains `:` (written `::`).
    colons: bool,
}

impl ParamOrder {
    pub(crate) fn indices(&self) -> &[u16] {
        self.slots.get(..self.len).unwrap_or(&[])
    }
}

/// Compares two parameters; `colons` says whether any name contains `:` (checked once per
/// request: names without one compare by name alone, the common case).
fn compare(params: &[Param<'_>], a: u16, b: u16, order: SortOrder, colons: bool) -> Ordering {
    let (Some(pa), Some(pb)) = (params.get(a as usize), params.get(b as usize)) else {
        return Ordering::Equal;
    };
    let (na, nb) = (pa.name.as_bytes(), pb.name.as_bytes());
    let line = order == SortOrder::LineBytewise;
    if !colons {
        let then = if line { Some(b':') } else { None };
        return compare_keyed(
            Keyed { key: na, then },
            Keyed { key: nb, then },
            order,
            true,
        );
    }
    // A name with `:` (written `::`): compare whole paths (or lines).
    let (la, lb) = (line_bytes(pa, line), line_bytes(pb, line));
    if order == SortOrder::Natural {
        strnatcmp(IterCursor::new(la), IterCursor::new(lb), true)
    } else {
        la.cmp(lb)
    }
}

/// The bytes of a parameter's path (its name, `:` doubled) and, `with_value`, `:` and its value.
fn line_bytes<'a>(p: &Param<'a>, with_value: bool) -> impl Iterator<Item = u8> + Clone + 'a {
    let mut text = ValueText::new(p.value);
    let mut small = [0u8; 20];
    let mut small_len = 0;
    let borrowed: &'a [u8] = match p.value {
        Value::Str(s) => s.as_bytes(),
        _ => {
            let bytes = text.bytes();
            small_len = bytes.len().min(small.len());
            if let (Some(d), Some(s)) = (small.get_mut(..small_len), bytes.get(..small_len)) {
                d.copy_from_slice(s);
            }
            &[]
        }
    };
    let name = p
        .name
        .bytes()
        .flat_map(|c| core::iter::once(c).chain((c == b':').then_some(b':')));
    let value = core::iter::once(b':')
        .chain(borrowed.iter().copied())
        .chain(small.into_iter().take(small_len));
    name.chain(value.take(if with_value { usize::MAX } else { 0 }))
}

/// Orders the signed parameters: `frame_mode` is left out, `signature` is refused, duplicate
/// names are refused (`DuplicateKey.offset` is then the index of the second one).
pub(crate) fn param_order(params: &[Param<'_>], order: SortOrder) -> Result<ParamOrder, Error> {
    if params.len() > MAX_PARAMS {
        return Err(Error::TooManyValues { limit: MAX_PARAMS });
    }
    let mut out = ParamOrder {
        slots: [0; MAX_PARAMS],
        len: 0,
        colons: false,
    };
    for (i, p) in params.iter().enumerate() {
        match p.name {
            "signature" => return Err(Error::ReservedKey),
            "frame_mode" => continue,
            _ => {}
        }
        if let Some(slot) = out.slots.get_mut(out.len) {
            *slot = i as u16;
            out.len += 1;
        }
    }
    let slots = out.slots.get_mut(..out.len).unwrap_or(&mut []);
    let colons = params.iter().any(|p| has_colon(p.name.as_bytes()));
    out.colons = colons;
    let mut saw_equal = false;
    let mut by_name = |a: u16, b: u16| {
        let by_name = compare(params, a, b, order, colons);
        saw_equal |= by_name == Ordering::Equal;
        by_name.then(a.cmp(&b))
    };
    let mut heads = [Head::default(); HEADS];
    match heads.get_mut(..slots.len()) {
        // Sort by precomputed name heads (see `Head`): signing (a) went from 35.4K to 32.9K
        // instructions (callgrind).
        Some(heads) if !colons => {
            let then = (order == SortOrder::LineBytewise).then_some(b':');
            for (head, &i) in heads.iter_mut().zip(slots.iter()) {
                let key = params
                    .get(i as usize)
                    .map_or(&[][..], |p| p.name.as_bytes());
                *head = Head::new(Keyed { key, then }, i, order);
            }
            if !sort_by_heads(heads) {
                heads.sort_unstable_by(|x, y| {
                    x.decide(y).unwrap_or_else(|| by_name(x.index, y.index))
                });
            }
            for (slot, head) in slots.iter_mut().zip(heads.iter()) {
                *slot = head.index;
            }
        }
        _ => slots.sort_unstable_by(|&a, &b| by_name(a, b)),
    }
    // Equal names are necessarily compared with each other by the sort.
    let check: &[u16] = if saw_equal { slots } else { &[] };
    for (k, &a) in check.iter().enumerate() {
        for &b in slots.iter().skip(k + 1) {
            if compare(params, a, b, order, colons) != Ordering::Equal {
                break;
            }
            let same =
                params.get(a as usize).map(|p| p.name) == params.get(b as usize).map(|p| p.name);
            if same {
                return Err(Error::DuplicateKey {
                    offset: a.max(b) as usize,
                });
            }
        }
    }
    Ok(out)
}

/// Writes the canonical string of flat parameters into `sink`.
pub(crate) fn write_params<S: Sink + ?Sized>(
    params: &[Param<'_>],
    order: SortOrder,
    sink: &mut S,
) -> Result<(), Error> {
    let sorted = param_order(params, order)?;
    write_param_lines(params, &sorted, sink);
    Ok(())
}

/// Writes the lines of already ordered parameters.
pub(crate) fn write_param_lines<S: Sink + ?Sized>(
    params: &[Param<'_>],
    sorted: &ParamOrder,
    sink: &mut S,
) {
    for (k, &i) in sorted.indices().iter().enumerate() {
        let Some(p) = params.get(i as usize) else {
            continue;
        };
        if k > 0 {
            sink.put_byte(b';');
        }
        if sorted.colons {
            write_name(p.name, sink);
        } else {
            sink.put(p.name.as_bytes());
        }
        sink.put_byte(b':');
        sink.put(ValueText::new(p.value).bytes());
    }
}

/// Whether `name` contains `:`, eight bytes at a time (`str::contains` calls `memchr` per name:
/// ~600 of signing (a)'s instructions, callgrind).
fn has_colon(name: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Exact as a yes/no: a false hit only ever lies above a true one.
    let colon_in = |chunk: &[u8; 8]| {
        let x = u64::from_le_bytes(*chunk) ^ (ONES * u64::from(b':'));
        x.wrapping_sub(ONES) & !x & HIGHS != 0
    };
    let mut chunks = name.chunks_exact(8);
    if chunks.any(|c| c.first_chunk::<8>().is_some_and(colon_in)) {
        return true;
    }
    match name.last_chunk::<8>() {
        // The last eight bytes (overlapping what was checked) cover the remainder.
        Some(last) => colon_in(last),
        None => name.contains(&b':'),
    }
}

/// Writes a parameter name with every `:` doubled (names are plain text, not JSON).
fn write_name<S: Sink + ?Sized>(name: &str, sink: &mut S) {
    for part in name.as_bytes().split_inclusive(|&b| b == b':') {
        sink.put(part);
        if part.last() == Some(&b':') {
            sink.put(b":");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_colon;

    #[test]
    fn has_colon_agrees_with_a_byte_search() {
        // Every length up to 40 and every position of one `:` (or none), among neighbours that
        // are and are not close to it in value (SWAR borrows run between adjacent bytes).
        for len in 0..40 {
            for fill in [b'a', b';', 0x00, 0xff, b'9'] {
                for at in 0..=len {
                    let mut name = vec![fill; len];
                    if let Some(b) = name.get_mut(at) {
                        *b = b':';
                    }
                    assert_eq!(has_colon(&name), name.contains(&b':'), "{name:?}");
                }
            }
        }
    }
}
