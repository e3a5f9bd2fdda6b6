#!/usr/bin/env bash
# Builds the baseline for tests/bench/web/first_load.mjs: Dear ImGui 1.86's own
# example_emscripten_opengl3 (from the Debian source tree tools/bootstrap.sh unpacked), its
# demo window kept, built as a careful developer would ship it: -Os at compile AND link (so
# wasm-opt runs and the JS glue is minified), no assertions, WebGL2 only like the app, against
# the same wasm SDL2 the app uses. Output: build/bench-plain/{index.html,index.js,index.wasm}
# plus .br copies. Nothing of it is committed; it is rebuilt only when missing or older than
# this script.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export NODE_PATH=/usr/share/nodejs   # Emscripten's JS optimizer needs Debian's acorn
cache=${LIAOXIU_CACHE:-$HOME/.cache/liaoxiu}
imgui=$cache/imgui-1.86
sdl=$cache/sdl2-2.26.5-wasm
out=build/bench-plain
example=$imgui/examples/example_emscripten_opengl3/main.cpp
[ -f "$example" ] || { echo "missing $example: run tools/bootstrap.sh" >&2; exit 1; }
[ -f "$sdl/lib/libSDL2.a" ] || { echo "missing $sdl/lib/libSDL2.a: run tools/bootstrap.sh" >&2; exit 1; }
if [ -f "$out/index.wasm" ] && [ "$out/index.wasm" -nt "$0" ]; then exit 0; fi
mkdir -p "$out/obj"
# The Makefile's compile flags, except -s USE_SDL=2 (Emscripten's port cannot be fetched here):
# -Os, no file system (so no Roboto font: ImGui's built-in ProggyClean).
flags=(-Os -Wall -Wformat -DIMGUI_DISABLE_FILE_FUNCTIONS -s DISABLE_EXCEPTION_CATCHING=1
       -I"$imgui" -I"$imgui/backends" -I"$sdl/include/SDL2")
# WebGL2, as the app: the example's own commented-out choice (GLSL "#version 300 es" on an
# OpenGL ES 3.0 context, which SDL maps to WebGL2), applied to a copy of its main.cpp.
sed -e 's|^\(    const char\* glsl_version = "#version 100";\)|//\1|' \
    -e 's|^    //\(const char\* glsl_version = "#version 300 es";\)|    \1|' \
    -e 's|SDL_GL_CONTEXT_MAJOR_VERSION, 2)|SDL_GL_CONTEXT_MAJOR_VERSION, 3)|' "$example" > "$out/main.cpp"
grep -q '^    const char\* glsl_version = "#version 300 es";' "$out/main.cpp" &&
  grep -q 'SDL_GL_CONTEXT_MAJOR_VERSION, 3)' "$out/main.cpp" ||
  { echo "build_plain.sh: could not switch $example to WebGL2" >&2; exit 1; }
objects=()
for source in "$out/main.cpp" "$imgui"/imgui.cpp "$imgui"/imgui_demo.cpp "$imgui"/imgui_draw.cpp \
              "$imgui"/imgui_tables.cpp "$imgui"/imgui_widgets.cpp \
              "$imgui"/backends/imgui_impl_sdl.cpp "$imgui"/backends/imgui_impl_opengl3.cpp; do
  object=$out/obj/$(basename "${source%.cpp}").o
  em++ "${flags[@]}" -c "$source" -o "$object" &
  objects+=("$object")
  # at most two compilers at once (shared machine)
  if (( ${#objects[@]} % 2 == 0 )); then wait; fi
done
wait
# The Makefile's link flags with -Os (the Makefile passes none at link, so emcc would skip
# wasm-opt and minification), ASSERTIONS=0 (the Makefile's ASSERTIONS=1 is a debugging aid)
# and WebGL2 only, as the app is linked.
em++ -Os -o "$out/index.js" "${objects[@]}" "$sdl/lib/libSDL2.a" \
  -s WASM=1 -s ALLOW_MEMORY_GROWTH=1 -s NO_EXIT_RUNTIME=0 -s ASSERTIONS=0 -s NO_FILESYSTEM=1 \
  -s DISABLE_EXCEPTION_CATCHING=1 -s ENVIRONMENT=web -s MIN_WEBGL_VERSION=2 -s MAX_WEBGL_VERSION=2
cat > "$out/index.html" <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8"><title>ImGui 1.86 example (baseline)</title>
<style>html,body{margin:0;height:100%;overflow:hidden}#canvas{position:fixed;inset:0;width:100vw;height:100vh;display:block}</style>
</head><body><canvas id="canvas" oncontextmenu="event.preventDefault()"></canvas>
<script>var Module = { canvas: document.getElementById('canvas') };</script>
<script src="index.js"></script>
</body></html>
HTML
for file in index.html index.js index.wasm; do brotli -f -q 11 -o "$out/$file.br" "$out/$file"; done
echo "built $out"
