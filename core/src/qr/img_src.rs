//! JetPay's QR image: the `generate-qr` response `{"img_src": "data:image/png;base64,..."}`,
//! a PNG sent as an RFC 2397 data URI, checked and decoded into a caller buffer.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use base64::{DecodeError, DecodeSliceError};

use crate::Error;
use crate::json::document_text;
use crate::json::scan::Scanner;
use crate::json::unescape::Decoded;
use crate::json::walk::{self, Value};

/// The 8 bytes every PNG file starts with (PNG specification, section 5.2).
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Longest accepted header (`data:image/png;...;base64`, before the `,`).
const MAX_HEADER: usize = 128;

/// Base64 characters decoded per `decode_slice` call (whole quads): the staging buffer for a
/// URI whose JSON text has escapes (`\/`), which cannot be decoded in place.
const CHUNK: usize = 256;

/// A PNG image sent as a `data:image/png;base64,<data>` URI, borrowed from the caller's bytes:
/// JetPay's `img_src`. The header has been checked and the PNG's size is known; the base64 is
/// decoded by [`ImgSrc::decode_png_into`].
///
/// As RFC 2397 and RFC 2045 say, `data:`, the media type and `;base64` are matched without
/// regard to ASCII case; media type parameters (`;charset=...`) before `;base64` are allowed.
/// The base64 is the standard alphabet with canonical padding, no whitespace.
///
/// ```
/// use qrsign_core::qr::ImgSrc;
/// // The PNG signature and 4 more bytes, base64-encoded.
/// let img = ImgSrc::parse_uri(b"data:image/png;base64,iVBORw0KGgoAAAANSA==")?;
/// assert_eq!(img.png_len(), 13);
/// let mut png = [0u8; 13];
/// assert_eq!(img.decode_png_into(&mut png)?, 13);
/// assert_eq!(&png[1..4], b"PNG");
/// # Ok::<(), qrsign_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ImgSrc<'a> {
    /// The URI: the JSON string's text (escapes undecoded), or the bare URI (no backslash).
    uri: &'a [u8],
    /// Offset of the first base64 character in the (decoded) URI.
    payload_start: usize,
    /// Number of base64 characters.
    payload_len: usize,
    /// Decoded size.
    png_len: usize,
}

impl<'a> ImgSrc<'a> {
    /// Reads a `generate-qr` response: a JSON object whose member `img_src` is the data URI.
    /// Other members are ignored; the whole document must be well-formed JSON.
    ///
    /// Errors: `MalformedJson`, `InvalidEscape`, `InvalidUtf8`, `TooDeep` for the JSON text;
    /// `UnexpectedType` if the root is not an object or has no `img_src` (at the root) or if
    /// `img_src` is not a string (at its value);
    /// `DuplicateKey` for a second `img_src`; then the errors of [`ImgSrc::parse_uri`], whose
    /// offsets count bytes of the URI after JSON unescaping.
    ///
    /// ```
    /// use qrsign_core::{Error, qr::ImgSrc};
    /// let response = br#"{"img_src":"data:image\/png;base64,iVBORw0KGgoAAAANSA=="}"#;
    /// assert_eq!(ImgSrc::parse_response(response)?.png_len(), 13);
    /// assert!(matches!(ImgSrc::parse_response(br#"{"img_src":7}"#), Err(Error::UnexpectedType { .. })));
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn parse_response(json: &'a [u8]) -> Result<Self, Error> {
        document_text(json)?;
        let mut s = Scanner::new(json);
        s.skip_ws();
        let root = s.pos();
        match s.peek() {
            Some(b'{') => s.bump(),
            Some(_) => return Err(Error::UnexpectedType { offset: root }),
            None => return Err(Error::MalformedJson { offset: root }),
        }
        let mut img_src = None;
        walk::members(&mut s, |s, key| {
            let value = walk::value(s, 1)?;
            if !walk::decodes_to(json, key, "img_src") {
                return Ok(());
            }
            if img_src.is_some() {
                return Err(Error::DuplicateKey {
                    offset: key.span.start as usize,
                });
            }
            match value {
                (_, Value::String(raw)) => img_src = Some(raw),
                (offset, _) => return Err(Error::UnexpectedType { offset }),
            }
            Ok(())
        })?;
        s.end()?;
        let raw = img_src.ok_or(Error::UnexpectedType { offset: root })?;
        Self::checked(raw.span.of(json), raw.escaped)
    }

