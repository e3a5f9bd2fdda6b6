#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "core/generate_history.hpp"
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/review.hpp"
#include "core/wire.hpp"
#include "core/wire_reviews.hpp"
#include "core_fixtures.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace liaoxiu;
using fixtures::at;
using fixtures::day;

namespace {

// The fixture route: 3 days, m-bus and m-hotel on day 1, m-park and m-spa on day 2, m-hotel again on day 3.
// A trip leaving 2026-11-20 is away until 2026-11-22 (China); reviews open 2026-11-23 00:00 China time.
GroupTrip locked_trip(PlaceState state = PlaceState::confirmed) {
    GroupTrip trip;
    trip.id = "g-past";
    trip.route = "r-qz-3d";
    trip.organizer_unit = "u-org";
    trip.departure = day("2026-11-20");
    trip.min_size = 1;
    trip.max_size = 10;
    trip.join_deadline = at("2026-11-15T18:00:00+08:00");
    trip.state = GroupState::locked;
    trip.places = {Place{"w-other", "u-a", PlaceState::confirmed, 1, 0, std::nullopt, {}},
                   Place{"w-1", "u-a", state, 2, 0, std::nullopt, {}}};
    return trip;
}

ReviewScores stars(int a, int b, int c) {
    ReviewScores s;
    s.stars = {a, b, c};
    return s;
}

std::string code_of(const std::optional<DomainError>& e) { return e ? e->code : "ok"; }
template <class T>
std::string code_of(const Result<T>& r) { return r ? "ok" : r.error().code; }

std::string repeat(std::string_view piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out.append(piece);
    return out;
}

const Instant kAfter = at("2026-11-25T10:00:00+08:00");

}  // namespace

TEST_CASE("review: the members of a trip are the itinerary's distinct members, each once") {
    const Route route = fixtures::route();
    CHECK(trip_members(route) == std::vector<Id>{"m-bus", "m-hotel", "m-park", "m-spa"});
    CHECK(member_on_route(route, "m-spa"));
    CHECK_FALSE(member_on_route(route, "m-paused"));
    CHECK_FALSE(member_on_route(route, ""));
}

TEST_CASE("review: opens the China day after the trip's last day, not before") {
    const Route route = fixtures::route();
    const GroupTrip trip = locked_trip();
    // Last day 2026-11-22: its last China second, then the next China midnight (16:00 UTC).
    CHECK(code_of(review_refused(trip, route, "w-1", "m-park", at("2026-11-22T23:59:59+08:00"), nullptr)) == "trip_not_over");
    CHECK(code_of(review_refused(trip, route, "w-1", "m-park", at("2026-11-22T15:59:59Z"), nullptr)) == "trip_not_over");
    CHECK(code_of(review_refused(trip, route, "w-1", "m-park", at("2026-11-22T16:00:00Z"), nullptr)) == "ok");
    CHECK(code_of(review_refused(trip, route, "w-1", "m-park", at("2026-11-23T00:00:00+08:00"), nullptr)) == "ok");
    // During the trip, and on its departure day.
    CHECK(code_of(review_refused(trip, route, "w-1", "m-park", at("2026-11-20T09:00:00+08:00"), nullptr)) == "trip_not_over");
}

