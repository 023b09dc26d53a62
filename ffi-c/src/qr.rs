//! QR symbols: encoding into caller buffers, reading a symbol's modules and properties.

use qrsign_core::qr::{self, Ecc, QrCode, QrOptions, RenderOptions};

use crate::boundary::{ffi_boundary, try_mut, try_slice, try_status, try_str};
use crate::out::{ok, overlaps, write_output, write_value};
use crate::status::{fail, fail_status, qrsign_error_detail, qrsign_status};

/// Error-correction levels (`qrsign_qr_options.ecc`, `qrsign_qr_info.ecc`).
#[repr(u32)]
pub enum qrsign_qr_ecc {
    /// About 7% of the symbol can be damaged.
    QRSIGN_QR_ECC_LOW = 0,
    /// About 15% (the default).
    QRSIGN_QR_ECC_MEDIUM = 1,
    /// About 25%.
    QRSIGN_QR_ECC_QUARTILE = 2,
    /// About 30%.
    QRSIGN_QR_ECC_HIGH = 3,
}

/// `qrsign_qr_options.mask` value that lets the encoder choose the mask (lowest penalty, as the
/// standard says; the same choice as Nayuki's qrcodegen).
pub const QRSIGN_QR_MASK_AUTO: i32 = -1;

/// How to encode a QR symbol. `qrsign_qr_options_default` fills in the defaults (ECC M, versions
/// 1..40, automatic mask, ECC boost on); passing NULL options means the same.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct qrsign_qr_options {
    /// A `qrsign_qr_ecc`: the error-correction level (the minimum one if `boost_ecc`).
    pub ecc: u32,
    /// Smallest version to use, 1..40.
    pub min_version: u32,
    /// Largest version to use, 1..40 (further limited to what `qr` and `tmp` hold).
    pub max_version: u32,
    /// 0..7 forces that mask; `QRSIGN_QR_MASK_AUTO` (-1) chooses it.
    pub mask: i32,
    /// Raise the ECC level while the data still fits in the same version.
    pub boost_ecc: bool,
}

/// A symbol's properties (`qrsign_qr_get_info`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct qrsign_qr_info {
    /// Side length in modules (21..177), without the quiet zone.
    pub size: u32,
    /// Version, 1..40.
    pub version: u32,
    /// Mask pattern, 0..7.
    pub mask: u32,
    /// A `qrsign_qr_ecc`: the error-correction level actually used.
    pub ecc: u32,
}

/// Core options from C ones (NULL: the defaults); `None` for out-of-range values.
fn options_of(opts: Option<&qrsign_qr_options>) -> Option<QrOptions> {
    let Some(o) = opts else {
        return Some(QrOptions::default());
    };
    let version = |v: u32| u8::try_from(v).ok();
    let mask = match o.mask {
        QRSIGN_QR_MASK_AUTO => None,
        m => Some(u8::try_from(m).ok()?),
    };
    let options = QrOptions {
        ecc: Ecc::from_u8(u8::try_from(o.ecc).ok()?)?,
        min_version: version(o.min_version)?,
        max_version: version(o.max_version)?,
        mask,
        boost_ecc: o.boost_ecc,
    };
    options.validate().ok().map(|()| options)
}

/// The C value of a core ECC level.
fn ecc_code(e: Ecc) -> u32 {
    match e {
        Ecc::Low => qrsign_qr_ecc::QRSIGN_QR_ECC_LOW as u32,
        Ecc::Medium => qrsign_qr_ecc::QRSIGN_QR_ECC_MEDIUM as u32,
        Ecc::Quartile => qrsign_qr_ecc::QRSIGN_QR_ECC_QUARTILE as u32,
        Ecc::High => qrsign_qr_ecc::QRSIGN_QR_ECC_HIGH as u32,
    }
}

/// Fills `opts` with the defaults: ECC M, versions 1..40, automatic mask, ECC boost on.
///
/// @return `QRSIGN_OK`; `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_qr_options_default(opts: *mut qrsign_qr_options) -> qrsign_status {
    ffi_boundary! {
        let d = QrOptions::default();
        let value = qrsign_qr_options {
            ecc: ecc_code(d.ecc),
            min_version: u32::from(d.min_version),
            max_version: u32::from(d.max_version),
            mask: QRSIGN_QR_MASK_AUTO,
            boost_ecc: d.boost_ecc,
        };
        write_value(opts, value, core::ptr::null_mut())
    }
}

