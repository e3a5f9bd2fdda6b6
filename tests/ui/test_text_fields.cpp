// Text fields: what a field draws right after a commit (issue 14 item 12), and the kind each
// field publishes for the phone's keyboard (item 9).
#include <catch2/catch.hpp>

#include "core/pinyin.hpp"
#include "ui_driver.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

constexpr const char* kSearchHint = "线路、城市、单位，可输入拼音或首字母";

// The text the last frame drew inside `item`'s rectangle, read back from the draw data:
// every quad whose corners carry a glyph's atlas coordinates, left to right. Not what the
// widget says it drew, but what reaches the screen.
std::string drawn_text(const ui::ItemRecord& item) {
    std::map<std::tuple<float, float, float, float>, unsigned> glyph_at;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) glyph_at[{g.U0, g.V0, g.U1, g.V1}] = g.Codepoint;
    std::vector<std::pair<float, unsigned>> glyphs;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImVector<ImDrawVert>& v = data->CmdLists[n]->VtxBuffer;
        // A glyph is a quad of four vertices: top-left, top-right, bottom-right, bottom-left.
        for (int i = 0; i + 3 < v.Size; ++i) {
            const auto found = glyph_at.find({v[i].uv.x, v[i].uv.y, v[i + 2].uv.x, v[i + 2].uv.y});
            if (found == glyph_at.end() || v[i].pos.y != v[i + 1].pos.y) continue;
            const ImVec2 centre((v[i].pos.x + v[i + 2].pos.x) / 2, (v[i].pos.y + v[i + 2].pos.y) / 2);
            if (centre.x < item.min.x || centre.x > item.max.x || centre.y < item.min.y || centre.y > item.max.y) continue;
            glyphs.emplace_back(v[i].pos.x, found->second);
            i += 3;
        }
    }
    std::stable_sort(glyphs.begin(), glyphs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text;
    for (const auto& [x, codepoint] : glyphs) append_utf8(text, static_cast<char32_t>(codepoint));
    return text;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The catalogue with its empty search field focused.
void focus_search(UiDriver& ui) {
    ui.ui.open_location("#/routes");
    ui.frames(2);
    REQUIRE(ui.click("搜索"));
}

// A commit as the web text agent delivers it: the glyphs asked for first, then every
// character in one event, and ONE frame.
void commit(UiDriver& ui, const std::string& text) {
    ui.glyphs.want(text);
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    ui.frame();
}

}  // namespace

TEST_CASE("a commit into the empty search field is drawn in the frame that takes it, not the hint", "[ui][text-field]") {
    for (const char* typed : {"亳州", "bozhou"}) {
        CAPTURE(typed);
        UiDriver ui;
        focus_search(ui);
        const ui::ItemRecord* field = ui.find_item("搜索");
        REQUIRE(field);
        REQUIRE(field->text_field);
        // Empty: the hint is what the field draws (cut at its edge).
        CHECK(starts_with(drawn_text(*field), "线路、城市"));
        CHECK(ui.shows(kSearchHint));

        commit(ui, typed);
        field = ui.find_item("搜索");
        REQUIRE(field);
        CHECK(drawn_text(*field) == std::string(typed));
        CHECK(!ui.shows(kSearchHint));
        CHECK(ui.missing_glyphs() == 0);
        // And so it stays.
        ui.frame();
        CHECK(drawn_text(*ui.find_item("搜索")) == std::string(typed));
    }
}

TEST_CASE("the hint comes back in the frame the field is emptied", "[ui][text-field]") {
    UiDriver ui;
    focus_search(ui);
    commit(ui, "jls");
    REQUIRE(drawn_text(*ui.find_item("搜索")) == "jls");
    ImGuiIO& io = ImGui::GetIO();
    constexpr int kBackspaceIndex = 8;  // as the driver's press_backspace: a free slot of KeysDown
    io.KeyMap[ImGuiKey_Backspace] = kBackspaceIndex;
    for (int i = 0; i < 3; ++i) {
        io.KeysDown[kBackspaceIndex] = true;
        ui.frame();
        io.KeysDown[kBackspaceIndex] = false;
        ui.frame();
    }
    CHECK(starts_with(drawn_text(*ui.find_item("搜索")), "线路、城市"));
    CHECK(ui.shows(kSearchHint));
}

TEST_CASE("a field publishes its kind: search, dates and numbers", "[ui][text-field]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(2);
    REQUIRE(ui.find_item("搜索"));
    CHECK(ui.find_item("搜索")->field_kind == ui::FieldKind::search);

    ui.state.session = testing::make_session("chair-hospital", "李主席", sync::Role::organizer, "u-qz-hospital");
    ui.touch();
    ui.ui.open_location("#/open/r-qz-red-eco-3d");
    ui.frames(2);
    const auto kind_of = [&](const std::string& label) {
        const ui::ItemRecord* item = ui.find_item(label);
        REQUIRE(item);
        CHECK(item->text_field);
        return item->field_kind;
    };
    CHECK(kind_of("出发日期（如 2027-04-10）") == ui::FieldKind::date);
    CHECK(kind_of("报名截止日期（当日 24 点截止）") == ui::FieldKind::date);
    CHECK(kind_of("最少人数") == ui::FieldKind::number);
    CHECK(kind_of("最多人数") == ui::FieldKind::number);
    CHECK(kind_of("每单位名额上限（0 表示不限）") == ui::FieldKind::number);

    ui.state.session.reset();
    ui.touch();
    ui.ui.open_location("#/signin");
    ui.frames(2);
    CHECK(kind_of("工号或账号") == ui::FieldKind::text);
}
