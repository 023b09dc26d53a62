#!/usr/bin/env bash
# QR encoding: libqrencode (C, Debian's libqrencode-dev) and qrsign timed the same way in the
# same run: µs per encode of the same 60-character URL at ECC M, automatic version and mask,
# best of 7 rounds. Usage: benches/qr_c_bench.sh [TEXT] [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
text=${1:-https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b-2e5d7c1a0}
iterations=${2:-20000}
out=target/qr-c-bench
mkdir -p "$out"
cc -std=c99 -O2 -Wall -Wextra -Werror benches/libqrencode/qr_bench.c \
    $(pkg-config --cflags --libs libqrencode) -o "$out/qr_bench"
cargo build --quiet --release --example qr_timing
"$out/qr_bench" "$text" "$iterations"
target/release/examples/qr_timing "$text" "$iterations"
