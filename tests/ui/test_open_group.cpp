// Opening a group where one of any unit already leaves the same day on the same route: the form
// names it, leads to it, and opens a second one only when asked again.
#include "ui_driver.hpp"

#include "core/dates.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

const char* const kWarning = "已有同一线路同一天出发的拼团，仍要新开？";

// The union of 国网衢州供电公司 on the open-group form of `route`, departure typed as `departure`.
void open_form(UiDriver& ui, const std::string& route, const std::string& departure) {
    ui.state.session = testing::make_session("chair-power", "周主席", sync::Role::organizer, "u-qz-power");
    ui.touch();
    ui.ui.open_location("#/open/" + route);
    ui.frames(2);
    REQUIRE(ui.click("出发日期（如 2027-04-10）"));
    for (int i = 0; i < 12; ++i) ui.press_backspace();  // the proposed date, and then some
    ui.type(departure);
}

}  // namespace

TEST_CASE("a group on the same route and day is named before a second one is opened", "[ui][open-group][duplicate]") {
    UiDriver ui;
    // g-qz-001 (衢州市第二中学) leaves 2027-04-10 on this route, 6 short of forming.
    open_form(ui, "r-qz-red-eco-3d", "2027-04-10");
    CHECK(!ui.shows(kWarning));
    REQUIRE(ui.click("确认发起拼团"));
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows(kWarning));
    CHECK(ui.shows("衢州市第二中学组团 · 2027-04-10出发 · 还差6人成团"));
    CHECK(!ui.find_item("确认发起拼团"));  // the choice is now between the two below
    REQUIRE(ui.scroll_down_to("仍要新开拼团"));  // below the warning, after the way to the existing group
    const ui::ItemRecord* existing = ui.find_item("查看已有的拼团");
    REQUIRE(existing);
    CHECK(existing->min.y < ui.find_item("仍要新开拼团")->min.y);

    SECTION("the second, explicit confirmation opens it") {
        REQUIRE(ui.click("仍要新开拼团"));
        REQUIRE(ui.intents.calls == std::vector<std::string>{"open_group r-qz-red-eco-3d 10 30"});
        CHECK(ui.intents.drafts.front().departure == day_from_civil(2027, 4, 10));
        CHECK(ui.intents.drafts.front().organizer_unit == "u-qz-power");
        ui.frames(3);
        CHECK(ui.intents.calls.size() == 1);
    }
    SECTION("or the existing group is opened instead, and nothing is sent") {
        REQUIRE(ui.click("查看已有的拼团"));
        CHECK(ui.ui.location() == "#/group/g-qz-001");
        CHECK(ui.intents.calls.empty());
    }
    SECTION("another departure day takes the warning back, and the form opens at once") {
        REQUIRE(ui.click("出发日期（如 2027-04-10）"));
        ui.press_backspace();
        ui.type("1");  // 2027-04-11
        CHECK(!ui.shows(kWarning));
        REQUIRE(ui.click("确认发起拼团"));
        CHECK(ui.intents.calls == std::vector<std::string>{"open_group r-qz-red-eco-3d 10 30"});
        CHECK(ui.intents.drafts.front().departure == day_from_civil(2027, 4, 11));
    }
    SECTION("the existing group cancelled meanwhile: no warning is left, and the form is back") {
        for (GroupTrip& trip : ui.state.catalogue.groups)
            if (trip.id == "g-qz-001") trip.state = GroupState::cancelled;
        ui.touch();
        ui.frames(2);
        CHECK(!ui.shows(kWarning));
        REQUIRE(ui.click("确认发起拼团"));
        CHECK(ui.intents.calls == std::vector<std::string>{"open_group r-qz-red-eco-3d 10 30"});
    }
}

TEST_CASE("no warning where no group on that route and day takes joins", "[ui][open-group][duplicate]") {
    UiDriver ui;
    SECTION("another day on the same route") {
        open_form(ui, "r-qz-red-eco-3d", "2027-04-17");
        REQUIRE(ui.click("确认发起拼团"));
        CHECK(ui.intents.calls == std::vector<std::string>{"open_group r-qz-red-eco-3d 10 30"});
    }
    SECTION("the same day as a cancelled group (g-qz-010)") {
        open_form(ui, "r-qz-six-county-6d", "2027-05-10");
        REQUIRE(ui.click("确认发起拼团"));
        CHECK(ui.intents.calls == std::vector<std::string>{"open_group r-qz-six-county-6d 10 30"});
    }
    SECTION("the same day as a dissolved group (g-qz-009)") {
        open_form(ui, "r-qz-opera-2d", "2026-12-19");
        REQUIRE(ui.click("报名截止日期（当日 24 点截止）"));
        for (int i = 0; i < 12; ++i) ui.press_backspace();
        ui.type("2026-12-15");
        REQUIRE(ui.click("确认发起拼团"));
        CHECK(ui.intents.calls == std::vector<std::string>{"open_group r-qz-opera-2d 10 30"});
    }
    CHECK(!ui.shows(kWarning));
}

