// The app: owns the model and the UI and wires them together. It is the same on
// every platform; a platform runner (src/platform) pumps its frames and hands it
// the device's glyphs and the bytes it asked for.
#pragma once

#include "core/model.hpp"
#include "ui/glyph_atlas.hpp"
#include "ui/item_registry.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <string_view>

namespace liaoxiu {

struct FrameStats {
    long frames = 0;             // frames drawn so far
    double last_frame_ms = 0;    // CPU time of the last frame, input to draw calls
    int missing_glyphs = 0;      // characters drawn with the missing-glyph box in the last frame
    int atlas_glyphs = 0;
    double last_atlas_rebuild_ms = 0;
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

    bool ready() const { return ready_; }   // a frame with the catalogue on screen has been drawn
    const FrameStats& stats() const { return stats_; }
    const ui::ItemRegistry& items() const { return items_; }

private:
    ui::GlyphAtlas glyphs_;
    ui::ItemRegistry items_;
    ui::Ui ui_;
    std::unique_ptr<Catalogue> catalogue_;
    FrameStats stats_;
    bool ready_ = false;
};

}  // namespace liaoxiu
