//! The key context: HMAC-SHA512 state derived once from the merchant's secret, reused for every
//! message (BearSSL style), and the signatures it makes and checks.

use core::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use constant_time_eq::constant_time_eq_n;
use hmac::KeyInit;

use crate::Error;
use crate::ambiguity::{document_ambiguity, params_ambiguity};
use crate::canonical::document::{Document, Exclude, Kind, VALUE_ESCAPED};
use crate::canonical::{Sorted, write_document};
use crate::json::unescape::Decoded;
use crate::order::SortOrder;
use crate::params::{Param, write_params};
use crate::sink::{MacCore, MacSink, Sink, Tag};
use crate::tag_text::encode_tag;

/// Length of a signature: base64 (padded) of a 64-byte HMAC-SHA512.
///
/// ```
/// assert_eq!(qrsign_core::SIGNATURE_LEN, 88);
/// ```
pub const SIGNATURE_LEN: usize = 88;

/// A signature: 88 ASCII characters of standard, padded base64.
///
/// ```
/// let key = qrsign_core::Key::new(b"secret")?;
/// let sig = key.sign_canonical(b"payment:id:000049;payment:status:success");
/// assert_eq!(sig.as_str().len(), 88);
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    text: [u8; SIGNATURE_LEN],
}

impl Signature {
    fn from_tag(tag: &Tag) -> Self {
        Signature {
            text: encode_tag(&tag.0),
        }
    }

    /// The signature as text.
    ///
    /// ```
    /// let sig = qrsign_core::Key::new(b"k")?.sign_canonical(b"a:1");
    /// assert!(sig.as_str().ends_with("=="));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.text).unwrap_or("")
    }

    /// The signature as ASCII bytes.
    ///
    /// ```
    /// let sig = qrsign_core::Key::new(b"k")?.sign_canonical(b"a:1");
    /// assert_eq!(sig.as_bytes().len(), qrsign_core::SIGNATURE_LEN);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8; SIGNATURE_LEN] {
        &self.text
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({})", self.as_str())
    }
}

/// Where a callback carried its signature.
///
/// ```
/// use qrsign_core::SignatureLocation;
/// assert_ne!(SignatureLocation::TopLevel, SignatureLocation::General);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureLocation {
    /// The top-level `signature` key.
    TopLevel,
    /// `general.signature`.
    General,
}

/// The merchant's signing key: the HMAC-SHA512 state precomputed from the secret, and the sort
/// order of the integration (the platform's natural order unless told otherwise).
///
/// Build it once and reuse it: each use clones the precomputed state (no key schedule). `Key`
/// is `Send + Sync`; every method takes `&self`.
///
/// ```
/// use qrsign_core::{Key, Param, Value};
/// let key = Key::new(b"secret")?;
/// let sig = key.sign_params(&[
///     Param::new("project_id", Value::Int(12345)),
///     Param::new("payment_id", Value::Str("X03936")),
/// ])?;
/// key.verify_params(
///     &[Param::new("payment_id", Value::Str("X03936")), Param::new("project_id", Value::Int(12345))],
///     sig.as_bytes(),
/// )?;
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Key {
    core: MacCore,
    order: SortOrder,
    strict: bool,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("order", &self.order)
            .field("strict", &self.strict)
            .finish_non_exhaustive()
    }
}

/// Decodes a signature given as text into the 64-byte tag.
pub(crate) fn decode_signature(signature: &[u8]) -> Result<[u8; 64], Error> {
    if signature.len() != SIGNATURE_LEN {
        return Err(Error::InvalidSignatureEncoding);
    }
    let mut tag = [0u8; 66];
    match STANDARD.decode_slice(signature, &mut tag) {
        Ok(64) => {
            let mut out = [0u8; 64];
            out.copy_from_slice(tag.get(..64).unwrap_or(&[0; 64]));
            Ok(out)
        }
        _ => Err(Error::InvalidSignatureEncoding),
    }
}

