//! Where canonical bytes go: straight into the MAC, or into a caller buffer for inspection.

use hmac::block_api::HmacCore;
use hmac::digest::array::Array;
use hmac::digest::block_api::{Buffer, FixedOutputCore, UpdateCore};
use hmac::digest::{CtOutput, Output};
use sha2::Sha512;

/// The keyed HMAC-SHA512 state at block level: the inner and outer hash states after their key
/// blocks (160 bytes), without the `Hmac` wrapper's 128-byte block buffer.
pub(crate) type MacCore = HmacCore<Sha512>;

/// A finished HMAC-SHA512 tag (64 bytes).
pub(crate) type Tag = Output<MacCore>;

/// Whether `tag` equals `expected`, compared in constant time.
pub(crate) fn tag_matches(tag: Tag, expected: &[u8; 64]) -> bool {
    CtOutput::<MacCore>::new(tag) == CtOutput::new(Array::from(*expected))
}

/// A destination for canonical-string bytes. Writing never fails: a buffer sink that runs out
/// of room keeps counting, so the caller learns the size it needs.
pub(crate) trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);

    /// Appends one byte (the `:` and `;` separators: many, and worth a fast path).
    fn put_byte(&mut self, byte: u8) {
        self.put(&[byte]);
    }

    /// Appends the first `len` bytes of `src`. What follows them in `src` may be read (a sink
    /// may copy whole 16-byte chunks and count only `len`): pass the rest of the source, not
    /// just the piece.
    fn put_over(&mut self, src: &[u8], len: usize) {
        self.put(src.get(..len).unwrap_or(src));
    }

    /// Appends one flat parameter's line: `;` unless `first`, `name`, `:`, `value`. `head` is
    /// `name`'s first sixteen bytes (what follows the name in it, if anything, is not written).
    fn put_line(&mut self, first: bool, head: [u8; 16], name: &[u8], value: &[u8]) {
        let _ = head;
        line_pieces(self, first, name, value);
    }

    /// Appends one leaf line of the tree walk: `;` if `semicolon`, the path prefix, the key,
    /// `:` and the value, each piece the first `len` bytes of its chunk (at most the chunk's
    /// size: the walk reads whole chunks from its prefix buffer and the source).
    fn put_leaf(
        &mut self,
        semicolon: bool,
        (prefix, plen): (&[u8; PIECE], usize),
        (key, klen): (&[u8; PIECE], usize),
        (value, vlen): (&[u8; 2 * PIECE], usize),
    ) {
        leaf_pieces(self, semicolon, (prefix, plen), (key, klen), (value, vlen));
    }
}

/// A flat parameter's line written piece by piece (sinks without a faster way, and the long
/// lines of those with one).
#[inline(always)]
fn line_pieces<S: Sink + ?Sized>(sink: &mut S, first: bool, name: &[u8], value: &[u8]) {
    if !first {
        sink.put_byte(b';');
    }
    sink.put(name);
    sink.put_byte(b':');
    sink.put(value);
}

/// A leaf line of the tree walk written piece by piece (sinks without a faster way, and the
/// lines past the window of those with one).
#[inline(always)]
fn leaf_pieces<S: Sink + ?Sized>(
    sink: &mut S,
    semicolon: bool,
    (prefix, plen): (&[u8; PIECE], usize),
    (key, klen): (&[u8; PIECE], usize),
    (value, vlen): (&[u8; 2 * PIECE], usize),
) {
    if semicolon {
        sink.put_byte(b';');
    }
    sink.put_over(prefix, plen);
    sink.put_over(key, klen);
    sink.put_byte(b':');
    sink.put_over(value, vlen);
}

/// Writes into a caller buffer; past its end, only counts.
pub(crate) struct BufSink<'a> {
    out: &'a mut [u8],
    len: usize,
}

impl<'a> BufSink<'a> {
    /// A sink over `out`, empty.
    pub(crate) fn new(out: &'a mut [u8]) -> Self {
        BufSink { out, len: 0 }
    }

