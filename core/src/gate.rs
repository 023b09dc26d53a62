//! Gate request bodies: the caller's JSON, byte for byte, with `general.signature` set.

use crate::Error;
use crate::canonical::document::{Document, Exclude, Kind};
use crate::canonical::{Sorted, write_sized};
use crate::key::{Key, SIGNATURE_LEN};

impl Key {
    /// Signs a Gate request body (for example the Click QR sale, `POST /v2/payment/sbp-qr/sale`)
    /// and writes the same JSON into `out` with `general.signature` set: replaced if present,
    /// else added as the first member of `general` (and `general` added if absent). Every other
    /// byte of the input is kept. Returns the length written; on `BufferTooSmall { needed }`
    /// nothing is written. `out` needs at most `json.len() + GATE_SIGNATURE_OVERHEAD` bytes.
    ///
    /// ```
    /// let key = qrsign_core::Key::new(b"secret")?;
    /// let body = br#"{"general":{"project_id":1234,"payment_id":"p47"},"payment":{"amount":20000000,"currency":"UZS"}}"#;
    /// let mut out = [0u8; 256];
    /// let n = key.sign_gate_body(body, &mut out)?;
    /// let signed = &out[..n];
    /// assert!(signed.starts_with(br#"{"general":{"signature":""#));
    /// key.verify_callback(signed)?; // the platform checks it the same way
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn sign_gate_body(&self, json: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        let mut doc = Document::new(json);
        let mut sorted = Sorted::new();
        doc.parse(Exclude::GeneralSignature, sorted.siblings())?;
        let signature = self.sign_document(&mut doc, &mut sorted)?;
        let sig = signature.as_bytes();
        // The edit: bytes json[..from] + insertion + json[to..].
        let (from, to, kind) = match (doc.signature, doc.spots.general) {
            (Some(i), _) => {
                let node = doc.node(i);
                let (start, len) = (node.value.start as usize, node.value.len as usize);
                match node.kind {
                    Kind::Object | Kind::Array => {
                        return Err(Error::UnexpectedType {
                            offset: doc.value_offset(i),
                        });
                    }
                    // The span of a string is inside its quotes: replace the quotes too.
                    Kind::String => (start - 1, start + len + 1, Insert::Value),
                    _ => (start, start + len, Insert::Value),
                }
            }
            (None, Some((general, open))) => {
                let more = doc.node(general).value.len > 0;
                (open as usize, open as usize, Insert::Member { comma: more })
            }
            (None, None) => {
                if let Some(i) = doc.root_member(b"general") {
                    return Err(Error::UnexpectedType {
                        offset: doc.value_offset(i),
                    });
                }
                let open = doc.spots.root_open as usize;
                let more = doc.node(0).value.len > 0;
                (open, open, Insert::General { comma: more })
            }
        };
        let (head, tail) = (
            json.get(..from).unwrap_or(&[]),
            json.get(to..).unwrap_or(&[]),
        );
        write_sized(out, |sink| {
            sink.put(head);
            match kind {
                Insert::Value => {}
                Insert::Member { .. } => sink.put(b"\"signature\":"),
                Insert::General { .. } => sink.put(b"\"general\":{\"signature\":"),
            }
            sink.put(b"\"");
            sink.put(sig);
            sink.put(b"\"");
            match kind {
                Insert::Value | Insert::Member { comma: false } => {}
                Insert::Member { comma: true } => sink.put(b","),
                Insert::General { comma } => sink.put(if comma { b"}," } else { b"}" }),
            }
            sink.put(tail);
        })
    }
}

/// The most bytes [`Key::sign_gate_body`] adds to its input:
/// `"general":{"signature":"<88>"},`.
///
/// ```
/// assert_eq!(qrsign_core::GATE_SIGNATURE_OVERHEAD, 115);
/// ```
pub const GATE_SIGNATURE_OVERHEAD: usize =
    "\"general\":{\"signature\":\"\"},".len() + SIGNATURE_LEN;

#[derive(Clone, Copy)]
enum Insert {
    /// Replace the value of an existing `general.signature`.
    Value,
    /// Add `"signature":…` at the start of `general`.
    Member { comma: bool },
    /// Add `"general":{"signature":…}` at the start of the root object.
    General { comma: bool },
}
