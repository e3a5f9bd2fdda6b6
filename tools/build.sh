#!/usr/bin/env bash
# Builds both targets from one tree: build/web/dist (the app) and build/native (endpoint, tests, desktop app).
#   tools/build.sh [web|native|all]     (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Emscripten's JS optimizer needs Debian's acorn
jobs=${LIAOXIU_JOBS:-$(nproc)}
what=${1:-all}
if [ "$what" = web ] || [ "$what" = all ]; then
  [ -f build/web/CMakeCache.txt ] || cmake --preset web >/dev/null
  cmake --build --preset web -j "$jobs"
fi
if [ "$what" = native ] || [ "$what" = all ]; then
  [ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
  cmake --build --preset native -j "$jobs"
fi