TEST_CASE("review: only a confirmed place on a locked trip travels") {
    const Route route = fixtures::route();
    for (PlaceState state : {PlaceState::waitlisted, PlaceState::offered, PlaceState::withdrawn,
                             PlaceState::offer_expired, PlaceState::released}) {
        INFO(static_cast<int>(state));
        CHECK(code_of(review_refused(locked_trip(state), route, "w-1", "m-park", kAfter, nullptr)) == "review_not_travelled");
    }
    CHECK(code_of(review_refused(locked_trip(), route, "w-nobody", "m-park", kAfter, nullptr)) == "review_not_travelled");

    GroupTrip cancelled = locked_trip();
    cancelled.state = GroupState::cancelled;
    CHECK(code_of(review_refused(cancelled, route, "w-1", "m-park", kAfter, nullptr)) == "review_not_travelled");

    // Expired: fewer than min_size confirmed at the deadline (stored as expired, or still stored
    // as open because the clock never advanced it).
    GroupTrip expired = locked_trip();
    expired.min_size = 5;
    expired.state = GroupState::open;
    CHECK(code_of(review_refused(expired, route, "w-1", "m-park", kAfter, nullptr)) == "review_not_travelled");
    expired.state = GroupState::expired;
    CHECK(code_of(review_refused(expired, route, "w-1", "m-park", kAfter, nullptr)) == "review_not_travelled");

    // A trip stored as formed whose deadline has passed is locked at `now`.
    GroupTrip formed = locked_trip();
    formed.state = GroupState::formed;
    CHECK(code_of(review_refused(formed, route, "w-1", "m-park", kAfter, nullptr)) == "ok");
    CHECK(travelled(formed, "w-1", kAfter));
    CHECK_FALSE(travelled(formed, "w-1", at("2026-11-10T10:00:00+08:00")));  // before the deadline
}

TEST_CASE("review: a member not on the itinerary is refused") {
    CHECK(code_of(review_refused(locked_trip(), fixtures::route(), "w-1", "m-paused", kAfter, nullptr)) == "member_not_on_trip");
}

TEST_CASE("review: editable for 14 days after it was first written") {
    const Route route = fixtures::route();
    const GroupTrip trip = locked_trip();
    auto first = write_review(trip, route, "w-1", "m-park", stars(4, 4, 4), "不错", kAfter, nullptr, "rv-1");
    REQUIRE(first.ok());
    CHECK(first.value().id == "rv-1");
    CHECK(first.value().written == kAfter);
    CHECK(first.value().edited == kAfter);
    CHECK(first.value().worker == "w-1");
    CHECK(first.value().group == "g-past");

    const Instant last_second = kAfter + kReviewEditWindow;
    auto edited = write_review(trip, route, "w-1", "m-park", stars(2, 3, 1), "改了", last_second, &first.value(), "rv-ignored");
    REQUIRE(edited.ok());
    CHECK(edited.value().id == "rv-1");
    CHECK(edited.value().written == kAfter);
    CHECK(edited.value().edited == last_second);
    CHECK(edited.value().scores == stars(2, 3, 1));
    CHECK(edited.value().comment == "改了");

    auto late = write_review(trip, route, "w-1", "m-park", stars(1, 1, 1), "", last_second + 1, &edited.value(), "x");
    CHECK(code_of(late) == "review_edit_closed");
    // The window runs from the first writing, not from the last edit.
    CHECK_FALSE(review_editable(edited.value(), last_second + 1));

    // A hidden review stays hidden when edited.
    Review hidden = hide_review(first.value(), " 人身攻击 ").value();
    auto after_hide = write_review(trip, route, "w-1", "m-park", stars(3, 3, 3), "再改", kAfter + 60, &hidden, "x");
    REQUIRE(after_hide.ok());
    CHECK(after_hide.value().hidden);
    CHECK(after_hide.value().hidden_reason == "人身攻击");
}

TEST_CASE("review: stars 1 to 5 on each dimension") {
    CHECK(check_scores(stars(1, 5, 3)).ok());
    auto zero = check_scores(stars(0, 3, 3));
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.error().code == "bad_value");
    CHECK(zero.error().path == "scores.etiquette");
    CHECK(check_scores(stars(3, 6, 3)).error().path == "scores.process");
    CHECK(check_scores(stars(3, 3, -1)).error().path == "scores.problem_handling");
    // write_review checks the scores after the rules.
    CHECK(code_of(write_review(locked_trip(), fixtures::route(), "w-1", "m-park", stars(3, 3, 6), "", kAfter, nullptr, "r")) == "bad_value");
}

