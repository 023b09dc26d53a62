//! Flat Payment Page / widget parameters: `name → value` pairs given by the caller.

use core::cmp::Ordering;

use crate::Error;
use crate::limits::MAX_PARAMS;
use crate::order::{
    IterCursor, Keyed, SortOrder, below_letters, compare_keyed, digit_or_space, strnatcmp,
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
        value_bytes(&self.value, &mut self.int)
    }
}

/// The bytes that are signed for `value`, an integer formatted in `int`. Matched where the
/// value lies: a `ValueText` per line copied each value to the stack first (~5 instructions
/// per line on signing (a), callgrind).
#[inline(always)]
fn value_bytes<'b>(value: &'b Value<'_>, int: &'b mut itoa::Buffer) -> &'b [u8] {
    match *value {
        Value::Str(s) => s.as_bytes(),
        Value::Int(i) => int.format(i).as_bytes(),
        Value::Bool(true) => b"1",
        Value::Bool(false) => b"0",
        Value::Null => b"",
    }
}

/// The parameters that are signed, in canonical order: their name heads (up to `HEADS`
/// parameters without `:` in their names, the common case), else their indices.
///
/// `repr(C)` with the tables last: otherwise LLVM zeroed the whole struct (a `memset` of 265
/// bytes per signature) to initialise its two small fields.
#[repr(C)]
pub(crate) struct ParamOrder {
    /// Whether a name contains `:` (written `::`).
    colons: bool,
    /// Whether the order is in `heads` (else in `slots`).
    by_heads: bool,
    heads: heapless::Vec<NameHead, HEADS>,
    slots: heapless::Vec<u16, MAX_PARAMS>,
}

impl ParamOrder {
    /// How many parameters are signed.
    fn len(&self) -> usize {
        if self.by_heads {
            self.heads.len()
        } else {
            self.slots.len()
        }
    }

