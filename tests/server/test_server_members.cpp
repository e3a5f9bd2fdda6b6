// The secretariat's member endpoints: edit (PUT), suspend/remove with a required reason and
// the impact in the answer, the core's member rules on admit and edit, and every role
// that must be refused.
#include "test_world.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/member_rules.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <set>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

httplib::Result send(httplib::Client& http, const char* method, const std::string& path, const Session& who,
                     const nlohmann::json& body) {
    const std::string text = body.is_null() ? "{}" : body.dump();
    return std::string(method) == "PUT" ? http.Put(path, who.headers(), text, "application/json")
                                        : http.Post(path, who.headers(), text, "application/json");
}

Instant now() { return static_cast<Instant>(std::time(nullptr)); }

nlohmann::json stored_member(World& world, const Id& id) {
    auto catalogue = parse(world.http->Get("/api/v1/catalogue")->body);
    for (const auto& member : catalogue["members"])
        if (member["id"] == id) return member;
    return nullptr;
}

}  // namespace

TEST_CASE("PUT /members/{id} edits a member's fields, checked by the core's rules", "[server][members]") {
    World world;
    const Member original = world.catalogue.members.at(0);
    const std::string path = "/api/v1/members/" + original.id;

    Member edited = original;
    edited.name = "衢州国际大酒店（新楼）";
    edited.phone = "138-0570-1234";
    edited.services = {Service{"标准间", 36000, "间/晚"}, Service{"温泉", 0, "人/次"}};
    edited.status = MemberStatus::exited;  // not the way to change a status: kept as stored
    auto answer = send(*world.http, "PUT", path, world.admin, edited);
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    auto body = parse(answer->body);
    CHECK(body["name"] == "衢州国际大酒店（新楼）");
    CHECK(body["status"] == "active");
    CHECK(!body.contains("impact"));
    auto stored = stored_member(world, original.id);
    CHECK(stored["name"] == "衢州国际大酒店（新楼）");
    CHECK(stored["phone"] == "138-0570-1234");
    CHECK(stored["services"].size() == 2);
    CHECK(stored["status"] == "active");
    // The same edit again is the same answer (PUT is idempotent).
    auto again = send(*world.http, "PUT", path, world.admin, edited);
    CHECK(again->status == 200);
    CHECK(parse(again->body) == body);

    SECTION("every problem of the fields is named, nothing is written") {
        Member bad = original;
        bad.phone = "12345";
        bad.address = " ";
        bad.services = {Service{"理疗", -1, "人/次"}};
        auto refused = send(*world.http, "PUT", path, world.admin, bad);
        REQUIRE(refused->status == 422);
        auto error = parse(refused->body);
        CHECK(error["code"] == "missing_value");
        CHECK(error["path"] == "address");
        std::set<std::string> paths;
        for (const auto& problem : error["problems"]) paths.insert(problem["path"].get<std::string>());
        CHECK(paths == std::set<std::string>{"address", "phone", "services[0].price"});
        CHECK(stored_member(world, original.id)["name"] == "衢州国际大酒店（新楼）");
    }
    SECTION("the id and the alliance cannot change; an unknown member is 404") {
        Member other = edited;
        other.id = "m-elsewhere";
        auto refused = send(*world.http, "PUT", path, world.admin, other);
        CHECK(refused->status == 400);
        CHECK(parse(refused->body)["path"] == "id");
        other = edited;
        other.alliance = "a-other";
        refused = send(*world.http, "PUT", path, world.admin, other);
        CHECK(refused->status == 400);
        CHECK(parse(refused->body)["path"] == "alliance");
        other = edited;
        other.id = "m-nobody";
        CHECK(send(*world.http, "PUT", "/api/v1/members/m-nobody", world.admin, other)->status == 404);
        auto partial = send(*world.http, "PUT", path, world.admin, {{"id", original.id}, {"name", "x"}});
        CHECK(partial->status == 400);
    }
    SECTION("admitting checks the same rules") {
        Member fresh = original;
        fresh.id = "m-fresh";
        fresh.phone = "0570";
        auto refused = send(*world.http, "POST", "/api/v1/members", world.admin, fresh);
        REQUIRE(refused->status == 422);
        CHECK(parse(refused->body)["code"] == "invalid_phone");
        CHECK(parse(refused->body)["path"] == "phone");
        CHECK(stored_member(world, "m-fresh").is_null());
        fresh.phone = "0570-3244062";
        CHECK(send(*world.http, "POST", "/api/v1/members", world.admin, fresh)->status == 201);
    }
}

