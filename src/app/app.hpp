// The app: owns the client state and the UI and wires them together. It is the same on
// every platform; a platform runner (src/platform) pumps its frames through the
// RunnerClient interface it implements, and main_web.cpp / main_desktop.cpp hand it the
// device's glyphs and the bytes it asked for.
//
// The state the UI reads and the intents it emits both belong to the sync engine; the
// platform supplies how it reaches the endpoint (Transport) and where it keeps things
// (Storage).
#pragma once

#include "core/model.hpp"
#include "core/text_stream.hpp"
#include "platform/runner_client.hpp"
#include "sync/client.hpp"
#include "sync/sync_engine.hpp"
#include "ui/glyph_atlas.hpp"
#include "ui/item_registry.hpp"
#include "ui/services.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

using platform::FrameTimes;

struct FrameStats {
    long frames = 0;             // frames drawn so far
    double last_frame_ms = 0;    // CPU time of the last frame, input to draw calls
    FrameTimes last_frame_parts; // the same, by part
    int missing_glyphs = 0;      // characters drawn with the missing-glyph box in the last frame
    int atlas_glyphs = 0;
    double last_atlas_rebuild_ms = 0;
    int gl_context_restores = 0; // times the GL context was lost and brought back
};

// The device services as far as the app can provide them without a platform hook:
// the system clock and ImGui's clipboard. Sharing falls back to copying; a saved file is kept in memory.
class DefaultServices final : public ui::Services {
public:
    Instant now() const override;
    std::string link_to(const std::string& location) const override { return location; }
    bool share(const std::string& title, const std::string& url) override;
    void copy_text(const std::string& text) override;
    // Kept here (the last file asked for); the desktop has no download folder of its own.
    void save_file(const std::string& name, const std::string& mime, const std::string& bytes) override;
    std::string saved_name;
    std::string saved_bytes;
};

// How the app looks and behaves on this device, from the page address (?kiosk=1,
// ?contrast=high) or the desktop's command line; config.json may switch kiosk mode on too.
struct DisplayOptions {
    bool kiosk = false;
    bool high_contrast = false;
};

class App final : public platform::RunnerClient {
public:
    static constexpr float kTextSize = 17.0f;        // CSS px
    static constexpr float kKioskTextSize = 26.0f;   // read from a step away
    static constexpr int kIdleCountdownSeconds = 10; // kiosk: the warning before the reset
    static constexpr Instant kNoticeSeconds = 6;     // how long a success or info notice stays

    // `options.kiosk` also keeps the sync engine from storing anything personal.
    App(ui::GlyphRasterizer& rasterizer, float pixel_ratio, sync::Transport& transport, sync::Storage& storage,
        ui::Services& services, sync::EngineOptions options = {}, DisplayOptions display = {});

    // The catalogue bundled beside the app, parsed as it is read; or why it could not be fetched.
    void on_catalogue(TextSource& text);
    void on_catalogue_failed(std::string_view reason);
    // config.json (or why it could not be fetched): where the endpoint is, kiosk mode.
    void on_config(bool ok, std::string_view text);

    // Every tick of the platform's loop, drawn or not: lets the sync engine deliver answers
    // and start what is due. Cheap when nothing happens.
    void tick(Instant now);

    // Before a frame: grows the glyph atlas with the characters wanted. Says what the renderer
    // must upload again.
    ui::AtlasUpdate prepare_fonts() override;
    // On a tick that draws nothing, once the app is ready: rasterizes the next chunk of
    // prefetched characters (the catalogue's), so they never delay the first interactive
    // frame nor a frame that answers a touch, and cost no frame. Says what the renderer must
    // upload again.
    ui::AtlasUpdate prefetch_glyphs() override;
    bool has_background_work() const override { return ready_ && glyphs_.has_prefetch(); }
    // After Render, before the frame is shown: true when it drew characters not yet in the
    // atlas, or ImGui sized a window from last frame's content (Ui::layout_settled). The
    // platform then grows the atlas and lays the frame out again (discard_pass() first), so
    // no shown frame has a missing-glyph box for a character a font has, or a half-sized toast.
    bool needs_another_pass(const ImDrawData* draw_data) override;
    void discard_pass() override { items_.discard_frame(); }
    void set_pixel_ratio(float pixel_ratio) override { glyphs_.set_pixel_ratio(pixel_ratio); }
    // Queues characters the platform is about to show (the IME's pre-edit text).
    void want_text(std::string_view text) { glyphs_.want(text); }

