"""A local stand-in for the payment platform (Monetix Click QR through Gate, JetPay QR through
the Payment Page), for `make demo` and the end-to-end tests. Standard library plus `segno`.

It does not trust qrsign: every signature it checks or makes comes from the platform's official
Python SDK (sdk.py). It listens on 127.0.0.1, on a free port unless --port is given, writes the
port to --port-file once it listens, and stops by itself after --timeout seconds.

    python sandbox.py --sdk-dir build/py-sdk --port-file PORT \
        --project 1234=monetix:SECRET --project 5678=jetpay:SECRET

Endpoints (the platform's, then the checkout the customer's phone opens):
  POST /v2/payment/sbp-qr/sale       Gate, Click QR: validated, acknowledged, then a signed
                                     callback with display_data
  GET  /payment                      Payment Page: signature checked, redirects to the checkout
  GET  /payment/generate-qr          JetPay QR: {"img_src": "data:image/png;base64,..."}
  GET  /checkout/<payment_id>        the page the QR code opens
  POST /checkout/<payment_id>/pay    the customer pays: a signed `success` callback
  POST /checkout/<payment_id>/decline                  a signed `decline` callback
  GET  /sandbox/payments/<payment_id>  the sandbox's view of a payment (for tests)

Callbacks go to the request's `merchant_callback_url` (Gate: `general.merchant_callback_url`),
one payment's in order, retried with back-off until the merchant answers 200.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import html
import json
import os
import queue
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import segno

from sdk import SDK_OF_PLATFORM, Sdk

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "templates")

# Click QR (monetix-click-qr.txt): UZS only, 50,000.00 - 20,000,000.00 UZS in minor units.
CLICK_QR_MIN, CLICK_QR_MAX = 5_000_000, 2_000_000_000
# Required parameters of a Gate sale (monetix-click-qr.txt, "Purchase by using Gate").
GATE_REQUIRED = [
    ("general", "project_id"), ("general", "payment_id"), ("general", "signature"),
    ("customer", "id"), ("customer", "ip_address"), ("customer", "email"),
    ("customer", "first_name"), ("customer", "last_name"),
    ("payment", "amount"), ("payment", "currency"),
]
# Required parameters of generate-qr (jetpay-qr-code-payment.txt, Table 1).
QR_REQUIRED = [
    "project_id", "payment_id", "payment_currency", "payment_amount", "customer_first_name",
    "customer_last_name", "customer_email", "customer_id", "signature",
]
MAX_BODY = 64 * 1024
RETRY_FIRST, RETRY_MAX = 0.1, 2.0  # seconds: the back-off of callback deliveries


def log(msg: str) -> None:
    print(f"sandbox: {msg}", file=sys.stderr, flush=True)


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def template(name: str) -> Any:
    with open(os.path.join(TEMPLATES, name), encoding="utf-8") as f:
        return json.load(f)


@dataclass
class Project:
    project_id: int
    platform: str  # "monetix" | "jetpay"
    secret: str


@dataclass
class Payment:
    project: Project
    payment_id: str
    method: str  # "sbp-qr" (Gate) | "qr" (generate-qr) | "card" (Payment Page)
    amount: int
    currency: str
    customer_id: str
    callback_url: str
    status: str = "awaiting customer"
    created: str = field(default_factory=now)
    operation_id: int = 0
    outbox: "queue.Queue[tuple[str, bytes]]" = field(default_factory=queue.Queue)
    deliveries: list[dict[str, Any]] = field(default_factory=list)


class Platform:
    """The sandbox's state: projects, payments, and the callback senders."""

    def __init__(self, projects: dict[int, Project], sdks: dict[str, Sdk], base_url: str) -> None:
        self.projects = projects
        self.sdks = sdks
        self.base_url = base_url
        self.payments: dict[str, Payment] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._next_operation = 1000

    def sdk(self, project: Project) -> Sdk:
        return self.sdks[project.platform]

    def checkout_url(self, payment_id: str) -> str:
        return f"{self.base_url}/checkout/{urllib.parse.quote(payment_id, safe='')}"

    def add(self, payment: Payment) -> str | None:
        """Registers a new payment; an error message if the payment id is taken."""
        with self.lock:
            if payment.payment_id in self.payments:
                return f"payment_id {payment.payment_id!r} is already used in this project"
            self._next_operation += 1
            payment.operation_id = self._next_operation
            self.payments[payment.payment_id] = payment
        threading.Thread(target=self._deliver_loop, args=(payment,), daemon=True).start()
        return None

    # ---- callbacks --------------------------------------------------------------------------
    def callback_body(self, p: Payment, status: str, display: bool = False) -> dict[str, Any]:
        """A callback built from the seed's bodies, with this payment's values."""
        body: dict[str, Any]
        if status == "decline":
            body = template("click-qr-decline.json")
        elif p.project.platform == "jetpay":
            body = template("jetpay-qr-success.json")
        else:
            body = template("click-qr-success.json")
        sum_ = {"amount": p.amount, "currency": p.currency}
        body["project_id"] = p.project.project_id
        body["payment"].update(id=p.payment_id, status=status, date=now(), method=p.method, sum=sum_)
        body["customer"]["id"] = p.customer_id
        op = body["operation"]
        op.update(id=p.operation_id, date=now(), created_date=p.created,
                  request_id=uuid.uuid5(uuid.NAMESPACE_URL, p.payment_id).hex,
                  sum_initial=dict(sum_), sum_converted=dict(sum_))
        op["provider"]["payment_id"] = f"sbx-{p.operation_id}"
        if status == "success":
            op.update(status="success", code="0", message="Success")
        elif status == "decline":
            op.update(status="decline", code="20000", message="General decline")
        else:
            op.update(status=status, code="0", message="Awaiting customer")
        if display:
            body["display_data"] = self.display_data(p)
        return body

    def display_data(self, p: Payment) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = copy.deepcopy(template("click-qr-display-data.json"))
        values = {
            "amount": str(p.amount), "currency": p.currency, "receiver_name": "Sandbox Shop LLC",
            "receiver_account": "998900000047", "qr_data": self.checkout_url(p.payment_id),
            "lifetime": 600, "bank_name": "Sandbox Bank",
        }
        for item in items:
            item["data"] = values[item["title"]]
        return items

    def send(self, p: Payment, kind: str, body: dict[str, Any]) -> None:
        """Signs a callback with the official SDK and queues it for delivery."""
        body["signature"] = self.sdk(p.project).sign(p.project.secret, body)
        p.outbox.put((kind, json.dumps(body, ensure_ascii=False).encode("utf-8")))

    def _deliver_loop(self, p: Payment) -> None:
        """Delivers one payment's callbacks in order, each retried until the merchant says 200."""
        while not self.stopping.is_set():
            try:
                kind, raw = p.outbox.get(timeout=0.5)
            except queue.Empty:
                continue
            record: dict[str, Any] = {"kind": kind, "attempts": 0, "delivered": False, "last_error": None}
            p.deliveries.append(record)
            delay = RETRY_FIRST
            while not self.stopping.is_set():
                record["attempts"] += 1
                try:
                    req = urllib.request.Request(p.callback_url, data=raw, method="POST",
                                                 headers={"Content-Type": "application/json"})
                    with urllib.request.urlopen(req, timeout=5) as resp:
                        code = resp.status
                except urllib.error.HTTPError as e:
                    code = e.code
                except OSError as e:
                    code, record["last_error"] = None, str(e)
                if code == 200:
                    record["delivered"] = True
                    log(f"callback {kind} for {p.payment_id}: 200 after {record['attempts']} attempt(s)")
                    break
                if code is not None:
                    record["last_error"] = f"HTTP {code}"
                log(f"callback {kind} for {p.payment_id}: {record['last_error']}, retry in {delay:.1f}s")
                self.stopping.wait(delay)
                delay = min(delay * 2, RETRY_MAX)

    def finish(self, p: Payment, status: str) -> bool:
        """The customer paid or declined at the checkout: the final callback."""
        with self.lock:
            if p.status in ("success", "decline"):
                return False
            p.status = status
        self.send(p, "final", self.callback_body(p, status))
        return True


