// The group-trip screen: progress, joining and withdrawing behind a confirmation, sharing.
#include "ui_driver.hpp"

#include "core/calendar.hpp"
#include "core/dates.hpp"
#include "ui/qr.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

void sign_in_worker(UiDriver& ui) {
    ui.state.session = testing::make_session("w-9001", "张师傅", sync::Role::worker, "u-qz-hospital");
    ui.touch();
}

// Where a drawn text or item containing `text` starts, top to bottom (the last frame's layout).
float top_of(const UiDriver& ui, const std::string& text) {
    const auto& items = ui.items.last_frame();
    const auto found = std::find_if(items.begin(), items.end(),
                                    [&](const ui::ItemRecord& item) { return item.label.find(text) != std::string::npos; });
    INFO("drawn: " << text);
    REQUIRE(found != items.end());
    return found->min.y;
}

GroupTrip& trip_of(UiDriver& ui, const std::string& id) {
    auto& groups = ui.state.catalogue.groups;
    const auto found = std::find_if(groups.begin(), groups.end(), [&](const GroupTrip& trip) { return trip.id == id; });
    REQUIRE(found != groups.end());
    return *found;
}

}  // namespace

TEST_CASE("a group shows how far it is from forming, places, waiting list and units", "[ui][group]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("还差6人成团"));
    CHECK(ui.shows("剩余名额 21"));
    CHECK(ui.shows("候补 0 人"));
    CHECK(ui.shows("出发日期：2027-04-10"));
    CHECK(ui.shows("报名截止还剩 109天10小时"));  // 2026-12-01 08:00 → 2027-03-20 18:00 China time
    CHECK(ui.shows("参团单位"));
    CHECK(ui.shows("让同事扫码打开这个拼团"));  // on a phone, the QR code is for someone else's
    // Not signed in: the action leads to signing in, and nothing is sent.
    REQUIRE(ui.click("登录后报名"));
    CHECK(ui.ui.location() == "#/signin");
    CHECK(ui.intents.calls.empty());
}

TEST_CASE("the units taking part come from the trip when the view keeps no list (as the engine's views)", "[ui][group]") {
    UiDriver ui;
    for (sync::GroupView& view : ui.state.groups) view.counts.units = {};
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("衢州市第二中学、柯城区环境卫生管理中心"));  // the organizer first, then by first arrival
}

TEST_CASE("the organizing union cancels a group with a reason, nobody else is offered it", "[ui][group]") {
    UiDriver ui(390, 1600);  // a phone's width, tall enough that every button is drawn: a "not offered" must see them all
    ui.ui.open_location("#/group/g-qz-001");  // organized by u-qz-school2
    sign_in_worker(ui);
    ui.frames(2);
    CHECK(!ui.find_item("取消拼团"));
    ui.state.session = testing::make_session("o-1", "李老师", sync::Role::organizer, "u-qz-power");
    ui.touch();
    ui.frames(2);
    CHECK(!ui.find_item("取消拼团"));  // another unit's organizer

    ui.state.session = testing::make_session("o-2", "王老师", sync::Role::organizer, "u-qz-school2");
    ui.touch();
    ui.frames(2);
    CHECK(!ui.find_item("一键报名"));  // a union account does not join trips itself
    REQUIRE(ui.click("取消拼团"));
    CHECK(ui.shows("取消「红色教育+生态康养·南孔衢州三日」的这个拼团？已报名的职工都会看到取消原因。"));
    REQUIRE(ui.click("确认"));  // no reason yet: nothing is sent
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows("请填写取消原因"));
    REQUIRE(ui.click("取消原因"));
    ui.type("报名人数不足");
    REQUIRE(ui.click("确认"));
    CHECK(ui.intents.calls == std::vector<std::string>{"cancel_group g-qz-001 报名人数不足"});
    CHECK(!ui.shows("请填写取消原因"));
}

