// Drafts and publishing of routes and policies: who may, what the public catalogue and
// its deltas carry, publish refused by the core's rules, unpublish reaching clients, and a
// database written before drafts existed reading as before.
#include "test_world.hpp"

#include "core/json.hpp"
#include "server/sql.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

bool lists_id(const nlohmann::json& list, const std::string& id) {
    for (const auto& item : list)
        if (item["id"] == id) return true;
    return false;
}

nlohmann::json catalogue(httplib::Client& http, std::optional<std::int64_t> since = std::nullopt) {
    auto res = http.Get(since ? "/api/v1/catalogue?since=" + std::to_string(*since) : "/api/v1/catalogue");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return parse(res->body);
}

// A complete route under a new id (the test catalogue's first, which breaks no rule).
Route new_route(const World& world, const std::string& id) {
    Route route = world.catalogue.routes.at(0);
    route.id = id;
    route.title = "新线路 " + id;
    return route;
}

}  // namespace

TEST_CASE("only the secretariat writes or reads drafts, publishes or unpublishes", "[server][publishing][security]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-p", world.unit(0));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "worker-p", world.unit(0));
    Session anonymous{};
    const std::string route = world.route(0);
    REQUIRE(post(*world.http, "/api/v1/policies", world.admin, {{"id", "p-x"}, {"title", "t"}, {"body", "b"}, {"issuer", "i"}})
                ->status == 201);
    const nlohmann::json route_body = new_route(world, "r-by-someone");
    struct Attempt {
        std::string method, path;
        nlohmann::json body;
    };
    const std::vector<Attempt> attempts = {
        {"POST", "/api/v1/routes", route_body},
        {"PUT", "/api/v1/routes/" + route, nlohmann::json(world.catalogue.routes.at(0))},
        {"POST", "/api/v1/routes/" + route + "/publish", nlohmann::json::object()},
        {"POST", "/api/v1/routes/" + route + "/unpublish", nlohmann::json::object()},
        {"GET", "/api/v1/routes?status=draft", nullptr},
        {"GET", "/api/v1/routes", nullptr},
        {"POST", "/api/v1/policies", {{"title", "t"}, {"body", "b"}, {"issuer", "i"}}},
        {"PUT", "/api/v1/policies/p-x", {{"title", "t2"}, {"body", "b"}, {"issuer", "i"}}},
        {"POST", "/api/v1/policies/p-x/publish", nlohmann::json::object()},
        {"POST", "/api/v1/policies/p-x/unpublish", nlohmann::json::object()},
        {"GET", "/api/v1/policies?status=draft", nullptr},
    };
    for (const auto& attempt : attempts) {
        for (const auto* who : {&organizer, &worker, &anonymous}) {
            INFO(attempt.method << " " << attempt.path << " as " << (who == &organizer ? "organizer" : who == &worker ? "worker" : "anonymous"));
            httplib::Headers headers = who->token.empty() ? httplib::Headers{} : who->headers();
            httplib::Result res = attempt.method == "GET"  ? world.http->Get(attempt.path, headers)
                                  : attempt.method == "PUT" ? world.http->Put(attempt.path, headers, attempt.body.dump(), "application/json")
                                                            : world.http->Post(attempt.path, headers, attempt.body.dump(), "application/json");
            REQUIRE(res);
            const int expected = who == &anonymous ? 401 : 403;
            CHECK(res->status == expected);
            CHECK(parse(res->body)["code"] == (who == &anonymous ? "unauthorized" : "forbidden"));
        }
    }
    // Nothing of it happened: the route is still published and unchanged, no route was created.
    auto routes = parse(world.http->Get("/api/v1/routes", world.admin.headers())->body)["routes"];
    CHECK_FALSE(lists_id(routes, "r-by-someone"));
    CHECK(lists_id(catalogue(*world.http)["routes"], route));
    auto policies = parse(world.http->Get("/api/v1/policies", world.admin.headers())->body)["policies"];
    REQUIRE(policies.size() >= 1);
    for (const auto& p : policies)
        if (p["id"] == "p-x") CHECK(p["title"] == "t");
}

