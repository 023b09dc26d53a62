//! QR codes: encoding into the core's symbol bytes, rendering them, PNG output (the `png`
//! crate), `display_data` and `img_src`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use qrsign_core::Error;
use qrsign_core::qr::{
    BUFFER_LEN_MAX, DisplayData, DisplayText, Ecc, ImgSrc, QrCode, QrOptions, RenderOptions,
    bitmap_len, encode_binary, encode_text, escpos_len, pbm_ascii_len, pbm_binary_len,
    render_bitmap, render_escpos, render_pbm_ascii, render_pbm_binary, render_svg, render_terminal,
    svg_len, terminal_len,
};

use crate::DETACH_ABOVE;
use crate::errors::{OrRaise, to_py};

/// Encodes `data` (text mode choice if `text`, else bytes): `(symbol, version, size, mask, ecc)`
/// where `symbol` is the core's module bitmap (`QrCode::as_bytes`).
#[pyfunction]
#[pyo3(signature = (data, text, ecc, min_version, max_version, mask, boost_ecc))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn encode<'py>(
    py: Python<'py>,
    data: &[u8],
    text: bool,
    ecc: u8,
    min_version: u8,
    max_version: u8,
    mask: Option<u8>,
    boost_ecc: bool,
) -> PyResult<(Bound<'py, PyBytes>, u8, usize, u8, u8)> {
    let ecc = Ecc::from_u8(ecc).ok_or_else(|| to_py(Error::InvalidQrOption))?;
    let opts = QrOptions {
        ecc,
        min_version,
        max_version,
        mask,
        boost_ecc,
    };
    let work = || {
        let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
        let qr = if text {
            let s = core::str::from_utf8(data).map_err(|e| Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            })?;
            encode_text(s, &mut temp, &mut out, &opts)?
        } else {
            encode_binary(data, &mut temp, &mut out, &opts)?
        };
        Ok::<_, Error>((
            qr.as_bytes().to_vec(),
            qr.version(),
            qr.size(),
            qr.mask(),
            qr.ecc() as u8,
        ))
    };
    let (bytes, version, size, mask, ecc) = if data.len() > DETACH_ABOVE / 8 {
        py.detach(work)
    } else {
        work()
    }
    .or_raise()?;
    Ok((PyBytes::new(py, &bytes), version, size, mask, ecc))
}

/// Render options, checked.
fn options(scale: usize, quiet_zone: usize, invert: bool) -> RenderOptions {
    RenderOptions {
        scale,
        quiet_zone,
        invert,
    }
}

/// Renders `into` with exactly the size `len` reports.
fn sized(
    len: Result<usize, Error>,
    into: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> Result<Vec<u8>, Error> {
    let mut out = vec![0u8; len?];
    let n = into(&mut out)?;
    out.truncate(n);
    Ok(out)
}

/// Renders a symbol: `format` is `svg`, `terminal`, `escpos`, `pbm` (binary P4), `pbm-ascii`
/// (P1) or `bitmap` (1 bit a pixel, rows padded to bytes, 1 = dark unless inverted).
#[pyfunction]
#[pyo3(signature = (symbol, format, scale, quiet_zone, invert))]
pub(crate) fn render<'py>(
    py: Python<'py>,
    symbol: &[u8],
    format: &str,
    scale: usize,
    quiet_zone: usize,
    invert: bool,
) -> PyResult<Bound<'py, PyBytes>> {
    let qr = QrCode::from_bytes(symbol).or_raise()?;
    let o = options(scale, quiet_zone, invert);
    let size = qr.size();
    let out = match format {
        "svg" => sized(svg_len(&qr, &o), |b| render_svg(&qr, b, &o)),
        "terminal" => sized(terminal_len(&qr, &o), |b| render_terminal(&qr, b, &o)),
        "escpos" => sized(escpos_len(size, &o), |b| render_escpos(&qr, b, &o)),
        "pbm" => sized(pbm_binary_len(size, &o), |b| render_pbm_binary(&qr, b, &o)),
        "pbm-ascii" => sized(pbm_ascii_len(size, &o), |b| render_pbm_ascii(&qr, b, &o)),
        "bitmap" => sized(bitmap_len(size, &o), |b| render_bitmap(&qr, b, &o)),
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown render format {format:?}"
            )));
        }
    }
    .or_raise()?;
    Ok(PyBytes::new(py, &out))
}

/// A PNG of a symbol: 1-bit grayscale, `scale` pixels a module, `quiet_zone` modules of border.
#[pyfunction]
#[pyo3(signature = (symbol, scale, quiet_zone))]
pub(crate) fn png<'py>(
    py: Python<'py>,
    symbol: &[u8],
    scale: usize,
    quiet_zone: usize,
) -> PyResult<Bound<'py, PyBytes>> {
    let qr = QrCode::from_bytes(symbol).or_raise()?;
    // PNG's 1-bit grayscale: 0 is black. The core's bitmap has 1 for dark, so ask it inverted.
    let o = options(scale, quiet_zone, true);
    let side = o.side_px(qr.size()).or_raise()?;
    let bitmap = sized(bitmap_len(qr.size(), &o), |b| render_bitmap(&qr, b, &o)).or_raise()?;
    let mut out = Vec::with_capacity(bitmap.len() / 4 + 128);
    {
        let side = u32::try_from(side).map_err(|_| to_py(Error::InvalidQrOption))?;
        let mut encoder = ::png::Encoder::new(&mut out, side, side);
        encoder.set_color(::png::ColorType::Grayscale);
        encoder.set_depth(::png::BitDepth::One);
        encoder.set_compression(::png::Compression::Fast);
        let mut writer = encoder
            .write_header()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        writer
            .write_image_data(&bitmap)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
    }
    Ok(PyBytes::new(py, &out))
}

fn text(t: &DisplayText<'_>) -> String {
    String::from_utf8_lossy(&t.bytes().collect::<Vec<u8>>()).into_owned()
}

/// `display_data` of a Gate response or callback (or the bare array) as a dict of its fields.
#[pyfunction]
pub(crate) fn display_data<'py>(py: Python<'py>, json: &[u8]) -> PyResult<Bound<'py, PyDict>> {
    let d = DisplayData::parse(json).or_raise()?;
    let out = PyDict::new(py);
    out.set_item("qr_data", text(&d.qr_data))?;
    for (name, field) in [
        ("amount", d.amount),
        ("currency", d.currency),
        ("receiver_name", d.receiver_name),
        ("receiver_account", d.receiver_account),
        ("bank_name", d.bank_name),
    ] {
        out.set_item(name, field.as_ref().map(text))?;
    }
    out.set_item("lifetime", d.lifetime)?;
    Ok(out)
}

/// The PNG of a JetPay `generate-qr` response (`{"img_src": "data:image/png;base64,..."}`) or of
/// the bare data URI.
#[pyfunction]
pub(crate) fn decode_img_src<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    let img = if data.first() == Some(&b'{') {
        ImgSrc::parse_response(data)
    } else {
        ImgSrc::parse_uri(data)
    }
    .or_raise()?;
    let png = sized(Ok(img.png_len()), |b| img.decode_png_into(b)).or_raise()?;
    Ok(PyBytes::new(py, &png))
}