TEST_CASE("review: a comment of 500 code points, emoji included, and not 501") {
    const std::string han500 = repeat("好", 499) + "😀";  // 499 three-byte + one four-byte code point
    REQUIRE(code_points(han500) == 500);
    auto ok = check_comment(han500);
    REQUIRE(ok.ok());
    CHECK(ok.value() == han500);
    auto too_long = check_comment(han500 + "!");
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().code == "bad_value");
    CHECK(too_long.error().path == "comment");
    CHECK(check_comment(repeat("😀", 501)).error().code == "bad_value");
    CHECK(check_comment(repeat("a", 500)).ok());
    // Trimming comes first: white space around 500 code points does not count.
    CHECK(check_comment("  \n" + han500 + "\u3000 ").value() == han500);
    // Any script.
    CHECK(check_comment("Très bien, очень хорошо, とても良い, 👍🏽").ok());
}

TEST_CASE("review: control characters other than newline are refused, the text is trimmed") {
    CHECK(check_comment("第一行\n第二行").value() == "第一行\n第二行");
    CHECK(check_comment("第一行\r\n第二行").value() == "第一行\n第二行");
    CHECK(check_comment("  服务周到  ").value() == "服务周到");
    CHECK(check_comment("").value().empty());
    CHECK(check_comment(" \n ").value().empty());
    for (std::string bad : {std::string("a\tb"), std::string("a\rb"), std::string("a\x01" "b"), std::string("a\x7f" "b"),
                            std::string("a\xc2\x85" "b"), std::string("a") + '\0' + "b"}) {
        INFO(bad);
        auto r = check_comment(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().path == "comment");
    }
    // Invalid UTF-8: a stray continuation byte, a truncated sequence, an overlong one.
    for (std::string bad : {std::string("a\x80"), std::string("\xe5\xa5"), std::string("\xc0\xaf")}) {
        CHECK(check_comment(bad).error().code == "bad_value");
    }
}

TEST_CASE("review: hiding needs a reason") {
    Review review;
    review.id = "rv";
    review.comment = "骂人的话";
    CHECK(code_of(hide_review(review, "  ")) == "reason_required");
    auto hidden = hide_review(review, "辱骂");
    REQUIRE(hidden.ok());
    CHECK(hidden.value().hidden);
    CHECK(hidden.value().comment == "骂人的话");  // kept: the secretariat and the audit trail still see it
}

TEST_CASE("review: what a worker may still rate") {
    const Route route = fixtures::route();
    GroupTrip older = locked_trip();
    older.id = "g-old";
    older.departure = day("2026-10-01");
    older.join_deadline = at("2026-09-25T18:00:00+08:00");
    GroupTrip newer = locked_trip();
    GroupTrip waiting = locked_trip(PlaceState::waitlisted);
    waiting.id = "g-waited";
    GroupTrip unknown_route = locked_trip();
    unknown_route.id = "g-unknown";
    unknown_route.route = "r-gone";
    const RouteLookup lookup = [&](const Id& id) -> const Route* { return id == route.id ? &route : nullptr; };

    Review done;
    done.group = "g-past";
    done.member = "m-hotel";
    done.worker = "w-1";
    const auto due = reviews_due({older, newer, waiting, unknown_route}, lookup, "w-1", {done}, kAfter);
    std::vector<std::string> seen;
    for (const ReviewDue& d : due) seen.push_back(d.group + "/" + d.member);
    CHECK(seen == std::vector<std::string>{"g-past/m-bus", "g-past/m-park", "g-past/m-spa", "g-old/m-bus", "g-old/m-hotel",
                                           "g-old/m-park", "g-old/m-spa"});
    CHECK(due[0].last_day == day("2026-11-22"));
    CHECK(due[0].route_title == route.title);
    CHECK(due[0].route == route.id);

    // Before the newer trip is over only the older one is due.
    CHECK(reviews_due({older, newer}, lookup, "w-1", {}, at("2026-11-22T20:00:00+08:00")).size() == 4);
    // Someone else travelled on both.
    CHECK(reviews_due({older, newer}, lookup, "w-2", {}, kAfter).empty());
}

