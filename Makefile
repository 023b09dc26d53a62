# qrsign: `make demo` runs the whole flow, `make test` runs everything. Both install what they
# need first (scripts/deps.sh: Debian packages, pinned tools in .tools/, a virtualenv in .venv/).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: demo test deps lint test-rust test-vectors-shapes test-nostd test-stack bench

deps:
	@scripts/deps.sh

## ---- demo -------------------------------------------------------------------------------------
demo: deps demo-c
	$(CARGO) run --quiet --release --example click_qr_demo

## ---- tests ------------------------------------------------------------------------------------
test: deps lint test-rust test-vectors-shapes test-ffi-asan test-fuzz test-nostd test-stack test-header-drift test-c-exports test-c test-c-shapes test-c-asan test-c-valgrind test-cxx test-pkgconfig test-python
	@echo "make test: all green"

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings

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
