#include "platform/desktop/truetype_glyphs.hpp"

#include <cmath>
#include <fstream>
#include <iterator>

// ImGui compiles its own stb_truetype as static functions, so this private copy does not clash.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#endif
#include <imstb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace liaoxiu::platform {

std::vector<std::string> TrueTypeGlyphRasterizer::system_font_paths() {
    return {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
}

TrueTypeGlyphRasterizer::TrueTypeGlyphRasterizer(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
        std::ifstream file(path, std::ios::binary);
        if (!file) continue;
        data_.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        auto* info = new stbtt_fontinfo{};
        const int offset = stbtt_GetFontOffsetForIndex(data_.data(), 0);
        if (offset >= 0 && stbtt_InitFont(info, data_.data(), offset)) {
            info_ = info;
            path_ = path;
            return;
        }
        delete info;
    }
    data_.clear();
}

TrueTypeGlyphRasterizer::~TrueTypeGlyphRasterizer() { delete static_cast<stbtt_fontinfo*>(info_); }

ui::LineMetrics TrueTypeGlyphRasterizer::line_metrics(float pixel_size) {
    if (!info_) return {std::ceil(pixel_size * 0.9f), std::ceil(pixel_size * 0.25f)};
    auto* info = static_cast<stbtt_fontinfo*>(info_);
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(info, &ascent, &descent, &gap);
    const float scale = stbtt_ScaleForPixelHeight(info, pixel_size);
    return {std::ceil(static_cast<float>(ascent) * scale), std::ceil(static_cast<float>(-descent) * scale)};
}

std::vector<ui::GlyphBitmap> TrueTypeGlyphRasterizer::rasterize(const std::vector<char32_t>& codepoints, float pixel_size) {
    std::vector<ui::GlyphBitmap> glyphs;
    glyphs.reserve(codepoints.size());
    const ui::LineMetrics line = line_metrics(pixel_size);
    auto* info = static_cast<stbtt_fontinfo*>(info_);
    for (char32_t cp : codepoints) {
        ui::GlyphBitmap glyph;
        glyph.codepoint = cp;
        const int index = info ? stbtt_FindGlyphIndex(info, static_cast<int>(cp)) : 0;
        if (index == 0) {  // not in this font: leave it out, so the atlas shows it as missing
            continue;
        }
        const float scale = stbtt_ScaleForPixelHeight(info, pixel_size);
        int advance = 0, bearing = 0;
        stbtt_GetGlyphHMetrics(info, index, &advance, &bearing);
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        stbtt_GetGlyphBitmapBox(info, index, scale, scale, &x0, &y0, &x1, &y1);
        glyph.width = x1 - x0;
        glyph.height = y1 - y0;
        glyph.offset_x = static_cast<float>(x0);
        glyph.offset_y = line.ascent + static_cast<float>(y0);
        glyph.advance = std::round(static_cast<float>(advance) * scale);
        glyph.alpha.assign(static_cast<std::size_t>(glyph.width * glyph.height), 0);
        if (glyph.width > 0 && glyph.height > 0)
            stbtt_MakeGlyphBitmap(info, glyph.alpha.data(), glyph.width, glyph.height, glyph.width, scale, scale, index);
        glyphs.push_back(std::move(glyph));
    }
    return glyphs;
}

}  // namespace liaoxiu::platform