TEST_CASE("review: member scores and the 5-review threshold") {
    std::vector<Review> reviews;
    auto add = [&](const char* member, ReviewScores s, bool hidden = false) {
        Review r;
        r.member = member;
        r.scores = s;
        r.hidden = hidden;
        reviews.push_back(r);
    };
    for (int i = 0; i < 4; ++i) add("m-b", stars(5, 4, 3));
    add("m-a", stars(1, 2, 3));
    add("m-b", stars(1, 1, 1), true);  // hidden: its stars still count
    const auto scores = member_scores(reviews);
    REQUIRE(scores.size() == 2);
    CHECK(scores[0].member == "m-a");
    CHECK(scores[0].count == 1);
    CHECK_FALSE(scores[0].shows_average());
    CHECK(scores[1].member == "m-b");
    CHECK(scores[1].count == 5);
    CHECK(scores[1].shows_average());
    CHECK(scores[1].star_sums == std::array<std::int64_t, 3>{21, 17, 13});
    CHECK(*scores[1].average(ReviewDimension::etiquette) == Approx(4.2));
    CHECK(*scores[1].overall() == Approx(51.0 / 15.0));
    CHECK_FALSE(MemberScore{}.overall());
    CHECK(round_average(10.0 / 3.0) == Approx(3.33));
    CHECK(round_average(2.675000001) == Approx(2.68));
}

TEST_CASE("review: standing marks") {
    const Instant now = fixtures::now();  // 2026-12-01
    auto mark = check_standing("m-a", MemberStanding::rectification, " 服务态度差 ", day("2026-12-01"), now, "sec");
    REQUIRE(mark.ok());
    CHECK(mark.value().note == "服务态度差");
    CHECK(mark.value().follow_up == day("2026-12-01"));
    CHECK(mark.value().at == now);
    CHECK(mark.value().by == "sec");
    CHECK(check_standing("m-a", MemberStanding::rectification, "", day("2026-12-10"), now, "sec").error().path == "note");
    CHECK(check_standing("m-a", MemberStanding::rectification, "x", std::nullopt, now, "sec").error().path == "follow_up");
    auto past = check_standing("m-a", MemberStanding::rectification, "x", day("2026-11-30"), now, "sec");
    CHECK(past.error().code == "bad_value");
    auto exemplary = check_standing("m-a", MemberStanding::exemplary, "", day("2026-11-30"), now, "sec");
    REQUIRE(exemplary.ok());
    CHECK_FALSE(exemplary.value().follow_up);
    CHECK(parse_standing("exemplary") == MemberStanding::exemplary);
    CHECK_FALSE(parse_standing("Exemplary"));
    CHECK(parse_review_dimension("problem_handling") == ReviewDimension::problem_handling);
    CHECK(review_dimension_label_zh(ReviewDimension::process) == "服务流程");
}

