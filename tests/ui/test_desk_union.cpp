// The unit union's desk in the app: 我的 lists the unit's trips by state; the group screen
// leads to the roster (#/roster/<id>); the roster shows own workers by name and other units
// as counts, frees a place only with a reason, adds a worker account of the unit, and
// exports CSV through the device; opening a trip lands on it with one notice.
#include "ui_driver.hpp"

#include "core/dates.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

void sign_in_union(UiDriver& ui, const Id& unit = "u-qz-school2") {
    ui.state.session = testing::make_session("o-" + unit, "二中工会", sync::Role::organizer, unit);
    ui.touch();
}

RosterWorker worker(const char* id, const char* name, PlaceState state, int seq, const char* reason = "") {
    RosterWorker w;
    w.worker = id;
    w.name = name;
    w.member_number = std::string(id) + "-no";
    w.unit = "u-qz-school2";
    w.state = state;
    w.seq = seq;
    w.since = *parse_instant("2026-11-11T02:05:00Z");
    w.reason = reason;
    return w;
}

// The roster of g-qz-001 as the endpoint would answer the union of u-qz-school2.
void roster_arrives(UiDriver& ui) {
    sync::RosterView view;
    view.group = "g-qz-001";
    view.status = sync::RosterView::Status::loaded;
    view.roster.group = "g-qz-001";
    view.roster.workers = {worker("w-1204", "张三", PlaceState::confirmed, 1),
                           worker("w-1205", "=1+1", PlaceState::confirmed, 2),
                           worker("w-1208", "李四", PlaceState::withdrawn, 8, "单位临时有接待任务")};
    view.roster.other_units = {{"u-qz-sanitation", "柯城区环境卫生管理中心", 3, 1}};
    ui.state.rosters = {view};
    ui.touch();
    ui.frames(2);
}

}  // namespace

TEST_CASE("an organizer's 我的 lists the trips its unit opened or takes part in, by state", "[ui][desk]") {
    UiDriver ui;
    // Opened g-qz-007 (locked); its workers hold places on g-qz-001 (open) and g-qz-005 (full).
    sign_in_union(ui, "u-qz-sanitation");
    ui.ui.open_location("#/me");
    ui.frames(3);
    CHECK(ui.shows("本单位的拼团"));
    CHECK(ui.shows("报名中"));
    CHECK(ui.shows("已满员，可候补"));
    CHECK(ui.shows("已截止，名单已锁定"));
    CHECK(!ui.shows("已成团，仍可报名"));  // no trip of the unit is in that state
    CHECK(!ui.shows("我的行程"));  // a union has no trips of its own
    REQUIRE(ui.click("红色教育+生态康养·南孔衢州三日 · 2027-04-10"));
    CHECK(ui.ui.location() == "#/group/g-qz-001");

    // A unit with nothing to do with any trip is told so.
    sign_in_union(ui, "u-new");
    ui.ui.open_location("#/me");
    ui.frames(3);
    CHECK(ui.shows("本单位还没有发起或参加拼团"));
}

TEST_CASE("the group screen leads a union to the roster, which it loads once", "[ui][desk]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(!ui.find_item("名单"));  // nobody signed in
    ui.state.session = testing::make_session("w-9001", "张师傅", sync::Role::worker, "u-qz-school2");
    ui.touch();
    ui.frames(2);
    CHECK(!ui.find_item("名单"));  // a worker
    sign_in_union(ui, "u-kh-forest");
    ui.frames(2);
    CHECK(!ui.find_item("名单"));  // a union with no part in the trip

    sign_in_union(ui);
    ui.frames(2);
    REQUIRE(ui.click("名单"));
    CHECK(ui.ui.location() == "#/roster/g-qz-001");
    ui.frames(3);
    CHECK(ui.intents.calls == std::vector<std::string>{"load_roster g-qz-001"});
    CHECK(ui.shows("正在加载名单…"));
}

TEST_CASE("the roster: own workers by name with state and time, other units as counts", "[ui][desk]") {
    UiDriver ui;
    sign_in_union(ui);
    ui.ui.open_location("#/roster/g-qz-001");
    ui.frames(2);
    roster_arrives(ui);
    CHECK(ui.shows("张三 · w-1204-no"));
    CHECK(ui.shows("已确认 · 2026-11-11 10:05 起"));
    CHECK(ui.shows("李四 · w-1208-no"));
    CHECK(ui.shows("退出原因：单位临时有接待任务"));
    CHECK(ui.shows("柯城区环境卫生管理中心：已确认 3 人，候补 1 人"));
    REQUIRE(ui.find_item("退出"));  // for each held place (the withdrawn one has none)
}

