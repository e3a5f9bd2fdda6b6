#include "app/app.hpp"

#include "core/group_trip.hpp"
#include "core/json.hpp"
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

void OfflineIntents::not_sent() {
    state_.notices.push_back({next_notice_++, sync::Notice::Kind::warning, "尚未连接服务器，操作未发送",
                              "Not connected to the server yet: nothing was sent"});
    ++state_.revision;
}

void OfflineIntents::dismiss_notice(std::uint64_t id) {
    auto& notices = state_.notices;
    notices.erase(std::remove_if(notices.begin(), notices.end(), [&](const sync::Notice& n) { return n.id == id; }),
                  notices.end());
    ++state_.revision;
}

App::App(ui::GlyphRasterizer& rasterizer, float pixel_ratio)
    : glyphs_(rasterizer, 17.0f, pixel_ratio), ui_(glyphs_, items_, services_) {
    items_.attach(ImGui::GetCurrentContext());
    ui::apply_style();
}

void App::on_catalogue(bool ok, std::string_view text) {
    if (!ok) {
        ui_.set_load_error(std::string(text));
        return;
    }
    Result<Catalogue> parsed = parse_catalogue(text);
    if (!parsed) {
        ui_.set_load_error(parsed.error().message_zh);
        return;
    }
    state_.catalogue = std::move(parsed).value();
    state_.groups.clear();
    for (const GroupTrip& trip : state_.catalogue.groups) state_.groups.push_back({trip, count_places(trip)});
    state_.catalogue_from_cache = true;  // the bundle, not yet confirmed by the endpoint
    state_.connection = sync::Connection::offline;
    ++state_.revision;
    catalogue_loaded_ = true;
}

bool App::prepare_fonts() { return glyphs_.rebuild_if_needed(*ImGui::GetIO().Fonts); }

void App::draw() {
    items_.frame_started();
    ui_.draw(state_, intents_);
}

void App::frame_done(const ImDrawData* draw_data, double cpu_ms) {
    ++stats_.frames;
    stats_.last_frame_ms = cpu_ms;
    stats_.missing_glyphs = glyphs_.count_missing_glyphs(draw_data);
    stats_.atlas_glyphs = static_cast<int>(glyphs_.glyph_count());
    stats_.last_atlas_rebuild_ms = glyphs_.last_rebuild_ms();
    // Ready once a frame showed the catalogue with every glyph it needed.
    if (catalogue_loaded_ && !glyphs_.has_pending()) ready_ = true;
}

}  // namespace liaoxiu
