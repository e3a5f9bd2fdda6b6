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
    DeskWorld d;
    auto& http = *d.world.http;

    auto own = get(http, d.path("roster"), d.union_a);
    REQUIRE(own->status == 200);
    auto roster = parse(own->body);
    CHECK(roster["group"] == d.group);
    REQUIRE(roster["workers"].size() == 1);
    CHECK(roster["workers"][0]["worker"] == d.worker_a.account);
    CHECK(roster["workers"][0]["name"] == "张三");
    CHECK(roster["workers"][0]["member_number"] == "张三");
    CHECK(roster["workers"][0]["state"] == "confirmed");
    REQUIRE(roster["other_units"].size() == 1);
    CHECK(roster["other_units"][0]["unit"] == d.world.unit(1));
    CHECK(roster["other_units"][0]["confirmed"] == 2);
    CHECK(roster["other_units"][0]["waiting"] == 0);
    CHECK(own->body.find("王五") == std::string::npos);  // another unit's names are not the union's to see

    // A unit taking part (not organizing) sees its own two by name and the organizer's unit as a count.
    auto taking_part = parse(get(http, d.path("roster"), d.union_b)->body);
    REQUIRE(taking_part["workers"].size() == 2);
    CHECK(taking_part["workers"][0]["name"] == "王五");
    CHECK(taking_part["workers"][1]["name"] == "赵六");
    REQUIRE(taking_part["other_units"].size() == 1);
    CHECK(taking_part["other_units"][0]["confirmed"] == 1);

    auto all = parse(get(http, d.path("roster"), d.world.admin)->body);
    CHECK(all["workers"].size() == 3);
    CHECK(all["other_units"].empty());

    SECTION("refused: a worker, a union with nothing to do with the trip, nobody signed in; unknown trip") {
        auto worker = get(http, d.path("roster"), d.worker_a);
        CHECK(worker->status == 403);
        CHECK(parse(worker->body)["message_zh"] == "职工不能查看拼团名单");
        auto stranger = get(http, d.path("roster"), d.union_c);
        CHECK(stranger->status == 403);
        CHECK(parse(stranger->body)["message_zh"] == "本单位未参加该拼团，不能查看名单");
        CHECK(http.Get(d.path("roster"))->status == 401);
        CHECK(get(http, "/api/v1/groups/g-missing/roster", d.union_a)->status == 404);
    }
}

TEST_CASE("a union adds a worker of its own unit: the join's rules and idempotency", "[server][desk]") {
    DeskWorld d;
    auto& http = *d.world.http;
    const httplib::Headers key = {{"Idempotency-Key", "add-1"}};

    auto added = post(http, d.path("join"), d.union_a, {{"worker", d.worker_a2.account}}, key);
    REQUIRE(added->status == 200);
    CHECK(parse(added->body)["worker"] == d.worker_a2.account);
    CHECK(parse(added->body)["state"] == "confirmed");
    // The same key again: the first answer, byte for byte.
    auto replayed = post(http, d.path("join"), d.union_a, {{"worker", d.worker_a2.account}}, key);
    CHECK(replayed->status == 200);
    CHECK(replayed->get_header_value("Idempotent-Replayed") == "true");
    CHECK(replayed->body == added->body);
    // The key reused for another request.
    CHECK(parse(post(http, d.path("join"), d.union_a, {{"worker", d.worker_a.account}}, key)->body)["code"] ==
          "idempotency_key_reused");
    // The core's rules, for the worker added: already on the trip.
    auto again = post(http, d.path("join"), d.union_a, {{"worker", d.worker_a2.account}});
    CHECK(again->status == 409);
    CHECK(parse(again->body)["code"] == "already_joined");
    // The worker sees it as their own place.
    auto mine = parse(get(http, "/api/v1/me/trips", d.worker_a2)->body);
    REQUIRE(mine["trips"].size() == 1);
    CHECK(mine["trips"][0]["my_place"]["state"] == "confirmed");

    SECTION("refused: another unit's worker, a non-worker account, a worker for someone else, the secretariat") {
        auto other_unit = post(http, d.path("join"), d.union_b, {{"worker", d.worker_a2.account}});
        CHECK(other_unit->status == 403);
        CHECK(parse(other_unit->body)["path"] == "worker");
        auto union_account = post(http, d.path("join"), d.union_a, {{"worker", d.union_a.account}});
        CHECK(union_account->status == 403);  // its own account: a union joins nothing
        auto other_union = post(http, d.path("join"), d.union_a, {{"worker", d.union_b.account}});
        CHECK(other_union->status == 403);
        CHECK(parse(other_union->body)["message_en"] == "only a worker account can be added to a group trip");
        auto by_worker = post(http, d.path("join"), d.worker_a, {{"worker", d.worker_a2.account}});
        CHECK(by_worker->status == 403);
        CHECK(parse(by_worker->body)["message_en"] == "a worker can only join for themselves");
        CHECK(post(http, d.path("join"), d.world.admin, {{"worker", d.worker_a2.account}})->status == 403);
        auto unknown = post(http, d.path("join"), d.union_a, {{"worker", "w-nobody"}});
        CHECK(unknown->status == 422);
        CHECK(parse(unknown->body)["path"] == "worker");
        CHECK(post(http, d.path("join"), d.union_a, {{"worker", 7}})->status == 400);
        // A union still cannot join for itself.
        CHECK(post(http, d.path("join"), d.union_a, {})->status == 403);
    }
}

