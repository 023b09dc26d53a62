"""The platform's official Python SDK as the sandbox's signer and checker, so that the sandbox
never trusts qrsign: every signature it checks or makes comes from PyPI's `ecommpay-sdk`
(Monetix is an ECommPay white label) or `jetpay-sdk`.

Both SDKs install the same module, `payment_page_sdk`, so each one runs in a worker process of
its own with its own folder on sys.path (`make python-sdks` installs them into
build/py-sdk/<name>). The worker reads one JSON request a line and answers one JSON line.

    python sdk.py --worker        (PYTHONPATH=build/py-sdk/jetpay-sdk)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from typing import Any

SDK_OF_PLATFORM = {"monetix": "ecommpay-sdk", "jetpay": "jetpay-sdk"}


class SdkError(Exception):
    """The worker failed (not a signature mismatch: that is a False answer)."""


class Sdk:
    """One official SDK in its worker process; thread-safe (one request at a time)."""

    def __init__(self, sdk_dir: str) -> None:
        if not os.path.isdir(os.path.join(sdk_dir, "payment_page_sdk")):
            raise SdkError(f"no payment_page_sdk in {sdk_dir} (run `make python-sdks`)")
        env = dict(os.environ, PYTHONPATH=sdk_dir)
        self._proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, bufsize=1,
        )
        self._lock = threading.Lock()

    def _call(self, request: dict[str, Any]) -> Any:
        with self._lock:
            assert self._proc.stdin and self._proc.stdout
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise SdkError("the SDK worker exited")
        answer = json.loads(line)
        if "error" in answer:
            raise SdkError(answer["error"])
        return answer["ok"]

    def sign(self, secret: str, params: dict[str, Any]) -> str:
        """SignatureHandler(secret).sign(params)."""
        return str(self._call({"op": "sign", "secret": secret, "params": params}))

    def check_params(self, secret: str, params: dict[str, Any], signature: str) -> bool:
        """SignatureHandler(secret).check(params, signature): a Payment Page query."""
        return bool(self._call({"op": "check", "secret": secret, "params": params, "signature": signature}))

    def check_body(self, secret: str, body: str) -> tuple[bool, str]:
        """The SDK's Callback class on a JSON body (signature at top level or in
        general.signature): (True, "") or (False, the SDK's message)."""
        ok, message = self._call({"op": "check_body", "secret": secret, "body": body})
        return ok, message

    def close(self) -> None:
        if self._proc.stdin:
            self._proc.stdin.close()
        self._proc.wait(timeout=5)


def _worker() -> None:
    from payment_page_sdk.callback import Callback
    from payment_page_sdk.signature_handler import SignatureHandler

    for line in sys.stdin:
        req = json.loads(line)
        try:
            handler = SignatureHandler(req["secret"])
            if req["op"] == "sign":
                out: Any = handler.sign(req["params"])
            elif req["op"] == "check":
                out = handler.check(req["params"], req["signature"])
            else:
                try:
                    Callback(req["body"], handler)
                    out = [True, ""]
                except Exception as e:  # the SDK raises ProcessException (or worse)
                    out = [False, str(e)]
            answer = {"ok": out}
        except Exception as e:
            answer = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _worker()
