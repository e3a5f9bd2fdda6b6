#include <catch2/catch.hpp>

#include "core/group_trip.hpp"
#include "core_fixtures.hpp"

#include <algorithm>

using namespace liaoxiu;
using fixtures::at;
using fixtures::day;

namespace {

const Instant kNow = fixtures::now();
const Instant kDeadline = at("2026-12-15T18:00:00+08:00");

GroupDraft draft(int min_size = 2, int max_size = 3, std::optional<int> cap = std::nullopt) {
    GroupDraft d;
    d.id = "g-1";
    d.route = "r-qz-3d";
    d.organizer_unit = "u-org";
    d.departure = day("2026-12-20");
    d.min_size = min_size;
    d.max_size = max_size;
    d.join_deadline = kDeadline;
    d.per_unit_cap = cap;
    return d;
}

GroupTrip opened(int min_size = 2, int max_size = 3, std::optional<int> cap = std::nullopt) {
    const Catalogue c = fixtures::catalogue();
    auto r = open_group(draft(min_size, max_size, cap), c.routes[0], c, kNow);
    REQUIRE(r.ok());
    return r.value();
}

// Joins and requires success; seq follows the number of places so far.
JoinOutcome joined(const GroupTrip& trip, const char* worker, const char* unit = "u-a", Instant now = kNow) {
    auto r = join(trip, fixtures::route(), Worker{worker, unit}, {}, static_cast<std::int64_t>(trip.places.size()) + 1, now);
    INFO((r ? std::string() : r.error().code));
    REQUIRE(r.ok());
    return r.value();
}

GroupTrip filled(GroupTrip trip, std::initializer_list<const char*> workers, Instant now = kNow) {
    for (const char* w : workers) trip = joined(trip, w, "u-a", now).trip;
    return trip;
}

std::string refusal_code(const Result<GroupTrip>& r) { return r.ok() ? "ok" : r.error().code; }
std::string refusal_code(const Result<JoinOutcome>& r) { return r.ok() ? "ok" : r.error().code; }

const Place& place_of(const GroupTrip& trip, const std::string& worker) {
    const Place* found = nullptr;
    for (const Place& p : trip.places)
        if (p.worker == worker) found = &p;  // the latest place of the worker
    REQUIRE(found != nullptr);
    return *found;
}

}  // namespace

// ---- open_group ------------------------------------------------------------------------

TEST_CASE("open_group opens an empty open trip", "[group]") {
    const GroupTrip t = opened(2, 3, 2);
    CHECK(t.id == "g-1");
    CHECK(t.state == GroupState::open);
    CHECK(t.places.empty());
    CHECK(t.created == kNow);
    CHECK(t.per_unit_cap == 2);
    const GroupCounts counts = count_places(t);
    CHECK(counts.places_to_form == 2);
    CHECK(counts.places_left == 3);
    CHECK(next_deadline(t) == kDeadline);
}

