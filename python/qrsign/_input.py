"""How the API's inputs reach the native module: JSON as bytes, flat parameters as pairs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Union

from . import _qrsign
from .errors import InvalidUTF8

SortOrder = Literal["natural", "path-bytewise", "line-bytewise"]
"""The platform's order (``natural``, PHP's ``strnatcmp``), or the Python SDKs'
(``path-bytewise``) or the Java/Go SDKs' (``line-bytewise``)."""

JSONInput = Union[Mapping[str, Any], Sequence[Any], str, bytes, bytearray, memoryview]
"""A mapping (or list) of JSON-like values, or JSON text as ``str`` or bytes."""

FlatValue = Union[str, int, bool, None]
"""The value of a flat (Payment Page) parameter."""

Secret = Union[str, bytes]
"""The merchant's secret key: text (signed as its UTF-8 bytes) or bytes."""


def json_bytes(params: JSONInput) -> bytes:
    """The JSON text to sign: bytes as given (number literals kept exactly), ``str`` as UTF-8,
    a mapping or list written once (:func:`qrsign._qrsign.dumps`)."""
    if type(params) is bytes:
        return params
    if type(params) is str:
        return text_bytes(params)
    if isinstance(params, bytes):
        return params
    if isinstance(params, (bytearray, memoryview)):
        return bytes(params)
    if isinstance(params, str):
        return text_bytes(params)
    if isinstance(params, (Mapping, list, tuple)):
        return _qrsign.dumps(params)
    raise TypeError(
        f"expected a mapping, a list, or JSON as str or bytes, not {type(params).__name__}"
    )


def text_bytes(text: str) -> bytes:
    """UTF-8 of ``text``; a lone surrogate (no UTF-8 form) is :class:`InvalidUTF8`."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        err = InvalidUTF8(f"the text holds a lone surrogate at character {e.start}")
        err.offset = e.start
        raise err from None


def secret_bytes(secret: Secret) -> bytes:
    """The secret's bytes."""
    if isinstance(secret, str):
        return text_bytes(secret)
    if isinstance(secret, (bytes, bytearray, memoryview)):
        return bytes(secret)
    raise TypeError(f"the secret is str or bytes, not {type(secret).__name__}")


def signature_bytes(signature: str | bytes) -> bytes:
    """A signature's ASCII bytes."""
    if isinstance(signature, str):
        return text_bytes(signature)
    if isinstance(signature, (bytes, bytearray, memoryview)):
        return bytes(signature)
    raise TypeError(f"a signature is str or bytes, not {type(signature).__name__}")


def flat_pairs(params: Mapping[str, FlatValue]) -> list[tuple[str, FlatValue]]:
    """Flat parameters as (name, value) pairs, in the mapping's order."""
    if not isinstance(params, Mapping):
        raise TypeError(f"flat parameters are a mapping, not {type(params).__name__}")
    pairs = []
    for name, value in params.items():
        if not isinstance(name, str):
            raise TypeError(f"parameter names are str, not {type(name).__name__}")
        pairs.append((name, value))
    return pairs
