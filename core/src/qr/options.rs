//! Encoding options: error-correction level, version range, mask, ECC boost.

use crate::Error;
use crate::qr::symbol::{Ecc, VERSION_MAX, VERSION_MIN};

/// How to encode a QR symbol. `QrOptions::default()`: ECC M, versions 1..=40, automatic mask,
/// ECC boosted when it costs no extra version (what qrcodegen's own high-level API does).
///
/// ```
/// use qrsign_core::qr::{Ecc, QrOptions};
/// let opts = QrOptions { ecc: Ecc::Low, max_version: 10, ..QrOptions::default() };
/// assert_eq!(opts.min_version, 1);
/// assert!(opts.validate().is_ok());
/// assert!(QrOptions { mask: Some(8), ..opts }.validate().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QrOptions {
    /// Error-correction level (the minimum one when `boost_ecc` is set).
    pub ecc: Ecc,
    /// Smallest version to use, 1..=40.
    pub min_version: u8,
    /// Largest version to use, 1..=40; further capped to what the caller's buffers hold.
    pub max_version: u8,
    /// `Some(0..=7)` forces that mask; `None` chooses it as the standard says (lowest penalty).
    pub mask: Option<u8>,
    /// Raise the ECC level while the data still fits in the same version.
    pub boost_ecc: bool,
}

impl Default for QrOptions {
    fn default() -> Self {
        QrOptions {
            ecc: Ecc::Medium,
            min_version: VERSION_MIN,
            max_version: VERSION_MAX,
            mask: None,
            boost_ecc: true,
        }
    }
}

impl QrOptions {
    /// Checks the ranges: versions within 1..=40 with `min_version <= max_version`, mask 0..=7.
    /// Fails with [`Error::InvalidQrOption`].
    ///
    /// ```
    /// use qrsign_core::qr::QrOptions;
    /// let bad = QrOptions { min_version: 5, max_version: 4, ..QrOptions::default() };
    /// assert_eq!(bad.validate(), Err(qrsign_core::Error::InvalidQrOption));
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        let versions = VERSION_MIN..=VERSION_MAX;
        if !versions.contains(&self.min_version)
            || !versions.contains(&self.max_version)
            || self.min_version > self.max_version
            || self.mask.is_some_and(|m| m > 7)
        {
            return Err(Error::InvalidQrOption);
        }
        Ok(())
    }
}
