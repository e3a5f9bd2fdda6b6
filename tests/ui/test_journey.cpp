// The worker's journey (issue 14): 我的 tells every outcome of every trip, with what changed
// since the last visit marked 新 and an offer first; a cancelled or dissolved group says so
// and invites nothing; signing in for a join comes back to the group with the join offered.
#include "ui_driver.hpp"

#include "core/dates.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

const ui::ItemRecord* noted(const UiDriver& ui, const std::string& text) {
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label == text) return &item;
    return nullptr;
}

int exactly(const UiDriver& ui, const std::string& text) {
    int count = 0;
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label == text) ++count;
    return count;
}

bool inside(const ui::ItemRecord& inner, const ui::ItemRecord& outer) {
    return inner.min.x >= outer.min.x && inner.max.x <= outer.max.x && inner.min.y >= outer.min.y &&
           inner.max.y <= outer.max.y;
}

GroupTrip& group_of(UiDriver& ui, const Id& id) {
    auto& groups = ui.state.catalogue.groups;
    return *std::find_if(groups.begin(), groups.end(), [&](const GroupTrip& g) { return g.id == id; });
}

// A worker with a trip in every state: confirmed, waiting 3rd, offered (5 h left), on a
// cancelled group, on a dissolved one, freed by the union with a reason, withdrawn, a lapsed
// offer and a trip already taken. `since` orders them: the larger, the newer the change.
void every_state(UiDriver& ui) {
    const Instant now = ui.services.clock;
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    group_of(ui, "g-qz-012").departure = day_of(now) - 2;  // left two days ago
    ui.state.my_trips = {
        {"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}, now - 9000},
        {"g-qz-005", PlaceState::waitlisted, 3, std::nullopt, {}, now - 8000},
        {"g-qz-002", PlaceState::offered, 0, now + 5 * 3600 + 20 * 60, {}, now - 7000},
        {"g-qz-010", PlaceState::released, 0, std::nullopt, {}, now - 100},
        {"g-qz-009", PlaceState::released, 0, std::nullopt, {}, now - 6000},
        {"g-qz-003", PlaceState::withdrawn, 0, std::nullopt, "单位临时有接待任务", now - 200},
        {"g-qz-004", PlaceState::withdrawn, 0, std::nullopt, {}, now - 5000},
        {"g-qz-006", PlaceState::offer_expired, 0, now - 3600, {}, now - 3600},
        {"g-qz-012", PlaceState::confirmed, 0, std::nullopt, {}, now - 90000},
    };
    ui.state.my_trips_loaded = true;
    ui.touch();
}

}  // namespace

TEST_CASE("我的 shows every trip in every state, the offer first, then the newest change", "[ui][journey]") {
    UiDriver ui;
    every_state(ui);
    ui.ui.open_location("#/me");
    ui.frames(3);
    CHECK(!ui.shows("还没有报名的行程"));
    CHECK(ui.shows("您已报名 · 报名中"));
    CHECK(ui.shows("您在候补第3位"));
    CHECK(ui.shows("为您保留了名额，还剩5小时20分确认"));
    CHECK(ui.shows("拼团已取消：受年度装置大修计划调整影响"));
    CHECK(ui.shows("报名截止时未成团，行程取消"));
    CHECK(ui.shows("单位工会已为您退出该团（单位临时有接待任务）"));
    CHECK(ui.shows("您已退出该团"));
    CHECK(ui.shows("为您保留的名额已过期"));
    CHECK(ui.shows("已出行"));

    // Top to bottom: the offer, then by the time of the change, newest first.
    std::vector<std::string> order;
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.id != 0 && item.label.find(" · 20") != std::string::npos) order.push_back(item.label);
    const std::vector<std::string> expected = {
        "非遗体验+乡村休闲·立春祭与农民画 · 2027-02-04",       // offered
        "南孔圣地·疗休养衢州六县全景六日 · 2027-05-10",         // cancelled (100 s ago)
        "中医康养·南孔养生三日 · 2027-03-06",                   // freed by the union (200 s)
        "劳模工匠疗休养·衢州全域五日 · 2027-04-19",             // lapsed offer (3600 s)
    };
    REQUIRE(order.size() >= expected.size());
    CHECK(std::vector<std::string>(order.begin(), order.begin() + 4) == expected);
    CHECK(order.back() == "千古之谜·龙游石窟与民居苑两日 · " + format_day(day_of(ui.services.clock) - 2));  // taken

    // One action accepts the offer.
    REQUIRE(ui.click("接受名额"));
    CHECK(ui.intents.calls == std::vector<std::string>{"accept_offer g-qz-002"});
}

