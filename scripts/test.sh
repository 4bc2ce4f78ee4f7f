#!/usr/bin/env bash
# The whole suite, as CI runs it (.ci/run): formatting, lints, native tests
# (with and without the train feature, doc tests included), the wasm-bindgen
# tests under Node and headless Chromium, the build, the npm package under
# Node, and the Playwright tests of the pages. Installs what is missing.
# Works with or without ../shared (tests that need it say that they skip).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

step() { printf '\n\033[1m==== %s\033[0m\n' "$*"; }
t_start=$SECONDS

step "setup"
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm
ensure_browser
[ -d ../shared ] || echo "note: ../shared is absent; tests that read it skip"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets, train feature; wasm32 binding and tests)"
cargo clippy --all-targets --features train -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --test wasm_node --test wasm_browser -- -D warnings

step "cargo test (native, doc tests included)"
cargo test
step "cargo test --features train"
cargo test --features train

step "wasm-bindgen tests under Node"
cargo test --target wasm32-unknown-unknown --test wasm_node
step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo test --target wasm32-unknown-unknown --test wasm_browser

step "build (CLI, www/pkg, pkg/)"
./scripts/build.sh

step "npm package under Node, pages in headless Chromium (tests/e2e)"
node --test --test-concurrency=1 tests/e2e/

echo
echo "all checks passed in $((SECONDS - t_start)) s"