TEST_CASE("a new route is a draft: never in a worker's catalogue or delta until published", "[server][publishing]") {
    World world;
    const std::int64_t before = catalogue(*world.http)["version"];
    Route thin = new_route(world, "r-draft-thin");
    thin.itinerary.resize(1);
    thin.itinerary[0].stops.resize(1);  // too few categories, no stay, no wellness: fine for a draft
    auto saved = post(*world.http, "/api/v1/routes", world.admin, thin);
    REQUIRE(saved->status == 201);
    auto answer = parse(saved->body);
    CHECK(answer["route"]["status"] == "draft");
    CHECK(answer["warnings"].size() >= 3);

    // The secretariat sees it among the drafts; the public catalogue and its delta do not.
    auto drafts = parse(world.http->Get("/api/v1/routes?status=draft", world.admin.headers())->body)["routes"];
    REQUIRE(drafts.size() == 1);
    CHECK(drafts[0]["id"] == "r-draft-thin");
    CHECK(drafts[0]["status"] == "draft");
    CHECK_FALSE(lists_id(parse(world.http->Get("/api/v1/routes?status=published", world.admin.headers())->body)["routes"],
                         "r-draft-thin"));
    CHECK(world.http->Get("/api/v1/routes?status=secret", world.admin.headers())->status == 400);
    CHECK_FALSE(lists_id(catalogue(*world.http)["routes"], "r-draft-thin"));
    CHECK_FALSE(lists_id(catalogue(*world.http, before)["routes"], "r-draft-thin"));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "w-sees", world.unit(0));
    auto as_worker = world.http->Get("/api/v1/catalogue", worker.headers());
    CHECK_FALSE(lists_id(parse(as_worker->body)["routes"], "r-draft-thin"));

    // Editing the draft keeps it a draft (a body's status does not publish it).
    nlohmann::json edited = thin;
    edited["title"] = "还在写";
    edited["status"] = "published";
    auto kept = put(*world.http, "/api/v1/routes/r-draft-thin", world.admin, edited);
    REQUIRE(kept->status == 200);
    CHECK(parse(kept->body)["route"]["status"] == "draft");
    CHECK_FALSE(lists_id(catalogue(*world.http, before)["routes"], "r-draft-thin"));

    // No group opens on a draft.
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-d", world.unit(0));
    nlohmann::json group = {{"route", "r-draft-thin"}, {"departure", "2030-01-20"}, {"min_size", 1}, {"max_size", 5},
                            {"join_deadline", "2030-01-10T00:00:00Z"}};
    auto refused_group = post(*world.http, "/api/v1/groups", organizer, group);
    CHECK(refused_group->status == 422);
    CHECK(parse(refused_group->body)["code"] == "route_not_bookable");

    // Publishing is refused with every problem, each at its field.
    auto refused = post(*world.http, "/api/v1/routes/r-draft-thin/publish", world.admin, {});
    REQUIRE(refused->status == 422);
    auto problems = parse(refused->body)["problems"];
    REQUIRE(problems.size() >= 3);
    bool at_itinerary = false;
    for (const auto& p : problems) at_itinerary = at_itinerary || p["path"] == "itinerary";
    CHECK(at_itinerary);
    CHECK_FALSE(lists_id(catalogue(*world.http)["routes"], "r-draft-thin"));

    // A complete draft publishes: it reaches the snapshot and the delta; twice changes nothing.
    REQUIRE(put(*world.http, "/api/v1/routes/r-draft-thin", world.admin, new_route(world, "r-draft-thin"))->status == 200);
    auto published = post(*world.http, "/api/v1/routes/r-draft-thin/publish", world.admin, {});
    REQUIRE(published->status == 200);
    CHECK(parse(published->body)["route"]["status"] == "published");
    const std::int64_t after_publish = catalogue(*world.http)["version"];
    REQUIRE(post(*world.http, "/api/v1/routes/r-draft-thin/publish", world.admin, {})->status == 200);
    // On SQLite the version is a counter only writes move. On PostgreSQL it is a snapshot's cursor,
    // which any transaction of the cluster moves (docs/api.md, "The catalogue cursor"): no check there.
    if (world.url.rfind("postgresql", 0) != 0) CHECK(catalogue(*world.http)["version"] == after_publish);
    auto snapshot = catalogue(*world.http);
    REQUIRE(lists_id(snapshot["routes"], "r-draft-thin"));
    for (const auto& r : snapshot["routes"]) CHECK_FALSE(r.contains("status"));  // published routes read as before
    CHECK(lists_id(catalogue(*world.http, before)["routes"], "r-draft-thin"));
    CHECK(post(*world.http, "/api/v1/routes/r-nothing/publish", world.admin, {})->status == 404);
}

