// The font atlas grows on demand: the UI names the text it is about to show,
// the platform rasterizes the characters not yet in the atlas (the browser
// with the device's own fonts, the desktop with a system font file), and the
// atlas grows between frames. No font is downloaded, and no character in
// the data is ever drawn as '?': ImGui's static ranges cannot cover place names
// such as 衢 or 𠮷, so the atlas holds exactly what has been seen.
//
// New characters are packed into free rows of the texture that is already there, and only
// those rows are uploaded again: a character typed for the first time costs its own
// rasterizing, not a rebuild of everything seen so far. The texture is as wide as it will
// ever be and grows in height when full; ImGui's Build() runs only for a new text size or
// pixel ratio.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <memory>
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

// A set of codepoints, one bit each over all of Unicode (136 KiB): the UI names every
// character of every text it draws, every frame, and a tree lookup per character showed in
// profiles of typing.
class CodepointSet {
public:
    bool insert(char32_t c);  // true when `c` was not in the set yet
    void erase(char32_t c);
    bool contains(char32_t c) const;

private:
    static constexpr char32_t kLimit = 0x110000;
    std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(kLimit / 64);
};

// What a rebuild changed in the texture, for the renderer to upload.
struct AtlasUpdate {
    bool whole = false;  // new size or new contents throughout: upload all of it
    int first_row = 0;   // otherwise these rows changed, across the texture's full width
    int rows = 0;
    explicit operator bool() const { return whole || rows > 0; }
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

    // Adds to ImGui's atlas (call between frames, never inside NewFrame…Render) the wanted
    // characters, or when none are wanted and `allow_prefetch`, the next chunk of prefetched
    // ones. Returns what the renderer must upload again (nothing when nothing changed).
    AtlasUpdate rebuild_if_needed(ImFontAtlas& atlas, bool allow_prefetch = true);
    // The texture is this wide, and grows in height up to this: 4096 is the largest every
    // WebGL2 phone takes. A full 4096² atlas holds about 6,000 CJK characters at 3×, and every
    // one of them at 1×.
    static constexpr int kTextureSide = 4096;
    // A chunk is rasterized in one animation frame that draws nothing: 32 took 3-14 ms at 3×
    // (measured on the 10k catalogue), short enough not to delay a tap that comes meanwhile.
    static constexpr std::size_t kPrefetchChunk = 32;

    // Changes the device pixel ratio (a window moved to another screen, a browser zoom). The
    // next rebuild starts a new texture with printable ASCII and the characters wanted then;
    // the others seen so far go back to the prefetch queue, first in line.
    void set_pixel_ratio(float pixel_ratio);
    float pixel_ratio() const { return pixel_ratio_; }
    // Changes the text size (kiosk mode switched on by config.json); re-rasterizes likewise.
    void set_css_size(float css_size);
    float css_size() const { return css_size_; }

    std::size_t glyph_count() const { return placed_.size(); }
    double last_rebuild_ms() const { return last_rebuild_ms_; }

    // Characters drawn in `draw_data` with the fallback (missing) glyph. Measured from the
    // vertices themselves, so it counts what really reached the screen.
    int count_missing_glyphs(const ImDrawData* draw_data) const;

private:
    void start_over();  // a new size: the next rebuild starts a new texture
    // A new texture with ImGui's carrier font, its white pixel and the missing-character box.
    void start_texture(ImFontAtlas& atlas, float pixel_size, const LineMetrics& line);
    // Places `glyph` in the free rows, growing the texture when they are full: to at least
    // `rows_for_all` rows, what every character still to come will take, since growing needs
    // the old and the new texture side by side (5 MiB at 3× on the 10k catalogue, in steps).
    // False when the texture is at its largest and full.
    bool place(ImFontAtlas& atlas, const GlyphBitmap& glyph, int rows_for_all, AtlasUpdate& update);
    void grow_rows(ImFontAtlas& atlas, int height);

    GlyphRasterizer& rasterizer_;
    float css_size_;
    float pixel_ratio_;
    CodepointSet known_;            // in the atlas or pending
    std::vector<char32_t> pending_;
    CodepointSet prefetch_known_;       // ever queued for prefetching
    std::vector<char32_t> prefetch_;     // in order; those before prefetch_next_ are done
    std::size_t prefetch_next_ = 0;
    bool needs_build_ = true;       // no carrier font yet, or a new size or pixel ratio
    ImFont* font_ = nullptr;        // ImGui's font that carries every glyph (owned by the atlas)
    std::vector<char32_t> placed_;  // in the texture, to rasterize again at a new size
    // Shelf packing below what Build() placed: glyphs fill a shelf left to right, and a new
    // shelf starts below the tallest glyph of the last.
    int shelf_x_ = 0;
    int shelf_y_ = 0;
    int shelf_height_ = 0;
    ImVec2 fallback_uv0_{-1, -1};  // the missing-glyph box in the texture
    ImVec2 fallback_uv1_{-1, -1};
    double last_rebuild_ms_ = 0;
};

}  // namespace liaoxiu::ui
