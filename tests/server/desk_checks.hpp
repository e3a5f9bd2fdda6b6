// The unit union's desk on the endpoint, checked the same way on SQLite and PostgreSQL
// (test_server_desk.cpp and test_server_postgres.cpp call these with a database URL; an
// empty URL is a fresh SQLite file).
#pragma once

#include "test_world.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"

#include <catch2/catch.hpp>

#include <ctime>

namespace liaoxiu::testing::desk {

inline Instant now() { return static_cast<Instant>(std::time(nullptr)); }

inline httplib::Result get(httplib::Client& http, const std::string& path, const Session& who) {
    return http.Get(path, who.headers());
}

// Unit 0 opens a trip; unit 1 takes part; unit 2 has nothing to do with it.
struct DeskWorld {
    explicit DeskWorld(const std::string& db_url = {}) : world(test_server_options(), db_url) {
        for (const Session* who : {&worker_a, &worker_b, &worker_b2}) {
            auto res = post(*world.http, "/api/v1/groups/" + group + "/join", *who, {});
            if (!res || res->status != 200) throw std::runtime_error("join failed");
        }
    }
    std::string path(const char* action) const { return "/api/v1/groups/" + group + "/" + action; }

    World world;
    Session union_a = create_and_sign_in(*world.http, world.admin, "organizer", "union-a", world.unit(0));
    Session union_b = create_and_sign_in(*world.http, world.admin, "organizer", "union-b", world.unit(1));
    Session union_c = create_and_sign_in(*world.http, world.admin, "organizer", "union-c", world.unit(2));
    Session worker_a = create_and_sign_in(*world.http, world.admin, "worker", "张三", world.unit(0));
    Session worker_a2 = create_and_sign_in(*world.http, world.admin, "worker", "李四", world.unit(0));
    Session worker_b = create_and_sign_in(*world.http, world.admin, "worker", "王五", world.unit(1));
    Session worker_b2 = create_and_sign_in(*world.http, world.admin, "worker", "赵六", world.unit(1));
    std::string group = open_group(*world.http, union_a, world.route(), 1, 10, now() + 86400 * 5);
};

// The roster: own unit's workers by name, other units as counts, the secretariat sees all
inline void check_roster_names_and_counts(const std::string& db_url) {
    DeskWorld d(db_url);
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

// A union adds a worker of its own unit: the join's rules and idempotency
inline void check_union_adds_own_worker(const std::string& db_url) {
    DeskWorld d(db_url);
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

// Freeing another worker's place needs a reason, which the worker and the roster show
inline void check_withdraw_needs_reason(const std::string& db_url) {
    DeskWorld d(db_url);
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

// A unit's worker accounts: its union and the secretariat
inline void check_unit_worker_accounts(const std::string& db_url) {
    DeskWorld d(db_url);
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

// A trip already open on a route whose stop member is then suspended: no new place is taken
// (a worker's join, a union's add, accepting an offer: 422 route_not_bookable naming the member
// and the reason), while withdrawing and cancelling still work; reinstated, it books again.
inline void check_unbookable_route_refuses_new_places(const std::string& db_url) {
    DeskWorld d(db_url);
    auto& http = *d.world.http;
    const Route& route = d.world.catalogue.routes.at(0);
    const std::string member = route.itinerary.at(0).stops.at(0).member.str();
    // A second trip of one place: worker_a holds it, worker_b waits.
    const std::string small = open_group(http, d.union_a, route.id, 1, 1, now() + 86400 * 5, 40);
    const std::string small_path = "/api/v1/groups/" + small;
    REQUIRE(post(http, small_path + "/join", d.worker_a2, {})->status == 200);
    auto waiting = post(http, small_path + "/join", d.worker_b, {});
    REQUIRE(waiting->status == 200);
    REQUIRE(parse(waiting->body)["state"] == "waitlisted");

    const std::string reason = "消防检查未通过，停业整改";
    REQUIRE(post(http, "/api/v1/members/" + member + "/suspend", d.world.admin, {{"reason", reason}})->status == 200);
    // A refusal naming the member's status and the reason given for it.
    auto refused_as = [&](const httplib::Result& res, const std::string& why = "已暂停服务（消防检查未通过，停业整改）") {
        REQUIRE(res);
        INFO(res->body);
        CHECK(res->status == 422);
        const auto body = parse(res->body);
        CHECK(body["code"] == "route_not_bookable");
        CHECK(body["message_zh"].get<std::string>().find(why) != std::string::npos);
        return body;
    };

    // A worker's own join, with a key: refused, and the refusal is not kept under the key.
    const httplib::Headers key = {{"Idempotency-Key", "join-held"}};
    auto own = refused_as(post(http, d.path("join"), d.worker_a2, {}, key));
    // The same words as the refusal of a new group on the route.
    const nlohmann::json draft = {{"route", route.id},
                                  {"departure", format_day(day_of(now()) + 30)},
                                  {"min_size", 1},
                                  {"max_size", 10},
                                  {"join_deadline", format_instant(now() + 7 * 86400)}};
    auto new_group = refused_as(post(http, "/api/v1/groups", d.union_a, draft));
    CHECK(own["message_zh"] == new_group["message_zh"]);
    CHECK(own["message_en"] == new_group["message_en"]);
    // A union adding its worker.
    auto added = refused_as(post(http, d.path("join"), d.union_a, {{"worker", d.worker_a2.account}}));
    CHECK(added["message_zh"] == own["message_zh"]);
    // The trip did not change.
    CHECK(parse(get(http, "/api/v1/groups/" + d.group, d.world.admin)->body)["counts"]["confirmed"] == 3);

    // Withdrawing still works: worker_a2's place on the small trip is freed and offered to worker_b.
    REQUIRE(post(http, small_path + "/withdraw", d.worker_a2, {})->status == 200);
    CHECK(parse(get(http, small_path, d.worker_b)->body)["my_place"]["state"] == "offered");
    // Accepting the offered place is a new place on the route: refused, the offer kept.
    refused_as(post(http, small_path + "/accept", d.worker_b, {}));
    CHECK(parse(get(http, small_path, d.worker_b)->body)["my_place"]["state"] == "offered");
    // A union frees another worker's place with a reason.
    REQUIRE(post(http, d.path("withdraw"), d.union_b, {{"worker", d.worker_b2.account}, {"reason", "线路暂停"}})
                ->status == 200);

    // Reinstated: the same keyed join now succeeds, and the offer can be taken.
    REQUIRE(post(http, "/api/v1/members/" + member + "/reinstate", d.world.admin, {})->status == 200);
    auto joined = post(http, d.path("join"), d.worker_a2, {}, key);
    REQUIRE(joined->status == 200);
    CHECK(parse(joined->body)["state"] == "confirmed");
    CHECK(post(http, small_path + "/accept", d.worker_b, {})->status == 200);

    // Removed from the alliance: refused again; cancelling still works.
    REQUIRE(post(http, "/api/v1/members/" + member + "/remove", d.world.admin, {{"reason", "退出联盟"}})->status == 200);
    refused_as(post(http, d.path("join"), d.union_b, {{"worker", d.worker_b2.account}}), "已退出联盟（退出联盟）");
    CHECK(post(http, d.path("cancel"), d.union_a, {{"reason", "线路成员退出联盟"}})->status == 200);
}

// Roster access follows taking part: a union whose unit's last worker withdraws reads the
// roster no more (403), the organizing union still does, and a new join brings it back.
inline void check_roster_access_follows_taking_part(const std::string& db_url) {
    DeskWorld d(db_url);
    auto& http = *d.world.http;
    REQUIRE(get(http, d.path("roster"), d.union_b)->status == 200);
    // One of unit 1's two workers leaves: it still takes part.
    REQUIRE(post(http, d.path("withdraw"), d.worker_b, {})->status == 200);
    REQUIRE(get(http, d.path("roster"), d.union_b)->status == 200);
    // The last one is withdrawn by the union itself: no longer.
    REQUIRE(post(http, d.path("withdraw"), d.union_b, {{"worker", d.worker_b2.account}, {"reason", "单位有任务"}})
                ->status == 200);
    auto refused = get(http, d.path("roster"), d.union_b);
    CHECK(refused->status == 403);
    CHECK(parse(refused->body)["message_zh"] == "本单位未参加该拼团，不能查看名单");
    // The organizing union and the secretariat still read it, unit 1's withdrawn places counted nowhere.
    auto for_a = get(http, d.path("roster"), d.union_a);
    REQUIRE(for_a->status == 200);
    CHECK(parse(for_a->body)["other_units"].empty());
    CHECK(get(http, d.path("roster"), d.world.admin)->status == 200);
    // Its worker joins again: it takes part again.
    REQUIRE(post(http, d.path("join"), d.worker_b, {})->status == 200);
    auto back = get(http, d.path("roster"), d.union_b);
    REQUIRE(back->status == 200);
    CHECK(parse(back->body)["workers"].size() == 3);  // its history included: two withdrawn, one confirmed
}

// The demo (--demo on an empty database): every worker holding a place in its groups has an
// account, so a union's roster names its workers and it can withdraw them; the three
// documented workers per unit (`<unit>-01..03`) stay free of places.
inline void check_demo_places_have_accounts(const std::string& db_url) {
    std::vector<std::string> options = test_server_options();
    options.push_back("--demo");
    ServerProcess server(serve_args(db_url, options));
    auto http = server.client();
    const std::string password = "liaoxiu-demo";
    Session admin = sign_in(*http, "admin", password);

    // Every demo group's roster, as the secretariat: every worker named, with a staff number.
    auto listed = parse(get(*http, "/api/v1/groups?limit=100", admin)->body);
    REQUIRE(listed["groups"].size() >= 10);
    std::size_t named = 0;
    for (const auto& group : listed["groups"]) {
        const std::string id = group["id"];
        auto roster = get(*http, "/api/v1/groups/" + id + "/roster", admin);
        REQUIRE(roster->status == 200);
        const auto body = parse(roster->body);
        for (const auto& worker : body["workers"]) {
            INFO(id << " " << worker.dump());
            CHECK(!worker["name"].get<std::string>().empty());
            CHECK(!worker["member_number"].get<std::string>().empty());
            ++named;
        }
    }
    CHECK(named > 200);

    // The organizing union of g-qz-001 sees its own workers by name and withdraws one.
    Session school = sign_in(*http, "u-qz-school2-union", password);
    auto roster = parse(get(*http, "/api/v1/groups/g-qz-001/roster", school)->body);
    REQUIRE(!roster["workers"].empty());
    nlohmann::json held;
    for (const auto& worker : roster["workers"]) {
        CHECK(worker["unit"] == "u-qz-school2");
        CHECK(worker["name"].get<std::string>().rfind("衢州市第二中学职工", 0) == 0);
        if (held.is_null() && worker["state"] == "confirmed") held = worker;
    }
    REQUIRE(!held.is_null());
    // The held place's worker signs in with the staff number the roster shows, and sees the trip.
    const std::string number = held["member_number"];
    CHECK(number.rfind("u-qz-school2-", 0) == 0);
    CHECK(number != "u-qz-school2-01");
    Session holder = sign_in(*http, number, password);
    CHECK(holder.account == held["worker"]);
    auto trips = parse(get(*http, "/api/v1/me/trips", holder)->body);
    REQUIRE(!trips["trips"].empty());
    auto freed = post(*http, "/api/v1/groups/g-qz-001/withdraw", school,
                      {{"worker", held["worker"]}, {"reason", "单位临时有接待任务"}});
    REQUIRE(freed->status == 200);
    CHECK(parse(get(*http, "/api/v1/groups/g-qz-001", holder)->body)["my_place"]["reason"] == "单位临时有接待任务");

    // The documented demo workers hold nothing (the end-to-end tests join with them).
    Session first = sign_in(*http, "u-qz-school2-01", password);
    CHECK(parse(get(*http, "/api/v1/me/trips", first)->body)["trips"].empty());
}

}  // namespace liaoxiu::testing::desk
