"""qrsign: sign and verify ECommPay-platform (Monetix, JetPay, trxhost) requests and callbacks,
and turn the platform's QR data into QR codes.

>>> import qrsign
>>> signer = qrsign.Signer("secret")
>>> url = signer.payment_page_url({"project_id": 1234, "payment_id": "p47",
...                                "payment_currency": "UZS", "payment_amount": 20000000})
>>> url.startswith("https://paymentpage.ecommpay.com/payment?project_id=1234&")
True
>>> cb = signer.verify_callback(signer.gate_body({"payment": {"id": "p47", "status": "success"}}))
>>> cb.is_success
True
"""

from __future__ import annotations

from . import _qrsign, errors
from ._input import FlatValue, JSONInput, Secret, SortOrder, json_bytes
from .amounts import check_click_qr, minor_digits, to_minor_units
from .callback import Callback, DisplayData, Status, display_data
from .diagnosis import Diagnosis
from .errors import (
    Error,
    InputError,
    MalformedJSON,
    InvalidUTF8,
    InvalidEscape,
    DuplicateKey,
    UnexpectedType,
    LimitExceeded,
    SignatureError,
    EmptySecret,
    ReservedKey,
    MissingSignature,
    InvalidSignatureEncoding,
    InvalidSignature,
    AmbiguousValue,
    AmountError,
    UnknownCurrency,
    InvalidAmount,
    AmountOutOfRange,
    QrError,
    DataTooLong,
    MissingQrData,
    InvalidDataUri,
)
from .qr import Ecc, QrCode, decode_img_src, qr
from .signing import (
    ECOMMPAY_PAYMENT_PAGE,
    JETPAY_GENERATE_QR,
    JETPAY_PAYMENT_PAGE,
    Signer,
    canonical,
    diagnose,
    gate_body,
    generate_qr_url,
    payment_page_url,
    sign,
    verify,
    verify_callback,
)

__version__: str = _qrsign.__version__
"""The package version (the Rust crate's)."""

_qrsign.register_errors({name: getattr(errors, name) for name in errors.__all__})


def find_ambiguity(body: JSONInput, *, callback: bool = False) -> int | None:
    """The byte offset of the first key or value that makes the canonical string ambiguous
    (a key with ``;``, a value with ``;`` and a later ``:``; SECURITY.md), or None.

    >>> find_ambiguity(b'{"a":"1;b:2"}'), find_ambiguity({"note": "one; two"})
    (6, None)
    """
    return _qrsign.find_ambiguity(json_bytes(body), callback)


__all__ = [
    "__version__",
    "Callback",
    "Diagnosis",
    "DisplayData",
    "ECOMMPAY_PAYMENT_PAGE",
    "Ecc",
    "FlatValue",
    "JETPAY_GENERATE_QR",
    "JETPAY_PAYMENT_PAGE",
    "JSONInput",
    "QrCode",
    "Secret",
    "Signer",
    "SortOrder",
    "Status",
    "canonical",
    "check_click_qr",
    "decode_img_src",
    "diagnose",
    "display_data",
    "find_ambiguity",
    "gate_body",
    "generate_qr_url",
    "minor_digits",
    "payment_page_url",
    "qr",
    "sign",
    "to_minor_units",
    "verify",
    "verify_callback",
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
