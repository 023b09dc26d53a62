# qrsign: `make demo` runs the whole flow, `make test` runs everything. Both install what they
# need first (scripts/deps.sh: Debian packages, pinned tools in .tools/, a virtualenv in .venv/).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: demo test deps lint test-rust test-vectors-shapes test-nostd test-stack bench firmware

deps:
	@scripts/deps.sh

## ---- demo -------------------------------------------------------------------------------------
demo: deps demo-c
	$(CARGO) run --quiet --release --example click_qr_demo
	$(MAKE) --no-print-directory demo-e2e

## ---- tests ------------------------------------------------------------------------------------
test: deps lint test-rust test-vectors-shapes test-ffi-asan test-miri test-fuzz test-nostd test-stack test-header-drift test-c-exports test-c test-c-shapes test-c-asan test-c-valgrind test-cxx test-pkgconfig test-firmware test-python test-node test-e2e
	@echo "make test: all green"

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings
	$(CARGO) clippy -p qrsign-ffi --no-default-features --profile firmware --quiet -- -D warnings

test-rust:
	$(CARGO) test --workspace --exclude qrsign-python --quiet

# A vector file of the user's kind (tests/vectors/order-shapes.json: documents on which the sort
# orders agree and disagree in every way they can) through QRSIGN_VECTORS, as a user's own file.
SHAPES := tests/vectors/order-shapes.json
test-vectors-shapes:
	QRSIGN_VECTORS=$(SHAPES) $(CARGO) test --quiet --test vectors

# The C ABI crate's own Rust tests under AddressSanitizer (nightly, host target), after checking
# that the sanitizer is linked into the test binary.
ASAN_DIR := target/asan
test-ffi-asan:
	RUSTFLAGS="-Zsanitizer=address" $(CARGO) +nightly test --quiet -p qrsign-ffi --lib \
	  --target x86_64-unknown-linux-gnu --target-dir $(ASAN_DIR)
	nm "$$(ls -t $(ASAN_DIR)/x86_64-unknown-linux-gnu/debug/deps/qrsign-* | grep -v '\.\(d\|rlib\|rmeta\|so\|a\)$$' | head -1)" \
	  > $(ASAN_DIR)/ffi-tests.nm
	grep -q ' __asan_init$$' $(ASAN_DIR)/ffi-tests.nm || { echo "ASan not linked into the FFI tests"; exit 1; }

# Fuzzing (fuzz/, cargo-fuzz on the nightly toolchain, AddressSanitizer): `make fuzz` runs every
# target FUZZ_SECONDS (default 60) each; `make test` runs each for a smoke time.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
.PHONY: fuzz test-fuzz test-ffi-asan
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

test-fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) fuzz/run.sh

# Miri over the C ABI crate's Rust tests (its unsafe blocks: raw pointers from C, the key
# storage) and the core's unit tests (its exhaustive-loop tests are ignored under Miri, which
# runs ~1000x slower; make test-rust runs them natively).
MIRI_DIR := target/miri
.PHONY: test-miri
test-miri: deps
	$(CARGO) +nightly miri test --quiet -p qrsign-ffi --lib --target-dir $(MIRI_DIR)
	$(CARGO) +nightly miri test --quiet -p qrsign-core --lib --target-dir $(MIRI_DIR)

# No heap, no std, proved by the build: a #![no_std] staticlib with its own panic handler and
# no global allocator that calls the core's entry points.
test-nostd:
	cd tests/no-std-check && $(CARGO) build --quiet --release

# Verifying a realistic callback inside a thread with a 32 KiB stack (release build).
test-stack:
	$(CARGO) test --quiet --release --test stack

# A dudect-style timing check of verification (benches/README.md "Timing of verification").
.PHONY: bench-timing
bench-timing:
	$(CARGO) bench --quiet --bench timing

# Benchmarks (not part of `make test`): criterion groups, callgrind ratios, the C comparisons.
bench: deps
	$(CARGO) bench --bench signing
	$(CARGO) bench --bench qr
	benches/count.sh
	benches/qr_c_bench.sh