TEST_CASE("review wire: shapes round-trip and garbage is bad_answer") {
    Review review;
    review.id = "rv-1";
    review.group = "g-1";
    review.member = "m-a";
    review.worker = "w-1";
    review.scores = stars(5, 4, 3);
    review.comment = "很好😀";
    review.written = at("2026-11-25T10:00:00Z");
    review.edited = at("2026-11-26T10:00:00Z");
    review.hidden = true;
    review.hidden_reason = "测试";
    CHECK(wire::decode_review(wire::encode_review(review, true)).value() == review);
    const auto json = wire::encode_review(review, false);
    CHECK_FALSE(json.contains("worker"));
    CHECK_FALSE(json.contains("hidden_reason"));
    CHECK(json["comment"] == "");

    wire::MyReviews mine;
    mine.due = {ReviewDue{"g-1", "r-1", "m-a", day("2026-11-22"), "三日游", "某酒店"}};
    review.hidden = false;
    review.hidden_reason.clear();
    mine.reviews = {review};
    CHECK(wire::decode_my_reviews(wire::dump(wire::encode_my_reviews(mine))).value() == mine);

    wire::MemberReviewsPage page;
    page.member = "m-a";
    page.count = 6;
    page.averages = std::array<double, 3>{4.5, 3.25, 4};
    page.standing = MemberStanding::exemplary;
    review.worker.clear();
    page.comments = {review};
    page.total_comments = 1;
    page.limit = 20;
    CHECK(wire::decode_member_reviews(wire::dump(wire::encode_member_reviews(page))).value() == page);

    wire::ReviewScoresAnswer answer;
    answer.from = day("2026-01-01");
    wire::MemberScoreRow row;
    row.member = "m-a";
    row.member_name = "甲";
    row.count = 2;
    row.averages = std::array<double, 3>{1, 2, 3};
    row.overall = 2;
    row.months = {wire::MonthScore{"2026-05", 2, std::array<double, 3>{1, 2, 3}}};
    row.standing = StandingMark{"m-a", MemberStanding::rectification, "改", day("2026-12-20"), at("2026-12-01T00:00:00Z"), "sec"};
    answer.members = {row};
    CHECK(wire::decode_review_scores_answer(wire::dump(wire::encode_review_scores_answer(answer))).value() == answer);

    for (const char* garbage : {"", "nope", "[]", "{\"due\":{}}", "{\"due\":[{\"group\":1}],\"reviews\":[]}"}) {
        INFO(garbage);
        CHECK(wire::decode_my_reviews(garbage).error().code == "bad_answer");
        CHECK(wire::decode_member_reviews(garbage).error().code == "bad_answer");
        CHECK(wire::decode_review_scores_answer(garbage).error().code == "bad_answer");
    }
    CHECK_FALSE(wire::decode_review_scores(nlohmann::json{{"etiquette", 1}, {"process", 2}}));
}

