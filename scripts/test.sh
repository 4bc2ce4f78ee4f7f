#!/usr/bin/env bash
# The whole suite, as CI runs it (.ci/run): formatting, lints, native tests
# (with and without the train feature, doc tests included), the wasm-bindgen
# tests under Node and headless Chromium, the build, the npm package under
# Node, and the Playwright tests of the pages. Installs what is missing.
# Works with or without ../shared (tests that need it say that they skip).
# ALAM_SKIP="fmt clippy ..." skips steps while iterating locally (never in CI):
# fmt clippy doc test train shared wasm-node wasm-browser build e2e retrain.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

step() { printf '\n\033[1m==== %s\033[0m\n' "$*"; }
want() {
  case " ${ALAM_SKIP:-} " in *" $1 "*) echo "(skipped: ALAM_SKIP has $1)"; return 1 ;; esac
}
if [ -n "${ALAM_SKIP:-}" ] && [ "${CI:-}" = true ]; then
  echo "ALAM_SKIP is ignored in CI" >&2
  ALAM_SKIP=
fi
t_start=$SECONDS

step "setup"
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm
ensure_browser
[ -d ../shared ] || echo "note: ../shared is absent; tests that read it skip"

step "cargo fmt --check"
want fmt && cargo fmt --all -- --check

step "cargo clippy (native, all targets, train feature; wasm32 binding and tests, with and without embedded data)"
if want clippy; then
  cargo clippy --all-targets --features train -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --lib --test wasm_node --test wasm_browser -- -D warnings
  # The element's first module: the library without its embedded data.
  cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
fi

step "cargo doc (broken or private intra-doc links are errors)"
want doc && RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib

step "cargo test (native, doc tests included)"
want test && cargo test
step "cargo test --features train"
want train && cargo test --features train

step "tests on the reference article in ../shared (ignored by plain cargo test)"
# Named article_*: run only here, only when the article is there, so that a
# checkout without ../shared never counts them as passed.
if want shared; then
  if [ -f ../shared/seed/article.txt ]; then
    cargo test --test article --test dates --test links --test numbers --test quotes \
      --test tagger -- --ignored article_
  else
    echo "(skipped: ../shared is absent; these 8 tests need ../shared/seed/article.txt)"
  fi
fi

step "wasm-bindgen tests under Node"
want wasm-node && cargo test --target wasm32-unknown-unknown --test wasm_node
step "wasm-bindgen tests in headless Chromium"
want wasm-browser && CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo test --target wasm32-unknown-unknown --test wasm_browser

step "build (CLI, www/pkg, pkg/)"
want build && ./scripts/build.sh

step "Node suites: the npm package, the browser build's hostile inputs, the pages in headless Chromium"
# tests/*.mjs: Node tests of the built packages and of the README's CLI commands
# (run on a copy with no ../shared); tests/e2e/: Playwright.
want e2e && node --test --test-concurrency=1 tests/*.mjs tests/e2e/

step "retraining on ../shared gives data/model.bin byte for byte"
# Last: the CLI it builds has the train feature (the e2e step used the plain one).
if want retrain; then
  if [ -f ../shared/data/anercorp/train.txt ]; then
    cargo build --release --features train --bin alam
    tmp=$(mktemp -d)
    "${CARGO_TARGET_DIR:-target}/release/alam" train --corpus ../shared/data/anercorp/train.txt \
      --out "$tmp/model.bin" >"$tmp/train.log" 2>&1 || { cat "$tmp/train.log"; exit 1; }
    tail -n 1 "$tmp/train.log"
    if ! cmp "$tmp/model.bin" data/model.bin; then
      echo "retrained model differs from data/model.bin (log: $tmp/train.log)" >&2
      exit 1
    fi
    echo "same bytes as data/model.bin ($(sha256sum data/model.bin | cut -c1-16)…)"
    # The word clusters the model reads, relearned from the unlabelled text.
    if [ -f ../shared/data/unlabelled/arabic_wikipedia_2017.txt.gz ]; then
      "${CARGO_TARGET_DIR:-target}/release/alam" represent --epochs 2 \
        --text ../shared/data/unlabelled/arabic_wikipedia_2017.txt.gz --out "$tmp/words.bin" \
        >"$tmp/represent.log" 2>&1 || { cat "$tmp/represent.log"; exit 1; }
      cmp "$tmp/words.bin" data/words.bin || {
        echo "relearned word clusters differ from data/words.bin" >&2
        exit 1
      }
      echo "same bytes as data/words.bin ($(sha256sum data/words.bin | cut -c1-16)…)"
    fi
    rm -rf "$tmp"
  else
    echo "(skipped: ../shared is absent; retraining needs its ANERcorp split)"
  fi
fi

echo
echo "all checks passed in $((SECONDS - t_start)) s"