TEST_CASE("open_group refuses bad drafts", "[group]") {
    const Catalogue c = fixtures::catalogue();
    const Route& route = c.routes[0];
    auto code = [&](GroupDraft d, Instant now = kNow, const Route* r = nullptr, const Catalogue* cat = nullptr) {
        auto result = open_group(d, r ? *r : route, cat ? *cat : c, now);
        if (!result) {
            CHECK_FALSE(result.error().message_zh.empty());
            CHECK_FALSE(result.error().message_en.empty());
        }
        return result ? std::string("ok") : result.error().code;
    };
    CHECK(code(draft(0, 3)) == "invalid_size");
    CHECK(code(draft(4, 3)) == "invalid_size");
    CHECK(code(draft(1, 501)) == "invalid_size");
    CHECK(code(draft(1, 500)) == "ok");
    CHECK(code(draft(3, 3)) == "ok");
    CHECK(code(draft(2, 3, 0)) == "invalid_unit_cap");
    CHECK(code(draft(2, 3, 1)) == "ok");

    GroupDraft d = draft();
    d.join_deadline = kNow;
    CHECK(code(d) == "invalid_deadline");
    d.join_deadline = china_midnight(d.departure);  // must close before the departure day begins
    CHECK(code(d) == "invalid_deadline");
    d.join_deadline = china_midnight(d.departure) - 1;
    CHECK(code(d) == "ok");

    d = draft();
    d.departure = day_of(kNow);
    d.join_deadline = kNow + 60;
    CHECK(code(d) == "departure_in_past");

    d = draft();
    d.route = "r-other";
    CHECK(code(d) == "route_mismatch");
    d = draft();
    d.organizer_unit = "u-nowhere";
    CHECK(code(d) == "unknown_unit");
    d = draft();
    d.id.clear();
    CHECK(code(d) == "missing_id");

    Catalogue with_group = c;
    with_group.groups.push_back(opened());
    CHECK(code(draft(), kNow, nullptr, &with_group) == "duplicate_id");

    Route suspended = route;
    suspended.itinerary[1].stops.push_back(Stop{StopKind::wellness, "m-paused", ""});
    CHECK(code(draft(), kNow, &suspended) == "route_not_bookable");
    Route invalid = route;
    invalid.itinerary[0].stops[1].kind = StopKind::eat;  // no stay
    CHECK(code(draft(), kNow, &invalid) == "route_not_bookable");
}

// ---- counts and states -------------------------------------------------------------------

TEST_CASE("joining moves a trip open → formed → full and counts places", "[group]") {
    GroupTrip t = opened(2, 3);
    auto first = joined(t, "w-1", "u-b");
    CHECK(first.state == PlaceState::confirmed);
    CHECK(first.waitlist_position == 0);
    t = first.trip;
    CHECK(t.state == GroupState::open);
    CHECK(count_places(t).places_to_form == 1);

    t = joined(t, "w-2", "u-org").trip;
    CHECK(t.state == GroupState::formed);
    CHECK(count_places(t).places_to_form == 0);
    CHECK(count_places(t).places_left == 1);

    t = joined(t, "w-3", "u-a").trip;
    CHECK(t.state == GroupState::full);
    const GroupCounts counts = count_places(t);
    CHECK(counts.confirmed == 3);
    CHECK(counts.places_left == 0);
    // Organizer first, then by first arrival.
    CHECK(counts.units == std::vector<Id>{"u-org", "u-b", "u-a"});
}

TEST_CASE("joining a full group puts the worker on the waiting list", "[group]") {
    GroupTrip t = filled(opened(1, 2), {"w-1", "w-2"});
    auto third = joined(t, "w-3");
    CHECK(third.state == PlaceState::waitlisted);
    CHECK(third.waitlist_position == 1);
    auto fourth = joined(third.trip, "w-4");
    CHECK(fourth.waitlist_position == 2);
    CHECK(fourth.trip.state == GroupState::full);
    const GroupCounts counts = count_places(fourth.trip);
    CHECK(counts.confirmed == 2);
    CHECK(counts.waiting == 2);
}

TEST_CASE("derive_state follows counts and the clock", "[group]") {
    GroupTrip t = opened(2, 3);
    CHECK(derive_state(t, kNow) == GroupState::open);
    CHECK(derive_state(t, kDeadline) == GroupState::expired);
    t = filled(t, {"w-1", "w-2"});
    CHECK(derive_state(t, kNow) == GroupState::formed);
    CHECK(derive_state(t, kDeadline - 1) == GroupState::formed);
    CHECK(derive_state(t, kDeadline) == GroupState::locked);
    t.state = GroupState::cancelled;
    CHECK(derive_state(t, kNow) == GroupState::cancelled);
}

// ---- join refusals --------------------------------------------------------------------------

TEST_CASE("no joins at or after the deadline", "[group]") {
    const GroupTrip t = opened();
    auto r = join(t, fixtures::route(), Worker{"w-1", "u-a"}, {}, 1, kDeadline);
    REQUIRE(refusal_code(r) == "deadline_passed");
    CHECK(r.error().message_zh == "报名已截止");
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"w-1", "u-a"}, {}, 1, kDeadline - 1)) == "ok");
}

