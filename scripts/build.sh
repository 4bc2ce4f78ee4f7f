#!/usr/bin/env bash
# Build everything that ships:
#   target/release/alam         the native CLI (target/ or $CARGO_TARGET_DIR)
#   www/pkg/                    the browser build (wasm-bindgen --target web) the demo imports
#   pkg/                        the npm package (--target bundler, a Node entry, highlight helper)
# Needs: cargo, the wasm32-unknown-unknown target, wasm-bindgen at the Cargo.lock
# version, and (only with ALAM_WASM_OPT set) scripts/node_modules (npm ci in scripts/)
# for wasm-opt. scripts/demo.sh and scripts/test.sh install what is missing. Re-running
# with nothing changed is fast.
#
# Env: ALAM_WASM_PROFILE (default "wasm", see Cargo.toml), ALAM_WASM_OPT (default
#      "none": no wasm-opt; or a wasm-opt level such as -O3), ALAM_SKIP_NATIVE=1 (no
#      CLI build).
#
# Why no wasm-opt by default: rustc's output (LLVM, opt-level 3, LTO) is already
# optimised, and binaryen's -O3 made it slower in Node: 5% fewer tokens/s on the
# corpus documents (both builds in one process, four runs: 817k/863k, 846k/894k,
# 829k/869k, 753k/794k), -O2 slower still, the cold start 6 ms longer, and the gzip
# size 700 bytes larger. Measured again whenever the code changes much:
# `ALAM_WASM_OPT=-O3 scripts/build.sh` then scripts/bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

profile=${ALAM_WASM_PROFILE:-wasm}
wopt=${ALAM_WASM_OPT:-none}
wasm_opt=$root/scripts/node_modules/.bin/wasm-opt

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

if [ "${ALAM_SKIP_NATIVE:-0}" != 1 ]; then
  say "native CLI (release)"
  cargo build --release --bin alam
fi

say "wasm32 library (profile $profile)"
# --lib: the CLI binary would otherwise write the same alam.wasm file name.
cargo build --lib --target wasm32-unknown-unknown --profile "$profile"
raw=${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/$profile/alam.wasm

if [ "$wopt" != none ] && [ ! -x "$wasm_opt" ]; then
  echo "wasm-opt missing: run (cd scripts && npm ci) — or scripts/demo.sh, which installs it" >&2
  exit 1
fi

# Features the Rust wasm32 target enables by default, and SIMD, which
# .cargo/config.toml turns on; wasm-opt must accept them.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd)

# bindgen TARGET OUTDIR: wasm-bindgen (then wasm-opt when asked), skipped when the input
# is unchanged.
bindgen() {
  local target=$1 out=$2 stamp
  stamp="$(sha256sum "$raw" | cut -c1-16) $target $wopt $(wasm-bindgen --version)"
  if [ -f "$out/alam_bg.wasm" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "$out: up to date"
    return
  fi
  rm -rf "$out"
  wasm-bindgen --target "$target" --remove-name-section --remove-producers-section \
    --out-dir "$out" --out-name alam "$raw"
  if [ "$wopt" != none ]; then
    "$wasm_opt" "$wopt" "${features[@]}" "$out/alam_bg.wasm" -o "$out/alam_bg.wasm.opt"
    mv "$out/alam_bg.wasm.opt" "$out/alam_bg.wasm"
  fi
  echo "$stamp" >"$out/.stamp"
}

say "www/pkg (--target web)"
bindgen web www/pkg

say "pkg/ (npm package, --target bundler)"
bindgen bundler pkg
rm -f pkg/.gitignore
cp www/highlight.js www/highlight.d.ts www/highlight.css scripts/npm/alam_node.js scripts/npm/README.md pkg/
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  p.version = process.argv[2];
  fs.writeFileSync(process.argv[3], JSON.stringify(p, null, 2) + "\n");
' scripts/npm/package.json "$version" pkg/package.json

size() { printf '%s: %s bytes raw, %s bytes gzip -9\n' "$1" "$(wc -c <"$1")" "$(gzip -9c "$1" | wc -c)"; }
say "sizes"
size "$raw"
size www/pkg/alam_bg.wasm
size pkg/alam_bg.wasm
gz=$(gzip -9c www/pkg/alam_bg.wasm | wc -c)
if [ "$gz" -gt 1000000 ]; then
  echo "warning: www/pkg/alam_bg.wasm is $gz bytes gzipped, over the 1 MB budget" >&2
fi
