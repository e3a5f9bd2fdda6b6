// Approval by the worker's own union (审批): core/group_trip.hpp's pending_approval place,
// approve_place, decline_place and advance_clock lapsing an overdue decision, with the waiting
// list and its offers; core/union_rules.hpp's approval fields, who decides, and the allowance
// a pending place uses.
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/union_rules.hpp"
#include "core/wire.hpp"
#include "core/wire_rules.hpp"
#include "core_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using fixtures::at;
using fixtures::day;

namespace {

const Instant kNow = fixtures::now();                       // 2026-12-01 10:00 China
const Instant kDeadline = at("2026-12-15T18:00:00+08:00");  // 14 days on
const ApprovalTerms kApproval{true, 48};
const Instant kDue = kDeadline - 48 * 3600;

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

std::int64_t next_seq(const GroupTrip& trip) { return static_cast<std::int64_t>(trip.places.size()) + 1; }

// A join that must succeed; `approval` for the worker's unit.
JoinOutcome joined(const GroupTrip& trip, const char* worker, const char* unit, const ApprovalTerms& approval = {},
                   Instant now = kNow) {
    auto r = join(trip, fixtures::route(), Worker{worker, unit}, {}, next_seq(trip), now, approval);
    INFO((r ? std::string() : r.error().code));
    REQUIRE(r.ok());
    return r.value();
}

const Place& place_of(const GroupTrip& trip, const std::string& worker) {
    const Place* found = nullptr;
    for (const Place& p : trip.places)
        if (p.worker == worker) found = &p;
    REQUIRE(found != nullptr);
    return *found;
}

std::string code_of(const Result<GroupTrip>& r) { return r.ok() ? "ok" : r.error().code; }

}  // namespace

TEST_CASE("approval: a join needing approval holds the place as pending, counted in the size but not for forming") {
    const JoinOutcome out = joined(opened(1, 2), "w-b1", "u-b", kApproval);
    CHECK(out.state == PlaceState::pending_approval);
    CHECK(out.waitlist_position == 0);
    const Place& p = place_of(out.trip, "w-b1");
    CHECK(p.decision_due == kDue);
    CHECK(holds_place(p.state));
    const GroupCounts counts = count_places(out.trip);
    CHECK(counts.pending == 1);
    CHECK(counts.confirmed == 0);
    CHECK(counts.places_left == 1);
    CHECK(counts.places_to_form == 1);  // min 1: a pending place does not form the group
    CHECK(out.trip.state == GroupState::open);
    CHECK(next_deadline(out.trip) == kDue);
    // A join without approval beside it: confirmed as before.
    const JoinOutcome other = joined(out.trip, "w-a1", "u-a");
    CHECK(other.state == PlaceState::confirmed);
    CHECK(other.trip.state == GroupState::full);  // confirmed 1 + pending 1 = max 2
    // The next joiner waits: the pending place is not lost to them.
    CHECK(joined(other.trip, "w-a2", "u-a").state == PlaceState::waitlisted);
}

TEST_CASE("approval: the decision is due the set hours before the deadline, or at the deadline when joined later") {
    CHECK(decision_due(kNow, kDeadline, 48) == kDeadline - 48 * 3600);
    CHECK(decision_due(kDeadline - 48 * 3600, kDeadline, 48) == kDeadline);  // joined exactly then: the deadline
    CHECK(decision_due(kDeadline - 3600, kDeadline, 48) == kDeadline);
    CHECK(decision_due(kNow, kDeadline, 720) == kDeadline);  // 30 days before a deadline 14 days off
    const JoinOutcome late = joined(opened(), "w-b1", "u-b", kApproval, kDeadline - 10 * 3600);
    CHECK(place_of(late.trip, "w-b1").decision_due == kDeadline);
}

