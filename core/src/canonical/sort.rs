//! Ordering the canonical lines of a document without materialising them.
//!
//! The lines are sorted by path (or by whole line). Comparing whole paths is slow, so qrsign
//! sorts each object's members by key instead and walks the tree in that order: when no key
//! contains `:` the first difference between two paths always lies in the keys of two
//! siblings, followed by `:` (a container) or the end (a leaf under a path order). The one
//! exception, sibling containers whose keys are equal under PHP's natural order (`"a b"` and
//! `"ab"`, `"07"` and `"7"`), and any key containing `:` switch to sorting the leaves by whole
//! path. Duplicate keys are found on the way and rejected.

use core::cmp::Ordering;

use super::document::{
    Document, HAS_CONTAINER, KEY_COLON, KEY_ESCAPED, KEY_INDEX, KINDS, Kind, NUMBER_I64, Node,
    SKIP, VALUE_ESCAPED,
};
use super::path::{IndexText, LineBytes, write_key, write_line, write_value};
use crate::Error;
use crate::json::scan::Span;
use crate::json::unescape::Decoded;
use crate::limits::{MAX_DEPTH, MAX_NODES};
use crate::order::{
    HEADS, Head, HeadTable, IterCursor, Keyed, SortOrder, compare_keyed, maybe_digit_or_space,
    settle_natural, sort_by_heads, strnatcmp,
};
use crate::sink::{BufSink, PIECE, Sink};

/// Bytes of path prefix the tree walk keeps written out (the 1.6 KB callback's longest is 24).
const PREFIX: usize = 192;

/// What [`append_key`] copies at once.
const CHUNK: usize = 32;

/// The canonical order of a document: each container's children sorted by key (the tree is
/// then walked in that order), or, on the fallback path, the leaves sorted by whole path.
pub(crate) struct Sorted {
    slots: [u16; MAX_NODES],
    /// `Some(n)`: the fallback was taken and `slots[..n]` are the leaves in order.
    leaves: Option<usize>,
    /// `slots` holds every container's children (laid out by the parse or `group_children`,
    /// maybe sorted since); false once the fallback wrote the leaves over them.
    grouped: bool,
    /// Some array's children are out of index order (sorted bytewise, more than ten of them).
    arrays_permuted: bool,
}

impl Sorted {
    /// An empty order, built in place by the caller (it is too big to move around cheaply).
    #[inline(always)]
    pub(crate) fn new() -> Self {
        Sorted {
            slots: [0; MAX_NODES],
            leaves: None,
            grouped: false,
            arrays_permuted: false,
        }
    }

    /// The sibling table, for [`Document::parse`] to fill with each container's children.
    pub(crate) fn siblings(&mut self) -> &mut [u16; MAX_NODES] {
        self.grouped = true;
        self.leaves = None;
        self.arrays_permuted = false;
        &mut self.slots
    }

    /// Writes the canonical lines of `doc` (sorted by [`Sorted::sort`]) into `sink`.
    pub(crate) fn write<S: Sink + ?Sized>(&self, doc: &Document<'_>, sink: &mut S) {
        match self.leaves {
            Some(n) => {
                for (k, &leaf) in self.slots.get(..n).unwrap_or(&[]).iter().enumerate() {
                    if k > 0 {
                        sink.put(b";");
                    }
                    write_line(doc, leaf, sink);
                }
            }
            None => self.walk(doc, sink),
        }
    }

