"""Starts and stops the end-to-end set-up (the platform sandbox, the merchant back-end, the POS
terminal) for tests/e2e/test_e2e.py and examples/python/demo.py, and "scans" QR codes the way a
phone would: zxing-cpp on the rendered image (PNG, screenshot, or the POS's ESC/POS raster).

Every process gets a log file in the run's folder and is stopped (SIGTERM, then SIGKILL) when
the Stack closes; the sandbox and the merchant also stop by themselves after their timeout.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import IO, Any, TypeVar

import zxingcpp
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SANDBOX = os.path.join(ROOT, "tests", "sandbox", "sandbox.py")
MERCHANT = os.path.join(ROOT, "examples", "python", "merchant", "server.py")
MERCHANT_CONFIG = os.path.join(ROOT, "examples", "python", "merchant", "config.json")
POS = os.environ.get("QRSIGN_POS", os.path.join(ROOT, "build", "c", "pos_terminal"))
SDK_DIR = os.environ.get("QRSIGN_SDK_DIR", os.path.join(ROOT, "build", "py-sdk"))

# The demo projects: the same secrets as the merchant's config.json and the POS example.
PROJECTS = {1234: ("monetix", "pos-demo-secret"), 5678: ("jetpay", "jetpay-demo-secret")}
SERVICE_TIMEOUT = 300  # seconds after which the sandbox and the merchant stop by themselves

T = TypeVar("T")


class CheckFailed(AssertionError):
    """A step of the purchase did not check out."""


def free_port() -> int:
    """A port that was free a moment ago (for a service that must come back on the same one)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, probe: Callable[[], T | None], timeout: float = 20, every: float = 0.05) -> T:
    """Polls ``probe`` until it returns something other than None (or False)."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None and value is not False:
            return value
        if time.monotonic() > deadline:
            raise CheckFailed(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


class Service:
    """One server process (Python, our venv's interpreter) that writes its port to a file."""

    def __init__(self, name: str, argv: list[str], run_dir: str, port: int = 0, wait: bool = True,
                 timeout: float = SERVICE_TIMEOUT) -> None:
        self.name = name
        self.port_file = os.path.join(run_dir, f"{name}.port")
        self.log_path = os.path.join(run_dir, f"{name}.log")
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        self._argv = [sys.executable, *argv, "--port", str(port), "--port-file", self.port_file,
                      "--timeout", str(timeout)]
        self.port = port
        self.proc: subprocess.Popen[bytes] | None = None
        self.start(wait)

    def start(self, wait: bool = True) -> None:
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self._argv, stdout=log, stderr=log, cwd=os.path.dirname(self._argv[1]))
        log.close()
        if wait:
            self.port = wait_for(f"{self.name} to listen", self._read_port, timeout=20)

    def _read_port(self) -> int | None:
        if self.proc is not None and self.proc.poll() is not None:
            raise CheckFailed(f"{self.name} exited with {self.proc.returncode}:\n{self.log()}")
        try:
            with open(self.port_file) as f:
                return int(f.read())
        except (OSError, ValueError):
            return None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def kill(self) -> None:
        """SIGKILL: no clean-up, as a crash or the OOM killer would do it."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        os.remove(self.port_file)

    def restart(self) -> None:
        """Back on the same port (callbacks go to a fixed URL)."""
        self._argv[self._argv.index("--port") + 1] = str(self.port)
        self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_sandbox(run_dir: str, port: int = 0, timeout: float = SERVICE_TIMEOUT) -> Service:
    args = [SANDBOX, "--sdk-dir", SDK_DIR]
    for pid, (platform, secret) in PROJECTS.items():
        args += ["--project", f"{pid}={platform}:{secret}"]
    return Service("sandbox", args, run_dir, port, timeout=timeout)


def start_merchant(run_dir: str, platform_url: str, port: int = 0) -> Service:
    db = os.path.join(run_dir, "merchant.db")
    return Service("merchant", [MERCHANT, "--config", MERCHANT_CONFIG, "--db", db, "--platform", platform_url],
                   run_dir, port)


class Stack:
    """The sandbox and the merchant back-end, stopped on exit."""

    def __init__(self, run_dir: str, sandbox_port: int = 0, start_sandbox_now: bool = True) -> None:
        os.makedirs(run_dir, exist_ok=True)
        self.run_dir = run_dir
        self.sandbox_port = sandbox_port or free_port()
        self.sandbox: Service | None = start_sandbox(run_dir, self.sandbox_port) if start_sandbox_now else None
        self.merchant = start_merchant(run_dir, f"http://127.0.0.1:{self.sandbox_port}")
        self.pos: list[subprocess.Popen[bytes]] = []

    def start_sandbox(self) -> Service:
        self.sandbox = start_sandbox(self.run_dir, self.sandbox_port)
        return self.sandbox

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for p in self.pos:
            if p.poll() is None:
                p.kill()
                p.wait()
        self.merchant.stop()
        if self.sandbox is not None:
            self.sandbox.stop()

    def run_pos(self, payment_id: str, amount: str, raster: str, stdout: int | IO[bytes] | None = subprocess.PIPE,
                stderr: int | IO[bytes] | None = subprocess.PIPE) -> subprocess.Popen[bytes]:
        """The C POS terminal (--http mode), started in the background."""
        argv = [POS, "--http", f"127.0.0.1:{self.sandbox_port}", f"127.0.0.1:{self.merchant.port}",
                payment_id, amount, raster]
        p = subprocess.Popen(argv, stdout=stdout, stderr=stderr)
        self.pos.append(p)
        return p

    # ---- HTTP helpers --------------------------------------------------------------------
    def merchant_payment(self, payment_id: str) -> dict[str, Any] | None:
        code, body = request(f"{self.merchant.url}/payments/{payment_id}.json")
        return json.loads(body) if code == 200 else None

    def sandbox_payment(self, payment_id: str) -> dict[str, Any] | None:
        assert self.sandbox is not None
        code, body = request(f"{self.sandbox.url}/sandbox/payments/{payment_id}")
        return json.loads(body) if code == 200 else None

    def wait_status(self, payment_id: str, status: str, timeout: float = 20) -> dict[str, Any]:
        def probe() -> dict[str, Any] | None:
            p = self.merchant_payment(payment_id)
            return p if p is not None and p["status"] == status else None
        return wait_for(f"payment {payment_id} to be {status!r} at the merchant", probe, timeout)


def request(url: str, body: bytes | None = None, method: str | None = None,
            headers: dict[str, str] | None = None, follow: bool = True) -> tuple[int, bytes]:
    """(status, body) of one HTTP request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=body, method=method or ("POST" if body is not None else "GET"),
                                 headers=headers or {"Content-Type": "application/json"})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# ---- the phone: scanning ------------------------------------------------------------------
def scan(image: Image.Image) -> list[str]:
    """The texts of every QR code zxing-cpp finds in the image."""
    return [r.text for r in zxingcpp.read_barcodes(image) if r.valid]


def scan_png(png: bytes) -> list[str]:
    return scan(Image.open(io.BytesIO(png)))


def escpos_image(raster: bytes) -> Image.Image:
    """The image an ESC/POS printer prints for one `GS v 0` raster command (1 = a black dot)."""
    if raster[:3] != b"\x1dv0" or len(raster) < 8:
        raise CheckFailed("not a GS v 0 raster")
    width_bytes = raster[4] | raster[5] << 8
    height = raster[6] | raster[7] << 8
    data = raster[8:8 + width_bytes * height]
    if len(data) != width_bytes * height:
        raise CheckFailed("truncated raster")
    # PIL's mode "1" reads a set bit as white: invert the printer's dots.
    return Image.frombytes("1", (width_bytes * 8, height), bytes(b ^ 0xFF for b in data))