TEST_CASE("unpublishing reaches clients as a draft in the delta, without the later draft edits", "[server][publishing]") {
    World world;
    const Route route = world.catalogue.routes.at(1);
    const std::int64_t before = catalogue(*world.http)["version"];
    auto unpublished = post(*world.http, "/api/v1/routes/" + route.id + "/unpublish", world.admin, {});
    REQUIRE(unpublished->status == 200);
    CHECK(parse(unpublished->body)["route"]["status"] == "draft");
    CHECK_FALSE(lists_id(catalogue(*world.http)["routes"], route.id));
    auto delta = catalogue(*world.http, before)["routes"];
    REQUIRE(delta.size() == 1);
    CHECK(delta[0]["id"] == route.id);
    CHECK(delta[0]["status"] == "draft");
    CHECK(decode<Route>(delta[0], "").ok());  // a whole route: every client can read it, then drops it

    // The secretariat edits the draft: the delta still shows only the form workers saw, as a draft.
    Route edited = route;
    edited.title = "内部修订中的标题";
    REQUIRE(put(*world.http, "/api/v1/routes/" + route.id, world.admin, edited)->status == 200);
    delta = catalogue(*world.http, before)["routes"];
    REQUIRE(delta.size() == 1);
    CHECK(delta[0]["title"] == route.title);
    CHECK(delta[0]["status"] == "draft");
    CHECK(post(*world.http, "/api/v1/routes/" + route.id + "/unpublish", world.admin, {})->status == 200);

    // Published again: back in the snapshot with its edits.
    REQUIRE(post(*world.http, "/api/v1/routes/" + route.id + "/publish", world.admin, {})->status == 200);
    const auto snapshot = catalogue(*world.http);  // named: a loop over a temporary's part would dangle
    std::string shown;
    for (const auto& r : snapshot["routes"])
        if (r["id"] == route.id) shown = r["title"];
    CHECK(shown == edited.title);
}

