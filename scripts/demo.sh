#!/usr/bin/env bash
# Install what is missing, build, and serve the demo page on 127.0.0.1.
#   scripts/demo.sh            → http://127.0.0.1:8000/
#   ALAM_PORT=9000 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm
./scripts/build.sh
port=${ALAM_PORT:-8000}
echo
echo "alam demo:  http://127.0.0.1:$port/"
echo "embedding:  http://127.0.0.1:$port/embed.html"
echo "(Ctrl-C stops the server)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
