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
    /// `STAGE` bytes staged, then room for a whole chunk written past them (`put_over`).
    buf: [u8; STAGE + CHUNK],
    len: usize,
}

/// Two SHA-512 blocks.
const STAGE: usize = 256;

/// What `put_over` copies at once.
const CHUNK: usize = 32;

impl MacSink {
    /// Starts from a copy of a keyed HMAC state.
    #[inline(always)]
    pub(crate) fn new(core: &MacCore) -> Self {
        MacSink {
            core: core.clone(),
            buf: [0; STAGE + CHUNK],
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

/// Counts bytes only (the first pass of "write only if it fits").
#[derive(Default)]
pub(crate) struct CountSink(pub(crate) usize);

impl Sink for CountSink {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}
