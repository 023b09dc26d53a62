//! A QR symbol borrowed from a caller-owned buffer, and the buffer sizes firmware declares.
//!
//! The buffer layout is qrcodegen's (Nayuki's no-heap port): byte 0 holds the side length in
//! modules (21..=177), then the modules row by row, packed eight to a byte, least significant bit
//! first (module `(x, y)` is bit `(y * size + x) % 8` of byte `1 + (y * size + x) / 8`), 1 = dark.
//! A symbol encoded by [`crate::qr::encode_text`] stays in the caller's buffer; [`QrCode`] only
//! borrows it, and [`QrCode::from_bytes`] re-reads one that crossed an ABI (C, Python) as bytes.

use crate::Error;

/// The largest version (40, 177×177 modules).
pub const VERSION_MAX: u8 = 40;

/// The smallest version (1, 21×21 modules).
pub const VERSION_MIN: u8 = 1;

/// Bytes a symbol buffer (and the encoder's scratch buffer) needs for symbols up to `version`.
///
/// `version` is clamped to `1..=40`, so the result is always a usable size.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, buffer_len};
/// assert_eq!(buffer_len(1), 57); // 1 + ceil(21 * 21 / 8)
/// assert_eq!(buffer_len(40), BUFFER_LEN_MAX);
/// static mut SYMBOL: [u8; buffer_len(10)] = [0; buffer_len(10)];
/// ```
pub const fn buffer_len(version: u8) -> usize {
    let v = if version < VERSION_MIN {
        VERSION_MIN
    } else if version > VERSION_MAX {
        VERSION_MAX
    } else {
        version
    };
    let side = side_len(v);
    1 + (side * side).div_ceil(8)
}

/// Bytes a symbol buffer needs for any version (3918).
///
/// ```
/// assert_eq!(qrsign_core::qr::BUFFER_LEN_MAX, 3918);
/// ```
pub const BUFFER_LEN_MAX: usize = buffer_len(VERSION_MAX);

/// Side length in modules of a symbol of `version` (`4 * version + 17`; no clamping).
///
/// ```
/// assert_eq!(qrsign_core::qr::side_len(1), 21);
/// assert_eq!(qrsign_core::qr::side_len(40), 177);
/// ```
pub const fn side_len(version: u8) -> usize {
    4 * version as usize + 17
}

/// The largest version whose symbol fits in a buffer of `len` bytes, if any.
///
/// ```
/// use qrsign_core::qr::{buffer_len, max_version_for};
/// assert_eq!(max_version_for(buffer_len(7)), Some(7));
/// assert_eq!(max_version_for(buffer_len(7) - 1), Some(6));
/// assert_eq!(max_version_for(10), None);
/// ```
pub const fn max_version_for(len: usize) -> Option<u8> {
    let mut v = VERSION_MAX;
    while v >= VERSION_MIN {
        if buffer_len(v) <= len {
            return Some(v);
        }
        v -= 1;
    }
    None
}

/// Error-correction level: the share of the symbol that can be damaged and still read.
///
/// ```
/// use qrsign_core::qr::Ecc;
/// assert_eq!(Ecc::default(), Ecc::Medium);
/// assert_eq!(Ecc::from_u8(3), Some(Ecc::High));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Ecc {
    /// About 7% of codewords can be restored.
    Low,
    /// About 15% (the default: what payment QR codes commonly use).
    #[default]
    Medium,
    /// About 25%.
    Quartile,
    /// About 30%.
    High,
}

impl Ecc {
    /// The level for `0..=3` (Low, Medium, Quartile, High), `None` otherwise.
    ///
    /// ```
    /// assert_eq!(qrsign_core::qr::Ecc::from_u8(0), Some(qrsign_core::qr::Ecc::Low));
    /// assert_eq!(qrsign_core::qr::Ecc::from_u8(4), None);
    /// ```
    pub const fn from_u8(v: u8) -> Option<Ecc> {
        match v {
            0 => Some(Ecc::Low),
            1 => Some(Ecc::Medium),
            2 => Some(Ecc::Quartile),
            3 => Some(Ecc::High),
            _ => None,
        }
    }

    /// The two format-information bits the standard gives this level (L=1, M=0, Q=3, H=2).
    ///
    /// ```
    /// assert_eq!(qrsign_core::qr::Ecc::Low.format_bits(), 1);
    /// ```
    pub const fn format_bits(self) -> u8 {
        match self {
            Ecc::Low => 1,
            Ecc::Medium => 0,
            Ecc::Quartile => 3,
            Ecc::High => 2,
        }
    }
}