    /// Reads a bare data URI (its own bytes, not JSON text).
    ///
    /// Errors: `InvalidDataUri` with the offset of the first byte that is wrong: 0 if the URI
    /// does not start with `data:`, 5 if the media type is not `image/png`, the `,` if
    /// `;base64` is not the last thing before it, the end if there is no `,` (or the header is
    /// over 128 bytes), a character outside the standard base64 alphabet, the start of an
    /// incomplete last quad of base64, the start of the data if it is shorter than a PNG
    /// signature.
    ///
    /// ```
    /// use qrsign_core::{Error, qr::ImgSrc};
    /// assert!(ImgSrc::parse_uri(b"data:image/png;base64,iVBORw0KGgoAAAANSA==").is_ok());
    /// assert_eq!(ImgSrc::parse_uri(b"DATA:Image/PNG;BASE64,iVBORw0KGgo=").map(|i| i.png_len()), Ok(8));
    /// assert_eq!(
    ///     ImgSrc::parse_uri(b"data:image/gif;base64,R0lGODlh").unwrap_err(),
    ///     Error::InvalidDataUri { offset: 5 }
    /// );
    /// assert_eq!(
    ///     ImgSrc::parse_uri(b"data:image/png,iVBORw0KGgo=").unwrap_err(),
    ///     Error::InvalidDataUri { offset: 14 }
    /// );
    /// ```
    pub fn parse_uri(uri: &'a [u8]) -> Result<Self, Error> {
        Self::checked(uri, false)
    }

    /// The URI's bytes, JSON escapes decoded.
    fn bytes(&self) -> Decoded<'a> {
        // An unescaped URI has no backslash (checked), so decoding leaves it as it is.
        Decoded::new(self.uri, false)
    }

    /// Checks the header and measures the base64 data of `uri` (JSON string text if `escaped`).
    fn checked(uri: &'a [u8], escaped: bool) -> Result<Self, Error> {
        if !escaped && let Some(offset) = uri.iter().position(|&b| b == b'\\') {
            return Err(Error::InvalidDataUri { offset });
        }
        let mut img = ImgSrc {
            uri,
            payload_start: 0,
            payload_len: 0,
            png_len: 0,
        };
        let mut bytes = img.bytes();
        let mut header = [0u8; MAX_HEADER];
        let mut header_len = 0;
        loop {
            match bytes.next() {
                Some(b',') => break,
                Some(b) => match header.get_mut(header_len) {
                    Some(slot) => {
                        *slot = b;
                        header_len += 1;
                    }
                    None => return Err(Error::InvalidDataUri { offset: header_len }),
                },
                None => return Err(Error::InvalidDataUri { offset: header_len }),
            }
        }
        check_header(header.get(..header_len).unwrap_or(&[]))?;
        img.payload_start = header_len + 1;
        // The last two characters tell the padding. Checking the alphabet here too (the base64
        // crate checks it again while decoding) reports the first bad character before any
        // length or buffer problem, as decoding the whole data at once would.
        let mut last = [0u8; 2];
        for b in bytes {
            if !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')) {
                return Err(Error::InvalidDataUri {
                    offset: img.payload_start + img.payload_len,
                });
            }
            img.payload_len += 1;
            last = [last[1], b];
        }
        let partial = img.payload_len % 4;
        if partial != 0 {
            return Err(Error::InvalidDataUri {
                offset: img.payload_start + img.payload_len - partial,
            });
        }
        let padding = last.iter().filter(|&&b| b == b'=').count();
        img.png_len = (img.payload_len / 4 * 3).saturating_sub(padding);
        if img.png_len < PNG_SIGNATURE.len() {
            return Err(Error::InvalidDataUri {
                offset: img.payload_start,
            });
        }
        Ok(img)
    }

    /// The size of the PNG in bytes, known before decoding: exact (from the length and padding
    /// of the base64, whose alphabet is already checked). The buffer to give
    /// [`ImgSrc::decode_png_into`].
    ///
    /// ```
    /// let img = qrsign_core::qr::ImgSrc::parse_uri(b"data:image/png;base64,iVBORw0KGgoAAAANSA==")?;
    /// assert_eq!(img.png_len(), 13);
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub const fn png_len(&self) -> usize {
        self.png_len
    }

    /// Decodes the base64 into `out` (at least [`ImgSrc::png_len`] bytes) and checks that it
    /// starts with the PNG signature; returns the PNG's length.
    ///
    /// Errors: `BufferTooSmall { needed }` with `needed` = [`ImgSrc::png_len`] (exact);
    /// `InvalidDataUri` at the offending character for invalid base64 (misplaced padding,
    /// non-zero trailing bits), at the start of the data if it is not a PNG. `out` is written
    /// only on success: the data is checked in a first pass that writes nothing (about twice
    /// the work of decoding alone; the images are a few KB).
    ///
    /// ```
    /// use qrsign_core::{Error, qr::ImgSrc};
    /// let img = ImgSrc::parse_uri(b"data:image/png;base64,iVBORw0KGgoAAAANSA==")?;
    /// assert_eq!(img.decode_png_into(&mut [0u8; 12]), Err(Error::BufferTooSmall { needed: 13 }));
    /// let gif = ImgSrc::parse_uri(b"data:image/png;base64,R0lGODlhAQABAAAAACw=")?;
    /// let mut out = [7u8; 32];
    /// assert_eq!(gif.decode_png_into(&mut out), Err(Error::InvalidDataUri { offset: 22 }));
    /// assert_eq!(out, [7u8; 32]); // untouched
    /// # Ok::<(), qrsign_core::Error>(())
    /// ```
    pub fn decode_png_into(&self, out: &mut [u8]) -> Result<usize, Error> {
        let Some(out) = out.get_mut(..self.png_len) else {
            return Err(Error::BufferTooSmall {
                needed: self.png_len,
            });
        };
        self.decode_pass(None)?;
        self.decode_pass(Some(out))
    }

    /// Decodes the whole payload chunk by chunk, copying the bytes into `out` if given; checks
    /// the padding, the length and the PNG signature.
    fn decode_pass(&self, mut out: Option<&mut [u8]>) -> Result<usize, Error> {
        // Padding may only end the last quad: decoding chunk by chunk would accept it between.
        let last_quad = self.payload_len.saturating_sub(4);
        let mut chunk = [0u8; CHUNK];
        let mut head = [0u8; PNG_SIGNATURE.len()];
        let mut filled = 0;
        let mut chunk_start = 0;
        let mut written = 0;
        let mut payload = self.bytes().skip(self.payload_start).enumerate().peekable();
        while let Some((i, b)) = payload.next() {
            if b == b'=' && i < last_quad {
                return Err(Error::InvalidDataUri {
                    offset: self.payload_start + i,
                });
            }
            if let Some(slot) = chunk.get_mut(filled) {
                *slot = b;
                filled += 1;
            }
            if filled == CHUNK || payload.peek().is_none() {
                let part = chunk.get(..filled).unwrap_or(&[]);
                let decoded = self.decode_chunk(part, chunk_start)?;
                for (k, &byte) in decoded.bytes().iter().enumerate() {
                    if let Some(h) = head.get_mut(written + k) {
                        *h = byte;
                    }
                }
                if let Some(dst) = out.as_deref_mut().and_then(|o| o.get_mut(written..)) {
                    for (d, &byte) in dst.iter_mut().zip(decoded.bytes()) {
                        *d = byte;
                    }
                }
                written += decoded.bytes().len();
                chunk_start += filled;
                filled = 0;
            }
        }
        if written != self.png_len || head != PNG_SIGNATURE {
            return Err(Error::InvalidDataUri {
                offset: self.payload_start,
            });
        }
        Ok(written)
    }

    /// Decodes one chunk of base64 (starting `chunk_start` characters into the data).
    fn decode_chunk(&self, chunk: &[u8], chunk_start: usize) -> Result<Quads, Error> {
        let at = |i: usize| Error::InvalidDataUri {
            offset: self.payload_start + chunk_start + i,
        };
        let mut decoded = Quads {
            buf: [0; CHUNK / 4 * 3],
            len: 0,
        };
        decoded.len = STANDARD
            .decode_slice(chunk, &mut decoded.buf)
            .map_err(|e| match e {
                DecodeSliceError::DecodeError(
                    DecodeError::InvalidByte(i, _)
                    | DecodeError::InvalidLastSymbol { offset: i, .. },
                ) => at(i),
                DecodeSliceError::DecodeError(
                    DecodeError::InvalidLength(_) | DecodeError::InvalidPadding,
                ) => at(chunk.len().saturating_sub(4)),
                DecodeSliceError::OutputSliceTooSmall => at(0),
            })?;
        Ok(decoded)
    }
}

