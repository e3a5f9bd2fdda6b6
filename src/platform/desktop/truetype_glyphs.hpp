// Glyphs from font files on disk, rasterized with stb_truetype (shipped with ImGui).
// Used by the desktop build and by the headless UI tests. Several faces form a chain:
// each character comes from the first face that has it, so a compact CJK font can be
// backed by a large one for rare characters (𠮷 is in Noto Sans CJK, not in WenQuanYi).
#pragma once

#include "ui/glyph_atlas.hpp"

#include <memory>
#include <string>
#include <vector>

namespace liaoxiu::platform {

struct FontFace {
    std::string path;   // TTF, OTF or a collection (TTC/OTC)
    int index = 0;      // the face within a collection
};

class TrueTypeGlyphRasterizer final : public ui::GlyphRasterizer {
public:
    // Loads every face of `faces` that exists and parses; ok() tells whether any did.
    explicit TrueTypeGlyphRasterizer(const std::vector<FontFace>& faces);
    ~TrueTypeGlyphRasterizer() override;
    bool ok() const { return !faces_.empty(); }

    ui::LineMetrics line_metrics(float pixel_size) override;
    std::vector<ui::GlyphBitmap> rasterize(const std::vector<char32_t>& codepoints, float pixel_size) override;

    // The CJK fonts Debian installs (fonts-wqy-microhei, fonts-noto-cjk), in order of preference.
    static std::vector<FontFace> system_faces();

private:
    struct Loaded;
    std::vector<std::unique_ptr<Loaded>> faces_;
};

}  // namespace liaoxiu::platform
