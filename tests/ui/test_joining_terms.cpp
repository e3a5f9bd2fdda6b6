// Union rules on the worker's group screen (issue 17): the rules in plain words right above the
// join (本单位需工会审批；2027年还可参加…；本次自付…), a join the allowance would refuse not
// offered (with which rule and what is left), the worker's own share stated in the join's
// confirmation; and the organizing union opening an own-unit group to every unit.
#include "ui_driver.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

// 衢州市人民医院's worker, whose effective rules the engine has read.
void worker_with_rules(UiDriver& ui, const UnionRules& rules) {
    ui.state.session = testing::make_session("w-9001", "张师傅", sync::Role::worker, "u-qz-hospital");
    ui.state.my_rules.status = sync::ReadStatus::loaded;
    ui.state.my_rules.rules = rules;
    ui.state.my_trips_loaded = true;
    ui.touch();
}

UnionRules two_trips_unit_pays_30() {
    UnionRules rules;
    rules.allowance.trips_per_year = 2;
    rules.allowance.days_per_year = 10;
    rules.unit_share_percent = 30;
    return rules;
}

GroupTrip& trip_of(UiDriver& ui, const std::string& id) {
    auto& groups = ui.state.catalogue.groups;
    const auto found = std::find_if(groups.begin(), groups.end(), [&](const GroupTrip& trip) { return trip.id == id; });
    REQUIRE(found != groups.end());
    return *found;
}

}  // namespace

TEST_CASE("a worker reads their union's rules above the join, counted from their own trips", "[ui][group][rules]") {
    UiDriver ui;
    UnionRules rules = two_trips_unit_pays_30();
    rules.approval_required = true;
    worker_with_rules(ui, rules);
    // g-qz-001: 2027-04-10, three days, ¥1,680 less a ¥1,200 subsidy: the unit pays 30% of ¥480.
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("报名须知：本单位需工会审批；2027年还可参加2次（共2次）；还剩10天（共10天）；"
                   "本次自付¥336（工会补贴¥1,200，单位承担¥144）"));
    // The join stays whole on a phone's first screen; the rules follow right under it.
    const ui::ItemRecord* join = ui.find_item("一键报名");
    REQUIRE(join);
    CHECK(join->visible);
    CHECK(join->max.y <= join->clip_max.y);
    const auto& drawn = ui.items.last_frame();
    const auto terms = std::find_if(drawn.begin(), drawn.end(), [](const ui::ItemRecord& item) {
        return item.label.rfind("报名须知：", 0) == 0;
    });
    REQUIRE(terms != drawn.end());
    CHECK(terms->min.y > join->max.y);

    // A place held on another 2027 trip (g-qz-003, three days) is counted; a withdrawn one is not.
    ui.state.my_trips = {sync::MyTrip{"g-qz-003", PlaceState::waitlisted, 2, std::nullopt, {}},
                         sync::MyTrip{"g-qz-005", PlaceState::withdrawn, 0, std::nullopt, {}}};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("2027年还可参加1次（共2次）；还剩7天（共10天）"));
    CHECK(ui.missing_glyphs() == 0);

    SECTION("in English") {
        ui.ui.set_language(ui::Language::en);
        ui.frames(2);
        CHECK(ui.shows("Before you join: your union approves each place; 1 of 2 trips left in 2027; 7 of 10 days left; "
                       "you pay ¥336 (union subsidy ¥1,200, your unit ¥144)"));
    }
}