TEST_CASE("approval: approving confirms the place and may form the group") {
    GroupTrip trip = joined(opened(2, 3), "w-a1", "u-a").trip;
    trip = joined(trip, "w-b1", "u-b", kApproval).trip;
    CHECK(trip.state == GroupState::open);
    auto r = approve_place(trip, "w-b1", kNow + 60);
    REQUIRE(r.ok());
    const Place& p = place_of(r.value(), "w-b1");
    CHECK(p.state == PlaceState::confirmed);
    CHECK(p.since == kNow + 60);
    CHECK_FALSE(p.decision_due.has_value());
    CHECK(count_places(r.value()).confirmed == 2);
    CHECK(r.value().state == GroupState::formed);
    CHECK(next_deadline(r.value()) == kDeadline);
    // Twice: not pending any more, and the message says why.
    auto again = approve_place(r.value(), "w-b1", kNow + 120);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "not_pending");
    CHECK(again.error().message_zh == "该职工的名额已确认，无需审批");
    CHECK(code_of(approve_place(r.value(), "w-zz", kNow)) == "not_a_member_of_group");
}

TEST_CASE("approval: declining needs a reason, frees the place and offers it to the first waiting worker") {
    GroupTrip trip = joined(opened(1, 2), "w-a1", "u-a").trip;
    trip = joined(trip, "w-b1", "u-b", kApproval).trip;
    trip = joined(trip, "w-a2", "u-a").trip;  // waits: 1 confirmed + 1 pending = max
    trip = joined(trip, "w-a3", "u-a").trip;
    REQUIRE(place_of(trip, "w-a2").state == PlaceState::waitlisted);

    CHECK(code_of(decline_place(trip, "w-b1", "  \n", kNow)) == "reason_required");
    CHECK(code_of(decline_place(trip, "w-b1", std::string(kMaxDeclineReasonChars + 1, 'x'), kNow)) ==
          "reason_too_long");
    std::string long_chinese;
    for (std::size_t i = 0; i < kMaxDeclineReasonChars; ++i) long_chinese += "额";  // characters, not bytes
    CHECK(decline_place(trip, "w-b1", long_chinese, kNow).ok());

    auto r = decline_place(trip, "w-b1", "今年名额已用于一线职工", kNow + 60);
    REQUIRE(r.ok());
    CHECK(place_of(r.value(), "w-b1").state == PlaceState::declined);
    CHECK_FALSE(holds_place(PlaceState::declined));
    const Place& offered = place_of(r.value(), "w-a2");
    CHECK(offered.state == PlaceState::offered);
    CHECK(offered.offer_expires == kNow + 60 + kOfferWindowSeconds);
    CHECK(place_of(r.value(), "w-a3").state == PlaceState::waitlisted);
    CHECK(code_of(decline_place(r.value(), "w-b1", "再次", kNow + 120)) == "not_pending");
    CHECK(decline_place(r.value(), "w-b1", "再次", kNow + 120).error().message_zh == "已不同意该职工的报名");
}

TEST_CASE("approval: an overdue decision lapses the place, which is offered to the next waiting worker") {
    GroupTrip trip = joined(opened(1, 1), "w-b1", "u-b", kApproval).trip;
    trip = joined(trip, "w-a1", "u-a").trip;
    REQUIRE(place_of(trip, "w-a1").state == PlaceState::waitlisted);
    CHECK(next_deadline(trip) == kDue);

    const GroupTrip before_due = advance_clock(trip, kDue - 1);
    CHECK(place_of(before_due, "w-b1").state == PlaceState::pending_approval);

    const GroupTrip lapsed = advance_clock(trip, kDue + 5);
    CHECK(place_of(lapsed, "w-b1").state == PlaceState::approval_lapsed);
    CHECK(place_of(lapsed, "w-b1").since == kDue);  // when it lapsed, not when someone looked
    const Place& offered = place_of(lapsed, "w-a1");
    CHECK(offered.state == PlaceState::offered);
    CHECK(offered.since == kDue);
    CHECK(offered.offer_expires == std::min(kDue + kOfferWindowSeconds, kDeadline));
    CHECK(advance_clock(lapsed, kDue + 5) == lapsed);  // idempotent

    // Too late to decide: the message says the place is gone.
    auto approve = approve_place(trip, "w-b1", kDue + 5);
    REQUIRE_FALSE(approve.ok());
    CHECK(approve.error().code == "not_pending");
    CHECK(approve.error().message_zh == "审批已超时，该名额已释放");
}

