#!/usr/bin/env bash
# Installs what `make demo` and `make test` need, idempotently and quickly when already there:
# Debian packages, pinned Rust tools under .tools/, and a Python virtualenv under .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."

# ---- Debian packages (what the tests use as independent oracles and checkers) ----------------
# php-cli: PHP's own strnatcmp and float-to-string, the platform's reference behaviour.
# libqrencode-dev: the C QR encoder the QR benchmark compares against.
# zbar-tools: a real QR decoder. librsvg2-bin: rsvg-convert, a real SVG renderer (the QR decode
# test rasterises our SVG with it). valgrind, g++, pkg-config: the C ABI tests. chromium: the
# real browser that opens the merchant's payment page in tests/e2e (headless, its command line).
APT_PACKAGES=(php-cli libqrencode-dev zbar-tools librsvg2-bin valgrind g++ pkg-config chromium)
# nodejs, npm: the Node.js package (bindings/node), unless a Node.js is already on the PATH.
command -v node >/dev/null && command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "deps: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- pinned Rust tools -------------------------------------------------------------------------
CBINDGEN_VERSION=0.29.4
if ! .tools/bin/cbindgen --version 2>/dev/null | grep -q " $CBINDGEN_VERSION\$"; then
  echo "deps: installing cbindgen $CBINDGEN_VERSION into .tools/"
  cargo install --quiet --locked --root .tools cbindgen --version "$CBINDGEN_VERSION"
fi

# cargo-fuzz (libFuzzer) for fuzz/: run with the machine's nightly toolchain (`cargo +nightly fuzz`).
CARGO_FUZZ_VERSION=0.13.1
if ! .tools/bin/cargo-fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
  echo "deps: installing cargo-fuzz $CARGO_FUZZ_VERSION into .tools/"
  cargo install --quiet --locked --root .tools cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

# Miri (the nightly toolchain's interpreter that checks for undefined behaviour) and the
# standard library's source it builds its sysroot from: `make test-miri`.
if ! cargo +nightly miri --version >/dev/null 2>&1 || \
   [ ! -d "$(rustc +nightly --print sysroot)/lib/rustlib/src/rust/library" ]; then
  echo "deps: adding the nightly toolchain's miri and rust-src components"
  rustup component add --toolchain nightly miri rust-src
fi

# ---- Python virtualenv (pinned test tools) ------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  echo "deps: creating .venv"
  python3 -m venv .venv
fi
stamp=.venv/.requirements-dev.sha
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "deps: installing Python test requirements"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
