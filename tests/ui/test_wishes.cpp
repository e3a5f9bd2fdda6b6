// 想去 on a route with no group (issue 14): the worker's button and what follows, signed out
// (登录后想去, back to the route), a kiosk (nothing), the union's count beside 在此线路发起拼团, and
// 我的's 想去的线路 with 有拼团了 marked 新 once a group opens for the worker's unit, a tap opening it.
#include "ui_driver.hpp"

#include "core/dates.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

const char* kRoute = "r-qz-wuxijiang-2d";  // no group on it in the demo catalogue

wire::MyWish wish_on(const UiDriver& ui, const Id& route) {
    wire::MyWish wish;
    wish.wish = RouteWish{route, "w-1204", "u-qz-school2", ui.services.clock - 3600};
    wish.route_title = "乌溪江·湖光山色两日";
    return wish;
}

// A group on the route, as the catalogue would bring it after a sync.
void open_group_on(UiDriver& ui, const Id& id, const Id& route, Visibility visibility, const Id& organizer) {
    GroupTrip trip;
    trip.id = id;
    trip.route = route;
    trip.organizer_unit = organizer;
    trip.departure = day_of(ui.services.clock) + 30;
    trip.min_size = 10;
    trip.max_size = 30;
    trip.join_deadline = ui.services.clock + 20 * 86400;
    trip.visibility = visibility;
    trip.created = ui.services.clock;
    ui.state.catalogue.groups.push_back(trip);
    ui.state.groups.clear();
    for (const GroupTrip& g : ui.state.catalogue.groups) ui.state.groups.push_back({&g, count_places(g)});
    ui.touch();
}

int exactly(const UiDriver& ui, const std::string& text) {
    int count = 0;
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label == text) ++count;
    return count;
}

}  // namespace

TEST_CASE("想去: a worker on a route with no group tells their union, and can take it back", "[ui][wishes]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.ui.open_location(std::string("#/route/") + kRoute);
    ui.frames(2);
    CHECK(ui.shows("暂无可报名的拼团"));
    CHECK_FALSE(ui.shows("已告诉本单位工会"));
    REQUIRE(ui.click("想去"));
    CHECK(ui.intents.calls == std::vector<std::string>{std::string("wish ") + kRoute});

    // On its way, then the endpoint's answer lands in the state.
    ui.state.wishes_sending = {kRoute};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("正在告诉本单位工会…"));
    CHECK_FALSE(ui.find_item("想去"));
    ui.state.wishes_sending.clear();
    ui.state.my_wishes.wishes = {wish_on(ui, kRoute)};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("已告诉本单位工会；有人发起拼团时会在“我的”里告诉您"));
    CHECK_FALSE(ui.find_item("想去"));
    REQUIRE(ui.click("取消想去"));
    CHECK(ui.intents.calls.back() == std::string("unwish ") + kRoute);

    // A route with a group the worker may join offers the group, not 想去.
    ui.intents.calls.clear();
    ui.ui.open_location("#/route/r-qz-red-eco-3d");
    ui.frames(2);
    CHECK_FALSE(ui.shows("暂无可报名的拼团"));
    CHECK_FALSE(ui.find_item("想去"));
}

TEST_CASE("想去: a group only another unit may join leaves 想去 on offer", "[ui][wishes]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    open_group_on(ui, "g-own-juhua", kRoute, Visibility::own_unit, "u-qz-juhua");
    ui.ui.open_location(std::string("#/route/") + kRoute);
    ui.frames(2);
    CHECK(ui.find_item("想去"));
    // Opened to every unit: the group is the worker's to join now.
    open_group_on(ui, "g-all", kRoute, Visibility::alliance, "u-qz-juhua");
    ui.frames(2);
    CHECK_FALSE(ui.find_item("想去"));
}

