# qrsign: `make demo` runs the whole flow, `make test` runs everything. Both install what they
# need first (scripts/deps.sh: Debian packages, pinned tools in .tools/, a virtualenv in .venv/).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: demo test deps lint test-rust test-vectors test-nostd test-stack bench

deps:
	@scripts/deps.sh

## ---- demo -------------------------------------------------------------------------------------
demo: deps
	$(CARGO) run --quiet --release --example click_qr_demo

## ---- tests ------------------------------------------------------------------------------------
test: deps lint test-rust test-nostd test-stack
	@echo "make test: all green"

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings

test-rust:
	$(CARGO) test --workspace --quiet

# No heap, no std, proved by the build: a #![no_std] staticlib with its own panic handler and
# no global allocator that calls the core's entry points.
test-nostd:
	cd tests/no-std-check && $(CARGO) build --quiet --release

# Verifying a realistic callback inside a thread with a 32 KiB stack (release build).
test-stack:
	$(CARGO) test --quiet --release --test stack

bench:
	$(CARGO) bench --bench signing