TEST_CASE("a trip's status is drawn inside its own card", "[ui][journey]") {
    UiDriver ui;
    every_state(ui);
    ui.ui.open_location("#/me");
    ui.frames(3);
    const ui::ItemRecord* first = ui.find_item("红色教育+生态康养·南孔衢州三日 · 2027-04-10");
    const ui::ItemRecord* status = noted(ui, "您已报名 · 报名中");
    REQUIRE(first);
    REQUIRE(status);
    INFO("card " << first->min.x << "," << first->min.y << "–" << first->max.x << "," << first->max.y << "; status "
                 << status->min.x << "," << status->min.y << "–" << status->max.x << "," << status->max.y);
    CHECK(inside(*status, *first));
    const ui::ItemRecord* cancelled = ui.find_item("南孔圣地·疗休养衢州六县全景六日 · 2027-05-10");
    REQUIRE(cancelled);
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label.rfind("拼团已取消：", 0) == 0) CHECK(inside(item, *cancelled));
}

TEST_CASE("what changed since the last visit is marked 新 for the visit, then no more", "[ui][journey]") {
    UiDriver ui;
    every_state(ui);
    ui.ui.open_location("#/me");
    ui.frames(3);
    CHECK(exactly(ui, "新") == 9);  // nothing was seen before
    REQUIRE(ui.intents.seen.size() == 9);
    ui.state.trips_seen = ui.intents.seen;  // as the engine keeps it
    ui.touch();
    ui.frames(2);
    CHECK(exactly(ui, "新") == 9);  // still marked for this visit

    ui.ui.open_location("#/");
    ui.frames(2);
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(exactly(ui, "新") == 0);  // seen last time, nothing changed

    // The organizer cancels g-qz-001: the next visit marks it, and only it.
    ui.ui.open_location("#/");
    ui.frames(2);
    GroupTrip& trip = group_of(ui, "g-qz-001");
    trip.state = GroupState::cancelled;
    trip.cancel_reason = "酒店临时停业";
    ui.state.my_trips[0].state = PlaceState::released;
    ui.state.my_trips[0].since = ui.services.clock;
    ui.touch();
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(exactly(ui, "新") == 1);
    CHECK(ui.shows("拼团已取消：酒店临时停业"));
    // It is the first card now (the newest change), and its badge is inside it.
    const ui::ItemRecord* card = ui.find_item("红色教育+生态康养·南孔衢州三日 · 2027-04-10");
    const ui::ItemRecord* badge = noted(ui, "新");
    REQUIRE(card);
    REQUIRE(badge);
    CHECK(inside(*badge, *card));
}

TEST_CASE("a place offered to the worker is shown first on home, with the action to accept it", "[ui][journey]") {
    UiDriver ui;
    every_state(ui);
    ui.ui.open_location("#/");
    ui.frames(3);
    CHECK(ui.shows("有名额留给您"));
    const ui::ItemRecord* offer = ui.find_item("非遗体验+乡村休闲·立春祭与农民画 · 2027-02-04");
    const ui::ItemRecord* featured = noted(ui, "精选线路");
    REQUIRE(offer);
    if (featured) CHECK(offer->min.y < featured->min.y);
    REQUIRE(ui.click("接受名额"));
    CHECK(ui.intents.calls == std::vector<std::string>{"accept_offer g-qz-002"});

    // Nothing offered, nothing shown.
    ui.state.my_trips[2].state = PlaceState::confirmed;
    ui.touch();
    ui.frames(2);
    CHECK(!ui.shows("有名额留给您"));
}

