"""A verified callback, parsed: :class:`Callback`, its :class:`Status` and :class:`DisplayData`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from enum import Enum
from typing import Any

from . import _qrsign
from .errors import MissingQrData


class Status(str, Enum):
    """Payment and operation statuses the platform sends (PLATFORM.md). A status the platform
    adds later comes through as a plain ``str``."""

    SUCCESS = "success"
    DECLINE = "decline"
    AWAITING_3DS_RESULT = "awaiting 3ds result"
    AWAITING_REDIRECT_RESULT = "awaiting redirect result"
    AWAITING_CUSTOMER = "awaiting customer"
    AWAITING_CLARIFICATION = "awaiting clarification"
    AWAITING_CAPTURE = "awaiting capture"
    CANCELED = "canceled"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially refunded"
    PROCESSING = "processing"
    ERROR = "error"
    REVERSED = "reversed"
    PARTIALLY_REVERSED = "partially reversed"


def _status(value: Any) -> Status | str | None:
    if value is None:
        return None
    try:
        return Status(value)
    except ValueError:
        return str(value)


@dataclass(frozen=True)
class DisplayData:
    """What to show the customer for a Click QR payment (the response's ``display_data``).

    >>> dd = display_data(b'[{"type":"add_info","title":"qr_data","data":"https:\\\\/\\\\/x.uz"}]')
    >>> dd.qr_data, dd.lifetime
    ('https://x.uz', None)
    """

    qr_data: str
    amount: str | None = None
    currency: str | None = None
    receiver_name: str | None = None
    receiver_account: str | None = None
    bank_name: str | None = None
    lifetime: int | None = None


def display_data(body: str | bytes) -> DisplayData:
    """``display_data`` of a Gate response or callback (or the bare array), escapes decoded.
    Raises :class:`MissingQrData` if it has no ``qr_data``."""
    raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    return DisplayData(**_qrsign.display_data(raw))


@dataclass(frozen=True, eq=False)
class Callback:
    """A callback whose signature checked out, parsed (``data``) with its usual fields.

    >>> import qrsign
    >>> body = qrsign.gate_body({"payment": {"id": "p1", "status": "success", "sum": {"amount": 5000000, "currency": "UZS"}}, "operation": {"code": "0"}}, "k")
    >>> cb = qrsign.verify_callback(body, "k")
    >>> cb.amount, cb.currency, cb.is_success, cb.get("payment.sum.amount")
    (5000000, 'UZS', True, 5000000)
    """

    raw: bytes
    """The body as received."""
    signature_key: str
    """Where the signature was: ``"signature"`` or ``"general.signature"``."""

    @classmethod
    def from_verified(cls, raw: bytes, location: str) -> Callback:
        """A Callback of a body the native module verified."""
        # Past the frozen dataclass's per-field setattr (a verified body is trusted as built).
        cb = object.__new__(cls)
        cb.__dict__.update(raw=raw, signature_key=location)
        return cb

    @cached_property
    def data(self) -> dict[str, Any]:
        """The whole body, parsed (on first use: verifying does not need it)."""
        parsed: dict[str, Any] = json.loads(self.raw)
        return parsed

    def get(self, path: str, default: Any = None) -> Any:
        """The value at a dotted path (``"payment.sum.amount"``; list items by index), or
        ``default`` if there is none."""
        node: Any = self.data
        for part in path.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return default
        return node

    @property
    def payment_id(self) -> str | None:
        """``payment.id``."""
        v = self.get("payment.id")
        return None if v is None else str(v)

    @property
    def payment_status(self) -> Status | str | None:
        """``payment.status``."""
        return _status(self.get("payment.status"))

    @property
    def operation_status(self) -> Status | str | None:
        """``operation.status``."""
        return _status(self.get("operation.status"))

    @property
    def operation_code(self) -> str | None:
        """``operation.code`` (``"0"`` is success; ``"20000"`` "General decline" ...)."""
        v = self.get("operation.code")
        return None if v is None else str(v)

    @property
    def amount(self) -> int | None:
        """``payment.sum.amount`` in minor units."""
        v = self.get("payment.sum.amount")
        return v if isinstance(v, int) and not isinstance(v, bool) else None

    @property
    def currency(self) -> str | None:
        """``payment.sum.currency``."""
        v = self.get("payment.sum.currency")
        return None if v is None else str(v)

    @property
    def is_success(self) -> bool:
        """The payment succeeded: status ``success`` and no operation code other than ``"0"``."""
        return self.payment_status == Status.SUCCESS and self.operation_code in (None, "0")

    @property
    def display_data(self) -> DisplayData | None:
        """The QR screen's data, if the body carries ``display_data``."""
        if "display_data" not in self.data:
            return None
        try:
            return display_data(self.raw)
        except MissingQrData:
            return None