TEST_CASE("approval: a lapse and an offer's lapse replay in order, each offering the place on") {
    // max 1: w-b1 pending (due kDue), w-a1 and w-a2 waiting. The lapse at kDue offers w-a1 a place
    // until kDue + 24 h (< the deadline); that offer lapses too and w-a2 is offered.
    GroupTrip trip = joined(opened(1, 1), "w-b1", "u-b", kApproval).trip;
    trip = joined(trip, "w-a1", "u-a").trip;
    trip = joined(trip, "w-a2", "u-a").trip;
    const Instant later = kDue + kOfferWindowSeconds + 60;
    REQUIRE(later < kDeadline);
    const GroupTrip t = advance_clock(trip, later);
    CHECK(place_of(t, "w-b1").state == PlaceState::approval_lapsed);
    CHECK(place_of(t, "w-a1").state == PlaceState::offer_expired);
    CHECK(place_of(t, "w-a2").state == PlaceState::offered);
    CHECK(place_of(t, "w-a2").since == kDue + kOfferWindowSeconds);
}

TEST_CASE("approval: a waiting worker whose union approves takes an offered place as pending") {
    GroupTrip trip = joined(opened(1, 1), "w-a1", "u-a").trip;
    trip = joined(trip, "w-b1", "u-b", kApproval).trip;  // full: waits like anyone
    REQUIRE(place_of(trip, "w-b1").state == PlaceState::waitlisted);
    trip = withdraw(trip, "w-a1", kNow + 60).value();
    REQUIRE(place_of(trip, "w-b1").state == PlaceState::offered);
    auto r = accept_offer(trip, "w-b1", kNow + 120, kApproval);
    REQUIRE(r.ok());
    const Place& p = place_of(r.value(), "w-b1");
    CHECK(p.state == PlaceState::pending_approval);
    CHECK(p.decision_due == kDue);
    CHECK_FALSE(p.offer_expires.has_value());
    CHECK(approve_place(r.value(), "w-b1", kNow + 180).value().state == GroupState::full);  // min 1 = max 1
}

TEST_CASE("approval: a worker may withdraw a pending place, which frees it for the waiting list") {
    GroupTrip trip = joined(opened(1, 1), "w-b1", "u-b", kApproval).trip;
    trip = joined(trip, "w-a1", "u-a").trip;
    auto r = withdraw(trip, "w-b1", kNow + 60);
    REQUIRE(r.ok());
    CHECK(place_of(r.value(), "w-b1").state == PlaceState::withdrawn);
    CHECK(place_of(r.value(), "w-a1").state == PlaceState::offered);
    CHECK(code_of(approve_place(r.value(), "w-b1", kNow + 120)) == "not_pending");
}

TEST_CASE("approval: a place still pending at the deadline lapses there and does not form the group") {
    GroupTrip trip = joined(opened(1, 3), "w-b1", "u-b", kApproval, kDeadline - 3600).trip;  // due at the deadline
    REQUIRE(place_of(trip, "w-b1").decision_due == kDeadline);
    const GroupTrip settled = advance_clock(trip, kDeadline);
    CHECK(place_of(settled, "w-b1").state == PlaceState::approval_lapsed);
    CHECK(settled.state == GroupState::expired);
    CHECK_FALSE(next_deadline(settled).has_value());
    // After the deadline neither decision is taken.
    CHECK(code_of(approve_place(trip, "w-b1", kDeadline)) == "deadline_passed");
    CHECK(code_of(decline_place(trip, "w-b1", "晚了", kDeadline)) == "deadline_passed");
}

TEST_CASE("approval: a cancelled group releases pending places and takes no decision") {
    GroupTrip trip = joined(opened(), "w-b1", "u-b", kApproval).trip;
    const GroupTrip cancelled = cancel(trip, "线路调整", kNow + 60).value();
    CHECK(place_of(cancelled, "w-b1").state == PlaceState::released);
    CHECK(code_of(approve_place(cancelled, "w-b1", kNow + 120)) == "group_closed");
}

