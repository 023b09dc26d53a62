"""A merchant's back-end for QR payments, small enough to read in one sitting: the standard
library's HTTP server, SQLite (store.py) and qrsign. It creates payments (Click QR through Gate,
JetPay QR through generate-qr, or a POS terminal's own sale), receives and verifies the
platform's callbacks, and shows each payment's QR code and status on a page that refreshes.

    python server.py --config config.json --db merchant.db --platform http://127.0.0.1:8000

Routes:
  POST /payments                     create: {"method": "click-qr"|"jetpay-qr"|"pos",
                                     "payment_id", "amount": "150000.00", "currency", "customer"}
  GET  /payments/<id>                the payment's page (QR as PNG and SVG, status; refreshes)
  GET  /payments/<id>.json           the same as JSON, with the callbacks received
  GET  /payments/<id>/qr.png|qr.svg  the QR code
  GET  /payments/<id>/callbacks/display_data|final
                                     the latest such callback as received: a POS terminal
                                     fetches it and verifies it itself
  POST /callbacks                    the platform's callbacks
  GET  /healthz                      "ok"
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import qrsign

from store import Store, status_text

MAX_CALLBACK = 64 * 1024  # bytes: a callback is a few KB; a bigger body is refused unread
PLATFORM_TIMEOUT = 10  # seconds for a request to the platform


def log(msg: str) -> None:
    print(f"merchant: {msg}", file=sys.stderr, flush=True)


def major(amount: int, currency: str) -> str:
    d = qrsign.minor_digits(currency)
    return f"{amount // 10**d:,}" + (f".{amount % 10**d:0{d}d}" if d else "") + f" {currency}"


class App:
    """The configuration, the keys (one qrsign.Signer per project) and the store."""

    def __init__(self, config: dict[str, Any], store: Store, platform_url: str) -> None:
        self.projects = {int(pid): p for pid, p in config["projects"].items()}
        self.signers = {pid: qrsign.Signer(p["secret"]) for pid, p in self.projects.items()}
        self.store = store
        self.platform_url = platform_url.rstrip("/")
        self.public_url = ""  # set once the server listens

    def project_for(self, method: str) -> int:
        platform = "jetpay" if method == "jetpay-qr" else "monetix"
        return next(pid for pid, p in self.projects.items() if p["platform"] == platform)

    def create(self, req: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """A new payment; for click-qr the Gate sale is sent, for jetpay-qr the QR fetched."""
        method, payment_id, currency = req.get("method"), req.get("payment_id"), req.get("currency", "UZS")
        if method not in ("click-qr", "jetpay-qr", "pos") or not isinstance(payment_id, str) or not payment_id:
            return 400, {"error": "method (click-qr, jetpay-qr, pos) and payment_id are required"}
        try:
            amount = qrsign.to_minor_units(str(req.get("amount")), currency)
            if method != "jetpay-qr":
                qrsign.check_click_qr(amount)
        except qrsign.Error as e:
            return 400, {"error": f"amount: {e}"}
        project_id = self.project_for(method)
        if not self.store.create_payment(payment_id, project_id, method, amount, currency):
            return 409, {"error": f"payment {payment_id} exists"}
        customer = req.get("customer") or {}
        answer = {"payment_id": payment_id, "page": f"{self.public_url}/payments/{payment_id}"}
        try:
            if method == "click-qr":
                self.gate_sale(project_id, payment_id, amount, currency, customer)
            elif method == "jetpay-qr":
                answer["payment_page_url"] = self.jetpay_qr(project_id, payment_id, amount, currency, customer)
        except PlatformError as e:
            self.store.note(payment_id, str(e))
            log(f"payment {payment_id}: kept pending: {e}")
            return 502, dict(answer, error=str(e))
        return 201, answer

    def gate_sale(self, project_id: int, payment_id: str, amount: int, currency: str,
                  customer: dict[str, Any]) -> None:
        """POST /v2/payment/sbp-qr/sale, signed: the QR arrives in a display_data callback."""
        body = self.signers[project_id].gate_body({
            "general": {"project_id": project_id, "payment_id": payment_id,
                        "merchant_callback_url": f"{self.public_url}/callbacks"},
            "customer": {"id": customer.get("id", "guest"), "ip_address": customer.get("ip_address", "127.0.0.1"),
                         "email": customer.get("email", "guest@example.com"),
                         "first_name": customer.get("first_name", "Guest"),
                         "last_name": customer.get("last_name", "Customer")},
            "payment": {"amount": amount, "currency": currency},
        })
        answer = platform_request(f"{self.platform_url}/v2/payment/sbp-qr/sale", body.encode("utf-8"))
        if answer.get("status") != "success":
            raise PlatformError(f"Gate refused the sale: {answer.get('message')}")
        self.store.accepted(payment_id)

    def payment_page_params(self, project_id: int, payment_id: str, amount: int, currency: str,
                            customer: dict[str, Any]) -> dict[str, qrsign.FlatValue]:
        return {
            "project_id": project_id, "payment_id": payment_id, "payment_currency": currency,
            "payment_amount": amount, "customer_id": customer.get("id", "guest"),
            "customer_first_name": customer.get("first_name", "Guest"),
            "customer_last_name": customer.get("last_name", "Customer"),
            "customer_email": customer.get("email", "guest@example.com"),
            "merchant_callback_url": f"{self.public_url}/callbacks",
        }

    def jetpay_qr(self, project_id: int, payment_id: str, amount: int, currency: str,
                  customer: dict[str, Any]) -> str:
        """GET generate-qr, signed: the answer carries the QR code as a PNG. Returns the signed
        Payment Page link (the same purchase, for a customer who cannot scan)."""
        signer = self.signers[project_id]
        params = self.payment_page_params(project_id, payment_id, amount, currency, customer)
        url = signer.generate_qr_url(params, base=f"{self.platform_url}/payment/generate-qr")
        answer = platform_request(url)
        try:
            png = qrsign.decode_img_src(answer)
        except qrsign.Error as e:
            raise PlatformError(f"generate-qr answered without a QR image: {e}") from e
        self.store.accepted(payment_id, qr_png=png)
        return signer.payment_page_url(params, base=f"{self.platform_url}/payment")

    def callback(self, raw: bytes) -> tuple[int, str]:
        """Verifies and applies one callback: (HTTP status, reason)."""
        try:
            doc = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return 400, "body is not UTF-8"
        except ValueError as e:
            return 400, f"body is not JSON ({e})"
        project_id = doc.get("project_id") if isinstance(doc, dict) else None
        if project_id is None and isinstance(doc, dict) and isinstance(doc.get("general"), dict):
            project_id = doc["general"].get("project_id")
        signer = self.signers.get(project_id) if isinstance(project_id, int) else None
        if signer is None:
            return 400, f"unknown project {project_id!r}"
        try:
            cb = signer.verify_callback(raw)
        except qrsign.Error as e:  # InvalidSignature, MissingSignature, DuplicateKey...
            return 400, f"{type(e).__name__}: {e}"
        applied = self.store.apply_callback(cb)
        what = "applied" if applied else "already applied, ignored"
        return 200, f"payment {cb.payment_id} {status_text(cb.payment_status)}: {what}"


class PlatformError(Exception):
    """The platform could not be reached or refused the request."""


def platform_request(url: str, body: bytes | None = None) -> dict[str, Any]:
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=PLATFORM_TIMEOUT) as resp:
            return dict(json.load(resp))
    except urllib.error.HTTPError as e:
        try:
            message = json.load(e).get("message")
        except ValueError:
            message = e.reason
        raise PlatformError(f"{url.split('?')[0]}: HTTP {e.code}: {message}") from e
    except (OSError, ValueError) as e:
        raise PlatformError(f"{url.split('?')[0]}: {e}") from e


PAGE = """<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="{refresh}">
<title>Payment {pid}</title></head><body style="font-family:sans-serif;margin:24px">
<h1>Payment {pid}</h1><p>{amount} &middot; <b>Status: <span id="status">{status}</span></b></p>
{qr}{extra}</body></html>"""


class Handler(BaseHTTPRequestHandler):
    app: App
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per callback is logged by do_POST; the rest is noise

    def reply(self, code: int, body: bytes | str, ctype: str = "application/json") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def json(self, code: int, value: Any) -> None:
        self.reply(code, json.dumps(value))

    def do_GET(self) -> None:
        parts = urllib.parse.urlsplit(self.path).path.strip("/").split("/")
        store = self.app.store
        if parts == ["healthz"]:
            self.reply(200, "ok", "text/plain")
        elif parts == [""]:
            rows = "".join(f"<li><a href='/payments/{html.escape(p['payment_id'])}'>{html.escape(p['payment_id'])}"
                           f"</a> {html.escape(p['status'])}</li>" for p in store.payments())
            self.reply(200, f"<!doctype html><h1>Payments</h1><ul>{rows}</ul>", "text/html; charset=utf-8")
        elif len(parts) >= 2 and parts[0] == "payments":
            pid = urllib.parse.unquote(parts[1])
            as_json = pid.endswith(".json")
            p = store.payment(pid[:-5] if as_json else pid)
            if p is None:
                self.json(404, {"error": "no such payment"})
            elif as_json and len(parts) == 2:
                p.pop("qr_png")
                self.json(200, dict(p, callbacks=store.callbacks(p["payment_id"])))
            elif len(parts) == 2:
                self.reply(200, self.page(p), "text/html; charset=utf-8")
            elif parts[2:] == ["qr.png"] and (p["qr_png"] or p["qr_data"]):
                self.reply(200, p["qr_png"] or qrsign.qr(p["qr_data"]).png(scale=6), "image/png")
            elif parts[2:] == ["qr.svg"] and p["qr_data"]:
                self.reply(200, qrsign.qr(p["qr_data"]).svg(scale=6), "image/svg+xml")
            elif len(parts) == 4 and parts[2] == "callbacks" and parts[3] in ("display_data", "final"):
                body = store.last_callback(p["payment_id"], parts[3])
                if body is None:
                    self.json(404, {"error": f"no {parts[3]} callback yet"})
                else:
                    self.reply(200, body)
            else:
                self.json(404, {"error": "not found"})
        else:
            self.json(404, {"error": "not found"})

    def page(self, p: dict[str, Any]) -> str:
        """The payment's page: the QR code as PNG and as inline SVG, the status."""
        pid = html.escape(p["payment_id"])
        final = p["status"] in ("success", "decline")
        qr = ""
        if p["qr_data"] or p["qr_png"]:
            qr = f"<p>Scan to pay:</p><img id='qr-png' alt='QR code' src='/payments/{pid}/qr.png'>"
        if p["qr_data"]:
            qr += f"<div id='qr-svg' style='width:246px'>{qrsign.qr(p['qr_data']).svg(scale=6)}</div>"
        extra = f"<p>{html.escape(p['note'])}</p>" if p["note"] else ""
        return PAGE.format(refresh=30 if final else 2, pid=pid, amount=html.escape(major(p["amount"], p["currency"])),
                           status=html.escape(p["status"]), qr=qr, extra=extra)

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        length_header = self.headers.get("Content-Length")
        if length_header is None or not length_header.isdigit():
            self.close_connection = True
            self.json(411, {"error": "Content-Length required"})
            return
        length = int(length_header)
        if length > MAX_CALLBACK:
            # Refused from the header alone: the body is never read (the connection is closed).
            log(f"POST {path} refused: body of {length} bytes is over {MAX_CALLBACK}")
            self.close_connection = True
            self.json(413, {"error": f"body over {MAX_CALLBACK} bytes"})
            return
        raw = self.rfile.read(length)
        if path == "/callbacks":
            code, reason = self.app.callback(raw)
            if code == 200:
                log(f"callback {reason}")
            else:
                log(f"callback rejected ({code}): {reason} [{len(raw)} bytes from {self.client_address[0]}]")
            self.json(code, {"status": "ok" if code == 200 else "error", "message": reason})
        elif path == "/payments":
            try:
                req = json.loads(raw)
            except ValueError:
                self.json(400, {"error": "body is not JSON"})
                return
            code, answer = self.app.create(req if isinstance(req, dict) else {})
            self.json(code, answer)
        else:
            self.json(404, {"error": "not found"})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a burst of callbacks waits in the backlog instead of being refused


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", required=True, help="JSON: {\"projects\": {ID: {\"platform\", \"secret\"}}}")
    ap.add_argument("--db", required=True, help="the SQLite file (created if missing)")
    ap.add_argument("--platform", required=True, help="the platform's base URL (Gate and Payment Page)")
    ap.add_argument("--port", type=int, default=0, help="0: any free port")
    ap.add_argument("--port-file", help="written with the port once listening")
    ap.add_argument("--timeout", type=float, default=0, help="stop by itself after this many seconds")
    args = ap.parse_args(argv)
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)

    server = Server(("127.0.0.1", args.port), Handler)
    app = App(config, Store(args.db), args.platform)
    app.public_url = f"http://127.0.0.1:{server.server_address[1]}"
    Handler.app = app
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(f"{server.server_address[1]}\n")
        os.replace(args.port_file + ".tmp", args.port_file)
    log(f"listening on {app.public_url}, platform {app.platform_url}, store {args.db}")
    if args.timeout:
        timer = threading.Timer(args.timeout, server.shutdown)
        timer.daemon = True
        timer.start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
