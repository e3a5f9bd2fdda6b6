// The endpoint's behaviour one request at a time: health, catalogue (ETag, 304,
// gzip, delta), role checks, secretariat edits, CORS, rate limits, deadlines.
#include "test_world.hpp"
#include "../common/eventually.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <unistd.h>
#include <ctime>
#include <thread>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant now() { return static_cast<Instant>(std::time(nullptr)); }

// A route's body asking to be published at once (a new route is a draft otherwise).
nlohmann::json published(const Route& route) {
    nlohmann::json body = route;
    body["status"] = "published";
    return body;
}

// Workers w0, w1, … signed in, worker i in unit i.
std::vector<Session> sign_in_workers(World& world, int count) {
    std::vector<Session> workers;
    for (int i = 0; i < count; ++i)
        workers.push_back(create_and_sign_in(*world.http, world.admin, "worker", "w" + std::to_string(i), world.unit(i)));
    return workers;
}

}  // namespace

TEST_CASE("health answers and unknown endpoints get a JSON 404", "[server][api]") {
    World world;
    auto health = world.http->Get("/api/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(parse(health->body)["status"] == "ok");
    CHECK(parse(health->body)["database"] == "sqlite");

    auto missing = world.http->Get("/api/v1/nothing-here");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(parse(missing->body)["code"] == "not_found");
}

TEST_CASE("the catalogue: snapshot with ETag, 304, gzip, and a delta after an edit", "[server][catalogue]") {
    World world;
    auto first = world.http->Get("/api/v1/catalogue");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    auto snapshot = parse(first->body);
    CHECK(snapshot["routes"].size() == world.catalogue.routes.size());
    CHECK(snapshot["format_version"] == kFormatVersion);
    std::string etag = first->get_header_value("ETag");
    REQUIRE(!etag.empty());

    auto unchanged = world.http->Get("/api/v1/catalogue", {{"If-None-Match", etag}});
    REQUIRE(unchanged);
    CHECK(unchanged->status == 304);
    CHECK(unchanged->body.empty());

    httplib::Client raw("127.0.0.1", world.server->port());
    raw.set_decompress(false);
    auto zipped = raw.Get("/api/v1/catalogue", {{"Accept-Encoding", "gzip"}});
    REQUIRE(zipped);
    CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
    CHECK(zipped->body.size() < first->body.size() / 2);

    // Edit one route; the delta since the old version carries exactly it.
    std::int64_t version = snapshot["version"];
    Route route = world.catalogue.routes.at(2);
    route.title += "（修订）";
    auto put = world.http->Put("/api/v1/routes/" + route.id, world.admin.headers(), nlohmann::json(route).dump(),
                               "application/json");
    REQUIRE(put);
    CHECK(put->status == 200);
    auto delta = world.http->Get("/api/v1/catalogue?since=" + std::to_string(version));
    REQUIRE(delta);
    REQUIRE(delta->status == 200);
    auto changes = parse(delta->body);
    CHECK(changes["version"].get<std::int64_t>() > version);
    REQUIRE(changes["routes"].size() == 1);
    CHECK(changes["routes"][0]["title"] == route.title);
    CHECK(changes["members"].empty());
    auto stale = world.http->Get("/api/v1/catalogue", {{"If-None-Match", etag}});
    REQUIRE(stale);
    CHECK(stale->status == 200);

    auto bad_cursor = world.http->Get("/api/v1/catalogue?since=yesterday");
    REQUIRE(bad_cursor);
    CHECK(bad_cursor->status == 400);
}

TEST_CASE("role checks on every kind of write", "[server][security]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-a", world.unit(0));
    Session other_organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-b", world.unit(1));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "worker-a", world.unit(0));
    Session other_worker = create_and_sign_in(*world.http, world.admin, "worker", "worker-b", world.unit(1));
    std::string group = open_group(*world.http, organizer, world.route(), 1, 5, now() + 86400 * 5);
    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/join", other_worker, {})->status == 200);

    SECTION("no token or a wrong token: 401") {
        auto res = world.http->Post("/api/v1/groups/" + group + "/join", "{}", "application/json");
        CHECK(res->status == 401);
        Session forged{"not-a-token", "x"};
        CHECK(post(*world.http, "/api/v1/groups/" + group + "/join", forged, {})->status == 401);
    }
    SECTION("a worker cannot open groups or withdraw someone else") {
        nlohmann::json draft = {{"route", world.route()}, {"departure", "2030-01-01"}, {"min_size", 1},
                                {"max_size", 2}, {"join_deadline", "2029-12-01T00:00:00Z"}};
        CHECK(post(*world.http, "/api/v1/groups", worker, draft)->status == 403);
        auto res = post(*world.http, "/api/v1/groups/" + group + "/withdraw", worker,
                        {{"worker", other_worker.account}});
        CHECK(res->status == 403);
        CHECK(parse(res->body)["code"] == "forbidden");
    }
    SECTION("an organizer manages only its own unit's groups") {
        CHECK(post(*world.http, "/api/v1/groups/" + group + "/cancel", other_organizer, {{"reason", "x"}})->status ==
              403);
        // Another unit's union frees no place but its own workers' (those it may free on any trip).
        REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/join", worker, {})->status == 200);
        CHECK(post(*world.http, "/api/v1/groups/" + group + "/withdraw", other_organizer,
                   {{"worker", worker.account}, {"reason", "名额调整"}})
                  ->status == 403);
        nlohmann::json draft = {{"route", world.route()}, {"departure", "2030-01-01"}, {"min_size", 1},
                                {"max_size", 2}, {"join_deadline", "2029-12-01T00:00:00Z"},
                                {"organizer_unit", world.unit(0)}};
        CHECK(post(*world.http, "/api/v1/groups", other_organizer, draft)->status == 403);
        // Its own unit's union may free a place in its group, giving the worker a reason.
        CHECK(post(*world.http, "/api/v1/groups/" + group + "/withdraw", organizer, {{"worker", other_worker.account}})
                  ->status == 422);
        auto freed = post(*world.http, "/api/v1/groups/" + group + "/withdraw", organizer,
                          {{"worker", other_worker.account}, {"reason", "名额调整"}});
        CHECK(freed->status == 200);
    }
    SECTION("only the secretariat edits the catalogue or admits members") {
        nlohmann::json route = world.catalogue.routes.at(0);
        route["id"] = "r-new";
        CHECK(post(*world.http, "/api/v1/routes", organizer, route)->status == 403);
        CHECK(post(*world.http, "/api/v1/routes", worker, route)->status == 403);
        CHECK(post(*world.http, "/api/v1/members/" + world.catalogue.members[0].id + "/suspend", organizer, {})
                  ->status == 403);
        CHECK(post(*world.http, "/api/v1/policies", worker, {{"title", "t"}})->status == 403);
        CHECK(post(*world.http, "/api/v1/routes", world.admin, route)->status == 201);
    }
    SECTION("worker ids: a worker sees their own, a union its own unit's, the secretariat all") {
        REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/join", worker, {})->status == 200);
        const std::string path = "/api/v1/groups/" + group;
        auto ids_seen_by = [&](const Session& who) {
            std::vector<std::string> ids;
            const auto detail = parse(world.http->Get(path, who.headers())->body);
            for (const auto& place : detail["places"]) ids.push_back(place["worker"]);
            return ids;
        };
        using Ids = std::vector<std::string>;
        // Places in arrival order: other_worker (unit 1), then worker (unit 0).
        CHECK(ids_seen_by(other_worker) == Ids{other_worker.account, ""});
        CHECK(ids_seen_by(worker) == Ids{"", worker.account});
        CHECK(parse(world.http->Get(path, other_worker.headers())->body)["my_place"]["state"] == "confirmed");
        // The organizing union: its own unit's worker only, not the other unit's.
        CHECK(ids_seen_by(organizer) == Ids{"", worker.account});
        // The other unit's union: its own worker, though it did not open the trip.
        CHECK(ids_seen_by(other_organizer) == Ids{other_worker.account, ""});
        CHECK(ids_seen_by(world.admin) == Ids{other_worker.account, worker.account});
        auto anonymous = world.http->Get(path);  // nobody signed in: no id at all
        REQUIRE(anonymous->status == 200);
        const auto seen_by_nobody = parse(anonymous->body);
        CHECK(seen_by_nobody["places"].size() == 2);
        for (const auto& place : seen_by_nobody["places"]) CHECK(place["worker"] == "");
        // The same rule in a write's answer (here a cancellation by the organizing union).
        auto cancelled = post(*world.http, path + "/cancel", organizer, {{"reason", "改期"}});
        REQUIRE(cancelled->status == 200);
        CHECK(parse(cancelled->body)["places"][0]["worker"] == "");
        CHECK(parse(cancelled->body)["places"][1]["worker"] == worker.account);
    }
}

