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
imgui_version=1.86
sdl_version=2.26.5
qrcodegen_version=1.8.0
mkdir -p "$cache"

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages ------------------------------------------------------
packages=(
  build-essential cmake ninja-build pkg-config dpkg-dev
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
fetch_source() { # name version dir
  local name=$1 version=$2 dir=$3
  [ -f "$dir/.complete" ] && return 0
  say "fetching Debian source package $name ($version)"
  [ -n "$apt_updated" ] || { as_root apt-get update -q; apt_updated=1; }
  local tmp; tmp=$(mktemp -d "$cache/src-XXXX")
  (cd "$tmp" && apt-get source --download-only -q "$name" >/dev/null && dpkg-source -x --no-check ./*.dsc tree >/dev/null)
  grep -q "$version" "$tmp"/*.dsc || { echo "bootstrap: $name source is not version $version" >&2; exit 1; }
  rm -rf "$dir"; mv "$tmp/tree" "$dir"; rm -rf "$tmp"
  touch "$dir/.complete"
}
fetch_upstream_tarball() { # name version dir
  local name=$1 version=$2 dir=$3
  [ -f "$dir/.complete" ] && return 0
  say "fetching the upstream tarball of Debian source package $name ($version)"
  [ -n "$apt_updated" ] || { as_root apt-get update -q; apt_updated=1; }
  local tmp; tmp=$(mktemp -d "$cache/src-XXXX")
  (cd "$tmp" && apt-get source --download-only -q "$name" >/dev/null 2>&1 || true)
  local tarball; tarball=$(ls "$tmp"/"${name}_${version}".orig.tar.* 2>/dev/null | head -1)
  [ -n "$tarball" ] || { echo "bootstrap: could not download the source of $name $version" >&2; exit 1; }
  mkdir -p "$tmp/tree" && tar -xf "$tarball" -C "$tmp/tree" --strip-components=1
  rm -rf "$dir"; mv "$tmp/tree" "$dir"; rm -rf "$tmp"
  touch "$dir/.complete"
}
fetch_source imgui "$imgui_version" "$cache/imgui-$imgui_version"
fetch_source libsdl2 "$sdl_version" "$cache/sdl2-$sdl_version-src"
# QR codes for native and wasm. The mirror serves this package's upstream tarball but not
# always its Debian diff, which only packages it; the upstream tarball is all we compile.
fetch_upstream_tarball qr-code-generator "$qrcodegen_version" "$cache/qrcodegen-$qrcodegen_version"

# --- 4. SDL2 built for wasm, once --------------------------------------------
export NODE_PATH=/usr/share/nodejs
sdl_prefix="$cache/sdl2-$sdl_version-wasm"
if [ ! -f "$sdl_prefix/.complete" ]; then
  say "building SDL2 $sdl_version for WebAssembly (once; configure takes a few minutes)"
  build="$cache/sdl2-$sdl_version-wasm-build"
  rm -rf "$build" "$sdl_prefix"
  # SDL's configure runs hundreds of try-compiles; count them so the wait is visible.
  emcmake cmake -S "$cache/sdl2-$sdl_version-src" -B "$build" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
      -DCMAKE_INSTALL_PREFIX="$sdl_prefix" 2>&1 | tee "$cache/sdl2-configure.log" |
    awk '/^-- (Performing Test|Looking for|Check)/ { n++; if (n % 25 == 0) { printf "[bootstrap]   configure: %d checks done\n", n; fflush() } }
         END { printf "[bootstrap]   configure: %d checks done\n", n }'
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "bootstrap: SDL2 configure failed, see $cache/sdl2-configure.log" >&2; exit 1; }
  say "compiling SDL2"
  cmake --build "$build" 2>&1 | awk '/^\[[0-9]+\/[0-9]+\]/ { if (++n % 40 == 0) { print "[bootstrap]   " $1; fflush() } }'
  cmake --install "$build" >/dev/null
  rm -rf "$build"
  touch "$sdl_prefix/.complete"
fi

# --- 5. npm tools for the end-to-end tests ----------------------------------
if [ ! -d "$here/tests/e2e/node_modules/playwright-core" ] || [ "$here/tests/e2e/package-lock.json" -nt "$here/tests/e2e/node_modules/.package-lock.json" ]; then
  say "installing npm test tools (tests/e2e)"
  (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

say "ready (cache: $cache)"