TEST_CASE("the secretariat is offered 取消拼团 on any unit's group, as the endpoint and the sync engine allow", "[ui][group]") {
    UiDriver ui(390, 1600);  // a phone's width, tall enough that every button is drawn: a "not offered" must see them all
    ui.ui.open_location("#/group/g-qz-001");  // organized by u-qz-school2
    ui.state.session = testing::make_session("admin", "联盟秘书处", sync::Role::secretariat, "");
    ui.touch();
    ui.frames(2);
    CHECK(!ui.find_item("一键报名"));  // the secretariat does not join trips itself
    REQUIRE(ui.click("取消拼团"));
    REQUIRE(ui.click("取消原因"));
    ui.type("线路成员单位暂停服务");
    REQUIRE(ui.click("确认"));
    CHECK(ui.intents.calls == std::vector<std::string>{"cancel_group g-qz-001 线路成员单位暂停服务"});
}

TEST_CASE("nobody is offered 取消拼团 once the core would refuse it (dissolved at its deadline)", "[ui][group]") {
    UiDriver ui(390, 1600);  // a phone's width, tall enough that every button is drawn: a "not offered" must see them all
    ui.ui.open_location("#/group/g-qz-001");  // joining closes 2027-03-20 18:00 China time, 6 short of forming
    ui.state.session = testing::make_session("admin", "联盟秘书处", sync::Role::secretariat, "");
    ui.touch();
    ui.frames(2);
    CHECK(ui.find_item("取消拼团"));
    ui.services.clock = 1805619600;  // 2027-03-21 17:00 China time: the group did not form
    ui.touch();
    ui.frames(2);
    CHECK(!ui.find_item("取消拼团"));
}

TEST_CASE("joining asks for confirmation naming the date and the price, then joins once", "[ui][group]") {
    UiDriver ui;
    sign_in_worker(ui);
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    const int dates = ui.count_shown("出发日期：2027-04-10");
    const int prices = ui.count_shown("补贴后 ¥480/人");

    REQUIRE(ui.click("一键报名"));
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows("确认报名「红色教育+生态康养·南孔衢州三日」"));
    CHECK(ui.count_shown("出发日期：2027-04-10") == dates + 1);
    CHECK(ui.count_shown("补贴后 ¥480/人") == prices + 1);

    SECTION("confirming joins exactly once") {
        REQUIRE(ui.click("确认"));
        CHECK(ui.intents.calls == std::vector<std::string>{"join g-qz-001"});
        CHECK(!ui.shows("确认报名「"));
        ui.frames(3);
        CHECK(ui.intents.calls.size() == 1);
    }
    SECTION("cancelling sends nothing") {
        REQUIRE(ui.click("取消"));
        CHECK(ui.intents.calls.empty());
        CHECK(!ui.shows("确认报名「"));
    }
}

TEST_CASE("a full group offers the waiting list", "[ui][group]") {
    UiDriver ui;
    sign_in_worker(ui);
    ui.ui.open_location("#/group/g-qz-005");
    ui.frames(2);
    CHECK(ui.shows("已满员，可候补"));
    CHECK(ui.find_item("加入候补"));
    CHECK(!ui.find_item("一键报名"));
}

TEST_CASE("withdrawing asks for confirmation and then withdraws", "[ui][group]") {
    UiDriver ui;
    sign_in_worker(ui);
    ui.state.my_trips.push_back({"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}});
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("您已报名"));
    CHECK(!ui.find_item("一键报名"));
    REQUIRE(ui.click("退出拼团"));
    CHECK(ui.shows("确认退出「"));
    CHECK(ui.intents.calls.empty());
    REQUIRE(ui.click("确认"));
    CHECK(ui.intents.calls == std::vector<std::string>{"withdraw g-qz-001"});
}

TEST_CASE("an action waiting in the outbox is shown instead of a second button", "[ui][group]") {
    UiDriver ui;
    sign_in_worker(ui);
    ui.state.outbox.push_back(testing::make_pending(sync::PendingAction::Kind::join, "g-qz-001", 0));
    ui.state.connection = sync::Connection::offline;
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("待发送"));
    CHECK(!ui.find_item("一键报名"));
    CHECK(ui.shows("离线，显示的是缓存数据"));
}

