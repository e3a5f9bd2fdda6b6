// The browser page the app runs in: one SDL window on #canvas, frames pumped by
// requestAnimationFrame (drawn only when something changed), the bundled catalogue and
// config.json fetched beside index.html, the sync engine on fetch() and localStorage,
// the URL hash as the app's location, the text agent for phone keyboards and IME, a live
// region for screen readers, WebGL context loss, and window.liaoxiu for the tests.
//
// It knows the app only as a RunnerClient (its frames) and a PageClient (below).
#pragma once

#include "core/model.hpp"
#include "core/text_stream.hpp"
#include "platform/runner_client.hpp"
#include "platform/sdl_runner.hpp"
#include "platform/web/fetch_transport.hpp"
#include "platform/web/test_api.hpp"
#include "platform/web/web_glyphs.hpp"
#include "platform/web/web_services.hpp"
#include "platform/web/webgl_renderer.hpp"
#include "ui/ui.hpp"  // Announcement

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::platform {

// What the page asks of the app, beyond its frames.
class PageClient : public TestSubject {
public:
    // Every tick of the page's loop, drawn or not, with the wall-clock time.
    virtual void tick(Instant now) = 0;
    // The files beside index.html: the bundled catalogue (read as it is parsed) and config.json.
    virtual void on_catalogue(TextSource& text) = 0;
    virtual void on_catalogue_failed(std::string_view reason) = 0;
    virtual void on_config(bool ok, std::string_view text) = 0;
    // The app's location, kept in the URL hash (#/route/<id>). moves_back() counts the
    // screen changes made by going back in the app, so the page can step the browser's
    // history back for them instead of adding entries.
    virtual std::string location() const = 0;
    virtual void open_location(std::string_view location) = 0;
    virtual std::uint64_t moves_back() const = 0;
    // The screen changes made in place (a new record shown at its own place once saved): the
    // page replaces the browser's entry for them.
    virtual std::uint64_t moves_in_place() const { return 0; }
    virtual void request_frame() = 0;
    // Text the page is about to draw (the IME's pre-edit), for the glyph atlas.
    virtual void want_text(std::string_view text) = 0;
    // What changed on screen, for the live region.
    virtual std::vector<ui::Announcement> take_announcements() = 0;
    // A frame with the catalogue on screen has been drawn.
    virtual bool ready() const = 0;
    // Kiosk resets so far: at each, the page forgets its history and empties its live regions.
    virtual std::uint64_t resets() const { return 0; }
    // The language shown ("zh-CN", "en"), kept in <html lang>.
    virtual std::string language_tag() const { return "zh-CN"; }
};

// How the page address asks the app to look: ?kiosk=1, ?contrast=high.
struct PageOptions {
    bool kiosk = false;
    bool high_contrast = false;
};

// One per page: the exports JavaScript calls (js_imports.hpp) reach the page that runs.
class WebPage {
public:
    // Opens the window on #canvas with a WebGL2 context. False (said on stderr) without one.
    bool open(const char* title, int width, int height);
    PageOptions options() const;
    float pixel_ratio() const { return runner_.pixel_ratio(); }

    // The device, for the app.
    ui::GlyphRasterizer& rasterizer() { return rasterizer_; }
    sync::Transport& transport() { return transport_; }
    sync::Storage& storage() { return storage_; }
    ui::Services& services() { return services_; }

    // Starts the page: fetches the files, follows the address, and draws `frames` from the
    // browser's animation frames. Returns at once; both must outlive the page.
    void run(PageClient& client, RunnerClient& frames);

    // From JavaScript (the exports in web_page.cpp).
    void on_asset(int request, TextSource& body);
    void on_asset_failed(int request, const char* reason);
    void on_location(const char* hash);
    void on_context_lost() { runner_.gl_context_lost(); }
    void on_context_restored() {
        runner_.gl_context_restored();
        wake();
    }
    // Something happened (input, a resize, a fetch answered): frames again from the next
    // animation frame. The loop's heartbeat while it sleeps.
    void wake();
    void heartbeat();

private:
    void frame();
    // After a frame: the loop sleeps while the runner is idle (see lx_loop_sleep).
    void sleep_if_idle();

    WebGlRenderer renderer_;
    SdlRunner runner_;
    WebGlyphRasterizer rasterizer_;
    FetchTransport transport_;
    LocalStorage storage_;
    WebServices services_;
    PageClient* client_ = nullptr;
    std::string location_;          // the hash the browser shows
    std::uint64_t moves_back_ = 0;  // the app's moves back the browser's history has followed
    std::uint64_t moves_in_place_ = 0;  // and its moves in place
    bool was_ready_ = false;
    std::uint64_t resets_ = 0;      // the kiosk resets the page has followed
    std::string language_tag_;      // as <html lang> says
    bool asleep_ = false;           // the main loop is paused; only the heartbeat ticks
};

}  // namespace liaoxiu::platform