def gate_error(status: int, message: str, body: Any = None, field: str | None = None) -> tuple[int, dict[str, Any]]:
    """A Gate validation error (the sandbox's shape of the platform's error response)."""
    general = body.get("general", {}) if isinstance(body, dict) else {}
    answer: dict[str, Any] = {"status": "error", "code": "validation", "message": message}
    if isinstance(general, dict):
        answer.update(project_id=general.get("project_id"), payment_id=general.get("payment_id"))
    if field:
        answer["field"] = field
    return status, answer


class Handler(BaseHTTPRequestHandler):
    platform: Platform
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log(f"{self.command} {self.path} -> {args[1] if len(args) > 1 else ''}")

    # ---- plumbing ----------------------------------------------------------------------------
    def reply(self, code: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def json(self, code: int, value: Any) -> None:
        self.reply(code, json.dumps(value).encode(), "application/json")

    def page(self, code: int, title: str, content: str) -> None:
        doc = (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
               f"</head><body style='font-family:sans-serif;max-width:30em;margin:2em auto'>"
               f"<h1>{html.escape(title)}</h1>{content}</body></html>")
        self.reply(code, doc.encode(), "text/html; charset=utf-8")

    def body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self.json(413, {"status": "error", "message": "body too large"})
            return None
        return self.rfile.read(length)

    # ---- routes ------------------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if url.path == "/payment":
            self.payment_page(url.query, qr=False)
        elif url.path == "/payment/generate-qr":
            self.payment_page(url.query, qr=True)
        elif len(parts) == 2 and parts[0] == "checkout":
            self.checkout(urllib.parse.unquote(parts[1]))
        elif len(parts) == 3 and parts[:2] == ["sandbox", "payments"]:
            p = self.platform.payments.get(urllib.parse.unquote(parts[2]))
            if p is None:
                self.json(404, {"error": "no such payment"})
            else:
                self.json(200, {"payment_id": p.payment_id, "status": p.status, "amount": p.amount,
                                "currency": p.currency, "deliveries": p.deliveries})
        else:
            self.json(404, {"error": "not found"})

    def do_POST(self) -> None:
        raw = self.body()
        if raw is None:
            return
        parts = urllib.parse.urlsplit(self.path).path.strip("/").split("/")
        if parts == ["v2", "payment", "sbp-qr", "sale"]:
            code, answer = self.gate_sale(raw)
            log(f"Gate sale: {code} {answer.get('message', answer.get('status'))}")
            self.json(code, answer)
        elif len(parts) == 3 and parts[0] == "checkout" and parts[2] in ("pay", "decline"):
            p = self.platform.payments.get(urllib.parse.unquote(parts[1]))
            if p is None:
                self.page(404, "No such payment", "")
                return
            status = "success" if parts[2] == "pay" else "decline"
            if self.platform.finish(p, status):
                self.page(200, f"Payment {status}", f"<p id='status'>{status}</p>")
            else:
                self.page(409, "Payment already finished", f"<p id='status'>{html.escape(p.status)}</p>")
        else:
            self.json(404, {"error": "not found"})

    def gate_sale(self, raw: bytes) -> tuple[int, dict[str, Any]]:
        try:
            text = raw.decode("utf-8")
            body = json.loads(text)
        except ValueError:
            return gate_error(400, "the request body is not JSON")
        if not isinstance(body, dict):
            return gate_error(400, "the request body is not a JSON object")
        general = body.get("general")
        if not isinstance(general, dict):
            return gate_error(400, "general is required", body, "general")
        project = self.platform.projects.get(general.get("project_id"))  # type: ignore[arg-type]
        if project is None or project.platform != "monetix":
            return gate_error(400, "unknown project", body, "general.project_id")
        ok, why = self.platform.sdk(project).check_body(project.secret, text)
        if not ok:
            return gate_error(400, f"invalid signature ({why})", body, "general.signature")
        for obj, key in GATE_REQUIRED:
            part = body.get(obj)
            if not isinstance(part, dict) or part.get(key) in (None, ""):
                return gate_error(400, f"{obj}.{key} is required", body, f"{obj}.{key}")
        payment = body["payment"]
        if payment["currency"] != "UZS":
            return gate_error(400, f"currency {payment['currency']} is not available for sbp-qr (UZS only)",
                              body, "payment.currency")
        amount = payment["amount"]
        if not isinstance(amount, int) or isinstance(amount, bool):
            return gate_error(400, "payment.amount is an integer in minor units", body, "payment.amount")
        if not CLICK_QR_MIN <= amount <= CLICK_QR_MAX:
            return gate_error(400, f"amount {amount} is outside the sbp-qr limits {CLICK_QR_MIN}..{CLICK_QR_MAX}",
                              body, "payment.amount")
        callback_url = general.get("merchant_callback_url")
        if not isinstance(callback_url, str) or not callback_url.startswith("http://"):
            return gate_error(400, "general.merchant_callback_url is required by the sandbox", body,
                              "general.merchant_callback_url")
        p = Payment(project, str(general["payment_id"]), "sbp-qr", amount, "UZS",
                    str(body["customer"]["id"]), callback_url)
        taken = self.platform.add(p)
        if taken:
            return gate_error(400, taken, body, "general.payment_id")
        # The provider answers with the QR data: the display_data callback.
        self.platform.send(p, "display_data", self.platform.callback_body(p, p.status, display=True))
        return 200, {"status": "success", "project_id": project.project_id, "payment_id": p.payment_id,
                     "request_id": uuid.uuid4().hex}

    def payment_page(self, query: str, qr: bool) -> None:
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
        params = dict(pairs)
        if len(params) != len(pairs):
            self.json(400, {"status": "error", "message": "a parameter is repeated"})
            return
        missing = [k for k in (QR_REQUIRED if qr else ["project_id", "payment_id", "payment_currency",
                                                        "payment_amount", "signature"]) if not params.get(k)]
        if missing:
            self.json(400, {"status": "error", "message": f"{missing[0]} is required", "field": missing[0]})
            return
        try:
            project = self.platform.projects.get(int(params["project_id"]))
            amount = int(params["payment_amount"])
        except ValueError:
            project, amount = None, -1
        if project is None:
            self.json(400, {"status": "error", "message": "unknown project", "field": "project_id"})
            return
        signature = params.pop("signature")
        if not self.platform.sdk(project).check_params(project.secret, params, signature):
            self.json(400, {"status": "error", "message": "invalid signature", "field": "signature"})
            return
        if amount <= 0:
            self.json(400, {"status": "error", "message": "payment_amount is a positive integer"})
            return
        callback_url = params.get("merchant_callback_url", "")
        if not callback_url.startswith("http://"):
            self.json(400, {"status": "error", "message": "merchant_callback_url is required by the sandbox"})
            return
        payment_id = params["payment_id"]
        existing = self.platform.payments.get(payment_id)
        if existing is None:
            p = Payment(project, payment_id, "qr" if qr else "card", amount, params["payment_currency"],
                        params.get("customer_id", ""), callback_url)
            taken = self.platform.add(p)
            if taken:  # a concurrent request took it
                existing = self.platform.payments[payment_id]
        if existing is not None and (existing.amount, existing.currency) != (amount, params["payment_currency"]):
            self.json(400, {"status": "error", "message": "payment_id is already used for another amount"})
            return
        link = self.platform.checkout_url(payment_id)
        if qr:
            img_src = segno.make(link, error="m").png_data_uri(scale=8, border=4)
            self.json(200, {"img_src": img_src})
        else:
            self.reply(302, b"", "text/plain", {"Location": link})

    def checkout(self, payment_id: str) -> None:
        p = self.platform.payments.get(payment_id)
        if p is None:
            self.page(404, "No such payment", "")
            return
        pid = html.escape(urllib.parse.quote(payment_id, safe=""))
        digits = 2
        major = f"{p.amount // 10**digits:,}.{p.amount % 10**digits:02d}"
        buttons = ""
        if p.status not in ("success", "decline"):
            buttons = (f"<form method='post' action='/checkout/{pid}/pay'><button>Pay</button></form>"
                       f"<form method='post' action='/checkout/{pid}/decline'><button>Decline</button></form>")
        self.page(200, "Sandbox checkout",
                  f"<p>Payment <b>{html.escape(payment_id)}</b>: {major} {html.escape(p.currency)}</p>"
                  f"<p>Status: <span id='status'>{html.escape(p.status)}</span></p>{buttons}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sdk-dir", required=True, help="folder with one folder per official SDK")
    ap.add_argument("--project", action="append", default=[], metavar="ID=PLATFORM:SECRET")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--timeout", type=float, default=300, help="stop by itself after this many seconds")
    args = ap.parse_args(argv)

    projects: dict[int, Project] = {}
    for spec in args.project:
        pid, _, rest = spec.partition("=")
        platform, _, secret = rest.partition(":")
        if platform not in SDK_OF_PLATFORM or not secret:
            ap.error(f"--project {spec}: ID=monetix:SECRET or ID=jetpay:SECRET")
        projects[int(pid)] = Project(int(pid), platform, secret)
    sdks = {name: Sdk(os.path.join(args.sdk_dir, SDK_OF_PLATFORM[name]))
            for name in {p.platform for p in projects.values()}}

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    platform = Platform(projects, sdks, f"http://127.0.0.1:{port}")
    Handler.platform = platform
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{port}\n")
        os.replace(tmp, args.port_file)
    log(f"listening on {platform.base_url}, stopping by itself in {args.timeout:.0f} s")
    timer = threading.Timer(args.timeout, server.shutdown)
    timer.daemon = True
    timer.start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        platform.stopping.set()
        server.server_close()
        for sdk in sdks.values():
            sdk.close()
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
