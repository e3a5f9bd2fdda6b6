// The audit trail: every write of a secretariat or organizer account is recorded with
// who, when, what and the change, in the write's transaction; the secretariat reads the
// trail with filters (GET /api/v1/audit); nobody else reads it and nobody edits it.
#include "audit_store_checks.hpp"
#include "test_world.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"

#include <catch2/catch.hpp>

#include <ctime>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant now() { return static_cast<Instant>(std::time(nullptr)); }

// GET /audit?QUERY as `who`: the answer's body, after checking it is a 200.
nlohmann::json audit(World& world, const std::string& query, const Session& who) {
    auto res = world.http->Get("/api/v1/audit?" + query, who.headers());
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    return parse(res->body);
}

// The newest entry of `action` on `entity_id`, which must exist.
nlohmann::json newest(World& world, const std::string& action, const std::string& entity_id) {
    auto page = audit(world, "action=" + action + "&entity=" + entity_id, world.admin);
    INFO(action << " " << entity_id);
    REQUIRE(page["entries"].size() >= 1);
    return page["entries"][0];
}

}  // namespace

TEST_CASE("audit store: the entry commits and rolls back with its write, and UPDATE and DELETE are refused",
          "[server][audit]") {
    TempDir dir;
    check_audit_store("sqlite:" + (dir.path() / "audit.db").string());
}

TEST_CASE("audit store: a database from before the trail gains the table and its triggers", "[server][audit]") {
    TempDir dir;
    check_audit_migration("sqlite:" + (dir.path() / "old.db").string());
}

TEST_CASE("audit: every secretariat write is recorded with who, when, what and the change", "[server][audit]") {
    World world;
    const Instant before = now();

    // Member admitted, suspended (with the reason), reinstated, removed.
    Member member = world.catalogue.members.at(0);
    member.id = "m-audit-new";
    member.name = "审计测试温泉";
    REQUIRE(post(*world.http, "/api/v1/members", world.admin, member)->status == 201);
    auto admitted = newest(world, "member.admit", "m-audit-new");
    CHECK(admitted["actor"] == world.admin.account);
    CHECK(admitted["actor_role"] == "secretariat");
    CHECK(admitted["actor_name"] == "秘书处");
    CHECK(admitted["actor_unit"] == "");
    CHECK(admitted["entity"] == "member");
    CHECK(admitted["change"]["before"].empty());
    CHECK(admitted["change"]["after"]["name"] == "审计测试温泉");
    CHECK(admitted["change"]["after"]["status"] == "active");
    Instant at = *parse_instant(admitted["at"].get<std::string>());
    CHECK(at >= before);
    CHECK(at <= now());

    REQUIRE(post(*world.http, "/api/v1/members/m-audit-new/suspend", world.admin, {{"reason", "消防检查未通过"}})
                ->status == 200);
    auto suspended = newest(world, "member.suspend", "m-audit-new");
    CHECK(suspended["reason"] == "消防检查未通过");
    CHECK(suspended["change"]["before"]["status"] == "active");
    CHECK(suspended["change"]["after"]["status"] == "suspended");
    CHECK_FALSE(suspended["change"]["after"].contains("name"));  // only what changed

    REQUIRE(post(*world.http, "/api/v1/members/m-audit-new/reinstate", world.admin, {})->status == 200);
    auto reinstated = newest(world, "member.reinstate", "m-audit-new");
    CHECK(reinstated["change"]["before"]["status"] == "suspended");
    CHECK(reinstated["change"]["after"]["status"] == "active");

    REQUIRE(post(*world.http, "/api/v1/members/m-audit-new/remove", world.admin, {{"reason", "自愿退出"}})->status ==
            200);
    auto removed = newest(world, "member.remove", "m-audit-new");
    CHECK(removed["reason"] == "自愿退出");
    CHECK(removed["change"]["after"]["status"] == "exited");

    // Route created, then updated: the update shows the changed fields before and after.
    Route route = world.catalogue.routes.at(0);
    route.id = "r-audit";
    route.title = "审计线路";
    REQUIRE(post(*world.http, "/api/v1/routes", world.admin, route)->status == 201);
    auto created = newest(world, "route.create", "r-audit");
    CHECK(created["change"]["after"]["title"] == "审计线路");
    route.title = "审计线路（修订）";
    route.price += 100;
    auto put = world.http->Put("/api/v1/routes/r-audit", world.admin.headers(), nlohmann::json(route).dump(),
                               "application/json");
    REQUIRE(put->status == 200);
    auto updated = newest(world, "route.update", "r-audit");
    CHECK(updated["change"]["before"]["title"] == "审计线路");
    CHECK(updated["change"]["after"]["title"] == "审计线路（修订）");
    CHECK(updated["change"]["after"]["price"] == route.price);
    CHECK(updated["change"]["before"].size() == 2);
    CHECK(updated["change"]["after"].size() == 2);

    // Policy published.
    auto policy = post(*world.http, "/api/v1/policies", world.admin,
                       {{"title", "2027年疗休养补贴标准"}, {"body", "每人每年不超过 2000 元。"}, {"issuer", "市总工会"}});
    REQUIRE(policy->status == 201);
    std::string policy_id = parse(policy->body)["id"];
    auto policy_created = newest(world, "policy.create", policy_id);
    CHECK(policy_created["entity"] == "policy");
    CHECK(policy_created["change"]["after"]["title"] == "2027年疗休养补贴标准");
    // A new policy is a draft; publishing it is its own entry, the status before and after.
    REQUIRE(post(*world.http, "/api/v1/policies/" + policy_id + "/publish", world.admin, nlohmann::json::object())
                ->status == 200);
    auto published = newest(world, "policy.publish", policy_id);
    CHECK(published["change"]["before"]["status"] == "draft");
    CHECK(published["change"]["after"]["status"] == "published");

    // Account created: never a password or its hash.
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "audit-w", world.unit(0));
    auto account = newest(world, "account.create", worker.account);
    CHECK(account["entity"] == "account");
    CHECK(account["change"]["after"]["login"] == "audit-w");
    CHECK(account["change"]["after"]["role"] == "worker");
    std::string text = account.dump();
    CHECK(text.find("password") == std::string::npos);
    CHECK(text.find("argon2") == std::string::npos);
    CHECK(text.find(worker.token) == std::string::npos);
}

