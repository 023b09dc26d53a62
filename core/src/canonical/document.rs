//! A JSON document read into a fixed table of nodes (no heap, no recursion): one node per value,
//! in document order, each pointing at its parent and at its key and value bytes in the input.

use crate::Error;
use crate::json::scan::{Scanner, Span};
use crate::json::unescape::Decoded;
use crate::limits::{MAX_DEPTH, MAX_DOCUMENT_LEN, MAX_KEY_LEN, MAX_NODES};

/// What a node holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Kind {
    #[default]
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// How many kinds of node there are.
pub(crate) const KINDS: usize = 7;

impl Kind {
    /// Every kind, in discriminant order (`Kind::ALL[k as usize] == k`).
    pub(crate) const ALL: [Kind; KINDS] = [
        Kind::Object,
        Kind::Array,
        Kind::String,
        Kind::Number,
        Kind::True,
        Kind::False,
        Kind::Null,
    ];

    pub(crate) fn is_container(self) -> bool {
        matches!(self, Kind::Object | Kind::Array)
    }
}

/// Flag: the key has JSON escapes.
pub(crate) const KEY_ESCAPED: u8 = 1;
/// Flag: the key contains `:` (after unescaping), written `::` in paths.
pub(crate) const KEY_COLON: u8 = 2;
/// Flag: the key is an array index (held in `key.start`).
pub(crate) const KEY_INDEX: u8 = 4;
/// Flag: the string value has JSON escapes.
pub(crate) const VALUE_ESCAPED: u8 = 8;
/// Flag: the number is an integer literal that fits in i64.
pub(crate) const NUMBER_I64: u8 = 16;
/// Flag: this node and everything under it is left out of the canonical form.
pub(crate) const SKIP: u8 = 32;

/// One value of the document.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Node {
    /// The raw key (inside the quotes), or for array elements the index in `start`.
    pub(crate) key: Span,
    /// Scalars: the raw value (inside the quotes for strings). Containers: `start` is the first
    /// slot of the children in the sibling table, `len` their count.
    pub(crate) value: Span,
    /// Index of the parent node; the root's parent is itself (0).
    pub(crate) parent: u16,
    pub(crate) kind: Kind,
    pub(crate) flags: u8,
}

/// Which signature key (if any) to leave out of the canonical form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exclude {
    /// Nothing but `frame_mode`.
    Nothing,
    /// `general.signature` (a Gate request body).
    GeneralSignature,
    /// Top-level `signature`, else `general.signature` (a callback).
    CallbackSignature,
}

/// Where Gate body signing edits the document.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct GateSpots {
    /// Offset just past the root's `{`.
    pub(crate) root_open: u32,
    /// The top-level `general` object: its node and the offset just past its `{`.
    pub(crate) general: Option<(u16, u32)>,
}

/// The innermost open container's state that [`Document::members`] reads and updates.
struct Members<'s> {
    /// Its node.
    top: u16,
    /// Its `SKIP` flag, inherited by its members.
    inherited: u8,
    /// The first slot of its members in the sibling table (it has `*pending - base`).
    base: usize,
    siblings: &'s mut [u16; MAX_NODES],
    /// The pending members' count (`siblings[..*pending]`).
    pending: &'s mut usize,
}

/// A parsed document: the input and its node table.
///
/// `repr(C)` with the table last: with the default layout LLVM merged the zeroed small fields
/// around the (uninitialised) table into one `memset` of the whole 7.5 KiB table on every call
/// (7.7K of the callback verification's instructions, callgrind).
#[repr(C)]
pub(crate) struct Document<'a> {
    pub(crate) src: &'a [u8],
    /// The node of the signature key that was left out, if any.
    pub(crate) signature: Option<u16>,
    /// The last top-level `signature` member and the last `general.signature`, noted by the
    /// parse for [`Document::choose_signature`].
    candidates: (Option<u16>, Option<u16>),
    pub(crate) spots: GateSpots,
    /// Whether some key contains `:` (the sort then orders whole paths).
    pub(crate) colons: bool,
    pub(crate) nodes: heapless::Vec<Node, MAX_NODES>,
}

const FRAME_MODE: &[u8] = b"frame_mode";
const SIGNATURE: &[u8] = b"signature";
const GENERAL: &[u8] = b"general";

/// Whether the raw key `raw` (escaped or not) decodes to `name`.
fn key_is(raw: &[u8], escaped: bool, name: &[u8]) -> bool {
    if escaped {
        Decoded::new(raw, false).eq(name.iter().copied())
    } else {
        raw == name
    }
}