/// The bytes of one decoded chunk.
struct Quads {
    buf: [u8; CHUNK / 4 * 3],
    len: usize,
}

impl Quads {
    /// The decoded bytes.
    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// Checks `data:image/png[;attribute=value]*;base64` (ASCII case ignored).
fn check_header(header: &[u8]) -> Result<(), Error> {
    const SCHEME: &[u8] = b"data:";
    let wrong = |offset: usize| Err(Error::InvalidDataUri { offset });
    let Some(media) = header
        .get(..SCHEME.len())
        .filter(|s| s.eq_ignore_ascii_case(SCHEME))
        .and_then(|_| header.get(SCHEME.len()..))
    else {
        return wrong(0);
    };
    let mut segments = media.split(|&b| b == b';');
    if !segments
        .next()
        .is_some_and(|m| m.eq_ignore_ascii_case(b"image/png"))
    {
        return wrong(SCHEME.len());
    }
    let mut offset = SCHEME.len() + "image/png".len();
    let mut base64 = false;
    for segment in segments {
        // `;base64` must be the last segment; before it, parameters `attribute=value`.
        if base64 || !segment.contains(&b'=') && !segment.eq_ignore_ascii_case(b"base64") {
            return wrong(offset);
        }
        base64 = segment.eq_ignore_ascii_case(b"base64");
        offset += 1 + segment.len();
    }
    if base64 { Ok(()) } else { wrong(header.len()) }
}
