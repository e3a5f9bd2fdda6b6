#include "app/app.hpp"

#include "core/json.hpp"
#include "ui/style.hpp"

namespace liaoxiu {

App::App(ui::GlyphRasterizer& rasterizer, float pixel_ratio)
    : glyphs_(rasterizer, 17.0f, pixel_ratio), ui_(glyphs_, items_) {
    items_.attach(ImGui::GetCurrentContext());
    ui::apply_style();
}

void App::on_catalogue(bool ok, std::string_view text) {
    if (!ok) {
        ui_.set_catalogue({nullptr, std::string(text)});
        return;
    }
    Result<Catalogue> parsed = parse_catalogue(text);
    if (!parsed) {
        ui_.set_catalogue({nullptr, parsed.error().message_zh});
        return;
    }
    catalogue_ = std::make_unique<Catalogue>(std::move(parsed).value());
    ui_.set_catalogue({catalogue_.get(), {}});
}

bool App::prepare_fonts() { return glyphs_.rebuild_if_needed(*ImGui::GetIO().Fonts); }

void App::draw() {
    items_.frame_started();
    ui_.draw();
}

void App::frame_done(const ImDrawData* draw_data, double cpu_ms) {
    ++stats_.frames;
    stats_.last_frame_ms = cpu_ms;
    stats_.missing_glyphs = glyphs_.count_missing_glyphs(draw_data);
    stats_.atlas_glyphs = static_cast<int>(glyphs_.glyph_count());
    stats_.last_atlas_rebuild_ms = glyphs_.last_rebuild_ms();
    // Ready once a frame showed the catalogue with every glyph it needed.
    if (catalogue_ && !glyphs_.has_pending()) ready_ = true;
}

}  // namespace liaoxiu
