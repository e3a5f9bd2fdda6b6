#include "ui/glyph_atlas.hpp"

#include "core/pinyin.hpp"  // decode_utf8

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

namespace liaoxiu::ui {

namespace {

// ImGui picks U+FFFD as its fallback glyph when the font has it.
constexpr char32_t kReplacement = kReplacementCharacter;
constexpr int kBorder = 1;  // transparent pixels around each glyph in the texture

// A hollow box for U+FFFD, so a missing character is visible and countable (see
// count_missing_glyphs), never confused with a real '?'.
GlyphBitmap make_missing_box(float pixel_size, const LineMetrics& line) {
    GlyphBitmap box;
    box.codepoint = kReplacement;
    box.width = std::max(4, static_cast<int>(pixel_size * 0.55f));
    box.height = std::max(6, static_cast<int>(pixel_size * 0.75f));
    box.advance = std::ceil(pixel_size * 0.7f);
    box.offset_x = std::floor((box.advance - box.width) / 2);
    box.offset_y = std::max(0.0f, std::floor(line.ascent - box.height));
    box.alpha.assign(static_cast<std::size_t>(box.width * box.height), 0);
    int stroke = std::max(1, static_cast<int>(pixel_size / 16));
    for (int y = 0; y < box.height; ++y)
        for (int x = 0; x < box.width; ++x)
            if (x < stroke || y < stroke || x >= box.width - stroke || y >= box.height - stroke)
                box.alpha[static_cast<std::size_t>(y * box.width + x)] = 255;
    return box;
}

}  // namespace

GlyphAtlas::GlyphAtlas(GlyphRasterizer& rasterizer, float css_size, float pixel_ratio)
    : rasterizer_(rasterizer), css_size_(css_size), pixel_ratio_(pixel_ratio) {
    // Printable ASCII is always there: digits and Latin appear in every screen.
    for (char32_t c = 0x20; c < 0x7F; ++c) {
        known_.insert(c);
        pending_.push_back(c);
    }
    known_.insert(kReplacement);
}

void GlyphAtlas::want(std::string_view utf8) {
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (static_cast<unsigned char>(utf8[i]) >= 0x80) {
            // Slow path only for text with non-ASCII characters.
            for (std::size_t pos = i; pos < utf8.size();) {
                const DecodedCodepoint decoded = decode_utf8(utf8, pos);
                pos += decoded.length;
                if (decoded.codepoint >= 0x20 && known_.insert(decoded.codepoint).second) pending_.push_back(decoded.codepoint);
            }
            return;
        }
    }
}

void GlyphAtlas::prefetch(std::string_view utf8) {
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (static_cast<unsigned char>(utf8[i]) < 0x80) continue;  // ASCII is always in
        for (std::size_t pos = i; pos < utf8.size();) {
            const DecodedCodepoint decoded = decode_utf8(utf8, pos);
            pos += decoded.length;
            const char32_t c = decoded.codepoint;
            if (c >= 0x20 && !known_.count(c) && prefetch_known_.insert(c).second) prefetch_.push_back(c);
        }
        return;
    }
}

void GlyphAtlas::want_prefetched() {
    for (; prefetch_next_ < prefetch_.size(); ++prefetch_next_)
        if (known_.insert(prefetch_[prefetch_next_]).second) pending_.push_back(prefetch_[prefetch_next_]);
    std::vector<char32_t>().swap(prefetch_);
    prefetch_next_ = 0;
}

void GlyphAtlas::set_pixel_ratio(float pixel_ratio) {
    if (pixel_ratio == pixel_ratio_) return;
    pixel_ratio_ = pixel_ratio;
    for (const GlyphBitmap& g : glyphs_) pending_.push_back(g.codepoint);
    glyphs_.clear();
}

void GlyphAtlas::set_css_size(float css_size) {
    if (css_size == css_size_) return;
    css_size_ = css_size;
    for (const GlyphBitmap& g : glyphs_) pending_.push_back(g.codepoint);
    glyphs_.clear();
}

