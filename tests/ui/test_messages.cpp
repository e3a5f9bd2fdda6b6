// 消息 (issue 18): what group changes told the worker, in the app — 我的's line with the unread
// count, the badge on the 我的 tab, the list (newest first, 未读 on what was unread when it
// arrived, a place still offered first with 接受名额), read marked once per visit; nothing of it
// for the secretariat or on a kiosk.
#include "ui_driver.hpp"

#include "core/dates.hpp"
#include "core/notification.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

const char* kTitle = "红色教育+生态康养·南孔衢州三日";

wire::NotificationEntry message(const UiDriver& ui, std::int64_t id, NotificationKind kind, const Id& group,
                                Instant ago, bool read = false) {
    wire::NotificationEntry e;
    e.id = id;
    e.kind = kind;
    e.group = group;
    e.route = "r-qz-red-eco-3d";
    e.route_title = kTitle;
    e.departure = day_of(ui.services.clock) + 40;
    e.at = ui.services.clock - ago;
    e.read = read;
    if (kind == NotificationKind::offer_made) e.until = ui.services.clock + 6 * 3600;
    const NotificationText text = notification_text(kind, kTitle, *e.departure, "", e.until);
    e.text_zh = text.zh;
    e.text_en = text.en;
    return e;
}

void worker_with_messages(UiDriver& ui, std::vector<wire::NotificationEntry> entries) {
    ui.state.session = testing::make_session("w-u-qz-power-1", "国网衢州供电公司职工1", sync::Role::worker, "u-qz-power");
    ui.state.notifications.status = sync::ReadStatus::loaded;
    std::int64_t unread = 0;
    for (const auto& e : entries) unread += e.read ? 0 : 1;
    ui.state.notifications.page.unread = unread;
    ui.state.notifications.page.notifications = std::move(entries);
    ui.touch();
}

std::string words(NotificationKind kind, const UiDriver& ui, std::int64_t id, const Id& group) {
    return message(ui, id, kind, group, 0).text_zh;
}

}  // namespace

TEST_CASE("消息: 我的 and its tab show the unread count, the list marks them 未读 and read once", "[ui][messages]") {
    UiDriver ui;
    worker_with_messages(ui, {message(ui, 12, NotificationKind::group_formed, "g-qz-001", 600),
                              message(ui, 9, NotificationKind::group_cancelled, "g-qz-004", 7200),
                              message(ui, 3, NotificationKind::group_locked, "g-qz-002", 86400, true)});
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(ui.shows("2条未读消息"));  // the badge on the 我的 tab, in words for screen readers
    CHECK(ui.find_item("我的"));      // the tab keeps its name
    REQUIRE(ui.click("消息（2条未读）"));
    CHECK(ui.ui.location() == "#/messages");
    ui.frames(2);
    // Read again on opening; what is shown is marked read up to the newest, once.
    CHECK(ui.intents.calls == std::vector<std::string>{"load_notifications", "notifications_read 12"});
    CHECK(ui.shows(words(NotificationKind::group_formed, ui, 12, "g-qz-001")));
    CHECK(ui.shows(words(NotificationKind::group_locked, ui, 3, "g-qz-002")));
    CHECK(ui.shows(format_china_time(ui.services.clock - 600)));
    CHECK(ui.count_shown("未读") == 2 + 1);  // the two marked, and the tab's badge ("2条未读消息")
    CHECK(ui.missing_glyphs() == 0);

    // The endpoint marked them read: the badge goes, 未读 stays for this visit, nothing is sent again.
    for (auto& e : ui.state.notifications.page.notifications) e.read = true;
    ui.state.notifications.page.unread = 0;
    ui.touch();
    ui.frames(2);
    CHECK(ui.count_shown("未读") == 2);
    CHECK_FALSE(ui.shows("2条未读消息"));
    CHECK(ui.intents.calls.size() == 2);

    // A newer one arrives while the list is open: marked 未读 and read in its turn.
    auto& list = ui.state.notifications.page.notifications;
    list.insert(list.begin(), message(ui, 15, NotificationKind::group_full, "g-qz-001", 60));
    ui.state.notifications.page.unread = 1;
    ui.touch();
    ui.frames(2);
    CHECK(ui.count_shown("未读") == 3 + 1);  // and the badge again ("1条未读消息")
    CHECK(ui.intents.calls.back() == "notifications_read 15");

    // Its group opens from it.
    REQUIRE(ui.click("查看拼团"));
    CHECK(ui.ui.location() == "#/group/g-qz-001");
}

