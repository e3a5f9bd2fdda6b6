// The browser entry point: one SDL window on #canvas, frames pumped by
// requestAnimationFrame (drawn only when something changed), the bundled catalogue and
// config.json fetched beside index.html, the sync engine on fetch() and localStorage,
// the URL hash as the app's location, and the text agent for phone keyboards and IME.
// ?kiosk=1 and ?contrast=high in the address choose kiosk mode and high contrast; what
// changes on screen is said to screen readers through a live region of the page.
#include "app/app.hpp"
#include "platform/sdl_runner.hpp"
#include "platform/web/fetch_transport.hpp"
#include "platform/web/js_text_source.hpp"
#include "platform/web/test_api.hpp"
#include "platform/web/text_agent.hpp"
#include "platform/web/web_glyphs.hpp"
#include "platform/web/web_services.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <memory>
#include <string>
#include <string_view>

extern "C" {
void lx_fetch_asset(const char* url, int request);
void lx_publish_test_api();
void lx_first_frame();
void lx_set_ready();
void lx_location_init();
void lx_location_push(const char* hash);
void lx_location_back(const char* hash);
int lx_page_flag(const char* name, const char* value);
void lx_announce(const char* text, int urgent);
}

namespace {

liaoxiu::platform::SdlRunner g_runner;
liaoxiu::platform::WebGlyphRasterizer g_rasterizer;
liaoxiu::platform::FetchTransport g_transport;
liaoxiu::platform::LocalStorage g_storage;
liaoxiu::platform::WebServices g_services;
std::unique_ptr<liaoxiu::App> g_app;
std::string g_location;        // the hash the browser shows
std::uint64_t g_moves_back = 0;  // the app's moves back the browser's history has followed

constexpr int kCatalogueRequest = 1;
constexpr int kConfigRequest = 2;

void frame() {
    g_app->tick(g_services.now());
    const bool was_ready = g_app->ready();
    const long frames_before = g_app->stats().frames;
    g_runner.step();
    if (frames_before == 0 && g_app->stats().frames > 0) lx_first_frame();
    if (!was_ready && g_app->ready()) lx_set_ready();
    for (const liaoxiu::ui::Announcement& said : g_app->take_announcements()) lx_announce(said.text.c_str(), said.urgent ? 1 : 0);
    // A screen change made in the app becomes a browser history entry; going back in the
    // app (‹ 返回) steps the browser's history back instead, so the phone's back button
    // then goes further back, not to the screen just left.
    if (const std::string location = g_app->location(); location != g_location) {
        g_location = location;
        if (g_app->moves_back() != g_moves_back)
            lx_location_back(g_location.c_str());
        else
            lx_location_push(g_location.c_str());
    }
    g_moves_back = g_app->moves_back();
}

}  // namespace

// `body` is kept in JavaScript and read from here (the catalogue is parsed as it is read).
extern "C" EMSCRIPTEN_KEEPALIVE void lx_on_asset(int request, int body) {
    liaoxiu::platform::JsTextSource text(body);
    if (request == kConfigRequest) g_app->on_config(true, liaoxiu::read_all(text));
    if (request != kCatalogueRequest) return;
    g_app->on_catalogue(text);
    // A deep link opened before the data was there is resolved now.
    if (!g_location.empty()) g_app->open_location(g_location);
}

extern "C" EMSCRIPTEN_KEEPALIVE void lx_on_asset_failed(int request, const char* reason) {
    if (request == kConfigRequest) g_app->on_config(false, reason);
    if (request == kCatalogueRequest) g_app->on_catalogue_failed(reason);
}

// The browser's address changed (first load, back button, a pasted link).
extern "C" EMSCRIPTEN_KEEPALIVE void lx_on_location(const char* hash) {
    g_location = hash;
    g_app->open_location(g_location);
    g_app->request_frame();
}

namespace {

// A lost WebGL context is only restored when the page asks for it (preventDefault, which
// returning EM_TRUE does); the state lives in wasm memory, untouched, so nothing but the GL
// objects must be made again.
EM_BOOL on_webgl_context_lost(int, const void*, void*) {
    g_runner.gl_context_lost();
    return EM_TRUE;
}

EM_BOOL on_webgl_context_restored(int, const void*, void*) {
    g_runner.gl_context_restored();
    return EM_TRUE;
}

}  // namespace

int main() {
    if (!g_runner.open("疗休 Liaoxiu", 390, 844)) return 1;
    liaoxiu::DisplayOptions display;
    display.kiosk = lx_page_flag("kiosk", "1") != 0;
    display.high_contrast = lx_page_flag("contrast", "high") != 0;
    g_app = std::make_unique<liaoxiu::App>(g_rasterizer, g_runner.pixel_ratio(), g_transport, g_storage, g_services,
                                           liaoxiu::sync::EngineOptions{}, display);
    g_runner.attach(*g_app);
    emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_FALSE, on_webgl_context_lost);
    emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_FALSE, on_webgl_context_restored);
    liaoxiu::platform::TextAgent& agent = liaoxiu::platform::text_agent();
    agent.install(g_app->items(), [](const std::string& text) { g_app->want_text(text); });
    g_runner.add_hooks(agent);
    liaoxiu::platform::expose_test_api(*g_app);
    lx_publish_test_api();
    lx_fetch_asset("catalogue.json", kCatalogueRequest);
    lx_fetch_asset("config.json", kConfigRequest);
    lx_location_init();
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
