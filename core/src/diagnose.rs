//! "Why was my signature rejected?": which sort order, if any, reproduces a signature.

use crate::sink::tag_matches;

use crate::Error;
use crate::canonical::document::{Document, Exclude};
use crate::canonical::{Sorted, document_into};
use crate::key::{Key, SignatureLocation, callback_signature, decode_signature};
use crate::order::SortOrder;
use crate::order_set::OrderSet;
use crate::params::Param;

/// What [`Key::diagnose_json`] and [`Key::diagnose_params`] found.
///
/// Each order stands for the official SDKs that sort that way: [`SortOrder::Natural`] the
/// platform itself and the PHP and JavaScript SDKs; [`SortOrder::PathBytewise`] the Python SDKs
/// (`ecommpay-sdk`, `jetpay-sdk`, `trxhosts-sdk`); [`SortOrder::LineBytewise`] the Java and Go
/// SDKs. Orders that give the same canonical string give the same signature, so a signature
/// often fits more than one: `matching` holds them all, `order` the first of them.
///
/// ```
/// use qrsign_core::{Key, Param, SortOrder, Value};
/// let params = [Param::new("address", Value::Int(1)), Param::new("address2", Value::Int(2))];
/// let java = Key::new(b"secret")?.with_order(SortOrder::LineBytewise).sign_params(&params)?;
/// let mut canonical = [0u8; 128];
/// let found = Key::new(b"secret")?.diagnose_params(&params, java.as_bytes(), &mut canonical)?;
/// assert_eq!(found.order, Some(SortOrder::LineBytewise));
/// assert_eq!(found.matching.iter().collect::<Vec<_>>(), [SortOrder::LineBytewise]);
/// assert_eq!(&canonical[..found.canonical_len], b"address2:2;address:1");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// The first order (natural, path-bytewise, line-bytewise) that reproduces the signature,
    /// or `None` when none does (wrong secret, or the data changed).
    pub order: Option<SortOrder>,
    /// Every order that reproduces the signature (empty when none does).
    pub matching: OrderSet,
    /// Where a callback carried its signature (`None` when the signature was given separately).
    pub location: Option<SignatureLocation>,
    /// Length of the canonical string written to the caller's buffer: for the matching order,
    /// else for the key's own order.
    pub canonical_len: usize,
}

impl Key {
    /// Tells which sort order reproduces `signature` over a JSON document and writes that
    /// order's canonical string into `canonical`. With `signature: None` the document is a
    /// callback and carries its own signature (top-level or `general.signature`).
    ///
    /// ```
    /// use qrsign_core::{Key, SortOrder};
    /// let key = Key::new(b"secret")?;
    /// let body = br#"{"payment":{"id":"000049","status":"success"},"signature":"/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng=="}"#;
    /// let mut canonical = [0u8; 128];
    /// let found = key.diagnose_json(body, None, &mut canonical)?;
    /// assert_eq!(found.order, Some(SortOrder::Natural));
    /// // two keys under one parent: every order sorts them the same way
    /// assert_eq!(found.matching.len(), 3);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn diagnose_json(
        &self,
        json: &[u8],
        signature: Option<&[u8]>,
        canonical: &mut [u8],
    ) -> Result<Diagnosis, Error> {
        let exclude = if signature.is_some() {
            Exclude::Nothing
        } else {
            Exclude::CallbackSignature
        };
        let mut doc = Document::new(json);
        let mut sorted = Sorted::new();
        doc.parse(exclude, sorted.siblings())?;
        let (tag, location) = match signature {
            Some(sig) => (decode_signature(sig)?, None),
            None => {
                let (text, location) = callback_signature(&doc)?;
                (decode_signature(&text)?, Some(location))
            }
        };
        let mut matching = OrderSet::EMPTY;
        for order in SortOrder::ALL {
            if tag_matches(self.mac_document(&mut doc, &mut sorted, order)?, &tag) {
                matching = matching.with(order);
            }
        }
        let order = matching.iter().next();
        let shown = order.unwrap_or(self.order());
        let canonical_len = document_into(&mut doc, &mut sorted, shown, canonical)?;
        Ok(Diagnosis {
            order,
            matching,
            location,
            canonical_len,
        })
    }

    /// Tells which sort order reproduces `signature` over flat parameters and writes that
    /// order's canonical string into `canonical` (see [`Diagnosis`]).
    ///
    /// ```
    /// use qrsign_core::{Key, Param, Value};
    /// let params = [Param::new("a", Value::Int(1))];
    /// let sig = Key::new(b"other secret")?.sign_params(&params)?;
    /// let mut canonical = [0u8; 16];
    /// let found = Key::new(b"secret")?.diagnose_params(&params, sig.as_bytes(), &mut canonical)?;
    /// assert_eq!(found.order, None);
    /// assert_eq!(&canonical[..found.canonical_len], b"a:1");
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn diagnose_params(
        &self,
        params: &[Param<'_>],
        signature: &[u8],
        canonical: &mut [u8],
    ) -> Result<Diagnosis, Error> {
        let tag = decode_signature(signature)?;
        let mut matching = OrderSet::EMPTY;
        for order in SortOrder::ALL {
            if tag_matches(self.mac_params(params, order)?, &tag) {
                matching = matching.with(order);
            }
        }
        let order = matching.iter().next();
        let shown = order.unwrap_or(self.order());
        let canonical_len = crate::canonical::canonical_params(params, shown, canonical)?;
        Ok(Diagnosis {
            order,
            matching,
            location: None,
            canonical_len,
        })
    }
}
