// The glyph atlas grows in place: new characters go into free rows of the texture, the
// texture doubles when full, and a new pixel ratio rasterizes everything again. Checked on
// the texture itself: every glyph's rectangle must hold exactly that character's bitmap from
// the real TrueType rasterizer, with a clear border, wherever and whenever it was placed.
#include "core/pinyin.hpp"
#include "ui_driver.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace liaoxiu {
namespace {

using testing::ImGuiContextOwner;

constexpr float kCssSize = 17.0f;

std::string utf8_of(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

// A run of common CJK ideographs, to fill the texture.
std::string ideographs(char32_t first, int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += utf8_of(first + static_cast<char32_t>(i));
    return text;
}

struct Fixture {
    ImGuiContextOwner imgui;
    platform::TrueTypeGlyphRasterizer rasterizer{platform::TrueTypeGlyphRasterizer::system_faces()};
    ui::GlyphAtlas glyphs{rasterizer, kCssSize, 3.0f};
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;

    Fixture() {
        if (!rasterizer.ok()) throw std::runtime_error("no CJK font found: install fonts-wqy-microhei and fonts-noto-cjk");
    }
    ImFont& font() const { return *atlas.Fonts[0]; }
    std::vector<std::uint8_t> texture() const {
        return {atlas.TexPixelsAlpha8, atlas.TexPixelsAlpha8 + static_cast<std::size_t>(atlas.TexWidth) * atlas.TexHeight};
    }

    // What is wrong with `c` in the texture, or "" when its rectangle holds its bitmap.
    std::string check(char32_t c) {
        const float pixel_size = std::round(kCssSize * glyphs.pixel_ratio());
        const std::vector<ui::GlyphBitmap> expected = rasterizer.rasterize({c}, pixel_size);
        if (expected.size() != 1) return "the rasterizer has no glyph for U+" + std::to_string(c);
        const ui::GlyphBitmap& bitmap = expected[0];
        const ImFontGlyph* glyph = font().FindGlyphNoFallback(static_cast<ImWchar>(c));
        if (!glyph) return "not in the font: " + utf8_of(c);
        const int x0 = static_cast<int>(std::lround(glyph->U0 * static_cast<float>(atlas.TexWidth)));
        const int y0 = static_cast<int>(std::lround(glyph->V0 * static_cast<float>(atlas.TexHeight)));
        const int x1 = static_cast<int>(std::lround(glyph->U1 * static_cast<float>(atlas.TexWidth)));
        const int y1 = static_cast<int>(std::lround(glyph->V1 * static_cast<float>(atlas.TexHeight)));
        if (x1 - x0 != bitmap.width + 2 || y1 - y0 != bitmap.height + 2) return "wrong rectangle size for " + utf8_of(c);
        if (glyph->AdvanceX != bitmap.advance) return "wrong advance for " + utf8_of(c);
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) {
                const bool border = x == x0 || y == y0 || x == x1 - 1 || y == y1 - 1;
                const std::uint8_t want =
                    border ? 0 : bitmap.alpha[static_cast<std::size_t>((y - y0 - 1) * bitmap.width + (x - x0 - 1))];
                if (atlas.TexPixelsAlpha8[y * atlas.TexWidth + x] != want)
                    return "pixel " + std::to_string(x - x0) + "," + std::to_string(y - y0) + " of " + utf8_of(c);
            }
        return "";
    }
};

}  // namespace

TEST_CASE("A new character is packed into free rows and only those rows change", "[glyph-atlas]") {
    Fixture f;
    ui::AtlasUpdate first = f.glyphs.rebuild_if_needed(f.atlas);
    CHECK(first.whole);
    f.glyphs.want("杭州温泉");
    REQUIRE(f.glyphs.rebuild_if_needed(f.atlas).whole == false);
    const int width = f.atlas.TexWidth, height = f.atlas.TexHeight;
    const std::vector<std::uint8_t> before = f.texture();

    f.glyphs.want("衢");
    const ui::AtlasUpdate update = f.glyphs.rebuild_if_needed(f.atlas);
    REQUIRE(update);
    CHECK_FALSE(update.whole);
    CHECK(f.atlas.TexWidth == width);
    CHECK(f.atlas.TexHeight == height);
    // One line of glyphs at most: 衢 is 51 px tall at 3×, with its border.
    CHECK(update.rows > 0);
    CHECK(update.rows <= 60);
    const std::vector<std::uint8_t> after = f.texture();
    for (int y = 0; y < height; ++y) {
        if (y >= update.first_row && y < update.first_row + update.rows) continue;
        INFO("row " << y);
        REQUIRE(std::equal(before.begin() + y * width, before.begin() + (y + 1) * width, after.begin() + y * width));
    }
    CHECK(f.check(U'衢') == "");
    CHECK(f.check(U'杭') == "");
    CHECK(f.check(U'A') == "");

    // Nothing wanted: nothing to upload.
    f.glyphs.want("衢杭");
    CHECK_FALSE(f.glyphs.rebuild_if_needed(f.atlas, false));
}