/// The bytes each QR buffer (`qr` and `tmp`) needs for symbols up to `version` (1..40), as the
/// macro `QRSIGN_QR_BUFFER_LEN(version)` computes at compile time.
///
/// @param len  receives the length; written only on success.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_QR_OPTION` (version outside 1..40);
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_qr_buffer_len(version: u32, len: *mut usize) -> qrsign_status {
    ffi_boundary! {
        match u8::try_from(version) {
            Ok(v) if (qr::VERSION_MIN..=qr::VERSION_MAX).contains(&v) => {
                write_value(len, qr::buffer_len(v), core::ptr::null_mut())
            }
            _ => fail(core::ptr::null_mut(), qrsign_core::Error::InvalidQrOption),
        }
    }
}

/// Runs the encoder on the caller's buffers after the argument checks both encoders share.
fn encode_with(
    opts: *const qrsign_qr_options,
    tmp: *mut u8,
    tmp_len: usize,
    qr_buf: *mut u8,
    qr_len: usize,
    input: (*const u8, usize),
    detail: *mut qrsign_error_detail,
    encode: impl FnOnce(&mut [u8], &mut [u8], &QrOptions) -> Result<(), qrsign_core::Error>,
) -> qrsign_status {
    let opts = crate::boundary::optional(opts);
    let Some(options) = options_of(opts) else {
        return fail(detail, qrsign_core::Error::InvalidQrOption);
    };
    if overlaps(tmp, tmp_len, qr_buf, qr_len)
        || overlaps(tmp, tmp_len, input.0, input.1)
        || overlaps(qr_buf, qr_len, input.0, input.1)
    {
        return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT);
    }
    let (Some(tmp), Some(out)) = (
        crate::boundary::slice_from_mut(tmp, tmp_len),
        crate::boundary::slice_from_mut(qr_buf, qr_len),
    ) else {
        return fail_status(detail, qrsign_status::QRSIGN_ERR_NULL_ARGUMENT);
    };
    match encode(tmp, out, &options) {
        Ok(()) => ok(detail),
        Err(e) => fail(detail, e),
    }
}

/// Encodes UTF-8 text as a QR symbol (numeric, alphanumeric or byte mode, whichever is shortest).
///
/// @param text     the text, `text_len` bytes of UTF-8 (for example a `qr_data` link or a
///                 Payment Page URL).
/// @param opts     encoding options, or NULL for the defaults (`qrsign_qr_options_default`).
/// @param tmp      work area of `tmp_len` bytes, the same size as `qr`; contents unspecified
///                 after the call (success or failure).
/// @param qr       receives the symbol: `qr_len` bytes, at least `QRSIGN_QR_BUFFER_LEN(v)` for
///                 the version `v` the data needs (`QRSIGN_QR_BUFFER_LEN_MAX` always suffices).
///                 Read it with `qrsign_qr_get_info`, `qrsign_qr_get_module` and the renderers.
///                 Written only on success: after any failure it is untouched.
///                 `qr`, `tmp` and `text` must not overlap.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_DATA_TOO_LONG` (detail: needed/capacity bits);
///         `QRSIGN_ERR_BUFFER_TOO_SMALL` (detail: needed bytes); `QRSIGN_ERR_INVALID_QR_OPTION`;
///         `QRSIGN_ERR_INVALID_UTF8`; `QRSIGN_ERR_INVALID_ARGUMENT` (overlap);
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_qr_encode_text(
    text: *const u8,
    text_len: usize,
    opts: *const qrsign_qr_options,
    tmp: *mut u8,
    tmp_len: usize,
    qr: *mut u8,
    qr_len: usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let s = try_str!(text, text_len, detail);
        encode_with(opts, tmp, tmp_len, qr, qr_len, (text, text_len), detail, |tmp, out, o| {
            qr::encode_text(s, tmp, out, o).map(drop)
        })
    }
}

