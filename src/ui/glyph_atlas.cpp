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

bool CodepointSet::insert(char32_t c) {
    if (c >= kLimit) return false;  // not a codepoint: never drawn, never queued
    std::uint64_t& word = bits_[c / 64];
    const std::uint64_t bit = std::uint64_t{1} << (c % 64);
    if (word & bit) return false;
    word |= bit;
    return true;
}

void CodepointSet::erase(char32_t c) {
    if (c < kLimit) bits_[c / 64] &= ~(std::uint64_t{1} << (c % 64));
}

bool CodepointSet::contains(char32_t c) const { return c < kLimit && (bits_[c / 64] >> (c % 64) & 1) != 0; }

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
                if (decoded.codepoint >= 0x20 && known_.insert(decoded.codepoint)) pending_.push_back(decoded.codepoint);
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
            if (c >= 0x20 && !known_.contains(c) && prefetch_known_.insert(c)) prefetch_.push_back(c);
        }
        return;
    }
}

void GlyphAtlas::want_prefetched() {
    for (; prefetch_next_ < prefetch_.size(); ++prefetch_next_)
        if (known_.insert(prefetch_[prefetch_next_])) pending_.push_back(prefetch_[prefetch_next_]);
    std::vector<char32_t>().swap(prefetch_);
    prefetch_next_ = 0;
}

void GlyphAtlas::set_pixel_ratio(float pixel_ratio) {
    if (pixel_ratio == pixel_ratio_) return;
    pixel_ratio_ = pixel_ratio;
    start_over();
}

void GlyphAtlas::set_css_size(float css_size) {
    if (css_size == css_size_) return;
    css_size_ = css_size;
    start_over();
}

void GlyphAtlas::start_over() {
    needs_build_ = true;
    // At the new size, at once: printable ASCII (drawn everywhere, never named by want()) and
    // what is wanted. The rest of what was placed is prefetched again, first in line, and
    // forgotten meanwhile, so a frame that draws one of them asks for it at once.
    std::vector<char32_t> again;
    for (char32_t c : placed_) {
        if (c < 0x80) {
            pending_.push_back(c);
        } else {
            known_.erase(c);
            again.push_back(c);
        }
    }
    placed_.clear();
    prefetch_.erase(prefetch_.begin(), prefetch_.begin() + static_cast<std::ptrdiff_t>(prefetch_next_));
    prefetch_.insert(prefetch_.begin(), again.begin(), again.end());
    prefetch_next_ = 0;
}

namespace {

// Makes the glyphs from `first` on findable, as ImFont::BuildLookupTable would for all of
// them (that one reallocates the whole index and appends a tab glyph on every call).
void index_glyphs(ImFont& font, int first) {
    for (int i = first; i < font.Glyphs.Size; ++i) {
        const ImFontGlyph& glyph = font.Glyphs[i];
        const int c = static_cast<int>(glyph.Codepoint);
        if (c >= font.IndexLookup.Size) {
            const int old_size = font.IndexLookup.Size;
            font.GrowIndex(c + 1);
            for (int k = old_size; k < c; ++k) font.IndexAdvanceX[k] = font.FallbackAdvanceX;
        }
        font.IndexAdvanceX[c] = glyph.AdvanceX;
        font.IndexLookup[c] = static_cast<ImWchar>(i);
        const int page = c / 4096;
        font.Used4kPagesMap[page >> 3] |= static_cast<ImU8>(1 << (page & 7));
    }
    // Glyphs may have moved in memory.
    font.FallbackGlyph = font.FindGlyphNoFallback(font.FallbackChar);
    font.DirtyLookupTables = false;
}

}  // namespace

