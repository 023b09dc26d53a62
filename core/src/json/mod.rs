//! Zero-copy JSON reading: scanning in place and decoding escapes on the fly.

pub(crate) mod scan;
pub(crate) mod unescape;
pub(crate) mod walk;