    /// Depth-first walk of the sorted children, writing each leaf's line as it is reached.
    ///
    /// The container keys of the current path are kept written out in a prefix buffer (each
    /// copied once, when its container is entered), so a leaf's line is the prefix, its key and
    /// its value: three pieces. Writing each ancestor's key again per leaf cost ~4K more
    /// instructions on the 1.6 KB callback (callgrind). Paths longer than the buffer write their
    /// remaining container keys per leaf, as before.
    fn walk<S: Sink + ?Sized>(&self, doc: &Document<'_>, sink: &mut S) {
        let (src, nodes) = (doc.src, doc.nodes.as_slice());
        // Each open level: its container, and (levels above the current one) the next slot to
        // visit and the end of its range. Two tables, not one of triples: entries of two and
        // four bytes are found by scaling the level in the address, with no multiply by three
        // that LLVM computed and spilled each time round the loop (~0.28K on the 1.6 KB
        // callback, callgrind).
        let mut containers = [0u16; MAX_DEPTH];
        let mut cursors = [(0u16, 0u16); MAX_DEPTH];
        // Where each level's key starts in the prefix (levels below `in_prefix` only).
        let mut marks = [0u8; MAX_DEPTH];
        // The prefix, and spare room for whole chunks written past its end.
        let mut prefix = [0u8; PREFIX + CHUNK];
        let mut plen = 0usize;
        // How many levels (the root's included) have their key in the prefix.
        let mut in_prefix = 1usize;
        let Some(root) = nodes.first() else {
            return;
        };
        // The current level's next slot and the end of its range.
        let mut next = root.value.start as usize;
        let mut end = (root.value.start + root.value.len) as usize;
        // Open levels, the root's included.
        let mut depth = 1usize;
        // Whether a line was written (the next one starts with `;`).
        let mut sep = false;
        loop {
            // The current level's leaves that take the sink's one-call path, in a loop of their
            // own: the prefix, its length and the level's bounds stay put, fewer values are
            // live than in the loop below, which takes whatever this one stops at.
            if in_prefix == depth
                && plen <= PIECE
                && let Some(p) = prefix.first_chunk::<PIECE>()
            {
                while next < end
                    && let Some(node) = self.slots.get(next).and_then(|&i| nodes.get(i as usize))
                    && let Some((key, value)) = raw_leaf(src, node)
                {
                    sink.put_leaf(sep, (p, plen), key, value);
                    sep = true;
                    next += 1;
                }
            }
            let Some(&i) = self.slots.get(next).filter(|_| next < end) else {
                depth -= 1;
                let Some(&(up_next, up_end)) = depth.checked_sub(1).and_then(|d| cursors.get(d))
                else {
                    return;
                };
                (next, end) = (up_next as usize, up_end as usize);
                if in_prefix > depth {
                    in_prefix = depth;
                    plen = marks.get(depth).copied().unwrap_or(0) as usize;
                }
                continue;
            };
            next += 1;
            // By reference: copying the node out of the table (with a default when out of
            // range) cost ~0.7K on the 1.6 KB callback (callgrind).
            let Some(node) = nodes.get(i as usize) else {
                continue;
            };
            if node.flags & SKIP != 0 {
                continue;
            }
            if node.kind.is_container() {
                if in_prefix == depth
                    && let Some(mark) = marks.get_mut(depth)
                    && let Some(n) = append_key(doc, node, &mut prefix, plen)
                {
                    *mark = plen as u8;
                    plen = n;
                    in_prefix = depth + 1;
                }
                let start = node.value.start as usize;
                if let Some(up) = depth.checked_sub(1).and_then(|d| cursors.get_mut(d)) {
                    *up = (next as u16, end as u16);
                }
                if let Some(entry) = containers.get_mut(depth) {
                    *entry = i;
                    (next, end) = (start, start + node.value.len as usize);
                    depth += 1;
                }
                continue;
            }
            write_leaf(
                doc,
                node,
                sep,
                (&prefix, plen),
                (&containers, in_prefix, depth),
                sink,
            );
            sep = true;
        }
    }