TEST_CASE("消息: a place still offered comes first with 接受名额, and once it lapsed it only opens the group", "[ui][messages]") {
    UiDriver ui;
    worker_with_messages(ui, {message(ui, 20, NotificationKind::group_formed, "g-qz-001", 60),
                              message(ui, 18, NotificationKind::offer_made, "g-qz-004", 3600)});
    sync::MyTrip offered;
    offered.group = "g-qz-004";
    offered.state = PlaceState::offered;
    offered.offer_expires = ui.services.clock + 6 * 3600;
    ui.state.my_trips = {offered};
    ui.state.my_trips_loaded = true;
    ui.touch();
    ui.ui.open_location("#/messages");
    ui.frames(2);
    const auto* accept = ui.find_item("接受名额");
    REQUIRE(accept);
    const auto* formed = ui.find_item("查看拼团");
    REQUIRE(formed);
    CHECK(accept->min.y < formed->min.y);  // the offer above the newer message
    ui.intents.calls.clear();
    REQUIRE(ui.click("接受名额"));
    CHECK(ui.intents.calls == std::vector<std::string>{"accept_offer g-qz-004"});

    // Its reminder arrives (the offer ends soon): first, with the one 接受名额 the offer has.
    auto& list = ui.state.notifications.page.notifications;
    list.insert(list.begin(), message(ui, 21, NotificationKind::offer_ending, "g-qz-004", 10));
    ui.touch();
    ui.frames(2);
    CHECK(ui.count_shown("接受名额") == 1);
    CHECK(ui.count_shown("查看拼团") == 2);  // the offer itself, under its reminder, only opens the group now
    const auto* offer_itself = ui.find_item("查看拼团");
    REQUIRE(offer_itself);
    CHECK(ui.find_item("接受名额")->min.y < offer_itself->min.y);
    list.erase(list.begin());
    ui.touch();
    ui.frames(2);

    // The offer lapsed: no 接受名额, and the offer is in its place by time.
    ui.state.my_trips[0].offer_expires = ui.services.clock - 1;
    ui.touch();
    ui.frames(2);
    CHECK_FALSE(ui.find_item("接受名额"));
    CHECK(ui.count_shown("查看拼团") == 2);
}

TEST_CASE("消息: nothing for the secretariat or on a kiosk, and a read that failed says why", "[ui][messages]") {
    UiDriver ui;
    ui.state.session = testing::make_session("s-quzhou", "衢州联盟秘书处", sync::Role::secretariat, "");
    ui.state.notifications.page.unread = 4;  // whatever state says, the secretariat has no inbox
    ui.touch();
    ui.ui.open_location("#/messages");
    ui.frames(2);
    CHECK(ui.shows("联盟秘书处没有消息：消息是告诉职工和单位工会的。"));
    CHECK(ui.intents.calls.empty());
    CHECK_FALSE(ui.shows("4条未读消息"));

    worker_with_messages(ui, {});
    ui.state.notifications.status = sync::ReadStatus::failed;
    ui.state.notifications.error_zh = "网络不通，请稍后再试";
    ui.ui.open_location("#/me");
    ui.frames(2);
    REQUIRE(ui.click("消息"));
    ui.frames(2);
    CHECK(ui.shows("网络不通，请稍后再试"));
    REQUIRE(ui.click("刷新消息"));
    CHECK(ui.intents.calls.back() == "load_notifications");

    ui.state.kiosk = true;
    ui.state.notifications.page.unread = 2;
    ui.touch();
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK_FALSE(ui.find_item("消息（2条未读）"));
    CHECK_FALSE(ui.shows("2条未读消息"));
}