void GlyphAtlas::start_texture(ImFontAtlas& atlas, float pixel_size, const LineMetrics& line) {
    // ImGui needs a font to hang glyphs on, and Build() for its white pixel and line
    // textures; the default font carries our glyphs, with its own limited to the space.
    static const ImWchar carrier_ranges[] = {0x20, 0x20, 0};
    atlas.Clear();
    atlas.TexDesiredWidth = kTextureSide;
    ImFontConfig config;
    config.SizePixels = std::ceil(line.ascent + line.descent);
    config.GlyphRanges = carrier_ranges;
    font_ = atlas.AddFontDefault(&config);
    atlas.Build();
    font_->Ascent = line.ascent;
    font_->Descent = -line.descent;
    // Build() leaves only the alpha texture; drop any RGBA copy so a request converts anew.
    if (atlas.TexPixelsRGBA32) {
        IM_FREE(atlas.TexPixelsRGBA32);
        atlas.TexPixelsRGBA32 = nullptr;
    }
    // Shelves start below everything Build() placed.
    shelf_x_ = shelf_height_ = 0;
    shelf_y_ = 0;
    for (const ImFontAtlasCustomRect& rect : atlas.CustomRects) shelf_y_ = std::max(shelf_y_, rect.Y + rect.Height);
    for (const ImFontGlyph& glyph : font_->Glyphs)
        shelf_y_ = std::max(shelf_y_, static_cast<int>(std::ceil(glyph.V1 * static_cast<float>(atlas.TexHeight))));
    shelf_y_ += kBorder;

    // The missing-character box first, so it is the fallback of every glyph after it.
    AtlasUpdate unused;  // the whole texture is new: uploaded whole
    place(atlas, make_missing_box(pixel_size, line), 0, unused);
    font_->FallbackChar = static_cast<ImWchar>(kReplacement);
    index_glyphs(*font_, 0);
    font_->FallbackAdvanceX = font_->FallbackGlyph->AdvanceX;
    for (int c = 0; c < font_->IndexLookup.Size; ++c)
        if (font_->IndexLookup[c] == static_cast<ImWchar>(-1)) font_->IndexAdvanceX[c] = font_->FallbackAdvanceX;
    fallback_uv0_ = ImVec2(font_->FallbackGlyph->U0, font_->FallbackGlyph->V0);
    fallback_uv1_ = ImVec2(font_->FallbackGlyph->U1, font_->FallbackGlyph->V1);
    // Text is rasterized at device resolution and drawn at CSS size.
    ImGui::GetIO().FontGlobalScale = 1.0f / pixel_ratio_;
}

void GlyphAtlas::grow_rows(ImFontAtlas& atlas, int height) {
    const int old_height = atlas.TexHeight;
    const std::size_t old_bytes = static_cast<std::size_t>(atlas.TexWidth) * old_height;
    const std::size_t bytes = static_cast<std::size_t>(atlas.TexWidth) * height;
    auto* pixels = static_cast<unsigned char*>(IM_ALLOC(bytes));
    std::memcpy(pixels, atlas.TexPixelsAlpha8, old_bytes);  // rows keep their place: same width
    std::memset(pixels + old_bytes, 0, bytes - old_bytes);
    IM_FREE(atlas.TexPixelsAlpha8);
    atlas.TexPixelsAlpha8 = pixels;
    atlas.TexHeight = height;
    atlas.TexUvScale.y = 1.0f / static_cast<float>(height);
    // Every texture coordinate keeps its pixel: V scales by old / new height (a float rounding
    // far below a texel).
    const float sy = static_cast<float>(old_height) / static_cast<float>(height);
    for (ImFont* font : atlas.Fonts)
        for (ImFontGlyph& glyph : font->Glyphs) {
            glyph.V0 *= sy;
            glyph.V1 *= sy;
        }
    atlas.TexUvWhitePixel.y *= sy;
    for (ImVec4& line : atlas.TexUvLines) {
        line.y *= sy;
        line.w *= sy;
    }
    fallback_uv0_.y *= sy;
    fallback_uv1_.y *= sy;
}