impl Key {
    /// Derives the key context from the merchant's secret (its UTF-8 bytes).
    ///
    /// ```
    /// assert!(qrsign_core::Key::new(b"").is_err());
    /// assert!(qrsign_core::Key::new(b"secret").is_ok());
    /// ```
    // Inlined so that the state is built where the caller keeps it (not moved out through a
    // `Result`).
    #[inline]
    pub fn new(secret: &[u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(Error::EmptySecret);
        }
        let core = MacCore::new_from_slice(secret).map_err(|_| Error::EmptySecret)?;
        Ok(Key {
            core,
            order: SortOrder::Natural,
            strict: false,
        })
    }

    /// The same key with another sort order (for integrations built on the Python, Java or Go
    /// SDKs, which sort differently).
    ///
    /// ```
    /// use qrsign_core::{Key, SortOrder};
    /// let key = Key::new(b"secret")?.with_order(SortOrder::LineBytewise);
    /// assert_eq!(key.order(), SortOrder::LineBytewise);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn with_order(mut self, order: SortOrder) -> Self {
        self.order = order;
        self
    }

    /// The same key in strict mode (or not): signing and verifying then refuse, with
    /// [`Error::AmbiguousValue`], a document or parameters whose canonical string could be
    /// re-split into other fields (a key with `;`, a value with `;` and a later `:`; see
    /// [`crate::find_ambiguity`] and `SECURITY.md`). Off by default: the platform itself signs
    /// such strings.
    ///
    /// ```
    /// use qrsign_core::{Error, Key};
    /// let key = Key::new(b"secret")?.with_strict(true);
    /// assert_eq!(key.sign_json(br#"{"a":"1;b:2"}"#), Err(Error::AmbiguousValue { offset: 6 }));
    /// assert!(key.sign_json(br#"{"a":"1","b":"2"}"#).is_ok());
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn with_strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Whether this key is in strict mode ([`Key::with_strict`]).
    ///
    /// ```
    /// assert!(!qrsign_core::Key::new(b"s")?.is_strict());
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// In strict mode, refuses a parsed document with an ambiguous signed string.
    fn check_document(&self, doc: &Document<'_>) -> Result<(), Error> {
        match self.strict.then(|| document_ambiguity(doc)) {
            Some(Some(offset)) => Err(Error::AmbiguousValue { offset }),
            _ => Ok(()),
        }
    }

    /// In strict mode, refuses flat parameters with an ambiguous name or value.
    fn check_params(&self, params: &[Param<'_>]) -> Result<(), Error> {
        match self.strict.then(|| params_ambiguity(params)) {
            Some(Some(offset)) => Err(Error::AmbiguousValue { offset }),
            _ => Ok(()),
        }
    }

    /// The sort order this key signs with.
    ///
    /// ```
    /// assert_eq!(qrsign_core::Key::new(b"s")?.order(), qrsign_core::SortOrder::Natural);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn order(&self) -> SortOrder {
        self.order
    }

    /// Signs an already canonical string (what [`crate::canonical_json`] shows).
    ///
    /// ```
    /// let key = qrsign_core::Key::new(b"secret")?;
    /// assert_eq!(
    ///     key.sign_canonical(b"payment:id:000049;payment:status:success").as_str(),
    ///     "/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng=="
    /// );
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn sign_canonical(&self, canonical: &[u8]) -> Signature {
        let mut sink = MacSink::new(&self.core);
        sink.put(canonical);
        Signature::from_tag(&sink.finish())
    }

    /// The HMAC-SHA512 tag of flat parameters' canonical string under `order`.
    pub(crate) fn mac_params(&self, params: &[Param<'_>], order: SortOrder) -> Result<Tag, Error> {
        let mut sink = MacSink::new(&self.core);
        write_params(params, order, &mut sink)?;
        Ok(sink.finish())
    }

    /// Signs a parsed document with this key's order.
    pub(crate) fn sign_document(
        &self,
        doc: &mut Document<'_>,
        sorted: &mut Sorted,
    ) -> Result<Signature, Error> {
        self.check_document(doc)?;
        Ok(Signature::from_tag(
            &self.mac_document(doc, sorted, self.order)?,
        ))
    }

    /// The HMAC-SHA512 tag of a parsed document's canonical string under `order`.
    pub(crate) fn mac_document(
        &self,
        doc: &mut Document<'_>,
        sorted: &mut Sorted,
        order: SortOrder,
    ) -> Result<Tag, Error> {
        let mut sink = MacSink::new(&self.core);
        write_document(doc, sorted, order, &mut sink)?;
        Ok(sink.finish())
    }

    /// Signs flat Payment Page parameters (`frame_mode` is never signed; a parameter named
    /// `signature` is refused).
    ///
    /// ```
    /// use qrsign_core::{Key, Param, Value};
    /// let sig = Key::new(b"secret")?.sign_params(&[Param::new("a", Value::Bool(true))])?;
    /// assert_eq!(sig, Key::new(b"secret")?.sign_canonical(b"a:1"));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn sign_params(&self, params: &[Param<'_>]) -> Result<Signature, Error> {
        // The tag straight from the sink to the text (through `mac_params`' `Result` it was
        // copied twice more: ~16 instructions, callgrind).
        self.check_params(params)?;
        let mut sink = MacSink::new(&self.core);
        write_params(params, self.order, &mut sink)?;
        Ok(Signature::from_tag(&sink.finish()))
    }

    /// Checks `signature` (88 base64 characters) over flat parameters, in constant time.
    ///
    /// ```
    /// use qrsign_core::{Error, Key, Param, Value};
    /// let key = Key::new(b"secret")?;
    /// let params = [Param::new("a", Value::Int(1))];
    /// let sig = key.sign_params(&params)?;
    /// assert_eq!(key.verify_params(&params, sig.as_bytes()), Ok(()));
    /// let other = [Param::new("a", Value::Int(2))];
    /// assert_eq!(key.verify_params(&other, sig.as_bytes()), Err(Error::SignatureMismatch));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn verify_params(&self, params: &[Param<'_>], signature: &[u8]) -> Result<(), Error> {
        let text = signature_text(signature)?;
        self.check_params(params)?;
        check_signature(text, || self.mac_params(params, self.order))
    }

    /// Signs a JSON document (everything but `frame_mode`).
    ///
    /// ```
    /// let key = qrsign_core::Key::new(b"secret")?;
    /// let sig = key.sign_json(br#"{"payment":{"id":"000049","status":"success"}}"#)?;
    /// assert_eq!(sig, key.sign_canonical(b"payment:id:000049;payment:status:success"));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn sign_json(&self, json: &[u8]) -> Result<Signature, Error> {
        let mut doc = Document::new(json);
        let mut sorted = Sorted::new();
        doc.parse(Exclude::Nothing, sorted.siblings())?;
        self.check_document(&doc)?;
        Ok(Signature::from_tag(&self.mac_document(
            &mut doc,
            &mut sorted,
            self.order,
        )?))
    }

    /// Checks `signature` over a JSON document (everything but `frame_mode`), in constant time.
    ///
    /// ```
    /// let key = qrsign_core::Key::new(b"secret")?;
    /// let json = br#"{"a":[1,2]}"#;
    /// let sig = key.sign_json(json)?;
    /// key.verify_json(json, sig.as_bytes())?;
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn verify_json(&self, json: &[u8], signature: &[u8]) -> Result<(), Error> {
        let text = signature_text(signature)?;
        let mut doc = Document::new(json);
        let mut sorted = Sorted::new();
        doc.parse(Exclude::Nothing, sorted.siblings())?;
        self.check_document(&doc)?;
        check_signature(text, || {
            self.mac_document(&mut doc, &mut sorted, self.order)
        })
    }

    /// Verifies a callback body: finds its signature (top-level `signature`, else
    /// `general.signature`), leaves out only that key, and compares in constant time. Returns
    /// where the signature was.
    ///
    /// ```
    /// use qrsign_core::{Key, SignatureLocation};
    /// let key = Key::new(b"secret")?;
    /// let body = br#"{"payment":{"id":"000049","status":"success"},"signature":"/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng=="}"#;
    /// assert_eq!(key.verify_callback(body)?, SignatureLocation::TopLevel);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn verify_callback(&self, json: &[u8]) -> Result<SignatureLocation, Error> {
        let mut doc = Document::new(json);
        let mut sorted = Sorted::new();
        doc.parse(Exclude::CallbackSignature, sorted.siblings())?;
        let (text, location) = callback_signature(&doc)?;
        self.check_document(&doc)?;
        check_signature(text, || {
            self.mac_document(&mut doc, &mut sorted, self.order)
        })?;
        Ok(location)
    }
}