/// A QR symbol in a caller-owned buffer (see the module docs for the layout).
///
/// Module access is bounds-checked: coordinates outside the symbol read as light, which is what
/// the quiet zone around it is.
///
/// ```
/// use qrsign_core::qr::{BUFFER_LEN_MAX, Ecc, QrCode, QrOptions, encode_text};
/// let mut temp = [0u8; BUFFER_LEN_MAX];
/// let mut out = [0u8; BUFFER_LEN_MAX];
/// let qr = encode_text("https://example.com", &mut temp, &mut out, &QrOptions::default())?;
/// assert_eq!(qr.size(), 21 + 4 * (usize::from(qr.version()) - 1));
/// assert!(qr.get(0, 0)); // the top-left finder pattern is dark
/// assert!(!qr.get(qr.size(), 0)); // outside: light
/// let again = QrCode::from_bytes(qr.as_bytes())?;
/// assert_eq!(again.mask(), qr.mask());
/// // The format information reads back as encoded.
/// let opts = QrOptions { ecc: Ecc::Low, mask: Some(3), boost_ecc: false, ..QrOptions::default() };
/// let qr = encode_text("HELLO", &mut temp, &mut out, &opts)?;
/// assert_eq!((qr.ecc(), qr.mask()), (Ecc::Low, 3));
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QrCode<'a> {
    /// Byte 0 = side length, then the packed modules; exactly `buffer_len(version)` bytes.
    bytes: &'a [u8],
    size: usize,
}

impl<'a> QrCode<'a> {
    /// Reads a symbol from bytes in the layout above (for example a buffer that went through C).
    ///
    /// Fails with [`Error::InvalidQrOption`] if byte 0 is not a valid side length (21..=177, of
    /// the form `4v + 17`) and with [`Error::BufferTooSmall`] if the bytes are shorter than that
    /// version's [`buffer_len`]. Longer buffers are fine (the rest is ignored).
    ///
    /// ```
    /// use qrsign_core::{Error, qr::QrCode};
    /// assert_eq!(QrCode::from_bytes(&[20, 0]), Err(Error::InvalidQrOption));
    /// assert_eq!(QrCode::from_bytes(&[21, 0]), Err(Error::BufferTooSmall { needed: 57 }));
    /// assert_eq!(QrCode::from_bytes(&[0u8; 57][..])
    ///     .map(|q| q.size()), Err(Error::InvalidQrOption));
    /// ```
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, Error> {
        let side = usize::from(*bytes.first().ok_or(Error::InvalidQrOption)?);
        if !(side_len(VERSION_MIN)..=side_len(VERSION_MAX)).contains(&side) || (side - 17) % 4 != 0
        {
            return Err(Error::InvalidQrOption);
        }
        let needed = 1 + (side * side).div_ceil(8);
        let bytes = bytes
            .get(..needed)
            .ok_or(Error::BufferTooSmall { needed })?;
        Ok(QrCode { bytes, size: side })
    }

    /// Side length in modules (21..=177), without the quiet zone.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Version, 1..=40.
    pub fn version(&self) -> u8 {
        // `size` is 4v + 17 with v <= 40, checked on construction.
        u8::try_from((self.size - 17) / 4).unwrap_or(VERSION_MAX)
    }

    /// Whether module `(x, y)` is dark; `(0, 0)` is the top-left corner. Outside: light.
    pub fn get(&self, x: usize, y: usize) -> bool {
        if x >= self.size || y >= self.size {
            return false;
        }
        let i = y * self.size + x;
        self.bytes
            .get(1 + i / 8)
            .is_some_and(|byte| (byte >> (i % 8)) & 1 == 1)
    }

    /// The mask pattern (0..=7) used, read from the symbol's format information.
    pub fn mask(&self) -> u8 {
        // The format information is stored XORed with 0x5412: its mask bits with 0b101.
        let stored = u8::from(self.get(2, 8)) << 2
            | u8::from(self.get(3, 8)) << 1
            | u8::from(self.get(4, 8));
        stored ^ 0b101
    }

    /// The error-correction level, read from the symbol's format information.
    pub fn ecc(&self) -> Ecc {
        // Stored XORed with 0x5412: the level's two bits with 0b10.
        match (u8::from(self.get(0, 8)) << 1 | u8::from(self.get(1, 8))) ^ 0b10 {
            0 => Ecc::Medium,
            1 => Ecc::Low,
            2 => Ecc::High,
            _ => Ecc::Quartile,
        }
    }

    /// The symbol's bytes (side length, then packed modules): `buffer_len(version)` bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }
}
