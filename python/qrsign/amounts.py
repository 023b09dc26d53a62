"""Amounts in minor units, as the platform wants them (200,000.00 UZS travels as 20000000)."""

from __future__ import annotations

from decimal import Decimal
from typing import Union

from . import _qrsign
from .errors import InvalidAmount


def to_minor_units(amount: Union[str, Decimal, int], currency: str) -> int:
    """The amount in the currency's minor units: a human-written ``str`` (``"200,000.00"``,
    ``"200 000.5"``), a ``Decimal``, or an ``int`` of major units. Never rounds: more decimals
    than the currency has, a sign, or anything else is :class:`InvalidAmount`; an unknown code
    :class:`UnknownCurrency`.

    >>> to_minor_units("200,000.00", "UZS"), to_minor_units(Decimal("150000.5"), "UZS"), to_minor_units(1500, "JPY")
    (20000000, 15000050, 1500)
    """
    if isinstance(amount, bool):
        raise TypeError("an amount is str, Decimal or int, not bool")
    if isinstance(amount, int):
        text = str(amount)
    elif isinstance(amount, Decimal):
        if not amount.is_finite():
            raise InvalidAmount(f"{amount} is not an amount")
        text = format(amount, "f")
    elif isinstance(amount, str):
        text = amount
    else:
        raise TypeError(f"an amount is str, Decimal or int, not {type(amount).__name__}")
    return _qrsign.to_minor_units(text, currency)


def minor_digits(currency: str) -> int:
    """How many minor-unit digits the ISO 4217 ``currency`` has (what :func:`to_minor_units`
    multiplies by); an unknown code is :class:`UnknownCurrency`.

    >>> minor_digits("UZS"), minor_digits("JPY"), minor_digits("KWD")
    (2, 0, 3)
    """
    return _qrsign.minor_digits(currency)


def check_click_qr(amount: int) -> int:
    """``amount`` (UZS minor units) if within Click QR's limits, 50,000.00 to 20,000,000.00 UZS;
    :class:`AmountOutOfRange` otherwise.

    >>> check_click_qr(to_minor_units("200,000", "UZS"))
    20000000
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("an amount in minor units is an int")
    if amount < 0:
        raise InvalidAmount(f"{amount} is negative")
    if amount >= 1 << 64:
        return _qrsign.check_click_qr((1 << 64) - 1)  # out of range either way: the same error
    return _qrsign.check_click_qr(amount)
