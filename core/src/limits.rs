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
/// ```
/// assert!(qrsign_core::limits::MAX_NODES >= 256);
/// ```
pub const MAX_NODES: usize = 384;

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
