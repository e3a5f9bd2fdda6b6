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

struct TrueTypeGlyphRasterizer::Loaded {
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
};

std::vector<FontFace> TrueTypeGlyphRasterizer::system_faces() {
    return {{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0},
            {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},  // face 2: Simplified Chinese
            {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0}};
}

TrueTypeGlyphRasterizer::TrueTypeGlyphRasterizer(const std::vector<FontFace>& faces) {
    for (const FontFace& face : faces) {
        std::ifstream file(face.path, std::ios::binary);
        if (!file) continue;
        auto loaded = std::make_unique<Loaded>();
        loaded->data.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        const int offset = stbtt_GetFontOffsetForIndex(loaded->data.data(), face.index);
        if (offset >= 0 && stbtt_InitFont(&loaded->info, loaded->data.data(), offset)) faces_.push_back(std::move(loaded));
    }
}

TrueTypeGlyphRasterizer::~TrueTypeGlyphRasterizer() = default;

ui::LineMetrics TrueTypeGlyphRasterizer::line_metrics(float pixel_size) {
    if (faces_.empty()) return {std::ceil(pixel_size * 0.9f), std::ceil(pixel_size * 0.25f)};
    const stbtt_fontinfo& info = faces_.front()->info;  // the line follows the primary face
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
    const float scale = stbtt_ScaleForPixelHeight(&info, pixel_size);
    return {std::ceil(static_cast<float>(ascent) * scale), std::ceil(static_cast<float>(-descent) * scale)};
}

std::vector<ui::GlyphBitmap> TrueTypeGlyphRasterizer::rasterize(const std::vector<char32_t>& codepoints, float pixel_size) {
    std::vector<ui::GlyphBitmap> glyphs;
    glyphs.reserve(codepoints.size());
    const ui::LineMetrics line = line_metrics(pixel_size);
    for (char32_t cp : codepoints) {
        const stbtt_fontinfo* info = nullptr;
        int index = 0;
        for (const auto& face : faces_) {
            index = stbtt_FindGlyphIndex(&face->info, static_cast<int>(cp));
            if (index != 0) {
                info = &face->info;
                break;
            }
        }
        if (!info) continue;  // in no face: left out, so the atlas draws (and counts) it as missing
        ui::GlyphBitmap glyph;
        glyph.codepoint = cp;
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