    /// Orders `doc` (parsed with [`Sorted::siblings`]) for `order`; rejects duplicate keys. May be
    /// called again with another order.
    pub(crate) fn sort(&mut self, doc: &mut Document<'_>, order: SortOrder) -> Result<(), Error> {
        let mut fallback = doc.colons;
        if !self.grouped {
            group_children(doc, &mut self.slots);
            self.grouped = true;
            self.arrays_permuted = false;
        }
        self.leaves = None;
        let mut arrays_permuted = false;
        // One table for all groups (initialised once per call).
        let mut heads = [Head::default(); HEADS];
        let thens = then_words(order);
        // Sort each container's children by key. Over the table by reference: no bounds check
        // and copy of a whole node each time, ~0.5K on the 1.6 KB callback (callgrind).
        let (src, nodes) = (doc.src, doc.nodes.as_slice());
        for node in nodes {
            if !node.kind.is_container() || node.value.len < 2 {
                continue;
            }
            let range = node.value.start as usize..(node.value.start + node.value.len) as usize;
            let Some(children) = self.slots.get_mut(range) else {
                continue;
            };
            // Array elements are already in canonical order when indices compare as numbers
            // (natural order) or all have one digit; they can never be duplicates. (An earlier
            // bytewise sort of the same document may have moved them: back to index order.)
            if node.kind == Kind::Array {
                if order == SortOrder::Natural || node.value.len <= 10 {
                    if self.arrays_permuted {
                        children.sort_unstable();
                    }
                    continue;
                }
                arrays_permuted = true;
            }
            if node.flags & HAS_CONTAINER != 0 {
                check_kind_duplicates(doc, children)?;
            }
            let n = children.len();
            if n > HEADS {
                fallback |= sort_by_key(doc, children, None, order)?;
                continue;
            }
            let plain = fill_heads((src, nodes), children, &thens, &mut heads);
            // Sorted by the words first; under the natural order that stands only if no head
            // has a digit or whitespace, which is looked for while the order is written back
            // (in that short loop the test's constants stay in registers; in `fill_heads` they
            // were reloaded per head).
            if plain && sort_by_heads(&mut heads, n) {
                let mut suspect = 0;
                for (slot, head) in children.iter_mut().zip(heads.iter()) {
                    *slot = head.index();
                    suspect |= maybe_digit_or_space(head.word());
                }
                if order != SortOrder::Natural
                    || suspect == 0
                    || settle_natural(heads.get_mut(..n).unwrap_or(&mut []))
                {
                    continue;
                }
            } else if order == SortOrder::Natural {
                settle_natural(heads.get_mut(..n).unwrap_or(&mut []));
            }
            // Heads that do not decide, or two equal words: the full comparison. (Under the
            // natural order the heads with a digit or whitespace never decide there either.)
            fallback |= sort_by_key(doc, children, heads.get_mut(..n), order)?;
        }
        self.arrays_permuted = arrays_permuted;
        if fallback {
            self.leaves = Some(whole_path_order(doc, order, &mut self.slots));
            self.grouped = false;
        }
        Ok(())
    }
}

/// Flags of a key that is not written as its raw bytes.
const KEY_FLAGS: u8 = KEY_ESCAPED | KEY_COLON | KEY_INDEX;

/// A leaf's key and value as the chunks [`Sink::put_leaf`] takes, with their lengths, when the
/// leaf is written as its raw bytes (a string without escapes, an `i64` literal other than
/// `-0`, a plain key) and both fit their chunks; `None` for anything else, left-out nodes
/// included.
#[inline(always)]
#[allow(clippy::type_complexity)]
fn raw_leaf<'a>(
    src: &'a [u8],
    node: &Node,
) -> Option<((&'a [u8; PIECE], usize), (&'a [u8; 2 * PIECE], usize))> {
    match node.kind {
        Kind::String if node.flags & (KEY_FLAGS | VALUE_ESCAPED | SKIP) == 0 => {}
        Kind::Number
            if node.flags & (KEY_FLAGS | NUMBER_I64 | SKIP) == NUMBER_I64
                && node.value.of(src) != b"-0" => {}
        _ => return None,
    }
    let (key_at, klen) = (node.key.start as usize, node.key.len as usize);
    let (value_at, vlen) = (node.value.start as usize, node.value.len as usize);
    if klen <= PIECE
        && vlen <= 2 * PIECE
        && let Some(k) = src.get(key_at..key_at + PIECE)
        && let Some(v) = src.get(value_at..value_at + 2 * PIECE)
        && let (Some(k), Some(v)) = (k.first_chunk(), v.first_chunk())
    {
        Some(((k, klen), (v, vlen)))
    } else {
        None
    }
}