namespace {

// The top and bottom of the interactive item labelled `label` in the last frame.
std::pair<float, float> extent_of(const UiDriver& ui, const std::string& label) {
    const ui::ItemRecord* item = ui.find_item(label);
    REQUIRE(item);
    return {item->min.y, item->max.y};
}

float top_of_text(const UiDriver& ui, const std::string& text) {
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.id == 0 && item.label == text) return item.min.y;
    FAIL("not drawn: " << text);
    return 0;
}

bool announced_urgently(UiDriver& ui, const std::string& text) {
    for (const ui::Announcement& said : ui.ui.take_announcements())
        if (said.text == text && said.urgent) return true;
    return false;
}

}  // namespace

TEST_CASE("a refusal stands under the field it is about, and is said at once", "[ui][open-group][errors]") {
    UiDriver ui;
    SECTION("a date that is no date: under the departure") {
        open_form(ui, "r-qz-red-eco-3d", "2027-13-40");
        ui.ui.take_announcements();
        REQUIRE(ui.click("确认发起拼团"));
        ui.frames(2);
        const float error = top_of_text(ui, "日期格式应为 2027-04-10");
        CHECK(error >= extent_of(ui, "出发日期（如 2027-04-10）").second);
        CHECK(error < extent_of(ui, "最少人数").first);
        CHECK(announced_urgently(ui, "日期格式应为 2027-04-10"));
    }
    SECTION("more at least than at most: under the minimum, in the core's words") {
        open_form(ui, "r-qz-red-eco-3d", "2027-04-20");
        REQUIRE(ui.click("最少人数"));
        for (int i = 0; i < 4; ++i) ui.press_backspace();
        ui.type("40");
        ui.ui.take_announcements();
        REQUIRE(ui.click("确认发起拼团"));
        ui.frames(2);
        CHECK(ui.intents.calls.empty());
        const ui::ItemRecord* error = nullptr;
        for (const ui::ItemRecord& item : ui.items.last_frame())
            if (item.id == 0 && item.min.y >= extent_of(ui, "最少人数").second &&
                item.max.y <= extent_of(ui, "最多人数").first && item.label != "最多人数")
                error = &item;
        REQUIRE(error);  // a line between the two fields: the refusal
        CHECK(announced_urgently(ui, error->label));
    }
}

TEST_CASE("a union opens a group for its own workers only, or for every unit (the default)", "[ui][open-group][visibility]") {
    UiDriver ui;
    open_form(ui, "r-qz-red-eco-3d", "2027-04-20");
    SECTION("the default: every unit") {
        REQUIRE(ui.click("确认发起拼团"));
        REQUIRE(ui.intents.drafts.size() == 1);
        CHECK(ui.intents.drafts.front().visibility == Visibility::alliance);
    }
    SECTION("仅本单位") {
        REQUIRE(ui.scroll_down_to("仅本单位"));
        REQUIRE(ui.click("仅本单位"));
        REQUIRE(ui.scroll_down_to("确认发起拼团"));
        REQUIRE(ui.click("确认发起拼团"));
        REQUIRE(ui.intents.drafts.size() == 1);
        CHECK(ui.intents.drafts.front().visibility == Visibility::own_unit);
    }
}

TEST_CASE("the union says where the group gathers and whom to call, and a phone that is no number is refused at its field",
          "[ui][open-group][meeting]") {
    UiDriver ui;
    open_form(ui, "r-qz-red-eco-3d", "2027-04-20");
    const auto type_into = [&](const std::string& field, const std::string& text) {
        REQUIRE(ui.scroll_down_to(field));
        REQUIRE(ui.click(field));
        ui.type(text);
    };
    type_into("集合地点与时间（选填）", "  供电公司北门，出发日 7:30 ");
    type_into("联系人（选填）", "周主席");
    SECTION("a phone number: sent with the draft, trimmed") {
        type_into("联系电话（选填，职工可一键拨打）", "0570-3021234");
        REQUIRE(ui.scroll_down_to("确认发起拼团"));
        REQUIRE(ui.click("确认发起拼团"));
        REQUIRE(ui.intents.drafts.size() == 1);
        CHECK(ui.intents.drafts.front().meeting_point == "供电公司北门，出发日 7:30");  // trimmed, as the core keeps it
        CHECK(ui.intents.drafts.front().contact_name == "周主席");
        CHECK(ui.intents.drafts.front().contact_phone == "0570-3021234");
        const ui::ItemRecord* phone = ui.find_item("联系电话（选填，职工可一键拨打）");
        CHECK((!phone || phone->field_kind == ui::FieldKind::phone));
    }
    SECTION("not a phone number: refused under the phone field, nothing sent") {
        type_into("联系电话（选填，职工可一键拨打）", "call me");
        ui.ui.take_announcements();
        REQUIRE(ui.scroll_down_to("确认发起拼团"));
        REQUIRE(ui.click("确认发起拼团"));
        ui.frames(2);
        CHECK(ui.intents.drafts.empty());
        const std::string message = "联系电话应为电话号码，如 0570-3021234 或 13805701234";
        CHECK(ui.shows(message));
        CHECK(announced_urgently(ui, message));
    }
}
