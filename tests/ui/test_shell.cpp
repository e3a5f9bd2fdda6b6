// What surrounds every screen: deep links and back, the language switch, notices,
// layouts from phones to kiosks, and glyphs.
#include "ui_driver.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

// Every labelled item of the last frame is a touch target: at least 44 px tall (and wide,
// with `wide_too`) and inside a screen `screen_width` wide. There must be a few of them.
void check_touch_targets(const UiDriver& ui, float screen_width, bool wide_too) {
    int targets = 0;
    for (const auto& item : ui.items.last_frame()) {
        if (item.id == 0 || !item.visible || item.label.empty()) continue;
        ++targets;
        INFO(item.label);
        CHECK(item.max.y - item.min.y >= 44.0f);
        if (wide_too) CHECK(item.max.x - item.min.x >= 44.0f);
        CHECK(item.min.x >= 0.0f);
        CHECK(item.max.x <= screen_width + 0.5f);
    }
    CHECK(targets > 3);
}

}  // namespace

TEST_CASE("a deep link opens its screen and back returns", "[ui][navigation]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.ui.location() == "#/group/g-qz-001");
    CHECK(ui.shows("还差6人成团"));
    CHECK(ui.ui.back());
    ui.frames(2);
    CHECK(ui.ui.location() == "#/");
    CHECK(ui.shows("衢州市职工疗休养联盟"));
    CHECK(!ui.ui.back());
}

TEST_CASE("unknown places and ids show a friendly not-found screen", "[ui][navigation]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-does-not-exist");
    ui.frames(2);
    CHECK(ui.shows("找不到这个页面"));
    ui.ui.open_location("#/nowhere/at/all");
    ui.frames(2);
    CHECK(ui.shows("找不到这个页面"));
    REQUIRE(ui.click("返回首页"));
    CHECK(ui.ui.location() == "#/");
}

TEST_CASE("the back button inside the app returns to the previous screen", "[ui][navigation]") {
    UiDriver ui;
    const Route& first = ui.state.catalogue.routes.front();
    REQUIRE(ui.click(first.title));
    REQUIRE(ui.click("‹ 返回"));
    CHECK(ui.ui.location() == "#/");
}

TEST_CASE("going back is told apart from going forward, so the browser can step its history back", "[ui][navigation]") {
    UiDriver ui;
    REQUIRE(ui.click("线路"));
    ui.frames(2);
    REQUIRE(!ui.route_cards().empty());
    const std::string title = ui.route_cards().front();
    REQUIRE(ui.click(title));
    const std::string route_location = ui.ui.location();
    REQUIRE(route_location.starts_with("#/route/"));
    CHECK(ui.ui.moves_back() == 0);
    REQUIRE(ui.click("‹ 返回"));
    CHECK(ui.ui.location() == "#/routes");
    CHECK(ui.ui.moves_back() == 1);

    // The browser's back button: the address of the screen before this one is a step back,
    // so the app's history shrinks with the browser's instead of growing.
    ui.ui.open_location(route_location);
    ui.frames(2);
    CHECK(ui.ui.moves_back() == 1);
    ui.ui.open_location("#/routes");
    ui.frames(2);
    CHECK(ui.ui.location() == "#/routes");
    CHECK(ui.ui.moves_back() == 2);
    ui.ui.open_location("#/");  // back again, to home
    ui.frames(2);
    CHECK(ui.ui.moves_back() == 3);
    CHECK_FALSE(ui.ui.back());  // home was the first screen: nothing further back

    // A reset is not a move back, and the count never goes down.
    ui.ui.open_location("#/members");
    ui.ui.reset();
    ui.frames(2);
    CHECK(ui.ui.location() == "#/");
    CHECK(ui.ui.moves_back() == 3);
}

TEST_CASE("the language switch shows English", "[ui][language]") {
    UiDriver ui;
    CHECK(ui.shows("首页"));
    REQUIRE(ui.click("English"));
    CHECK(ui.shows("Home"));
    CHECK(ui.shows("Featured routes"));
    CHECK(!ui.shows("精选线路"));
    REQUIRE(ui.click("中文"));
    CHECK(ui.shows("精选线路"));
}

TEST_CASE("notices are toasts that can be dismissed", "[ui][notices]") {
    UiDriver ui;
    ui.state.notices.push_back({41, sync::Notice::Kind::warning, "已满员，已为您加入候补第3位", "Full: you are number 3 on the waiting list"});
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("已满员，已为您加入候补第3位"));
    CHECK(ui.missing_glyphs() == 0);
    REQUIRE(ui.click("知道了"));
    CHECK(ui.intents.calls == std::vector<std::string>{"dismiss_notice 41"});
}

