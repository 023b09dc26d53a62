"""Differential tests against the platform's official Python SDKs (ecommpay-sdk 1.0.6,
jetpay-sdk 1.0.0, trxhosts-sdk 1.0.4), an independent implementation: on a few hundred random
realistic payloads of the shapes where every SDK is right (no nulls, arrays of at most 10
items, keys without digits or spaces), our signature equals their ``SignatureHandler.sign``,
their ``Callback`` accepts the callbacks we sign, and we accept theirs. Each SDK runs in its own
process from its own folder (``build/py-sdk/<name>``: all three install the same module)."""

from __future__ import annotations

import json
import os
import pathlib
import random
import string
import subprocess
import sys
from typing import Any

import pytest

import qrsign

SDK_ROOT = pathlib.Path(os.environ.get("QRSIGN_SDK_DIR", pathlib.Path(__file__).resolve().parents[2] / "build" / "py-sdk"))
SDKS = ["ecommpay-sdk", "jetpay-sdk", "trxhosts-sdk"]
WORKER = pathlib.Path(__file__).with_name("sdk_worker.py")
KEY_CHARS = string.ascii_letters + "_-"
TEXT = string.ascii_letters + string.digits + " .,;:/+=&?#%-_" + "ЁёОплатақазақ€😀"


def _key(r: random.Random) -> str:
    return "".join(r.choice(KEY_CHARS) for _ in range(r.randint(1, 12)))


def _value(r: random.Random, depth: int) -> Any:
    kind = r.randrange(7 if depth < 3 else 4)
    if kind == 0:
        return "".join(r.choice(TEXT) for _ in range(r.randint(0, 30)))
    if kind == 1:
        return r.randint(-(10**12), 10**15)
    if kind == 2:
        return r.random() < 0.5
    if kind == 3:
        return r.randint(0, 100) + r.choice([0.5, 0.25, 0.75])
    if kind in (4, 5):
        return {_key(r): _value(r, depth + 1) for _ in range(r.randint(0, 6))}
    return [_value(r, depth + 1) for _ in range(r.randint(0, 10))]


def payloads(n: int = 300) -> list[dict[str, Any]]:
    r = random.Random(20261202)
    out = []
    for _ in range(n):
        p = {_key(r): _value(r, 0) for _ in range(r.randint(1, 8))}
        p.pop("signature", None)
        p.pop("frame_mode", None)
        out.append(p)
    return out


def run_sdk(sdk: str, jobs: list[dict[str, Any]]) -> list[Any]:
    folder = SDK_ROOT / sdk
    if not folder.is_dir():
        pytest.fail(f"{folder} missing: `make test-python` installs the SDKs (python/requirements-oracle.txt)")
    env = dict(os.environ, PYTHONPATH=str(folder))
    done = subprocess.run([sys.executable, str(WORKER)], input=json.dumps(jobs), capture_output=True,
                          text=True, env=env, check=True)
    results: list[Any] = json.loads(done.stdout)
    return results


@pytest.mark.parametrize("sdk", SDKS)
def test_signatures_equal_the_sdk(sdk: str) -> None:
    docs = payloads()
    theirs = run_sdk(sdk, [{"op": "sign", "secret": "oracle-secret", "params": d} for d in docs])
    ours = [qrsign.sign(d, "oracle-secret") for d in docs]
    mismatches = [(d, o, t) for d, o, t in zip(docs, ours, theirs) if o != t]
    assert not mismatches, f"{len(mismatches)} of {len(docs)} differ, first: {mismatches[0]}"


@pytest.mark.parametrize("sdk", SDKS)
def test_callbacks_cross_verify(sdk: str) -> None:
    docs = payloads(150)
    ours = [qrsign.gate_body(d, "cb-secret") for d in docs]
    accepted = run_sdk(sdk, [{"op": "callback", "secret": "cb-secret", "body": b} for b in ours])
    assert all(accepted), f"{accepted.count(False)} of our callbacks refused by {sdk}"
    assert not any(run_sdk(sdk, [{"op": "callback", "secret": "other", "body": b} for b in ours[:20]]))
    their_sigs = run_sdk(sdk, [{"op": "sign", "secret": "cb-secret", "params": d} for d in docs])
    for d, sig in zip(docs, their_sigs):
        body = json.dumps({**d, "signature": sig}, ensure_ascii=False)
        assert qrsign.verify_callback(body, "cb-secret").signature_key == "signature"
