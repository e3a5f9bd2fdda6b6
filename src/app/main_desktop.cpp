// The desktop entry point: the same app in a native SDL2 window (handy under Xvfb).
//   liaoxiu-desktop [--api http://127.0.0.1:8080/api/v1] [CATALOGUE_JSON]
// Without --api it browses the bundled catalogue offline. What it keeps (catalogue,
// session, outbox) lives in $XDG_CACHE_HOME/liaoxiu-desktop or ~/.cache/liaoxiu-desktop.
#include "app/app.hpp"
#include "sync/desk/desk_engine.hpp"
#include "ui/desk/desk.hpp"
#include "platform/desktop/file_storage.hpp"
#include "platform/desktop/gl3_renderer.hpp"
#include "platform/desktop/http_transport.hpp"
#include "platform/desktop/truetype_glyphs.hpp"
#include "platform/sdl_runner.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string storage_directory() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/liaoxiu-desktop";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.cache/liaoxiu-desktop";
}

liaoxiu::Instant now_seconds() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::string catalogue_path = LIAOXIU_DEFAULT_CATALOGUE;
    std::string api_base;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--api") == 0 && i + 1 < argc) api_base = argv[++i];
        else catalogue_path = argv[i];
    }
    liaoxiu::platform::TrueTypeGlyphRasterizer rasterizer(liaoxiu::platform::TrueTypeGlyphRasterizer::system_faces());
    if (!rasterizer.ok()) std::fprintf(stderr, "warning: no CJK font found; install fonts-wqy-microhei\n");

    liaoxiu::platform::Gl3Renderer renderer;
    liaoxiu::platform::SdlRunner runner;
    if (!runner.open("疗休 Liaoxiu", 430, 900, renderer)) return 1;
    liaoxiu::platform::HttpTransport transport;
    liaoxiu::platform::FileStorage storage(storage_directory());
    liaoxiu::DefaultServices services;
    liaoxiu::App app(rasterizer, runner.pixel_ratio(), transport, storage, services);
    liaoxiu::sync::DeskEngine desk(app.engine());
    app.set_desk(liaoxiu::ui::desk::pages(), desk);  // one window for everyone: the desk is in it
    runner.attach(app);

    std::ifstream file(catalogue_path, std::ios::binary);
    if (file) {
        const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        liaoxiu::StringSource source(text);
        app.on_catalogue(source);
    } else {
        app.on_catalogue_failed("cannot open " + catalogue_path);
    }
    app.on_config(true, api_base.empty() ? std::string("{}") : "{\"api_base\": \"" + api_base + "\"}");

    do {
        app.tick(now_seconds());
    } while (runner.step());
    runner.close();
    return 0;
}
