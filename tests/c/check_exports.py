#!/usr/bin/env python3
"""Checks the exported C ABI of qrsign against the header and the sources.

1. The `qrsign_*` functions defined in the built static library, the functions exported by the
   shared library, the functions declared in include/qrsign.h and the `#[unsafe(no_mangle)]`
   functions of ffi-c/src are the same set (nothing exported is missing from the header, nothing
   declared is missing from the library, the shared library exports nothing else).
2. Every export's body is exactly one `ffi_boundary! { ... }` block (the panic boundary).
3. Every function declared in the header has a doc comment right above it.

Usage: check_exports.py --static libqrsign.a --shared libqrsign.so --header qrsign.h --src dir
"""

import argparse
import pathlib
import re
import subprocess
import sys


def nm_symbols(args):
    out = subprocess.run(["nm", *args], check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[-2]) == 1:
            syms.setdefault(parts[-1], set()).add(parts[-2])
    return syms


def header_functions(text):
    """Function names declared in the header, each with whether a doc comment precedes it."""
    lines = text.splitlines()
    found = {}
    decl = re.compile(r"^[A-Za-z_][\w \*]*?\b(qrsign_\w+)\(")
    for i, line in enumerate(lines):
        if line.startswith(("#", " ", "/", "*", "}", "typedef", "enum", "struct")):
            continue
        m = decl.match(line)
        if m:
            prev = lines[i - 1].strip() if i > 0 else ""
            found[m.group(1)] = prev.endswith("*/")
    return found


def body_of(src, open_brace):
    """The text between the brace at `open_brace` and its matching close brace."""
    depth = 0
    i = open_brace
    in_str = False
    while i < len(src):
        c = src[i]
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == "'" and src[i + 1 : i + 2] != "\\" and src[i + 2 : i + 3] == "'":
            i += 2  # a char literal such as b'{' (lifetimes like 'a are not followed by ')
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return src[open_brace + 1 : i]
        i += 1
    raise ValueError("unbalanced braces")


def source_exports(src_dir):
    exports = {}
    fn_re = re.compile(
        r"#\[unsafe\(no_mangle\)\]\s*pub\s+(?:unsafe\s+)?extern\s+\"C\"\s+fn\s+(\w+)\s*\(", re.S
    )
    for path in sorted(pathlib.Path(src_dir).rglob("*.rs")):
        src = path.read_text()
        # no_mangle without the export shape we check is itself an error
        for m in re.finditer(r"#\[\s*(?:unsafe\s*\(\s*)?(?:no_mangle|export_name)", src):
            line_start = src.rfind("\n", 0, m.start()) + 1
            if src[line_start : m.start()].strip():
                continue  # inside a comment or string, not an attribute
            if not fn_re.match(src, m.start()):
                exports.setdefault("<unrecognised no_mangle>", []).append(f"{path}:{m.start()}")
        for m in fn_re.finditer(src):
            name = m.group(1)
            # the body starts at the first `{` after the signature's closing parenthesis
            depth, i = 0, m.end() - 1
            while True:
                if src[i] == "(":
                    depth += 1
                elif src[i] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            brace = src.index("{", i)
            body = body_of(src, brace).strip()
            ok = False
            if body.startswith("ffi_boundary!"):
                mb = src.index("{", src.index("ffi_boundary!", brace))
                inner = body_of(src, mb)
                rest = body[len("ffi_boundary!") :].strip()
                ok = rest.startswith("{") and rest.endswith("}") and len(rest) == len(inner) + 2
            exports.setdefault(name, []).append((str(path), ok))
    return exports


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--static", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--header", required=True)
    ap.add_argument("--src", required=True)
    a = ap.parse_args()
    errors = []

    static = {
        n for n, t in nm_symbols(["-g", "--defined-only", a.static]).items()
        if n.startswith("qrsign_") and "T" in t
    }
    shared_all = {n for n, t in nm_symbols(["-D", "--defined-only", a.shared]).items() if "T" in t}
    shared = {n for n in shared_all if n.startswith("qrsign_")}
    header = header_functions(pathlib.Path(a.header).read_text())
    source = source_exports(a.src)

    if "<unrecognised no_mangle>" in source:
        errors.append(f"no_mangle item not of the form `pub extern \"C\" fn`: {source.pop('<unrecognised no_mangle>')}")
    for name, where in sorted(source.items()):
        if len(where) > 1:
            errors.append(f"{name}: defined more than once: {where}")
        for path, ok in where:
            if not ok:
                errors.append(f"{name} ({path}): body is not exactly one ffi_boundary! {{ ... }} block")
    for label, got in (("static library", static), ("shared library", shared), ("header", set(header))):
        for n in sorted(set(source) - got):
            errors.append(f"{n}: exported by ffi-c/src but missing from the {label}")
        for n in sorted(got - set(source)):
            errors.append(f"{n}: in the {label} but not an export of ffi-c/src")
    for n in sorted(shared_all - shared):
        errors.append(f"shared library exports a non-qrsign function: {n}")
    for n, documented in sorted(header.items()):
        if not documented:
            errors.append(f"{n}: no doc comment in the header")

    if errors:
        print("check_exports: FAILED", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print(f"check_exports: {len(source)} exports; static lib, shared lib, header and sources agree; "
          "every export is inside ffi_boundary!")
    return 0


if __name__ == "__main__":
    sys.exit(main())
