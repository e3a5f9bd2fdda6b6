// The duplicate-group rule: a second group on the same route and day is warned about while the
// first one still takes joins, and only then.
#include <catch2/catch.hpp>

#include "core/group_trip.hpp"
#include "core_fixtures.hpp"

using namespace liaoxiu;
using fixtures::at;
using fixtures::day;

namespace {

const Instant kNow = fixtures::now();  // 2026-12-01 10:00 China time

// Any unit's group on the fixture route, leaving 2026-12-20, joining open until the 15th.
GroupTrip existing() {
    const Catalogue c = fixtures::catalogue();
    GroupDraft d;
    d.id = "g-first";
    d.route = "r-qz-3d";
    d.organizer_unit = "u-a";
    d.departure = day("2026-12-20");
    d.min_size = 2;
    d.max_size = 3;
    d.join_deadline = at("2026-12-15T18:00:00+08:00");
    auto r = open_group(d, c.routes[0], c, kNow);
    REQUIRE(r.ok());
    return r.value();
}

// What another unit's union is about to open (no id yet, as the app's form sends it).
GroupDraft second(const char* departure = "2026-12-20", const char* route = "r-qz-3d") {
    GroupDraft d;
    d.route = route;
    d.organizer_unit = "u-org";
    d.departure = day(departure);
    d.min_size = 2;
    d.max_size = 3;
    d.join_deadline = at("2026-12-16T23:59:59+08:00");
    return d;
}

}  // namespace

TEST_CASE("duplicates_group: the same route and day while the first group takes joins", "[core][group][duplicate]") {
    const GroupTrip first = existing();
    CHECK(duplicates_group(first, second(), kNow));

    // Formed or full groups still take joins (a full one onto its waiting list): still a duplicate.
    GroupTrip formed = first;
    formed.state = GroupState::formed;
    CHECK(duplicates_group(formed, second(), kNow));
    GroupTrip full = first;
    full.state = GroupState::full;
    CHECK(duplicates_group(full, second(), kNow));

    // Another day or another route is no duplicate.
    CHECK(!duplicates_group(first, second("2026-12-21"), kNow));
    CHECK(!duplicates_group(first, second("2026-12-19"), kNow));
    CHECK(!duplicates_group(first, second("2026-12-20", "r-other"), kNow));
}

TEST_CASE("duplicates_group: a group that no longer takes joins is no duplicate", "[core][group][duplicate]") {
    const GroupTrip first = existing();
    GroupTrip cancelled = first;
    cancelled.state = GroupState::cancelled;
    CHECK(!duplicates_group(cancelled, second(), kNow));
    GroupTrip expired = first;
    expired.state = GroupState::expired;
    CHECK(!duplicates_group(expired, second(), kNow));
    GroupTrip locked = first;
    locked.state = GroupState::locked;
    CHECK(!duplicates_group(locked, second(), kNow));

    // Its deadline passed though its stored state was not advanced yet: the clock decides.
    CHECK(duplicates_group(first, second(), at("2026-12-15T17:59:59+08:00")));
    CHECK(!duplicates_group(first, second(), at("2026-12-15T18:00:00+08:00")));
}

TEST_CASE("duplicates_group: a group is no duplicate of itself", "[core][group][duplicate]") {
    const GroupTrip first = existing();
    GroupDraft same = second();
    same.id = first.id;
    CHECK(!duplicates_group(first, same, kNow));
}