    /// `Ok(len)` if everything fitted, else `BufferTooSmall` with the size needed.
    pub(crate) fn finish(self) -> Result<usize, crate::Error> {
        if self.len <= self.out.len() {
            Ok(self.len)
        } else {
            Err(crate::Error::BufferTooSmall { needed: self.len })
        }
    }
}

impl Sink for BufSink<'_> {
    fn put(&mut self, bytes: &[u8]) {
        let end = self.len.saturating_add(bytes.len());
        if let Some(dst) = self.out.get_mut(self.len..end) {
            dst.copy_from_slice(bytes);
        }
        self.len = end;
    }
}

/// Feeds an HMAC-SHA512 through a staging buffer: the canonical string arrives in many small
/// pieces (a key, a `:`, a value, a `;`) and a `Mac::update` per piece costs more than the
/// copy (measured in benches/signing.rs).
///
/// The buffer is handed to the MAC only when full, a whole number of SHA-512 blocks: the hash
/// then compresses straight from it instead of copying into its own block buffer first.
///
/// The sink drives the block-level HMAC state ([`MacCore`]) itself and finishes it in place:
/// with the `Hmac` wrapper (its own block buffer, finalised by value) the 290-byte state was
/// copied four to five times per signature (clone, into the sink, out of it, through a
/// `Result`, into `finalize`): ~0.5K instructions of `memcpy` per call (callgrind).
pub(crate) struct MacSink {
    core: MacCore,
    /// `STAGE` bytes staged, then room for a line written past them (`put_leaf`).
    buf: [u8; STAGE + LEAF],
    len: usize,
}

/// Two SHA-512 blocks. (Four would save ~0.42K instructions on verifying the 1.6 KB callback,
/// three flushes instead of seven, for +256 bytes of stack and +14 on signing (a); eight another
/// ~0.2K for 512 more bytes: callgrind. Kept at two: the stack matters more on a terminal.)
const STAGE: usize = 256;

/// What `put_over` copies at once.
const CHUNK: usize = 32;

/// The size of the prefix and key chunks `put_leaf` takes (its value chunk is twice that).
pub(crate) const PIECE: usize = 32;

/// The window `put_leaf` writes a line into: `;`, the prefix and key chunks, `:`, the value's.
const LEAF: usize = 2 + 4 * PIECE;

/// The window `put_line` writes a line into (at most `1 + SHORT + 1 + SHORT` bytes).
const LINE: usize = 64;

/// The longest name or value `put_line` writes into its window.
const SHORT: usize = 24;

impl MacSink {
    /// Starts from a copy of a keyed HMAC state.
    #[inline(always)]
    pub(crate) fn new(core: &MacCore) -> Self {
        MacSink {
            core: core.clone(),
            buf: [0; STAGE + LEAF],
            len: 0,
        }
    }

    /// The tag of everything written so far.
    pub(crate) fn finish(&mut self) -> Tag {
        let mut buffer = Buffer::<MacCore>::default();
        let core = &mut self.core;
        buffer.digest_blocks(self.buf.get(..self.len).unwrap_or(&[]), |blocks| {
            core.update_blocks(blocks)
        });
        let mut tag = Tag::default();
        self.core.finalize_fixed_core(&mut buffer, &mut tag);
        tag
    }

    /// Hashes the full stage and moves what a line wrote past it to the front.
    #[inline(never)]
    fn flush(&mut self) {
        let (staged, over) = self.buf.split_at_mut(STAGE);
        let (blocks, _) = Array::slice_as_chunks(&*staged);
        self.core.update_blocks(blocks);
        // As a 128-byte copy and the last sixteen bytes (the 130 bytes at once went through a
        // `memcpy` call).
        if let (Some(dst), Some(src)) = (
            staged.first_chunk_mut::<{ LEAF - 2 }>(),
            over.first_chunk::<{ LEAF - 2 }>(),
        ) {
            *dst = *src;
        }
        if let (Some(dst), Some(src)) = (
            staged
                .get_mut(LEAF - 16..)
                .and_then(|d| d.first_chunk_mut::<16>()),
            over.get(LEAF - 16..).and_then(|s| s.first_chunk::<16>()),
        ) {
            *dst = *src;
        }
        self.len = self.len.saturating_sub(STAGE);
    }