TEST_CASE("sharing falls back to copying the group's link and says so", "[ui][group]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    REQUIRE(ui.scroll_down_to("分享"));  // below the facts, the action and the route's details
    REQUIRE(ui.click("分享"));
    CHECK(ui.services.copied == std::vector<std::string>{"https://liaoxiu.example/#/group/g-qz-001"});
    CHECK(ui.shows("链接已复制"));

    ui.services.can_share = true;
    REQUIRE(ui.scroll_down_to("分享"));
    REQUIRE(ui.click("分享"));
    CHECK(ui.services.shared == std::vector<std::string>{"https://liaoxiu.example/#/group/g-qz-001"});
}

TEST_CASE("the QR code of a link is a square module matrix", "[ui][qr]") {
    int size = 0;
    const auto modules = ui::qr_modules("https://liaoxiu.example/#/group/g-qz-001", &size);
    REQUIRE(size >= 21);
    REQUIRE(modules.size() == static_cast<std::size_t>(size * size));
    // Finder pattern: the top-left 7×7 square has a dark border and a light ring.
    CHECK(modules[0]);
    CHECK(modules[6]);
    CHECK(!modules[static_cast<std::size_t>(1 * size + 1)]);
    CHECK(modules[static_cast<std::size_t>(3 * size + 3)]);
}

TEST_CASE("a group tells what a worker decides by: its days, the deadline, the cap, who may join, what if it does not form",
          "[ui][group][facts]") {
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");  // r-qz-red-eco-3d: 3 days 2 nights; 9 of min 15; cap 12
    ui.frames(2);
    CHECK(ui.shows("出发日期：2027-04-10"));
    CHECK(ui.shows("返回日期：2027-04-12（共3天2晚）"));
    CHECK(ui.shows("报名截止：2027-03-20 18:00（北京时间）"));  // 10:00Z
    CHECK(ui.shows("报名截止还剩 109天10小时"));               // the countdown stays beside it
    CHECK(ui.shows("每个单位最多报名12人（含候补）"));
    CHECK(ui.shows("跨单位拼团：其他单位的职工也可以报名"));
    CHECK(ui.shows("截止时未满15人则解散，名额全部释放"));
    CHECK(!ui.shows("报名截止后名单锁定"));
    // Where it gathers and whom to call, as its union wrote them; the phone is one tap to call.
    CHECK(ui.shows("集合与联系"));
    CHECK(ui.shows("集合：衢州市第二中学东门，出发日 7:30"));
    CHECK(ui.shows("联系人：李老师（校工会）"));
    CHECK(!ui.shows("行程第一站："));
    CHECK(ui.scroll_down_to("拨打 0570-3021234"));
    REQUIRE(ui.click("拨打 0570-3021234"));
    CHECK(ui.services.opened_links == std::vector<std::string>{"tel:0570-3021234"});
    // In reading order: the days, then the deadline, then progress, then who may join.
    CHECK(top_of(ui, "出发日期：") < top_of(ui, "返回日期："));
    CHECK(top_of(ui, "返回日期：") < top_of(ui, "报名截止："));
    CHECK(top_of(ui, "报名截止：") < top_of(ui, "还差6人成团"));
    CHECK(top_of(ui, "还差6人成团") < top_of(ui, "每个单位最多报名"));
}

TEST_CASE("a group whose union gave no meeting point or contact points to the route's first stop and its member's phone",
          "[ui][group][facts]") {
    UiDriver ui;
    GroupTrip& trip = trip_of(ui, "g-qz-001");
    trip.meeting_point.clear();
    trip.contact_name.clear();
    trip.contact_phone.clear();
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("集合与联系"));
    CHECK(ui.shows("行程第一站：衢州站接团，旅游大巴前往市区"));
    CHECK(ui.shows("衢州交运集团旅游客运分公司 · 电话：0570-3168126"));
    CHECK(!ui.shows("联系人："));

    // A contact without a meeting point: the first stop still says where, the contact whom to call.
    trip.contact_name = "王干事";
    trip.contact_phone = "13805701234";
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("行程第一站：衢州站接团，旅游大巴前往市区"));
    CHECK(ui.shows("联系人：王干事"));
    CHECK(!ui.shows("衢州交运集团旅游客运分公司 · 电话："));
}

