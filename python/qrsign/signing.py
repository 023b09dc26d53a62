"""Signing and verification: :class:`Signer` (a reusable key) and one-call functions."""

from __future__ import annotations

from collections.abc import Mapping

from . import _qrsign
from ._input import (
    FlatValue,
    JSONInput,
    Secret,
    SortOrder,
    flat_pairs,
    json_bytes,
    secret_bytes,
    signature_bytes,
)
from .callback import Callback
from .diagnosis import Diagnosis, diagnose_with
from .errors import InvalidSignature

ECOMMPAY_PAYMENT_PAGE = "https://paymentpage.ecommpay.com/payment"
"""The ECommPay Payment Page."""
JETPAY_PAYMENT_PAGE = "https://paymentpage.jetpay.kz/payment"
"""JetPay's Payment Page."""
JETPAY_GENERATE_QR = "https://paymentpage.jetpay.kz/payment/generate-qr"
"""JetPay's QR endpoint (its answer carries the QR as a PNG data URI: :func:`qrsign.decode_img_src`)."""


class Signer:
    """The merchant's key, derived once from the secret and reused: the same methods as the
    module's functions, without the secret argument. Its repr never shows the secret.

    >>> signer = Signer("secret")
    >>> signer.sign({"payment": {"id": "000049", "status": "success"}})
    '/3TrhHVz9BHaLfgLyhoxO7dsQNzbzZa/TdO3pxQocXWwgVM6tGlzMLVfpOxFNTnkR9iiFVK/77ZedMcbkCjmng=='
    >>> signer
    Signer(sort='natural', strict=False)
    """

    __slots__ = ("_key",)

    def __init__(self, secret: Secret, *, sort: SortOrder = "natural", strict: bool = False) -> None:
        if not isinstance(secret, (str, bytes)):
            secret = secret_bytes(secret)
        self._key = _qrsign.Key(secret, sort, strict)

    @property
    def sort(self) -> SortOrder:
        """The sort order this key signs with."""
        return self._key.order  # type: ignore[return-value]

    @property
    def strict(self) -> bool:
        """Whether ambiguous strings are refused (SECURITY.md)."""
        return self._key.strict

    def __repr__(self) -> str:
        return f"Signer(sort={self.sort!r}, strict={self.strict})"

    def sign(self, params: JSONInput) -> str:
        """The signature (88 characters) of a request's parameters.

        >>> Signer("secret").sign(b'{"a":1}') == Signer("secret").sign({"a": 1})
        True
        """
        return self._key.sign_json(params)

    def verify(self, params: JSONInput, signature: str | bytes) -> bool:
        """True if ``signature`` is that of ``params`` (compared in constant time), False if
        not; a signature that is not 88 base64 characters raises :class:`InvalidSignatureEncoding`.

        >>> s = Signer("secret")
        >>> s.verify({"a": 1}, s.sign({"a": 1})), s.verify({"a": 2}, s.sign({"a": 1}))
        (True, False)
        """
        try:
            self._key.verify_json(params, signature_bytes(signature))
        except InvalidSignature:
            return False
        return True

    def verify_callback(self, body: str | bytes | bytearray | memoryview) -> Callback:
        """Verifies a callback body (signature at top-level ``signature`` or in
        ``general.signature``) and returns it parsed; raises :class:`InvalidSignature` (or
        another :class:`Error` saying what is wrong) otherwise.

        >>> body = Signer("secret").gate_body({"payment": {"id": "p1", "status": "success"}})
        >>> Signer("secret").verify_callback(body).payment_status
        <Status.SUCCESS: 'success'>
        """
        if type(body) is bytes:
            raw = body
        elif isinstance(body, (Mapping, list, tuple)):
            raise TypeError("a callback is the body as received: str or bytes, not a parsed object")
        else:
            raw = json_bytes(body)
        location = self._key.verify_callback(raw)
        return Callback.from_verified(raw, location)

    def diagnose(self, params: JSONInput, signature: str | bytes | None = None) -> Diagnosis:
        """Why a signature is rejected: which sort orders reproduce it, the canonical string,
        and hints for the usual mistakes. ``signature=None`` reads it from the body (callback).

        >>> d = Signer("secret").diagnose({"a": 1}, Signer("secret", sort="line-bytewise").sign({"a": 1}))
        >>> d.matching
        ('natural', 'path-bytewise', 'line-bytewise')
        """
        return diagnose_with(self._key, params, signature)

    def payment_page_url(
        self, params: Mapping[str, FlatValue], *, base: str = ECOMMPAY_PAYMENT_PAGE
    ) -> str:
        """A signed Payment Page URL: ``base?params&signature=...`` (``frame_mode`` is left out).

        >>> Signer("secret").payment_page_url({"project_id": 1, "payment_id": "p1"})[:60]
        'https://paymentpage.ecommpay.com/payment?project_id=1&paymen'
        """
        return self._key.payment_page_url(base, flat_pairs(params))

    def generate_qr_url(
        self, params: Mapping[str, FlatValue], *, base: str = JETPAY_GENERATE_QR
    ) -> str:
        """A signed JetPay ``generate-qr`` URL (its answer: :func:`qrsign.decode_img_src`).

        >>> Signer("secret").generate_qr_url({"project_id": 1})[:50]
        'https://paymentpage.jetpay.kz/payment/generate-qr?'
        """
        return self._key.payment_page_url(base, flat_pairs(params))

    def gate_body(self, body: JSONInput) -> str:
        """A Gate request body with ``general.signature`` set (added or replaced; every other
        byte of JSON text kept).

        >>> Signer("secret").gate_body(b'{"general":{"project_id":1}}')[:25]
        '{"general":{"signature":"'
        """
        return self._key.sign_gate_body(json_bytes(body)).decode("utf-8")


