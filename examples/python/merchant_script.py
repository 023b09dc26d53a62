"""A merchant's script: a signed Payment Page link for a Click QR purchase, the callback checked,
its QR code saved. Type-checked with `mypy --strict` in `make test` (python/tests/test_typing.py).

    QRSIGN_SECRET=... python merchant_script.py callback.json
"""

from __future__ import annotations

import os
import sys

import qrsign


def payment_link(signer: qrsign.Signer, order_id: str, amount_text: str) -> str:
    amount = qrsign.check_click_qr(qrsign.to_minor_units(amount_text, "UZS"))
    return signer.payment_page_url({
        "project_id": 1234,
        "payment_id": order_id,
        "payment_currency": "UZS",
        "payment_amount": amount,
        "force_payment_method": "sbp-qr",
    })


def handle_callback(signer: qrsign.Signer, body: bytes) -> str:
    try:
        callback = signer.verify_callback(body)
    except qrsign.InvalidSignature:
        return "rejected: signature does not match"
    except qrsign.Error as e:
        return f"rejected: {e}"
    shown = callback.display_data
    if shown is not None:
        with open(f"{callback.payment_id}.png", "wb") as f:
            f.write(qrsign.qr(shown.qr_data).png(scale=6))
    status = callback.payment_status
    return f"{callback.payment_id}: {status.value if isinstance(status, qrsign.Status) else status}"


def main(argv: list[str]) -> int:
    signer = qrsign.Signer(os.environ["QRSIGN_SECRET"])
    print(payment_link(signer, "order-47", "200,000.00"))
    for path in argv[1:]:
        with open(path, "rb") as f:
            print(handle_callback(signer, f.read()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
