#include "platform/web/web_page.hpp"

#include "platform/web/js_imports.hpp"
#include "platform/web/js_text_source.hpp"
#include "platform/web/semantics.hpp"
#include "platform/web/text_agent.hpp"

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

namespace liaoxiu::platform {
namespace {

WebPage* g_page = nullptr;  // the page that runs

constexpr int kCatalogueRequest = 1;
constexpr int kConfigRequest = 2;

// While the loop sleeps the app's clock still moves (sync, retries, a countdown, the kiosk's
// reset): it counts whole seconds, so one tick a second is all it can use.
constexpr int kHeartbeatMs = 1000;

// The loader goes away once the first frame is on screen.
class FirstFrame final : public FrameHooks {
public:
    bool wants_frame() const override { return false; }
    void before_new_frame(ImGuiIO&) override {}
    void after_draw(ImGuiIO&) override {}
    void after_frame() override {
        if (shown_) return;
        shown_ = true;
        lx_first_frame();
    }

private:
    bool shown_ = false;
};

// A lost WebGL context is only restored when the page asks for it (preventDefault, which
// returning EM_TRUE does); the state lives in wasm memory, untouched, so nothing but the GL
// objects must be made again.
EM_BOOL on_webgl_context_lost(int, const void*, void*) {
    g_page->on_context_lost();
    return EM_TRUE;
}

EM_BOOL on_webgl_context_restored(int, const void*, void*) {
    g_page->on_context_restored();
    return EM_TRUE;
}

}  // namespace

bool WebPage::open(const char* title, int width, int height) {
    // SDL listens on the canvas only, so the page's own inputs (the text agent) keep their keys.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
    return runner_.open(title, width, height, renderer_);
}

PageOptions WebPage::options() const {
    return {.kiosk = lx_page_flag("kiosk", "1") != 0, .high_contrast = lx_page_flag("contrast", "high") != 0};
}

void WebPage::run(PageClient& client, RunnerClient& frames) {
    g_page = this;
    client_ = &client;
    runner_.attach(frames);
    static FirstFrame first_frame;
    runner_.add_hooks(first_frame);
    emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_FALSE, on_webgl_context_lost);
    emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_FALSE, on_webgl_context_restored);
    TextAgent& agent = text_agent();
    agent.install(client.items(), [&client](const std::string& text) { client.want_text(text); });
    runner_.add_hooks(agent);
    Semantics& tree = semantics();
    tree.install(client.items());
    runner_.add_hooks(tree);
    publish_test_api(client);
    lx_fetch_asset("catalogue.json", kCatalogueRequest);
    lx_fetch_asset("config.json", kConfigRequest);
    lx_location_init();
    lx_loop_init();
    emscripten_set_main_loop([] { g_page->frame(); }, 0, false);
}

void WebPage::wake() {
    if (!asleep_) return;
    asleep_ = false;
    emscripten_resume_main_loop();
}

void WebPage::heartbeat() {
    if (asleep_) frame();  // ends by sleeping again, or by waking the loop for what it found to do
}

// An idle page costs nothing: no animation frame callbacks (60 a second otherwise, each
// waking the CPU), only the heartbeat's tick.
void WebPage::sleep_if_idle() {
    if (!runner_.idle()) {
        wake();
        return;
    }
    if (!asleep_) {
        asleep_ = true;
        emscripten_pause_main_loop();
    }
    lx_loop_sleep(kHeartbeatMs);
}

void WebPage::frame() {
    client_->tick(services_.now());
    // A kiosk reset: the last person's screens leave the history (the page goes back to a clean
    // entry at home) and the live regions stop saying their words (即将返回首页 10…).
    if (client_->resets() != resets_) {
        resets_ = client_->resets();
        location_ = client_->location();
        moves_back_ = client_->moves_back();
        moves_in_place_ = client_->moves_in_place();
        lx_kiosk_reset(location_.c_str());
    }
    if (std::string tag = client_->language_tag(); tag != language_tag_) {
        language_tag_ = std::move(tag);
        lx_set_lang(language_tag_.c_str());
    }
    lx_follow_pixel_ratio();
    runner_.step();
    if (!was_ready_ && client_->ready()) {
        was_ready_ = true;
        set_test_api_ready();
    }
    for (const ui::Announcement& said : client_->take_announcements()) lx_announce(said.text.c_str(), said.urgent ? 1 : 0);
    // A screen change made in the app becomes a browser history entry; going back in the
    // app (‹ 返回) steps the browser's history back instead, so the phone's back button
    // then goes further back, not to the screen just left.
    if (const std::string location = client_->location(); location != location_) {
        location_ = location;
        if (client_->moves_back() != moves_back_)
            lx_location_back(location_.c_str());
        else if (client_->moves_in_place() != moves_in_place_)
            lx_location_replace(location_.c_str());
        else
            lx_location_push(location_.c_str());
    }
    moves_back_ = client_->moves_back();
    moves_in_place_ = client_->moves_in_place();
    sleep_if_idle();
}

void WebPage::on_asset(int request, TextSource& body) {
    if (request == kConfigRequest) client_->on_config(true, read_all(body));
    if (request != kCatalogueRequest) return;
    client_->on_catalogue(body);
    // A deep link opened before the data was there is resolved now.
    if (!location_.empty()) client_->open_location(location_);
}

void WebPage::on_asset_failed(int request, const char* reason) {
    if (request == kConfigRequest) client_->on_config(false, reason);
    if (request == kCatalogueRequest) client_->on_catalogue_failed(reason);
}

// The browser's address changed (first load, back button, a pasted link).
void WebPage::on_location(const char* hash) {
    location_ = hash;
    client_->open_location(location_);
    client_->request_frame();
    wake();
}

}  // namespace liaoxiu::platform

void lx_on_asset(int request, int body) {
    liaoxiu::platform::JsTextSource text(body);
    liaoxiu::platform::g_page->on_asset(request, text);
}

void lx_on_asset_failed(int request, const char* reason) { liaoxiu::platform::g_page->on_asset_failed(request, reason); }

void lx_on_location(const char* hash) { liaoxiu::platform::g_page->on_location(hash); }

void lx_loop_wake() { liaoxiu::platform::g_page->wake(); }

void lx_loop_heartbeat() { liaoxiu::platform::g_page->heartbeat(); }