TEST_CASE("a cancelled group shows its state and reason, and nothing live", "[ui][journey]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-010");
    ui.frames(3);
    CHECK(ui.shows("已取消：受年度装置大修计划调整影响"));
    CHECK(!ui.shows("报名截止还剩"));
    CHECK(!ui.shows("还差"));
    CHECK(!ui.shows("剩余名额"));
    CHECK(!ui.find_item("分享"));
    CHECK(!ui.shows("扫码在手机上打开"));
    CHECK(!ui.find_item("登录后报名"));
    REQUIRE(ui.click("查看该线路的其他拼团"));
    CHECK(ui.ui.location() == "#/route/r-qz-six-county-6d");
}

TEST_CASE("a dissolved group says it did not form, with no countdown, share or QR code", "[ui][journey]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-009");
    ui.frames(3);
    CHECK(ui.shows("未成团，已解散"));
    CHECK(!ui.shows("报名截止"));
    CHECK(!ui.shows("还差"));
    CHECK(!ui.find_item("分享"));
    CHECK(!ui.shows("扫码在手机上打开"));
}

TEST_CASE("signing in for a join comes back to the group with the join offered at once", "[ui][journey]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    REQUIRE(ui.click("登录后报名"));
    CHECK(ui.ui.location() == "#/signin");
    const std::uint64_t back_before = ui.ui.moves_back();

    // The sign-in answer arrives; the trips follow.
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.touch();
    ui.frames(3);
    CHECK(ui.ui.location() == "#/group/g-qz-001");
    CHECK(ui.ui.moves_back() == back_before + 1);  // a step back: the browser's history stays one entry deep
    CHECK(!ui.shows("确认报名「"));                   // not before the worker's trips are known
    ui.state.my_trips_loaded = true;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("确认报名「红色教育+生态康养·南孔衢州三日」"));
    REQUIRE(ui.click("确认"));
    CHECK(ui.intents.calls.back() == "join g-qz-001");
}

