// Glyphs from a font file on disk, rasterized with stb_truetype (shipped with ImGui).
// Used by the desktop build and by the headless UI tests.
#pragma once

#include "ui/glyph_atlas.hpp"

#include <string>
#include <vector>

namespace liaoxiu::platform {

class TrueTypeGlyphRasterizer final : public ui::GlyphRasterizer {
public:
    // Loads the first usable font of `paths` (TTF or TTC, face 0). ok() tells whether one loaded.
    explicit TrueTypeGlyphRasterizer(const std::vector<std::string>& paths);
    ~TrueTypeGlyphRasterizer() override;
    bool ok() const { return info_ != nullptr; }
    const std::string& path() const { return path_; }

    ui::LineMetrics line_metrics(float pixel_size) override;
    std::vector<ui::GlyphBitmap> rasterize(const std::vector<char32_t>& codepoints, float pixel_size) override;

    // The CJK fonts Debian installs, in order of preference.
    static std::vector<std::string> system_font_paths();

private:
    std::vector<unsigned char> data_;
    void* info_ = nullptr;  // stbtt_fontinfo, kept out of the header
    std::string path_;
};

}  // namespace liaoxiu::platform