TEST_CASE("no joins into cancelled, expired or locked groups", "[group]") {
    const GroupTrip t = filled(opened(2, 3), {"w-1", "w-2"});
    auto cancelled = cancel(t, "天气原因", kNow);
    REQUIRE(cancelled.ok());
    auto r = join(cancelled.value(), fixtures::route(), Worker{"w-9", "u-a"}, {}, 10, kNow);
    REQUIRE(refusal_code(r) == "group_closed");
    CHECK(r.error().message_zh.find("该团已取消") == 0);
    CHECK(r.error().message_zh.find("天气原因") != std::string::npos);

    const GroupTrip locked = advance_clock(t, kDeadline);
    REQUIRE(locked.state == GroupState::locked);
    CHECK(refusal_code(join(locked, fixtures::route(), Worker{"w-9", "u-a"}, {}, 10, kDeadline + 10)) ==
          "deadline_passed");
    const GroupTrip expired = advance_clock(opened(), kDeadline);
    REQUIRE(expired.state == GroupState::expired);
    CHECK(refusal_code(join(expired, fixtures::route(), Worker{"w-9", "u-a"}, {}, 10, kDeadline + 10)) ==
          "deadline_passed");
}

TEST_CASE("a worker cannot join the same group twice", "[group]") {
    GroupTrip t = filled(opened(1, 1), {"w-1", "w-2"});  // w-2 waits
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"w-1", "u-a"}, {}, 10, kNow)) == "already_joined");
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"w-2", "u-a"}, {}, 10, kNow)) == "already_joined");
    // After withdrawing, joining again is a new arrival.
    auto w = withdraw(t, "w-2", kNow);
    REQUIRE(w.ok());
    CHECK(refusal_code(join(w.value(), fixtures::route(), Worker{"w-2", "u-a"}, {}, 10, kNow)) == "ok");
}

TEST_CASE("a worker cannot hold places on trips whose dates overlap", "[group]") {
    const GroupTrip t = opened();  // 2026-12-20 .. 2026-12-22 (3 days)
    auto attempt = [&](const char* first, const char* last, const char* group = "g-other") {
        return refusal_code(join(t, fixtures::route(), Worker{"w-1", "u-a"}, {TripSpan{group, day(first), day(last)}}, 1, kNow));
    };
    CHECK(attempt("2026-12-22", "2026-12-24") == "dates_overlap");
    CHECK(attempt("2026-12-18", "2026-12-20") == "dates_overlap");
    CHECK(attempt("2026-12-21", "2026-12-21") == "dates_overlap");
    CHECK(attempt("2026-12-10", "2026-12-30") == "dates_overlap");
    CHECK(attempt("2026-12-23", "2026-12-25") == "ok");
    CHECK(attempt("2026-12-17", "2026-12-19") == "ok");
    CHECK(attempt("2026-12-20", "2026-12-22", "g-1") == "ok");  // the trip itself does not count
}

TEST_CASE("a unit cannot hold more than the per-unit cap, organizer unit included", "[group]") {
    GroupTrip t = opened(1, 4, 2);
    t = joined(t, "w-1", "u-org").trip;
    t = joined(t, "w-2", "u-org").trip;
    auto r = join(t, fixtures::route(), Worker{"w-3", "u-org"}, {}, 3, kNow);
    REQUIRE(refusal_code(r) == "unit_cap_reached");
    CHECK(r.error().message_zh.find("2") != std::string::npos);
    t = joined(t, "w-4", "u-a").trip;
    t = joined(t, "w-5", "u-a").trip;  // fills the group
    REQUIRE(t.state == GroupState::full);
    // Waiting places count against the cap too.
    t = joined(t, "w-6", "u-b").trip;
    t = joined(t, "w-7", "u-b").trip;
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"w-8", "u-b"}, {}, 9, kNow)) == "unit_cap_reached");
    // A withdrawal frees a place under the cap.
    auto w = withdraw(t, "w-1", kNow);
    REQUIRE(w.ok());
    CHECK(refusal_code(join(w.value(), fixtures::route(), Worker{"w-3", "u-org"}, {}, 10, kNow)) == "ok");
}

