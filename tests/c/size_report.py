#!/usr/bin/env python3
"""Sizes for benches/README.md: the static library, and the .text the linker kept from it in a
program (from the GNU ld map file, so only qrsign's code and the parts of Rust's std it pulls
in are counted, not the program's own code or libc).

Usage: size_report.py LIBQRSIGN.a PROGRAM.map PROGRAM
"""
import os
import re
import subprocess
import sys

lib, map_path, program = sys.argv[1:4]
text = open(map_path).read()
# Only what was kept: the memory map after the list of discarded input sections.
text = text[text.find("Linker script and memory map"):]
# Input sections: " .text.name  0xADDR  0xSIZE file" (name and numbers may be on two lines).
pat = re.compile(r"^ (\.text[^\s]*)\s*\n?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)", re.M)
from_lib = 0
total = 0
for m in pat.finditer(text):
    size = int(m.group(3), 16)
    total += size
    if os.path.basename(lib) in m.group(4):
        from_lib += size
sizes = subprocess.run(["size", "-A", program], capture_output=True, text=True, check=True).stdout
prog_text = next(int(l.split()[1]) for l in sizes.splitlines() if l.startswith(".text "))
stripped = map_path + ".stripped.a"
subprocess.run(["strip", "--strip-debug", "-o", stripped, lib], check=True)
print(f"| static library `{os.path.basename(lib)}` | {os.path.getsize(lib):,} bytes |")
print(f"| the same, `strip --strip-debug` | {os.path.getsize(stripped):,} bytes |")
print(f"| `.text` linked from it into `{os.path.basename(program)}` | {from_lib:,} bytes |")
print(f"| `.text` of the whole program (with libc start-up) | {prog_text:,} bytes |")

# Where that code comes from, by (demangled) symbol: qrsign's own code against what Rust's std
# brings along (the panic runtime that catch_unwind needs, formatting, backtrace symbolisation).
nm = subprocess.run(["nm", "-S", "--size-sort", "-C", program], capture_output=True, text=True,
                    check=True).stdout
groups = {}
rules = [
    ("qrsign (core + C boundary)", ("qrsign_core", "qrsign::", "qrsign_", "<qrsign")),
    ("HMAC-SHA512, base64 (RustCrypto)", ("sha2", "hmac", "digest", "base64", "block_buffer")),
    ("QR encoder (qrcodegen)", ("qrcodegen",)),
    ("std backtrace/symbolisation (gimli, addr2line, miniz, demangle)",
     ("gimli", "addr2line", "miniz", "rustc_demangle", "object::", "std::backtrace")),
    ("Rust core/alloc/std (panic runtime, fmt, ...)", ("core::", "alloc::", "std::", "<core", "<alloc", "<std", "__rust", "rust_", "_Unwind", "__rdl", "__rg")),
]
for line in nm.splitlines():
    parts = line.split(None, 3)
    if len(parts) < 4 or parts[2] not in "tTwW":
        continue
    size, name = int(parts[1], 16), parts[3]
    group = "other (libc start-up, the example itself)"
    for label, keys in rules:
        if any(k in name for k in keys):
            group = label
            break
    groups[group] = groups.get(group, 0) + size
for label, size in sorted(groups.items(), key=lambda kv: -kv[1]):
    print(f"| &nbsp;&nbsp;of which {label} | {size:,} bytes |")