TEST_CASE("signing in for a join already held does not ask to join again", "[ui][journey]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    REQUIRE(ui.click("登录后报名"));
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.state.my_trips = {{"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}, 0}};
    ui.state.my_trips_loaded = true;
    ui.touch();
    ui.frames(4);
    CHECK(ui.ui.location() == "#/group/g-qz-001");
    CHECK(!ui.shows("确认报名「"));
    CHECK(ui.shows("您已报名"));
}

TEST_CASE("signing in from 我的 still lands on 我的", "[ui][journey]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    REQUIRE(ui.click("登录后报名"));
    ui.frames(1);
    ui.ui.back();  // changed their mind
    ui.frames(2);
    ui.ui.open_location("#/signin");
    ui.frames(1);
    ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
    ui.touch();
    ui.frames(3);
    CHECK(ui.ui.location() == "#/me");
}

TEST_CASE("English counts say 1 route, 2 routes, and Chinese has no plural forms", "[ui][journey][language]") {
    CHECK(ui::english_plurals("1 route{s}") == "1 route");
    CHECK(ui::english_plurals("2 route{s}") == "2 routes");
    CHECK(ui::english_plurals("11 route{s} found") == "11 routes found");
    CHECK(ui::english_plurals("0 place{s} left") == "0 places left");
    CHECK(ui::english_plurals("1 day{s}, 2 night{s}") == "1 day, 2 nights");
    CHECK(ui::english_plurals("2 day{s}, 1 night{s}") == "2 days, 1 night");
    CHECK(ui::english_plurals("1 {is|are} open") == "1 is open");
    CHECK(ui::english_plurals("3 {is|are} open") == "3 are open");

    UiDriver ui;
    // A second open group on the first route (the demo has at most one per route).
    GroupTrip& second = group_of(ui, "g-qz-010");
    second.route = "r-qz-red-eco-3d";
    second.state = GroupState::open;
    second.cancel_reason.clear();
    second.join_deadline = ui.services.clock + 30 * kSecondsPerDay;
    ui.touch();
    ui.ui.set_language(ui::Language::en);
    ui.ui.open_location("#/");  // home's featured routes: the first two
    ui.frames(3);
    int one = 0, many = 0;
    for (const ui::ItemRecord& item : ui.items.last_frame()) {
        CHECK(item.label.find("{") == std::string::npos);
        CHECK(item.label.find(" 1 group trips") == std::string::npos);
        if (item.label == "1 group trip to join") ++one;
        if (item.label.size() > 20 && item.label.rfind(" group trips to join") == item.label.size() - 20) ++many;
    }
    CHECK(one > 0);
    CHECK(many > 0);
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("21 places left"));
    ui.ui.set_language(ui::Language::zh);
    ui.frames(2);
    CHECK(ui.shows("剩余名额 21"));
}

TEST_CASE("on a kiosk the welcome goes with the screen it was shown on, elsewhere it stays its time", "[ui][journey][notices]") {
    for (const bool kiosk : {true, false}) {
        INFO("kiosk " << kiosk);
        UiDriver ui;
        ui.state.kiosk = kiosk;
        ui.ui.open_location("#/signin");
        ui.frames(1);
        ui.state.session = testing::make_session("w-1204", "王老师", sync::Role::worker, "u-qz-school2");
        sync::Notice welcome{7, sync::Notice::Kind::success, "登录成功，欢迎王老师", "Signed in: welcome, 王老师"};
        welcome.personal = true;
        ui.state.notices.push_back(welcome);
        ui.touch();
        ui.frames(3);  // signed in: on to 我的, where the welcome is shown
        CHECK(ui.ui.location() == "#/me");
        CHECK(ui.shows("登录成功，欢迎王老师"));
        CHECK(std::count(ui.intents.calls.begin(), ui.intents.calls.end(), "dismiss_notice 7") == 0);
        REQUIRE(ui.click("首页"));
        ui.frames(2);
        CHECK(std::count(ui.intents.calls.begin(), ui.intents.calls.end(), "dismiss_notice 7") == (kiosk ? 1 : 0));
    }
}

TEST_CASE("a notice never covers the tab bar or anything to press: the screen stops above it", "[ui][journey][notices]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-9001", "张师傅", sync::Role::worker, "u-qz-hospital");
    ui.state.my_trips_loaded = true;
    ui.state.notices.push_back({3, sync::Notice::Kind::error, "报名未成功：该团名额已满，已无法候补，请选择其他拼团",
                                "Join failed: the group is full"});
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(4);
    const ui::ItemRecord* ok = ui.find_item("知道了");
    const ui::ItemRecord* notice = noted(ui, "报名未成功：该团名额已满，已无法候补，请选择其他拼团");
    REQUIRE(ok);
    REQUIRE(notice);
    const float top = std::min(ok->min.y, notice->min.y) - 4;
    const float bottom = std::max(ok->max.y, notice->max.y) + 4;
    for (const ui::ItemRecord& item : ui.items.last_frame()) {
        if (!item.visible || item.id == 0 || item.label == "知道了") continue;
        INFO(item.label << " at " << item.min.y << "–" << item.max.y << ", notice " << top << "–" << bottom);
        // What can be pressed is either above the notice (clipped there) or the tab bar below it.
        const bool above = std::min(item.max.y, item.clip_max.y) <= top;
        const bool below = item.min.y >= bottom;
        CHECK((above || below));
    }
}
