"""The `qrsign` command (the installed console script): every subcommand, each exit status, and
the secret never in stdout, stderr or any message."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

import qrsign

SECRET = "cli-Secret-Value-77"
BIN = pathlib.Path(sys.executable).with_name("qrsign")


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run([str(BIN), *args], input=stdin, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=60)
    for stream in (done.stdout, done.stderr):
        assert SECRET.encode() not in stream, f"the secret shows in the output of {args}"
    return done


@pytest.fixture
def secret_file(tmp_path: pathlib.Path) -> str:
    p = tmp_path / "key.txt"
    p.write_text(SECRET + "\n")
    return str(p)


REQUEST = b'{"general":{"project_id":1,"payment_id":"p"},"payment":{"amount":5000000,"currency":"UZS"}}'


def test_sign_verify_canonical(secret_file: str, tmp_path: pathlib.Path) -> None:
    done = run("sign", "--secret-file", secret_file, stdin=REQUEST)
    assert done.returncode == 0
    sig = done.stdout.decode().strip()
    assert sig == qrsign.sign(REQUEST, SECRET)
    req = tmp_path / "req.json"
    req.write_bytes(REQUEST)
    assert run("verify", "--secret-file", secret_file, "--signature", sig, str(req)).returncode == 0
    bad = run("verify", "--secret-file", secret_file, "--signature", qrsign.sign(b"{}", SECRET), str(req))
    assert bad.returncode == 1 and b"invalid signature" in bad.stderr
    canon = run("canonical", stdin=REQUEST)
    assert canon.returncode == 0 and canon.stdout.decode().strip() == qrsign.canonical(REQUEST)


def test_secret_sources(secret_file: str) -> None:
    sig = qrsign.sign(REQUEST, SECRET)
    assert run("sign", env={"QRSIGN_SECRET": SECRET}, stdin=REQUEST).stdout.decode().strip() == sig
    shown = run("sign", "--secret", SECRET, stdin=REQUEST)
    assert shown.stdout.decode().strip() == sig and b"process list" in shown.stderr
    none = run("sign", stdin=REQUEST, env={"QRSIGN_SECRET": ""})
    assert none.returncode == 2 and b"no secret" in none.stderr


def test_verify_callback_and_gate_body(secret_file: str) -> None:
    signed = run("gate-body", "--secret-file", secret_file, stdin=REQUEST)
    assert signed.returncode == 0
    out = run("verify-callback", "--secret-file", secret_file, stdin=signed.stdout)
    assert out.returncode == 0
    assert json.loads(out.stdout)["signature_key"] == "general.signature"
    tampered = signed.stdout.replace(b"5000000", b"5000001")
    assert run("verify-callback", "--secret-file", secret_file, stdin=tampered).returncode == 1
    assert run("verify-callback", "--secret-file", secret_file, stdin=b"{not json").returncode == 2
    missing = run("verify-callback", "--secret-file", secret_file, stdin=REQUEST)
    assert missing.returncode == 2 and b"no signature" in missing.stderr


def test_diagnose_and_url(secret_file: str, tmp_path: pathlib.Path) -> None:
    sig = qrsign.Signer(SECRET, sort="line-bytewise").sign(b'{"address":1,"address2":2}')
    d = run("diagnose", "--secret-file", secret_file, "--signature", sig, stdin=b'{"address":1,"address2":2}')
    assert d.returncode == 0 and b"matching orders: line-bytewise" in d.stdout and b"hint:" in d.stdout
    wrong = run("diagnose", "--secret-file", secret_file, "--signature", qrsign.sign(b"{}", "x"), stdin=b'{"a":1}')
    assert wrong.returncode == 1
    url = run("url", "--secret-file", secret_file, stdin=b'{"project_id":1,"payment_id":"p 1"}')
    assert url.returncode == 0 and url.stdout.startswith(b"https://paymentpage.ecommpay.com/payment?project_id=1&payment_id=p+1&signature=")
    jp = run("url", "--secret-file", secret_file, "--jetpay-qr", stdin=b'{"project_id":1}')
    assert jp.stdout.startswith(qrsign.JETPAY_GENERATE_QR.encode() + b"?")
    assert run("url", "--secret-file", secret_file, stdin=b"[1]").returncode == 2


def test_qr(tmp_path: pathlib.Path) -> None:
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<"), ("escpos", b"\x1dv0"), ("pbm", b"P4")):
        out = tmp_path / f"qr.{fmt}"
        done = run("qr", "--format", fmt, "-o", str(out), "https://example.uz/qr")
        assert done.returncode == 0 and out.read_bytes().startswith(magic), fmt
    term = run("qr", "https://example.uz/qr")
    assert term.returncode == 0
    assert "▀".encode() in term.stdout or "█".encode() in term.stdout
    assert run("qr", "--format", "png", "x" * 5000, "-o", str(tmp_path / "big.png")).returncode == 2


@pytest.mark.parametrize("command", ["sign", "verify", "verify-callback", "canonical", "diagnose", "url", "gate-body", "qr"])
def test_help_has_an_example(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and b"example:" in done.stdout


def test_python_dash_m() -> None:
    done = subprocess.run([sys.executable, "-m", "qrsign", "--version"], capture_output=True, check=True)
    assert done.stdout.decode().strip() == f"qrsign {qrsign.__version__}"


def test_errors_and_reprs_never_show_the_secret() -> None:
    signer = qrsign.Signer(SECRET)
    texts = [repr(signer), str(signer)]
    for bad in (b"{", b'{"a":1}', b'{"a":1,"signature":"x"}', b"\xff"):
        try:
            signer.verify_callback(bad)
        except qrsign.Error as e:
            texts += [str(e), repr(e)]
    assert all(SECRET not in t for t in texts)