/// Writes the line of `leaf` piece by piece (the tree walk's general case): `;` if
/// `semicolon`, the prefix, the keys of the containers of levels `in_prefix..depth` of
/// `containers` (those past the prefix's room), the leaf's key, `:` and its value.
#[inline(never)]
fn write_leaf<S: Sink + ?Sized>(
    doc: &Document<'_>,
    leaf: &Node,
    semicolon: bool,
    (prefix, plen): (&[u8], usize),
    (containers, in_prefix, depth): (&[u16], usize, usize),
    sink: &mut S,
) {
    let above = containers.get(in_prefix..depth).unwrap_or(&[]);
    if semicolon {
        sink.put_byte(b';');
    }
    sink.put_over(prefix, plen);
    for &container in above {
        write_key(doc, &doc.node(container), sink);
        sink.put_byte(b':');
    }
    write_key(doc, leaf, sink);
    sink.put_byte(b':');
    write_value(doc, leaf, sink);
}

/// Appends `node`'s key and `:` to the first `plen` bytes of `prefix`; returns the new length,
/// or `None` if they don't fit in [`PREFIX`] bytes. A plain key of at most [`CHUNK`] bytes is
/// copied as one whole chunk (what follows it lands in the spare room or is overwritten next).
#[inline(always)]
fn append_key(
    doc: &Document<'_>,
    node: &Node,
    prefix: &mut [u8; PREFIX + CHUNK],
    plen: usize,
) -> Option<usize> {
    let (at, klen) = (node.key.start as usize, node.key.len as usize);
    let end = plen + klen + 1;
    // The key's chunk read with one range check (not the rest of the source, clamped).
    if node.flags & KEY_FLAGS == 0
        && klen <= CHUNK
        && end <= PREFIX
        && let Some(key) = doc.src.get(at..at + CHUNK).and_then(|k| k.first_chunk())
        && let Some(dst) = prefix
            .get_mut(plen..)
            .and_then(|p| p.first_chunk_mut::<CHUNK>())
    {
        *dst = *key;
        if let Some(colon) = prefix.get_mut(end - 1) {
            *colon = b':';
        }
        return Some(end);
    }
    if node.flags & KEY_INDEX != 0
        && let Ok(digit @ 0..=9) = u8::try_from(node.key.start)
        && let Some(dst) = prefix.get_mut(plen..plen + 2)
    {
        dst.copy_from_slice(&[b'0' + digit, b':']);
        return Some(plen + 2);
    }
    append_key_pieces(doc, node, prefix, plen)
}

/// [`append_key`]'s general case, through a [`BufSink`].
#[inline(never)]
fn append_key_pieces(
    doc: &Document<'_>,
    node: &Node,
    prefix: &mut [u8; PREFIX + CHUNK],
    plen: usize,
) -> Option<usize> {
    let mut part = BufSink::new(prefix.get_mut(plen..PREFIX).unwrap_or(&mut []));
    write_key(doc, node, &mut part);
    part.put_byte(b':');
    part.finish().ok().map(|n| plen + n)
}

/// Rejects exact duplicates among sorted siblings; returns whether two sibling containers have
/// keys that are equal under the natural order (which needs the whole-path fallback).
fn check_equal_keys(doc: &Document<'_>, children: &[u16], order: SortOrder) -> Result<bool, Error> {
    let mut fallback = false;
    for (k, &a) in children.iter().enumerate() {
        for &b in children.iter().skip(k + 1) {
            if compare_siblings(doc, a, b, order) != Ordering::Equal {
                break;
            }
            let (na, nb) = (doc.node(a), doc.node(b));
            if same_key(doc, &na, &nb) {
                let later = if na.key.start > nb.key.start { na } else { nb };
                return Err(Error::DuplicateKey {
                    offset: later.key.start as usize,
                });
            }
            fallback |= na.kind.is_container() || nb.kind.is_container();
        }
    }
    Ok(fallback)
}

/// Objects up to this many members are checked by [`check_kind_duplicates`] pair by pair;
/// larger ones through a sort by key.
const PAIRWISE: usize = 16;