TEST_CASE("audit: an organizer's group writes and withdrawals of others are recorded, a worker's own are not",
          "[server][audit]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "audit-org", world.unit(0));
    auto organizer_account = newest(world, "account.create", organizer.account);
    CHECK(organizer_account["change"]["after"]["role"] == "organizer");

    // An organizer creates a worker of its own unit: recorded as the organizer's.
    Session worker = create_and_sign_in(*world.http, organizer, "worker", "audit-w1", world.unit(0));
    auto by_organizer = newest(world, "account.create", worker.account);
    CHECK(by_organizer["actor"] == organizer.account);
    CHECK(by_organizer["actor_role"] == "organizer");
    CHECK(by_organizer["actor_unit"] == world.unit(0));
    Session other = create_and_sign_in(*world.http, world.admin, "worker", "audit-w2", world.unit(0));

    std::string group = open_group(*world.http, organizer, world.route(), 2, 10, now() + 7 * 86400);
    auto opened = newest(world, "group.open", group);
    CHECK(opened["actor"] == organizer.account);
    CHECK(opened["entity"] == "group");
    CHECK(opened["change"]["after"]["route"] == world.route());
    CHECK(opened["change"]["after"]["state"] == "open");
    CHECK_FALSE(opened["change"]["after"].contains("places"));

    // A worker's own join and withdrawal: not recorded.
    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/join", worker, {})->status == 200);
    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/join", other, {})->status == 200);
    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/withdraw", worker, {})->status == 200);
    CHECK(audit(world, "actor=" + worker.account, world.admin)["total"] == 0);
    CHECK(audit(world, "actor=" + other.account, world.admin)["total"] == 0);
    CHECK(audit(world, "action=place.withdraw", world.admin)["total"] == 0);

    // The organizer frees another worker's place: recorded, with the reason and the place before and after.
    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/withdraw", organizer,
                 {{"worker", other.account}, {"reason", "单位工作安排冲突"}})
                ->status == 200);
    auto withdrawn = newest(world, "place.withdraw", group);
    CHECK(withdrawn["actor"] == organizer.account);
    CHECK(withdrawn["reason"] == "单位工作安排冲突");
    CHECK(withdrawn["change"]["before"]["place"]["worker"] == other.account);
    CHECK(withdrawn["change"]["before"]["place"]["state"] == "confirmed");
    CHECK(withdrawn["change"]["after"]["place"]["state"] == "withdrawn");

    // Cancelled with the reason.
    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/cancel", organizer, {{"reason", "酒店停业整顿"}})->status ==
            200);
    auto cancelled = newest(world, "group.cancel", group);
    CHECK(cancelled["reason"] == "酒店停业整顿");
    CHECK(cancelled["change"]["before"]["state"] == "open");
    CHECK(cancelled["change"]["after"]["state"] == "cancelled");
    CHECK(cancelled["change"]["after"]["cancel_reason"] == "酒店停业整顿");

    // The secretariat cancels another unit's trip: its entry names the secretariat.
    std::string second = open_group(*world.http, organizer, world.route(), 2, 10, now() + 7 * 86400);
    REQUIRE(post(*world.http, "/api/v1/groups/" + second + "/cancel", world.admin, {{"reason", "线路调整"}})->status ==
            200);
    CHECK(newest(world, "group.cancel", second)["actor"] == world.admin.account);
}

