//! Zero-copy JSON reading: scanning in place and decoding escapes on the fly.

pub(crate) mod scan;
pub(crate) mod unescape;
pub(crate) mod walk;

use crate::Error;
use crate::limits::MAX_DOCUMENT_LEN;

/// The document as text, once its length and UTF-8 are checked: what every reader of a whole
/// document checks first (`InputTooLong` past [`MAX_DOCUMENT_LEN`], else `InvalidUtf8` at the
/// first bad byte).
pub(crate) fn document_text(json: &[u8]) -> Result<&str, Error> {
    if json.len() > MAX_DOCUMENT_LEN {
        return Err(Error::InputTooLong {
            limit: MAX_DOCUMENT_LEN,
        });
    }
    core::str::from_utf8(json).map_err(|e| Error::InvalidUtf8 {
        offset: e.valid_up_to(),
    })
}
