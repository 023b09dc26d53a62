//! The documented limits of the core. Inputs beyond them get a limit error, never a wrong
//! signature; they bound the stack the core uses (see the crate docs for measured figures).

/// Deepest nesting of JSON objects and arrays accepted (the root object is depth 1).
///
/// ```
/// assert_eq!(qrsign_core::limits::MAX_DEPTH, 32);
/// ```
pub const MAX_DEPTH: usize = 32;

/// Most JSON values (objects, arrays and scalars together, the root included) in one document.
///
/// The node table holds this many values (20 bytes each, plus 2 bytes of sibling order) on the
/// stack of every JSON signing or verifying call: 384 by default (about 8.3 KiB); 128 with the
/// cargo feature `small-node-table` (about 2.8 KiB), for MCUs short of RAM: a Click QR response
/// has about 50 values, the shared callback cases fewer than 10.
///
/// ```
/// assert!(qrsign_core::limits::MAX_NODES >= 128);
/// ```
#[cfg(not(feature = "small-node-table"))]
pub const MAX_NODES: usize = 384;
/// Most JSON values in one document: the `small-node-table` preset (see the default's docs).
///
/// ```
/// assert_eq!(qrsign_core::limits::MAX_NODES, 128);
/// ```
#[cfg(feature = "small-node-table")]
pub const MAX_NODES: usize = 128;

/// Most flat (Payment Page) parameters in one request.
///
/// ```
/// assert_eq!(qrsign_core::limits::MAX_PARAMS, 128);
/// ```
pub const MAX_PARAMS: usize = 128;

/// Longest JSON document (or any other input text) accepted, in bytes: 16 MiB. The platform's
/// callbacks and responses are a few KB; a longer input is refused with `InputTooLong` before a
/// byte of it is read (through the C ABI, before a slice over it is even made: a length that a
/// caller got wrong cannot make the library read past its buffer).
///
/// ```
/// assert_eq!(qrsign_core::limits::MAX_DOCUMENT_LEN, 16 << 20);
/// ```
pub const MAX_DOCUMENT_LEN: usize = 16 << 20;
const _: () = assert!(MAX_DOCUMENT_LEN <= u32::MAX as usize); // offsets are kept in 32 bits

/// Longest object key accepted, in bytes (after JSON unescaping).
///
/// ```
/// assert_eq!(qrsign_core::limits::MAX_KEY_LEN, 4096);
/// ```
pub const MAX_KEY_LEN: usize = 4096;
