"""The ``qrsign`` command: sign, verify and diagnose platform requests and callbacks, build URLs
and Gate bodies, draw QR codes. JSON comes from a file argument or stdin; the secret from
``--secret-file``, the ``QRSIGN_SECRET`` environment variable, or ``--secret`` (visible in the
process list: a warning says so). The secret is never printed.

Exit status: 0 success, 1 invalid signature, 2 bad input (one line on stderr says why).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, BinaryIO, Callable, NoReturn, Sequence

from . import __version__
from .errors import Error, InvalidSignature
from .qr import qr
from .signing import ECOMMPAY_PAYMENT_PAGE, JETPAY_GENERATE_QR, Signer, canonical

EXAMPLES = {
    "sign": "qrsign sign --secret-file key.txt request.json",
    "verify": "qrsign verify --secret-file key.txt --signature 'lY0L...Rg==' request.json",
    "verify-callback": "QRSIGN_SECRET=... qrsign verify-callback callback.json",
    "canonical": "echo '{\"b\":2,\"a\":1}' | qrsign canonical",
    "diagnose": "qrsign diagnose --secret-file key.txt --signature 'lY0L...Rg==' request.json",
    "url": "qrsign url --secret-file key.txt --jetpay-qr params.json",
    "gate-body": "qrsign gate-body --secret-file key.txt sale.json > signed.json",
    "qr": "qrsign qr --format png -o qr.png 'https://example.uz/qr'",
}


class BadInput(Exception):
    """Bad command-line input (exit status 2)."""


def _read(path: str | None) -> bytes:
    if path is None or path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise BadInput(f"cannot read {path}: {e.strerror}") from None


def _secret(args: argparse.Namespace) -> bytes:
    if args.secret_file:
        data = _read(args.secret_file)
        secret = data[:-1] if data.endswith(b"\n") else data
        return secret[:-1] if secret.endswith(b"\r") else secret
    env = os.environ.get("QRSIGN_SECRET")
    if env:
        return env.encode("utf-8")
    if args.secret is not None:
        print("qrsign: warning: --secret shows in the process list; prefer --secret-file or QRSIGN_SECRET",
              file=sys.stderr)
        return str(args.secret).encode("utf-8")
    raise BadInput("no secret: give --secret-file FILE, set QRSIGN_SECRET, or --secret")


def _signer(args: argparse.Namespace) -> Signer:
    return Signer(_secret(args), sort=args.sort, strict=args.strict)


def _out(args: argparse.Namespace) -> BinaryIO:
    if getattr(args, "output", None):
        try:
            return open(args.output, "wb")
        except OSError as e:
            raise BadInput(f"cannot write {args.output}: {e.strerror}") from None
    return sys.stdout.buffer


def _emit(text: str | bytes, args: argparse.Namespace) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    out = _out(args)
    out.write(data)
    if isinstance(text, str) and not text.endswith("\n"):
        out.write(b"\n")
    out.flush()
    if out is not sys.stdout.buffer:
        out.close()


def cmd_sign(args: argparse.Namespace) -> int:
    _emit(_signer(args).sign(_read(args.file)), args)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    ok = _signer(args).verify(_read(args.file), args.signature)
    print("valid" if ok else "invalid signature", file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def cmd_verify_callback(args: argparse.Namespace) -> int:
    cb = _signer(args).verify_callback(_read(args.file))
    status = cb.payment_status
    print(json.dumps({
        "valid": True,
        "signature_key": cb.signature_key,
        "payment_id": cb.payment_id,
        "payment_status": None if status is None else str(getattr(status, "value", status)),
        "operation_code": cb.operation_code,
        "amount": cb.amount,
        "currency": cb.currency,
        "is_success": cb.is_success,
    }, ensure_ascii=False))
    return 0


def cmd_canonical(args: argparse.Namespace) -> int:
    _emit(canonical(_read(args.file), sort=args.sort), args)
    return 0


def cmd_diagnose(args: argparse.Namespace) -> int:
    d = _signer(args).diagnose(_read(args.file), args.signature)
    print(f"matching orders: {', '.join(d.matching) if d.matching else 'none'}")
    if d.location:
        print(f"signature at: {d.location}")
    print(f"canonical: {d.canonical}")
    for hint in d.hints:
        print(f"hint: {hint}")
    return 0 if d.matched else 1


def _flat(data: bytes) -> dict[str, Any]:
    try:
        params = json.loads(data)
    except ValueError as e:
        raise BadInput(f"parameters are not JSON: {e}") from None
    if not isinstance(params, dict):
        raise BadInput("URL parameters are a JSON object of flat values")
    return params


def cmd_url(args: argparse.Namespace) -> int:
    base = args.base or (JETPAY_GENERATE_QR if args.jetpay_qr else ECOMMPAY_PAYMENT_PAGE)
    _emit(_signer(args).payment_page_url(_flat(_read(args.file)), base=base), args)
    return 0


def cmd_gate_body(args: argparse.Namespace) -> int:
    _emit(_signer(args).gate_body(_read(args.file)), args)
    return 0


def cmd_qr(args: argparse.Namespace) -> int:
    data = args.data if args.data is not None else _read(None).decode("utf-8").strip()
    code = qr(data, ecc=args.ecc)
    fmt = args.format
    if fmt == "svg":
        out: str | bytes = code.svg(scale=args.scale or 1)
    elif fmt == "png":
        out = code.png(scale=args.scale or 8)
    elif fmt == "terminal":
        out = code.terminal(invert=args.invert)
    elif fmt == "escpos":
        out = code.escpos(scale=args.scale or 6)
    else:
        out = code.pbm(scale=args.scale or 1)
    if isinstance(out, bytes) and not args.output and sys.stdout.isatty():
        raise BadInput(f"{fmt} is binary: write it to a file with -o FILE")
    _emit(out, args)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qrsign", description=__doc__.split("\n\n")[0] if __doc__ else None,
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="exit status: 0 success, 1 invalid signature, 2 bad input")
    p.add_argument("--version", action="version", version=f"qrsign {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str, func: Callable[[argparse.Namespace], int], *, secret: bool = True,
            file: bool = True) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {EXAMPLES[name]}",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.set_defaults(func=func)
        if secret:
            g = sp.add_argument_group("secret (one of)")
            g.add_argument("--secret-file", metavar="FILE", help="a file holding the secret (one trailing newline ignored)")
            g.add_argument("--secret", help="the secret itself (shows in the process list)")
            sp.add_argument("--strict", action="store_true", help="refuse ambiguous strings (SECURITY.md)")
        sp.add_argument("--sort", default="natural", choices=["natural", "path-bytewise", "line-bytewise"],
                        help="sort order of the integration (default: natural, the platform's)")
        if file:
            sp.add_argument("file", nargs="?", help="JSON file (default: stdin)")
        return sp

    add("sign", "print the signature of a request's JSON", cmd_sign).add_argument("-o", "--output", help="write to FILE")
    add("verify", "check a signature over a request's JSON", cmd_verify).add_argument(
        "--signature", required=True, help="the signature to check")
    add("verify-callback", "verify a callback body and print its main fields as JSON", cmd_verify_callback)
    add("canonical", "print the canonical string the platform signs", cmd_canonical, secret=False).add_argument(
        "-o", "--output", help="write to FILE")
    add("diagnose", "tell why a signature is rejected", cmd_diagnose).add_argument(
        "--signature", help="the signature (default: the callback's own)")
    u = add("url", "print a signed Payment Page (or JetPay generate-qr) URL for flat JSON parameters", cmd_url)
    u.add_argument("--base", help="the page's address")
    u.add_argument("--jetpay-qr", action="store_true", help="JetPay's generate-qr endpoint")
    u.add_argument("-o", "--output", help="write to FILE")
    add("gate-body", "print a Gate request body with general.signature set", cmd_gate_body).add_argument(
        "-o", "--output", help="write to FILE")
    q = add("qr", "draw a QR code of some text (the qr_data link, a URL)", cmd_qr, secret=False, file=False)
    q.add_argument("data", nargs="?", help="the text (default: stdin)")
    q.add_argument("--format", default="terminal", choices=["svg", "png", "terminal", "escpos", "pbm"])
    q.add_argument("--ecc", default="M", choices=["L", "M", "Q", "H"])
    q.add_argument("--scale", type=int, help="pixels (or dots) a module")
    q.add_argument("--invert", action="store_true", help="terminal: light on dark")
    q.add_argument("-o", "--output", help="write to FILE")
    return p


def _fail(message: str) -> NoReturn:
    print(f"qrsign: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InvalidSignature as e:
        print(f"qrsign: invalid signature: {e}", file=sys.stderr)
        return 1
    except (Error, BadInput, TypeError, UnicodeDecodeError) as e:
        _fail(str(e))