TEST_CASE("join checks its inputs", "[group]") {
    GroupTrip t = filled(opened(), {"w-1"});
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"w-2", "u-a"}, {}, 1, kNow)) == "invalid_seq");
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"w-2", "u-a"}, {}, std::int64_t{1} << 31, kNow)) == "invalid_seq");
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"", "u-a"}, {}, 5, kNow)) == "invalid_worker");
    CHECK(refusal_code(join(t, fixtures::route(), Worker{"w-2", ""}, {}, 5, kNow)) == "invalid_worker");
    Route other = fixtures::route();
    other.id = "r-other";
    CHECK(refusal_code(join(t, other, Worker{"w-2", "u-a"}, {}, 5, kNow)) == "route_mismatch");
}

// ---- withdrawals and the waiting list ---------------------------------------------------------

TEST_CASE("a withdrawal frees the place and offers it to the first waiting worker", "[group]") {
    GroupTrip t = filled(opened(1, 2), {"w-1", "w-2", "w-3", "w-4"});
    const Instant later = kNow + 3600;
    auto r = withdraw(t, "w-1", later);
    REQUIRE(r.ok());
    t = r.value();
    CHECK(place_of(t, "w-1").state == PlaceState::withdrawn);
    CHECK(place_of(t, "w-1").since == later);
    const Place& offered = place_of(t, "w-3");
    CHECK(offered.state == PlaceState::offered);
    CHECK(offered.offer_expires == later + kOfferWindowSeconds);
    CHECK(place_of(t, "w-4").state == PlaceState::waitlisted);
    // The offered place is not free for anyone else.
    CHECK(count_places(t).places_left == 0);
    CHECK(t.state == GroupState::full);
    auto newcomer = joined(t, "w-5", "u-b", later);
    CHECK(newcomer.state == PlaceState::waitlisted);
    CHECK(newcomer.waitlist_position == 2);  // behind w-4
    CHECK(next_deadline(t) == later + kOfferWindowSeconds);
    // Everyone reads the same position: the join's answer and the trip agree.
    CHECK(waitlist_position(newcomer.trip, place_of(newcomer.trip, "w-5")) == 2);
    CHECK(waitlist_position(t, place_of(t, "w-4")) == 1);  // the offered w-3 is not ahead
    CHECK(waitlist_position(t, offered) == 0);
    CHECK(waitlist_position(t, place_of(t, "w-2")) == 0);  // confirmed
    // The queue behind the confirmed places counts the offered w-3 and the waiting w-4.
    CHECK(count_places(t).waiting == 2);
}

TEST_CASE("a withdrawal without a waiting list leaves the place free", "[group]") {
    GroupTrip t = filled(opened(2, 2), {"w-1", "w-2"});
    REQUIRE(t.state == GroupState::full);
    auto r = withdraw(t, "w-2", kNow);
    REQUIRE(r.ok());
    CHECK(r.value().state == GroupState::open);
    CHECK(count_places(r.value()).places_left == 1);
}

TEST_CASE("a waiting worker may withdraw, order of the rest is kept", "[group]") {
    GroupTrip t = filled(opened(1, 1), {"w-1", "w-2", "w-3", "w-4"});
    auto r = withdraw(t, "w-3", kNow);
    REQUIRE(r.ok());
    t = r.value();
    CHECK(place_of(t, "w-3").state == PlaceState::withdrawn);
    auto freed = withdraw(t, "w-1", kNow + 1);
    REQUIRE(freed.ok());
    CHECK(place_of(freed.value(), "w-2").state == PlaceState::offered);
    CHECK(place_of(freed.value(), "w-4").state == PlaceState::waitlisted);
}

TEST_CASE("declining an offer passes it on", "[group]") {
    GroupTrip t = filled(opened(1, 1), {"w-1", "w-2", "w-3"});
    t = withdraw(t, "w-1", kNow).value();
    REQUIRE(place_of(t, "w-2").state == PlaceState::offered);
    auto r = withdraw(t, "w-2", kNow + 5);
    REQUIRE(r.ok());
    CHECK(place_of(r.value(), "w-2").state == PlaceState::withdrawn);
    CHECK(place_of(r.value(), "w-3").state == PlaceState::offered);
    CHECK(place_of(r.value(), "w-3").offer_expires == kNow + 5 + kOfferWindowSeconds);
}