TEST_CASE("audit: a refused write leaves no entry", "[server][audit]") {
    World world;
    std::int64_t total = audit(world, "", world.admin)["total"];
    CHECK(post(*world.http, "/api/v1/routes", world.admin, world.catalogue.routes.at(0))->status == 409);
    Route thin = world.catalogue.routes.at(0);
    thin.itinerary.resize(1);
    thin.itinerary[0].stops.resize(1);
    CHECK(world.http->Put("/api/v1/routes/" + thin.id, world.admin.headers(), nlohmann::json(thin).dump(),
                          "application/json")
              ->status == 422);
    CHECK(post(*world.http, "/api/v1/members", world.admin, world.catalogue.members.at(0))->status == 409);
    CHECK(post(*world.http, "/api/v1/members/m-nobody/suspend", world.admin, {{"reason", "x"}})->status == 404);
    CHECK(audit(world, "", world.admin)["total"] == total);
}

TEST_CASE("audit: only the secretariat reads the trail", "[server][audit][roles]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "audit-org", world.unit(0));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "audit-w", world.unit(0));

    auto anonymous = world.http->Get("/api/v1/audit");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    CHECK(parse(anonymous->body)["code"] == "unauthorized");
    for (const Session* who : {&organizer, &worker}) {
        auto refused = world.http->Get("/api/v1/audit", who->headers());
        REQUIRE(refused);
        CHECK(refused->status == 403);
        CHECK(parse(refused->body)["code"] == "forbidden");
        CHECK(parse(refused->body)["message_zh"].get<std::string>().find("审计") != std::string::npos);
    }
    auto expired = world.http->Get("/api/v1/audit", {{"Authorization", "Bearer not-a-token"}});
    CHECK(expired->status == 401);

    // No way to edit or delete through the API: the trail only has GET.
    auto deleted = world.http->Delete("/api/v1/audit", world.admin.headers());
    CHECK(deleted->status == 405);
    CHECK(parse(deleted->body)["code"] == "method_not_allowed");
    CHECK(post(*world.http, "/api/v1/audit", world.admin, {{"action", "member.admit"}})->status == 405);
    CHECK(world.http->Put("/api/v1/audit", world.admin.headers(), "{}", "application/json")->status == 405);
    CHECK(world.http->Delete("/api/v1/audit/1", world.admin.headers())->status == 404);
    CHECK(audit(world, "", world.admin)["total"] == 2);  // the two accounts above, still there
}