    /// The slow half of `put` (kept out of line so that the common case inlines into the
    /// writers: ~35 fewer instructions per piece, callgrind): fills the buffer, hashes it, hashes
    /// any further whole blocks (128 bytes) straight from `bytes`, and stages the rest.
    #[inline(never)]
    fn spill(&mut self, bytes: &[u8]) {
        let room = STAGE.saturating_sub(self.len).min(bytes.len());
        let (head, rest) = bytes.split_at(room);
        if let Some(dst) = self.buf.get_mut(self.len..self.len + room) {
            dst.copy_from_slice(head);
        }
        self.len += room;
        if self.len < STAGE {
            return;
        }
        let (staged, _) = Array::slice_as_chunks(self.buf.get(..STAGE).unwrap_or(&[]));
        self.core.update_blocks(staged);
        // Whole blocks straight from `bytes`, the rest (under a block) staged.
        let (blocks, tail) = Array::slice_as_chunks(rest);
        self.core.update_blocks(blocks);
        if let Some(dst) = self.buf.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
        }
        self.len = tail.len();
    }
}

impl Sink for MacSink {
    #[inline]
    fn put_byte(&mut self, byte: u8) {
        if self.len < STAGE
            && let Some(slot) = self.buf.get_mut(self.len)
        {
            *slot = byte;
            self.len += 1;
            return;
        }
        self.spill(&[byte]);
    }

    /// Pieces that fit the stage are copied as one 16- or 32-byte chunk of constant size (a
    /// few vector moves) rather than through `memcpy`: the bytes past `len` land in the stage's
    /// spare room or are overwritten by the next piece. ~25 fewer instructions per key or value
    /// (callgrind).
    #[inline]
    fn put_over(&mut self, src: &[u8], len: usize) {
        let at = self.len;
        if at + len <= STAGE {
            if len <= 16 {
                if let (Some(chunk), Some(dst)) = (
                    src.first_chunk::<16>(),
                    self.buf
                        .get_mut(at..)
                        .and_then(|b| b.first_chunk_mut::<16>()),
                ) {
                    *dst = *chunk;
                    self.len = at + len;
                    return;
                }
            } else if len <= CHUNK
                && let (Some(chunk), Some(dst)) = (
                    src.first_chunk::<CHUNK>(),
                    self.buf
                        .get_mut(at..)
                        .and_then(|b| b.first_chunk_mut::<CHUNK>()),
                )
            {
                *dst = *chunk;
                self.len = at + len;
                return;
            }
        }
        self.put(src.get(..len).unwrap_or(src));
    }

    /// A line whose name and value are at most 32 bytes each and which fits the stage is
    /// written with one room check and one length update, the name as its head's sixteen bytes
    /// (and, past sixteen, its last sixteen), the value in at most two overlapping fixed-size
    /// copies (`copy_short`), no `memcpy` call. Against `;`, name, `:`, value put one by one
    /// (four room checks, two `memcpy` calls, the length reloaded after each): signing (a)
    /// 26,413 down to 26,363 instructions (callgrind; the same code with each write checked on
    /// its own, no window, saved nothing: 26,409). Longer lines, and lines past the window's
    /// reach in the stage, take that way.
    #[inline]
    fn put_line(&mut self, first: bool, head: [u8; 16], name: &[u8], value: &[u8]) {
        let sep = usize::from(!first);
        let (n, v) = (name.len(), value.len());
        let at = self.len;
        let end = at + sep + n + 1 + v;
        // A window of `LINE` bytes at `at`: with name and value at most `SHORT` bytes each,
        // every write below (the head's sixteen bytes too) lands inside it at offsets the
        // compiler can bound, so no write is checked on its own.
        match self
            .buf
            .get_mut(at..)
            .and_then(|b| b.first_chunk_mut::<LINE>())
        {
            Some(line) if n <= SHORT && v <= SHORT && end <= STAGE => {
                put_at(line, 0, [b';']);
                put_at(line, sep, head);
                if let Some(tail) = name.last_chunk::<16>() {
                    put_at(line, sep + n - 16, *tail);
                }
                put_at(line, sep + n, [b':']);
                copy_short(line, sep + n + 1, value);
                self.len = end;
            }
            _ => line_pieces(self, first, name, value),
        }
    }

