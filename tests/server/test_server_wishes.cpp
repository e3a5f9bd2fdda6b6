// 想去 (wishes) through the real server: a worker wishes for a route (201, then 200 again with
// the first `since`), lets it go, reads their wishes with the groups that opened for their unit;
// a union reads its own workers' counts; the secretariat's statistics count them (view=waiting,
// column `wishes`); every refusal (401, 403, 404, 400). Tagged [wishes]: the PostgreSQL program
// runs this file too.
#include "test_world.hpp"

#include "core/dates.hpp"
#include "core/stats.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant real_now() { return static_cast<Instant>(std::time(nullptr)); }

std::string code_of(const httplib::Result& res) {
    if (!res) return "(no answer)";
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    return body.is_object() && body.contains("code") ? body["code"].get<std::string>() : "";
}

httplib::Result del(httplib::Client& http, const std::string& path, const Session& who) {
    return http.Delete(path, who.headers());
}

std::vector<std::string> group_ids(const nlohmann::json& wish) {
    std::vector<std::string> ids;
    for (const auto& group : wish["groups"]) ids.push_back(group["id"]);
    return ids;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("wishes: a worker wishes once, reads it with the groups opened for their unit, and lets it go", "[wishes]") {
    World world;
    auto& http = *world.http;
    const Session worker = create_and_sign_in(http, world.admin, "worker", "wisher", world.unit(0));
    const Session colleague = create_and_sign_in(http, world.admin, "worker", "wisher-2", world.unit(0));
    const Session other = create_and_sign_in(http, world.admin, "worker", "wisher-b", world.unit(1));
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", "wish-org", world.unit(0));
    const Session other_organizer = create_and_sign_in(http, world.admin, "organizer", "wish-org-b", world.unit(1));
    const std::string route = world.route(1);
    const std::string path = "/api/v1/routes/" + route + "/wish";

    auto first = post(http, path, worker, nullptr);
    REQUIRE(first);
    CHECK(first->status == 201);
    auto wish = parse(first->body);
    CHECK(wish["route"] == route);
    CHECK(wish["unit"] == world.unit(0));
    CHECK(wish["route_title"] == world.catalogue.routes.at(1).title);
    const std::string since = wish["since"];
    const std::vector<std::string> before = group_ids(wish);

    // Again: 200, the same wish and its first since; nothing doubled.
    auto again = post(http, path, worker, nlohmann::json::object());
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(parse(again->body)["since"] == since);
    REQUIRE(post(http, path, colleague, nullptr)->status == 201);
    REQUIRE(post(http, path, other, nullptr)->status == 201);

    auto mine = http.Get("/api/v1/me/wishes", worker.headers());
    REQUIRE(mine);
    REQUIRE(mine->status == 200);
    auto wishes = parse(mine->body)["wishes"];
    REQUIRE(wishes.size() == 1);
    CHECK(wishes[0]["route"] == route);

    // A group opened for all units shows on the wish; an own-unit group of another unit does not.
    const std::string group = open_group(http, organizer, route, 2, 10, real_now() + 10 * kSecondsPerDay, 40);
    auto own_other = post(http, "/api/v1/groups", other_organizer,
                          {{"route", route}, {"departure", format_day(day_of(real_now()) + 44)},
                           {"min_size", 2}, {"max_size", 10}, {"join_deadline", format_instant(real_now() + 10 * kSecondsPerDay)},
                           {"visibility", "own_unit"}});
    REQUIRE(own_other);
    REQUIRE(own_other->status == 201);
    const std::string own_other_id = parse(own_other->body)["id"];
    wishes = parse(http.Get("/api/v1/me/wishes", worker.headers())->body)["wishes"];
    auto ids = group_ids(wishes[0]);
    CHECK(contains(ids, group));
    CHECK_FALSE(contains(ids, own_other_id));
    CHECK(ids.size() == before.size() + 1);
    for (const auto& g : wishes[0]["groups"])
        if (g["id"] == group) CHECK(g["departure"] == format_day(day_of(real_now()) + 40));
    // The worker of the other unit sees both.
    auto other_ids = group_ids(parse(http.Get("/api/v1/me/wishes", other.headers())->body)["wishes"][0]);
    CHECK(contains(other_ids, group));
    CHECK(contains(other_ids, own_other_id));
    // A cancelled group is no group for you.
    REQUIRE(post(http, "/api/v1/groups/" + group + "/cancel", organizer, {{"reason", "改期"}})->status == 200);
    wishes = parse(http.Get("/api/v1/me/wishes", worker.headers())->body)["wishes"];
    CHECK_FALSE(contains(group_ids(wishes[0]), group));

    // The union sees its own workers' count; the secretariat any unit's.
    auto counts = http.Get("/api/v1/units/" + world.unit(0) + "/wishes", organizer.headers());
    REQUIRE(counts);
    REQUIRE(counts->status == 200);
    auto rows = parse(counts->body)["routes"];
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["route"] == route);
    CHECK(rows[0]["count"] == 2);
    CHECK(parse(http.Get("/api/v1/units/" + world.unit(1) + "/wishes", world.admin.headers())->body)["routes"][0]["count"] == 1);

    // The secretariat's statistics: view=waiting's column `wishes`, all units and one unit's.
    auto stats = parse(http.Get("/api/v1/stats?view=waiting", world.admin.headers())->body);
    auto table = decode_stats_table(stats.dump());
    REQUIRE(table);
    REQUIRE(table.value().columns.size() == 4);
    CHECK(table.value().columns[3].key == "wishes");
    CHECK(table.value().columns[3].label == "想去");
    bool found = false;
    for (const auto& row : table.value().rows)
        if (row.key == route) {
            found = true;
            CHECK(row.values[3] == 3);
        }
    CHECK(found);
    CHECK(table.value().totals[3] == 3);
    auto unit_table = decode_stats_table(http.Get("/api/v1/stats?view=waiting&unit=" + world.unit(1), world.admin.headers())->body);
    REQUIRE(unit_table);
    CHECK(unit_table.value().totals[3] == 1);
    // A range before today holds no wish made today.
    const std::string past = format_day(day_of(real_now()) - 30);
    auto old = decode_stats_table(http.Get("/api/v1/stats?view=waiting&from=" + past + "&to=" + past, world.admin.headers())->body);
    REQUIRE(old);
    CHECK(old.value().totals[3] == 0);

    // Let go: gone from 我的 and from the counts; letting go again is no error.
    auto gone = del(http, path, worker);
    REQUIRE(gone);
    CHECK(gone->status == 200);
    CHECK(parse(gone->body)["removed"] == true);
    CHECK(parse(http.Get("/api/v1/me/wishes", worker.headers())->body)["wishes"].empty());
    CHECK(parse(http.Get("/api/v1/units/" + world.unit(0) + "/wishes", organizer.headers())->body)["routes"][0]["count"] == 1);
    auto twice = del(http, path, worker);
    REQUIRE(twice);
    CHECK(twice->status == 200);
    CHECK(parse(twice->body)["removed"] == false);
    // Wished again: a new since.
    CHECK(post(http, path, worker, nullptr)->status == 201);
}

