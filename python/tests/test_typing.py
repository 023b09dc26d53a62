"""Types: `mypy --strict` on an example merchant script against the installed package, and
`mypy.stubtest` of the package (its inline annotations and the native module's stub)."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_mypy_strict_on_a_merchant_script() -> None:
    script = ROOT / "examples" / "python" / "merchant_script.py"
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
                          capture_output=True, text=True, cwd=pathlib.Path(__file__).parent)
    assert done.returncode == 0, done.stdout + done.stderr


def test_stubtest() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy.stubtest", "qrsign", "--allowlist", str(pathlib.Path(__file__).with_name("stubtest-allowlist.txt"))], capture_output=True, text=True,
                          cwd=pathlib.Path(__file__).parent)
    assert done.returncode == 0, done.stdout + done.stderr
