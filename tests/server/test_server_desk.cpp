// The unit union's desk on the endpoint: a trip's roster (own workers by name, other units
// as counts), a union adding its own worker (same rules and idempotency as a join), freeing
// a worker's place with a reason the worker sees, and the unit's worker accounts. Every
// role that must be refused is tried.
#include "desk_checks.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using namespace liaoxiu::testing;
using namespace liaoxiu::testing::desk;

TEST_CASE("the roster: own unit's workers by name, other units as counts, the secretariat sees all",
          "[server][desk]") {
    check_roster_names_and_counts({});
}

TEST_CASE("a union adds a worker of its own unit: the join's rules and idempotency", "[server][desk]") {
    check_union_adds_own_worker({});
}

TEST_CASE("freeing another worker's place needs a reason, which the worker and the roster show", "[server][desk]") {
    check_withdraw_needs_reason({});
}

TEST_CASE("a unit's worker accounts: its union and the secretariat", "[server][desk]") {
    check_unit_worker_accounts({});
}

TEST_CASE("a route no longer bookable: joins, a union's add and accepting an offer are refused, withdrawing and cancelling work",
          "[server][desk]") {
    check_unbookable_route_refuses_new_places({});
}

TEST_CASE("roster access follows taking part: a union whose last worker withdrew reads it no more",
          "[server][desk]") {
    check_roster_access_follows_taking_part({});
}

TEST_CASE("the demo: every worker holding a place has an account, named on the rosters", "[server][desk]") {
    TempDir dir;
    check_demo_places_have_accounts("sqlite:" + (dir.path() / "demo.db").string());
}