    // Whether the next tick must draw: the state changed, a glyph is pending, a countdown
    // on screen reached its next second, or the platform asked.
    bool wants_frame() const override;
    void request_frame() { frame_requested_ = true; }
    // The platform re-created its GL objects after a lost context: draw again, as before.
    void gl_context_restored() override {
        ++stats_.gl_context_restores;
        request_frame();
    }

    // Call right after ImGui::NewFrame; draws the UI.
    void draw() override;
    // Call after the frame is rendered, with its draw data and where its CPU time went.
    void frame_done(const ImDrawData* draw_data, const FrameTimes& times) override;

    // The secretariat's desk: its pages (ui/desk_pages.hpp) and what they ask for, a
    // sync::DeskEngine over engine(). The desk build and the desktop app install them.
    sync::SyncEngine& engine() { return engine_; }
    void set_desk(ui::DeskPages pages, sync::DeskIntents& intents) { ui_.set_desk_pages(pages, intents); }

    // Deep links and the back button (the URL hash on the web). A change of screen this
    // way counts as someone using the kiosk.
    std::string location() const { return ui_.location(); }
    void open_location(std::string_view location);
    bool back();
    // Screen changes made by going back so far (ui::Ui::moves_back).
    std::uint64_t moves_back() const { return ui_.moves_back(); }
    std::uint64_t moves_in_place() const { return ui_.moves_in_place(); }

    // Kiosk mode: large text, nothing personal stored, and after `idle_seconds` without
    // input a countdown, then everything personal is forgotten and the home screen shown.
    void enable_kiosk(Instant idle_seconds);
    bool kiosk() const { return kiosk_; }
    bool high_contrast() const { return ui_.high_contrast(); }
    // Seconds left on the kiosk countdown; 0 when it is not showing.
    int idle_countdown() const;
    // Signs out, dismisses every notice and resets the UI to the home screen.
    void reset_for_next_person();
    // How many times that happened: the platform then forgets the page's history and what
    // its live regions still say (the last person's screens and words).
    std::uint64_t resets() const { return resets_; }

    // The language shown, as a BCP 47 tag for the page ("zh-CN", "en"). A person's choice is
    // kept in Storage across reloads (never on a kiosk, where each person starts in Chinese).
    const char* language_tag() const { return ui_.language() == ui::Language::en ? "en" : "zh-CN"; }

    // For the page's live region (screen readers).
    std::vector<ui::Announcement> take_announcements() { return ui_.take_announcements(); }

    bool ready() const { return ready_; }   // a frame with the catalogue on screen has been drawn
    const FrameStats& stats() const { return stats_; }
    const ui::ItemRegistry& items() const { return items_; }
    const sync::ClientState& state() const { return engine_.state(); }

private:
    ui::GlyphAtlas glyphs_;
    ui::ItemRegistry items_;
    ui::Services& services_;
    sync::Storage& storage_;
    sync::SyncEngine engine_;
    ui::Ui ui_;
    FrameStats stats_;
    bool ready_ = false;
    bool frame_requested_ = true;
    std::uint64_t drawn_revision_ = ~std::uint64_t{0};
    Instant now_ = 0;
    Instant drawn_at_ = 0;
    // Kiosk
    bool kiosk_ = false;
    bool initial_high_contrast_ = false;
    Instant idle_seconds_ = sync::kDefaultKioskIdleSeconds;
    Instant last_input_ = 0;       // 0: not yet known (set on the first tick)
    bool at_rest_ = true;          // nothing done since the last reset (or page load)
    bool countdown_drawn_ = false; // the last frame showed the countdown
    int shown_countdown_ = 0;
    std::uint64_t resets_ = 0;
    ui::Language stored_language_ = ui::Language::zh;  // as Storage has it
    Id stored_alliance_;                                 // as Storage has it
};

}  // namespace liaoxiu