TEST_CASE("group life: join, waitlist, withdraw offers the place, cancel with a reason", "[server][groups]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    std::string group = open_group(*world.http, organizer, world.route(), 2, 2, now() + 86400 * 5);
    const std::vector<Session> workers = sign_in_workers(world, 3);
    auto detail = parse(world.http->Get("/api/v1/groups/" + group)->body);
    CHECK(detail["counts"]["places_to_form"] == 2);

    CHECK(parse(post(*world.http, "/api/v1/groups/" + group + "/join", workers[0], {})->body)["state"] == "confirmed");
    CHECK(parse(post(*world.http, "/api/v1/groups/" + group + "/join", workers[1], {})->body)["state"] == "confirmed");
    auto third = parse(post(*world.http, "/api/v1/groups/" + group + "/join", workers[2], {})->body);
    CHECK(third["state"] == "waitlisted");
    CHECK(third["waitlist_position"] == 1);

    auto listed = parse(world.http->Get("/api/v1/groups?state=full&route=" + world.route())->body);
    REQUIRE(listed["groups"].size() == 1);
    CHECK(listed["groups"][0]["counts"]["waitlisted"] == 1);
    CHECK(parse(world.http->Get("/api/v1/groups?state=open")->body)["groups"].empty());
    CHECK(world.http->Get("/api/v1/groups?state=sunny")->status == 400);

    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/withdraw", workers[0], {})->status == 200);
    auto mine = parse(world.http->Get("/api/v1/me/trips", workers[2].headers())->body);
    REQUIRE(mine["trips"].size() == 1);
    CHECK(mine["trips"][0]["my_place"]["state"] == "offered");
    auto accepted = post(*world.http, "/api/v1/groups/" + group + "/accept", workers[2], {});
    REQUIRE(accepted->status == 200);
    CHECK(parse(accepted->body)["my_place"]["state"] == "confirmed");

    CHECK(post(*world.http, "/api/v1/groups/" + group + "/cancel", organizer, {})->status == 400);
    auto cancelled = post(*world.http, "/api/v1/groups/" + group + "/cancel", organizer, {{"reason", "酒店停业整顿"}});
    REQUIRE(cancelled->status == 200);
    CHECK(parse(cancelled->body)["state"] == "cancelled");
    CHECK(parse(cancelled->body)["cancel_reason"] == "酒店停业整顿");
    CHECK(post(*world.http, "/api/v1/groups/" + group + "/join", workers[0], {})->status == 409);
    CHECK(post(*world.http, "/api/v1/groups/g-missing/join", workers[0], {})->status == 404);
}

