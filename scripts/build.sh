#!/usr/bin/env bash
# Build everything that ships:
#   target/release/alam         the native CLI (target/ or $CARGO_TARGET_DIR)
#   www/pkg/                    the browser build (wasm-bindgen --target web) the demo imports,
#                               with highlight.js/.css and the <alam-highlight> element beside it,
#                               and the element's first module: alam_lite_bg.wasm (the same code
#                               without the embedded data, feature "embed" off), which loads
#                               gazetteer.tsv and model.bin (copies of data/) at run time
#   pkg/                        the npm package: the same files, an entry that initialises on
#                               import (bundlers), a Node entry, package.json
#   target/extension/           the browser extension, unpacked (extension/ + the same files)
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

say "wasm32 library without embedded data (the element's first module)"
# Its own target dir: the same crate with other features would otherwise
# overwrite alam.wasm and rebuild on every alternate run.
lite_dir=${CARGO_TARGET_DIR:-$root/target}/lite
cargo build --lib --target wasm32-unknown-unknown --profile "$profile" --no-default-features \
  --target-dir "$lite_dir"
raw_lite=$lite_dir/wasm32-unknown-unknown/$profile/alam.wasm

if [ "$wopt" != none ] && [ ! -x "$wasm_opt" ]; then
  echo "wasm-opt missing: run (cd scripts && npm ci) — or scripts/demo.sh, which installs it" >&2
  exit 1
fi

# Features the Rust wasm32 target enables by default, and SIMD, which
# .cargo/config.toml turns on; wasm-opt must accept them.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd)

# bindgen TARGET OUTDIR [RAW NAME]: wasm-bindgen (then wasm-opt when asked), skipped when
# the input is unchanged.
bindgen() {
  local target=$1 out=$2 in=${3:-$raw} name=${4:-alam} stamp
  stamp="$(sha256sum "$in" | cut -c1-16) $target $wopt $(wasm-bindgen --version)"
  if [ -f "$out/${name}_bg.wasm" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "$out: up to date"
    return
  fi
  rm -rf "$out"
  wasm-bindgen --target "$target" --remove-name-section --remove-producers-section \
    --out-dir "$out" --out-name "$name" "$in"
  if [ "$wopt" != none ]; then
    "$wasm_opt" "$wopt" "${features[@]}" "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm.opt"
    mv "$out/${name}_bg.wasm.opt" "$out/${name}_bg.wasm"
  fi
  echo "$stamp" >"$out/.stamp"
}

say "www/pkg (--target web) and the element"
bindgen web www/pkg
rm -f www/pkg/.gitignore
# The first module is bound under the same name ("alam"), then renamed: its
# imports then come from "./alam_bg.js" like the full module's, so the
# element's glue (alam_lite.js) can also run alam_bg.wasm (its src attribute).
bindgen web "$lite_dir/pkg" "$raw_lite"
imports() { grep -o '__wbg_[A-Za-z0-9_]*' "$1" | sort -u; }
if ! diff <(imports www/pkg/alam.js) <(imports "$lite_dir/pkg/alam.js") >/dev/null; then
  echo "the two builds' glue imports different functions; the element needs them alike" >&2
  exit 1
fi
cp "$lite_dir/pkg/alam_bg.wasm" www/pkg/alam_lite_bg.wasm
cp "$lite_dir/pkg/alam.d.ts" www/pkg/alam_lite.d.ts
sed -e "s|new URL('alam_bg.wasm', import.meta.url)|new URL('alam_lite_bg.wasm', import.meta.url)|" \
  -e 's|@ts-self-types="./alam.d.ts"|@ts-self-types="./alam_lite.d.ts"|' \
  "$lite_dir/pkg/alam.js" >www/pkg/alam_lite.js
if [ "$(grep -c "alam_lite_bg.wasm', import.meta.url\|alam_lite.d.ts" www/pkg/alam_lite.js)" != 2 ]; then
  echo "alam_lite.js: the glue's file names were not where build.sh expects them" >&2
  exit 1
fi
cp data/gazetteer.tsv data/model.bin www/pkg/
cp www/highlight.js www/highlight.d.ts www/highlight.css \
  www/element/alam-element.js www/element/alam-element.d.ts www/element/alam-element-worker.js www/pkg/
# The element adopts highlight.css from a module (no fetch, no <link> to add).
node -e '
  const fs = require("fs");
  const css = fs.readFileSync(process.argv[1], "utf8");
  fs.writeFileSync(process.argv[2], "// Generated by scripts/build.sh from highlight.css.\nexport default " + JSON.stringify(css) + ";\n");
' www/highlight.css www/pkg/alam-element-css.js

say "pkg/ (npm package: the files of www/pkg/ and its entries)"
rm -rf pkg
mkdir pkg
cp -r www/pkg/. pkg/
rm -f pkg/.stamp
cp scripts/npm/index.js scripts/npm/index.d.ts scripts/npm/alam_node.js scripts/npm/README.md pkg/
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  p.version = process.argv[2];
  fs.writeFileSync(process.argv[3], JSON.stringify(p, null, 2) + "\n");
' scripts/npm/package.json "$version" pkg/package.json

say "target/extension/ (unpacked browser extension)"
ext=${CARGO_TARGET_DIR:-$root/target}/extension
rm -rf "$ext"
mkdir -p "$ext/pkg"
cp -r extension/. "$ext/"
cp -r www/pkg/alam.js www/pkg/alam_bg.wasm www/pkg/snippets "$ext/pkg/"
cp www/worker.js www/highlight.css "$ext/"
# Content scripts are classic scripts: highlight.js without its exports, in a
# function scope, its API on the content script's own (isolated) global.
{
  echo "// Generated by scripts/build.sh from www/highlight.js."
  echo "(() => {"
  sed -e 's/^export //' www/highlight.js
  echo "globalThis.alamHighlight = { highlight, unhighlight, textOf };"
  echo "})();"
} >"$ext/highlight-classic.js"
if grep -q '^\s*export ' "$ext/highlight-classic.js" || grep -q '^import ' "$ext/highlight-classic.js"; then
  echo "highlight.js has an export or import the classic-script conversion does not handle" >&2
  exit 1
fi

size() { printf '%s: %s bytes raw, %s bytes gzip -9\n' "$1" "$(wc -c <"$1")" "$(gzip -9c "$1" | wc -c)"; }
say "sizes"
size "$raw"
size www/pkg/alam_bg.wasm
size www/pkg/alam_lite_bg.wasm
gz=$(gzip -9c www/pkg/alam_bg.wasm | wc -c)
if [ "$gz" -gt 1300000 ]; then
  echo "warning: www/pkg/alam_bg.wasm is $gz bytes gzipped, over the 1.3 MB budget" >&2
fi