TEST_CASE("a kiosk shows the contact's phone as text, with nothing to call it", "[ui][group][facts][kiosk]") {
    UiDriver ui(1080, 1920);
    ui.state.kiosk = true;
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("电话：0570-3021234"));
    CHECK(!ui.find_item("拨打 0570-3021234"));
}

TEST_CASE("a group's facts follow its data: no cap, formed already, a deadline at a day's end, closed",
          "[ui][group][facts]") {
    UiDriver ui;
    SECTION("no per-unit cap, formed: no cap line, and what happens once joining closes") {
        ui.ui.open_location("#/group/g-qz-003");  // r-qz-tcm-3d, formed, no cap
        ui.frames(2);
        CHECK(ui.shows("返回日期：2027-03-08（共3天2晚）"));
        CHECK(ui.shows("报名截止：2027-02-20 18:00（北京时间）"));
        CHECK(!ui.shows("每个单位最多报名"));
        CHECK(ui.shows("跨单位拼团：其他单位的职工也可以报名"));
        CHECK(ui.shows("报名截止后名单锁定，交各参团单位"));
        CHECK(!ui.shows("则解散"));
        CHECK(ui.shows("集合：衢州市人民医院门诊楼前广场，出发日 8:00"));
        CHECK(ui.shows("联系人：周护士长"));
    }
    SECTION("a deadline at the end of its day (as the open form sets it) reads 24:00 of that day") {
        trip_of(ui, "g-qz-001").join_deadline = china_midnight(day_from_civil(2027, 3, 21)) - 1;
        ui.touch();
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        CHECK(ui.shows("报名截止：2027-03-20 24:00（北京时间）"));
        trip_of(ui, "g-qz-001").join_deadline = china_midnight(day_from_civil(2027, 3, 21));  // midnight itself
        ui.touch();
        ui.frames(2);
        CHECK(ui.shows("报名截止：2027-03-20 24:00（北京时间）"));
    }
    SECTION("closed for joining: the days and deadline stay, nothing about joining") {
        ui.ui.open_location("#/group/g-qz-008");  // locked, cap 12
        ui.frames(2);
        CHECK(ui.shows("出发日期：2026-12-03"));
        CHECK(ui.shows("报名已截止"));
        CHECK(!ui.shows("每个单位最多报名"));
        CHECK(!ui.shows("跨单位拼团"));
        CHECK(!ui.shows("则解散"));
    }
    SECTION("in English") {
        REQUIRE(ui.click("English"));
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        CHECK(ui.shows("Back: 2027-04-12 (3 days, 2 nights)"));
        CHECK(ui.shows("Joining closes: 2027-03-20 18:00 (China time)"));
        CHECK(ui.shows("At most 12 workers per unit (waiting list included)"));
        CHECK(ui.shows("Let a colleague scan this to open the group trip"));
    }
}

TEST_CASE("on a phone's first screen: the facts and the action they decide, then the first stop, the route's details, sharing, the QR code",
          "[ui][group][facts]") {
    SECTION("390×844: the facts and 一键报名 are on screen without scrolling") {
        UiDriver ui;
        sign_in_worker(ui);
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        const ui::ItemRecord* join = ui.find_item("一键报名");
        REQUIRE(join);
        CHECK(join->visible);
        CHECK(join->max.y <= join->clip_max.y);  // whole, above the tab bar
        CHECK(top_of(ui, "截止时未满15人则解散") < join->min.y);
    }
    SECTION("in reading order (a phone tall enough to draw every label)") {
        UiDriver ui(390, 2400);
        sign_in_worker(ui);
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        const ui::ItemRecord* details = ui.find_item("查看线路详情：红色教育+生态康养·南孔衢州三日");
        REQUIRE(details);
        REQUIRE(ui.find_item("一键报名"));
        REQUIRE(ui.find_item("分享"));
        const float details_top = details->min.y;
        CHECK(ui.find_item("一键报名")->min.y < top_of(ui, "集合："));
        CHECK(top_of(ui, "集合：") < details_top);
        CHECK(details_top < top_of(ui, "参团单位"));
        CHECK(details_top < ui.find_item("分享")->min.y);
        CHECK(ui.find_item("分享")->min.y < top_of(ui, "让同事扫码打开这个拼团"));
        CHECK(!ui.find_item("红色教育+生态康养·南孔衢州三日"));  // no bare title at the bottom any more
        REQUIRE(ui.click("查看线路详情：红色教育+生态康养·南孔衢州三日"));
        CHECK(ui.ui.location() == "#/route/r-qz-red-eco-3d");
    }
}