TEST_CASE("audit: filters, paging, newest first, and errors naming the parameter", "[server][audit]") {
    World world;
    for (int i = 0; i < 3; ++i) create_and_sign_in(*world.http, world.admin, "worker", "f" + std::to_string(i), world.unit(0));
    const Member& member = world.catalogue.members.at(1);
    REQUIRE(post(*world.http, "/api/v1/members/" + member.id + "/suspend", world.admin, {{"reason", "整改"}})->status ==
            200);

    auto all = audit(world, "", world.admin);
    CHECK(all["total"] == 4);
    CHECK(all["limit"] == 100);
    CHECK(all["offset"] == 0);
    REQUIRE(all["entries"].size() == 4);
    CHECK(all["entries"][0]["action"] == "member.suspend");  // newest first
    for (std::size_t i = 1; i < all["entries"].size(); ++i) {
        CHECK(all["entries"][i - 1]["seq"].get<std::int64_t>() > all["entries"][i]["seq"].get<std::int64_t>());
    }
    // Every entry decodes with the client's decoder.
    auto decoded = wire::decode_audit_page(all.dump());
    REQUIRE(decoded);
    CHECK(decoded.value().total == 4);

    CHECK(audit(world, "action=account.create", world.admin)["total"] == 3);
    CHECK(audit(world, "action=account", world.admin)["total"] == 3);
    CHECK(audit(world, "action=member", world.admin)["total"] == 1);
    CHECK(audit(world, "action=route", world.admin)["total"] == 0);
    CHECK(audit(world, "actor=" + world.admin.account, world.admin)["total"] == 4);
    CHECK(audit(world, "entity=" + member.id, world.admin)["total"] == 1);
    CHECK(audit(world, "entity=m-nobody", world.admin)["total"] == 0);

    std::string today = format_day(day_of(now()));
    CHECK(audit(world, "from=" + today + "&to=" + today, world.admin)["total"] == 4);
    CHECK(audit(world, "to=" + format_day(day_of(now()) - 1), world.admin)["total"] == 0);
    CHECK(audit(world, "from=" + format_day(day_of(now()) + 1), world.admin)["total"] == 0);
    CHECK(audit(world, "from=" + format_instant(now() - 3600) + "&to=" + format_instant(now() + 3600),
                world.admin)["total"] == 4);

    auto page = audit(world, "limit=2&offset=1", world.admin);
    CHECK(page["total"] == 4);
    CHECK(page["limit"] == 2);
    CHECK(page["offset"] == 1);
    REQUIRE(page["entries"].size() == 2);
    CHECK(page["entries"][0]["seq"] == all["entries"][1]["seq"]);
    CHECK(audit(world, "limit=500", world.admin)["entries"].size() == 4);

    auto refused = [&](const std::string& query, const std::string& parameter) {
        auto res = world.http->Get("/api/v1/audit?" + query, world.admin.headers());
        REQUIRE(res);
        INFO(query << " → " << res->body);
        CHECK(res->status == 400);
        auto body = parse(res->body);
        CHECK(body["code"] == "bad_value");
        CHECK(body["path"] == parameter);
        CHECK(body["message_en"].get<std::string>().find(parameter) != std::string::npos);
    };
    refused("limit=501", "limit");
    refused("limit=0", "limit");
    refused("limit=ten", "limit");
    refused("offset=-1", "offset");
    refused("action=member.delete", "action");
    refused("action=drop", "action");
    refused("actor=a%20b", "actor");
    refused("entity=%E6%88%90%E5%91%98", "entity");
    refused("from=2026-13-01", "from");
    refused("to=yesterday", "to");
    refused("from=2026-12-06&to=2026-12-05", "to");
}