TEST_CASE("freeing a worker's place asks for a reason in a confirmation, then sends it once", "[ui][desk]") {
    UiDriver ui;
    sign_in_union(ui);
    ui.ui.open_location("#/roster/g-qz-001");
    ui.frames(2);
    roster_arrives(ui);
    ui.intents.calls.clear();
    REQUIRE(ui.click("退出"));  // the first held place: 张三
    CHECK(ui.shows("确认让 张三 退出该拼团？"));  // the modal (its title bar is ImGui's own text)
    CHECK(ui.shows("退出原因（职工会看到）"));
    REQUIRE(ui.click("确认"));
    CHECK(ui.shows("请填写退出原因"));
    CHECK(ui.intents.calls.empty());
    REQUIRE(ui.click("退出原因（职工会看到）"));
    ui.type("单位临时有接待任务");
    REQUIRE(ui.click("确认"));
    CHECK(ui.intents.calls == std::vector<std::string>{"withdraw_worker g-qz-001 w-1204 单位临时有接待任务"});
    CHECK(!ui.shows("确认让 张三 退出该拼团？"));  // closed
}

TEST_CASE("adding a worker: the unit's accounts not already on the trip, one tap", "[ui][desk]") {
    UiDriver ui;
    sign_in_union(ui);
    ui.ui.open_location("#/roster/g-qz-001");
    ui.frames(2);
    roster_arrives(ui);
    ui.intents.calls.clear();
    REQUIRE(ui.click("添加职工"));
    CHECK(ui.intents.calls == std::vector<std::string>{"load_unit_workers"});
    CHECK(ui.shows("正在加载本单位职工账号…"));
    ui.state.unit_workers = {{"w-1204", "张三", "w-1204-no"}, {"w-u-qz-school2-1", "王五", "u-qz-school2-01"}};
    ui.state.unit_workers_loaded = true;
    ui.touch();
    ui.frames(2);
    CHECK(!ui.find_item("张三 · w-1204-no"));  // already holds a place
    REQUIRE(ui.click("王五 · u-qz-school2-01"));
    CHECK(ui.intents.calls.back() == "add_worker g-qz-001 w-u-qz-school2-1");
}

TEST_CASE("导出CSV hands the device a spreadsheet-safe file: BOM first, formulas neutralised", "[ui][desk]") {
    UiDriver ui;
    sign_in_union(ui);
    ui.ui.open_location("#/roster/g-qz-001");
    ui.frames(2);
    roster_arrives(ui);
    REQUIRE(ui.click("导出CSV"));
    REQUIRE(ui.services.saved.size() == 1);
    const auto& file = ui.services.saved.front();
    CHECK(file.name == "名单-g-qz-001.csv");
    CHECK(file.mime == "text/csv;charset=utf-8");
    CHECK(file.bytes.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(file.bytes.find("\"'=1+1\"") != std::string::npos);
    CHECK(file.bytes.find("\"张三\",\"w-1204-no\",\"衢州市第二中学\",\"已确认\",\"2026-11-11 10:05\"\r\n") != std::string::npos);
    CHECK(file.bytes.find("李四") == std::string::npos);  // withdrawn: not for the travel agency
    CHECK(ui.shows("名单已导出"));
}

TEST_CASE("after 确认发起拼团 the app lands on the new trip once the endpoint took it, with one notice", "[ui][desk]") {
    UiDriver ui;
    sign_in_union(ui, "u-qz-hospital");
    ui.ui.open_location("#/open/r-qz-red-eco-3d");
    ui.frames(2);
    REQUIRE(ui.click("确认发起拼团"));
    REQUIRE(ui.intents.drafts.size() == 1);
    // On its way (in the outbox): the screen says so and offers no second submission.
    sync::PendingAction pending = testing::make_pending(sync::PendingAction::Kind::open_group, "g-opened-1", 1);
    ui.state.outbox = {pending};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("正在发起拼团…"));
    CHECK(!ui.find_item("确认发起拼团"));
    CHECK(!ui.shows("发起拼团的申请已提交"));

    // The endpoint took it: the engine's one notice, and the trip arrives with the next sync.
    ui.state.outbox.clear();
    GroupTrip opened;
    opened.id = "g-opened-1";
    opened.route = "r-qz-red-eco-3d";
    opened.organizer_unit = "u-qz-hospital";
    opened.departure = ui.intents.drafts.front().departure;
    opened.min_size = 10;
    opened.max_size = 30;
    opened.join_deadline = ui.intents.drafts.front().join_deadline;
    ui.state.catalogue.groups.push_back(opened);
    ui.state.groups.clear();
    for (const GroupTrip& trip : ui.state.catalogue.groups) ui.state.groups.push_back({&trip, count_places(trip)});
    ui.state.notices.push_back({1, sync::Notice::Kind::success, "拼团已发起，可以分享给职工了", "The group trip is open"});
    ui.touch();
    ui.frames(3);
    CHECK(ui.ui.location() == "#/group/g-opened-1");
    CHECK(ui.count_shown("拼团已发起") == 1);
    CHECK(ui.scroll_down_to("分享"));  // after the group's facts and the route's details
    // Landed once: going back does not pull the organizer to the trip again.
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(ui.ui.location() == "#/me");
}

TEST_CASE("a worker whose union freed their place sees why", "[ui][desk]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-1208", "李四", sync::Role::worker, "u-qz-school2");
    ui.state.my_trips = {sync::MyTrip{"g-qz-001", PlaceState::withdrawn, 0, std::nullopt, "单位临时有接待任务"}};
    ui.state.my_trips_loaded = true;
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("单位工会已为您退出该团（单位临时有接待任务）"));
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(ui.shows("单位工会已为您退出该团（单位临时有接待任务）"));
}