TEST_CASE("at kiosk size the facts and the details button fit, and the QR code is for the visitor's phone",
          "[ui][group][facts]") {
    UiDriver ui(1080, 1920);
    ui.state.kiosk = true;
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows("返回日期：2027-04-12（共3天2晚）"));
    CHECK(ui.shows("扫码在手机上打开"));
    CHECK(!ui.shows("让同事扫码"));
    const ui::ItemRecord* details = ui.find_item("查看线路详情：红色教育+生态康养·南孔衢州三日");
    REQUIRE(details);
    REQUIRE(ui.find_item("分享"));
    CHECK(details->min.y < ui.find_item("分享")->min.y);
    CHECK(ui.missing_glyphs() == 0);
}

TEST_CASE("an own-unit group says so, and a worker of another unit is told it is not open to them and is offered no join", "[ui][group][visibility]") {
    UiDriver ui;
    trip_of(ui, "g-qz-001").visibility = Visibility::own_unit;  // organized by 衢州市第二中学
    SECTION("a worker of another unit, from a shared link") {
        sign_in_worker(ui);  // 衢州市人民医院
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        CHECK(ui.shows("本单位团：仅限衢州市第二中学职工报名"));
        CHECK(ui.shows("该团仅限衢州市第二中学职工报名，可看看本线路的其他拼团"));
        CHECK(!ui.find_item("一键报名"));
        CHECK(!ui.shows("跨单位拼团"));
    }
    SECTION("a worker of the organizing unit joins as ever") {
        ui.state.session = testing::make_session("w-school2", "李老师", sync::Role::worker, "u-qz-school2");
        ui.touch();
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        CHECK(ui.shows("本单位团：仅限衢州市第二中学职工报名"));
        CHECK(!ui.shows("该团仅限"));
        REQUIRE(ui.click("一键报名"));
        REQUIRE(ui.click("确认"));
        CHECK(ui.intents.calls == std::vector<std::string>{"join g-qz-001"});
    }
    SECTION("an alliance-wide group says anyone may join") {
        trip_of(ui, "g-qz-001").visibility = Visibility::alliance;
        sign_in_worker(ui);
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
        CHECK(ui.shows("跨单位拼团：其他单位的职工也可以报名"));
        CHECK(ui.find_item("一键报名"));
    }
}