TEST_CASE("policies: drafts, links to routes, publish and unpublish", "[server][publishing]") {
    World world;
    const std::int64_t before = catalogue(*world.http)["version"];
    nlohmann::json body = {{"id", "p-links"}, {"title", "补贴标准"}, {"body", ""}, {"issuer", "市总工会"},
                           {"routes", {world.route(0), "r-missing"}}};
    auto unknown = post(*world.http, "/api/v1/policies", world.admin, body);
    REQUIRE(unknown->status == 422);
    CHECK(parse(unknown->body)["code"] == "unknown_reference");
    CHECK(parse(unknown->body)["path"] == "routes[1]");

    body["routes"] = {world.route(0)};
    auto created = post(*world.http, "/api/v1/policies", world.admin, body);  // no text yet: a draft may
    REQUIRE(created->status == 201);
    CHECK(parse(created->body)["status"] == "draft");
    CHECK(parse(created->body)["routes"] == nlohmann::json::array({world.route(0)}));
    CHECK_FALSE(lists_id(catalogue(*world.http)["policies"], "p-links"));
    CHECK_FALSE(lists_id(catalogue(*world.http, before)["policies"], "p-links"));

    auto empty = post(*world.http, "/api/v1/policies/p-links/publish", world.admin, {});
    REQUIRE(empty->status == 422);
    CHECK(parse(empty->body)["code"] == "missing_body");

    body["body"] = "每人每年不超过 2000 元。";
    REQUIRE(put(*world.http, "/api/v1/policies/p-links", world.admin, body)->status == 200);
    auto published = post(*world.http, "/api/v1/policies/p-links/publish", world.admin, {});
    REQUIRE(published->status == 200);
    CHECK(parse(published->body)["status"] == "published");
    auto shown = catalogue(*world.http)["policies"];
    REQUIRE(lists_id(shown, "p-links"));
    for (const auto& p : shown)
        if (p["id"] == "p-links") CHECK(p["routes"] == nlohmann::json::array({world.route(0)}));

    const std::int64_t published_at = catalogue(*world.http)["version"];
    REQUIRE(post(*world.http, "/api/v1/policies/p-links/unpublish", world.admin, {})->status == 200);
    CHECK_FALSE(lists_id(catalogue(*world.http)["policies"], "p-links"));
    auto delta = catalogue(*world.http, published_at)["policies"];
    REQUIRE(delta.size() == 1);
    CHECK(delta[0]["status"] == "draft");
    auto drafts = parse(world.http->Get("/api/v1/policies?status=draft", world.admin.headers())->body)["policies"];
    CHECK(lists_id(drafts, "p-links"));
    CHECK(post(*world.http, "/api/v1/policies/p-none/publish", world.admin, {})->status == 404);
    body.erase("id");
    CHECK(put(*world.http, "/api/v1/policies/p-none", world.admin, body)->status == 404);

    // "status":"published" in a new policy's body publishes it at once (as before drafts existed).
    auto direct = post(*world.http, "/api/v1/policies", world.admin,
                       {{"title", "即时发布"}, {"body", "正文"}, {"issuer", "市总工会"}, {"status", "published"}});
    REQUIRE(direct->status == 201);
    CHECK(lists_id(catalogue(*world.http)["policies"], parse(direct->body)["id"]));
}

TEST_CASE("a database written before drafts existed reads as before", "[server][publishing]") {
    World world;
    const auto snapshot = catalogue(*world.http);
    REQUIRE(snapshot["routes"].size() == world.catalogue.routes.size());
    world.http.reset();
    world.server.reset();
    {
        // Take the database back to the schema before drafts.
        auto db = server::open_connection(world.url);
        db->execute("ALTER TABLE routes DROP COLUMN public_doc");
        db->execute("ALTER TABLE routes DROP COLUMN listed");
        db->execute("ALTER TABLE policies DROP COLUMN public_doc");
        db->execute("ALTER TABLE policies DROP COLUMN listed");
        db->execute("DELETE FROM meta WHERE key = 'publish_columns'");
    }
    ServerProcess restarted(serve_args(world.url, test_server_options()));
    auto http = restarted.client();
    auto again = catalogue(*http);
    CHECK(again["routes"] == snapshot["routes"]);
    CHECK(again["policies"] == snapshot["policies"]);
    Session admin = sign_in(*http, "admin", "admin-password");
    CHECK(parse(http->Get("/api/v1/routes?status=draft", admin.headers())->body)["routes"].empty());
}

namespace {

httplib::Result del(httplib::Client& http, const std::string& path, const Session& who) {
    return who.token.empty() ? http.Delete(path) : http.Delete(path, who.headers());
}

// The entries of the audit trail of `action` on `entity_id`, newest first.
nlohmann::json audit_entries(World& world, const std::string& action, const std::string& entity_id) {
    auto res = world.http->Get("/api/v1/audit?action=" + action + "&entity=" + entity_id, world.admin.headers());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return parse(res->body)["entries"];
}

bool drafts_list(World& world, const std::string& id) {
    return lists_id(parse(world.http->Get("/api/v1/routes", world.admin.headers())->body)["routes"], id);
}

}  // namespace