/// Encodes bytes as a QR symbol (byte mode). Same buffers and results as
/// `qrsign_qr_encode_text`.
///
/// @return as `qrsign_qr_encode_text` (no UTF-8 check).
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_qr_encode_binary(
    data: *const u8,
    data_len: usize,
    opts: *const qrsign_qr_options,
    tmp: *mut u8,
    tmp_len: usize,
    qr: *mut u8,
    qr_len: usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let bytes = try_slice!(data, data_len, detail);
        encode_with(opts, tmp, tmp_len, qr, qr_len, (data, data_len), detail, |tmp, out, o| {
            qr::encode_binary(bytes, tmp, out, o).map(drop)
        })
    }
}

/// Reads a symbol from the caller's `qr` bytes, or returns the failure status.
pub(crate) fn symbol<'a>(
    qr_buf: *const u8,
    qr_len: usize,
    detail: *mut qrsign_error_detail,
) -> Result<QrCode<'a>, qrsign_status> {
    let bytes = crate::boundary::input_slice(qr_buf, qr_len, detail)?;
    QrCode::from_bytes(bytes).map_err(|e| fail(detail, e))
}

/// A symbol's side length, version, mask and ECC level.
///
/// @param qr    a symbol written by `qrsign_qr_encode_text`/`_binary`, `qr_len` bytes.
/// @param info  receives the properties; written only on success.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_QR_OPTION` (not a symbol);
///         `QRSIGN_ERR_BUFFER_TOO_SMALL` (`qr_len` shorter than the symbol);
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_qr_get_info(
    qr: *const u8,
    qr_len: usize,
    info: *mut qrsign_qr_info,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let code = try_status!(symbol(qr, qr_len, detail));
        let value = qrsign_qr_info {
            size: u32::try_from(code.size()).unwrap_or(0),
            version: u32::from(code.version()),
            mask: u32::from(code.mask()),
            ecc: ecc_code(code.ecc()),
        };
        let info = try_mut!(info, detail);
        *info = value;
        ok(detail)
    }
}

/// Whether module (`x`, `y`) of a symbol is dark; (0, 0) is the top-left corner. Coordinates
/// outside the symbol read as light (the quiet zone).
///
/// @param dark  receives `true` for a dark module; written only on success.
/// @return `QRSIGN_OK`; as `qrsign_qr_get_info` for a bad symbol; `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_qr_get_module(
    qr: *const u8,
    qr_len: usize,
    x: u32,
    y: u32,
    dark: *mut bool,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let code = try_status!(symbol(qr, qr_len, detail));
        let (x, y) = (usize::try_from(x).unwrap_or(usize::MAX), usize::try_from(y).unwrap_or(usize::MAX));
        write_value(dark, code.get(x, y), detail)
    }
}

/// Output formats of `qrsign_qr_render` (`format` argument).
#[repr(u32)]
pub enum qrsign_render_format {
    /// SVG text: one `<path>`, integer coordinates, a white background, `crispEdges`.
    QRSIGN_RENDER_SVG = 0,
    /// 1 bit per pixel, rows top to bottom, each `(side + 7) / 8` bytes, leftmost pixel in the
    /// most significant bit, padding bits 0; 1 = dark (light with `invert`). Size:
    /// `QRSIGN_BITMAP_LEN(size, scale, quiet_zone)`.
    QRSIGN_RENDER_BITMAP = 1,
    /// One ESC/POS `GS v 0` raster command for thermal receipt printers (1 = black dot).
    /// Size: `QRSIGN_ESCPOS_LEN(size, scale, quiet_zone)`.
    QRSIGN_RENDER_ESCPOS = 2,
    /// UTF-8 text with Unicode half blocks, two module rows per line, lines ending in `\n`.
    /// For a dark terminal (light text on dark), set `invert`.
    QRSIGN_RENDER_TERMINAL = 3,
    /// PBM P1 (ASCII).
    QRSIGN_RENDER_PBM_ASCII = 4,
    /// PBM P4 (binary).
    QRSIGN_RENDER_PBM_BINARY = 5,
}

