"""QR codes: :func:`qr` encodes text or bytes (exactly the symbol Nayuki's qrcodegen makes) and
:class:`QrCode` renders it as SVG, PNG, terminal text, an ESC/POS raster or PBM, no extra
packages needed.

>>> code = qr("https://example.uz/qr")
>>> code.version, code.size, code.ecc
(2, 25, 'M')
>>> code.png()[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Union

from . import _qrsign
from ._input import text_bytes
from .errors import InvalidDataUri, QrError

Ecc = Literal["L", "M", "Q", "H"]
"""Error correction: about 7%, 15% (payment QR codes' usual), 25% or 30% of codewords restorable."""

_ECC = ("L", "M", "Q", "H")


class QrCode:
    """An encoded QR symbol. ``code[x, y]`` is True for a dark module."""

    __slots__ = ("_symbol", "version", "size", "mask", "ecc")

    def __init__(self, symbol: bytes, version: int, size: int, mask: int, ecc: Ecc) -> None:
        self._symbol = symbol
        self.version: int = version
        """1..40."""
        self.size: int = size
        """Modules on a side: 4 x version + 17."""
        self.mask: int = mask
        """The mask pattern used, 0..7."""
        self.ecc: Ecc = ecc
        """The error-correction level used (may be higher than asked: ``boost_ecc``)."""

    def __repr__(self) -> str:
        return f"QrCode(version={self.version}, size={self.size}, ecc={self.ecc!r}, mask={self.mask})"

    def __getitem__(self, xy: tuple[int, int]) -> bool:
        x, y = xy
        if not (0 <= x < self.size and 0 <= y < self.size):
            raise IndexError(f"module ({x}, {y}) outside a {self.size}x{self.size} symbol")
        i = y * self.size + x
        return bool(self._symbol[1 + i // 8] >> (i % 8) & 1)

    @property
    def matrix(self) -> list[list[bool]]:
        """Rows of modules, top to bottom; True is dark.

        >>> qr("x").matrix[0][:8]
        [True, True, True, True, True, True, True, False]
        """
        return [[self[x, y] for x in range(self.size)] for y in range(self.size)]

    def svg(self, scale: int = 1, border: int = 4) -> str:
        """An SVG document: one path, ``scale`` user units a module, ``border`` modules of quiet zone.

        >>> "<path" in qr("x").svg()
        True
        """
        return _qrsign.render(self._symbol, "svg", scale, border, False).decode("ascii")

    def png(self, scale: int = 8, border: int = 4) -> bytes:
        """A 1-bit grayscale PNG, ``scale`` pixels a module.

        >>> qr("x").png(scale=2)[:4]
        b'\\x89PNG'
        """
        return _qrsign.png(self._symbol, scale, border)

    def terminal(self, invert: bool = False, border: int = 2) -> str:
        """Text for a terminal: two modules a character (half blocks); ``invert`` for dark
        backgrounds.

        >>> len(qr("x").terminal().splitlines())
        13
        """
        return _qrsign.render(self._symbol, "terminal", 1, border, invert).decode("utf-8")

    def escpos(self, scale: int = 6, border: int = 4) -> bytes:
        """An ESC/POS raster command (``GS v 0``) for a receipt printer, ``scale`` dots a module.

        >>> qr("x").escpos()[:3]
        b'\\x1dv0'
        """
        return _qrsign.render(self._symbol, "escpos", scale, border, False)

    def pbm(self, scale: int = 1, border: int = 4) -> bytes:
        """A binary PBM (P4) image.

        >>> qr("x").pbm()[:3]
        b'P4\\n'
        """
        return _qrsign.render(self._symbol, "pbm", scale, border, False)

    def _repr_svg_(self) -> str:
        return self.svg(scale=4)


def qr(
    data: Union[str, bytes],
    *,
    ecc: Ecc = "M",
    min_version: int = 1,
    max_version: int = 40,
    mask: int | None = None,
    boost_ecc: bool = True,
) -> QrCode:
    """Encodes ``data``: ``str`` in the densest mode qrcodegen would choose, ``bytes`` in byte
    mode. The smallest version in ``min_version..max_version`` that fits, the mask with the
    lowest penalty unless ``mask`` is given, the ECC raised while it costs no version.
    Raises :class:`DataTooLong` or :class:`QrError`.

    >>> qr("HELLO WORLD", ecc="Q").version
    1
    """
    if ecc not in _ECC:
        raise QrError(f"ecc is one of L, M, Q, H, not {ecc!r}")
    for name, v in (("min_version", min_version), ("max_version", max_version)):
        if not isinstance(v, int) or not 1 <= v <= 40:
            raise QrError(f"{name} is 1..40, not {v!r}")
    if mask is not None and (not isinstance(mask, int) or not 0 <= mask <= 7):
        raise QrError(f"mask is 0..7 or None, not {mask!r}")
    if isinstance(data, str):
        raw, text = text_bytes(data), True
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw, text = bytes(data), False
    else:
        raise TypeError(f"QR data is str or bytes, not {type(data).__name__}")
    symbol, version, size, used_mask, used_ecc = _qrsign.encode(
        raw, text, _ECC.index(ecc), min_version, max_version, mask, boost_ecc
    )
    return QrCode(symbol, version, size, used_mask, _ECC[used_ecc])  # type: ignore[arg-type]


def decode_img_src(response: Union[str, bytes, Mapping[str, Any]]) -> bytes:
    """The PNG of a JetPay ``generate-qr`` response (``{"img_src": "data:image/png;base64,..."}``)
    as its JSON text or already parsed (a dict), or of the bare data URI. Raises
    :class:`InvalidDataUri`.

    >>> import base64
    >>> png = qr("x").png()
    >>> decode_img_src({"img_src": "data:image/png;base64," + base64.b64encode(png).decode()}) == png
    True
    """
    if isinstance(response, Mapping):
        uri = response.get("img_src")
        if not isinstance(uri, str):
            raise InvalidDataUri("the response has no img_src text")
        response = uri
    raw = response.encode("utf-8") if isinstance(response, str) else bytes(response)
    return _qrsign.decode_img_src(raw)