TEST_CASE("withdraw refusals", "[group]") {
    const GroupTrip t = filled(opened(1, 3), {"w-1"});
    CHECK(refusal_code(withdraw(t, "w-9", kNow)) == "not_a_member_of_group");
    const GroupTrip gone = withdraw(t, "w-1", kNow).value();
    CHECK(refusal_code(withdraw(gone, "w-1", kNow)) == "not_a_member_of_group");
    CHECK(refusal_code(withdraw(t, "w-1", kDeadline)) == "deadline_passed");
    CHECK(refusal_code(withdraw(cancel(t, "组团单位取消", kNow).value(), "w-1", kNow)) == "group_closed");
}

TEST_CASE("accepting an offer confirms the place", "[group]") {
    GroupTrip t = filled(opened(1, 1), {"w-1", "w-2", "w-3"});
    CHECK(refusal_code(accept_offer(t, "w-2", kNow)) == "no_offer");
    CHECK(refusal_code(accept_offer(t, "w-9", kNow)) == "not_a_member_of_group");
    t = withdraw(t, "w-1", kNow).value();
    auto r = accept_offer(t, "w-2", kNow + 100);
    REQUIRE(r.ok());
    const Place& p = place_of(r.value(), "w-2");
    CHECK(p.state == PlaceState::confirmed);
    CHECK(p.since == kNow + 100);
    CHECK_FALSE(p.offer_expires.has_value());
    CHECK(r.value().state == GroupState::full);
    CHECK(count_places(r.value()).confirmed == 1);
    CHECK(refusal_code(accept_offer(r.value(), "w-2", kNow + 200)) == "no_offer");
}

TEST_CASE("an offer lapses after the window and passes to the next waiting worker", "[group]") {
    GroupTrip t = filled(opened(1, 1), {"w-1", "w-2", "w-3", "w-4"});
    t = withdraw(t, "w-1", kNow).value();
    const Instant lapse = kNow + kOfferWindowSeconds;

    const GroupTrip before = advance_clock(t, lapse - 1);
    CHECK(place_of(before, "w-2").state == PlaceState::offered);

    const GroupTrip after = advance_clock(t, lapse);
    CHECK(place_of(after, "w-2").state == PlaceState::offer_expired);
    CHECK(place_of(after, "w-2").since == lapse);
    CHECK(place_of(after, "w-3").state == PlaceState::offered);
    CHECK(place_of(after, "w-3").offer_expires == lapse + kOfferWindowSeconds);
    CHECK(place_of(after, "w-4").state == PlaceState::waitlisted);
    CHECK(refusal_code(accept_offer(t, "w-2", lapse)) == "offer_expired");

    // Two windows later both lapsed, each at its own time, and w-4 holds the offer.
    const GroupTrip much_later = advance_clock(t, lapse + kOfferWindowSeconds + 10);
    CHECK(place_of(much_later, "w-3").state == PlaceState::offer_expired);
    CHECK(place_of(much_later, "w-3").since == lapse + kOfferWindowSeconds);
    CHECK(place_of(much_later, "w-4").state == PlaceState::offered);
    CHECK(place_of(much_later, "w-4").offer_expires == lapse + 2 * kOfferWindowSeconds);
    CHECK(advance_clock(much_later, lapse + kOfferWindowSeconds + 10) == much_later);  // idempotent
}

TEST_CASE("an offer never runs past the join deadline", "[group]") {
    GroupTrip t = filled(opened(1, 1), {"w-1", "w-2"});
    const Instant late = kDeadline - 3600;
    t = withdraw(t, "w-1", late).value();
    CHECK(place_of(t, "w-2").offer_expires == kDeadline);
    CHECK(next_deadline(t) == kDeadline);
}

// ---- the deadline ---------------------------------------------------------------------------------

