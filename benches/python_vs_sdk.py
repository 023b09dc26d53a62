"""qrsign's Python package against what merchants use today, interleaved in one process
(`make bench-python`): the official SDK's SignatureHandler.sign on the 10-parameter request,
its Callback on the 1.6 KB Click QR callback, and segno / qrcode making a QR PNG. Each round
times every contestant once (best of a few calls); the ratio is the median over rounds of
(their time / ours). Targets: sign >= 5x, callback >= 15x, PNG >= 20x faster than segno."""

from __future__ import annotations

import io
import json
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build" / "py-sdk" / "ecommpay-sdk"))

import qrcode  # noqa: E402
import segno  # noqa: E402
from payment_page_sdk.callback import Callback  # noqa: E402
from payment_page_sdk.signature_handler import SignatureHandler  # noqa: E402

import qrsign  # noqa: E402

PARAMS = {
    "project_id": 1234, "payment_id": "payment_47", "customer_id": "customer_123",
    "customer_first_name": "John", "customer_last_name": "Doe", "customer_email": "johndoe@example.com",
    "payment_currency": "UZS", "payment_amount": 20000000, "force_payment_method": "sbp-qr",
    "language_code": "uz",
}
SECRET = "demo-secret"
CALLBACK = (ROOT / "tests" / "data" / "click-qr-callback.json").read_text()
LINK = "https://example.uz/qr/payment_47?amount=20000000&currency=UZS"


def per_call(f, n: int) -> float:
    """Seconds a call, best of three batches of n."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for _ in range(n):
            f()
        best = min(best, (time.perf_counter() - t) / n)
    return best


def segno_png() -> bytes:
    buf = io.BytesIO()
    segno.make(LINK, error="m", micro=False).save(buf, kind="png", scale=8, border=4)
    return buf.getvalue()


def qrcode_png() -> bytes:
    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    q.add_data(LINK)
    buf = io.BytesIO()
    q.make_image().save(buf)
    return buf.getvalue()


def main(rounds: int = 15) -> None:
    handler = SignatureHandler(SECRET)
    signer = qrsign.Signer(SECRET)
    assert signer.sign(PARAMS) == handler.sign(PARAMS)
    assert signer.verify_callback(CALLBACK).is_success in (True, False)
    Callback(CALLBACK, handler)
    cases = {
        "sign, 10 parameters (SDK SignatureHandler.sign / qrsign.sign)":
            (lambda: handler.sign(PARAMS), lambda: qrsign.sign(PARAMS, SECRET), 2000, 5),
        "sign, reused key (SDK / qrsign.Signer.sign)":
            (lambda: handler.sign(PARAMS), lambda: signer.sign(PARAMS), 2000, None),
        "verify 1.6 KB callback (SDK Callback / qrsign.verify_callback)":
            (lambda: Callback(CALLBACK, handler), lambda: qrsign.verify_callback(CALLBACK, SECRET), 500, 15),
        "QR PNG (segno / qrsign.qr().png())": (segno_png, lambda: qrsign.qr(LINK).png(), 100, 20),
        "QR PNG (qrcode / qrsign.qr().png())": (qrcode_png, lambda: qrsign.qr(LINK).png(), 30, None),
    }
    ratios: dict[str, list[float]] = {k: [] for k in cases}
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
    for _ in range(rounds):
        for name, (theirs, ours, n, _) in cases.items():
            t, o = per_call(theirs, n), per_call(ours, n)
            ratios[name].append(t / o)
            times[name].append((t, o))
    print(f"python_vs_sdk: {rounds} interleaved rounds, median ratio (theirs / ours)")
    for name, (_, _, _, target) in cases.items():
        r = statistics.median(ratios[name])
        t = statistics.median(x[0] for x in times[name]) * 1e6
        o = statistics.median(x[1] for x in times[name]) * 1e6
        verdict = "" if target is None else (f"  target >= {target}x: met" if r >= target else f"  target >= {target}x: NOT met")
        print(f"  {name}: {t:.1f} us vs {o:.1f} us = {r:.1f}x{verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