TEST_CASE("secretariat edits are validated by the core rules", "[server][catalogue]") {
    World world;
    Route route = world.catalogue.routes.at(0);
    route.id = "r-too-thin";
    route.itinerary.resize(1);
    route.itinerary[0].stops.resize(1);  // one stop: too few categories, no stay, no wellness
    auto refused = post(*world.http, "/api/v1/routes", world.admin, published(route));
    REQUIRE(refused);
    CHECK(refused->status == 422);
    auto body = parse(refused->body);
    CHECK(body["problems"].size() >= 2);

    route = world.catalogue.routes.at(0);
    route.id = "r-ghost";
    route.itinerary[0].stops[0].member = "m-does-not-exist";
    CHECK(post(*world.http, "/api/v1/routes", world.admin, published(route))->status == 422);
    CHECK(post(*world.http, "/api/v1/routes", world.admin, route)->status == 422);  // not even as a draft
    CHECK(post(*world.http, "/api/v1/routes", world.admin, world.catalogue.routes.at(0))->status == 409);

    const Member& member = world.catalogue.members.at(0);
    auto suspended = post(*world.http, "/api/v1/members/" + member.id + "/suspend", world.admin, {{"reason", "整改"}});
    REQUIRE(suspended->status == 200);
    CHECK(parse(suspended->body)["status"] == "suspended");
    CHECK(post(*world.http, "/api/v1/members/m-nobody/suspend", world.admin, {{"reason", "整改"}})->status == 404);

    auto policy = post(*world.http, "/api/v1/policies", world.admin,
                       {{"title", "2027年疗休养补贴标准"}, {"body", "每人每年不超过 2000 元。"}, {"issuer", "市总工会"}});
    REQUIRE(policy->status == 201);
    CHECK(parse(policy->body)["id"].get<std::string>().rfind("p-", 0) == 0);
}

