// 想去 (core/wish.hpp, core/wire_wishes.hpp): who may wish, idempotency, the groups a wished
// route now has for the worker's unit, a union's counts, and the wire shapes' round trips.
#include "core/wire_wishes.hpp"
#include "core/wish.hpp"
#include "core_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using namespace liaoxiu::fixtures;

namespace {

const Actor kWorker{Role::worker, "w-1", "u-a"};

GroupTrip trip(const char* id, const char* departure, GroupState state = GroupState::open,
               Visibility visibility = Visibility::alliance, const char* organizer = "u-org") {
    GroupTrip g;
    g.id = id;
    g.route = "r-qz-3d";
    g.organizer_unit = organizer;
    g.departure = day(departure);
    g.min_size = 2;
    g.max_size = 10;
    g.join_deadline = at("2026-12-20T18:00:00+08:00");
    g.state = state;
    g.visibility = visibility;
    g.created = at("2026-11-30T09:00:00+08:00");
    return g;
}

std::vector<Id> ids(const std::vector<const GroupTrip*>& groups) {
    std::vector<Id> out;
    for (const GroupTrip* g : groups) out.push_back(g->id);
    return out;
}

}  // namespace

TEST_CASE("wish: only a worker may wish, on a published route, and a second wish keeps the first") {
    const Route r = route();
    auto made = make_wish(kWorker, &r, r.id, now(), nullptr);
    REQUIRE(made);
    CHECK(made.value().created);
    CHECK(made.value().wish == RouteWish{"r-qz-3d", "w-1", "u-a", now()});

    // Again, later: the stored one is kept, with its since, and it is not new.
    const RouteWish first = made.value().wish;
    auto again = make_wish(kWorker, &r, r.id, now() + 3600, &first);
    REQUIRE(again);
    CHECK_FALSE(again.value().created);
    CHECK(again.value().wish.since == now());

    for (Role role : {Role::organizer, Role::secretariat}) {
        auto refused = make_wish(Actor{role, "x", "u-a"}, &r, r.id, now(), nullptr);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == "forbidden");
        CHECK_FALSE(refused.error().message_zh.empty());
        CHECK_FALSE(refused.error().message_en.empty());
    }
    auto unknown = make_wish(kWorker, nullptr, "r-none", now(), nullptr);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == "unknown_route");
    CHECK(unknown.error().message_en.find("r-none") != std::string::npos);

    Route draft = r;
    draft.status = PublishStatus::draft;
    auto drafted = make_wish(kWorker, &draft, draft.id, now(), nullptr);
    REQUIRE_FALSE(drafted);
    CHECK(drafted.error().code == "unknown_route");
    // The role is asked first: an organizer hears it is not theirs, not that the route is unknown.
    CHECK(make_wish(Actor{Role::organizer, "o", "u-a"}, nullptr, "r-none", now(), nullptr).error().code == "forbidden");
}

TEST_CASE("wish: withdrawing needs the worker's role, and a wish on a route gone unpublished may still go") {
    const Route r = route();
    CHECK_FALSE(unwish_refused(kWorker, &r, r.id, true));
    CHECK_FALSE(unwish_refused(kWorker, &r, r.id, false));  // nothing to withdraw is not an error
    CHECK_FALSE(unwish_refused(kWorker, nullptr, "r-gone", true));
    CHECK(unwish_refused(kWorker, nullptr, "r-gone", false)->code == "unknown_route");
    CHECK(unwish_refused(Actor{Role::organizer, "o", "u-a"}, &r, r.id, true)->code == "forbidden");
}