TEST_CASE("想去: signed out it asks to sign in and comes back to the route, and a kiosk shows nothing of it", "[ui][wishes]") {
    UiDriver ui;
    ui.ui.open_location(std::string("#/route/") + kRoute);
    ui.frames(2);
    CHECK_FALSE(ui.find_item("想去"));
    REQUIRE(ui.click("登录后想去"));
    CHECK(ui.ui.location() == "#/signin");
    CHECK(ui.intents.calls.empty());
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.touch();
    ui.frames(3);
    CHECK(ui.ui.location() == std::string("#/route/") + kRoute);
    CHECK(ui.intents.calls.empty());  // not before the worker's wishes are known (it may be said already)
    ui.state.my_wishes.status = sync::ReadStatus::loaded;
    ui.touch();
    ui.frames(2);
    // What was asked for is said at once, and only once.
    CHECK(ui.intents.calls == std::vector<std::string>{std::string("wish ") + kRoute});
    ui.frames(3);
    CHECK(ui.intents.calls.size() == 1);

    UiDriver kiosk;
    kiosk.state.kiosk = true;
    kiosk.ui.open_location(std::string("#/route/") + kRoute);
    kiosk.frames(2);
    CHECK(kiosk.shows("暂无可报名的拼团"));
    CHECK_FALSE(kiosk.shows("想去"));
    kiosk.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    kiosk.touch();
    kiosk.frames(2);
    CHECK_FALSE(kiosk.shows("想去"));
}

TEST_CASE("想去: a union sees how many of its workers would go, beside opening a group", "[ui][wishes]") {
    UiDriver ui;
    ui.state.session = testing::make_session("o-u-qz-school2", "二中工会", sync::Role::organizer, "u-qz-school2");
    ui.state.unit_wishes.status = sync::ReadStatus::loaded;
    ui.state.unit_wishes.answer = {"u-qz-school2", {wire::UnitWishRow{UnitWishCount{kRoute, 2, ui.services.clock}, ""}}};
    ui.ui.open_location(std::string("#/route/") + kRoute);
    ui.frames(2);
    CHECK(ui.shows("本单位有2位职工想去"));
    CHECK_FALSE(ui.find_item("想去"));  // a union opens groups; it does not wish
    const ui::ItemRecord* count = nullptr;
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label == "本单位有2位职工想去") count = &item;
    const ui::ItemRecord* open = ui.find_item("在此线路发起拼团");
    REQUIRE(count);
    REQUIRE(open);
    CHECK(count->max.y <= open->min.y + 1);  // right above the button
    CHECK(open->min.y - count->max.y < 40);
    // Another route: no count.
    ui.ui.open_location("#/route/r-qz-tea-4d");
    ui.frames(2);
    CHECK_FALSE(ui.shows("位职工想去"));
}

TEST_CASE("想去: 我的 lists the wishes, and a group opening for the worker shows 有拼团了 marked 新 and opens", "[ui][wishes]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.state.my_trips_loaded = true;
    ui.state.my_wishes.status = sync::ReadStatus::loaded;
    ui.state.my_wishes.wishes = {wish_on(ui, kRoute)};
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(ui.shows("想去的线路"));
    CHECK(ui.shows("暂无拼团 · 已告诉本单位工会"));
    CHECK_FALSE(ui.shows("有拼团了"));
    CHECK(ui.intents.wishes_seen_told == std::vector<std::pair<Id, std::string>>{{kRoute, ""}});

    open_group_on(ui, "g-wished", kRoute, Visibility::alliance, "u-qz-juhua");
    ui.state.wishes_seen = ui.intents.wishes_seen_told;  // the engine kept what was told
    ui.touch();
    ui.frames(2);
    const std::string date = format_day(day_of(ui.services.clock) + 30);
    CHECK(ui.shows("有拼团了 · " + date + "出发"));
    CHECK(exactly(ui, "新") == 1);
    CHECK(ui.intents.wishes_seen_told == std::vector<std::pair<Id, std::string>>{{kRoute, "g-wished"}});
    // Seen: still 新 for this visit; not on the next.
    ui.state.wishes_seen = ui.intents.wishes_seen_told;
    ui.touch();
    ui.frames(2);
    CHECK(exactly(ui, "新") == 1);
    ui.ui.open_location("#/home");
    ui.frames(2);
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(ui.shows("有拼团了"));
    CHECK(exactly(ui, "新") == 0);

    // A tap on the card (labelled with the route's title and its status) opens the group.
    REQUIRE(ui.click("乌溪江·湖光山色两日 · 有拼团了 · " + date + "出发"));
    ui.frames(2);
    CHECK(ui.ui.location() == "#/group/g-wished");
}