def sign(params: JSONInput, secret: Secret, *, sort: SortOrder = "natural", strict: bool = False) -> str:
    """The signature of a request's parameters (a mapping, or JSON text as str/bytes).

    >>> sign({"payment": {"id": "000049", "status": "success"}}, "secret")[:12]
    '/3TrhHVz9BHa'
    """
    # The native key directly (no Signer object): the per-call path of scripts.
    key = _qrsign.Key(secret if isinstance(secret, (str, bytes)) else secret_bytes(secret), sort, strict)
    return key.sign_json(params)


def canonical(params: JSONInput, *, sort: SortOrder = "natural") -> str:
    """The canonical string the platform signs.

    >>> canonical({"b": [True, None], "a": 1, "frame_mode": "popup"})
    'a:1;b:0:1;b:1:'
    """
    return _qrsign.canonical_json(json_bytes(params), sort)


def verify(
    params: JSONInput, signature: str | bytes, secret: Secret, *, sort: SortOrder = "natural"
) -> bool:
    """True if ``signature`` is that of ``params`` (constant time), False if not.

    >>> verify({"a": 1}, sign({"a": 1}, "secret"), "secret")
    True
    """
    return Signer(secret, sort=sort).verify(params, signature)


def verify_callback(body: str | bytes, secret: Secret, *, strict: bool = False) -> Callback:
    """Verifies a callback and returns it parsed (:class:`Callback`); raises
    :class:`InvalidSignature` if the signature does not match.

    >>> cb = verify_callback(gate_body({"payment": {"id": "p1", "status": "decline"}}, "k"), "k")
    >>> cb.payment_id, cb.is_success, cb.signature_key
    ('p1', False, 'general.signature')
    """
    return Signer(secret, strict=strict).verify_callback(body)


def diagnose(params: JSONInput, signature: str | bytes | None, secret: Secret) -> Diagnosis:
    """See :meth:`Signer.diagnose`.

    >>> diagnose({"a": 1}, sign({"a": 1}, "other"), "secret").matching
    ()
    """
    return Signer(secret).diagnose(params, signature)


def payment_page_url(
    params: Mapping[str, FlatValue], secret: Secret, *, base: str = ECOMMPAY_PAYMENT_PAGE
) -> str:
    """See :meth:`Signer.payment_page_url`.

    >>> payment_page_url({"project_id": 1}, "secret").split("?")[1][:13]
    'project_id=1&'
    """
    return Signer(secret).payment_page_url(params, base=base)


def generate_qr_url(
    params: Mapping[str, FlatValue], secret: Secret, *, base: str = JETPAY_GENERATE_QR
) -> str:
    """See :meth:`Signer.generate_qr_url`.

    >>> generate_qr_url({"project_id": 1}, "secret").startswith(JETPAY_GENERATE_QR + "?")
    True
    """
    return Signer(secret).generate_qr_url(params, base=base)


def gate_body(body: JSONInput, secret: Secret) -> str:
    """See :meth:`Signer.gate_body`.

    >>> import json
    >>> json.loads(gate_body({"general": {"project_id": 1}}, "secret"))["general"]["project_id"]
    1
    """
    return Signer(secret).gate_body(body)
