// Titles and names cut at the edge of a row end in "…", measured with the real font.
#include "ui_driver.hpp"

#include "ui/ellipsis.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

// The driver's atlas with these characters in it, and their measure as ImGui draws them.
struct Measure {
    UiDriver& ui;
    explicit Measure(UiDriver& driver, const std::string& text) : ui(driver) {
        ui.glyphs.want(text);
        ui.glyphs.want(ui::kEllipsis);
        ui.frame();
    }
    const ImFont& font() const { return *ImGui::GetFont(); }
    float size() const { return font().FontSize; }
    float width(const std::string& text) const {
        return font().CalcTextSizeA(size(), FLT_MAX, 0.0f, text.c_str(), text.c_str() + text.size()).x;
    }
    std::string fit(const std::string& text, float max_width) const {
        return ui::fit_with_ellipsis(font(), size(), text, max_width);
    }
};

// Every byte sequence is a whole UTF-8 character (no lead byte without its continuation bytes).
bool whole_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

}  // namespace

TEST_CASE("a text that fits is left whole, without an ellipsis", "[ui][ellipsis]") {
    UiDriver ui;
    const std::string title = "红色教育·南孔衢州三日";
    const Measure m(ui, title);
    CHECK(m.fit(title, m.width(title)) == title);
    CHECK(m.fit(title, 1000) == title);
    CHECK(m.fit("", 0) == "");
}

TEST_CASE("a Chinese title is cut between characters and ends in …", "[ui][ellipsis]") {
    UiDriver ui;
    const std::string title = "红色教育生态康养南孔衢州三日";
    const Measure m(ui, title);
    const float room = m.width("红色教育") + m.width("…");
    CHECK(m.fit(title, room) == "红色教育…");
    CHECK(m.fit(title, room + m.width("生") - 0.5f) == "红色教育…");  // not quite room for one more
    CHECK(m.fit(title, room + m.width("生")) == "红色教育生…");
    // Whatever the width, the cut is whole characters and never wider than asked.
    for (float width = m.width("…"); width < m.width(title); width += 1.0f) {
        const std::string fitted = m.fit(title, width);
        INFO("width " << width << ": " << fitted);
        REQUIRE(whole_utf8(fitted));
        REQUIRE(fitted.size() >= ui::kEllipsis.size());
        REQUIRE(fitted.ends_with(ui::kEllipsis));
        REQUIRE(m.width(fitted) <= width);
        REQUIRE(title.starts_with(fitted.substr(0, fitted.size() - ui::kEllipsis.size())));
    }
}

TEST_CASE("an English title is cut with … and no space before it", "[ui][ellipsis]") {
    UiDriver ui;
    const std::string title = "Red education and eco wellness, Quzhou, three days";
    const Measure m(ui, title);
    const float room = m.width("Red education ") + m.width("…");
    CHECK(m.fit(title, room) == "Red education…");
    CHECK(m.fit(title, m.width("Red…")) == "Red…");
    CHECK(m.width(m.fit(title, 120)) <= 120);
}

TEST_CASE("characters of two, three and four bytes are never split", "[ui][ellipsis]") {
    UiDriver ui;
    const std::string title = "é衢𠮷a衢é𠮷𠮷衢";  // 2-, 3- and 4-byte UTF-8 mixed with ASCII
    const Measure m(ui, title);
    for (float width = m.width("…"); width <= m.width(title); width += 0.5f) {
        const std::string fitted = m.fit(title, width);
        INFO("width " << width << ": " << fitted);
        REQUIRE(whole_utf8(fitted));
        REQUIRE(m.width(fitted) <= width);
    }
}

TEST_CASE("a width too small for even … gives nothing to draw", "[ui][ellipsis]") {
    UiDriver ui;
    const std::string title = "衢州 Quzhou";
    const Measure m(ui, title);
    const float ellipsis = m.width("…");
    REQUIRE(ellipsis > 1.0f);
    CHECK(m.fit(title, ellipsis - 0.5f).empty());
    CHECK(m.fit(title, 0).empty());
    CHECK(m.fit(title, -10).empty());
    CHECK(m.fit(title, ellipsis) == "…");  // no whole character fits beside it
}

TEST_CASE("long titles in list rows stop at the row's edge, the full title still noted", "[ui][ellipsis]") {
    UiDriver ui;
    const std::string long_title = "关于进一步做好全市职工疗休养工作、推动跨单位拼团与小单位职工共享疗休养资源的实施意见（试行）";
    ui.state.catalogue.policies.front().title = long_title;
    ui.touch();
    ui.ui.open_location("#/policies");
    ui.frames(3);
    const ui::ItemRecord* card = ui.find_item(long_title);
    REQUIRE(card);
    const ui::ItemRecord* text = nullptr;
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.id == 0 && item.label == long_title) text = &item;
    REQUIRE(text);  // tests still find the title by its whole text
    CHECK(text->min.x > card->min.x);
    CHECK(text->max.x <= card->max.x - 14);  // what is drawn stops inside the card's padding
    CHECK(text->max.x > card->max.x - 14 - 2 * ImGui::GetFontSize());  // and uses the row: cut, not dropped
    CHECK(ui.missing_glyphs() == 0);  // "…" included
}