TEST_CASE("approval: the rules' fields merge, validate and travel on the wire") {
    UnionRules alliance;
    alliance.approval_required = true;
    alliance.decision_hours = 24;
    UnionRules unit;
    unit.approval_required = false;
    const UnionRules merged = effective_rules(alliance, unit);
    CHECK(merged.approval_required == false);
    CHECK(merged.decision_hours == 24);
    CHECK_FALSE(approval_terms(merged).required);
    CHECK(approval_terms(effective_rules(alliance, {})).required);
    CHECK(approval_terms(UnionRules{}).required == false);
    CHECK(approval_terms(UnionRules{}).decision_hours == 48);

    for (int bad : {0, -1, 721}) {
        UnionRules r;
        r.decision_hours = bad;
        const auto problems = validate_rules(r);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].code == "invalid_rule");
        CHECK(problems[0].path == "decision_hours");
    }
    for (int good : {1, 48, 720}) {
        UnionRules r;
        r.decision_hours = good;
        CHECK(validate_rules(r).empty());
    }

    UnionRules r;
    r.approval_required = true;
    r.decision_hours = 72;
    const auto json = wire::encode_rules(r);
    CHECK(json.at("approval_required") == true);
    CHECK(json.at("decision_hours") == 72);
    CHECK(wire::decode_rules(json).value() == r);
    auto wrong = wire::decode_rules(nlohmann::json{{"approval_required", 1}});
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "wrong_type");
    CHECK(wrong.error().path == "approval_required");

    CHECK(rules_summary(r, {}, 2026, nullptr, "浙江").zh == "本单位需工会审批");
}

TEST_CASE("approval: only the worker's own union decides") {
    CHECK_FALSE(approval_forbidden(Actor{Role::organizer, "o-b", "u-b"}, "u-b"));
    const auto other = approval_forbidden(Actor{Role::organizer, "o-org", "u-org"}, "u-b");
    REQUIRE(other);
    CHECK(other->code == "not_own_unit_worker");
    CHECK(http_status_of(other->code) == 403);
    CHECK(approval_forbidden(Actor{Role::secretariat, "a-admin", ""}, "u-b")->code == "forbidden");
    CHECK(approval_forbidden(Actor{Role::worker, "w-b1", "u-b"}, "u-b")->code == "forbidden");
    CHECK_FALSE(approval_queue_forbidden(Actor{Role::organizer, "o-b", "u-b"}, "u-b"));
    CHECK(approval_queue_forbidden(Actor{Role::organizer, "o-a", "u-a"}, "u-b"));
    CHECK(approval_queue_forbidden(Actor{Role::secretariat, "a-admin", ""}, "u-b"));
}

TEST_CASE("approval: a pending place uses the allowance, a declined or lapsed one gives it back") {
    Allowance a;
    a.trips_per_year = 1;
    GroupTrip trip = joined(opened(1, 1), "w-b1", "u-b", kApproval).trip;
    trip = joined(trip, "w-a1", "u-a").trip;
    auto held_now = [&](const GroupTrip& t) {
        std::vector<HeldTrip> h;
        for (const Place& p : t.places)
            if (p.worker == "w-b1" && holds_place(p.state)) h.push_back(held_trip(t, fixtures::route(), "浙江"));
        return h;
    };
    const auto refused = allowance_refused(a, held_now(trip), "g-2", fixtures::route(), day("2026-12-28"), "浙江");
    REQUIRE(refused);
    CHECK(refused->code == "allowance_trips_used");
    CHECK_FALSE(allowance_refused(a, held_now(decline_place(trip, "w-b1", "名额调整", kNow).value()), "g-2",
                                  fixtures::route(), day("2026-12-28"), "浙江"));
    CHECK_FALSE(allowance_refused(a, held_now(advance_clock(trip, kDue)), "g-2", fixtures::route(),
                                  day("2026-12-28"), "浙江"));
    CHECK(allowance_refused(a, held_now(approve_place(trip, "w-b1", kNow).value()), "g-2", fixtures::route(),
                            day("2026-12-28"), "浙江"));
}

