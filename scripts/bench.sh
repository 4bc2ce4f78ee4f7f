#!/usr/bin/env bash
# Benchmarks: figures to quote, not timed tests. Nothing here runs in CI.
#
#   scripts/bench.sh                 size report + Node benchmark of www/pkg (the shipped build)
#   scripts/bench.sh --quick         the same, one pass, no 10 MB inputs (a smoke run)
#   scripts/bench.sh --native        also the criterion benches (cargo bench --bench extract)
#   scripts/bench.sh --profiles      also build the wasm at opt-level z, s and 3 (into
#                                    target/bench-pkg/, never www/pkg) and compare size and speed
#
# Builds www/pkg with scripts/build.sh when it is missing (ALAM_SKIP_NATIVE=1).
# Results are printed and written as JSON to target/bench/. Medians throughout;
# the machine's load average is printed with them, since other processes on
# 2 cores inflate wall times (CPU times are printed beside them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

quick=0 native=0 profiles=0
for a in "$@"; do
  case $a in
    --quick) quick=1 ;;
    --native) native=1 ;;
    --profiles) profiles=1 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $a (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
out=target/bench
mkdir -p "$out"
node_args=()
[ $quick = 1 ] && node_args+=(--quick)

if [ ! -f www/pkg/alam_bg.wasm ]; then
  say "www/pkg missing: scripts/build.sh"
  ALAM_SKIP_NATIVE=1 ./scripts/build.sh
fi

say "size (www/pkg)"
names=()
for p in wasm release; do
  f=target/wasm32-unknown-unknown/$p/alam.wasm
  if [ -f "$f" ]; then names=(--names "$f"); break; fi
done
node scripts/bench/size.mjs www/pkg "${names[@]}" --json "$out/size.json"

say "Node benchmark (www/pkg)"
node scripts/bench/bench.mjs --pkg www/pkg "${node_args[@]}" --json "$out/node.json"

if [ $profiles = 1 ]; then
  # The same build steps as scripts/build.sh (wasm-bindgen --target web,
  # then wasm-opt at ALAM_WASM_OPT when it is set), at three rustc opt-levels,
  # for the size/speed trade-off.
  wasm_opt=$root/scripts/node_modules/.bin/wasm-opt
  features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd)
  for level in z s 3; do
    say "opt-level $level"
    dir=target/bench-pkg/opt-$level
    CARGO_PROFILE_WASM_OPT_LEVEL=$level cargo build --lib --target wasm32-unknown-unknown \
      --profile wasm --target-dir target/bench-target
    rm -rf "$dir"
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
      --out-dir "$dir" --out-name alam target/bench-target/wasm32-unknown-unknown/wasm/alam.wasm
    if [ "${ALAM_WASM_OPT:-none}" != none ]; then
      "$wasm_opt" "$ALAM_WASM_OPT" "${features[@]}" \
        "$dir/alam_bg.wasm" -o "$dir/alam_bg.wasm.opt"
      mv "$dir/alam_bg.wasm.opt" "$dir/alam_bg.wasm"
    fi
    node scripts/bench/size.mjs "$dir" --json "$out/size-opt-$level.json" | sed -n '1,3p;/budget/p'
    node scripts/bench/bench.mjs --pkg "$dir" --only cold,docs,mb "${node_args[@]}" \
      --json "$out/node-opt-$level.json"
  done
fi

if [ $native = 1 ]; then
  say "criterion (native)"
  if [ $quick = 1 ]; then
    cargo bench --bench extract -- --quick
  else
    cargo bench --bench extract
  fi
fi

echo
echo "JSON results in $out/"
