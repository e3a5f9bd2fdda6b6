// The font atlas grows on demand: the UI names the text it is about to show,
// the platform rasterizes the characters not yet in the atlas (the browser
// with the device's own fonts, the desktop with a system font file), and the
// atlas is rebuilt between frames. No font is downloaded, and no character in
// the data is ever drawn as '?': ImGui's static ranges cannot cover place names
// such as 衢 or 𠮷, so the atlas holds exactly what has been seen.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

namespace liaoxiu::ui {

// One rasterized character: an alpha bitmap plus where it sits on the line.
// All lengths are in device pixels at the size passed to rasterize().
struct GlyphBitmap {
    char32_t codepoint = 0;
    int width = 0;
    int height = 0;
    float offset_x = 0;   // from the pen position to the bitmap's left edge
    float offset_y = 0;   // from the line's top to the bitmap's top edge
    float advance = 0;    // pen movement after the character
    std::vector<std::uint8_t> alpha;  // width * height, row-major
};

struct LineMetrics {
    float ascent = 0;     // baseline below the line's top
    float descent = 0;    // line's bottom below the baseline
};

// Implemented by each platform.
class GlyphRasterizer {
public:
    virtual ~GlyphRasterizer() = default;
    virtual LineMetrics line_metrics(float pixel_size) = 0;
    virtual std::vector<GlyphBitmap> rasterize(const std::vector<char32_t>& codepoints, float pixel_size) = 0;
};

class GlyphAtlas {
public:
    // `css_size`: the text size in CSS pixels; `pixel_ratio`: device pixels per CSS pixel.
    GlyphAtlas(GlyphRasterizer& rasterizer, float css_size, float pixel_ratio);

    // Queues every character of `utf8` that the atlas lacks: text being drawn now, needed
    // before the frame can be shown. Cheap for text already seen.
    void want(std::string_view utf8);
    bool has_pending() const { return !pending_.empty(); }
    // Queues characters likely to be drawn later (the whole catalogue, every UI string), to be
    // rasterized in chunks once nothing is wanted, so a new screen rarely waits for glyphs.
    void prefetch(std::string_view utf8);
    bool has_prefetch() const { return prefetch_next_ < prefetch_.size(); }
    // Makes every prefetched character wanted now (a frame drew one before its turn came).
    void want_prefetched();

    // Rebuilds ImGui's atlas (call between frames, never inside NewFrame…Render) with the
    // wanted characters, or when none are wanted and `allow_prefetch`, with the next chunk of
    // prefetched ones. Returns true when the atlas changed and the renderer must re-upload it.
    bool rebuild_if_needed(ImFontAtlas& atlas, bool allow_prefetch = true);
    static constexpr std::size_t kPrefetchChunk = 96;  // 10-40 ms of rasterizing at 3x

    // Changes the device pixel ratio (a window moved to another screen, a zoom); the next
    // rebuild re-rasterizes everything at the new resolution.
    void set_pixel_ratio(float pixel_ratio);
    float pixel_ratio() const { return pixel_ratio_; }
    // Changes the text size (kiosk mode switched on by config.json); re-rasterizes likewise.
    void set_css_size(float css_size);
    float css_size() const { return css_size_; }

    std::size_t glyph_count() const { return glyphs_.size(); }
    double last_rebuild_ms() const { return last_rebuild_ms_; }

    // Characters drawn in `draw_data` with the fallback (missing) glyph. Measured from the
    // vertices themselves, so it counts what really reached the screen.
    int count_missing_glyphs(const ImDrawData* draw_data) const;

private:
    GlyphRasterizer& rasterizer_;
    float css_size_;
    float pixel_ratio_;
    std::set<char32_t> known_;       // in the atlas or pending
    std::vector<char32_t> pending_;
    std::set<char32_t> prefetch_known_;  // ever queued for prefetching
    std::vector<char32_t> prefetch_;     // in order; those before prefetch_next_ are done
    std::size_t prefetch_next_ = 0;
    std::vector<GlyphBitmap> glyphs_;
    ImVec2 fallback_uv0_{-1, -1};  // the missing-glyph box in the texture
    ImVec2 fallback_uv1_{-1, -1};
    double last_rebuild_ms_ = 0;
};

}  // namespace liaoxiu::ui