/// A signature's text, if it has the length of one (whether it is valid base64 is only asked
/// when it does not match: [`check_signature`]).
fn signature_text(signature: &[u8]) -> Result<[u8; SIGNATURE_LEN], Error> {
    signature
        .try_into()
        .map_err(|_| Error::InvalidSignatureEncoding)
}

/// `Ok` if `text` is the signature of the tag `mac` computes, compared as text in constant
/// time (`constant_time_eq`); otherwise `InvalidSignatureEncoding` if `text` is not a valid
/// signature at all (checked before `mac`'s own error too, as when it was decoded first), else
/// `mac`'s error or `SignatureMismatch`.
///
/// Standard padded base64 has exactly one valid text per tag (the `base64` crate rejects
/// non-zero trailing bits), so equal texts are equal tags. Encoding our tag (`tag_text`, ~0.3K
/// instructions) and comparing texts, rather than decoding the given text (the `base64` crate,
/// ~0.7K) and comparing tags, saves ~0.5K per verification (callgrind, the 1.6 KB callback).
fn check_signature(
    text: [u8; SIGNATURE_LEN],
    mac: impl FnOnce() -> Result<Tag, Error>,
) -> Result<(), Error> {
    match mac() {
        Ok(tag) if constant_time_eq_n(&Signature::from_tag(&tag).text, &text) => Ok(()),
        Ok(_) => {
            decode_signature(&text)?;
            Err(Error::SignatureMismatch)
        }
        Err(e) => {
            decode_signature(&text)?;
            Err(e)
        }
    }
}

