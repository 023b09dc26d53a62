//! Helpers shared by the integration tests.

use proptest::prelude::*;
use proptest::sample::Index;

/// One random edit of a byte string: where, which byte, and what to do (0 overwrite, 1 insert,
/// 2 remove, 3 truncate).
pub type Edit = (Index, u8, u8);

/// One to four random edits.
pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<Index>(), any::<u8>(), 0u8..4), 1..5)
}

/// Applies `edits` to `body` in order (stops once the body is empty: nowhere left to edit).
pub fn apply_edits(body: &mut Vec<u8>, edits: &[Edit]) {
    for &(at, byte, kind) in edits {
        if body.is_empty() {
            break;
        }
        let i = at.index(body.len());
        match kind {
            0 => body[i] = byte,
            1 => body.insert(i, byte),
            2 => {
                body.remove(i);
            }
            _ => body.truncate(i),
        }
    }
}
