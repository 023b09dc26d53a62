"""End to end: the platform sandbox (official SDKs), the merchant back-end (qrsign, SQLite) and
the C POS terminal, as processes talking HTTP on 127.0.0.1. `make test-e2e`.

The two purchases of `make demo`, the merchant's page in headless Chromium, the faults a real
integration meets, and a burst of 200 concurrent callbacks.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import harness
import qrsign
from harness import Stack, request, wait_for

sys.path.insert(0, os.path.join(harness.ROOT, "tests", "sandbox"))
from sdk import Sdk  # noqa: E402  (the official SDK, to forge and sign callbacks independently)

MONETIX, SECRET = 1234, harness.PROJECTS[1234][1]
RUN_ROOT = os.path.join(harness.ROOT, "build", "e2e")
LOAD_REPORT = os.path.join(RUN_ROOT, "load.txt")


def run_dir(name: str) -> str:
    path = os.path.join(RUN_ROOT, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    with Stack(run_dir("shared")) as s:
        yield s


@pytest.fixture(scope="module")
def sdk() -> Iterator[Sdk]:
    s = Sdk(os.path.join(harness.SDK_DIR, "ecommpay-sdk"))
    yield s
    s.close()


_ids = iter(range(1, 1_000_000))


def new_id(prefix: str) -> str:
    return f"{prefix}-{os.getpid()}-{next(_ids)}"


def create(stack: Stack, method: str, amount: str = "150000.00", currency: str = "UZS",
           payment_id: str | None = None) -> tuple[int, dict[str, Any]]:
    order = {"method": method, "payment_id": payment_id or new_id(method), "amount": amount, "currency": currency}
    code, body = request(f"{stack.merchant.url}/payments", json.dumps(order).encode())
    return code, dict(json.loads(body), payment_id=order["payment_id"])


def click_qr_awaiting(stack: Stack) -> dict[str, Any]:
    """A Click QR payment created by the merchant, its display_data callback applied."""
    code, answer = create(stack, "click-qr")
    assert code == 201, answer
    return wait_for("the display_data callback", lambda: _with_qr(stack, answer["payment_id"]))


def _with_qr(stack: Stack, payment_id: str) -> dict[str, Any] | None:
    p = stack.merchant_payment(payment_id)
    return p if p is not None and p["qr_data"] else None


def post_callback(stack: Stack, body: bytes) -> tuple[int, dict[str, Any]]:
    code, answer = request(f"{stack.merchant.url}/callbacks", body)
    return code, json.loads(answer)


def callback_rows(stack: Stack, payment_id: str) -> list[tuple[str, str]]:
    p = stack.merchant_payment(payment_id)
    assert p is not None
    return [(c["kind"], c["status"]) for c in p["callbacks"]]


def pay(stack: Stack, link: str, action: str = "pay") -> None:
    code, _ = request(f"{link}/{action}", b"")
    assert code == 200


# ---- the two purchases -----------------------------------------------------------------------
def test_click_qr_purchase_from_the_pos_terminal(stack: Stack) -> None:
    payment_id = new_id("pos")
    raster = os.path.join(stack.run_dir, f"{payment_id}.escpos")
    pos = stack.run_pos(payment_id, "150000.00", raster)
    assert pos.stdout is not None
    shown = []
    for line in pos.stdout:  # until the terminal waits for the customer: the raster is written
        shown.append(line.decode())
        if line.startswith(b"== 6."):
            break
    with open(raster, "rb") as f:
        texts = harness.scan(harness.escpos_image(f.read()))
    assert stack.sandbox is not None
    link = f"{stack.sandbox.url}/checkout/{payment_id}"
    assert texts == [link]
    assert stack.merchant_payment(payment_id)["status"] == "awaiting customer"  # type: ignore[index]
    code, page = request(link)
    assert code == 200 and b"150,000.00 UZS" in page
    pay(stack, link)
    out, err = pos.communicate(timeout=30)
    assert pos.returncode == 0, err.decode()
    text = "".join(shown) + out.decode()
    assert text.count("signature OK (top-level signature)") == 2  # display_data and final
    assert f"qr_data   {link}" in text
    assert f"payment {payment_id}: success" in text
    p = stack.wait_status(payment_id, "success")
    assert (p["amount"], p["currency"], p["method"]) == (15_000_000, "UZS", "pos")
    assert callback_rows(stack, payment_id) == [("display_data", "awaiting customer"), ("status", "success")]


def test_jetpay_qr_purchase_from_python(stack: Stack) -> None:
    code, answer = create(stack, "jetpay-qr", "10000.00", "KZT")
    assert code == 201, answer
    payment_id = answer["payment_id"]
    code, png = request(f"{stack.merchant.url}/payments/{payment_id}/qr.png")
    assert code == 200
    texts = harness.scan_png(png)
    assert stack.sandbox is not None
    link = f"{stack.sandbox.url}/checkout/{payment_id}"
    assert texts == [link]
    # The signed Payment Page link of the same payment leads to the same checkout.
    code, _ = request(answer["payment_page_url"], follow=False)
    assert code == 302
    pay(stack, link)
    p = stack.wait_status(payment_id, "success")
    assert (p["amount"], p["currency"]) == (1_000_000, "KZT")
    assert callback_rows(stack, payment_id) == [("status", "success")]


def test_declined_purchase(stack: Stack) -> None:
    p = click_qr_awaiting(stack)
    pay(stack, p["qr_data"], "decline")
    stack.wait_status(p["payment_id"], "decline")
    code, _ = request(f"{p['qr_data']}/pay", b"")
    assert code == 409  # a finished payment cannot be paid afterwards


def test_generate_qr_with_a_bad_signature_is_refused(stack: Stack) -> None:
    assert stack.sandbox is not None
    params: dict[str, qrsign.FlatValue] = {"project_id": 5678, "payment_id": new_id("jp"), "payment_currency": "KZT", "payment_amount": 100,
              "customer_id": "c", "customer_first_name": "A", "customer_last_name": "B",
              "customer_email": "a@b.c", "merchant_callback_url": f"{stack.merchant.url}/callbacks"}
    url = qrsign.generate_qr_url(params, "not-the-secret", base=f"{stack.sandbox.url}/payment/generate-qr")
    code, body = request(url)
    assert code == 400 and json.loads(body)["field"] == "signature"
    good = qrsign.generate_qr_url(params, harness.PROJECTS[5678][1], base=f"{stack.sandbox.url}/payment/generate-qr")
    code, body = request(good.replace("payment_amount=100", "payment_amount=101"))
    assert code == 400 and json.loads(body)["field"] == "signature"
    code, body = request(good)
    assert code == 200 and json.loads(body)["img_src"].startswith("data:image/png;base64,")


# ---- the merchant's page in a real browser ----------------------------------------------------
def chromium(*args: str) -> bytes:
    exe = shutil.which("chromium")
    assert exe is not None, "Debian's chromium is missing (scripts/deps.sh installs it)"
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                              "--no-first-run", f"--user-data-dir={profile}", *args],
                             capture_output=True, timeout=90, check=True)
    return out.stdout


def test_payment_page_in_headless_chromium(stack: Stack) -> None:
    p = click_qr_awaiting(stack)
    page = f"{stack.merchant.url}/payments/{p['payment_id']}"
    shot = os.path.join(stack.run_dir, "payment-page.png")
    before = chromium("--dump-dom", page).decode()
    assert '<span id="status">awaiting customer</span>' in before
    assert '<meta http-equiv="refresh" content="2">' in before  # it reloads itself until final
    chromium("--window-size=800,900", f"--screenshot={shot}", page)
    with open(shot, "rb") as f:
        texts = harness.scan_png(f.read())
    # Both renders on the page (the PNG and the inline SVG) decode to the checkout link.
    assert texts == [p["qr_data"]] * 2
    pay(stack, p["qr_data"])
    stack.wait_status(p["payment_id"], "success")
    dom = chromium("--dump-dom", page).decode()
    assert '<span id="status">success</span>' in dom


# ---- faults --------------------------------------------------------------------------------
def test_tampered_foreign_and_unsigned_callbacks_are_refused(stack: Stack, sdk: Sdk) -> None:
    p = click_qr_awaiting(stack)
    pid = p["payment_id"]
    code, genuine = request(f"{stack.merchant.url}/payments/{pid}/callbacks/display_data")
    assert code == 200
    # One field changed: the payment "succeeds" without being paid.
    tampered = genuine.replace(b'"status": "awaiting customer"', b'"status": "success"', 1)
    assert tampered != genuine
    code, answer = post_callback(stack, tampered)
    assert code == 400 and answer["message"].startswith("InvalidSignature")
    doc = json.loads(genuine)
    doc["payment"]["status"] = "success"
    del doc["signature"]
    doc["signature"] = sdk.sign("another-merchants-secret", doc)
    code, answer = post_callback(stack, json.dumps(doc).encode())
    assert code == 400 and answer["message"].startswith("InvalidSignature")
    del doc["signature"]
    code, answer = post_callback(stack, json.dumps(doc).encode())
    assert code == 400 and answer["message"].startswith("MissingSignature")
    assert stack.merchant_payment(pid)["status"] == "awaiting customer"  # type: ignore[index]
    assert callback_rows(stack, pid) == [("display_data", "awaiting customer")]
    log = stack.merchant.log()
    assert log.count("callback rejected (400): InvalidSignature") >= 2
    assert "callback rejected (400): MissingSignature" in log


def test_replayed_callbacks_change_nothing(stack: Stack) -> None:
    p = click_qr_awaiting(stack)
    pid = p["payment_id"]
    pay(stack, p["qr_data"])
    done = stack.wait_status(pid, "success")
    _, final = request(f"{stack.merchant.url}/payments/{pid}/callbacks/final")
    _, display = request(f"{stack.merchant.url}/payments/{pid}/callbacks/display_data")
    for body in (final, final, display):  # the same final twice, then the older one late
        code, answer = post_callback(stack, body)
        assert code == 200 and answer["message"].endswith("already applied, ignored")
    after = stack.merchant_payment(pid)
    assert after == done
    assert callback_rows(stack, pid) == [("display_data", "awaiting customer"), ("status", "success")]


def test_a_late_intermediate_callback_does_not_undo_a_final_status(stack: Stack, sdk: Sdk) -> None:
    p = click_qr_awaiting(stack)
    pid = p["payment_id"]
    pay(stack, p["qr_data"])
    stack.wait_status(pid, "success")
    _, display = request(f"{stack.merchant.url}/payments/{pid}/callbacks/display_data")
    doc = json.loads(display)
    doc["operation"]["id"] += 1  # a different operation, genuinely signed, arriving late
    del doc["signature"]
    doc["signature"] = sdk.sign(SECRET, doc)
    code, answer = post_callback(stack, json.dumps(doc).encode())
    assert code == 200 and answer["message"].endswith(": applied")
    assert stack.merchant_payment(pid)["status"] == "success"  # type: ignore[index]


@pytest.mark.parametrize("body, reason", [
    (b"status=success&payment_id=1", "body is not JSON"),
    (b'{"project_id": 1234, "payment": {"id": "\xff\xfe"}}', "body is not UTF-8"),
    (b"", "body is not JSON"),
    (b'{"project_id": 999, "payment": {"id": "x"}, "signature": "x"}', "unknown project 999"),
])
def test_bodies_that_are_not_json_not_utf8_or_of_no_known_project(stack: Stack, body: bytes, reason: str) -> None:
    code, answer = post_callback(stack, body)
    assert code == 400 and answer["message"].startswith(reason)
    assert f"callback rejected (400): {reason}" in stack.merchant.log()


def test_an_oversized_body_is_refused_before_it_is_read(stack: Stack) -> None:
    with socket.create_connection(("127.0.0.1", stack.merchant.port), timeout=10) as s:
        # 10 MB announced, 1 KB sent: the answer must come without the rest being sent.
        s.sendall(b"POST /callbacks HTTP/1.1\r\nHost: merchant\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 10000000\r\n\r\n{\"project_id\": 1234" + b" " * 1000)
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")
    code, _ = post_callback(stack, b"{" + b" " * (64 * 1024) + b"}")
    assert code == 413
    assert "POST /callbacks refused: body of 10000000 bytes is over 65536" in stack.merchant.log()
    code, body = request(f"{stack.merchant.url}/healthz")  # still serving
    assert (code, body) == (200, b"ok")


def test_sandbox_down_when_the_pos_sends() -> None:
    with Stack(run_dir("sandbox-down"), start_sandbox_now=False) as stack:
        payment_id = new_id("pos")
        raster = os.path.join(stack.run_dir, "qr.escpos")
        err_path = os.path.join(stack.run_dir, "pos.err")
        with open(err_path, "wb") as err:
            pos = stack.run_pos(payment_id, "150000.00", raster, stderr=err)

        def pos_err() -> str:
            with open(err_path, encoding="utf-8") as f:
                return f.read()

        wait_for("the POS to report the platform unreachable", lambda: "platform unreachable" in pos_err())
        assert f"payment {payment_id} kept pending" in pos_err() and "Connection refused" in pos_err()
        assert stack.merchant_payment(payment_id)["status"] == "pending"  # type: ignore[index]
        stack.start_sandbox()  # the platform comes back on its address: the POS's retry goes through
        wait_for("the POS to print the QR", lambda: os.path.exists(raster) and
                 stack.merchant_payment(payment_id)["status"] == "awaiting customer")  # type: ignore[index]
        assert stack.sandbox is not None
        pay(stack, f"{stack.sandbox.url}/checkout/{payment_id}")
        out, _ = pos.communicate(timeout=30)
        assert pos.returncode == 0, pos_err()
        assert f"payment {payment_id}: success" in out.decode()
        stack.wait_status(payment_id, "success")


def test_merchant_killed_between_two_callbacks() -> None:
    with Stack(run_dir("merchant-killed")) as stack:
        p = click_qr_awaiting(stack)
        pid = p["payment_id"]
        stack.merchant.kill()  # SIGKILL after the display_data callback was committed
        pay(stack, p["qr_data"])

        def failed_attempts() -> int | None:
            final = [d for d in stack.sandbox_payment(pid)["deliveries"] if d["kind"] == "final"]  # type: ignore[index]
            return final[0]["attempts"] if final and final[0]["attempts"] >= 3 else None

        wait_for("the sandbox to retry the final callback", failed_attempts)
        stack.merchant.restart()
        after = stack.wait_status(pid, "success")
        assert after["qr_data"] == p["qr_data"]  # what was stored before the kill is there
        assert callback_rows(stack, pid) == [("display_data", "awaiting customer"), ("status", "success")]
        delivery = [d for d in stack.sandbox_payment(pid)["deliveries"] if d["kind"] == "final"]  # type: ignore[index]
        assert delivery[0]["delivered"] and delivery[0]["attempts"] >= 3
        _, final = request(f"{stack.merchant.url}/payments/{pid}/callbacks/final")
        code, answer = post_callback(stack, final)  # delivered again: still applied once
        assert code == 200 and answer["message"].endswith("already applied, ignored")
        assert len(callback_rows(stack, pid)) == 2


def test_the_sandbox_stops_by_itself() -> None:
    sandbox = harness.start_sandbox(run_dir("sandbox-timeout"), timeout=1)
    try:
        assert sandbox.proc is not None and sandbox.proc.wait(timeout=15) == 0
        assert "stopped" in sandbox.log()
    finally:
        sandbox.stop()


# ---- the Click QR limits ---------------------------------------------------------------------
def gate_sale(stack: Stack, amount: int, currency: str = "UZS", secret: str = SECRET,
              drop: str | None = None) -> tuple[int, dict[str, Any]]:
    assert stack.sandbox is not None
    body: dict[str, Any] = {
        "general": {"project_id": MONETIX, "payment_id": new_id("gate"),
                    "merchant_callback_url": f"{stack.merchant.url}/callbacks"},
        "customer": {"id": "c1", "ip_address": "198.51.100.47", "email": "a@example.com",
                     "first_name": "John", "last_name": "Doe"},
        "payment": {"amount": amount, "currency": currency},
    }
    if drop:
        obj, key = drop.split(".")
        del body[obj][key]
    signed = qrsign.gate_body(body, secret).encode()
    code, answer = request(f"{stack.sandbox.url}/v2/payment/sbp-qr/sale", signed)
    return code, json.loads(answer)


@pytest.mark.parametrize("amount, accepted", [
    (4_999_999, False), (5_000_000, True), (2_000_000_000, True), (2_000_000_001, False),
])
def test_gate_amount_limits(stack: Stack, amount: int, accepted: bool) -> None:
    code, answer = gate_sale(stack, amount)
    if accepted:
        assert (code, answer["status"]) == (200, "success")
    else:
        assert (code, answer["field"]) == (400, "payment.amount")
        assert "outside the sbp-qr limits" in answer["message"]


def test_gate_validation_errors(stack: Stack) -> None:
    assert gate_sale(stack, 20_000_000, currency="KZT")[1]["field"] == "payment.currency"
    assert gate_sale(stack, 20_000_000, secret="wrong")[1]["field"] == "general.signature"
    assert gate_sale(stack, 20_000_000, drop="customer.email")[1]["field"] == "customer.email"


@pytest.mark.parametrize("typed", ["49999.99", "20000000.01"])
def test_pos_refuses_amounts_outside_the_limits(stack: Stack, typed: str) -> None:
    payment_id = new_id("pos")
    pos = stack.run_pos(payment_id, typed, os.path.join(stack.run_dir, "never.escpos"))
    out, err = pos.communicate(timeout=10)
    assert pos.returncode == 1
    assert "Click QR limits: amount outside the allowed range" in err.decode()
    assert stack.merchant_payment(payment_id) is None  # refused before anything was sent


@pytest.mark.parametrize("typed", ["49,999.99", "20,000,000.01"])
def test_merchant_refuses_amounts_outside_the_limits(stack: Stack, typed: str) -> None:
    code, answer = create(stack, "click-qr", typed)
    assert code == 400 and answer["error"].startswith("amount:")


# ---- load ------------------------------------------------------------------------------------
def test_200_concurrent_callbacks(stack: Stack, sdk: Sdk) -> None:
    """100 genuine callbacks (each also replayed once) and 50 forged, all at once: every genuine
    one stored exactly once, no forged one accepted, no request lost."""
    template = json.loads(open(os.path.join(harness.ROOT, "tests", "sandbox", "templates",
                                            "click-qr-success.json")).read())
    run = new_id("load")
    genuine, forged = [], []
    for i in range(100):
        doc = json.loads(json.dumps(template))
        doc["payment"]["id"] = f"{run}-{i}"
        doc["operation"]["id"] = 10_000 + i
        doc["signature"] = sdk.sign(SECRET, doc)
        genuine.append(json.dumps(doc).encode())
    for i in range(50):
        doc = json.loads(json.dumps(template))
        doc["payment"]["id"] = f"{run}-forged-{i}"
        if i % 2:
            doc["signature"] = sdk.sign("forger", doc)
        else:  # a genuine signature on a changed amount
            doc["signature"] = sdk.sign(SECRET, doc)
            doc["payment"]["sum"]["amount"] += 1
        forged.append(json.dumps(doc).encode())
    bodies = [(b, "genuine") for b in genuine] + [(b, "replay") for b in genuine[:50]] + [(b, "forged") for b in forged]
    assert len(bodies) == 200

    def burst(send: Any, items: list[Any]) -> tuple[list[Any], float]:
        gate = threading.Barrier(len(items) + 1)

        def one(item: Any) -> Any:
            gate.wait()
            return send(item)

        with ThreadPoolExecutor(max_workers=len(items)) as pool:
            futures = [pool.submit(one, item) for item in items]
            gate.wait()
            t0 = time.perf_counter()
            results = [f.result() for f in futures]
            return results, time.perf_counter() - t0

    # Baseline, in the same run: as many concurrent requests that do nothing (GET /healthz).
    _, base_seconds = burst(lambda _: request(f"{stack.merchant.url}/healthz"), list(range(200)))
    results, seconds = burst(lambda item: (item[1], *post_callback(stack, item[0])), bodies)

    for kind, code, answer in results:
        if kind == "forged":
            assert code == 400 and answer["message"].startswith("InvalidSignature"), answer
        else:
            assert code == 200, answer
    applied = sum(1 for _, code, a in results if code == 200 and a["message"].endswith(": applied"))
    ignored = sum(1 for _, code, a in results if code == 200 and a["message"].endswith("already applied, ignored"))
    assert (applied, ignored) == (100, 50)
    db = sqlite3.connect(f"file:{stack.run_dir}/merchant.db?mode=ro", uri=True)
    rows = db.execute("SELECT payment_id, COUNT(*) FROM callbacks WHERE payment_id LIKE ? GROUP BY payment_id",
                      (f"{run}-%",)).fetchall()
    statuses = db.execute("SELECT status, COUNT(*) FROM payments WHERE payment_id LIKE ? GROUP BY status",
                          (f"{run}-%",)).fetchall()
    db.close()
    assert sorted(rows) == sorted((f"{run}-{i}", 1) for i in range(100))
    assert statuses == [("success", 100)]
    report = (f"200 concurrent callbacks (100 genuine, 50 replays, 50 forged): {seconds:.2f} s, "
              f"{200 / seconds:.0f} callbacks/s; 200 concurrent GET /healthz: {base_seconds:.2f} s "
              f"({200 / base_seconds:.0f}/s); callbacks take {seconds / base_seconds:.1f}x the no-op time\n")
    with open(LOAD_REPORT, "w") as f:
        f.write(report)
    print(report)