    /// The signed parameters' indices, in order.
    fn indices(&self) -> impl Iterator<Item = u16> + '_ {
        let heads = if self.by_heads {
            self.heads.as_slice()
        } else {
            &[]
        };
        let slots = if self.by_heads {
            &[]
        } else {
            self.slots.as_slice()
        };
        heads.iter().map(|h| h.index).chain(slots.iter().copied())
    }

    /// An empty order, built in place by the caller (not returned through a `Result`: the copy
    /// of its tables cost ~50 instructions per signature, callgrind).
    #[inline(always)]
    pub(crate) fn new() -> Self {
        ParamOrder {
            colons: false,
            by_heads: false,
            heads: heapless::Vec::new(),
            slots: heapless::Vec::new(),
        }
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

/// A parameter name's first sixteen bytes followed by its `then` byte (`:` under the line
/// order), big-endian and zero-padded, as two words, with the parameter's index.
///
/// Sixteen bytes, not eight: the Payment Page's names share long prefixes (`customer_` is nine
/// bytes, `payment_` eight), and with eight-byte heads a third of signing (a)'s comparisons
/// went on to `compare_keyed` (callgrind). Two `u64` words and a `u16` make 24 bytes where a
/// `u128` word is aligned to 16 and made 32.
#[derive(Clone, Copy)]
struct NameHead {
    high: u64,
    low: u64,
    index: u16,
}

impl NameHead {
    /// The head of `name`, and whether `name` may hold a `:`, a digit or whitespace: nonzero
    /// if any of its bytes is from 0x01 to 0x3f (`below_letters`: `:` is 0x3a) or it is longer
    /// than 24 bytes (not looked at past its first sixteen and last eight).
    #[inline(always)]
    fn new(name: &[u8], then: Option<u8>, index: u16) -> (Self, u64) {
        let len = name.len();
        let be = |chunk: &[u8; 8]| u64::from_be_bytes(*chunk);
        let second = name.get(8..).and_then(|rest| rest.first_chunk::<8>());
        let (high, low) = match (name.first_chunk::<8>(), second, name.last_chunk::<8>()) {
            (Some(first), Some(second), _) => (be(first), be(second)),
            // 9 to 15 bytes: the last eight, moved up over the first eight's overlap.
            (Some(first), None, Some(last)) => (
                be(first),
                be(last).checked_shl(8 * (16 - len) as u32).unwrap_or(0),
            ),
            _ => (
                name.iter()
                    .enumerate()
                    .fold(0, |w, (i, &b)| w | u64::from(b) << (56 - 8 * i)),
                0,
            ),
        };
        let past = match (len, name.last_chunk::<8>()) {
            (0..=16, _) => 0,
            (17..=24, Some(last)) => below_letters(be(last)),
            _ => 1,
        };
        let special = below_letters(high) | below_letters(low) | past;
        let then = u64::from(then.unwrap_or(0));
        let (high, low) = match len {
            0..8 => (high | then << (56 - 8 * len), low),
            8..16 => (high, low | then << (56 - 8 * (len - 8))),
            _ => (high, low),
        };
        (NameHead { high, low, index }, special)
    }

    /// The head's sixteen bytes: the name's first sixteen, then its `then` byte and zeros.
    fn bytes(&self) -> [u8; 16] {
        self.word().to_be_bytes()
    }

    fn word(&self) -> u128 {
        u128::from(self.high) << 64 | u128::from(self.low)
    }
}

/// Sorts `heads` by their words and says whether no two are equal. An insertion sort (ten
/// names, partly in order) whose inner loop does not test for equal words: adjacent pairs are
/// checked once afterwards (0.18K fewer instructions on signing (a) than testing for equality
/// in the inner loop, callgrind).
fn sort_name_heads(heads: &mut [NameHead]) -> bool {
    for i in 1..heads.len() {
        let Some(&cur) = heads.get(i) else {
            break;
        };
        let word = cur.word();
        let mut j = i;
        while let Some(&prev) = heads.get(j.wrapping_sub(1)) {
            if prev.word() <= word {
                break;
            }
            if let Some(slot) = heads.get_mut(j) {
                *slot = prev;
            }
            j -= 1;
        }
        if let Some(slot) = heads.get_mut(j) {
            *slot = cur;
        }
    }
    heads.windows(2).all(|pair| match pair {
        [a, b] => a.word() != b.word(),
        _ => true,
    })
}

/// How many parameters are sorted by their name heads; more (rare) sort by name alone.
const HEADS: usize = 24;

/// What [`scan_heads`] found.
struct HeadScan {
    /// Whether a name contains `:` (written `::`).
    colons: bool,
    /// Whether more than `HEADS` names are signed (the heads hold only the first `HEADS`).
    overflow: bool,
    /// Whether the heads are in canonical order, decided by their words alone.
    sorted: bool,
}

/// Builds the heads of the signed names into `heads` and sorts them when their words decide:
/// `frame_mode` is left out, `signature` is refused.
///
/// One pass over the names builds each one's head (`NameHead`) and flags bytes below the
/// letters in it (`:` is one, so the exact search for `:` runs only if one is flagged); the heads
/// are then sorted by their words when that decides (no `:` in any name, no digit or
/// whitespace in any head under the natural order, no two equal). Against heads built by a
/// call per name (`order::Head<u128>`, 32 bytes each), a separate `:` scan and a table of
/// indices returned by value: signing (a) 28.1K down to 26.7K instructions (callgrind).
///
/// Inlined, so that signing keeps its head table's length and the pass's state in registers
/// (as a call, the table lay behind a pointer: its length was stored and reloaded per name):
/// signing (a) 25,978 down to 25,893 instructions (callgrind), for a second copy of the pass
/// (~1.5 KB of code) in `param_order`.
#[inline(always)]
fn scan_heads(
    params: &[Param<'_>],
    order: SortOrder,
    heads: &mut heapless::Vec<NameHead, HEADS>,
) -> Result<HeadScan, Error> {
    heads.clear();
    let then = (order == SortOrder::LineBytewise).then_some(b':');
    let (mut special, mut signed) = (0u64, 0usize);
    for (i, p) in params.iter().enumerate() {
        let name = p.name.as_bytes();
        match name {
            b"signature" => return Err(Error::ReservedKey),
            b"frame_mode" => continue,
            _ => {}
        }
        let (head, maybe) = NameHead::new(name, then, i as u16);
        special |= maybe;
        // Past `HEADS`, `push` fails and the count says so (a flag or-ed per name cost ~5
        // instructions a name more, callgrind).
        let _ = heads.push(head);
        signed += 1;
    }
    // Names of letters and `_` only (the common case) have neither `:` nor digits.
    let colons = special != 0 && params.iter().any(|p| has_colon(p.name.as_bytes()));
    let decisive = order != SortOrder::Natural
        || special == 0
        || heads
            .iter()
            .all(|h| digit_or_space(h.high) | digit_or_space(h.low) == 0);
    let overflow = signed > HEADS;
    let sorted = !colons && !overflow && decisive && sort_name_heads(heads);
    Ok(HeadScan {
        colons,
        overflow,
        sorted,
    })
}

/// Orders the signed parameters into `out`: `frame_mode` is left out, `signature` is refused,
/// duplicate names are refused (`DuplicateKey.offset` is then the index of the second one).
///
/// The heads ([`scan_heads`]) decide the common case; otherwise the full comparison sorts
/// the heads, or (names with `:`, more than `HEADS` names) a table of indices.
pub(crate) fn param_order(
    params: &[Param<'_>],
    order: SortOrder,
    out: &mut ParamOrder,
) -> Result<(), Error> {
    if params.len() > MAX_PARAMS {
        return Err(Error::TooManyValues { limit: MAX_PARAMS });
    }
    out.slots.clear();
    let scan = scan_heads(params, order, &mut out.heads)?;
    let colons = scan.colons;
    out.colons = colons;
    out.by_heads = !colons && !scan.overflow;
    if scan.sorted {
        return Ok(());
    }
    let mut saw_equal = false;
    let mut by_name = |a: u16, b: u16| {
        let by_name = compare(params, a, b, order, colons);
        saw_equal |= by_name == Ordering::Equal;
        by_name.then(a.cmp(&b))
    };
    if out.by_heads {
        out.heads.sort_unstable_by(|x, y| by_name(x.index, y.index));
    } else {
        for (i, p) in params.iter().enumerate() {
            if p.name != "frame_mode" {
                let _ = out.slots.push(i as u16);
            }
        }
        out.slots.sort_unstable_by(|&a, &b| by_name(a, b));
    }
    if saw_equal {
        check_duplicates(params, out, order)?;
    }
    Ok(())
}

/// Rejects two parameters of the same name (equal names are necessarily next to each other in
/// `sorted`, and were compared by the sort).
fn check_duplicates(
    params: &[Param<'_>],
    sorted: &ParamOrder,
    order: SortOrder,
) -> Result<(), Error> {
    let mut indices = [0u16; MAX_PARAMS];
    let n = sorted.len();
    for (slot, i) in indices.iter_mut().zip(sorted.indices()) {
        *slot = i;
    }
    let slots = indices.get(..n).unwrap_or(&[]);
    for (k, &a) in slots.iter().enumerate() {
        for &b in slots.iter().skip(k + 1) {
            if compare(params, a, b, order, sorted.colons) != Ordering::Equal {
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
    Ok(())
}

/// Writes the canonical string of flat parameters into `sink`.
///
/// Up to `HEADS` parameters whose heads decide their order (the common case) are ordered in a
/// table of heads of its own; the rest go through [`ParamOrder`], whose table of indices for
/// the other cases made LLVM zero both tables' lengths and the 576 bytes of heads between them
/// with one `memset` per signature (~55 instructions, callgrind).
pub(crate) fn write_params<S: Sink + ?Sized>(
    params: &[Param<'_>],
    order: SortOrder,
    sink: &mut S,
) -> Result<(), Error> {
    let mut heads = heapless::Vec::new();
    if params.len() <= HEADS && scan_heads(params, order, &mut heads)?.sorted {
        write_head_lines(params, &heads, sink);
        return Ok(());
    }
    let mut sorted = ParamOrder::new();
    param_order(params, order, &mut sorted)?;
    write_param_lines(params, &sorted, sink);
    Ok(())
}

/// Writes the lines of parameters ordered by their heads.
fn write_head_lines<S: Sink + ?Sized>(params: &[Param<'_>], heads: &[NameHead], sink: &mut S) {
    for (k, head) in heads.iter().enumerate() {
        let Some(p) = params.get(head.index as usize) else {
            continue;
        };
        let mut int = itoa::Buffer::new();
        sink.put_line(
            k == 0,
            head.bytes(),
            p.name.as_bytes(),
            value_bytes(&p.value, &mut int),
        );
    }
}

/// Writes the lines of already ordered parameters.
pub(crate) fn write_param_lines<S: Sink + ?Sized>(
    params: &[Param<'_>],
    sorted: &ParamOrder,
    sink: &mut S,
) {
    if sorted.by_heads {
        write_head_lines(params, &sorted.heads, sink);
        return;
    }
    for (k, &i) in sorted.slots.iter().enumerate() {
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
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn a_colon_anywhere_in_a_name_is_found() {
        // Names of every length up to 40 (heads cover sixteen bytes, the prefilter the last
        // eight of names up to 24), one `:` at each position or none, under every order.
        for len in 1..40 {
            for at in 0..=len {
                let mut name = vec![b'n'; len];
                if let Some(b) = name.get_mut(at) {
                    *b = b':';
                }
                let name = String::from_utf8(name).unwrap();
                let params = [Param::new("a", Value::Null), Param::new(&name, Value::Null)];
                for order in SortOrder::ALL {
                    let mut heads = heapless::Vec::new();
                    let scan = scan_heads(&params, order, &mut heads).unwrap();
                    assert_eq!(scan.colons, at < len, "{name:?} {order:?}");
                    assert_eq!(scan.sorted, at == len, "{name:?} {order:?}");
                }
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
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
