#!/usr/bin/env bash
# Install what building and testing alam needs, skipping what is present.
# Sourced by demo.sh and test.sh; run alone: scripts/setup.sh [--browser]
#   - rustup target wasm32-unknown-unknown
#   - wasm-bindgen-cli at exactly the Cargo.lock version of wasm-bindgen
#   - scripts/node_modules (npm ci): binaryen's wasm-opt, playwright-core, axe-core
#   - with --browser: Debian's chromium, chromium-driver, fonts-dejavu-core
# Nothing here downloads a browser or a toolchain outside the package managers.

alam_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "== rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_bindgen() {
  local want
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$alam_root/Cargo.lock")
  if [ -z "$want" ]; then
    echo "cannot read the wasm-bindgen version from Cargo.lock" >&2
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] &&
    command -v wasm-bindgen-test-runner >/dev/null; then
    return 0
  fi
  echo "== cargo install wasm-bindgen-cli $want (compiled from source, once per machine: a few minutes)"
  # Without --locked: the crate's own lockfile pins a webpki-roots version that
  # some registry mirrors lack, so --locked fails there with a frightening
  # resolver error. The exact --version is what must match Cargo.lock.
  cargo install wasm-bindgen-cli --version "$want"
}

ensure_npm() {
  local dir=$alam_root/scripts
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "== apt-get install nodejs npm"
    apt_install nodejs npm
  fi
  # npm ci again only when the lockfile changed since the last install.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "== npm ci (scripts/)"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}

ensure_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== apt-get install ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

apt_install() {
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_npm
  if [ "${1:-}" = --browser ]; then ensure_browser; fi
fi
