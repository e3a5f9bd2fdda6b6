// rebase_dates: a catalogue written as of a moment is moved to the moment it is loaded.
#include "core/catalogue_dates.hpp"
#include "core/json.hpp"
#include "core/text_stream.hpp"
#include "core_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using namespace liaoxiu::fixtures;

namespace {

// A catalogue with every dated field set: a member's admission and suspension, a policy,
// a group with a confirmed place and an offered one.
Catalogue dated_catalogue() {
    Catalogue c = catalogue();
    GroupTrip g;
    g.id = "g-1";
    g.route = "r-qz-3d";
    g.organizer_unit = "u-org";
    g.departure = day("2027-04-10");
    g.min_size = 2;
    g.max_size = 2;
    g.join_deadline = at("2027-03-20T18:00:00+08:00");
    g.created = at("2026-11-10T09:30:00+08:00");
    g.state = GroupState::full;
    g.places = {Place{"w-1", "u-org", PlaceState::confirmed, 1, at("2026-11-10T09:31:00+08:00"), std::nullopt, {}},
                Place{"w-2", "u-a", PlaceState::offered, 2, at("2026-11-29T05:00:00+08:00"),
                      at("2026-11-30T05:00:00+08:00"), {}}};
    c.groups = {g};
    c.dates_as_of = at("2026-11-29T10:00:00+08:00");
    return c;
}

}  // namespace

TEST_CASE("rebase_dates moves instants by the elapsed time and days by China-time days", "[dates]") {
    const Catalogue written = dated_catalogue();
    // 45 days and 13 hours later: 23:00 China time, so the calendar moved 45 days but
    // a day's worth of hours did not pass in whole.
    const Instant now = at("2027-01-13T23:00:00+08:00");
    const Instant by = now - *written.dates_as_of;
    Catalogue moved = written;
    rebase_dates(moved, now);

    CHECK_FALSE(moved.dates_as_of);
    CHECK(moved.members[4].admitted == written.members[4].admitted + 45);
    CHECK(*moved.members[4].status_since == *written.members[4].status_since + 45);
    CHECK(moved.policies[0].date == written.policies[0].date + 45);
    const GroupTrip& g = moved.groups[0];
    const GroupTrip& w = written.groups[0];
    CHECK(g.departure == w.departure + 45);
    CHECK(format_day(g.departure) == "2027-05-25");
    CHECK(g.join_deadline == w.join_deadline + by);
    CHECK(g.created == w.created + by);
    CHECK(g.places[0].since == w.places[0].since + by);
    CHECK(g.places[1].since == w.places[1].since + by);
    // The offer had 19 hours left when written, and has 19 hours left when loaded.
    CHECK(*g.places[1].offer_expires - now == 19 * 3600);
    // Nothing else changed.
    moved.members = written.members;
    moved.policies = written.policies;
    moved.groups = written.groups;
    moved.dates_as_of = written.dates_as_of;
    CHECK(moved == written);
}

TEST_CASE("rebase_dates leaves a catalogue without dates_as_of as it is", "[dates]") {
    Catalogue c = dated_catalogue();
    c.dates_as_of.reset();
    Catalogue moved = c;
    rebase_dates(moved, at("2031-01-01T00:00:00Z"));
    CHECK(moved == c);
}

TEST_CASE("dates_as_of survives a JSON round trip, tree and streamed, and is absent when unset", "[dates][json]") {
    const Catalogue c = dated_catalogue();
    const nlohmann::json tree = c;
    CHECK(tree.at("dates_as_of") == "2026-11-29T02:00:00Z");
    auto decoded = parse_catalogue(tree.dump());
    REQUIRE(decoded);
    CHECK(decoded.value() == c);

    StringSink sink;
    REQUIRE(write_catalogue(c, sink));
    CHECK(sink.text == tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));

    Catalogue plain = c;
    plain.dates_as_of.reset();
    CHECK_FALSE(nlohmann::json(plain).contains("dates_as_of"));

    auto bad = parse_catalogue(R"({"format_version":1,"version":1,"dates_as_of":"yesterday","alliances":[],)"
                               R"("members":[],"routes":[],"policies":[],"units":[],"groups":[]})");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().path == "dates_as_of");
}