TEST_CASE("at the deadline a formed group locks and releases waiting places", "[group]") {
    GroupTrip t = filled(opened(1, 2), {"w-1", "w-2", "w-3", "w-4"});
    t = withdraw(t, "w-1", kDeadline - 100).value();  // w-3 is offered, w-4 waits
    const GroupTrip locked = advance_clock(t, kDeadline);
    CHECK(locked.state == GroupState::locked);
    CHECK(place_of(locked, "w-2").state == PlaceState::confirmed);
    CHECK(place_of(locked, "w-3").state == PlaceState::released);
    CHECK(place_of(locked, "w-4").state == PlaceState::released);
    CHECK(place_of(locked, "w-4").since == kDeadline);
    CHECK(count_places(locked).waiting == 0);
    CHECK_FALSE(next_deadline(locked).has_value());
    CHECK(advance_clock(locked, kDeadline + 86400) == locked);
}

TEST_CASE("at the deadline a group short of its minimum expires and releases everyone", "[group]") {
    const GroupTrip t = filled(opened(3, 4), {"w-1", "w-2"});
    const GroupTrip expired = advance_clock(t, kDeadline + 5);
    CHECK(expired.state == GroupState::expired);
    for (const Place& p : expired.places) {
        CHECK(p.state == PlaceState::released);
        CHECK(p.since == kDeadline);
    }
    CHECK(count_places(expired).confirmed == 0);
    CHECK(advance_clock(t, kDeadline - 1).state == GroupState::open);
}

TEST_CASE("advance_clock before anything is due changes nothing", "[group]") {
    const GroupTrip t = filled(opened(1, 3), {"w-1", "w-2"});
    CHECK(advance_clock(t, kNow + 10) == t);
}

// ---- cancel ---------------------------------------------------------------------------------------------

TEST_CASE("cancel releases every place and keeps the reason", "[group]") {
    const GroupTrip t = filled(opened(1, 1), {"w-1", "w-2"});
    auto r = cancel(t, "承接酒店临时停业", kNow + 60);
    REQUIRE(r.ok());
    CHECK(r.value().state == GroupState::cancelled);
    CHECK(r.value().cancel_reason == "承接酒店临时停业");
    for (const Place& p : r.value().places) CHECK(p.state == PlaceState::released);
    CHECK(advance_clock(r.value(), kDeadline + 1) == r.value());
    CHECK_FALSE(next_deadline(r.value()).has_value());
}

TEST_CASE("cancel refusals", "[group]") {
    const GroupTrip t = filled(opened(1, 3), {"w-1"});
    CHECK(refusal_code(cancel(t, "  ", kNow)) == "reason_required");
    CHECK(refusal_code(cancel(cancel(t, "原因", kNow).value(), "again", kNow)) == "group_closed");
    CHECK(refusal_code(cancel(opened(2, 3), "原因", kDeadline)) == "group_closed");  // expired
    // A locked group may still be cancelled until departure.
    CHECK(refusal_code(cancel(t, "原因", kDeadline + 1)) == "ok");
    CHECK(refusal_code(cancel(t, "原因", china_midnight(day("2026-12-20")))) == "already_departed");
}

// ---- the rules every layer asks (holds_place, last_day, joinable) ---------------------------

TEST_CASE("a place is held while confirmed, waiting or offered", "[group]") {
    CHECK(holds_place(PlaceState::confirmed));
    CHECK(holds_place(PlaceState::waitlisted));
    CHECK(holds_place(PlaceState::offered));
    CHECK_FALSE(holds_place(PlaceState::withdrawn));
    CHECK_FALSE(holds_place(PlaceState::offer_expired));
    CHECK_FALSE(holds_place(PlaceState::released));
}

TEST_CASE("a trip's last day is departure + days - 1, and at least its departure day", "[group]") {
    CHECK(last_day(day("2026-12-20"), 3) == day("2026-12-22"));
    CHECK(last_day(day("2026-12-20"), 1) == day("2026-12-20"));
    CHECK(last_day(day("2026-12-20"), 0) == day("2026-12-20"));  // a route validation refuses still takes a day
    const GroupTrip t = opened();
    const TripSpan span = trip_span(t, fixtures::route());
    CHECK(span.group == t.id);
    CHECK(span.first == day("2026-12-20"));
    CHECK(span.last == day("2026-12-22"));
}