TEST_CASE("deadlines take effect on time without any request", "[server][deadlines]") {
    // The server's clock is the system clock plus the seconds in this file: the test moves
    // it past the deadline instead of racing a deadline seconds away.
    TempDir clock_dir;
    auto clock_file = clock_dir.path() / "offset";
    std::ofstream(clock_file) << 0 << "\n";
    auto options = test_server_options();
    options.insert(options.end(), {"--test-clock-file", clock_file.string(), "--token-ttl", "100000000"});
    World world(options);
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "w", world.unit(0));
    Instant deadline = now() + 3600;
    std::string failing = open_group(*world.http, organizer, world.route(0), 2, 4, deadline);
    std::string forming = open_group(*world.http, organizer, world.route(1), 1, 4, deadline, 60);
    REQUIRE(post(*world.http, "/api/v1/groups/" + failing + "/join", worker, {})->status == 200);
    REQUIRE(post(*world.http, "/api/v1/groups/" + forming + "/join", worker, {})->status == 200);
    std::int64_t version = parse(world.http->Get("/api/v1/health")->body)["catalogue_version"];
    auto state_of = [&](const std::string& group) {
        return parse(world.http->Get("/api/v1/groups/" + group, organizer.headers())->body)["state"];
    };
    // Nothing is due yet, however long the scheduler has had.
    CHECK(state_of(failing) == "open");

    // A minute past the deadline, with no write from any client.
    std::ofstream(clock_file) << 3600 + 60 << "\n";
    CHECK(eventually([&] { return state_of(failing) != "open" && state_of(forming) != "formed"; }));

    // The catalogue version moved while nobody asked anything: the scheduler wrote.
    CHECK(parse(world.http->Get("/api/v1/health")->body)["catalogue_version"].get<std::int64_t>() > version);
    auto expired = parse(world.http->Get("/api/v1/groups/" + failing, organizer.headers())->body);
    CHECK(expired["state"] == "expired");
    CHECK(expired["places"][0]["state"] == "released");
    auto locked = parse(world.http->Get("/api/v1/groups/" + forming, organizer.headers())->body);
    CHECK(locked["state"] == "locked");
}

