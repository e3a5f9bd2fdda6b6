#include <catch2/catch.hpp>

#include "core/group_trip.hpp"
#include "core/notification.hpp"
#include "core/wire_notifications.hpp"
#include "core_fixtures.hpp"

#include <algorithm>
#include <string>

using namespace liaoxiu;
using fixtures::at;
using fixtures::day;

namespace {

const Instant kNow = fixtures::now();
const Instant kDeadline = at("2026-12-15T18:00:00+08:00");

// A group of 2 to 3 places opened by u-org, as test_group_trip.cpp opens them.
GroupTrip opened(int min_size = 2, int max_size = 3) {
    GroupDraft d;
    d.id = "g-1";
    d.route = "r-qz-3d";
    d.organizer_unit = "u-org";
    d.departure = day("2026-12-20");
    d.min_size = min_size;
    d.max_size = max_size;
    d.join_deadline = kDeadline;
    const Catalogue c = fixtures::catalogue();
    auto r = open_group(d, c.routes[0], c, kNow);
    REQUIRE(r.ok());
    return r.value();
}

GroupTrip joined(const GroupTrip& trip, const char* worker, const ApprovalTerms& approval = {}, const char* unit = "u-a") {
    auto r = join(trip, fixtures::route(), Worker{worker, unit}, {}, static_cast<std::int64_t>(trip.places.size()) + 1,
                  kNow, approval);
    INFO((r ? std::string() : r.error().code));
    REQUIRE(r.ok());
    return r.value().trip;
}

template <class T>
T ok(Result<T> r) {
    INFO((r ? std::string() : r.error().code));
    REQUIRE(r.ok());
    return std::move(r).value();
}

// "kind recipient seq" per notification, e.g. "group_formed unit:u-org 0": what a test compares.
std::vector<std::string> told(const GroupTrip& before, const GroupTrip& after, Instant now = kNow) {
    std::vector<std::string> lines;
    for (const Notification& n : notifications_for(&before, after, now)) {
        CHECK(n.group == after.id);
        CHECK(n.at == now);
        lines.push_back(std::string(notification_kind_name(n.kind)) + " " +
                        (n.audience == Audience::unit_union ? "unit:" : "") + n.recipient + " " + std::to_string(n.seq));
    }
    return lines;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("a new group, a join that leaves it open, and a repeat tell nobody", "[notification]") {
    const GroupTrip empty = opened();
    CHECK(notifications_for(nullptr, empty, kNow).empty());
    const GroupTrip one = joined(empty, "w-1");
    CHECK(told(empty, one).empty());  // the worker who joined knows
    CHECK(told(one, one).empty());
}

TEST_CASE("forming tells its confirmed workers and its union, filling tells the union", "[notification]") {
    const GroupTrip one = joined(opened(2, 3), "w-1");
    const GroupTrip two = joined(one, "w-2");
    REQUIRE(two.state == GroupState::formed);
    CHECK(told(one, two) == Lines{"group_formed unit:u-org 0", "group_formed w-1 0", "group_formed w-2 0"});
    const GroupTrip three = joined(two, "w-3");
    REQUIRE(three.state == GroupState::full);
    CHECK(told(two, three) == Lines{"group_full unit:u-org 0"});
    // A group of one place forms and fills at once: both, once each.
    const GroupTrip tiny = opened(1, 1);
    const GroupTrip taken = joined(tiny, "w-9");
    CHECK(told(tiny, taken) == Lines{"group_formed unit:u-org 0", "group_formed w-9 0", "group_full unit:u-org 0"});
}

TEST_CASE("a freed place offered tells the waiting worker until when, a lapse tells them it went", "[notification]") {
    GroupTrip full = joined(joined(joined(opened(2, 2), "w-1"), "w-2"), "w-3");  // w-3 waits
    const GroupTrip freed = ok(withdraw(full, "w-1", kNow + 60));
    const std::vector<Notification> offer = notifications_for(&full, freed, kNow + 60);
    // The group fell back from full (w-1 left): no news of that; w-3's place (seq 3) is offered.
    REQUIRE(offer.size() == 1);
    CHECK(offer[0].kind == NotificationKind::offer_made);
    CHECK(offer[0].audience == Audience::worker);
    CHECK(offer[0].recipient == "w-3");
    CHECK(offer[0].seq == 3);
    REQUIRE(offer[0].until.has_value());
    const Place* offered = nullptr;
    for (const Place& p : freed.places)
        if (p.seq == 3) offered = &p;
    REQUIRE(offered);
    CHECK(offer[0].until == offered->offer_expires);

    const Instant later = *offered->offer_expires + 1;
    const GroupTrip lapsed = advance_clock(freed, later);
    CHECK(told(freed, lapsed, later) == Lines{"offer_lapsed w-3 3"});

    // A trip whose places are not in seq order (read from elsewhere) is told the same.
    GroupTrip reversed = full;
    std::reverse(reversed.places.begin(), reversed.places.end());
    CHECK(notifications_for(&reversed, freed, kNow + 60) == offer);
    GroupTrip freed_reversed = freed;
    std::reverse(freed_reversed.places.begin(), freed_reversed.places.end());
    CHECK(told(freed_reversed, lapsed, later) == Lines{"offer_lapsed w-3 3"});
}

TEST_CASE("a cancellation tells everyone who held a place, with the reason, not those gone before", "[notification]") {
    GroupTrip trip = joined(joined(joined(opened(2, 2), "w-1"), "w-2"), "w-3");  // w-3 waits
    trip = joined(trip, "w-4");                                               // w-4 waits
    trip = ok(withdraw(trip, "w-4", kNow + 10));                              // and leaves
    const GroupTrip cancelled = ok(cancel(trip, "酒店停业整修", kNow + 20));
    const std::vector<Notification> news = notifications_for(&trip, cancelled, kNow + 20);
    CHECK(told(trip, cancelled, kNow + 20) ==
          Lines{"group_cancelled w-1 0", "group_cancelled w-2 0", "group_cancelled w-3 0"});
    for (const Notification& n : news) CHECK(n.reason == "酒店停业整修");
}

TEST_CASE("a group that fails at its deadline tells its workers and its union, one that goes is locked", "[notification]") {
    const GroupTrip one = joined(opened(2, 3), "w-1");
    const GroupTrip failed = advance_clock(one, kDeadline);
    REQUIRE(failed.state == GroupState::expired);
    CHECK(told(one, failed, kDeadline) == Lines{"group_expired unit:u-org 0", "group_expired w-1 0"});

    const GroupTrip two = joined(one, "w-2");
    const GroupTrip locked = advance_clock(two, kDeadline);
    REQUIRE(locked.state == GroupState::locked);
    CHECK(told(two, locked, kDeadline) == Lines{"group_locked w-1 0", "group_locked w-2 0"});
}

TEST_CASE("the union's decision on a place tells its worker: approved, declined or lapsed", "[notification]") {
    const ApprovalTerms approval{true, 48};
    const GroupTrip pending = joined(joined(opened(1, 3), "w-1", approval), "w-2", approval);
    const GroupTrip approved = ok(approve_place(pending, "w-1", kNow + 5));
    // Approving w-1 forms the group (one place needed): both are news.
    CHECK(told(pending, approved, kNow + 5) ==
          Lines{"group_formed unit:u-org 0", "group_formed w-1 0", "approval_granted w-1 1"});
    const GroupTrip declined = ok(decline_place(approved, "w-2", "今年名额已用完", kNow + 6));
    CHECK(told(approved, declined, kNow + 6) == Lines{"approval_declined w-2 2"});

    const GroupTrip again = joined(opened(1, 3), "w-5", approval);
    const Instant due = *again.places.front().decision_due;
    const GroupTrip lapsed = advance_clock(again, due);
    CHECK(told(again, lapsed, due) == Lines{"approval_lapsed w-5 1"});
    // A worker who withdraws their own pending place is not told of it.
    const GroupTrip withdrawn = ok(withdraw(again, "w-5", kNow + 7));
    CHECK(told(again, withdrawn, kNow + 7).empty());
}

TEST_CASE("every kind has a wire name that reads back, and words in both languages", "[notification]") {
    for (int i = 0; i <= static_cast<int>(NotificationKind::deadline_near); ++i) {
        const auto kind = static_cast<NotificationKind>(i);
        CHECK(parse_notification_kind(notification_kind_name(kind)) == kind);
        const NotificationText text = notification_text(kind, "南孔衢州三日", day("2027-04-10"), "", std::nullopt);
        CHECK(text.zh.rfind("南孔衢州三日（2027-04-10出发）：", 0) == 0);
        CHECK(text.en.rfind("南孔衢州三日 (leaving 2027-04-10): ", 0) == 0);
        CHECK(text.zh.size() > std::string("南孔衢州三日（2027-04-10出发）：").size());
    }
    CHECK(!parse_notification_kind("offer"));
    // The offer's end in Beijing time, to the minute; a reason when there is one.
    const NotificationText offer = notification_text(NotificationKind::offer_made, "T", day("2027-04-10"), "",
                                                     at("2027-03-01T09:30:00+08:00"));
    CHECK(offer.zh == "T（2027-04-10出发）：候补到名额了，请在2027-03-01 09:30前确认");
    const NotificationText cancelled =
        notification_text(NotificationKind::group_cancelled, "T", day("2027-04-10"), "天气原因", std::nullopt);
    CHECK(cancelled.zh == "T（2027-04-10出发）：拼团已取消，原因：天气原因");
    CHECK(cancelled.en == "T (leaving 2027-04-10): the group trip was cancelled: 天气原因");
}

namespace {

wire::NotificationEntry offered_entry() {
    wire::NotificationEntry entry;
    entry.id = 42;
    entry.kind = NotificationKind::offer_made;
    entry.group = "g-qz-001";
    entry.route = "r-qz-red-eco-3d";
    entry.route_title = "红色教育+生态康养·南孔衢州三日";
    entry.departure = day("2027-04-10");
    entry.at = at("2027-03-01T09:30:00+08:00");
    entry.until = at("2027-03-02T09:30:00+08:00");
    const NotificationText text = notification_text(entry.kind, entry.route_title, *entry.departure, "", entry.until);
    entry.text_zh = text.zh;
    entry.text_en = text.en;
    return entry;
}

}  // namespace

TEST_CASE("a page of notifications reads back as it was written, what is missing stays missing", "[notification][wire]") {
    wire::NotificationPage page;
    page.notifications.push_back(offered_entry());
    wire::NotificationEntry cancelled;
    cancelled.id = 7;
    cancelled.kind = NotificationKind::group_cancelled;
    cancelled.group = "g-gone";  // its group is gone: no route, title or departure
    cancelled.at = at("2027-02-01T08:00:00+08:00");
    cancelled.read = true;
    cancelled.reason = "景区临时闭园";
    cancelled.text_zh = "拼团已取消：景区临时闭园";
    cancelled.text_en = "cancelled: the scenic area closed";
    page.notifications.push_back(cancelled);
    page.unread = 3;
    page.more = true;

    const std::string body = wire::encode_notification_page(page).dump();
    auto decoded = wire::decode_notification_page(body);
    REQUIRE(decoded);
    CHECK(decoded.value() == page);
    CHECK_FALSE(decoded.value().notifications[1].departure);
    CHECK(body.find("\"until\"") != std::string::npos);
    CHECK(wire::decode_unread(wire::encode_unread(5).dump()).value() == 5);
    CHECK(wire::encode_notifications_read(42).dump() == R"({"up_to":42})");
}

TEST_CASE("a notification page that is not one is refused, and a kind from a newer server is left out", "[notification][wire]") {
    nlohmann::json good = wire::encode_notification_page({{offered_entry()}, 1, false});
    CHECK(wire::decode_notification_page(good.dump()));
    CHECK_FALSE(wire::decode_notification_page("not json"));
    CHECK_FALSE(wire::decode_notification_page("{}"));
    for (const char* name : {"id", "kind", "group", "at", "read", "text_zh", "text_en"}) {
        INFO(name);
        nlohmann::json broken = good;
        broken["notifications"][0].erase(name);
        CHECK_FALSE(wire::decode_notification_page(broken.dump()));
    }
    for (const nlohmann::json& id : {nlohmann::json(0), nlohmann::json(-1), nlohmann::json(1.5), nlohmann::json("42"),
                                     nlohmann::json(18446744073709551615ull)}) {
        INFO(id.dump());
        nlohmann::json broken = good;
        broken["notifications"][0]["id"] = id;
        CHECK_FALSE(wire::decode_notification_page(broken.dump()));
    }
    nlohmann::json negative = good;
    negative["unread"] = -1;
    CHECK_FALSE(wire::decode_notification_page(negative.dump()));
    CHECK_FALSE(wire::decode_unread(R"({"unread":"3"})"));

    nlohmann::json newer = good;
    nlohmann::json future = newer["notifications"][0];
    future["kind"] = "trip_reminder";
    future["id"] = 43;
    newer["notifications"].insert(newer["notifications"].begin(), future);
    auto decoded = wire::decode_notification_page(newer.dump());
    REQUIRE(decoded);
    REQUIRE(decoded.value().notifications.size() == 1);
    CHECK(decoded.value().notifications[0].id == 42);
}

TEST_CASE("reminders: a near deadline tells the union of a group not formed, an ending offer its worker, each in time",
          "[notification][reminder]") {
    // Open and short of its minimum: its union is reminded 24 hours before the deadline.
    const GroupTrip open_trip = joined(opened(2, 2), "w-1");
    const Instant near = kDeadline - kDeadlineNearNotice;
    CHECK(next_reminder(open_trip, kNow) == near);
    CHECK(reminders_due(open_trip, near - 1).empty());
    const std::vector<Notification> due = reminders_due(open_trip, near + 5);
    REQUIRE(due.size() == 1);
    CHECK(due[0].kind == NotificationKind::deadline_near);
    CHECK(due[0].audience == Audience::unit_union);
    CHECK(due[0].recipient == "u-org");
    CHECK(due[0].at == near);  // when it fell due, whenever the scheduler came to it
    CHECK(due[0].until == kDeadline);
    CHECK_FALSE(next_reminder(open_trip, near));  // told: nothing more to wake for
    CHECK(reminders_due(open_trip, kDeadline).empty());  // the deadline came: too late to remind

    // Formed: nothing to remind its union of.
    const GroupTrip formed = joined(open_trip, "w-2");
    CHECK_FALSE(next_reminder(formed, kNow));
    CHECK(reminders_due(formed, near + 5).empty());

    // A place offered: its worker is reminded two hours before the offer lapses.
    const GroupTrip full = joined(formed, "w-3");  // w-3 waits
    const GroupTrip freed = ok(withdraw(full, "w-1", kNow + 60));
    const Place* offered = nullptr;
    for (const Place& p : freed.places)
        if (p.state == PlaceState::offered) offered = &p;
    REQUIRE(offered);
    REQUIRE(offered->offer_expires);
    const Instant ending = *offered->offer_expires - kOfferEndingNotice;
    CHECK(next_reminder(freed, kNow + 60) == ending);
    const std::vector<Notification> offer_due = reminders_due(freed, ending + 1);
    REQUIRE(offer_due.size() == 1);
    CHECK(offer_due[0].kind == NotificationKind::offer_ending);
    CHECK(offer_due[0].recipient == "w-3");
    CHECK(offer_due[0].seq == offered->seq);
    CHECK(offer_due[0].until == offered->offer_expires);
    // Nothing more: the offered place is held, so the group is full (no union reminder).
    CHECK(freed.state == GroupState::full);
    CHECK_FALSE(next_reminder(freed, ending));
    const NotificationText text = notification_text(NotificationKind::offer_ending, "衢州三日", day("2026-12-20"), "",
                                                    offered->offer_expires);
    CHECK(text.zh == "衢州三日（2026-12-20出发）：为您保留的名额将于" + format_china_time(*offered->offer_expires) +
                         "过期，请尽快确认");
    CHECK(text.en.find("(Beijing time)") != std::string::npos);
}

TEST_CASE("reminders: none whose time came before what it reminds of began", "[notification][reminder]") {
    // A place offered less than two hours before it lapses (the deadline is near): the offer says enough.
    const GroupTrip full = joined(joined(joined(opened(2, 2), "w-1"), "w-2"), "w-3");
    const Instant late = kDeadline - 3600;
    const GroupTrip freed = ok(withdraw(full, "w-1", late));
    bool offered = false;
    for (const Place& p : freed.places) offered = offered || p.state == PlaceState::offered;
    REQUIRE(offered);
    for (const Notification& n : reminders_due(freed, late + 60)) CHECK(n.kind != NotificationKind::offer_ending);

    // A group opened less than a day before its deadline: its union just opened it.
    GroupDraft d;
    d.id = "g-2";
    d.route = "r-qz-3d";
    d.organizer_unit = "u-org";
    d.departure = day("2026-12-20");
    d.min_size = 2;
    d.max_size = 3;
    d.join_deadline = kNow + 10 * 3600;
    const Catalogue c = fixtures::catalogue();
    auto r = open_group(d, c.routes[0], c, kNow);
    REQUIRE(r.ok());
    CHECK_FALSE(next_reminder(r.value(), kNow));
    CHECK(reminders_due(r.value(), kNow + 5 * 3600).empty());
}