/// Rejects a scalar member and a container member of one object that have the same key. The
/// sort never finds them equal: in the compared string a container's key is followed by `:`
/// and a scalar's (under the path orders) by the end, so `{"d":0,"d":{"m":1}}` would sign
/// `d:0;d:m:1`, which PHP (the last `d` wins) never signs, and which a platform-signed
/// `{"d":"0;d:m:1"}` also gives: a duplicate key re-splitting a signed value. Run only for
/// objects with a container member (noted by the parse). Small objects: each container member
/// against each scalar one, by key length first. Larger ones: the members sorted by key bytes
/// alone (a table on the stack) and neighbours compared, so the work stays n log n
/// (tests/scaling.rs `mixed_kinds`; pair by pair it grew 2.9x per doubling).
fn check_kind_duplicates(doc: &Document<'_>, children: &[u16]) -> Result<(), Error> {
    let duplicate = |a: &Node, b: &Node| Error::DuplicateKey {
        offset: a.key.start.max(b.key.start) as usize,
    };
    if children.len() <= PAIRWISE {
        // By reference: no bounds-checked copy of a whole node per pair.
        let nodes = doc.nodes.as_slice();
        let member = |i: &u16| nodes.get(usize::from(*i));
        for nc in children.iter().filter_map(member) {
            if !nc.kind.is_container() {
                continue;
            }
            for ns in children.iter().filter_map(member) {
                if (ns.key.len == nc.key.len || (ns.flags | nc.flags) & KEY_ESCAPED != 0)
                    && !ns.kind.is_container()
                    && same_key(doc, nc, ns)
                {
                    return Err(duplicate(nc, ns));
                }
            }
        }
        return Ok(());
    }
    let mut by_key = [0u16; MAX_NODES];
    let Some(members) = by_key.get_mut(..children.len()) else {
        return Ok(());
    };
    members.copy_from_slice(children);
    sort_slots(members, &mut |a, b| {
        key_bytes(doc, a).cmp(key_bytes(doc, b))
    });
    for pair in members.windows(2) {
        if let [a, b] = *pair {
            let (na, nb) = (doc.node(a), doc.node(b));
            if na.kind.is_container() != nb.kind.is_container() && same_key(doc, &na, &nb) {
                return Err(duplicate(&na, &nb));
            }
        }
    }
    Ok(())
}

/// The key bytes of the object member `i`, JSON escapes decoded.
fn key_bytes<'d>(doc: &'d Document<'_>, i: u16) -> Decoded<'d> {
    let node = doc.nodes.get(i as usize).copied().unwrap_or_default();
    Decoded::new(node.key.of(doc.src), false)
}

/// Sorts `children` by the full comparison (their `heads`, if given, decide where they can);
/// rejects duplicate keys; returns whether two sibling containers have keys that are equal
/// under the natural order (which needs the whole-path fallback). Two equal keys are
/// necessarily compared with each other by the sort, so the duplicate scan runs only where an
/// equal pair was seen. Out of line: the common case (heads alone decide) needs none of its
/// set-up.
#[inline(never)]
fn sort_by_key(
    doc: &Document<'_>,
    children: &mut [u16],
    heads: Option<&mut [Head]>,
    order: SortOrder,
) -> Result<bool, Error> {
    let mut saw_equal = false;
    let mut by_key = |a: u16, b: u16| {
        let by_key = compare_siblings(doc, a, b, order);
        saw_equal |= by_key == Ordering::Equal;
        by_key.then(a.cmp(&b))
    };
    match heads {
        Some(heads) => {
            heads.sort_unstable_by(|x, y| {
                x.decide(y).unwrap_or_else(|| by_key(x.index(), y.index()))
            });
            for (slot, head) in children.iter_mut().zip(heads.iter()) {
                *slot = head.index();
            }
        }
        None => sort_slots(children, &mut by_key),
    }
    if saw_equal {
        check_equal_keys(doc, children, order)
    } else {
        Ok(false)
    }
}

/// The `then` byte of each kind of node under `order`, as the top byte of a word (looked up by
/// kind: no test of the order and the kind per key).
fn then_words(order: SortOrder) -> [u64; KINDS] {
    Kind::ALL.map(|kind| match then_byte(kind, order) {
        Some(then) => u64::from(then) << 56,
        None => 0,
    })
}