TEST_CASE("an offer lapses on time without any request and the next waiting worker is offered",
          "[server][deadlines]") {
    // The server's clock is the system clock plus the seconds in this file: the test
    // moves it past the 24-hour offer window instead of waiting a day.
    TempDir clock_dir;
    auto clock_file = clock_dir.path() / "offset";
    auto set_offset = [&](Instant seconds) { std::ofstream(clock_file) << seconds << "\n"; };
    set_offset(0);
    auto options = test_server_options();
    options.insert(options.end(), {"--test-clock-file", clock_file.string(), "--token-ttl", "100000000"});
    World world(options);
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    std::string group = open_group(*world.http, organizer, world.route(), 1, 1, now() + 20 * 86400);
    const std::vector<Session> workers = sign_in_workers(world, 3);
    for (const auto& worker : workers) REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/join", worker, {})->status == 200);
    REQUIRE(post(*world.http, "/api/v1/groups/" + group + "/withdraw", workers[0], {})->status == 200);

    auto place_of = [](const nlohmann::json& trip, const std::string& worker) {
        for (const auto& place : trip["places"]) {
            if (place["worker"] == worker) return place;
        }
        return nlohmann::json();
    };
    // Reading a group never changes it: what GET shows is what the database holds.
    // (As the secretariat: the workers are of several units, and a union sees only its own unit's ids.)
    auto read = [&] { return parse(world.http->Get("/api/v1/groups/" + group, world.admin.headers())->body); };
    auto before = read();
    REQUIRE(place_of(before, workers[1].account)["state"] == "offered");
    CHECK(place_of(before, workers[2].account)["state"] == "waitlisted");
    std::string first_expiry = place_of(before, workers[1].account)["offer_expires"];

    // A day and a minute later, with no write from any client.
    set_offset(86400 + 60);
    nlohmann::json after;
    CHECK(eventually([&] {
        after = read();
        return place_of(after, workers[1].account)["state"] != "offered";
    }));
    CHECK(place_of(after, workers[1].account)["state"] == "offer_expired");
    auto next = place_of(after, workers[2].account);
    CHECK(next["state"] == "offered");
    // Offered the moment the first offer lapsed, for the full window from then.
    CHECK(next["since"] == first_expiry);
    CHECK(parse_instant(next["offer_expires"].get<std::string>()).value() ==
          parse_instant(first_expiry).value() + kOfferWindowSeconds);
    CHECK(after["counts"]["places_left"] == 0);
}