TEST_CASE("every touch target on a 360 px phone is at least 44 px tall and inside the screen", "[ui][layout]") {
    UiDriver ui(360, 740);
    for (const char* where : {"#/", "#/routes", "#/group/g-qz-001", "#/signin"}) {
        ui.ui.open_location(where);
        ui.frames(2);
        INFO(where);
        check_touch_targets(ui, 360, false);
    }
}

TEST_CASE("a kiosk shows route cards in two columns", "[ui][layout]") {
    UiDriver ui(1080, 1920);
    ui.ui.open_location("#/routes");
    ui.frames(2);
    const auto cards = ui.route_cards();
    REQUIRE(cards.size() >= 2);
    const auto* first = ui.find_item(cards[0]);
    const auto* second = ui.find_item(cards[1]);
    CHECK(first->min.y == second->min.y);
    CHECK(second->min.x > first->max.x);

    UiDriver phone(390, 844);
    phone.ui.open_location("#/routes");
    phone.frames(2);
    const auto phone_cards = phone.route_cards();
    REQUIRE(phone_cards.size() >= 2);
    CHECK(phone.find_item(phone_cards[1])->min.y > phone.find_item(phone_cards[0])->max.y);
}

TEST_CASE("a phone on its side keeps the height for the list: tabs in a column, one-row title bar", "[ui][layout]") {
    UiDriver ui(844, 390);
    ui.ui.open_location("#/routes");
    ui.frames(3);
    // A whole row of route cards is on screen below the search, not a sliver of one.
    const auto cards = ui.route_cards();
    REQUIRE(!cards.empty());
    const ui::ItemRecord* card = ui.find_item(cards.front());
    REQUIRE(card);
    CHECK(card->max.y <= card->clip_max.y);
    CHECK(card->clip_max.y - card->clip_min.y >= 280.0f);  // the list's share of the 390 px
    // Every touch target still a touch target, inside the screen; the tabs stacked on the left.
    float previous_tab_y = -1;
    for (const char* tab : {"首页", "线路", "成员单位", "我的"}) {
        const ui::ItemRecord* item = ui.find_item(tab);
        REQUIRE(item);
        INFO(tab);
        CHECK(item->visible);
        CHECK(item->max.x < card->min.x);
        CHECK(item->min.y > previous_tab_y);
        CHECK(item->max.y <= 390.5f);
        previous_tab_y = item->min.y;
    }
    for (const char* where : {"#/routes", "#/group/g-qz-001", "#/members"}) {
        ui.ui.open_location(where);
        ui.frames(3);
        INFO(where);
        check_touch_targets(ui, 844, true);
        if (std::string(where) == "#/group/g-qz-001") {
            const ui::ItemRecord* back = ui.find_item("‹ 返回");
            REQUIRE(back);
            CHECK(back->max.y <= ui.find_item("English")->max.y);  // in the title bar's row, not one of its own
        }
    }
    CHECK(ui.missing_glyphs() == 0);
}

TEST_CASE("rare place-name characters are drawn with real glyphs", "[ui][glyphs]") {
    UiDriver ui;
    ui.state.catalogue.routes.front().title = "衢州婺源·三衢道中三日";
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("衢州婺源·三衢道中三日"));
    CHECK(ui.missing_glyphs() == 0);
}

// wqy-microhei stops at the BMP; 𠮷 (U+20BB7, CJK Extension B) comes from the next face in
// the chain, Noto Sans CJK.
TEST_CASE("a character beyond the BMP is drawn with a real glyph", "[ui][glyphs]") {
    UiDriver ui;
    ui.state.catalogue.routes.front().title = "𠮷野家访三日";
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("𠮷野家访三日"));
    CHECK(ui.missing_glyphs() == 0);
}

TEST_CASE("a character no font has is counted as missing, so the counter can fail", "[ui][glyphs]") {
    UiDriver ui;
    CHECK(ui.missing_glyphs() == 0);
    // Egyptian hieroglyph A001: in no font installed here.
    ui.state.notices.push_back({1, sync::Notice::Kind::info, "𓀀 𓀀", "𓀀 𓀀"});
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("𓀀"));
    CHECK(ui.missing_glyphs() == 2);
}