TEST_CASE("approval: places, counts, join answers and the queue keep their approval fields on the wire") {
    const GroupTrip trip = joined(opened(), "w-b1", "u-b", kApproval).trip;
    const nlohmann::json j = trip;
    CHECK(j.at("places")[0].at("state") == "pending_approval");
    CHECK(j.at("places")[0].at("decision_due") == format_instant(kDue));
    CHECK(decode<GroupTrip>(j, "").value() == trip);
    for (PlaceState s : {PlaceState::pending_approval, PlaceState::declined, PlaceState::approval_lapsed})
        CHECK(parse_place_state(enum_name(s)) == s);

    const GroupCounts counts = count_places(trip);
    const nlohmann::json encoded = wire::encode_trip_view(trip, counts, nullptr, false);
    CHECK(encoded.at("counts").at("pending_approval") == 1);
    CHECK(wire::decode_counts(encoded.at("counts"))->pending == 1);
    CHECK_FALSE(wire::encode_trip_view(opened(), count_places(opened()), nullptr, false)
                    .at("counts")
                    .contains("pending_approval"));

    wire::JoinAnswer answer{"g-1", "w-b1", PlaceState::pending_approval, 1, 0, counts, kDue};
    auto back = wire::decode_join_answer(wire::encode_join_answer(answer).dump());
    REQUIRE(back.ok());
    CHECK(back.value().decision_due == kDue);
    CHECK(back.value().state == PlaceState::pending_approval);

    wire::ApprovalQueue queue;
    queue.unit = "u-b";
    wire::ApprovalEntry e;
    e.group = "g-1";
    e.route = "r-qz-3d";
    e.route_title = "红色教育+生态康养三日游";
    e.departure = day("2026-12-20");
    e.last_day = day("2026-12-22");
    e.worker = "w-b1";
    e.worker_name = "职工甲";
    e.since = kNow;
    e.decision_due = kDue;
    e.price = 128000;
    e.split = CostSplit{60000, 20400, 47600};
    e.trips_left = 0;
    queue.approvals.push_back(e);
    const nlohmann::json q = wire::encode_approval_queue(queue);
    CHECK(q.at("approvals")[0].at("left") == nlohmann::json{{"trips", 0}});
    CHECK_FALSE(q.at("approvals")[0].contains("member_number"));
    CHECK(wire::decode_approval_queue(q).value() == queue);
    CHECK(wire::decode_approval_queue(nlohmann::json{{"unit", "u-b"}, {"approvals", {{{"group", 1}}}}}).error().code ==
          "bad_answer");
    // Whether the unit requires approval travels too (the app offers 待审批 by it); absent reads as false.
    CHECK(q.at("approval_required") == false);
    queue.approval_required = true;
    queue.approvals.clear();
    CHECK(wire::decode_approval_queue(wire::encode_approval_queue(queue)).value() == queue);
    CHECK_FALSE(wire::decode_approval_queue(nlohmann::json{{"unit", "u-b"}, {"approvals", nlohmann::json::array()}})
                    .value()
                    .approval_required);
}

TEST_CASE("approval: a decline's reason is checked by one rule, the one decline_place applies") {
    const GroupTrip trip = joined(opened(1, 3), "w-b1", "u-b", kApproval).trip;
    for (const std::string blank : {"", "   ", "\n\t"}) {
        auto refused = decline_reason_refused(blank);
        REQUIRE(refused);
        CHECK(refused->code == "reason_required");
        CHECK(refused->path == "reason");
        CHECK(decline_place(trip, "w-b1", blank, kNow).error().code == "reason_required");
    }
    // 500 characters, not bytes: 500 Chinese characters pass, 501 do not.
    std::string chinese;
    for (int i = 0; i < 500; ++i) chinese += "好";
    CHECK_FALSE(decline_reason_refused(chinese));
    CHECK(decline_place(trip, "w-b1", chinese, kNow).ok());
    chinese += "好";
    auto long_one = decline_reason_refused(chinese);
    REQUIRE(long_one);
    CHECK(long_one->code == "reason_too_long");
    CHECK(long_one->path == "reason");
    CHECK(long_one->message_zh == "原因不能超过500个字");
    CHECK(decline_place(trip, "w-b1", chinese, kNow).error().code == "reason_too_long");
}