bool GlyphAtlas::rebuild_if_needed(ImFontAtlas& atlas, bool allow_prefetch) {
    if (pending_.empty() && allow_prefetch) {
        // Nothing is wanted now: the next chunk of prefetched characters, skipping those
        // that were wanted meanwhile.
        while (prefetch_next_ < prefetch_.size() && pending_.size() < kPrefetchChunk) {
            const char32_t c = prefetch_[prefetch_next_++];
            if (known_.insert(c).second) pending_.push_back(c);
        }
        if (prefetch_next_ == prefetch_.size()) {
            std::vector<char32_t>().swap(prefetch_);
            prefetch_next_ = 0;
        }
    }
    if (pending_.empty()) return false;
    auto started = std::chrono::steady_clock::now();
    const float pixel_size = std::round(css_size_ * pixel_ratio_);
    const LineMetrics line = rasterizer_.line_metrics(pixel_size);

    std::vector<GlyphBitmap> fresh = rasterizer_.rasterize(pending_, pixel_size);
    pending_.clear();
    glyphs_.erase(std::remove_if(glyphs_.begin(), glyphs_.end(),
                                 [](const GlyphBitmap& g) { return g.codepoint == kReplacement; }),
                  glyphs_.end());
    for (GlyphBitmap& g : fresh)
        if (g.codepoint != kReplacement) glyphs_.push_back(std::move(g));
    glyphs_.push_back(make_missing_box(pixel_size, line));

    // ImGui needs a font to hang custom glyphs on; the default font carries them, with its
    // own glyphs limited to the space character.
    static const ImWchar carrier_ranges[] = {0x20, 0x20, 0};
    atlas.Clear();
    ImFontConfig config;
    config.SizePixels = std::ceil(line.ascent + line.descent);
    config.GlyphRanges = carrier_ranges;
    ImFont* font = atlas.AddFontDefault(&config);

    long area = 0;
    std::vector<int> rect_ids;
    rect_ids.reserve(glyphs_.size());
    for (const GlyphBitmap& g : glyphs_) {
        // A transparent pixel on every side, because custom rects are packed edge to edge: text
        // drawn larger or smaller than the atlas (headings, titles) is filtered across the
        // quad's edges, and would show a sliver of the neighbouring glyph.
        rect_ids.push_back(atlas.AddCustomRectFontGlyph(font, static_cast<ImWchar>(g.codepoint), g.width + 2 * kBorder,
                                                        g.height + 2 * kBorder, g.advance,
                                                        ImVec2(g.offset_x - kBorder, g.offset_y - kBorder)));
        area += static_cast<long>(g.width + 2 * kBorder) * (g.height + 2 * kBorder);
    }
    // 1.86 sizes the texture from real font glyphs only, so choose the width ourselves.
    int width = 512;
    while (static_cast<long>(width) * width < area * 2 && width < 4096) width *= 2;
    atlas.TexDesiredWidth = width;
    atlas.Build();

    unsigned char* pixels = nullptr;
    int tex_width = 0, tex_height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &tex_width, &tex_height);
    for (std::size_t i = 0; i < glyphs_.size(); ++i) {
        const GlyphBitmap& g = glyphs_[i];
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(rect_ids[i]);
        for (int y = 0; y < g.height; ++y)
            std::memcpy(pixels + (rect->Y + kBorder + y) * tex_width + rect->X + kBorder, g.alpha.data() + y * g.width,
                        static_cast<std::size_t>(g.width));
    }
    // Build() leaves only the alpha texture; drop any RGBA copy so the next request converts anew.
    if (atlas.TexPixelsRGBA32) {
        IM_FREE(atlas.TexPixelsRGBA32);
        atlas.TexPixelsRGBA32 = nullptr;
    }
    const ImFontGlyph* fallback = font->FindGlyphNoFallback(static_cast<ImWchar>(kReplacement));
    fallback_uv0_ = ImVec2(fallback->U0, fallback->V0);
    fallback_uv1_ = ImVec2(fallback->U1, fallback->V1);
    font->Ascent = line.ascent;
    font->Descent = -line.descent;
    // Text is rasterized at device resolution and drawn at CSS size.
    ImGui::GetIO().FontGlobalScale = 1.0f / pixel_ratio_;

    last_rebuild_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return true;
}

int GlyphAtlas::count_missing_glyphs(const ImDrawData* draw_data) const {
    if (!draw_data || fallback_uv0_.x < 0) return 0;
    int missing = 0;
    for (int n = 0; n < draw_data->CmdListsCount; ++n) {
        const ImVector<ImDrawVert>& vertices = draw_data->CmdLists[n]->VtxBuffer;
        // A glyph is a quad of four vertices: top-left, top-right, bottom-right, bottom-left.
        for (int i = 0; i + 2 < vertices.Size; ++i) {
            const ImVec2 a = vertices[i].uv, c = vertices[i + 2].uv;
            if (a.x == fallback_uv0_.x && a.y == fallback_uv0_.y && c.x == fallback_uv1_.x && c.y == fallback_uv1_.y)
                ++missing;
        }
    }
    return missing;
}

}  // namespace liaoxiu::ui
