// Glyphs rasterized by the browser with the device's own fonts (web_glyphs.js).
#pragma once

#include "ui/glyph_atlas.hpp"

namespace liaoxiu::platform {

class WebGlyphRasterizer final : public ui::GlyphRasterizer {
public:
    ui::LineMetrics line_metrics(float pixel_size) override;
    std::vector<ui::GlyphBitmap> rasterize(const std::vector<char32_t>& codepoints, float pixel_size) override;
};

}  // namespace liaoxiu::platform