/// The text of the signature a callback carries (unescaped from its JSON string, and of the
/// length of one) and where it was.
pub(crate) fn callback_signature(
    doc: &Document<'_>,
) -> Result<([u8; SIGNATURE_LEN], SignatureLocation), Error> {
    let index = doc.signature.ok_or(Error::MissingSignature)?;
    let node = doc.node(index);
    if node.kind != Kind::String {
        return Err(Error::InvalidSignatureEncoding);
    }
    let location = if node.parent == 0 {
        SignatureLocation::TopLevel
    } else {
        SignatureLocation::General
    };
    let raw = node.value.of(doc.src);
    let mut text = [0u8; SIGNATURE_LEN];
    let mut len = 0usize;
    if node.flags & VALUE_ESCAPED != 0 {
        // PHP's json_encode writes `/` as `\/`: decode before base64.
        for b in Decoded::new(raw, false) {
            if let Some(slot) = text.get_mut(len) {
                *slot = b;
            }
            len += 1;
        }
    } else {
        len = raw.len();
        if let Some(dst) = text.get_mut(..len) {
            dst.copy_from_slice(raw);
        }
    }
    if len != SIGNATURE_LEN {
        return Err(Error::InvalidSignatureEncoding);
    }
    Ok((text, location))
}

// Compile-time guarantee that a key can be shared between threads.
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Key>();
};

// Compile-time guarantee that the key material is wiped when dropped: `Key` and every
// message's `MacSink` hold the HMAC's two SHA-512 states, which zeroize themselves on drop
// (sha2's `zeroize` feature; a build without it fails here).
const _: fn() = || {
    fn assert_zeroize_on_drop<T: sha2::digest::zeroize::ZeroizeOnDrop>() {}
    assert_zeroize_on_drop::<sha2::block_api::Sha512VarCore>();
};