bool GlyphAtlas::place(ImFontAtlas& atlas, const GlyphBitmap& glyph, int rows_for_all, AtlasUpdate& update) {
    // A transparent pixel on every side: text drawn larger or smaller than the atlas
    // (headings, titles) is filtered across the quad's edges, and would otherwise show a
    // sliver of the neighbouring glyph.
    const int w = glyph.width + 2 * kBorder, h = glyph.height + 2 * kBorder;
    if (w > atlas.TexWidth) return false;
    if (shelf_x_ + w > atlas.TexWidth) {  // this shelf is full: the next one below it
        shelf_y_ += shelf_height_;
        shelf_x_ = shelf_height_ = 0;
    }
    if (shelf_y_ + h > atlas.TexHeight) {
        if (shelf_y_ + h > kTextureSide) return false;
        // Out of rows: half as many again, in whole steps of 64, so growing (a copy and a
        // whole upload) is rare, and at most a third of the texture waits unused.
        const int wanted = std::max({shelf_y_ + h, rows_for_all, atlas.TexHeight + atlas.TexHeight / 2});
        grow_rows(atlas, std::min(kTextureSide, (wanted + 63) / 64 * 64));
        update.whole = true;
    }
    const int x = shelf_x_ + kBorder, y = shelf_y_ + kBorder;
    for (int row = 0; row < glyph.height; ++row)
        std::memcpy(atlas.TexPixelsAlpha8 + (y + row) * atlas.TexWidth + x, glyph.alpha.data() + row * glyph.width,
                    static_cast<std::size_t>(glyph.width));
    const float tw = static_cast<float>(atlas.TexWidth), th = static_cast<float>(atlas.TexHeight);
    font_->AddGlyph(nullptr, static_cast<ImWchar>(glyph.codepoint), glyph.offset_x - kBorder, glyph.offset_y - kBorder,
                    glyph.offset_x - kBorder + static_cast<float>(w), glyph.offset_y - kBorder + static_cast<float>(h),
                    static_cast<float>(shelf_x_) / tw, static_cast<float>(shelf_y_) / th,
                    static_cast<float>(shelf_x_ + w) / tw, static_cast<float>(shelf_y_ + h) / th, glyph.advance);
    // The rows this glyph touched, joined to those already changed.
    const int end = update.rows > 0 ? std::max(update.first_row + update.rows, shelf_y_ + h) : shelf_y_ + h;
    update.first_row = update.rows > 0 ? std::min(update.first_row, shelf_y_) : shelf_y_;
    update.rows = end - update.first_row;
    shelf_x_ += w;
    shelf_height_ = std::max(shelf_height_, h);
    return true;
}

AtlasUpdate GlyphAtlas::rebuild_if_needed(ImFontAtlas& atlas, bool allow_prefetch) {
    if (pending_.empty() && allow_prefetch && !needs_build_) {
        // Nothing is wanted now: the next chunk of prefetched characters, skipping those
        // that were wanted meanwhile.
        while (prefetch_next_ < prefetch_.size() && pending_.size() < kPrefetchChunk) {
            const char32_t c = prefetch_[prefetch_next_++];
            if (known_.insert(c)) pending_.push_back(c);
        }
        if (prefetch_next_ == prefetch_.size()) {
            std::vector<char32_t>().swap(prefetch_);
            prefetch_next_ = 0;
        }
    }
    AtlasUpdate update;
    if (pending_.empty() && !needs_build_) return update;
    auto started = std::chrono::steady_clock::now();
    const float pixel_size = std::round(css_size_ * pixel_ratio_);
    const LineMetrics line = rasterizer_.line_metrics(pixel_size);

    if (needs_build_) {
        start_texture(atlas, pixel_size, line);
        needs_build_ = false;
        update.whole = true;
    }
    // A CJK character's bitmap is about the pixel size square (Latin ones are narrower), with
    // its border; a taller one only makes the texture grow once more.
    const int cell = static_cast<int>(pixel_size) + 2 * kBorder + 2;
    const std::size_t to_come = pending_.size() + (prefetch_.size() - prefetch_next_);
    const std::size_t per_shelf = static_cast<std::size_t>(std::max(1, atlas.TexWidth / cell));
    const int rows_for_all =
        shelf_y_ + shelf_height_ + static_cast<int>((to_come + per_shelf - 1) / per_shelf) * cell;
    const int first_added = font_->Glyphs.Size;
    for (const GlyphBitmap& glyph : rasterizer_.rasterize(pending_, pixel_size))
        if (glyph.codepoint != kReplacement && place(atlas, glyph, rows_for_all, update)) placed_.push_back(glyph.codepoint);
    pending_.clear();
    index_glyphs(*font_, first_added);
    if (update.whole) update.first_row = update.rows = 0;

    last_rebuild_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return update;
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
