#!/usr/bin/env python3
"""Checks stack_probe's verify line (key set-up + verify_callback) against a budget in bytes.

Usage: stack_gate.py STACK_PROBE_OUTPUT BUDGET_BYTES"""
import re
import sys

out, budget = open(sys.argv[1]).read(), int(sys.argv[2])
m = re.search(r"^\| verify \(key init \+ verify_callback\) \| (\d+) bytes \|$", out, re.M)
if m is None:
    sys.exit("stack_gate: no verify line in the stack probe's output")
used = int(m.group(1))
print(f"stack_gate: verify uses {used:,} bytes of stack "
      f"({'within' if used <= budget else 'OVER'} the {budget:,}-byte budget)")
sys.exit(0 if used <= budget else 1)
