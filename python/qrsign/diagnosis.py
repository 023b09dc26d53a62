""""Why was my signature rejected?": :class:`Diagnosis`."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from . import _qrsign
from ._input import JSONInput, json_bytes, signature_bytes
from .errors import Error

SDKS = {
    "natural": "the platform itself and its PHP and JavaScript SDKs",
    "path-bytewise": "the platform's Python SDKs (ecommpay-sdk, jetpay-sdk, trxhosts-sdk)",
    "line-bytewise": "the platform's Java and Go SDKs",
}
"""Which SDKs sign in each sort order."""


@dataclass(frozen=True)
class Diagnosis:
    """What :meth:`Signer.diagnose` found.

    ``matching`` lists every sort order whose canonical string reproduces the signature (the
    Python and Java/Go SDKs' orders often give the same string, so more than one); empty when
    none does. ``canonical`` is the string of the first match (else of the key's own order), to
    compare with the other side's. ``hints`` name the usual mistakes that would explain a
    mismatch, each checked by re-signing the corrected data.
    """

    matching: tuple[str, ...]
    order: str | None
    location: str | None
    canonical: str
    hints: tuple[str, ...]

    @property
    def matched(self) -> bool:
        """True if some order reproduces the signature."""
        return bool(self.matching)


def _reproduces(key: Any, data: Any, signature: bytes) -> bool:
    try:
        return bool(key.diagnose_json(_qrsign.dumps(data), signature)[0])
    except (Error, TypeError):
        return False


def _amount_fields(data: Any, path: str = "") -> list[tuple[Any, str | int, str]]:
    """(container, key, dotted path) of every amount-looking field."""
    found: list[tuple[Any, str | int, str]] = []
    if isinstance(data, dict):
        items: list[tuple[str | int, Any]] = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return found
    for k, v in items:
        p = f"{path}.{k}" if path else str(k)
        if isinstance(v, (dict, list)):
            found.extend(_amount_fields(v, p))
        elif str(k) in ("amount", "payment_amount", "sum"):
            found.append((data, k, p))
    return found


def _hints(key: Any, params: JSONInput, signature: bytes | None, matching: tuple[str, ...]) -> list[str]:
    own = key.order
    if matching:
        if own in matching:
            return []
        first = matching[0]
        return [f"made with the {first} order ({SDKS[first]}), not this key's {own}: "
                f"use sort={first!r} for this integration"]
    hints: list[str] = []
    data: Any = params if isinstance(params, (Mapping, list)) else None
    if data is None:
        try:
            data = json.loads(json_bytes(params))
        except ValueError:
            return ["no sort order reproduces it: the wrong secret, or the data changed after signing"]
    if signature is None or not isinstance(data, dict):
        return ["no sort order reproduces it: the wrong secret, or the data changed after signing"]
    # The signature itself signed along.
    if "signature" in data:
        stripped = {k: v for k, v in data.items() if k != "signature"}
        if _reproduces(key, stripped, signature):
            hints.append("the data holds its own signature: the platform never signs `signature`; remove it before signing")
    general = data.get("general")
    if isinstance(general, dict) and "signature" in general:
        stripped = copy.deepcopy(data)
        del stripped["general"]["signature"]
        if _reproduces(key, stripped, signature):
            hints.append("`general.signature` was signed along: leave it out of the signed data")
    # frame_mode signed by the other side (the platform never signs it).
    if "frame_mode" in data:
        renamed = {("frame_modf" if k == "frame_mode" else k): v for k, v in data.items()}
        text = _qrsign.canonical_json(_qrsign.dumps(renamed), own).replace("frame_modf:", "frame_mode:", 1)
        if key.sign_canonical(text.encode("utf-8")) == signature.decode("ascii", "replace"):
            hints.append("`frame_mode` was signed: the platform never signs it; leave it out")
    # URL-encoded values signed instead of the values.
    encoded = re.compile(r"%[0-9A-Fa-f]{2}|\+")
    def unquoted(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: unquoted(x) for k, x in v.items()}
        if isinstance(v, list):
            return [unquoted(x) for x in v]
        return unquote_plus(v) if isinstance(v, str) and encoded.search(v) else v
    decoded = unquoted(data)
    if decoded != data and _reproduces(key, decoded, signature):
        hints.append("URL-encoded values: sign the decoded values, not their %-encoded form")
    # Amounts not in minor units.
    for container, k, path in _amount_fields(data):
        v = container[k]
        if isinstance(v, float) or (isinstance(v, str) and "." in v):
            hints.append(f"`{path}` is {v!r}: amounts travel in minor units as integers "
                         "(200,000.00 UZS is 20000000): qrsign.to_minor_units")
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            for factor, what in ((100, "major units were signed as minor units"),
                                 (0.01, "the other side signed major units")):
                fixed = copy.deepcopy(data)
                target = fixed
                for part in path.split(".")[:-1]:
                    target = target[int(part)] if isinstance(target, list) else target[part]
                scaled = v * factor
                target[k] = int(scaled) if float(scaled).is_integer() else scaled
                if _reproduces(key, fixed, signature):
                    hints.append(f"`{path}`: {what} (the signature fits {target[k]})")
    if not hints:
        hints.append("no sort order reproduces it: the wrong secret, or the data changed after signing")
    return hints


def diagnose_with(key: Any, params: JSONInput, signature: str | bytes | None) -> Diagnosis:
    """The diagnosis of ``signature`` (None: the body's own) over ``params`` with ``key``."""
    sig = None if signature is None else signature_bytes(signature)
    matching, order, location, canonical = key.diagnose_json(json_bytes(params), sig)
    hints = tuple(_hints(key, params, sig, tuple(matching)))
    return Diagnosis(tuple(matching), order, location, canonical, hints)