TEST_CASE("joinable: a joinable state before the deadline, exactly when join() does not refuse for the state",
          "[group]") {
    CHECK(joinable_state(GroupState::open));
    CHECK(joinable_state(GroupState::formed));
    CHECK(joinable_state(GroupState::full));  // the waiting list takes joins
    CHECK_FALSE(joinable_state(GroupState::locked));
    CHECK_FALSE(joinable_state(GroupState::expired));
    CHECK_FALSE(joinable_state(GroupState::cancelled));

    GroupTrip t = opened(1, 2);
    CHECK(joinable(t, kNow));
    CHECK_FALSE(joinable(t, kDeadline));
    t = filled(t, {"w-1", "w-2"});
    REQUIRE(t.state == GroupState::full);
    CHECK(joinable(t, kNow));
    auto cancelled = cancel(t, "报名人数不足", kNow);
    REQUIRE(cancelled.ok());
    CHECK_FALSE(joinable(cancelled.value(), kNow));
    // The predicate and the transition agree.
    for (const GroupTrip& trip : {t, cancelled.value()})
        for (Instant now : {kNow, kDeadline}) {
            auto r = join(trip, fixtures::route(), Worker{"w-9", "u-b"}, {}, 100, now);
            CHECK(joinable(advance_clock(trip, now), now) == r.ok());
        }
}

TEST_CASE("a group's meeting point and contact: kept trimmed, each optional, one line within its limit", "[group][meeting]") {
    const Catalogue c = fixtures::catalogue();
    GroupDraft d = draft();
    SECTION("none given: none kept") {
        auto r = open_group(d, c.routes[0], c, kNow);
        REQUIRE(r.ok());
        CHECK(r.value().meeting_point.empty());
        CHECK(r.value().contact_name.empty());
        CHECK(r.value().contact_phone.empty());
    }
    SECTION("given: kept, trimmed of spaces at both ends") {
        d.meeting_point = "  衢州站北广场，出发日 7:30\t";
        d.contact_name = " 李老师 ";
        d.contact_phone = "0570-3021234 ";
        auto r = open_group(d, c.routes[0], c, kNow);
        REQUIRE(r.ok());
        CHECK(r.value().meeting_point == "衢州站北广场，出发日 7:30");
        CHECK(r.value().contact_name == "李老师");
        CHECK(r.value().contact_phone == "0570-3021234");
    }
    SECTION("refused, each naming its field") {
        std::string GroupDraft::*field = nullptr;
        std::string value, path;
        SECTION("a meeting point of two lines") { field = &GroupDraft::meeting_point; value = "东门\n7:30"; path = "meeting_point"; }
        SECTION("a meeting point over 60 characters") {
            field = &GroupDraft::meeting_point;
            for (int i = 0; i < 61; ++i) value += "集";
            path = "meeting_point";
        }
        SECTION("a name over 20 characters") { field = &GroupDraft::contact_name; value = std::string(21, 'a'); path = "contact_name"; }
        SECTION("a name that is not UTF-8") { field = &GroupDraft::contact_name; value = "\xff\xfe"; path = "contact_name"; }
        SECTION("a phone with letters") { field = &GroupDraft::contact_phone; value = "0570-CALL-ME"; path = "contact_phone"; }
        SECTION("a phone too short") { field = &GroupDraft::contact_phone; value = "110"; path = "contact_phone"; }
        d.*field = value;
        auto r = open_group(d, c.routes[0], c, kNow);
        REQUIRE(!r.ok());
        CHECK(r.error().code == "bad_value");
        CHECK(r.error().path == path);
        CHECK(!r.error().message_zh.empty());
        CHECK(!r.error().message_en.empty());
    }
    SECTION("exactly 60 characters of meeting point and 20 of name are taken") {
        for (int i = 0; i < 60; ++i) d.meeting_point += "集";
        d.contact_name = std::string(20, 'a');
        CHECK(open_group(d, c.routes[0], c, kNow).ok());
    }
}