/// How to draw a symbol. `qrsign_render_options_default`: scale 1, quiet zone 4, not inverted;
/// NULL options mean the same.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct qrsign_render_options {
    /// Pixels (dots, characters for the terminal's width) per module, at least 1.
    pub scale: u32,
    /// Light modules around the symbol on each side (the standard asks for 4).
    pub quiet_zone: u32,
    /// Ink marks light modules instead of dark ones: for LCDs whose 1 bits light up and for dark
    /// terminals; a negative symbol on paper.
    pub invert: bool,
}

/// Core render options from C ones (NULL: the defaults).
fn render_options_of(opts: Option<&qrsign_render_options>) -> RenderOptions {
    match opts {
        None => RenderOptions::DEFAULT,
        Some(o) => RenderOptions {
            scale: usize::try_from(o.scale).unwrap_or(usize::MAX),
            quiet_zone: usize::try_from(o.quiet_zone).unwrap_or(usize::MAX),
            invert: o.invert,
        },
    }
}

/// Fills `opts` with the defaults: scale 1, quiet zone 4, not inverted.
///
/// @return `QRSIGN_OK`; `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_render_options_default(opts: *mut qrsign_render_options) -> qrsign_status {
    ffi_boundary! {
        let d = RenderOptions::DEFAULT;
        let value = qrsign_render_options {
            scale: u32::try_from(d.scale).unwrap_or(1),
            quiet_zone: u32::try_from(d.quiet_zone).unwrap_or(4),
            invert: d.invert,
        };
        write_value(opts, value, core::ptr::null_mut())
    }
}

/// The side in pixels of a rendered symbol of `size` modules (`(size + 2 * quiet_zone) *
/// scale`): the width and height of the bitmap, ESC/POS and PBM images.
///
/// @param opts  render options, or NULL for the defaults.
/// @param px    receives the side; written only on success.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_INVALID_QR_OPTION` (scale 0, overflow);
///         `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_render_side_px(
    size: u32,
    opts: *const qrsign_render_options,
    px: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let o = render_options_of(crate::boundary::optional(opts));
        match o.side_px(usize::try_from(size).unwrap_or(usize::MAX)) {
            Ok(side) => write_value(px, side, detail),
            Err(e) => fail(detail, e),
        }
    }
}

/// Draws a symbol in one of the `qrsign_render_format`s into the caller's buffer.
///
/// @param qr      a symbol written by `qrsign_qr_encode_text`/`_binary`, `qr_len` bytes.
/// @param format  a `qrsign_render_format`.
/// @param opts    render options, or NULL for the defaults.
/// @param out     receives the image under the output-buffer contract (`NULL, 0` asks the
///                exact size; the fixed-size formats also have macros). Must not overlap `qr`.
/// @return `QRSIGN_OK`; `QRSIGN_ERR_BUFFER_TOO_SMALL`; `QRSIGN_ERR_INVALID_QR_OPTION` (scale
///         0, an image too large, or `qr` not a symbol); `QRSIGN_ERR_INVALID_ARGUMENT` (unknown
///         format, overlap); `QRSIGN_ERR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn qrsign_qr_render(
    qr: *const u8,
    qr_len: usize,
    format: u32,
    opts: *const qrsign_render_options,
    out: *mut u8,
    out_len: usize,
    out_written: *mut usize,
    detail: *mut qrsign_error_detail,
) -> qrsign_status {
    ffi_boundary! {
        let code = try_status!(symbol(qr, qr_len, detail));
        let o = render_options_of(crate::boundary::optional(opts));
        let render: fn(&QrCode<'_>, &mut [u8], &RenderOptions) -> Result<usize, qrsign_core::Error> =
            match format {
                0 => qr::render_svg,
                1 => qr::render_bitmap,
                2 => qr::render_escpos,
                3 => qr::render_terminal,
                4 => qr::render_pbm_ascii,
                5 => qr::render_pbm_binary,
                _ => return fail_status(detail, qrsign_status::QRSIGN_ERR_INVALID_ARGUMENT),
            };
        write_output(out, out_len, out_written, &[(qr, qr_len)], detail, |buf| render(&code, buf, &o))
    }
}