impl<'a> Document<'a> {
    /// An empty document over `src`; [`Document::parse`] fills it. Built in place by the caller
    /// (the node table is a few KiB: moving it through a `Result` would copy it on the stack).
    #[inline(always)]
    pub(crate) fn new(src: &'a [u8]) -> Self {
        Document {
            src,
            nodes: heapless::Vec::new(),
            signature: None,
            candidates: (None, None),
            spots: GateSpots::default(),
            colons: false,
        }
    }

    /// Reads the source (a JSON object or array) into the node table, leaving out `frame_mode`
    /// at any depth and the signature key chosen by `exclude`. Each container's children are
    /// laid out contiguously in `siblings` (in document order), its `value` pointing at them.
    pub(crate) fn parse(
        &mut self,
        exclude: Exclude,
        siblings: &mut [u16; MAX_NODES],
    ) -> Result<(), Error> {
        if self.src.len() > MAX_DOCUMENT_LEN {
            return Err(Error::InputTooLong {
                limit: MAX_DOCUMENT_LEN,
            });
        }
        if let Err(e) = core::str::from_utf8(self.src) {
            return Err(Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            });
        }
        self.read(siblings)?;
        self.choose_signature(exclude)
    }

    fn push(&mut self, node: Node) -> Result<u16, Error> {
        let index = self.nodes.len() as u16;
        self.nodes
            .push(node)
            .map_err(|_| Error::TooManyValues { limit: MAX_NODES })?;
        Ok(index)
    }

    fn node_mut(&mut self, i: u16) -> Option<&mut Node> {
        self.nodes.get_mut(i as usize)
    }

    /// The scanning loop: an explicit stack of open containers, no recursion.
    ///
    /// The innermost open container (its node, first pending slot, kind and inherited `SKIP`)
    /// is kept in locals and saved on the stack only when a child container opens; its scalar
    /// members are read and pushed by [`Document::members`], a loop of their own. Against a
    /// loop that re-read the top container from the table on every pass and a member reader
    /// returning a `Result<Node>`, this took the 1.6 KB callback's parse from ~30K to ~24.7K
    /// instructions (callgrind).
    ///
    /// The sibling table is filled on the way: each member's node goes on a pending stack at
    /// the bottom of `siblings`; when its container closes, the container's children (the top
    /// of that stack) move to a placed area growing down from the end (the root's stay where
    /// they are). Pending and placed members are never more than the nodes, so once a move is
    /// done the two areas do not overlap; during a move the children may be in both (a
    /// container with more than half the table's members: the move is overlap-safe). Against a grouping pass over the node table before sorting: 1.3K fewer instructions
    /// on the 1.6 KB callback (callgrind).
    fn read(&mut self, siblings: &mut [u16; MAX_NODES]) -> Result<(), Error> {
        let mut s = Scanner::new(self.src);
        s.skip_ws();
        let root_kind = match s.peek() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            // A JSON scalar at the root is valid JSON of the wrong shape; any other byte (a
            // byte-order mark, text, binary) is not JSON at all.
            Some(b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                return Err(Error::UnexpectedType { offset: s.pos() });
            }
            Some(_) | None => return Err(Error::MalformedJson { offset: s.pos() }),
        };
        s.bump();
        self.spots.root_open = s.pos() as u32;
        self.push(Node {
            kind: root_kind,
            ..Node::default()
        })?;
        // The enclosing containers of the top one: node and first pending slot of its members
        // (below `MAX_NODES`: two bytes each, the stack is 128 bytes).
        let mut stack = [(0u16, 0u16); MAX_DEPTH];
        let mut depth = 1usize;
        let mut top = 0u16;
        let mut base = 0usize;
        let mut object = root_kind == Kind::Object;
        let mut inherited = 0u8;
        // Whether `top` was just opened (a member or its close next), else a member or a
        // container inside it was just read (`,` or the close next).
        let mut opened = true;
        let (mut pending, mut placed) = (0usize, MAX_NODES);
        loop {
            let close = if object { b'}' } else { b']' };
            s.skip_ws();
            let closed = match s.peek() {
                Some(c) if c == close => {
                    s.bump();
                    true
                }
                Some(b',') if !opened => {
                    s.bump();
                    s.skip_ws();
                    false
                }
                _ if opened => false,
                _ => return Err(Error::MalformedJson { offset: s.pos() }),
            };
            if !closed {
                let run = Members {
                    top,
                    inherited,
                    base,
                    siblings,
                    pending: &mut pending,
                };
                let stop = if object {
                    self.members::<true>(&mut s, run)?
                } else {
                    self.members::<false>(&mut s, run)?
                };
                if let Some((node, is_object)) = stop {
                    let index = self.push(node)?;
                    if depth >= MAX_DEPTH {
                        return Err(Error::TooDeep { limit: MAX_DEPTH });
                    }
                    if let Some(slot) = siblings.get_mut(pending) {
                        *slot = index;
                    }
                    pending += 1;
                    if top == 0 && self.is_general(index) {
                        self.spots.general = Some((index, s.pos() as u32));
                    }
                    if let Some(slot) = stack.get_mut(depth) {
                        *slot = (top, base as u16);
                    }
                    depth += 1;
                    (top, base, object, inherited) = (index, pending, is_object, node.flags & SKIP);
                    opened = true;
                    continue;
                }
            }
            self.close(top, base, siblings, &mut pending, &mut placed);
            depth -= 1;
            if depth == 0 {
                return s.end();
            }
            (top, base, object, inherited) = self.reopen(&stack, depth);
            opened = false;
        }
    }

    /// Reads the members of `run.top` (an object if `OBJECT`, else an array) from the cursor
    /// (on a member, whitespace skipped) while they are scalars followed by `,`: each scalar
    /// member's node is pushed and noted pending. Stops past the container's close (`None`)
    /// or past the bracket of a member that is a container (its node, not yet pushed, and
    /// whether it is an object).
    ///
    /// A loop of its own per kind of container: the innermost container's kind and close byte
    /// are constants in it, and only the member's state is live across its passes.
    #[inline(always)]
    fn members<const OBJECT: bool>(
        &mut self,
        s: &mut Scanner<'a>,
        run: Members<'_>,
    ) -> Result<Option<(Node, bool)>, Error> {
        let Members {
            top,
            inherited,
            base,
            siblings,
            pending,
        } = run;
        let close = if OBJECT { b'}' } else { b']' };
        loop {
            // One member of `top`: its key (objects) and its value.
            let mut node = Node {
                parent: top,
                flags: inherited,
                ..Node::default()
            };
            if OBJECT {
                let (key, colon) = s.key()?;
                if key.span.len as usize > MAX_KEY_LEN {
                    return Err(Error::InputTooLong { limit: MAX_KEY_LEN });
                }
                let raw = key.span.of(self.src);
                node.key = key.span;
                if key.escaped {
                    node.flags |= KEY_ESCAPED;
                    if Decoded::new(raw, false).any(|b| b == b':') {
                        node.flags |= KEY_COLON;
                        self.colons = true;
                    }
                } else if colon {
                    node.flags |= KEY_COLON;
                    self.colons = true;
                }
                if (key.escaped || raw.len() == FRAME_MODE.len())
                    && key_is(raw, key.escaped, FRAME_MODE)
                {
                    node.flags |= SKIP;
                }
                // A signature candidate: noted here rather than found by a pass over the
                // node table afterwards (~0.5K fewer instructions on the 1.6 KB callback,
                // callgrind). While `general`'s members are read it is the last `general`
                // opened, so this notes what a pass would find.
                if (key.escaped || raw.len() == SIGNATURE.len())
                    && (top == 0 || self.spots.general.is_some_and(|(g, _)| g == top))
                    && key_is(raw, key.escaped, SIGNATURE)
                {
                    let index = Some(self.nodes.len() as u16);
                    if top == 0 {
                        self.candidates.0 = index;
                    } else {
                        self.candidates.1 = index;
                    }
                }
                s.consume(b':')?;
                s.skip_ws();
            } else {
                node.key = Span {
                    start: pending.wrapping_sub(base) as u32,
                    len: 0,
                };
                node.flags |= KEY_INDEX;
            }
            let at = s.pos();
            match s.peek() {
                Some(c @ (b'{' | b'[')) => {
                    s.bump();
                    node.kind = if c == b'{' { Kind::Object } else { Kind::Array };
                    return Ok(Some((node, c == b'{')));
                }
                Some(b'"') => {
                    let raw = s.string()?;
                    if raw.escaped {
                        node.flags |= VALUE_ESCAPED;
                    }
                    (node.kind, node.value) = (Kind::String, raw.span);
                }
                Some(b'-' | b'0'..=b'9') => {
                    let num = s.number()?;
                    if num.fits_i64 {
                        node.flags |= NUMBER_I64;
                    }
                    (node.kind, node.value) = (Kind::Number, num.span);
                }
                Some(b't') => (node.kind, node.value) = (Kind::True, s.literal(b"true")?),
                Some(b'f') => (node.kind, node.value) = (Kind::False, s.literal(b"false")?),
                Some(b'n') => (node.kind, node.value) = (Kind::Null, s.literal(b"null")?),
                _ => return Err(Error::MalformedJson { offset: at }),
            }
            let index = self.push(node)?;
            if let Some(slot) = siblings.get_mut(*pending) {
                *slot = index;
            }
            *pending += 1;
            s.skip_ws();
            match s.peek() {
                Some(b',') => {
                    s.bump();
                    s.skip_ws();
                }
                Some(c) if c == close => {
                    s.bump();
                    return Ok(None);
                }
                _ => return Err(Error::MalformedJson { offset: s.pos() }),
            }
        }
    }

    /// Ends the container `top`, whose children are the pending ones from `base` on
    /// (`siblings[..*pending]`): they move to the front of the placed area (`siblings[*placed..]`)
    /// and the container points at them. The root's children, the only ones left pending, stay.
    #[inline(always)]
    fn close(
        &mut self,
        top: u16,
        base: usize,
        siblings: &mut [u16; MAX_NODES],
        pending: &mut usize,
        placed: &mut usize,
    ) {
        let first = base;
        let n = pending.saturating_sub(base);
        let start = if top == 0 {
            first
        } else {
            let to = placed.saturating_sub(n);
            // The move's source (the top of the pending stack) and its destination (just
            // below the placed area) may overlap: a memmove, never a copy between two halves.
            // Every node is pending or placed at most once, so `to >= first` and the move
            // never overwrites a member still pending.
            if *pending <= siblings.len() && first <= *pending && to + n <= siblings.len() {
                siblings.copy_within(first..*pending, to);
            }
            *placed = to;
            *pending = first;
            to
        };
        if let Some(node) = self.node_mut(top) {
            node.value = Span {
                start: start as u32,
                len: n as u32,
            };
        }
    }

    /// The state of the container that is again the innermost open one once its child at
    /// `depth` closed: its node, first pending slot, whether it is an object and its `SKIP`
    /// flag.
    fn reopen(&self, stack: &[(u16, u16)], depth: usize) -> (u16, usize, bool, u8) {
        let (top, base) = stack.get(depth).copied().unwrap_or((0, 0));
        let n = self.node(top);
        (
            top,
            usize::from(base),
            n.kind == Kind::Object,
            n.flags & SKIP,
        )
    }

    fn is_general(&self, i: u16) -> bool {
        self.nodes.get(i as usize).is_some_and(|n| {
            i != 0
                && n.parent == 0
                && n.kind == Kind::Object
                && key_is(n.key.of(self.src), n.flags & KEY_ESCAPED != 0, GENERAL)
        })
    }

    /// Finds the signature key to leave out and marks it.
    fn choose_signature(&mut self, exclude: Exclude) -> Result<(), Error> {
        if exclude == Exclude::Nothing {
            return Ok(());
        }
        let root_is_object = self.nodes.first().is_some_and(|n| n.kind == Kind::Object);
        if !root_is_object {
            return Err(Error::UnexpectedType { offset: 0 });
        }
        let (top, general) = self.candidates;
        let chosen = match exclude {
            Exclude::CallbackSignature => top.or(general),
            _ => general,
        };
        if let Some(n) = chosen.and_then(|i| self.node_mut(i)) {
            n.flags |= SKIP;
        }
        self.signature = chosen;
        Ok(())
    }

    /// The top-level member named `name`, if any.
    pub(crate) fn root_member(&self, name: &[u8]) -> Option<u16> {
        (1..self.nodes.len() as u16).find(|&i| {
            let n = self.node(i);
            n.parent == 0
                && n.flags & KEY_INDEX == 0
                && key_is(n.key.of(self.src), n.flags & KEY_ESCAPED != 0, name)
        })
    }

    /// The byte offset of the value of the object member `i`: for a container (whose `value`
    /// points into the sibling table) the offset of its `{` or `[`, found after its key.
    pub(crate) fn value_offset(&self, i: u16) -> usize {
        let node = self.node(i);
        if !node.kind.is_container() {
            return node.value.start as usize;
        }
        // Past the key's closing quote only whitespace and `:` come before the bracket.
        let after_key = node.key.start as usize + node.key.len as usize + 1;
        self.src
            .get(after_key..)
            .and_then(|rest| rest.iter().position(|&b| b == b'{' || b == b'['))
            .map_or(after_key, |k| after_key + k)
    }

    /// The node at `i` (a default node if out of range, which the table never produces).
    pub(crate) fn node(&self, i: u16) -> Node {
        self.nodes.get(i as usize).copied().unwrap_or_default()
    }
}
