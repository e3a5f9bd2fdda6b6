// The unit union's desk on the endpoint, checked the same way on SQLite and PostgreSQL
// (test_server_desk.cpp and test_server_postgres.cpp call these with a database URL; an
// empty URL is a fresh SQLite file).
#pragma once

#include "test_world.hpp"

#include "core/json.hpp"

#include <catch2/catch.hpp>

#include <ctime>

namespace liaoxiu::testing::desk {

inline Instant now() { return static_cast<Instant>(std::time(nullptr)); }

inline httplib::Result post(httplib::Client& http, const std::string& path, const Session& who,
                            const nlohmann::json& body, httplib::Headers extra = {}) {
    httplib::Headers headers = who.headers();
    headers.insert(extra.begin(), extra.end());
    return http.Post(path, headers, body.is_null() ? "{}" : body.dump(), "application/json");
}

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
    auto refused_as = [&](const httplib::Result& res) {
        REQUIRE(res);
        INFO(res->body);
        CHECK(res->status == 422);
        const auto body = parse(res->body);
        CHECK(body["code"] == "route_not_bookable");
        CHECK(body["message_zh"].get<std::string>().find(reason) != std::string::npos);
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
    auto gone = refused_as(post(http, d.path("join"), d.union_b, {{"worker", d.worker_b2.account}}));
    CHECK(gone["message_zh"].get<std::string>().find("已退出联盟") != std::string::npos);
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
        for (const auto& worker : parse(roster->body)["workers"]) {
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
