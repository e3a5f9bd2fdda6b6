// The app: owns the client state and the UI and wires them together. It is the same on
// every platform; a platform runner (src/platform) pumps its frames and hands it the
// device's glyphs and the bytes it asked for.
//
// Until the sync engine is wired in, the state is the bundled catalogue shown offline,
// and intents are answered with a notice that nothing was sent.
#pragma once

#include "core/model.hpp"
#include "sync/client.hpp"
#include "ui/glyph_atlas.hpp"
#include "ui/item_registry.hpp"
#include "ui/services.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace liaoxiu {

struct FrameStats {
    long frames = 0;             // frames drawn so far
    double last_frame_ms = 0;    // CPU time of the last frame, input to draw calls
    int missing_glyphs = 0;      // characters drawn with the missing-glyph box in the last frame
    int atlas_glyphs = 0;
    double last_atlas_rebuild_ms = 0;
};

// The device services as far as the app can provide them without a platform hook:
// the system clock and ImGui's clipboard. Sharing falls back to copying.
class DefaultServices final : public ui::Services {
public:
    Instant now() const override;
    std::string link_to(const std::string& location) const override { return location; }
    bool share(const std::string& title, const std::string& url) override;
    void copy_text(const std::string& text) override;
};

// Stands in for the sync engine: every intent is refused politely, in words.
class OfflineIntents final : public sync::Intents {
public:
    explicit OfflineIntents(sync::ClientState& state) : state_(state) {}
    void sign_in(const std::string&, const std::string&) override { not_sent(); }
    void sign_out() override { not_sent(); }
    void join(const Id&) override { not_sent(); }
    void withdraw(const Id&) override { not_sent(); }
    void accept_offer(const Id&) override { not_sent(); }
    void open_group(const GroupDraft&) override { not_sent(); }
    void cancel_group(const Id&, const std::string&) override { not_sent(); }
    void refresh() override {}
    void dismiss_notice(std::uint64_t id) override;

private:
    void not_sent();
    sync::ClientState& state_;
    std::uint64_t next_notice_ = 1;
};

class App {
public:
    App(ui::GlyphRasterizer& rasterizer, float pixel_ratio);

    // The bundled catalogue arrived (or could not be fetched: `ok` false, text = reason).
    void on_catalogue(bool ok, std::string_view text);

    // Between frames: grows the glyph atlas if needed. True when the renderer must re-upload it.
    bool prepare_fonts();
    void set_pixel_ratio(float pixel_ratio) { glyphs_.set_pixel_ratio(pixel_ratio); }

    // Call right after ImGui::NewFrame; draws the UI.
    void draw();
    // Call after the frame is rendered, with its draw data and CPU milliseconds.
    void frame_done(const ImDrawData* draw_data, double cpu_ms);

    // Deep links and the back button (the URL hash on the web).
    std::string location() const { return ui_.location(); }
    void open_location(std::string_view location) { ui_.open_location(location); }
    bool back() { return ui_.back(); }

    bool ready() const { return ready_; }   // a frame with the catalogue on screen has been drawn
    const FrameStats& stats() const { return stats_; }
    const ui::ItemRegistry& items() const { return items_; }

private:
    ui::GlyphAtlas glyphs_;
    ui::ItemRegistry items_;
    DefaultServices services_;
    sync::ClientState state_;
    OfflineIntents intents_{state_};
    ui::Ui ui_;
    bool catalogue_loaded_ = false;
    FrameStats stats_;
    bool ready_ = false;
};

}  // namespace liaoxiu