TEST_CASE("suspending or removing a member needs a reason and answers with what it touches", "[server][members]") {
    World world;
    const Route& route = world.catalogue.routes.at(0);
    const std::string member = route.itinerary.at(0).stops.at(0).member.str();
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    const std::string group = open_group(*world.http, organizer, route.id, 2, 10, now() + 7 * 86400);
    const std::string base = "/api/v1/members/" + member;

    for (const char* action : {"/suspend", "/remove"}) {
        for (const nlohmann::json& body : {nlohmann::json(nullptr), nlohmann::json{{"reason", "   "}}}) {
            auto refused = send(*world.http, "POST", base + action, world.admin, body);
            REQUIRE(refused);
            CHECK(refused->status == 422);
            CHECK(parse(refused->body)["code"] == "reason_required");
            CHECK(parse(refused->body)["path"] == "reason");
        }
    }
    CHECK(stored_member(world, member)["status"] == "active");

    auto suspended = send(*world.http, "POST", base + "/suspend", world.admin, {{"reason", "消防检查未通过，停业整改"}});
    REQUIRE(suspended->status == 200);
    auto body = parse(suspended->body);
    CHECK(body["status"] == "suspended");
    Catalogue catalogue = world.catalogue;
    const SuspensionImpact expected = suspension_impact(catalogue, member);
    REQUIRE(!expected.routes.empty());
    auto routes = body["impact"]["routes"].get<std::vector<std::string>>();
    std::vector<std::string> expected_routes = expected.routes;
    std::sort(routes.begin(), routes.end());
    std::sort(expected_routes.begin(), expected_routes.end());
    CHECK(routes == expected_routes);
    CHECK(body["impact"]["groups"] == nlohmann::json::array({group}));

    // The reason stays with the member, for workers to be told: in the catalogue, kept by an
    // edit (whatever the edit says), and in the refusal of a new group on a route through it.
    CHECK(body["status_reason"] == "消防检查未通过，停业整改");
    CHECK(stored_member(world, member)["status_reason"] == "消防检查未通过，停业整改");
    nlohmann::json edited = stored_member(world, member);
    edited["phone"] = "0570-3000001";
    edited["status_reason"] = "改写的原因";
    REQUIRE(send(*world.http, "PUT", base, world.admin, edited)->status == 200);
    CHECK(stored_member(world, member)["status_reason"] == "消防检查未通过，停业整改");
    const nlohmann::json draft = {{"route", route.id},
                                  {"departure", format_day(day_of(now()) + 30)},
                                  {"min_size", 2},
                                  {"max_size", 10},
                                  {"join_deadline", format_instant(now() + 7 * 86400)}};
    auto held = world.http->Post("/api/v1/groups", organizer.headers(), draft.dump(), "application/json");
    REQUIRE(held);
    CHECK(held->status == 422);
    CHECK(parse(held->body)["code"] == "route_not_bookable");
    CHECK(parse(held->body)["message_zh"].get<std::string>().find("消防检查未通过，停业整改") != std::string::npos);

    // Reinstating needs no reason and touches nothing; the reason goes with the suspension.
    auto back = send(*world.http, "POST", base + "/reinstate", world.admin, nullptr);
    REQUIRE(back->status == 200);
    CHECK(parse(back->body)["status"] == "active");
    CHECK(!parse(back->body).contains("impact"));
    CHECK(!parse(back->body).contains("status_reason"));
    CHECK(!stored_member(world, member).contains("status_reason"));

    auto removed = send(*world.http, "POST", base + "/remove", world.admin, {{"reason", "退出联盟"}});
    REQUIRE(removed->status == 200);
    CHECK(parse(removed->body)["status"] == "exited");
    CHECK(parse(removed->body)["impact"]["groups"] == nlohmann::json::array({group}));
}

TEST_CASE("only the secretariat edits, admits, suspends, reinstates or removes members", "[server][members][roles]") {
    World world;
    const Member& member = world.catalogue.members.at(0);
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "w0", world.unit(0));
    Session anonymous;
    const nlohmann::json reason = {{"reason", "整改"}};
    struct Call {
        const char* method;
        std::string path;
        nlohmann::json body;
    };
    Member fresh = member;
    fresh.id = "m-fresh";
    const std::vector<Call> calls = {
        {"PUT", "/api/v1/members/" + member.id, member},
        {"POST", "/api/v1/members", fresh},
        {"POST", "/api/v1/members/" + member.id + "/suspend", reason},
        {"POST", "/api/v1/members/" + member.id + "/reinstate", nullptr},
        {"POST", "/api/v1/members/" + member.id + "/remove", reason},
    };
    for (const Call& call : calls) {
        INFO(call.method << ' ' << call.path);
        auto as_organizer = send(*world.http, call.method, call.path, organizer, call.body);
        CHECK(as_organizer->status == 403);
        CHECK(parse(as_organizer->body)["code"] == "forbidden");
        CHECK(send(*world.http, call.method, call.path, worker, call.body)->status == 403);
        CHECK(send(*world.http, call.method, call.path, anonymous, call.body)->status == 401);
    }
    CHECK(stored_member(world, member.id) == nlohmann::json(member));
    CHECK(stored_member(world, "m-fresh").is_null());
}
