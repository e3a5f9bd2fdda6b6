// Kiosk reset, the high-contrast toggle and what is said to screen readers.
#include "ui_driver.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

std::string all_routes_found(const UiDriver& ui) {
    return "找到 " + std::to_string(ui.state.catalogue.routes.size()) + " 条线路";
}

bool announced(const std::vector<ui::Announcement>& said, const std::string& text) {
    for (const ui::Announcement& a : said)
        if (a.text.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("reset forgets the search, the forms, the history and the language", "[ui][kiosk]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(2);
    REQUIRE(ui.shows(all_routes_found(ui)));
    REQUIRE(ui.click("搜索"));
    ui.type("jls");
    REQUIRE_FALSE(ui.shows(all_routes_found(ui)));  // the query narrowed the list
    ui.ui.open_location("#/signin");
    ui.frames(2);
    REQUIRE(ui.click("工号或账号"));
    ui.type("w-1204");
    ui.ui.set_language(ui::Language::en);
    ui.frames(2);
    REQUIRE(ui.ui.back());

    ui.ui.reset();
    ui.frames(2);
    CHECK(ui.ui.location() == "#/");
    CHECK(ui.ui.language() == ui::Language::zh);
    CHECK_FALSE(ui.ui.back());  // no history to go back into

    ui.ui.open_location("#/routes");
    ui.frames(2);
    CHECK(ui.shows(all_routes_found(ui)));
    ui.ui.open_location("#/signin");
    ui.frames(2);
    const ui::ItemRecord* field = ui.find_item("工号或账号");
    REQUIRE(field);
    CHECK_FALSE(ui.shows("w-1204"));
}

TEST_CASE("high contrast is a toggle on the sign-in and me screens, and survives a reset", "[ui][kiosk]") {
    UiDriver ui;
    REQUIRE(ui.click("我的"));
    CHECK_FALSE(ui.ui.high_contrast());
    REQUIRE(ui.click("高对比度"));
    ui.frames(1);
    CHECK(ui.ui.high_contrast());
    const ImGuiStyle& style = ImGui::GetStyle();
    CHECK(style.Colors[ImGuiCol_WindowBg].x == 1.0f);
    CHECK(style.Colors[ImGuiCol_Text].x == 0.0f);
    CHECK(style.FrameBorderSize == 2.0f);
    CHECK(ui::colors::card_border == IM_COL32(0, 0, 0, 255));

    ui.ui.reset();  // a setting of the device, not of the person who used it
    ui.frames(2);
    CHECK(ui.ui.high_contrast());

    ui.ui.open_location("#/signin");
    ui.frames(2);
    REQUIRE(ui.click("高对比度"));
    ui.frames(1);
    CHECK_FALSE(ui.ui.high_contrast());
    CHECK(style.FrameBorderSize == 0.0f);
    CHECK(ui::colors::card_border != IM_COL32(0, 0, 0, 255));
}

TEST_CASE("screen titles, result counts, notices and the countdown are announced", "[ui][kiosk]") {
    UiDriver ui;
    ui.ui.take_announcements();
    ui.ui.open_location("#/route/r-qz-red-eco-3d");
    ui.frames(2);
    REQUIRE(ui.ui.location() == "#/route/r-qz-red-eco-3d");
    std::vector<ui::Announcement> said = ui.ui.take_announcements();
    REQUIRE(said.size() == 1);
    CHECK_FALSE(said[0].urgent);
    CHECK(ui.shows(said[0].text));  // the route's title, as the screen shows it

    // Nothing changed: nothing more is said.
    ui.frames(3);
    CHECK(ui.ui.take_announcements().empty());

    ui.ui.open_location("#/routes");
    ui.frames(2);
    CHECK(announced(ui.ui.take_announcements(), all_routes_found(ui)));
    REQUIRE(ui.click("搜索"));
    ui.type("jls");
    said = ui.ui.take_announcements();
    REQUIRE(said.size() == 1);
    CHECK(said[0].text.find("找到") != std::string::npos);
    CHECK(said[0].text.find(all_routes_found(ui)) == std::string::npos);

    ui.state.notices.push_back({7, sync::Notice::Kind::error, "报名失败：名额已满", "Full"});
    ui.state.notices.push_back({8, sync::Notice::Kind::success, "已报名", "Joined"});
    ui.touch();
    ui.frames(1);
    said = ui.ui.take_announcements();
    REQUIRE(said.size() == 2);
    CHECK(said[0].text == "报名失败：名额已满");
    CHECK(said[0].urgent);
    CHECK(said[1].text == "已报名");
    CHECK_FALSE(said[1].urgent);

    ui.ui.set_idle_countdown(10);
    ui.frames(1);
    CHECK(ui.shows("即将返回首页 10"));
    CHECK(ui.find_item("继续使用"));
    said = ui.ui.take_announcements();
    REQUIRE(said.size() == 1);
    CHECK(said[0].text == "即将返回首页 10");
    ui.ui.set_idle_countdown(9);
    ui.frames(1);
    CHECK(ui.shows("即将返回首页 9"));
    CHECK(ui.ui.take_announcements().empty());  // said once, not every second
    ui.ui.set_idle_countdown(0);
    ui.frames(1);
    CHECK_FALSE(ui.find_item("继续使用"));
}