TEST_CASE("DELETE /routes/{id}: only the secretariat deletes, 401 and 403 for anyone else", "[server][publishing][security]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-del", world.unit(0));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "worker-del", world.unit(0));
    Session anonymous{};
    REQUIRE(post(*world.http, "/api/v1/routes", world.admin, new_route(world, "r-del-roles"))->status == 201);
    for (const auto* who : {&organizer, &worker, &anonymous}) {
        auto res = del(*world.http, "/api/v1/routes/r-del-roles", *who);
        REQUIRE(res);
        CHECK(res->status == (who == &anonymous ? 401 : 403));
        CHECK(parse(res->body)["code"] == (who == &anonymous ? "unauthorized" : "forbidden"));
        // A route that does not exist is refused the same way: the role first, nothing told about ids.
        CHECK(del(*world.http, "/api/v1/routes/r-nothing", *who)->status == (who == &anonymous ? 401 : 403));
    }
    CHECK(drafts_list(world, "r-del-roles"));
    CHECK(audit_entries(world, "route.delete", "r-del-roles").empty());
}

TEST_CASE("DELETE /routes/{id} deletes a draft, audited in its transaction, and a second DELETE is 404", "[server][publishing]") {
    World world;
    REQUIRE(post(*world.http, "/api/v1/routes", world.admin, new_route(world, "r-del-draft"))->status == 201);
    REQUIRE(drafts_list(world, "r-del-draft"));
    auto deleted = del(*world.http, "/api/v1/routes/r-del-draft", world.admin);
    REQUIRE(deleted);
    CHECK(deleted->status == 204);
    CHECK(deleted->body.empty());
    CHECK_FALSE(drafts_list(world, "r-del-draft"));
    auto entries = audit_entries(world, "route.delete", "r-del-draft");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["actor"] == world.admin.account);
    CHECK(entries[0]["entity"] == "route");
    CHECK(entries[0]["change"]["before"]["title"] == "新线路 r-del-draft");
    CHECK(entries[0]["change"]["after"].empty());

    // Not idempotent by design: the second DELETE finds nothing (404), and records nothing.
    auto again = del(*world.http, "/api/v1/routes/r-del-draft", world.admin);
    CHECK(again->status == 404);
    CHECK(parse(again->body)["code"] == "not_found");
    CHECK(audit_entries(world, "route.delete", "r-del-draft").size() == 1);
    CHECK(del(*world.http, "/api/v1/routes/r-never", world.admin)->status == 404);
    // Gone for every other route call too; a never-published draft's id may be used again.
    CHECK(put(*world.http, "/api/v1/routes/r-del-draft", world.admin, new_route(world, "r-del-draft"))->status == 404);
    CHECK(post(*world.http, "/api/v1/routes/r-del-draft/publish", world.admin, {})->status == 404);
    CHECK(post(*world.http, "/api/v1/routes", world.admin, new_route(world, "r-del-draft"))->status == 201);
}

