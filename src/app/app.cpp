#include "app/app.hpp"

#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "sync/config.hpp"
#include "ui/style.hpp"

#include <algorithm>
#include <ctime>

namespace liaoxiu {

Instant DefaultServices::now() const { return static_cast<Instant>(std::time(nullptr)); }

bool DefaultServices::share(const std::string&, const std::string& url) {
    copy_text(url);
    return false;
}

void DefaultServices::copy_text(const std::string& text) { ImGui::SetClipboardText(text.c_str()); }

App::App(ui::GlyphRasterizer& rasterizer, float pixel_ratio, sync::Transport& transport, sync::Storage& storage,
         ui::Services& services, sync::EngineOptions options)
    : glyphs_(rasterizer, 17.0f, pixel_ratio),
      services_(services),
      engine_(transport, storage, options),
      ui_(glyphs_, items_, services_) {
    items_.attach(ImGui::GetCurrentContext());
    ui::apply_style();
}

void App::on_catalogue(bool ok, std::string_view text) {
    request_frame();
    if (ok) {
        engine_.offer_bundled_catalogue(text);
        ui_.set_load_error({});
    } else if (engine_.state().catalogue.routes.empty()) {
        ui_.set_load_error(std::string(text));
    }
}

void App::on_config(bool ok, std::string_view text) {
    request_frame();
    if (!ok) {
        engine_.configure_failed(DomainError{"config_unavailable", "无法读取 config.json：" + std::string(text),
                                             "config.json could not be fetched: " + std::string(text), "config.json"});
        return;
    }
    Result<sync::ClientConfig> config = sync::parse_client_config(text);
    if (config) engine_.configure(config.value());
    else engine_.configure_failed(config.error());
}

void App::tick(Instant now) {
    now_ = now;
    engine_.poll(now);
}

bool App::wants_frame() const {
    if (frame_requested_ || glyphs_.has_pending() || engine_.state().revision != drawn_revision_) return true;
    // Countdowns tick every second on a group's screen; elsewhere deadlines show in minutes.
    const bool countdown_on_screen = ui_.location().rfind("#/group/", 0) == 0;
    return now_ - drawn_at_ >= (countdown_on_screen ? 1 : 60);
}

bool App::prepare_fonts() { return glyphs_.rebuild_if_needed(*ImGui::GetIO().Fonts); }

void App::draw() {
    drawn_revision_ = engine_.state().revision;
    drawn_at_ = now_;
    frame_requested_ = false;
    ui_.draw(engine_.state(), engine_);
}

void App::frame_done(const ImDrawData* draw_data, double cpu_ms) {
    items_.publish_frame();
    ++stats_.frames;
    stats_.last_frame_ms = cpu_ms;
    stats_.missing_glyphs = glyphs_.count_missing_glyphs(draw_data);
    stats_.atlas_glyphs = static_cast<int>(glyphs_.glyph_count());
    stats_.last_atlas_rebuild_ms = glyphs_.last_rebuild_ms();
    // Ready once a frame showed routes with every glyph it needed.
    if (!engine_.state().catalogue.routes.empty() && !glyphs_.has_pending()) ready_ = true;
}

}  // namespace liaoxiu
