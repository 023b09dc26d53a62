#!/usr/bin/env python3
"""Turns the shared signing vectors and callback cases into a C header of byte tables.

C has no JSON parser, so `make test-c` runs this first: `gen_vectors.py OUT.h`. The inputs are
tests/vectors/signing-vectors.json and tests/vectors/callback-cases.json; the environment
variables QRSIGN_VECTORS and QRSIGN_CALLBACK_CASES name files in the same format to use instead
(as in the Rust vector test). Every string is emitted as a byte array (no C string-literal
length limits, embedded bytes exact), the JSON text verbatim from `params_json` / `body_json`.

Expected canonical strings for the compatibility orders come from the vector file itself: the
reference when the SDK that defines the order (python-git-head: path-bytewise, go:
line-bytewise) agrees, else that SDK's own canonical string when it is a reordering of the
reference lines (a difference of order only); otherwise no expectation is emitted.
"""

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
ORDER_SDK = {1: "python-git-head", 2: "go"}  # QRSIGN_SORT_PATH_BYTEWISE, QRSIGN_SORT_LINE_BYTEWISE


def c_bytes(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    body = ",".join(str(b) for b in data) if data else "0"
    return f"static const uint8_t {name}[] = {{{body}}};\n", len(data)


def c_str(s):
    out = []
    for b in s.encode("utf-8"):
        ch = chr(b)
        out.append(ch if ch.isalnum() or ch in "-_. :/" else f"\\{b:03o}")
    return '"' + "".join(out) + '"'


def flat_params(v):
    """The vector as flat parameters, or None when it has nested values or non-integer numbers."""
    params = json.loads(v["params_json"])
    out = []
    for name, value in params.items():
        if isinstance(value, bool):
            out.append((name, "QRSIGN_VALUE_BOOL", "", int(value)))
        elif value is None:
            out.append((name, "QRSIGN_VALUE_NULL", "", 0))
        elif isinstance(value, int) and -(2**63) <= value < 2**63:
            out.append((name, "QRSIGN_VALUE_INT", "", value))
        elif isinstance(value, str):
            out.append((name, "QRSIGN_VALUE_STR", value, 0))
        else:
            return None
    # Number literals must survive as written (e.g. `1.0` is not an integer parameter).
    if any(k == "QRSIGN_VALUE_INT" for _, k, _, _ in out):
        decoded = json.loads(v["params_json"], parse_float=lambda s: None, parse_int=str)
        for name, kind, _, num in out:
            if kind == "QRSIGN_VALUE_INT" and decoded[name] != str(num):
                return None
    return out


def main():
    out_path = pathlib.Path(sys.argv[1])
    vec_path = pathlib.Path(os.environ.get("QRSIGN_VECTORS") or ROOT / "tests/vectors/signing-vectors.json")
    cb_path = pathlib.Path(
        os.environ.get("QRSIGN_CALLBACK_CASES") or ROOT / "tests/vectors/callback-cases.json"
    )
    vectors = json.loads(vec_path.read_text())
    cases = json.loads(cb_path.read_text())

    decls = []
    rows = []
    for i, v in enumerate(vectors):
        p = f"v{i}"
        d, n_secret = c_bytes(f"{p}_secret", v["secret"])
        decls.append(d)
        d, n_json = c_bytes(f"{p}_json", v["params_json"])
        decls.append(d)
        d, n_canon = c_bytes(f"{p}_canonical", v["canonical"])
        decls.append(d)
        d, n_sig = c_bytes(f"{p}_signature", v["signature"])
        decls.append(d)
        orders = []
        for order, sdk in sorted(ORDER_SDK.items()):
            expected = None
            if sdk in v.get("agreeing_sdks", []):
                expected = v["canonical"]
            else:
                theirs = v.get("by_sdk", {}).get(sdk, {}).get("canonical")
                if theirs is not None and sorted(theirs.split(";")) == sorted(v["canonical"].split(";")):
                    expected = theirs
            if expected is None:
                orders.append("NULL, 0")
            else:
                d, n = c_bytes(f"{p}_order{order}", expected)
                decls.append(d)
                orders.append(f"{p}_order{order}, {n}")
        flat = flat_params(v)
        if flat is None:
            params = "NULL, 0, 0"
        else:
            items = []
            for j, (name, kind, s, num) in enumerate(flat):
                d, n_name = c_bytes(f"{p}_p{j}_name", name)
                decls.append(d)
                d, n_s = c_bytes(f"{p}_p{j}_str", s)
                decls.append(d)
                items.append(
                    f"  {{{p}_p{j}_name, {n_name}, {kind}, {p}_p{j}_str, {n_s}, {num}LL}},\n"
                )
            decls.append(f"static const qrsign_param {p}_params[] = {{\n{''.join(items)}}};\n")
            params = f"{p}_params, {len(flat)}, 1"
        rows.append(
            f"  {{{c_str(v['id'])}, {p}_secret, {n_secret}, {p}_json, {n_json}, "
            f"{p}_canonical, {n_canon}, {p}_signature, {n_sig}, {{{{{orders[0]}}}, {{{orders[1]}}}}}, "
            f"{params}}},\n"
        )

    cb_rows = []
    for i, c in enumerate(cases):
        p = f"cb{i}"
        d, n_secret = c_bytes(f"{p}_secret", c["secret"])
        decls.append(d)
        d, n_body = c_bytes(f"{p}_body", c["body_json"])
        decls.append(d)
        body = json.loads(c["body_json"])
        location = "QRSIGN_SIGNATURE_TOP_LEVEL" if "signature" in body else "QRSIGN_SIGNATURE_GENERAL"
        cb_rows.append(f"  {{{c_str(c['id'])}, {p}_secret, {n_secret}, {p}_body, {n_body}, {location}}},\n")

    text = (
        "/* Generated by tests/c/gen_vectors.py from\n"
        f" *   {vec_path.name} ({len(vectors)} signing vectors)\n"
        f" *   {cb_path.name} ({len(cases)} callback cases)\n"
        " * Do not edit; do not commit (build/ is ignored). */\n"
        "#include <qrsign.h>\n#include \"vector_types.h\"\n\n"
        + "".join(decls)
        + f"\nstatic const sv_vector SIGNING_VECTORS[] = {{\n{''.join(rows)}}};\n"
        + f"#define SIGNING_VECTORS_COUNT {len(rows)}u\n"
        + f"\nstatic const sv_callback CALLBACK_CASES[] = {{\n{''.join(cb_rows)}}};\n"
        + f"#define CALLBACK_CASES_COUNT {len(cb_rows)}u\n"
        + f"#define VECTORS_SOURCE {c_str(str(vec_path))}\n"
    )
    out_path.write_text(text)
    print(f"gen_vectors: {len(rows)} signing vectors, {len(cb_rows)} callback cases -> {out_path}")


if __name__ == "__main__":
    main()