TEST_CASE("加入日历: a confirmed place, until the trip's last day, saves the core's .ics for that trip, and not when waitlisted, "
          "signed out or on a kiosk",
          "[ui][group][calendar]") {
    UiDriver ui;
    auto open = [&ui] {
        ui.touch();
        ui.ui.open_location("#/group/g-qz-001");
        ui.frames(2);
    };

    SECTION("a confirmed place: one tap saves one file, the core's calendar of that trip") {
        sign_in_worker(ui);
        ui.state.my_trips.push_back({"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}});
        open();
        CHECK(ui.shows("您已报名"));
        // After the action it is decided with (退出拼团 stays on the first screen), below the fold.
        CHECK(ui.find_item("退出拼团"));
        REQUIRE(ui.scroll_down_to("加入日历"));
        REQUIRE(ui.find_item("退出拼团"));
        CHECK(ui.find_item("退出拼团")->min.y < ui.find_item("加入日历")->min.y);
        REQUIRE(ui.click("加入日历"));
        REQUIRE(ui.services.saved.size() == 1);
        const testing::FakeServices::SavedFile& file = ui.services.saved.front();
        CHECK(file.name == "红色教育+生态康养·南孔衢州三日 2027-04-10.ics");
        CHECK(file.name.size() > 4);
        CHECK(file.name.substr(file.name.size() - 4) == ".ics");
        CHECK(file.mime == "text/calendar;charset=utf-8");
        const GroupTrip& trip = trip_of(ui, "g-qz-001");
        const Route* route = nullptr;
        for (const Route& r : ui.state.catalogue.routes)
            if (r.id == trip.route) route = &r;
        REQUIRE(route);
        CHECK(file.bytes == trip_calendar(trip, *route, ui.state.catalogue, ui.services.clock, CalendarLanguage::zh,
                                          "https://liaoxiu.example/#/group/g-qz-001"));
        const std::string unfolded = ics_unfold(file.bytes);
        CHECK(unfolded.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
        CHECK(unfolded.find("\r\nSUMMARY:红色教育+生态康养·南孔衢州三日\r\n") != std::string::npos);
        CHECK(unfolded.find("\r\nDTSTART;VALUE=DATE:20270410\r\nDTEND;VALUE=DATE:20270413\r\n") != std::string::npos);
        CHECK(ui.shows("日历文件已保存"));
        ui.frames(2);
        CHECK(ui.services.saved.size() == 1);  // once per tap
    }
    SECTION("in English the file is the English calendar") {
        ui.ui.set_language(ui::Language::en);
        sign_in_worker(ui);
        ui.state.my_trips.push_back({"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}});
        open();
        REQUIRE(ui.scroll_down_to("Add to calendar"));
        REQUIRE(ui.click("Add to calendar"));
        REQUIRE(ui.services.saved.size() == 1);
        CHECK(ics_unfold(ui.services.saved.front().bytes).find("\r\nDESCRIPTION:Day 1\\, 2027-04-10") != std::string::npos);
    }
    SECTION("on the trip's last day still, the day after no more") {
        sign_in_worker(ui);
        ui.state.my_trips.push_back({"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}});
        ui.services.clock = *parse_instant("2027-04-12T23:59:00+08:00");
        open();
        CHECK(ui.scroll_down_to("加入日历"));
        ui.services.clock = *parse_instant("2027-04-13T00:00:00+08:00");
        open();
        CHECK(!ui.scroll_down_to("加入日历"));
    }
    SECTION("a waitlisted or offered place has none") {
        sign_in_worker(ui);
        ui.state.my_trips.push_back({"g-qz-001", PlaceState::waitlisted, 2, std::nullopt, {}});
        open();
        CHECK(ui.shows("您在候补第2位"));
        CHECK(!ui.scroll_down_to("加入日历"));
        ui.state.my_trips.back().state = PlaceState::offered;
        ui.state.my_trips.back().offer_expires = ui.services.clock + 3600;
        open();
        CHECK(!ui.scroll_down_to("加入日历"));
    }
    SECTION("signed out, or without a place, none") {
        open();
        CHECK(!ui.scroll_down_to("加入日历"));
        sign_in_worker(ui);
        open();
        CHECK(ui.find_item("一键报名"));
        CHECK(!ui.scroll_down_to("加入日历"));
    }
    SECTION("none while an action on the trip waits in the outbox (a withdrawal)") {
        sign_in_worker(ui);
        ui.state.my_trips.push_back({"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}});
        ui.state.outbox.push_back(testing::make_pending(sync::PendingAction::Kind::withdraw, "g-qz-001", 0));
        open();
        CHECK(ui.shows("您已报名"));
        CHECK(!ui.scroll_down_to("加入日历"));
    }
    SECTION("on a kiosk none, even for a confirmed place: nothing personal leaves a kiosk") {
        ui.state.kiosk = true;
        sign_in_worker(ui);
        ui.state.my_trips.push_back({"g-qz-001", PlaceState::confirmed, 0, std::nullopt, {}});
        open();
        CHECK(ui.shows("您已报名"));
        CHECK(!ui.scroll_down_to("加入日历"));
        CHECK(ui.services.saved.empty());
    }
}