TEST_CASE("wish: a wished route has a group for the worker when one takes joins and is open to their unit") {
    std::vector<GroupTrip> groups = {
        trip("g-late", "2027-01-10"),
        trip("g-soon", "2026-12-28", GroupState::full),  // full: the worker may still join its waiting list
        trip("g-formed", "2027-01-03", GroupState::formed),
        trip("g-cancelled", "2026-12-26", GroupState::cancelled),
        trip("g-locked", "2026-12-25", GroupState::locked),
        trip("g-own-other", "2026-12-24", GroupState::open, Visibility::own_unit, "u-b"),
        trip("g-own-mine", "2026-12-29", GroupState::open, Visibility::own_unit, "u-a"),
    };
    GroupTrip other_route = trip("g-other-route", "2026-12-27");
    other_route.route = "r-else";
    groups.push_back(other_route);

    CHECK(ids(wish_groups(groups, "r-qz-3d", "u-a", now())) ==
          std::vector<Id>{"g-soon", "g-own-mine", "g-formed", "g-late"});
    // Another unit does not see u-a's own-unit group.
    CHECK(ids(wish_groups(groups, "r-qz-3d", "u-b", now())) ==
          std::vector<Id>{"g-own-other", "g-soon", "g-formed", "g-late"});
    // After the join deadline nothing takes joins, whatever the stored state says.
    CHECK(wish_groups(groups, "r-qz-3d", "u-a", at("2026-12-20T18:00:00+08:00")).empty());
    CHECK(wish_groups(groups, "r-none", "u-a", now()).empty());
    // Same departure: by id.
    std::vector<GroupTrip> twins = {trip("g-b", "2027-01-01"), trip("g-a", "2027-01-01")};
    CHECK(ids(wish_groups(twins, "r-qz-3d", "u-a", now())) == std::vector<Id>{"g-a", "g-b"});
}

TEST_CASE("wish: a union counts its own workers' wishes per route, most wished first") {
    const std::vector<RouteWish> wishes = {
        {"r-1", "w-1", "u-a", 100}, {"r-2", "w-1", "u-a", 300}, {"r-2", "w-2", "u-a", 200},
        {"r-3", "w-3", "u-a", 400}, {"r-1", "w-9", "u-b", 900},
    };
    const auto counts = unit_wish_counts(wishes, "u-a");
    REQUIRE(counts.size() == 3);
    CHECK(counts[0] == UnitWishCount{"r-2", 2, 300});
    CHECK(counts[1] == UnitWishCount{"r-3", 1, 400});  // the same count: the newer first
    CHECK(counts[2] == UnitWishCount{"r-1", 1, 100});  // u-b's wish is not u-a's
    CHECK(unit_wish_counts(wishes, "u-none").empty());

    CHECK_FALSE(unit_wishes_forbidden(Actor{Role::organizer, "o", "u-a"}, "u-a"));
    CHECK_FALSE(unit_wishes_forbidden(Actor{Role::secretariat, "admin", ""}, "u-a"));
    CHECK(unit_wishes_forbidden(Actor{Role::organizer, "o", "u-b"}, "u-a")->code == "forbidden");
    CHECK(unit_wishes_forbidden(kWorker, "u-a")->code == "forbidden");
}

TEST_CASE("wish: wire shapes round-trip and bad answers are refused") {
    wire::MyWish mine;
    mine.wish = RouteWish{"r-qz-3d", "w-1", "u-a", now()};
    mine.route_title = "红色教育+生态康养三日游";
    mine.groups = {wire::wish_group_of(trip("g-1", "2026-12-28"))};
    auto back = wire::decode_my_wishes(wire::encode_my_wishes({mine}).dump());
    REQUIRE(back);
    REQUIRE(back.value().size() == 1);
    CHECK(back.value()[0] == mine);
    CHECK(wire::encode_my_wish(mine)["groups"][0]["departure"] == "2026-12-28");

    wire::UnitWishes unit{"u-a", {wire::UnitWishRow{UnitWishCount{"r-qz-3d", 3, now()}, "三日游"}}};
    auto unit_back = wire::decode_unit_wishes(wire::encode_unit_wishes(unit).dump());
    REQUIRE(unit_back);
    CHECK(unit_back.value() == unit);

    for (const char* bad : {"", "[]", "{}", R"({"wishes":{}})", R"({"wishes":[{"route":"r"}]})",
                            R"({"wishes":[{"route":"r","since":"2026-12-01T00:00:00Z"}]})",
                            R"({"wishes":[{"route":"r","since":"2026-12-01T00:00:00Z","groups":[{"id":"g"}]}]})"}) {
        auto decoded = wire::decode_my_wishes(bad);
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().code == "bad_answer");
    }
    for (const char* bad : {"{}", R"({"routes":[{"route":"r"}]})", R"({"routes":[{"route":"r","count":-1}]})"}) {
        auto decoded = wire::decode_unit_wishes(bad);
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().code == "bad_answer");
    }
}
