#!/usr/bin/env bash
# Runs every fuzz target (or those named) for FUZZ_SECONDS each (default 20) with cargo-fuzz
# (libFuzzer, AddressSanitizer): the growing corpus in fuzz/corpus/<target> (not committed),
# the committed seeds in fuzz/seeds/<target> read too. A crash leaves its input in
# fuzz/artifacts/<target>/ and fails the run. Prints each target's executions, coverage and
# corpus size, then "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-20}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
cargo +nightly fuzz build -O >/dev/null 2>&1 || cargo +nightly fuzz build -O
passed=0 failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log=$(mktemp)
  if cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 >"$log" 2>&1; then
    passed=$((passed + 1)); verdict=ok
  else
    failed=$((failed + 1)); verdict=FAILED; tail -n 40 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  echo "fuzz $t: $verdict, ${execs:-?} executions in ${seconds}s, coverage ${cov:-?}, corpus $(ls "corpus/$t" | wc -l) files"
  rm -f "$log"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