TEST_CASE("a join the allowance would refuse is not offered: the worker is told which rule and what is left",
          "[ui][group][rules]") {
    UiDriver ui;
    UnionRules rules;
    rules.allowance.trips_per_year = 1;
    worker_with_rules(ui, rules);
    ui.state.my_trips = {sync::MyTrip{"g-qz-003", PlaceState::confirmed, 0, std::nullopt, {}}};
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("2027年疗休养次数已用完（1/1）"));
    CHECK(!ui.find_item("一键报名"));
    CHECK(!ui.shows("报名须知"));

    SECTION("a trip in another year leaves this one's allowance alone") {
        // g-qz-007 leaves 2026-12-12: the 2026 trip does not count against 2027.
        ui.state.my_trips = {sync::MyTrip{"g-qz-007", PlaceState::confirmed, 0, std::nullopt, {}}};
        ui.touch();
        ui.frames(2);
        CHECK(ui.shows("报名须知：2027年还可参加1次（共1次）"));
        CHECK(ui.find_item("一键报名"));
    }
    SECTION("withdrawing from the other trip gives the allowance back") {
        ui.state.my_trips.front().state = PlaceState::withdrawn;
        ui.touch();
        ui.frames(2);
        CHECK(!ui.shows("已用完"));
        REQUIRE(ui.click("一键报名"));
        REQUIRE(ui.click("确认"));
        CHECK(ui.intents.calls == std::vector<std::string>{"join g-qz-001"});
    }
    SECTION("until the rules are read the endpoint decides alone: the join is offered") {
        ui.state.my_rules = {};
        ui.touch();
        ui.frames(2);
        CHECK(!ui.shows("已用完"));
        CHECK(ui.find_item("一键报名"));
    }
}

TEST_CASE("an out-of-province route says so beside the every-N-years rule", "[ui][group][rules]") {
    UiDriver ui;
    UnionRules rules;
    rules.allowance.out_of_province_every_years = 3;
    worker_with_rules(ui, rules);  // a 衢州 (浙江) unit
    ui.ui.open_location("#/group/g-hn-003");  // 河南
    ui.frames(2);
    CHECK(ui.shows("省外每3年1次（本线路在省外）"));
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("省外每3年1次"));
    CHECK(!ui.shows("本线路在省外"));
}

TEST_CASE("the join's confirmation states what the worker pays, and that their union will decide", "[ui][group][rules]") {
    UiDriver ui;
    UnionRules rules = two_trips_unit_pays_30();
    rules.approval_required = true;
    worker_with_rules(ui, rules);
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    const int shares = ui.count_shown("本次自付¥336（工会补贴¥1,200，单位承担¥144）");
    REQUIRE(ui.click("一键报名"));
    CHECK(ui.shows("确认报名「红色教育+生态康养·南孔衢州三日」"));
    CHECK(ui.count_shown("本次自付¥336（工会补贴¥1,200，单位承担¥144）") == shares + 1);
    CHECK(ui.shows("提交后名额先为您保留，由本单位工会审批"));
    REQUIRE(ui.click("确认"));
    CHECK(ui.intents.calls == std::vector<std::string>{"join g-qz-001"});

    SECTION("no approval, and a unit that pays nothing: the worker pays all after the subsidy") {
        worker_with_rules(ui, UnionRules{});
        ui.intents.calls.clear();
        ui.frames(2);
        REQUIRE(ui.click("一键报名"));
        CHECK(ui.shows("本次自付¥480（工会补贴¥1,200）"));
        CHECK(!ui.shows("由本单位工会审批"));
    }
}

TEST_CASE("the organizing union opens its own-unit group to every unit, after a confirmation", "[ui][group][visibility]") {
    UiDriver ui;
    trip_of(ui, "g-qz-001").visibility = Visibility::own_unit;  // organized by 衢州市第二中学
    SECTION("its union") {
        ui.state.session = testing::make_session("u-qz-school2-union", "二中工会", sync::Role::organizer, "u-qz-school2");
        ui.touch();
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        REQUIRE(ui.click("开放给所有单位"));
        CHECK(ui.intents.calls.empty());
        CHECK(ui.shows("联盟内所有单位的职工都可以报名，不能再改回本单位团"));
        REQUIRE(ui.click("确认"));
        CHECK(ui.intents.calls == std::vector<std::string>{"open_to_all g-qz-001"});
        // Once open to all, there is nothing left to open.
        trip_of(ui, "g-qz-001").visibility = Visibility::alliance;
        ui.touch();
        ui.frames(2);
        CHECK(!ui.find_item("开放给所有单位"));
    }
    SECTION("another unit's union, and a worker of its own unit, are not offered it") {
        ui.state.session = testing::make_session("u-qz-hospital-union", "医院工会", sync::Role::organizer, "u-qz-hospital");
        ui.touch();
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        CHECK(!ui.find_item("开放给所有单位"));
        ui.state.session = testing::make_session("w-school2", "李老师", sync::Role::worker, "u-qz-school2");
        ui.touch();
        ui.frames(2);
        CHECK(!ui.find_item("开放给所有单位"));
    }
}
