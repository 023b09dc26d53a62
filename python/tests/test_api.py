"""The API's behaviour beyond the vectors: errors and their attributes, strict mode, diagnose's
hints, amounts, Callback fields, the GIL released on large inputs, the wheel's tag."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import pathlib
import re
import sys
import threading
from decimal import Decimal

import pytest

import qrsign


def test_errors_are_value_errors_with_numbers() -> None:
    with pytest.raises(qrsign.MalformedJSON) as e:
        qrsign.canonical(b'{"a":1,}')
    assert isinstance(e.value, ValueError) and e.value.offset == 7
    with pytest.raises(qrsign.DuplicateKey) as d:
        qrsign.sign(b'{"a":1,"a":2}', "k")
    assert d.value.offset == 8
    with pytest.raises(qrsign.LimitExceeded) as lim:
        qrsign.canonical("[" * 100 + "]" * 100)
    assert lim.value.limit == 32
    with pytest.raises(qrsign.EmptySecret):
        qrsign.Signer("")
    with pytest.raises(qrsign.MissingSignature):
        qrsign.verify_callback(b'{"a":1}', "k")
    with pytest.raises(qrsign.InvalidSignatureEncoding):
        qrsign.verify({"a": 1}, "short", "k")
    with pytest.raises(qrsign.InvalidUTF8):
        qrsign.sign(b'{"a":"\xff"}', "k")
    with pytest.raises(qrsign.InvalidUTF8):
        qrsign.sign({"a": "\ud800"}, "k")
    with pytest.raises(qrsign.UnexpectedType):
        qrsign.sign({"a": float("nan")}, "k")
    with pytest.raises(TypeError):
        qrsign.sign({1: "a"}, "k")  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        qrsign.sign({"a": object()}, "k")
    with pytest.raises(ValueError):
        qrsign.Signer("k", sort="random")  # type: ignore[arg-type]


def test_verify_callback_fields() -> None:
    body = qrsign.gate_body({"payment": {"id": 47, "status": "awaiting customer", "sum": {"amount": 5, "currency": "UZS"}},
                             "operation": {"status": "new-status", "code": 0}}, "k")
    cb = qrsign.verify_callback(body, "k")
    assert cb.payment_id == "47" and cb.payment_status is qrsign.Status.AWAITING_CUSTOMER
    assert cb.operation_status == "new-status" and cb.operation_code == "0" and not cb.is_success
    assert cb.get("payment.sum.currency") == "UZS" and cb.get("payment.nothing", 1) == 1
    assert cb.display_data is None
    tampered = body.replace('"awaiting customer"', '"success"')
    with pytest.raises(qrsign.InvalidSignature):
        qrsign.verify_callback(tampered, "k")
    with pytest.raises(TypeError):
        qrsign.verify_callback({"a": 1}, "k")  # type: ignore[arg-type]


def test_strict_mode() -> None:
    forged = {"customer": {"first_name": "Ann;customer:id:x"}}
    assert qrsign.sign(forged, "k")  # the platform's scheme signs it
    with pytest.raises(qrsign.AmbiguousValue) as e:
        qrsign.sign(forged, "k", strict=True)
    assert e.value.offset == 27
    assert qrsign.find_ambiguity(forged) == 27 and qrsign.find_ambiguity({"a": "x; y"}) is None
    body = qrsign.gate_body(forged, "k")
    assert qrsign.verify_callback(body, "k")
    with pytest.raises(qrsign.AmbiguousValue):
        qrsign.verify_callback(body, "k", strict=True)
    assert qrsign.Signer("k", strict=True).strict


def test_diagnose_hints() -> None:
    k = qrsign.Signer("k")
    java = qrsign.Signer("k", sort="line-bytewise").sign({"address": 1, "address2": 2})
    d = k.diagnose({"address": 1, "address2": 2}, java)
    assert d.matching == ("line-bytewise",) and "Java and Go" in d.hints[0]
    both = qrsign.Signer("k", sort="path-bytewise").sign({"items": [{"n": i} for i in range(12)]})
    assert k.diagnose({"items": [{"n": i} for i in range(12)]}, both).matching == ("path-bytewise", "line-bytewise")
    with_sig = {"a": 1, "signature": "x"}
    assert any("its own signature" in h for h in k.diagnose(with_sig, k.sign({"a": 1})).hints)
    assert any("URL-encoded" in h for h in k.diagnose({"d": "a%20b"}, k.sign({"d": "a b"})).hints)
    major = k.diagnose({"payment_amount": 200000}, k.sign({"payment_amount": 20000000}))
    assert any("payment_amount" in h for h in major.hints)
    # The other side signed frame_mode (the platform never does): HMAC of its string by hand.
    other = base64.b64encode(hmac.new(b"k", b"a:1;frame_mode:popup", hashlib.sha512).digest()).decode()
    assert any("frame_mode" in h for h in k.diagnose({"a": 1, "frame_mode": "popup"}, other).hints)
    wrong = k.diagnose({"a": 1}, qrsign.sign({"a": 1}, "other"))
    assert not wrong.matched and "wrong secret" in wrong.hints[0]


def test_amounts() -> None:
    assert qrsign.to_minor_units("200,000.00", "UZS") == 20_000_000
    assert qrsign.to_minor_units(Decimal("0.5"), "KZT") == 50
    assert qrsign.to_minor_units(3, "JPY") == 3
    for bad in ("1.005", "-1", "1e3", "", "1,00"):
        with pytest.raises(qrsign.InvalidAmount):
            qrsign.to_minor_units(bad, "UZS")
    with pytest.raises(qrsign.InvalidAmount):
        qrsign.to_minor_units(Decimal("NaN"), "UZS")
    with pytest.raises(qrsign.UnknownCurrency):
        qrsign.to_minor_units("1", "XXX")
    assert [qrsign.minor_digits(c) for c in ("UZS", "KZT", "JPY", "KWD")] == [2, 2, 0, 3]
    with pytest.raises(qrsign.UnknownCurrency):
        qrsign.minor_digits("XXX")
    assert qrsign.check_click_qr(5_000_000) == 5_000_000
    with pytest.raises(qrsign.AmountOutOfRange) as e:
        qrsign.check_click_qr(4_999_999)
    assert (e.value.amount, e.value.min, e.value.max) == (4_999_999, 5_000_000, 2_000_000_000)
    with pytest.raises(qrsign.AmountOutOfRange):
        qrsign.check_click_qr(10**30)


def test_the_gil_is_released_while_verifying_large_input() -> None:
    # While one thread is inside a long verification, another runs Python code: its counter
    # moves only if the GIL was released (a held GIL lets it run at most one switch interval).
    members = ",".join(f'"k{i}":"{"x" * 40000}"' for i in range(300))
    body = qrsign.gate_body("{" + members + "}", "k").encode()
    signer = qrsign.Signer("k")
    inside = threading.Event()
    done = threading.Event()
    counts = []

    def count() -> None:
        inside.wait()
        n = 0
        while not done.is_set():
            n += 1
        counts.append(n)

    t = threading.Thread(target=count)
    t.start()
    old = sys.getswitchinterval()
    sys.setswitchinterval(1.0)  # without a release the counter would not run during the call
    try:
        inside.set()
        for _ in range(3):
            signer.verify_callback(body)
    finally:
        done.set()
        sys.setswitchinterval(old)
        t.join()
    assert counts[0] > 1000, f"the other thread ran {counts[0]} iterations during the calls"


def test_the_wheel_is_abi3() -> None:
    wheel = os.environ.get("QRSIGN_WHEEL")
    if wheel is None:
        pytest.skip("QRSIGN_WHEEL not set (make test-python sets it)")
    name = pathlib.Path(wheel).name
    assert re.fullmatch(r"qrsign-[0-9.]+-cp310-abi3-(linux|manylinux_\d+_\d+)_x86_64\.whl", name), name
    site = pathlib.Path(qrsign.__file__).parent
    assert (site / "py.typed").exists() and (site / "_qrsign.pyi").exists()
    assert qrsign.__version__ == re.search(r"qrsign-([0-9.]+)-", name).group(1)  # type: ignore[union-attr]


def test_repr_and_signer_properties() -> None:
    s = qrsign.Signer("topsecret", sort="path-bytewise")
    assert repr(s) == "Signer(sort='path-bytewise', strict=False)" and "topsecret" not in repr(s)
    assert s.sort == "path-bytewise"
    assert json.loads(s.gate_body({"general": {}}))["general"]["signature"]