    /// The line is written into the `LEAF`-byte window at the stage's end, whatever the room
    /// left: one check, one length update, each piece as one whole chunk copy (the value's
    /// second half only if it is longer than `PIECE`), the next piece overwriting what a copy
    /// wrote past its piece's end. A line that crosses the stage's end is hashed with the stage
    /// (`flush`).
    #[inline]
    fn put_leaf(
        &mut self,
        semicolon: bool,
        (prefix, plen): (&[u8; PIECE], usize),
        (key, klen): (&[u8; PIECE], usize),
        (value, vlen): (&[u8; 2 * PIECE], usize),
    ) {
        let sep = usize::from(semicolon);
        let at = self.len;
        match self
            .buf
            .get_mut(at..)
            .and_then(|b| b.first_chunk_mut::<LEAF>())
        {
            Some(line) if plen <= PIECE && klen <= PIECE && vlen <= 2 * PIECE => {
                let v_at = sep + plen + klen + 1;
                put_at(line, 0, [b';']);
                put_at(line, sep, *prefix);
                put_at(line, sep + plen, *key);
                put_at(line, v_at - 1, [b':']);
                if vlen <= PIECE
                    && let Some(half) = value.first_chunk::<PIECE>()
                {
                    put_at(line, v_at, *half);
                } else {
                    put_at(line, v_at, *value);
                }
                self.len = at + v_at + vlen;
                if self.len >= STAGE {
                    self.flush();
                }
            }
            _ => leaf_pieces(self, semicolon, (prefix, plen), (key, klen), (value, vlen)),
        }
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if end > STAGE {
            self.spill(bytes);
            return;
        }
        match self.buf.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                self.len = end;
            }
            None => self.spill(bytes),
        }
    }
}

/// Writes `bytes` at `at` in `buf`, if they fit.
#[inline(always)]
fn put_at<const N: usize>(buf: &mut [u8], at: usize, bytes: [u8; N]) {
    if let Some(dst) = buf.get_mut(at..).and_then(|b| b.first_chunk_mut::<N>()) {
        *dst = bytes;
    }
}

/// Copies `src` (at most 32 bytes) to `at` in `buf` as two fixed-size copies that overlap as
/// much as needed (16, 8, 4 bytes; one to three bytes as the first, middle and last byte, which
/// coincide as needed: a `memcpy` call for these cost ~17 instructions, callgrind).
#[inline(always)]
fn copy_short(buf: &mut [u8], at: usize, src: &[u8]) {
    let len = src.len();
    if let (Some(first), Some(last)) = (src.first_chunk::<16>(), src.last_chunk::<16>()) {
        put_at(buf, at, *first);
        put_at(buf, at + len - 16, *last);
    } else if let (Some(first), Some(last)) = (src.first_chunk::<8>(), src.last_chunk::<8>()) {
        put_at(buf, at, *first);
        put_at(buf, at + len - 8, *last);
    } else if let (Some(first), Some(last)) = (src.first_chunk::<4>(), src.last_chunk::<4>()) {
        put_at(buf, at, *first);
        put_at(buf, at + len - 4, *last);
    } else if let (Some(&first), Some(&last)) = (src.first(), src.last()) {
        put_at(buf, at, [first]);
        put_at(
            buf,
            at + len / 2,
            [src.get(len / 2).copied().unwrap_or(last)],
        );
        put_at(buf, at + len - 1, [last]);
    }
}

/// Counts bytes only (the first pass of "write only if it fits").
#[derive(Default)]
pub(crate) struct CountSink(pub(crate) usize);

impl Sink for CountSink {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}