TEST_CASE("The texture grows when full and every glyph keeps its own pixels", "[glyph-atlas]") {
    Fixture f;
    f.glyphs.rebuild_if_needed(f.atlas);
    const int width = f.atlas.TexWidth, height = f.atlas.TexHeight;
    f.glyphs.want("𠮷衢潍婺缙歙亳嵊");
    f.glyphs.rebuild_if_needed(f.atlas);

    // 600 ideographs at 3× do not fit the first texture: it grows, and says so.
    bool grew = false;
    for (int chunk = 0; chunk < 6; ++chunk) {
        f.glyphs.want(ideographs(0x4E00 + static_cast<char32_t>(chunk * 100), 100));
        grew = f.glyphs.rebuild_if_needed(f.atlas).whole || grew;
    }
    CHECK(grew);
    CHECK(static_cast<long>(f.atlas.TexWidth) * f.atlas.TexHeight > static_cast<long>(width) * height);

    for (char32_t c : {U'𠮷', U'衢', U'潍', U'婺', U'缙', U'歙', U'亳', U'嵊', U'A', U'z', U'0'}) CHECK(f.check(c) == "");
    for (char32_t c = 0x4E00; c < 0x4E00 + 600; c += 7) CHECK(f.check(c) == "");
    // Every character wanted (printable ASCII and those above; 亳 is U+4EB3) that some font has.
    std::set<char32_t> wanted{U'𠮷', U'衢', U'潍', U'婺', U'缙', U'歙', U'亳', U'嵊'};
    for (char32_t c = 0x20; c < 0x7F; ++c) wanted.insert(c);
    for (char32_t c = 0x4E00; c < 0x4E00 + 600; ++c) wanted.insert(c);
    CHECK(f.glyphs.glyph_count() == f.rasterizer.rasterize({wanted.begin(), wanted.end()}, 51.0f).size());
    // ImGui still finds its white pixel where it says it is.
    const ImVec2 white = f.atlas.TexUvWhitePixel;
    CHECK(f.atlas.TexPixelsAlpha8[static_cast<int>(white.y * static_cast<float>(f.atlas.TexHeight)) * f.atlas.TexWidth +
                                  static_cast<int>(white.x * static_cast<float>(f.atlas.TexWidth))] == 0xFF);
}

TEST_CASE("A new pixel ratio rasterizes what is drawn now, and the rest when idle", "[glyph-atlas]") {
    Fixture f;
    f.glyphs.want("温泉疗养衢");
    f.glyphs.rebuild_if_needed(f.atlas);
    const std::size_t count = f.glyphs.glyph_count();

    f.glyphs.set_pixel_ratio(2.0f);
    f.glyphs.want("温泉");  // the frame after the change draws these, and names them again
    const ui::AtlasUpdate update = f.glyphs.rebuild_if_needed(f.atlas, false);
    CHECK(update.whole);
    CHECK(ImGui::GetIO().FontGlobalScale == 0.5f);
    for (char32_t c : {U'温', U'泉', U'Q', U'7'}) CHECK(f.check(c) == "");
    CHECK(f.font().FindGlyphNoFallback(static_cast<ImWchar>(U'衢')) == nullptr);  // not yet
    CHECK(f.glyphs.has_prefetch());

    // A frame drawing 衢 before its turn asks for it, and gets it.
    f.glyphs.want("衢");
    CHECK(f.glyphs.has_pending());
    f.glyphs.rebuild_if_needed(f.atlas, false);
    CHECK(f.check(U'衢') == "");

    // Idle ticks bring back the rest.
    while (f.glyphs.has_prefetch()) f.glyphs.rebuild_if_needed(f.atlas, true);
    CHECK(f.glyphs.glyph_count() == count);
    for (char32_t c : {U'温', U'泉', U'疗', U'养', U'衢', U'Q'}) CHECK(f.check(c) == "");
}

TEST_CASE("A character no font has is drawn with the missing-glyph box", "[glyph-atlas]") {
    Fixture f;
    // U+E000 is private use: no system font draws it.
    f.glyphs.want(utf8_of(0xE000) + "衢");
    f.glyphs.rebuild_if_needed(f.atlas);
    CHECK(f.font().FindGlyphNoFallback(static_cast<ImWchar>(0xE000)) == nullptr);
    const ImFontGlyph* shown = f.font().FindGlyph(static_cast<ImWchar>(0xE000));
    REQUIRE(shown != nullptr);
    CHECK(shown->Codepoint == kReplacementCharacter);
    CHECK(f.font().FindGlyph(static_cast<ImWchar>(U'衢'))->Codepoint == U'衢');
}

}  // namespace liaoxiu
