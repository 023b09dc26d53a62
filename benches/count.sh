#!/usr/bin/env bash
# Instruction counts (callgrind) of the signing cases, per call, and their ratios to the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --bench count 2>/dev/null || cargo bench --no-run --quiet --bench count
bin=$(ls -t target/release/deps/count-* | grep -v '\.d$' | head -n1)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
base=$(count baseline)
per() { echo $(( ($(count "$1") - base) / 1000 )); }
fs=$(per floor-sign); s=$(per sign); sr=$(per sign-reused)
fv=$(per floor-verify); v=$(per verify); vr=$(per verify-reused)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "a) sign 10 params: floor $fs, qrsign $s ($(ratio $s $fs)), reused key $sr ($(ratio $sr $fs)) instructions/call"
echo "b) verify callback: floor $fv, qrsign $v ($(ratio $v $fv)) instructions/call"
echo "c) verify, reused key: qrsign $vr ($(ratio $vr $fv)) instructions/call"