TEST_CASE("DELETE /routes/{id} refuses a published route (409 route_published) until it is unpublished", "[server][publishing]") {
    World world;
    REQUIRE(post(*world.http, "/api/v1/routes", world.admin, new_route(world, "r-del-pub"))->status == 201);
    REQUIRE(post(*world.http, "/api/v1/routes/r-del-pub/publish", world.admin, {})->status == 200);
    const std::int64_t seen = catalogue(*world.http)["version"];  // a phone synced here holds the route
    REQUIRE(lists_id(catalogue(*world.http)["routes"], "r-del-pub"));

    auto refused = del(*world.http, "/api/v1/routes/r-del-pub", world.admin);
    REQUIRE(refused->status == 409);
    CHECK(parse(refused->body)["code"] == "route_published");
    CHECK(lists_id(catalogue(*world.http)["routes"], "r-del-pub"));
    CHECK(audit_entries(world, "route.delete", "r-del-pub").empty());

    REQUIRE(post(*world.http, "/api/v1/routes/r-del-pub/unpublish", world.admin, {})->status == 200);
    REQUIRE(del(*world.http, "/api/v1/routes/r-del-pub", world.admin)->status == 204);
    CHECK_FALSE(drafts_list(world, "r-del-pub"));
    CHECK_FALSE(lists_id(catalogue(*world.http)["routes"], "r-del-pub"));
    // The phone that has not synced since it was published still learns to drop it.
    auto delta = catalogue(*world.http, seen)["routes"];
    REQUIRE(delta.size() == 1);
    CHECK(delta[0]["id"] == "r-del-pub");
    CHECK(delta[0]["status"] == "draft");
    CHECK(del(*world.http, "/api/v1/routes/r-del-pub", world.admin)->status == 404);
    CHECK(post(*world.http, "/api/v1/routes/r-del-pub/publish", world.admin, {})->status == 404);
    CHECK(post(*world.http, "/api/v1/routes", world.admin, new_route(world, "r-del-pub"))->status == 409);  // its id is kept
    // ...but it is no route a policy may link to.
    auto linked = post(*world.http, "/api/v1/policies", world.admin,
                       {{"id", "p-del-pub"}, {"title", "t"}, {"body", ""}, {"issuer", "i"}, {"routes", {"r-del-pub"}}});
    REQUIRE(linked->status == 422);
    CHECK(parse(linked->body)["code"] == "unknown_reference");
    CHECK(parse(linked->body)["path"] == "routes[0]");
}

TEST_CASE("DELETE /routes/{id} refuses a draft a group trip or a policy names (409 route_in_use)", "[server][publishing]") {
    World world;
    // A group opened while the route was published keeps it, unpublished or not.
    REQUIRE(post(*world.http, "/api/v1/routes", world.admin, new_route(world, "r-del-grp"))->status == 201);
    REQUIRE(post(*world.http, "/api/v1/routes/r-del-grp/publish", world.admin, {})->status == 200);
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-del-grp", world.unit(0));
    nlohmann::json group = {{"route", "r-del-grp"}, {"departure", "2030-01-20"}, {"min_size", 1}, {"max_size", 5},
                            {"join_deadline", "2030-01-10T00:00:00Z"}};
    auto opened = post(*world.http, "/api/v1/groups", organizer, group);
    INFO(opened->body);
    REQUIRE(opened->status == 201);
    REQUIRE(post(*world.http, "/api/v1/routes/r-del-grp/unpublish", world.admin, {})->status == 200);
    auto refused = del(*world.http, "/api/v1/routes/r-del-grp", world.admin);
    REQUIRE(refused->status == 409);
    CHECK(parse(refused->body)["code"] == "route_in_use");
    CHECK(drafts_list(world, "r-del-grp"));

    // A policy linking the draft.
    REQUIRE(post(*world.http, "/api/v1/routes", world.admin, new_route(world, "r-del-pol"))->status == 201);
    REQUIRE(post(*world.http, "/api/v1/policies", world.admin,
                 {{"id", "p-del"}, {"title", "t"}, {"body", "b"}, {"issuer", "i"}, {"routes", {"r-del-pol"}}})
                ->status == 201);
    auto linked = del(*world.http, "/api/v1/routes/r-del-pol", world.admin);
    REQUIRE(linked->status == 409);
    CHECK(parse(linked->body)["code"] == "route_in_use");
    CHECK(drafts_list(world, "r-del-pol"));
    CHECK(audit_entries(world, "route.delete", "r-del-grp").empty());
    CHECK(audit_entries(world, "route.delete", "r-del-pol").empty());
}