TEST_CASE("CORS: listed origins only, preflight included", "[server][security]") {
    auto options = test_server_options();
    options.insert(options.end(), {"--cors-origin", "https://cdn.example.org"});
    World world(options);
    auto preflight = world.http->Options("/api/v1/groups/g-1/join", {{"Origin", "https://cdn.example.org"},
                                                                      {"Access-Control-Request-Method", "POST"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "https://cdn.example.org");
    CHECK(preflight->get_header_value("Access-Control-Allow-Headers").find("Idempotency-Key") != std::string::npos);

    auto foreign = world.http->Options("/api/v1/groups", {{"Origin", "https://evil.example"}});
    REQUIRE(foreign);
    CHECK(foreign->status == 403);
    CHECK(!foreign->has_header("Access-Control-Allow-Origin"));

    auto get = world.http->Get("/api/v1/health", {{"Origin", "https://cdn.example.org"}});
    CHECK(get->get_header_value("Access-Control-Allow-Origin") == "https://cdn.example.org");
    auto get_foreign = world.http->Get("/api/v1/health", {{"Origin", "https://evil.example"}});
    CHECK(!get_foreign->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("rate limits: sign-in attempts per address and writes per account", "[server][security]") {
    World world({"--password-cost", "min", "--quiet", "--signin-rate", "6", "--write-rate", "2"});
    // The World signed in once already; the burst is 3 per address.
    int refused = 0;
    for (int i = 0; i < 6; ++i) {
        auto res = world.http->Post("/api/v1/sessions", R"({"login":"admin","password":"wrong-password"})",
                                    "application/json");
        REQUIRE(res);
        if (res->status == 429) {
            ++refused;
            CHECK(parse(res->body)["code"] == "rate_limited");
            CHECK(res->has_header("Retry-After"));
        } else {
            CHECK(res->status == 401);
        }
    }
    CHECK(refused >= 3);

    // Writes: 2 per second, burst 4 — ten quick ones cannot all pass.
    int throttled = 0;
    for (int i = 0; i < 10; ++i) {
        auto res = post(*world.http, "/api/v1/policies", world.admin, {{"title", "t"}});
        if (res->status == 429) ++throttled;
    }
    CHECK(throttled >= 5);
}

TEST_CASE("passwords and tokens stay out of the request log", "[server][security]") {
    TempDir dir;
    std::string url = "sqlite:" + (dir.path() / "t.db").string();
    prepare_database(url, dir.path());
    // Run the server with logging on, its stderr into a file.
    auto log_path = dir.path() / "server.log";
    int saved = dup(STDERR_FILENO);
    FILE* log = std::fopen(log_path.c_str(), "w");
    dup2(fileno(log), STDERR_FILENO);
    std::string token;
    {
        ServerProcess server(serve_args(url, {"--password-cost", "min", "--signin-rate", "0", "--write-rate", "0"}));
        dup2(saved, STDERR_FILENO);
        auto http = server.client();
        Session admin = sign_in(*http, "admin", "admin-password");
        token = admin.token;
        http->Get("/api/v1/me?token=" + token, admin.headers());
        http->Get("/api/v1/catalogue", admin.headers());
    }
    std::fclose(log);
    close(saved);
    std::ifstream in(log_path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("POST /api/v1/sessions 201") != std::string::npos);
    CHECK(text.find("admin-password") == std::string::npos);
    CHECK(text.find(token) == std::string::npos);
}

TEST_CASE("sign-out ends the session at once, even one the server has just verified", "[server][security]") {
    World world;
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "leaver", world.unit(0));
    for (int i = 0; i < 3; ++i) REQUIRE(world.http->Get("/api/v1/me", worker.headers())->status == 200);
    REQUIRE(world.http->Delete("/api/v1/sessions/current", worker.headers())->status == 204);
    auto after = world.http->Get("/api/v1/me", worker.headers());
    REQUIRE(after);
    CHECK(after->status == 401);
    CHECK(parse(after->body)["code"] == "unauthorized");
}

TEST_CASE("a 422 is headed by the first error, never by a warning listed before it", "[server][catalogue][errors]") {
    World world;
    Route route = world.catalogue.routes.at(0);
    const std::string suspended = route.itinerary.at(0).stops.at(0).member.str();
    REQUIRE(post(*world.http, "/api/v1/members/" + suspended + "/suspend", world.admin, {{"reason", "整改"}})->status == 200);
    route.id = "r-warning-then-error";
    for (auto& day : route.itinerary)  // no wellness stop: an error, found after the stops' warnings
        std::erase_if(day.stops, [](const Stop& stop) { return stop.kind == StopKind::wellness; });
    auto refused = post(*world.http, "/api/v1/routes", world.admin, published(route));
    REQUIRE(refused);
    CHECK(refused->status == 422);
    auto body = parse(refused->body);
    REQUIRE(body["problems"].size() >= 2);
    CHECK(body["problems"][0]["code"] == "member_not_active");  // the list keeps its order
    CHECK(body["problems"][0]["severity"] == "warning");        // and says which are warnings
    CHECK(body["code"] != "member_not_active");
    CHECK(!body.contains("severity"));  // the head is an error
    bool head_listed = false;
    for (const auto& problem : body["problems"])
        if (problem["code"] == body["code"] && !problem.contains("severity")) head_listed = true;
    CHECK(head_listed);

    // A route with only the warning is saved, and its warning says it is one.
    route = world.catalogue.routes.at(0);
    route.id = "r-warning-only";
    auto saved = post(*world.http, "/api/v1/routes", world.admin, published(route));
    REQUIRE(saved->status == 201);
    auto warnings = parse(saved->body)["warnings"];
    REQUIRE(!warnings.empty());
    CHECK(warnings[0]["code"] == "member_not_active");
    CHECK(warnings[0]["severity"] == "warning");
}

TEST_CASE("refusals say why: the core's reason reaches the client, not a generic 403", "[server][security][errors]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-a", world.unit(0));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "worker-a", world.unit(0));
    std::string group = open_group(*world.http, organizer, world.route(), 1, 5, now() + 86400 * 5);

    auto by_worker = post(*world.http, "/api/v1/groups/" + group + "/cancel", worker, {{"reason", "x"}});
    REQUIRE(by_worker->status == 403);
    auto refusal = parse(by_worker->body);
    CHECK(refusal["code"] == "forbidden");
    CHECK(refusal["message_zh"].get<std::string>().find("职工不能取消拼团") != std::string::npos);
    CHECK(refusal["message_en"].get<std::string>().find("a worker cannot cancel") != std::string::npos);

    auto organizer_joins = post(*world.http, "/api/v1/groups/" + group + "/join", organizer, {});
    REQUIRE(organizer_joins->status == 403);
    CHECK(parse(organizer_joins->body)["message_en"] == "only workers join group trips");

    auto worker_opens_account = post(*world.http, "/api/v1/accounts", worker,
                                     {{"login", "x"}, {"password", "long-enough-1"}, {"role", "worker"},
                                      {"name", "x"}, {"unit", world.unit(0)}});
    REQUIRE(worker_opens_account->status == 403);
    CHECK(parse(worker_opens_account->body)["message_zh"].get<std::string>().find("无权创建该账号") != std::string::npos);

    auto worker_edits = post(*world.http, "/api/v1/policies", worker, {{"title", "t"}});
    REQUIRE(worker_edits->status == 403);
    CHECK(parse(worker_edits->body)["message_zh"].get<std::string>().find("联盟秘书处") != std::string::npos);

    // The secretariat manages every unit's trips: it may cancel this one (the screen offers it too).
    auto by_secretariat = post(*world.http, "/api/v1/groups/" + group + "/cancel", world.admin, {{"reason", "线路调整"}});
    REQUIRE(by_secretariat->status == 200);
    CHECK(parse(by_secretariat->body)["state"] == "cancelled");
}

TEST_CASE("a group's meeting point and contact: kept as the union wrote them, trimmed, and a bad one refused naming its field",
          "[server][groups][meeting]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    nlohmann::json draft = {{"route", world.route()}, {"departure", format_day(day_of(now()) + 30)}, {"min_size", 1},
                            {"max_size", 5}, {"join_deadline", format_instant(now() + 86400 * 20)},
                            {"meeting_point", " 衢州站北广场，出发日 7:30 "}, {"contact_name", "李老师"},
                            {"contact_phone", "0570-3021234"}};
    auto opened = post(*world.http, "/api/v1/groups", organizer, draft);
    REQUIRE(opened->status == 201);
    const std::string id = parse(opened->body)["id"];
    auto detail = parse(world.http->Get("/api/v1/groups/" + id)->body);
    CHECK(detail["meeting_point"] == "衢州站北广场，出发日 7:30");
    CHECK(detail["contact_name"] == "李老师");
    CHECK(detail["contact_phone"] == "0570-3021234");

    for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
             {"contact_phone", "call me maybe"}, {"meeting_point", "东门\r\n七点"}, {"contact_name", std::string(21, 'x')}}) {
        nlohmann::json bad = draft;
        bad[field] = value;
        auto refused = post(*world.http, "/api/v1/groups", organizer, bad);
        CHECK(refused->status == 400);
        auto body = parse(refused->body);
        CHECK(body["code"] == "bad_value");
        CHECK(body["path"] == field);
    }
    nlohmann::json wrong_type = draft;
    wrong_type["contact_phone"] = 5703021234;
    CHECK(post(*world.http, "/api/v1/groups", organizer, wrong_type)->status == 400);
}
