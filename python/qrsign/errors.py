"""The exceptions of qrsign: one class per cause, all under :class:`Error` (a ``ValueError``).

Each carries the numbers of its cause as attributes (``offset``, ``limit``, ``amount`` ...)::

    >>> import qrsign
    >>> try:
    ...     qrsign.canonical(b'{"a":1,}')
    ... except qrsign.MalformedJSON as e:
    ...     print(e.offset, e)
    7 malformed JSON at byte 7
"""

from __future__ import annotations

__all__ = [
    "Error",
    "InputError",
    "MalformedJSON",
    "InvalidUTF8",
    "InvalidEscape",
    "DuplicateKey",
    "UnexpectedType",
    "LimitExceeded",
    "SignatureError",
    "EmptySecret",
    "ReservedKey",
    "MissingSignature",
    "InvalidSignatureEncoding",
    "InvalidSignature",
    "AmbiguousValue",
    "AmountError",
    "UnknownCurrency",
    "InvalidAmount",
    "AmountOutOfRange",
    "QrError",
    "DataTooLong",
    "MissingQrData",
    "InvalidDataUri",
]


class Error(ValueError):
    """Everything qrsign refuses. The message says what is wrong; attributes give the numbers."""

    offset: int | None = None
    """Byte offset of the problem in the input, where there is one."""


class InputError(Error):
    """The input text is not what the platform signs (malformed, invalid, too big)."""


class MalformedJSON(InputError):
    """The JSON text is not well-formed; ``offset`` is the first byte that could not be read."""


class InvalidUTF8(InputError):
    """The input is not valid UTF-8 (or a ``str`` holds a lone surrogate); ``offset``."""


class InvalidEscape(InputError):
    """A JSON string escape is invalid (unknown escape, bad hex, lone surrogate); ``offset``."""


class DuplicateKey(InputError):
    """An object has the same key twice: ambiguous, so refused; ``offset`` of the second."""


class UnexpectedType(InputError):
    """The input has the wrong shape (a callback that is not an object, NaN ...); ``offset``."""


class LimitExceeded(InputError):
    """Nesting, number of values, or a length is past qrsign's limit; ``limit``."""

    limit: int | None = None


class SignatureError(Error):
    """Signing or verification cannot proceed, or the signature is wrong."""


class EmptySecret(SignatureError):
    """The secret is empty: almost always a missing configuration value."""


class ReservedKey(SignatureError):
    """A parameter to sign is named ``signature``."""


class MissingSignature(SignatureError):
    """The callback has no ``signature`` (top level) nor ``general.signature``."""


class InvalidSignatureEncoding(SignatureError):
    """The signature is not 88 characters of base64 of a 64-byte HMAC-SHA512."""


class InvalidSignature(SignatureError):
    """The signature is well-formed but does not match the data (tampered, or another secret)."""


class AmbiguousValue(SignatureError):
    """Strict mode: a key with ``;``, or a value with ``;`` and a later ``:``, could be re-split
    into other fields (see SECURITY.md); ``offset`` (JSON) or the parameter's index."""


class AmountError(Error):
    """An amount or currency is not valid."""


class UnknownCurrency(AmountError):
    """The currency code is not in qrsign's ISO 4217 table."""


class InvalidAmount(AmountError):
    """The amount text is not valid for the currency; ``offset``."""


class AmountOutOfRange(AmountError):
    """The amount is outside the allowed range (minor units): ``amount``, ``min``, ``max``."""

    amount: int | None = None
    min: int | None = None
    max: int | None = None


class QrError(Error):
    """A QR option is out of range, or QR data is missing or invalid."""


class DataTooLong(QrError):
    """The data does not fit in a QR code: ``needed_bits``, ``capacity_bits``."""

    needed_bits: int | None = None
    capacity_bits: int | None = None


class MissingQrData(QrError):
    """``display_data`` has no ``qr_data`` entry."""


class InvalidDataUri(QrError):
    """An ``img_src`` is not a ``data:image/png;base64,`` URI of a PNG; ``offset``."""