## ---- Python package: python/ -> build/wheels/qrsign-*.whl ------------------------------------
# The wheel is built with the pinned maturin (.venv), installed into a fresh virtualenv
# (build/py-venv) with the test tools, and tested there: never against the source tree. The
# official SDKs (the differential tests' oracle) go into build/py-sdk/<name>, one folder each.
PY_VENV   := build/py-venv
WHEEL_DIR := build/wheels
PY_SDK    := build/py-sdk
.PHONY: python-wheel test-python python-sdks bench-python

python-wheel: deps
	rm -rf $(WHEEL_DIR)
	cd python && ../.venv/bin/maturin build --release --quiet -o ../$(WHEEL_DIR)

python-sdks:
	@want=$$(sha256sum python/requirements-oracle.txt | cut -d' ' -f1); \
	if [ "$$(cat $(PY_SDK)/.stamp 2>/dev/null)" != "$$want" ]; then \
	  rm -rf $(PY_SDK); \
	  for spec in $$(grep -v '^#' python/requirements-oracle.txt); do \
	    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target $(PY_SDK)/$${spec%%==*} "$$spec"; \
	  done; \
	  echo "$$want" > $(PY_SDK)/.stamp; \
	fi

test-python: python-wheel python-sdks
	rm -rf $(PY_VENV)
	python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install --quiet --disable-pip-version-check -r python/requirements-test.txt
	$(PY_VENV)/bin/pip install --quiet --disable-pip-version-check $(WHEEL_DIR)/qrsign-*.whl
	cd python/tests && QRSIGN_WHEEL="$$(ls ../../$(WHEEL_DIR)/qrsign-*.whl)" QRSIGN_SDK_DIR=$(CURDIR)/$(PY_SDK) \
	  ../../$(PY_VENV)/bin/pytest -q -p no:cacheprovider
	site=$$($(PY_VENV)/bin/python -c 'import os, qrsign; print(os.path.dirname(qrsign.__file__))') && \
	  cd python/tests && ../../$(PY_VENV)/bin/pytest -q -p no:cacheprovider --doctest-modules "$$site" \
	  --ignore="$$site/__main__.py"

# Ours against the official SDK and segno/qrcode, interleaved (benches/README.md "Python").
bench-python: test-python
	$(PY_VENV)/bin/python benches/python_vs_sdk.py

## ---- Node.js package: bindings/node/ over target/release/libqrsign.so ---------------------------
# koffi (the FFI, a prebuilt binary in its npm package) and the official npm SDK `ecommpay` (the
# differential tests' oracle) from bindings/node/package-lock.json, by `npm ci` when the lock
# changed (a stamp in node_modules/). The tests run against the freshly built shared library
# (QRSIGN_LIB), then the vector test again on a vector file of the user's kind (QRSIGN_VECTORS).
NODE_DIR   := bindings/node
NODE_STAMP := $(NODE_DIR)/node_modules/.qrsign-lock.sha
NODE_LIB    = $(abspath $(C_LIBDIR))/libqrsign.so
.PHONY: node-deps test-node bench-node

