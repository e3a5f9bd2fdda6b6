// The browser entry point, wiring only: the app on the web page (src/platform/web/web_page.hpp),
// which does everything that is the browser's. ?kiosk=1 and ?contrast=high in the address
// choose kiosk mode and high contrast. Built twice: liaoxiu (index.html) and, with LIAOXIU_DESK=1,
// liaoxiu-desk (desk.html), which alone links the secretariat's desk (src/ui/desk/, src/sync/desk/).
#include "app/app.hpp"
#include "platform/web/web_page.hpp"
#ifdef LIAOXIU_DESK
#include "sync/desk/desk_engine.hpp"
#include "ui/desk/desk.hpp"  // desk.html: the secretariat's desk beside the worker's screens
#endif

namespace {

using liaoxiu::App;
using liaoxiu::Instant;
using liaoxiu::platform::PageClient;
using liaoxiu::platform::TestStats;

// The app as the page sees it.
class AppOnPage final : public PageClient {
public:
    explicit AppOnPage(App& app) : app_(app) {}

    void tick(Instant now) override { app_.tick(now); }
    void on_catalogue(liaoxiu::TextSource& text) override { app_.on_catalogue(text); }
    void on_catalogue_failed(std::string_view reason) override { app_.on_catalogue_failed(reason); }
    void on_config(bool ok, std::string_view text) override { app_.on_config(ok, text); }
    std::string location() const override { return app_.location(); }
    void open_location(std::string_view location) override { app_.open_location(location); }
    std::uint64_t moves_back() const override { return app_.moves_back(); }
    std::uint64_t moves_in_place() const override { return app_.moves_in_place(); }
    void request_frame() override { app_.request_frame(); }
    void want_text(std::string_view text) override { app_.want_text(text); }
    std::vector<liaoxiu::ui::Announcement> take_announcements() override { return app_.take_announcements(); }
    bool ready() const override { return app_.ready(); }
    std::uint64_t resets() const override { return app_.resets(); }
    std::string language_tag() const override { return app_.language_tag(); }
    const liaoxiu::ui::ItemRegistry& items() const override { return app_.items(); }

    TestStats test_stats() const override {
        const liaoxiu::FrameStats& s = app_.stats();
        return {.frames = s.frames,
                .last_frame_ms = s.last_frame_ms,
                .last_frame_parts = s.last_frame_parts,
                .gl_context_restores = s.gl_context_restores,
                .routes = app_.state().catalogue.routes.size(),
                .missing_glyphs = s.missing_glyphs,
                .atlas_glyphs = s.atlas_glyphs,
                .last_atlas_rebuild_ms = s.last_atlas_rebuild_ms,
                .kiosk = app_.kiosk(),
                .high_contrast = app_.high_contrast(),
                .idle_countdown = app_.idle_countdown()};
    }

private:
    App& app_;
};

}  // namespace

int main() {
    // The page and the app live as long as the page: main returns once the loop is set up.
    static liaoxiu::platform::WebPage page;
    if (!page.open("疗休 Liaoxiu", 390, 844)) return 1;
    const liaoxiu::platform::PageOptions options = page.options();
    static App app(page.rasterizer(), page.pixel_ratio(), page.transport(), page.storage(), page.services(),
                   liaoxiu::sync::EngineOptions{}, liaoxiu::DisplayOptions{options.kiosk, options.high_contrast});
#ifdef LIAOXIU_DESK
    static liaoxiu::sync::DeskEngine desk(app.engine());
    app.set_desk(liaoxiu::ui::desk::pages(), desk);
#endif
    static AppOnPage client(app);
    page.run(client, app);
    return 0;
}
