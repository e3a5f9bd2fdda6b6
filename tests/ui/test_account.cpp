// Signing in and out, my trips with pending actions, opening a group as an organizer.
#include "ui_driver.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

TEST_CASE("signing in sends the login and password", "[ui][account]") {
    UiDriver ui;
    REQUIRE(ui.click("我的"));
    CHECK(ui.ui.location() == "#/signin");
    REQUIRE(ui.click("登录"));
    CHECK(ui.shows("请填写账号和密码"));
    CHECK(ui.intents.calls.empty());

    REQUIRE(ui.click("工号或账号"));
    ui.type("w-1204");
    REQUIRE(ui.click("密码"));
    ui.type("s3cret");
    REQUIRE(ui.click("登录"));
    CHECK(ui.intents.calls == std::vector<std::string>{"sign_in w-1204 s3cret"});

    // The session arrives: the me screen replaces the form.
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.touch();
    ui.frames(3);
    CHECK(ui.ui.location() == "#/me");
    CHECK(ui.shows("已登录：王老师"));
    REQUIRE(ui.click("退出登录"));
    CHECK(ui.intents.calls.back() == "sign_out");
}

TEST_CASE("my trips lists places and actions still in the outbox", "[ui][account]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.state.my_trips.push_back({"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}});
    ui.state.my_trips.push_back({"g-qz-005", PlaceState::waitlisted, 3, std::nullopt, {}});
    ui.state.outbox.push_back(testing::make_pending(sync::PendingAction::Kind::join, "g-qz-002", 1));
    ui.state.connection = sync::Connection::offline;
    ui.touch();
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(ui.shows("您已报名"));
    CHECK(ui.shows("您在候补第3位"));
    CHECK(ui.shows("报名 · 非遗体验+乡村休闲·立春祭与农民画 · 2027-02-04 — 待发送"));

    ui.state.connection = sync::Connection::online;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("— 同步中"));
}

TEST_CASE("signing out with actions not yet sent asks first, since it drops them", "[ui][account]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.state.outbox.push_back(testing::make_pending(sync::PendingAction::Kind::join, "g-qz-002", 1));
    ui.state.connection = sync::Connection::offline;
    ui.touch();
    ui.ui.open_location("#/me");
    ui.frames(2);
    REQUIRE(ui.scroll_down_to("退出登录"));
    REQUIRE(ui.click("退出登录"));
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows("还有1项操作未提交，退出登录会取消它们。仍要退出吗？"));
    SECTION("kept signed in") {
        REQUIRE(ui.click("取消"));
        CHECK(ui.intents.calls.empty());
        CHECK(!ui.shows("仍要退出吗"));
    }
    SECTION("signed out all the same") {
        REQUIRE(ui.click("确认"));
        CHECK(ui.intents.calls == std::vector<std::string>{"sign_out"});
    }
}

TEST_CASE("opening a group checks the rules first and then sends the draft", "[ui][open-group]") {
    UiDriver ui;
    ui.ui.open_location("#/route/r-qz-red-eco-3d");
    ui.frames(2);
    CHECK(!ui.find_item("在此线路发起拼团"));

    ui.state.session = testing::make_session("chair-hospital", "李主席", sync::Role::organizer, "u-qz-hospital");
    ui.touch();
    ui.frames(2);
    REQUIRE(ui.click("在此线路发起拼团"));
    CHECK(ui.ui.location() == "#/open/r-qz-red-eco-3d");
    CHECK(ui.shows("组团单位：衢州市人民医院"));

    REQUIRE(ui.click("最少人数"));
    ui.type("40");  // more than the maximum of 30
    REQUIRE(ui.click("确认发起拼团"));
    CHECK(ui.shows("成团人数须满足 1 ≤ 最少人数 ≤ 最多人数"));
    CHECK(ui.intents.calls.empty());

    REQUIRE(ui.click("最少人数"));
    ui.type("12");
    REQUIRE(ui.click("确认发起拼团"));
    REQUIRE(ui.intents.calls == std::vector<std::string>{"open_group r-qz-red-eco-3d 12 30"});
    const GroupDraft& draft = ui.intents.drafts.front();
    CHECK(draft.organizer_unit == "u-qz-hospital");
    CHECK(draft.join_deadline < draft.departure * 86400LL);
    // No notice of the UI's own (the engine tells the outcome once); the form waits for the trip.
    CHECK(!ui.shows("发起拼团的申请已提交"));
    CHECK(ui.ui.location() == "#/open/r-qz-red-eco-3d");
}

TEST_CASE("a badly written date is refused in words", "[ui][open-group]") {
    UiDriver ui;
    ui.state.session = testing::make_session("chair-hospital", "李主席", sync::Role::organizer, "u-qz-hospital");
    ui.touch();
    ui.ui.open_location("#/open/r-qz-red-eco-3d");
    ui.frames(2);
    REQUIRE(ui.click("出发日期（如 2027-04-10）"));
    ui.type("x");
    REQUIRE(ui.click("确认发起拼团"));
    CHECK(ui.shows("日期格式应为 2027-04-10"));
    CHECK(ui.intents.calls.empty());
}