node-deps: deps
	@want=$$(sha256sum $(NODE_DIR)/package-lock.json | cut -d' ' -f1); \
	if [ "$$(cat $(NODE_STAMP) 2>/dev/null)" != "$$want" ]; then \
	  echo "node-deps: npm ci in $(NODE_DIR)"; \
	  (cd $(NODE_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) && echo "$$want" > $(NODE_STAMP); \
	fi

test-node: c-lib node-deps
	cd $(NODE_DIR) && QRSIGN_LIB=$(NODE_LIB) node --test test/*.test.js
	cd $(NODE_DIR) && QRSIGN_LIB=$(NODE_LIB) QRSIGN_VECTORS=$(CURDIR)/$(SHAPES) node --test test/vectors.test.js

# Ours against the npm SDK, interleaved (benches/README.md "Node.js").
bench-node: c-lib node-deps
	QRSIGN_LIB=$(NODE_LIB) node benches/node_vs_sdk.mjs

## ---- C API: ffi-c/ -> target/release/libqrsign.{a,so} + include/qrsign.h ----------------------
# tests/c/ (C99 -Werror, ASan+UBSan, valgrind, C++), examples/c/, pkg-config file and install.
C_BUILD    := build/c
C_LIBDIR   := $(or $(CARGO_TARGET_DIR),target)/release
QRSIGN_A   := $(C_LIBDIR)/libqrsign.a
C_WARN     := -std=c99 -Wall -Wextra -Wpedantic -Werror
C_INC      := -Iinclude -Itests/c -I$(C_BUILD)
C_SYSLIBS  := -lpthread -lm -ldl -lrt -lutil -lgcc_s -lc
C_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
C_TESTS    := tests/c/test_qrsign.c tests/c/test_qr.c tests/c/harness.c
PREFIX     ?= /usr/local
QRSIGN_VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

.PHONY: demo-c bench-c c-lib header test-header-drift test-c-exports c-vectors test-c test-c-asan \
        test-c-shapes test-c-valgrind test-cxx test-pkgconfig install demo-c c-size

c-lib:
	$(CARGO) build --quiet --release -p qrsign-ffi

header: deps
	cd ffi-c && cbindgen --quiet --config cbindgen.toml --output ../include/qrsign.h .

# The committed header must be exactly what the pinned cbindgen generates.
test-header-drift: header
	git diff --exit-code -- include/
	@test -z "$$(git status --porcelain -- include/)" || { git status --short -- include/; exit 1; }

test-c-exports: c-lib
	python3 tests/c/check_exports.py --static $(QRSIGN_A) --shared $(C_LIBDIR)/libqrsign.so \
	  --header include/qrsign.h --src ffi-c/src

# The shared vectors as C tables (QRSIGN_VECTORS / QRSIGN_CALLBACK_CASES replace the defaults).
c-vectors: deps
	@mkdir -p $(C_BUILD)
	python3 tests/c/gen_vectors.py $(C_BUILD)/vectors.h
	.venv/bin/python tests/c/gen_qr_data.py $(C_BUILD)/qr_data.h

test-c: c-lib c-vectors
	$(CC) $(C_WARN) -O1 -g $(C_INC) $(C_TESTS) $(QRSIGN_A) $(C_SYSLIBS) -o $(C_BUILD)/test_qrsign
	$(C_BUILD)/test_qrsign

# The C tests on the order-shapes vector file (QRSIGN_VECTORS, as a user would pass their own).
test-c-shapes: c-lib c-vectors
	@mkdir -p $(C_BUILD)/shapes
	QRSIGN_VECTORS=$(SHAPES) python3 tests/c/gen_vectors.py $(C_BUILD)/shapes/vectors.h
	$(CC) $(C_WARN) -O1 -g -Iinclude -Itests/c -I$(C_BUILD)/shapes -I$(C_BUILD) $(C_TESTS) $(QRSIGN_A) \
	  $(C_SYSLIBS) -o $(C_BUILD)/test_qrsign_shapes
	$(C_BUILD)/test_qrsign_shapes

# The same tests with AddressSanitizer + UndefinedBehaviorSanitizer, after proving the
# sanitizers are linked (symbols) and live (two probes that must be caught).
test-c-asan: c-lib c-vectors
	$(CC) $(C_WARN) -O1 -g $(C_SAN) $(C_INC) $(C_TESTS) $(QRSIGN_A) $(C_SYSLIBS) -o $(C_BUILD)/test_qrsign_asan
	nm $(C_BUILD)/test_qrsign_asan > $(C_BUILD)/test_qrsign_asan.nm
	grep -q ' __asan_init$$' $(C_BUILD)/test_qrsign_asan.nm || { echo "ASan not linked"; exit 1; }
	grep -q ' __ubsan_handle' $(C_BUILD)/test_qrsign_asan.nm || { echo "UBSan not linked"; exit 1; }
	$(CC) -std=c99 -O0 -g $(C_SAN) tests/c/sanitizer_probe.c -o $(C_BUILD)/sanitizer_probe
	! $(C_BUILD)/sanitizer_probe asan 2> $(C_BUILD)/probe-asan.txt
	grep -q 'AddressSanitizer: heap-buffer-overflow' $(C_BUILD)/probe-asan.txt
	! $(C_BUILD)/sanitizer_probe ubsan 2> $(C_BUILD)/probe-ubsan.txt
	grep -q 'runtime error: signed integer overflow' $(C_BUILD)/probe-ubsan.txt
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 $(C_BUILD)/test_qrsign_asan

test-c-valgrind: test-c
	valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
	  $(C_BUILD)/test_qrsign

# The header compiles as C++ (and links: extern "C").
test-cxx: c-lib
	$(CXX) -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude tests/c/cxx_header.cpp $(QRSIGN_A) \
	  $(C_SYSLIBS) -o $(C_BUILD)/cxx_header
	$(C_BUILD)/cxx_header

# Install into PREFIX: lib/libqrsign.a, lib/libqrsign.so.X.Y.Z (+ SONAME link), include/qrsign.h,
# lib/pkgconfig/qrsign.pc.
install: c-lib
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 include/qrsign.h $(DESTDIR)$(PREFIX)/include/qrsign.h
	install -m 644 $(QRSIGN_A) $(DESTDIR)$(PREFIX)/lib/libqrsign.a
	install -m 755 $(C_LIBDIR)/libqrsign.so $(DESTDIR)$(PREFIX)/lib/libqrsign.so.$(QRSIGN_VERSION)
	ln -sf libqrsign.so.$(QRSIGN_VERSION) $(DESTDIR)$(PREFIX)/lib/libqrsign.so.$(firstword $(subst ., ,$(QRSIGN_VERSION)))
	ln -sf libqrsign.so.$(QRSIGN_VERSION) $(DESTDIR)$(PREFIX)/lib/libqrsign.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(QRSIGN_VERSION)|' -e 's|@LIBS_PRIVATE@|$(C_SYSLIBS)|' \
	  qrsign.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/qrsign.pc

# `cc $(pkg-config --cflags --libs qrsign)` works against an installed copy (shared and static).
test-pkgconfig:
	rm -rf $(C_BUILD)/prefix
	$(MAKE) --no-print-directory install PREFIX=$(CURDIR)/$(C_BUILD)/prefix
	export PKG_CONFIG_PATH=$(CURDIR)/$(C_BUILD)/prefix/lib/pkgconfig; \
	$(CC) $(C_WARN) tests/c/pkgconfig_smoke.c $$(pkg-config --cflags --libs qrsign) -o $(C_BUILD)/pc_shared && \
	LD_LIBRARY_PATH=$(C_BUILD)/prefix/lib $(C_BUILD)/pc_shared && \
	LD_LIBRARY_PATH=$(C_BUILD)/prefix/lib ldd $(C_BUILD)/pc_shared | grep 'libqrsign.so.0 => .*prefix/lib/libqrsign.so.0' >/dev/null && \
	$(CC) $(C_WARN) tests/c/pkgconfig_smoke.c $$(pkg-config --cflags qrsign) \
	  $$(pkg-config --static --libs qrsign | sed 's/-lqrsign/-l:libqrsign.a/') -o $(C_BUILD)/pc_static && \
	$(C_BUILD)/pc_static

# The POS terminal example (part of `make demo`): C99, static library, stack/static buffers only.
demo-c: c-lib
	@mkdir -p $(C_BUILD)
	$(CC) $(C_WARN) -O2 -Iinclude examples/c/pos_terminal.c $(QRSIGN_A) $(C_SYSLIBS) -o $(C_BUILD)/pos_terminal
	$(C_BUILD)/pos_terminal examples/c/click-qr-response.json $(C_BUILD)/receipt-qr.escpos

# Sizes at opt-level "z" with LTO and the stack high-water marks of the example's paths, for
# benches/README.md ("C library size and stack").
C_SIZE_DIR := target/c-size
bench-c:
	@mkdir -p $(C_BUILD)
	CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
	  CARGO_PROFILE_RELEASE_DEBUG=false $(CARGO) build --quiet --release -p qrsign-ffi --target-dir $(C_SIZE_DIR)
	$(CC) -std=c99 -Os -ffunction-sections -fdata-sections -Iinclude examples/c/pos_terminal.c \
	  $(C_SIZE_DIR)/release/libqrsign.a $(C_SYSLIBS) -Wl,--gc-sections -Wl,-Map=$(C_BUILD)/pos_terminal-z.map \
	  -o $(C_BUILD)/pos_terminal-z
	python3 tests/c/size_report.py $(C_SIZE_DIR)/release/libqrsign.a $(C_BUILD)/pos_terminal-z.map $(C_BUILD)/pos_terminal-z
	$(CC) $(C_WARN) -O2 -Iinclude tests/c/stack_probe.c $(C_SIZE_DIR)/release/libqrsign.a $(C_SYSLIBS) \
	  -o $(C_BUILD)/stack_probe
	$(C_BUILD)/stack_probe examples/c/click-qr-response.json

## ---- Firmware C library: no std, panic = "abort", built for size (README "Firmware") -------------
# libqrsign-firmware.a: the same header and symbols as libqrsign.a, #![no_std], the `firmware`
# profile (opt-level "z", LTO, panic = "abort"), the weak `qrsign_panic_hook`. On x86-64 the build
# takes sha2's portable backend (`--cfg sha2_backend="soft"`), the code a Cortex-M gets: no AVX2
# path. FW_VARIANT=small: the 128-value node table (`small-node-table`); FW_VARIANT=compact:
# sha2's compact soft backend (`--cfg sha2_backend_soft="compact"`).
FW_VARIANT  ?= default
FW_TARGET   := $(or $(CARGO_TARGET_DIR),target)/fw-$(FW_VARIANT)
FW_BUILD    := build/firmware/$(FW_VARIANT)
FW_LIB      := $(FW_BUILD)/libqrsign-firmware.a
FW_FEATURES := $(if $(filter small,$(FW_VARIANT)),--features small-node-table)
FW_RUSTFLAGS := --cfg sha2_backend="soft" $(if $(filter compact,$(FW_VARIANT)),--cfg sha2_backend_soft="compact")
# Flash budgets (bytes of .text + .rodata taken from the library; benches/README.md "Firmware"
# for why they are above the issue's 64 KB / 24 KB targets).
FW_BUDGET_POS  ?= 172032
FW_BUDGET_SIGN ?= 102400
# Stack budget of key set-up + verifying the 1.6 KB callback (tests/c/stack_probe.c).
FW_STACK_VERIFY_default ?= 12800
FW_STACK_VERIFY_small   ?= 8192
FW_STACK_VERIFY_compact ?= 12800
FW_CFLAGS   := -std=c99 -Os -Wall -Wextra -Werror -ffreestanding -fno-stack-protector -fno-pie \
               -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections -Iinclude
FW_LDFLAGS  := -nostdlib -nostartfiles -static -no-pie -Wl,--gc-sections
FW_ALLOWED_UNDEFINED := bcmp memcmp memcpy memmove memset

.PHONY: firmware test-firmware test-firmware-variant

firmware:
	@mkdir -p $(FW_BUILD)
	RUSTFLAGS='$(FW_RUSTFLAGS)' $(CARGO) rustc --quiet -p qrsign-ffi --profile firmware --no-default-features \
	  $(FW_FEATURES) --crate-type staticlib --target-dir $(FW_TARGET)
	cp $(FW_TARGET)/firmware/libqrsign.a $(FW_LIB)
	nm $(FW_LIB) 2>/dev/null > $(FW_BUILD)/libqrsign-firmware.nm || true
	grep -q ' W qrsign_panic_hook$$' $(FW_BUILD)/libqrsign-firmware.nm || { echo "no weak qrsign_panic_hook"; exit 1; }
	! grep 'catch_unwind\|rust_eh_personality\|_Unwind_' $(FW_BUILD)/libqrsign-firmware.nm
	@echo "make firmware: $(FW_LIB) ($(FW_VARIANT))"

# The firmware library's proofs: the default build and the small node table.
test-firmware: c-lib c-vectors
	$(MAKE) --no-print-directory test-firmware-variant FW_VARIANT=default
	$(MAKE) --no-print-directory test-firmware-variant FW_VARIANT=small

# 1. The POS example's offline parts as a freestanding static executable (no libc; shim.c has
#    _start and the system calls): its undefined symbols are listed and must be only
#    FW_ALLOWED_UNDEFINED; with mem.c it runs and prints what the hosted example prints, and
#    writes the same ESC/POS raster; it defines its own qrsign_panic_hook (strong, linked
#    instead of the library's weak default, which sign_only keeps). 2. Flash budgets. 3. The
#    same qrsign_* functions as libqrsign.a, and the C test suite (tests/c/) against the
#    firmware library (the harness's stdio comes from the host's libc; the library uses
#    none). 4. The stack of the POS paths (tests/c/stack_probe.c) against the budget.
test-firmware-variant: firmware
	$(CC) $(FW_CFLAGS) -c tests/c/freestanding/shim.c -o $(FW_BUILD)/shim.o
	$(CC) $(FW_CFLAGS) -O1 -fno-builtin -fno-tree-loop-distribute-patterns -c tests/c/freestanding/mem.c \
	  -o $(FW_BUILD)/mem.o
	for p in pos_offline sign_only; do \
	  $(CC) $(FW_CFLAGS) -c tests/c/freestanding/$$p.c -o $(FW_BUILD)/$$p.o && \
	  $(CC) $(FW_LDFLAGS) -Wl,--unresolved-symbols=ignore-all $(FW_BUILD)/$$p.o $(FW_BUILD)/shim.o $(FW_LIB) \
	    -o $(FW_BUILD)/$$p-undefined && \
	  nm -u $(FW_BUILD)/$$p-undefined | awk '{print $$2}' | sort > $(FW_BUILD)/$$p-undefined.txt && \
	  echo "$$p: undefined symbols: $$(tr '\n' ' ' < $(FW_BUILD)/$$p-undefined.txt)" && \
	  { comm -23 $(FW_BUILD)/$$p-undefined.txt <(printf '%s\n' $(FW_ALLOWED_UNDEFINED) | sort) | \
	    { ! grep . ; } || { echo "$$p: undefined symbols beyond $(FW_ALLOWED_UNDEFINED)"; exit 1; }; } && \
	  $(CC) $(FW_LDFLAGS) -Wl,-Map=$(FW_BUILD)/$$p.map $(FW_BUILD)/$$p.o $(FW_BUILD)/shim.o $(FW_BUILD)/mem.o \
	    $(FW_LIB) -o $(FW_BUILD)/$$p || exit 1; \
	done
	! ldd $(FW_BUILD)/pos_offline >/dev/null 2>&1
	nm $(FW_BUILD)/pos_offline > $(FW_BUILD)/pos_offline.nm
	nm $(FW_BUILD)/sign_only > $(FW_BUILD)/sign_only.nm
	grep -q ' T qrsign_panic_hook$$' $(FW_BUILD)/pos_offline.nm || { echo "own panic hook not linked"; exit 1; }
	grep -q ' W qrsign_panic_hook$$' $(FW_BUILD)/sign_only.nm || { echo "default panic hook not linked"; exit 1; }
	$(CC) $(C_WARN) -O2 -Iinclude examples/c/pos_terminal.c $(QRSIGN_A) $(C_SYSLIBS) -o $(FW_BUILD)/pos_terminal
	$(FW_BUILD)/pos_terminal examples/c/click-qr-response.json $(FW_BUILD)/receipt.escpos > $(FW_BUILD)/hosted.txt
	mv $(FW_BUILD)/receipt.escpos $(FW_BUILD)/hosted.escpos
	$(FW_BUILD)/pos_offline examples/c/click-qr-response.json $(FW_BUILD)/receipt.escpos > $(FW_BUILD)/freestanding.txt
	cmp $(FW_BUILD)/hosted.txt $(FW_BUILD)/freestanding.txt
	cmp $(FW_BUILD)/hosted.escpos $(FW_BUILD)/receipt.escpos
	grep -q 'signature OK' $(FW_BUILD)/freestanding.txt
	$(FW_BUILD)/sign_only examples/c/click-qr-response.json | grep -q '^verify: OK$$'
	@echo "freestanding POS ($(FW_VARIANT)): same output and raster as the hosted build"
	python3 tests/c/freestanding/fw_size.py $(FW_LIB) $(FW_BUILD)/pos_offline.map "POS path" $(FW_BUDGET_POS) --areas
	python3 tests/c/freestanding/fw_size.py $(FW_LIB) $(FW_BUILD)/sign_only.map "signing alone" $(FW_BUDGET_SIGN)
	nm --defined-only $(QRSIGN_A) 2>/dev/null | awk '$$2 == "T" && $$3 ~ /^qrsign_/ {print $$3}' | sort -u \
	  > $(FW_BUILD)/hosted-exports.txt || true
	nm --defined-only $(FW_LIB) 2>/dev/null | awk '$$2 == "T" && $$3 ~ /^qrsign_/ {print $$3}' | sort -u \
	  > $(FW_BUILD)/firmware-exports.txt || true
	test -s $(FW_BUILD)/firmware-exports.txt
	diff $(FW_BUILD)/hosted-exports.txt $(FW_BUILD)/firmware-exports.txt
	@echo "firmware library: the same $$(wc -l < $(FW_BUILD)/firmware-exports.txt) qrsign_* functions as libqrsign.a"
	$(CC) $(C_WARN) -O1 -g $(C_INC) $(C_TESTS) $(FW_LIB) -o $(FW_BUILD)/test_qrsign
	$(FW_BUILD)/test_qrsign
	$(CC) $(C_WARN) -O2 -Iinclude tests/c/stack_probe.c $(FW_LIB) -lpthread -o $(FW_BUILD)/stack_probe
	$(FW_BUILD)/stack_probe examples/c/click-qr-response.json | tee $(FW_BUILD)/stack.txt
	python3 tests/c/freestanding/stack_gate.py $(FW_BUILD)/stack.txt $(FW_STACK_VERIFY_$(FW_VARIANT))

## ---- End to end: tests/sandbox (the platform), examples/python/merchant, the POS over HTTP -------
# build/e2e-venv: tests/e2e/requirements.txt and the qrsign wheel (the venv is made again when the
# requirements change, the wheel reinstalled when it changes). The sandbox signs and checks with
# the official SDKs of build/py-sdk; the POS terminal is examples/c/pos_terminal.c --http.
E2E_VENV  := build/e2e-venv
E2E_REQS  := tests/e2e/requirements.txt
POS_BIN   := $(C_BUILD)/pos_terminal
.PHONY: e2e-env pos-terminal demo-e2e test-e2e

e2e-env: deps python-wheel python-sdks
	@want=$$(sha256sum $(E2E_REQS) | cut -d' ' -f1); \
	if [ "$$(cat $(E2E_VENV)/.requirements.sha 2>/dev/null)" != "$$want" ]; then \
	  rm -rf $(E2E_VENV) && python3 -m venv $(E2E_VENV) && \
	  $(E2E_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(E2E_REQS) && \
	  echo "$$want" > $(E2E_VENV)/.requirements.sha; \
	fi; \
	wheel=$$(sha256sum $(WHEEL_DIR)/qrsign-*.whl | cut -d' ' -f1); \
	if [ "$$(cat $(E2E_VENV)/.wheel.sha 2>/dev/null)" != "$$wheel" ]; then \
	  $(E2E_VENV)/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
	    $(WHEEL_DIR)/qrsign-*.whl && echo "$$wheel" > $(E2E_VENV)/.wheel.sha; \
	fi

pos-terminal: c-lib
	@mkdir -p $(C_BUILD)
	$(CC) $(C_WARN) -O2 -Iinclude examples/c/pos_terminal.c $(QRSIGN_A) $(C_SYSLIBS) -o $(POS_BIN)

# Two whole purchases against the sandbox (part of `make demo`): examples/python/demo.py.
demo-e2e: e2e-env pos-terminal
	QRSIGN_POS=$(CURDIR)/$(POS_BIN) QRSIGN_SDK_DIR=$(CURDIR)/$(PY_SDK) $(E2E_VENV)/bin/python examples/python/demo.py build/demo

# The purchases, the merchant's page in headless chromium, the faults and the load burst
# (tests/e2e/test_e2e.py); the load figure goes to build/e2e/load.txt (benches/README.md).
test-e2e: e2e-env pos-terminal
	cd tests/e2e && QRSIGN_POS=$(CURDIR)/$(POS_BIN) QRSIGN_SDK_DIR=$(CURDIR)/$(PY_SDK) \
	  ../../$(E2E_VENV)/bin/pytest -q -p no:cacheprovider test_e2e.py
	@cat build/e2e/load.txt