/// Fills the front of `heads` with the heads of `children` (nodes of `nodes`, keys in `src`; at
/// most [`HEADS`] of them; `thens` from [`then_words`]); returns whether every key is plain.
/// Given the document's slices, not the document: they are then read once per sort, not per
/// group (~0.26K on the 1.6 KB callback, callgrind).
#[inline(always)]
fn fill_heads(
    (src, nodes): (&[u8], &[Node]),
    children: &[u16],
    thens: &[u64; KINDS],
    heads: &mut HeadTable,
) -> bool {
    let mut all_plain = true;
    for (slot, &i) in heads.iter_mut().zip(children) {
        // By reference: no bounds-checked copy of a whole node per head.
        match nodes.get(i as usize) {
            Some(node) if node.flags & KEY_FLAGS == 0 => {
                let then = thens.get(node.kind as usize).copied().unwrap_or(0);
                *slot = Head::new(key_word(src, node.key, then), i, true);
            }
            _ => {
                all_plain = false;
                *slot = Head::new(0, i, false);
            }
        }
    }
    all_plain
}

/// The head word ([`Keyed::head`]) of the plain key at `key`: its first eight bytes, or a
/// shorter key followed by `then`'s top byte (zero-padded).
///
/// Read in place: the eight bytes at the key's start (what follows a short key in the source,
/// then masked off), one load; only near the end of the source is that not possible.
#[inline(always)]
fn key_word(src: &[u8], key: Span, then: u64) -> u64 {
    let (start, len) = (key.start as usize, key.len as usize);
    match src
        .get(start..start + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
    {
        Some(window) => {
            let word = u64::from_be_bytes(window);
            if len < 8 {
                word & !(u64::MAX >> (len * 8)) | then >> (len * 8)
            } else {
                word
            }
        }
        None => Keyed {
            key: key.of(src),
            then: (then != 0).then_some(b':'),
        }
        .head(),
    }
}

/// What follows a key of a node of `kind` in the compared string: the end (a leaf under a path
/// order) or `:`.
fn then_byte(kind: Kind, order: SortOrder) -> Option<u8> {
    if kind.is_container() || order == SortOrder::LineBytewise {
        Some(b':')
    } else {
        None
    }
}

/// Compares two siblings by key (and what follows it) under `order`.
fn compare_siblings(doc: &Document<'_>, a: u16, b: u16, order: SortOrder) -> Ordering {
    let (na, nb) = (doc.node(a), doc.node(b));
    let at_start = na.parent == 0;
    let (ta, tb) = (then_byte(na.kind, order), then_byte(nb.kind, order));
    let plain = |n: &Node| n.flags & (KEY_ESCAPED | KEY_COLON) == 0;
    if plain(&na) && plain(&nb) {
        let (ia, ib);
        let ka = if na.flags & KEY_INDEX != 0 {
            ia = IndexText::new(na.key.start);
            ia.as_bytes()
        } else {
            na.key.of(doc.src)
        };
        let kb = if nb.flags & KEY_INDEX != 0 {
            ib = IndexText::new(nb.key.start);
            ib.as_bytes()
        } else {
            nb.key.of(doc.src)
        };
        return compare_keyed(
            Keyed { key: ka, then: ta },
            Keyed { key: kb, then: tb },
            order,
            at_start,
        );
    }
    // Escaped keys (rare): decode on the fly.
    let da = Decoded::new(na.key.of(doc.src), true).chain(ta);
    let db = Decoded::new(nb.key.of(doc.src), true).chain(tb);
    if order == SortOrder::Natural {
        strnatcmp(IterCursor::new(da), IterCursor::new(db), at_start)
    } else {
        da.cmp(db)
    }
}

/// Whether two object members have the same key (after unescaping).
fn same_key(doc: &Document<'_>, a: &Node, b: &Node) -> bool {
    if a.flags & KEY_INDEX != 0 || b.flags & KEY_INDEX != 0 {
        return false;
    }
    let (ka, kb) = (a.key.of(doc.src), b.key.of(doc.src));
    if a.flags & KEY_ESCAPED == 0 && b.flags & KEY_ESCAPED == 0 {
        ka == kb
    } else {
        Decoded::new(ka, false).eq(Decoded::new(kb, false))
    }
}

/// Lays the children of every container out contiguously in `slots`, in document order, and
/// points each container's `value` at its range: what the parse did, again, once the fallback
/// has written the leaves over the table (`Key::diagnose_json` sorts one document several
/// times).
fn group_children(doc: &mut Document<'_>, slots: &mut [u16; MAX_NODES]) {
    let mut next = 0u32;
    for node in doc.nodes.iter_mut() {
        if node.kind.is_container() {
            node.value.start = next;
            next += node.value.len;
        }
    }
    // Fill using `value.start` as a cursor, then move it back.
    for i in 1..doc.nodes.len() {
        let parent = doc.node(i as u16).parent as usize;
        if let Some(p) = doc.nodes.get_mut(parent) {
            if let Some(slot) = slots.get_mut(p.value.start as usize) {
                *slot = i as u16;
            }
            p.value.start += 1;
        }
    }
    for node in doc.nodes.iter_mut() {
        if node.kind.is_container() {
            node.value.start -= node.value.len;
        }
    }
}

/// Whether `i` or one of its ancestors is left out.
fn skipped(doc: &Document<'_>, mut i: u16) -> bool {
    loop {
        let node = doc.node(i);
        if node.flags & SKIP != 0 {
            return true;
        }
        if i == 0 {
            return false;
        }
        i = node.parent;
    }
}

/// Sorts the leaves by whole path (or line) into `slots`, document order breaking ties as PHP's
/// stable sort does; returns how many there are.
fn whole_path_order(doc: &Document<'_>, order: SortOrder, slots: &mut [u16; MAX_NODES]) -> usize {
    let mut len = 0;
    for i in 1..doc.nodes.len() as u16 {
        if doc.node(i).kind.is_container() || skipped(doc, i) {
            continue;
        }
        if let Some(slot) = slots.get_mut(len) {
            *slot = i;
            len += 1;
        }
    }
    let with_value = order == SortOrder::LineBytewise;
    let leaves = slots.get_mut(..len).unwrap_or(&mut []);
    sort_slots(leaves, &mut |a, b| {
        let (la, lb) = (
            LineBytes::new(doc, a, with_value),
            LineBytes::new(doc, b, with_value),
        );
        let by_path = if order == SortOrder::Natural {
            strnatcmp(IterCursor::new(la), IterCursor::new(lb), true)
        } else {
            la.cmp(lb)
        };
        by_path.then(a.cmp(&b))
    });
    len
}

/// Sorts table slots by `compare`: one instantiation of the standard library's sort for the
/// large groups, the whole-path fallback and the duplicate check (each closure type was a copy
/// of it: the check's own sort took the firmware's signing build 3.2 KB past its flash budget).
#[inline(never)]
fn sort_slots(slots: &mut [u16], compare: &mut dyn FnMut(u16, u16) -> Ordering) {
    slots.sort_unstable_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(line: bool) -> SortOrder {
        if line {
            SortOrder::LineBytewise
        } else {
            SortOrder::PathBytewise
        }
    }

    #[test]
    fn kinds_are_listed_in_discriminant_order() {
        // `fill_heads` looks each node's `then` byte up by its kind's discriminant.
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, i);
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn key_word_is_the_keyed_head_at_every_length_and_place() {
        // Keys at every place of a short source, the end included (no eight-byte window
        // there), containers and leaves, under both kinds of `then`.
        let src = b"{\"abcdefghij\":1,\"k\":[2],\"xyz\":3}";
        for start in 0..src.len() {
            for len in 0..=src.len() - start {
                for kind in [Kind::Object, Kind::Array, Kind::String, Kind::Number] {
                    for line in [false, true] {
                        let key = Span {
                            start: start as u32,
                            len: len as u32,
                        };
                        let colon = then_byte(kind, order(line)).is_some();
                        let then = if colon { u64::from(b':') << 56 } else { 0 };
                        // The key, its `then` byte, zeros: the first eight, big-endian.
                        let mut bytes = src[start..start + len].to_vec();
                        if colon {
                            bytes.push(b':');
                        }
                        bytes.resize(bytes.len().max(8), 0);
                        let want = u64::from_be_bytes(bytes[..8].try_into().unwrap());
                        assert_eq!(
                            key_word(src, key, then),
                            want,
                            "{start}+{len} {kind:?} {line}"
                        );
                    }
                }
            }
        }
    }
}
