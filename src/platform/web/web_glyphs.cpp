#include "platform/web/web_glyphs.hpp"

#include "platform/web/js_imports.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace liaoxiu::platform {

ui::LineMetrics WebGlyphRasterizer::line_metrics(float pixel_size) {
    float out[2] = {0, 0};
    lx_line_metrics(pixel_size, out);
    return {out[0], out[1]};
}

std::vector<ui::GlyphBitmap> WebGlyphRasterizer::rasterize(const std::vector<char32_t>& codepoints, float pixel_size) {
    std::vector<ui::GlyphBitmap> glyphs;
    if (codepoints.empty()) return glyphs;
    std::vector<std::uint32_t> request(codepoints.begin(), codepoints.end());
    auto* block = static_cast<std::uint8_t*>(lx_rasterize(request.data(), static_cast<int>(request.size()), pixel_size));
    std::int32_t count = 0;
    std::memcpy(&count, block, sizeof count);  // characters no device font has are left out
    const std::uint8_t* at = block + 4;
    glyphs.reserve(static_cast<std::size_t>(count));
    for (std::int32_t i = 0; i < count; ++i) {
        std::int32_t header[3];
        float placement[3];
        std::memcpy(header, at, sizeof header);
        std::memcpy(placement, at + 12, sizeof placement);
        at += 24;
        ui::GlyphBitmap glyph;
        glyph.codepoint = static_cast<char32_t>(header[0]);
        glyph.width = header[1];
        glyph.height = header[2];
        glyph.offset_x = placement[0];
        glyph.offset_y = placement[1];
        glyph.advance = placement[2];
        const std::size_t size = static_cast<std::size_t>(glyph.width) * static_cast<std::size_t>(glyph.height);
        glyph.alpha.assign(at, at + size);
        at += (size + 3) & ~std::size_t{3};
        glyphs.push_back(std::move(glyph));
    }
    std::free(block);
    return glyphs;
}

}  // namespace liaoxiu::platform
