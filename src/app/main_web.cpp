// The browser entry point: one SDL window on #canvas, frames pumped by
// requestAnimationFrame, the bundled catalogue fetched beside index.html.
#include "app/app.hpp"
#include "platform/sdl_runner.hpp"
#include "platform/web/test_api.hpp"
#include "platform/web/web_glyphs.hpp"

#include <emscripten.h>

#include <memory>
#include <string_view>

extern "C" {
void lx_fetch_asset(const char* url, int request);
void lx_publish_test_api();
void lx_first_frame();
void lx_set_ready();
}

namespace {

liaoxiu::platform::SdlRunner g_runner;
liaoxiu::platform::WebGlyphRasterizer g_rasterizer;
std::unique_ptr<liaoxiu::App> g_app;

constexpr int kCatalogueRequest = 1;

void frame() {
    const bool was_ready = g_app->ready();
    g_runner.step();
    if (g_app->stats().frames == 1) lx_first_frame();
    if (!was_ready && g_app->ready()) lx_set_ready();
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void lx_on_asset(int request, int ok, const char* bytes, int length) {
    if (request == kCatalogueRequest) g_app->on_catalogue(ok != 0, std::string_view(bytes, static_cast<std::size_t>(length)));
}

int main() {
    if (!g_runner.open("疗休 Liaoxiu", 390, 844)) return 1;
    g_app = std::make_unique<liaoxiu::App>(g_rasterizer, g_runner.pixel_ratio());
    g_runner.attach(*g_app);
    liaoxiu::platform::expose_test_api(*g_app);
    lx_publish_test_api();
    lx_fetch_asset("catalogue.json", kCatalogueRequest);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