TEST_CASE("wishes: signed out, other roles, other units, unknown and draft routes, bad ids", "[wishes]") {
    World world;
    auto& http = *world.http;
    const Session worker = create_and_sign_in(http, world.admin, "worker", "wisher", world.unit(0));
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", "wish-org", world.unit(0));
    const Session other_organizer = create_and_sign_in(http, world.admin, "organizer", "wish-org-b", world.unit(1));
    const std::string path = "/api/v1/routes/" + world.route(0) + "/wish";

    // 401 signed out, on every route.
    CHECK(http.Post(path, "{}", "application/json")->status == 401);
    CHECK(http.Delete(path)->status == 401);
    CHECK(http.Get("/api/v1/me/wishes")->status == 401);
    CHECK(http.Get("/api/v1/units/" + world.unit(0) + "/wishes")->status == 401);

    // 403: not a worker; another unit's counts; a worker reading counts.
    for (const Session* who : std::initializer_list<const Session*>{&organizer, &world.admin}) {
        auto res = post(http, path, *who, nullptr);
        CHECK(res->status == 403);
        CHECK(code_of(res) == "forbidden");
        CHECK(del(http, path, *who)->status == 403);
        CHECK(http.Get("/api/v1/me/wishes", who->headers())->status == 403);
    }
    CHECK(http.Get("/api/v1/units/" + world.unit(0) + "/wishes", other_organizer.headers())->status == 403);
    CHECK(http.Get("/api/v1/units/" + world.unit(0) + "/wishes", worker.headers())->status == 403);

    // 404: no such route, a draft route, no such unit.
    auto unknown = post(http, "/api/v1/routes/r-none/wish", worker, nullptr);
    CHECK(unknown->status == 404);
    CHECK(code_of(unknown) == "unknown_route");
    CHECK(del(http, "/api/v1/routes/r-none/wish", worker)->status == 404);
    const std::string drafted = world.route(2);
    REQUIRE(post(http, "/api/v1/routes/" + drafted + "/unpublish", world.admin, nullptr)->status == 200);
    CHECK(post(http, "/api/v1/routes/" + drafted + "/wish", worker, nullptr)->status == 404);
    CHECK(http.Get("/api/v1/units/u-none/wishes", world.admin.headers())->status == 404);

    // 400: an id outside the id syntax; a body that is not an empty object.
    auto bad = post(http, "/api/v1/routes/r%20x/wish", worker, nullptr);
    CHECK(bad->status == 400);
    CHECK(code_of(bad) == "bad_value");
    CHECK(http.Get("/api/v1/units/u%20x/wishes", world.admin.headers())->status == 400);
    CHECK(post(http, path, worker, nlohmann::json::array())->status == 400);

    // None of that stored anything.
    CHECK(parse(http.Get("/api/v1/me/wishes", worker.headers())->body)["wishes"].empty());
    CHECK(parse(http.Get("/api/v1/units/" + world.unit(0) + "/wishes", organizer.headers())->body)["routes"].empty());
}
