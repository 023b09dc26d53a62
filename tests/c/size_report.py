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
print(f"| static library `{os.path.basename(lib)}` | {os.path.getsize(lib):,} bytes |")
print(f"| `.text` linked from it into `{os.path.basename(program)}` | {from_lib:,} bytes |")
print(f"| `.text` of the whole program (with libc start-up) | {prog_text:,} bytes |")
