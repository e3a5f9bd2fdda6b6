// The desktop entry point: the same app in a native SDL2 window (handy under Xvfb).
//   liaoxiu-desktop [CATALOGUE_JSON]
#include "app/app.hpp"
#include "platform/desktop/truetype_glyphs.hpp"
#include "platform/sdl_runner.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : LIAOXIU_DEFAULT_CATALOGUE;
    liaoxiu::platform::TrueTypeGlyphRasterizer rasterizer(liaoxiu::platform::TrueTypeGlyphRasterizer::system_font_paths());
    if (!rasterizer.ok()) std::fprintf(stderr, "warning: no CJK font found; install fonts-wqy-microhei\n");

    liaoxiu::platform::SdlRunner runner;
    if (!runner.open("疗休 Liaoxiu", 430, 900)) return 1;
    liaoxiu::App app(rasterizer, runner.pixel_ratio());
    runner.attach(app);

    std::ifstream file(path, std::ios::binary);
    if (file) {
        const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        app.on_catalogue(true, text);
    } else {
        app.on_catalogue(false, "cannot open " + path);
    }
    while (runner.step()) {
    }
    runner.close();
    return 0;
}
