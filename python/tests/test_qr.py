"""QR output decoded by a real decoder (zxing-cpp): PNG directly, SVG through rsvg-convert;
several versions and ECC levels; the module matrix against the PNG's pixels."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

import qrsign

PAYLOADS = [
    ("https://example.uz/qr?payment=47", "M"),
    ("HELLO WORLD 123", "Q"),
    ("01234567890123456789", "H"),
    ("Оплата заказа №47 — қазақша 😀", "L"),
    ("https://paymentpage.ecommpay.com/payment?" + "x" * 600, "M"),
    ("A" * 2000, "L"),
]


def decode(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.mark.parametrize("text,ecc", PAYLOADS)
def test_png_decodes(text: str, ecc: qrsign.Ecc) -> None:
    code = qrsign.qr(text, ecc=ecc)
    png = code.png(scale=4)
    image = Image.open(io.BytesIO(png))
    assert image.size == ((code.size + 8) * 4,) * 2
    assert decode(image) == [text], f"version {code.version}"
    # Every module is the pixel at its centre.
    px = image.convert("L").load()
    for y in range(0, code.size, 3):
        for x in range(0, code.size, 3):
            assert (px[(x + 4) * 4 + 2, (y + 4) * 4 + 2] == 0) == code[x, y]


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) not installed")
@pytest.mark.parametrize("text,ecc", PAYLOADS[:4])
def test_svg_decodes(text: str, ecc: qrsign.Ecc) -> None:
    code = qrsign.qr(text, ecc=ecc)
    svg = code.svg(scale=6)
    assert svg.startswith("<svg") or svg.startswith("<?xml")
    png = subprocess.run(["rsvg-convert", "--format=png"], input=svg.encode(), capture_output=True, check=True).stdout
    assert decode(Image.open(io.BytesIO(png))) == [text]


def test_properties_and_other_renders() -> None:
    code = qrsign.qr("https://example.uz/qr", ecc="L", boost_ecc=False, mask=3, min_version=5)
    assert (code.version, code.size, code.mask, code.ecc) == (5, 37, 3, "L")
    assert len(code.matrix) == 37 and all(len(row) == 37 for row in code.matrix)
    assert code[0, 0] and not code[7, 7]  # a finder pattern's corner; its separator
    assert code.escpos()[:3] == b"\x1dv0"
    assert code.pbm().startswith(b"P4\n")
    assert "▀" in code.terminal() or "█" in code.terminal()
    assert code._repr_svg_().startswith("<svg") or code._repr_svg_().startswith("<?xml")
    with pytest.raises(IndexError):
        code[37, 0]


def test_bad_options_and_capacity() -> None:
    with pytest.raises(qrsign.QrError):
        qrsign.qr("x", ecc="Z")  # type: ignore[arg-type]
    with pytest.raises(qrsign.QrError):
        qrsign.qr("x", min_version=0)
    with pytest.raises(qrsign.QrError):
        qrsign.qr("x", mask=8)
    with pytest.raises(qrsign.DataTooLong) as e:
        qrsign.qr("x" * 5000)
    assert e.value.needed_bits and e.value.capacity_bits
    with pytest.raises(TypeError):
        qrsign.qr(123)  # type: ignore[arg-type]


def test_display_data_and_img_src() -> None:
    body = (b'{"display_data":[{"type":"add_info","title":"qr_data","data":"https:\\/\\/x.uz\\/q"},'
            b'{"type":"add_info","title":"lifetime","data":600},{"type":"add_info","title":"amount","data":"4100000"}]}')
    dd = qrsign.display_data(body)
    assert (dd.qr_data, dd.lifetime, dd.amount, dd.bank_name) == ("https://x.uz/q", 600, "4100000", None)
    with pytest.raises(qrsign.MissingQrData):
        qrsign.display_data(b'{"display_data":[]}')
    import base64
    png = qrsign.qr("x").png()
    response = '{"img_src":"data:image/png;base64,' + base64.b64encode(png).decode() + '"}'
    assert qrsign.decode_img_src(response) == png
    assert qrsign.decode_img_src(json.loads(response)) == png
    for parsed in ({}, {"img_src": 5}):
        with pytest.raises(qrsign.InvalidDataUri):
            qrsign.decode_img_src(parsed)
    assert qrsign.decode_img_src(b"data:image/png;base64," + base64.b64encode(png)) == png
    with pytest.raises(qrsign.InvalidDataUri):
        qrsign.decode_img_src('{"img_src":"data:image/gif;base64,R0lG"}')