namespace {

const Catalogue& demo_catalogue() {
    static const Catalogue catalogue = [] {
        std::ifstream in(std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json", std::ios::binary);
        REQUIRE(in.good());
        std::ostringstream text;
        text << in.rdbuf();
        auto parsed = parse_catalogue(text.str());
        if (!parsed) FAIL(parsed.error().message_en);
        return parsed.value();
    }();
    return catalogue;
}

// The history moved by `days` whole days (every day and instant in it).
DemoHistory shifted(DemoHistory history, int days) {
    const Instant by = static_cast<Instant>(days) * kSecondsPerDay;
    for (GroupTrip& trip : history.groups) {
        trip.departure += days;
        trip.created += by;
        trip.join_deadline += by;
        for (Place& place : trip.places) place.since += by;
    }
    for (Review& review : history.reviews) {
        review.written += by;
        review.edited += by;
    }
    for (StandingMark& mark : history.marks) {
        mark.at += by;
        if (mark.follow_up) *mark.follow_up += days;
    }
    return history;
}

}  // namespace

TEST_CASE("demo history: deterministic, and every date relative to now") {
    // Two load moments, neither of them today: a China day's first minute and its last.
    const Instant early = at("2027-03-15T00:01:00+08:00");
    const Instant late = at("2027-05-20T23:59:00+08:00");
    const DemoHistory a = generate_history(demo_catalogue(), early);
    const DemoHistory b = generate_history(demo_catalogue(), early);
    CHECK(a.groups == b.groups);
    CHECK(a.reviews == b.reviews);
    CHECK(a.marks == b.marks);
    const int days = day_of(late) - day_of(early);
    const DemoHistory later = generate_history(demo_catalogue(), early + static_cast<Instant>(days) * kSecondsPerDay);
    const DemoHistory moved = shifted(a, days);
    CHECK(later.groups == moved.groups);
    CHECK(later.reviews == moved.reviews);
    CHECK(later.marks == moved.marks);
}

TEST_CASE("demo history: past trips, reviews every member can show, the traveller's review due") {
    const Instant now = at("2027-03-15T09:30:00+08:00");
    const Day today = day_of(now);
    const Catalogue& catalogue = demo_catalogue();
    const DemoHistory history = generate_history(catalogue, now);
    std::map<Id, const Route*> routes;
    for (const Route& route : catalogue.routes) routes[route.id] = &route;
    REQUIRE(history.groups.size() >= 50);

    std::map<GroupState, int> states;
    std::map<Id, const GroupTrip*> groups;
    std::map<Id, std::vector<std::pair<Day, Day>>> worker_days;
    Day earliest = today;
    for (const GroupTrip& trip : history.groups) {
        REQUIRE(routes.count(trip.route));
        const Route& route = *routes[trip.route];
        groups[trip.id] = &trip;
        ++states[trip.state];
        INFO(trip.id);
        CHECK(last_day(trip.departure, route.days) < today);  // every trip is over
        CHECK(trip.created < trip.join_deadline);
        CHECK(trip.join_deadline < china_midnight(trip.departure));
        CHECK(derive_state(trip, now) == trip.state);
        earliest = std::min(earliest, trip.departure);
        for (const Place& place : trip.places)
            if (place.state == PlaceState::confirmed)
                worker_days[place.worker.str()].emplace_back(trip.departure, last_day(trip.departure, route.days));
    }
    CHECK(today - earliest >= 500);  // about 18 months
    CHECK(states[GroupState::locked] >= 40);
    CHECK(states[GroupState::expired] >= 1);
    CHECK(states[GroupState::cancelled] >= 1);
    // Nobody is on two trips at once.
    for (auto& [worker, spans] : worker_days) {
        std::sort(spans.begin(), spans.end());
        for (std::size_t i = 1; i < spans.size(); ++i) CHECK(spans[i - 1].second < spans[i].first);
    }

    // Every review is one the rules take, when it was written; every member of the routes used has 5 or more.
    std::set<std::string> seen;
    for (const Review& review : history.reviews) {
        INFO(review.id);
        REQUIRE(groups.count(review.group));
        const GroupTrip& trip = *groups[review.group];
        CHECK(code_of(review_refused(trip, *routes[trip.route], review.worker, review.member, review.written, nullptr)) == "ok");
        CHECK(check_scores(review.scores).ok());
        CHECK(check_comment(review.comment).ok());
        CHECK(review.written <= now);
        CHECK(seen.insert(review.group + "|" + review.member + "|" + review.worker).second);  // once each
    }
    std::map<Id, MemberScore> scores;
    for (const MemberScore& score : member_scores(history.reviews)) scores[score.member] = score;
    for (const GroupTrip& trip : history.groups) {
        if (trip.state != GroupState::locked || trip.id == history.traveller_group) continue;
        for (const Id& member : trip_members(*routes[trip.route])) {
            INFO(member);
            CHECK(scores[member].shows_average());
        }
    }
    CHECK(*scores[history.weak_member].overall() < 2.5);
    CHECK(*scores[history.excellent_member].overall() > 4.5);
    REQUIRE(history.marks.size() == 2);
    CHECK(history.marks[0].standing == MemberStanding::rectification);
    CHECK(check_standing(history.marks[0].member, history.marks[0].standing, history.marks[0].note,
                         history.marks[0].follow_up, now, "a-admin").ok());

    // The traveller: a trip that ended two days ago, every member of it still to rate.
    const GroupTrip& travelled_trip = *groups.at(history.traveller_group);
    const Route& route = *routes[travelled_trip.route];
    CHECK(last_day(travelled_trip.departure, route.days) == today - 2);
    const RouteLookup lookup = [&](const Id& id) -> const Route* { return routes.count(id) ? routes[id] : nullptr; };
    const auto due = reviews_due(history.groups, lookup, kDemoTravellerId, history.reviews, now);
    CHECK(due.size() == trip_members(route).size());
    CHECK(history.traveller_unit == "u-qz-school2");
}
