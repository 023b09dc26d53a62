#!/usr/bin/env python3
"""The firmware library's flash cost in a freestanding program, from the GNU ld map file:
`.text` + `.rodata` input sections kept from LIB, per area (benches/README.md, "Firmware"),
checked against a budget.

Usage: fw_size.py LIB MAP NAME BUDGET_BYTES [--areas]

Areas are read from the (demangled) section names; with LTO, code of one area inlined into
another's function counts for the latter, and anonymous constants (`.rodata..L...`, `cst16`)
are listed apart. Exit status 1 when the total exceeds BUDGET_BYTES.
"""
import os
import re
import subprocess
import sys

lib, map_path, name, budget = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
show_areas = "--areas" in sys.argv[5:]
text = open(map_path).read()
text = text[text.find("Linker script and memory map"):]
pat = re.compile(r"^ (\.(?:text|rodata)[^\s]*)\s*\n?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)", re.M)
kept = [(m.group(1), int(m.group(3), 16)) for m in pat.finditer(text)
        if os.path.basename(lib) in m.group(4) and int(m.group(3), 16) > 0]
names = [s.split(".", 2)[2] if s.count(".") >= 2 else "" for s, _ in kept]
demangled = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True, text=True,
                           check=True).stdout.splitlines()

# First match wins: the more specific areas first.
RULES = [
    ("display_data", ("display_data", "qrsign::qr_data", "img_src")),
    ("renderers", ("qr::render", "qrsign_qr_render", "qrsign_render")),
    ("QR encoder (qrcodegen + core::qr)", ("qrcodegen", "qrsign_core::qr", "qrsign::qr", "qrsign_qr_")),
    ("JSON (parse, canonical order, numbers as PHP)",
     ("qrsign_core::json", "qrsign_core::canonical", "qrsign_core::number", "qrsign_core::order",
      "core::num::", "core::fmt::float", "flt2dec", "dec2flt", "core::slice::sort", "f64")),
    ("signing and verification (HMAC-SHA512, base64, key, Gate, amounts)",
     ("sha2", "hmac", "digest", "base64", "constant_time_eq", "qrsign_core::", "qrsign_key",
      "qrsign::sign", "qrsign::amount", "qrsign_currency", "qrsign_click", "qrsign_amount")),
]
areas = {}
total = {"text": 0, "rodata": 0}
for (section, size), sym in zip(kept, demangled):
    kind = "text" if section.startswith(".text") else "rodata"
    total[kind] += size
    area = "other (status strings, C boundary, Rust core runtime)"
    if kind == "rodata" and (section.startswith(".rodata..L") or section.startswith(".rodata.cst")
                             or section == ".rodata"):
        area = "anonymous constants (tables, strings; not attributable)"
    else:
        for label, keys in RULES:
            if any(k in sym for k in keys):
                area = label
                break
    areas.setdefault(area, {"text": 0, "rodata": 0})[kind] += size

whole = total["text"] + total["rodata"]
if show_areas:
    for label, s in sorted(areas.items(), key=lambda kv: -(kv[1]["text"] + kv[1]["rodata"])):
        print(f"| {label} | {s['text']:,} | {s['rodata']:,} | {s['text'] + s['rodata']:,} |")
verdict = "within" if whole <= budget else "OVER"
print(f"fw_size: {name}: .text {total['text']:,} + .rodata {total['rodata']:,} = {whole:,} bytes "
      f"from {os.path.basename(lib)} ({verdict} the {budget:,}-byte budget)")
sys.exit(0 if whole <= budget else 1)
