"""`make demo`: two whole purchases on one machine, against the local platform sandbox.

1. Click QR from the POS terminal (examples/c/pos_terminal.c --http): the terminal signs the
   Gate sale, the sandbox sends the merchant back-end a display_data callback, the terminal
   fetches and verifies it and draws the QR; the "phone" scans the receipt printer's raster
   (zxing-cpp), opens the checkout page and pays; the final callback reaches the merchant and
   the terminal.
2. JetPay QR from Python: the merchant back-end signs a generate-qr URL, the sandbox answers
   with a QR PNG (made with segno); the phone scans it and pays.

Then the callbacks the merchant stored are verified again with qrsign, and the stored state is
shown. Exits 0 only if every step checked out.

    python demo.py RUN_DIR
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "e2e"))

import harness  # noqa: E402  (tests/e2e/harness.py: starts and stops the processes, scans)
import qrsign  # noqa: E402
from harness import CheckFailed, Stack, request  # noqa: E402


BOLD, PLAIN = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("", "")


def step(text: str) -> None:
    print(f"\n{BOLD}### {text}{PLAIN}", flush=True)


def ok(text: str) -> None:
    print(f"  ok  {text}", flush=True)


def check(condition: object, what: str) -> None:
    if not condition:
        raise CheckFailed(what)
    ok(what)


def phone_pays(stack: Stack, link: str, payment_id: str) -> None:
    """Opens the scanned link (the sandbox's checkout page) and presses Pay."""
    assert stack.sandbox is not None
    check(link == f"{stack.sandbox.url}/checkout/{payment_id}", f"the QR code opens the checkout page {link}")
    code, page = request(link)
    check(code == 200 and b"Pay" in page, "the checkout page shows the payment and a Pay button")
    code, _ = request(f"{link}/pay", b"")
    check(code == 200, "paid on the checkout page")


def show_stored(stack: Stack, payment_id: str, secret: str) -> None:
    """The merchant's stored state, and each stored callback verified again with qrsign."""
    p = stack.merchant_payment(payment_id)
    assert p is not None
    print(f"  merchant's record: {payment_id}  {p['amount']} minor units {p['currency']}  status {p['status']!r}")
    with sqlite3.connect(f"file:{stack.run_dir}/merchant.db?mode=ro", uri=True) as db:
        rows = db.execute("SELECT kind, status, body FROM callbacks WHERE payment_id = ? ORDER BY seq",
                          (payment_id,)).fetchall()
    for kind, status, body in rows:
        cb = qrsign.verify_callback(bytes(body), secret)
        check(cb.payment_status == status, f"stored {kind} callback ({status}) verifies with qrsign "
                                           f"({cb.signature_key})")


def click_qr_from_pos(stack: Stack) -> None:
    payment_id = f"pos-{int(time.time())}"
    raster = os.path.join(stack.run_dir, "receipt-qr.escpos")
    step(f"Click QR purchase from the POS terminal: {payment_id}, 150,000.00 UZS")
    pos = stack.run_pos(payment_id, "150000.00", raster, stdout=subprocess.PIPE, stderr=None)
    assert pos.stdout is not None
    for raw in pos.stdout:  # the terminal's own transcript, as it goes
        line = raw.decode("utf-8", "replace")
        print("  pos | " + line, end="", flush=True)
        if line.startswith("== 6."):
            break
    check(os.path.exists(raster), "the POS terminal printed the QR code (ESC/POS raster)")
    with open(raster, "rb") as f:
        texts = harness.scan(harness.escpos_image(f.read()))
    check(len(texts) == 1, f"the phone (zxing-cpp) scanned the printed QR code: {texts}")
    phone_pays(stack, texts[0], payment_id)
    for raw in pos.stdout:
        print("  pos | " + raw.decode("utf-8", "replace"), end="", flush=True)
    check(pos.wait(timeout=30) == 0, "the POS terminal verified the final callback: success")
    stack.wait_status(payment_id, "success")
    show_stored(stack, payment_id, harness.PROJECTS[1234][1])


def jetpay_qr_from_python(stack: Stack) -> None:
    payment_id = f"jp-{int(time.time())}"
    step(f"JetPay QR purchase from Python: {payment_id}, 10,000.00 KZT")
    order = {"method": "jetpay-qr", "payment_id": payment_id, "amount": "10000.00", "currency": "KZT",
             "customer": {"id": "customer_123", "first_name": "John", "last_name": "Doe",
                          "email": "johndoe@example.com"}}
    code, body = request(f"{stack.merchant.url}/payments", json.dumps(order).encode())
    answer = json.loads(body)
    check(code == 201, "the merchant signed a generate-qr URL (qrsign) and the sandbox accepted its "
                       "signature (official jetpay-sdk)")
    pp = urllib.parse.urlsplit(answer["payment_page_url"])
    print(f"  Payment Page link: {pp.path}?{pp.query[:70]}...")
    code, _ = request(answer["payment_page_url"], follow=False)
    check(code == 302, "the signed Payment Page link is accepted too (redirect to the checkout)")
    code, png = request(f"{stack.merchant.url}/payments/{payment_id}/qr.png")
    check(code == 200 and png[:8] == b"\x89PNG\r\n\x1a\n", f"the merchant shows the platform's QR PNG ({len(png)} bytes)")
    texts = harness.scan_png(png)
    check(len(texts) == 1, f"the phone (zxing-cpp) scanned it: {texts}")
    print("  the scanned link, drawn with qrsign:")
    print(qrsign.qr(texts[0]).terminal(invert=True), end="")
    phone_pays(stack, texts[0], payment_id)
    stack.wait_status(payment_id, "success")
    ok("the final callback reached the merchant and was verified (qrsign.verify_callback)")
    show_stored(stack, payment_id, harness.PROJECTS[5678][1])


def main(argv: list[str]) -> int:
    run_dir = os.path.abspath(argv[1] if len(argv) > 1 else "build/demo")
    os.makedirs(run_dir, exist_ok=True)
    for name in os.listdir(run_dir):
        os.remove(os.path.join(run_dir, name))
    started = time.monotonic()
    try:
        step("Starting the platform sandbox and the merchant back-end")
        with Stack(run_dir) as stack:
            assert stack.sandbox is not None
            ok(f"sandbox (signs and checks with the official SDKs): {stack.sandbox.url}")
            ok(f"merchant back-end (qrsign, SQLite {run_dir}/merchant.db): {stack.merchant.url}")
            click_qr_from_pos(stack)
            jetpay_qr_from_python(stack)
            step("Stopping everything")
    except (CheckFailed, qrsign.Error, OSError, subprocess.TimeoutExpired) as e:
        print(f"\ndemo: FAILED: {e}\n  logs: {run_dir}/*.log", file=sys.stderr)
        return 1
    ok(f"stopped; logs in {run_dir}")
    print(f"\ndemo: two purchases complete, every step checked ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