TEST_CASE("freeing another worker's place needs a reason, which the worker and the roster show", "[server][desk]") {
    DeskWorld d;
    auto& http = *d.world.http;

    auto missing = post(http, d.path("withdraw"), d.union_b, {{"worker", d.worker_b.account}});
    CHECK(missing->status == 422);
    CHECK(parse(missing->body)["code"] == "reason_required");
    CHECK(parse(missing->body)["path"] == "reason");
    CHECK(post(http, d.path("withdraw"), d.union_b, {{"worker", d.worker_b.account}, {"reason", "  "}})->status == 422);
    // Nothing was freed by the refusals.
    CHECK(parse(get(http, "/api/v1/groups/" + d.group, d.worker_b)->body)["my_place"]["state"] == "confirmed");

    // The union of the worker's own unit (not the organizing one) frees its worker's place.
    auto freed = post(http, d.path("withdraw"), d.union_b, {{"worker", d.worker_b.account}, {"reason", "单位临时有接待任务"}});
    REQUIRE(freed->status == 200);
    auto seen = parse(get(http, "/api/v1/groups/" + d.group, d.worker_b)->body);
    CHECK(seen["my_place"]["state"] == "withdrawn");
    CHECK(seen["my_place"]["reason"] == "单位临时有接待任务");
    auto trips = parse(get(http, "/api/v1/me/trips", d.worker_b)->body);
    REQUIRE(trips["trips"].size() == 1);
    CHECK(trips["trips"][0]["my_place"]["reason"] == "单位临时有接待任务");
    auto roster = parse(get(http, d.path("roster"), d.union_b)->body);
    REQUIRE(roster["workers"].size() == 2);
    CHECK(roster["workers"][0]["state"] == "withdrawn");
    CHECK(roster["workers"][0]["reason"] == "单位临时有接待任务");
    // Counts for the organizer's union no longer include the freed place.
    auto for_a = parse(get(http, d.path("roster"), d.union_a)->body);
    CHECK(for_a["other_units"][0]["confirmed"] == 1);

    SECTION("a worker's own withdrawal needs no reason and carries none") {
        REQUIRE(post(http, d.path("withdraw"), d.worker_a, {})->status == 200);
        auto own = parse(get(http, "/api/v1/groups/" + d.group, d.worker_a)->body);
        CHECK(own["my_place"]["state"] == "withdrawn");
        CHECK(!own["my_place"].contains("reason"));
    }
    SECTION("refused: a worker naming someone else; a union of an uninvolved unit") {
        CHECK(post(http, d.path("withdraw"), d.worker_a, {{"worker", d.worker_b2.account}, {"reason", "x"}})->status ==
              403);
        CHECK(post(http, d.path("withdraw"), d.union_c, {{"worker", d.worker_b2.account}, {"reason", "x"}})->status ==
              403);
    }
}

TEST_CASE("a unit's worker accounts: its union and the secretariat", "[server][desk]") {
    DeskWorld d;
    auto& http = *d.world.http;
    const std::string path = "/api/v1/units/" + d.world.unit(0) + "/workers";
    auto listed = get(http, path, d.union_a);
    REQUIRE(listed->status == 200);
    auto body = parse(listed->body);
    CHECK(body["unit"] == d.world.unit(0));
    REQUIRE(body["workers"].size() == 2);
    CHECK(body["workers"][0]["role"] == "worker");
    for (const auto& worker : body["workers"]) CHECK(worker["unit"] == d.world.unit(0));
    CHECK(get(http, path, d.world.admin)->status == 200);
    CHECK(get(http, path, d.union_b)->status == 403);
    CHECK(get(http, path, d.worker_a)->status == 403);
    CHECK(http.Get(path)->status == 401);
    CHECK(get(http, "/api/v1/units/u-nowhere/workers", d.world.admin)->status == 404);
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
