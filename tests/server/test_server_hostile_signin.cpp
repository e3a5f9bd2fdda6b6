// A hostile client (issue 13), the sign-ins and the syntax: sign-ins are limited per
// login and per address, X-Forwarded-For is believed only from a trusted proxy, and
// client-chosen ids, logins, bodies, types and paths follow their syntax.
// (Connections: test_server_hostile_connections.cpp.)
#include "hostile_helpers.hpp"
#include "raw_client.hpp"
#include "test_world.hpp"

#include "core/dates.hpp"
#include "server/rate_limiter.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <latch>
#include <thread>
#include <vector>

using namespace liaoxiu;
using namespace liaoxiu::testing;

TEST_CASE("sign-in is limited per login with growing delays and per address with a kiosk's allowance",
          "[hostile][signin]") {
    // Default sign-in limits; the proxy at 127.0.0.1 says who the clients are.
    World world({"--password-cost", "min", "--quiet", "--write-rate", "0", "--trusted-proxy", "127.0.0.1"});
    auto from = [](const std::string& address) { return httplib::Headers{{"X-Forwarded-For", address}}; };
    const std::string wrong = R"({"login":"admin","password":"wrong-password"})";
    const std::string right = R"({"login":"admin","password":"admin-password"})";

    // 300 guesses at admin from 50 addresses: a handful are verified, the rest wait (429 + Retry-After).
    int verified = 0, delayed = 0, max_retry = 0;
    for (int i = 0; i < 300; ++i) {
        auto res = world.http->Post("/api/v1/sessions", from("10.0.0." + std::to_string(1 + i % 50)), wrong,
                                    "application/json");
        REQUIRE(res);
        if (res->status == 401) ++verified;
        if (res->status == 429) {
            ++delayed;
            max_retry = std::max(max_retry, std::stoi(res->get_header_value("Retry-After")));
        }
    }
    INFO(verified << " verified, " << delayed << " delayed");
    CHECK(verified <= 12);
    CHECK(delayed >= 288);
    CHECK(max_retry <= 300);  // never a lockout: at most five minutes

    // The owner, from the address they signed in from before (the World's sign-in), is not held.
    auto owner = world.http->Post("/api/v1/sessions", right, "application/json");
    REQUIRE(owner);
    CHECK(owner->status == 201);
    // From a new address they wait like the attacker — for a bounded time.
    auto elsewhere = world.http->Post("/api/v1/sessions", from("10.9.9.9"), right, "application/json");
    REQUIRE(elsewhere);
    CHECK(elsewhere->status == 429);
    CHECK(std::stoi(elsewhere->get_header_value("Retry-After")) <= 300);

    // A kiosk (one address) signs 30 workers in one after another, with a few typos: never 429.
    for (int i = 0; i < 30; ++i) {
        nlohmann::json account = {{"role", "worker"}, {"login", "kiosk-" + std::to_string(i)}, {"name", "职工"},
                                  {"unit", world.unit(0)}, {"password", "kiosk-password"}};
        auto made = world.http->Post("/api/v1/accounts", world.admin.headers(), account.dump(), "application/json");
        REQUIRE(made);
        REQUIRE(made->status == 201);
    }
    int throttled = 0;
    for (int i = 0; i < 30; ++i) {
        std::string login = "kiosk-" + std::to_string(i);
        if (i % 6 == 0) {
            auto typo = world.http->Post("/api/v1/sessions", from("10.1.1.1"),
                                         nlohmann::json{{"login", login}, {"password", "kiosk-pasword"}}.dump(),
                                         "application/json");
            REQUIRE(typo);
            if (typo->status == 429) ++throttled;
        }
        auto res = world.http->Post("/api/v1/sessions", from("10.1.1.1"),
                                    nlohmann::json{{"login", login}, {"password", "kiosk-password"}}.dump(),
                                    "application/json");
        REQUIRE(res);
        if (res->status == 429) ++throttled;
        CHECK(res->status == 201);
    }
    CHECK(throttled == 0);

    // One address spraying wrong passwords over many logins is held after its allowance (burst 15).
    int refused = 0;
    for (int i = 0; i < 40; ++i) {
        auto res = world.http->Post("/api/v1/sessions", from("10.2.2.2"),
                                    nlohmann::json{{"login", "kiosk-" + std::to_string(i % 30)}, {"password", "spray-1234"}}
                                        .dump(),
                                    "application/json");
        REQUIRE(res);
        if (res->status == 429) ++refused;
    }
    CHECK(refused >= 20);
}

TEST_CASE("X-Forwarded-For is believed only from a trusted proxy", "[hostile][signin]") {
    World world({"--password-cost", "min", "--quiet", "--write-rate", "0", "--signin-rate", "6"});
    // No --trusted-proxy: every header below is the client's own claim, so all share 127.0.0.1 (burst 3).
    int refused = 0;
    for (int i = 0; i < 8; ++i) {
        auto res = world.http->Post(
            "/api/v1/sessions", {{"X-Forwarded-For", "10.3.0." + std::to_string(i)}},
            nlohmann::json{{"login", "nobody-" + std::to_string(i)}, {"password", "wrong-password"}}.dump(),
            "application/json");
        REQUIRE(res);
        if (res->status == 429) ++refused;
    }
    CHECK(refused >= 4);
}

TEST_CASE("client-chosen ids and logins follow their syntax and bodies and types and paths are strict",
          "[hostile][ids]") {
    TempDir web;
    std::ofstream(web.path() / "index.html") << "<!doctype html><title>liaoxiu</title>";
    std::vector<std::string> options = test_server_options();
    options.insert(options.end(), {"--web", web.path().string()});
    World world(options);
    auto& http = *world.http;
    Session organizer = create_and_sign_in(http, world.admin, "organizer", "org-ids", world.unit(0));
    Session worker = create_and_sign_in(http, world.admin, "worker", "worker-ids", world.unit(0));
    Instant now = static_cast<Instant>(std::time(nullptr));

    auto group_with_id = [&](const std::string& id) {
        nlohmann::json body = {{"id", id}, {"route", world.route()}, {"departure", format_day(day_of(now) + 30)},
                               {"min_size", 1}, {"max_size", 5}, {"join_deadline", format_instant(now + 20 * 86400)}};
        return http.Post("/api/v1/groups", organizer.headers(), body.dump(), "application/json");
    };
    for (const std::string& id : {"g-" + std::string(10000, 'a'), std::string("g-a/b"), std::string("../../x"),
                                  std::string("g-\xE5\x9B\xA2"), std::string("g a"), std::string("")}) {
        auto res = group_with_id(id);
        REQUIRE(res);
        INFO("id " << id.substr(0, 20) << " answered " << res->status << " " << res->body);
        CHECK(res->status == 400);
        CHECK(error_of(res)["path"] == "id");
    }
    auto good = group_with_id("g-ok_" + std::string(59, 'z'));  // exactly 64 characters
    REQUIRE(good);
    CHECK(good->status == 201);
    CHECK(http.Get("/api/v1/groups/g-ok_" + std::string(59, 'z'))->status == 200);

    // Logins: a NUL, a zero-width space, a case variant of an existing login.
    auto account = [&](const std::string& login) {
        nlohmann::json body = {{"role", "secretariat"}, {"login", login}, {"name", "x"},
                               {"password", "long-enough-1"}};
        return http.Post("/api/v1/accounts", world.admin.headers(), body.dump(), "application/json");
    };
    auto nul = account(std::string("admin\0", 6));
    REQUIRE(nul);
    CHECK(nul->status == 400);
    CHECK(error_of(nul)["path"] == "login");
    auto zero_width = account("ad\xE2\x80\x8Bmin");
    REQUIRE(zero_width);
    CHECK(zero_width->status == 400);
    auto upper = account("ADMIN");
    REQUIRE(upper);
    CHECK(upper->status == 409);
    CHECK(error_of(upper)["code"] == "account_exists");
    auto chinese = account("王丽");
    REQUIRE(chinese);
    CHECK(chinese->status == 201);
    // Sign-in does not care about case either.
    auto mixed = http.Post("/api/v1/sessions", R"({"login":"Admin","password":"admin-password"})", "application/json");
    REQUIRE(mixed);
    CHECK(mixed->status == 201);

    // Policies: "p-dup" and "p-dup\0evil" cannot both exist.
    auto policy = [&](const std::string& id) {
        return http.Post("/api/v1/policies", world.admin.headers(), nlohmann::json{{"id", id}, {"title", "t"}, {"body", "b"}, {"issuer", "i"}}.dump(),
                         "application/json");
    };
    auto dup = policy("p-dup");
    REQUIRE(dup);
    INFO(dup->body);
    CHECK(dup->status == 201);
    auto evil = policy(std::string("p-dup\0evil", 10));
    REQUIRE(evil);
    CHECK(evil->status == 400);

    // Bodies: whitespace alone is not a JSON object; a wrong Content-Type is refused.
    std::string group = good->status == 201 ? parse(good->body)["id"].get<std::string>() : "";
    auto blank = http.Post("/api/v1/groups/" + group + "/join", worker.headers(), "   \n", "application/json");
    REQUIRE(blank);
    CHECK(blank->status == 400);
    CHECK(error_of(blank)["code"] == "bad_json");
    auto plain = http.Post("/api/v1/groups/" + group + "/join", worker.headers(), "{}", "text/plain");
    REQUIRE(plain);
    CHECK(plain->status == 415);
    CHECK(error_of(plain)["code"] == "unsupported_media_type");
    auto detail = parse(http.Get("/api/v1/groups/" + group, organizer.headers())->body);
    CHECK(detail["counts"]["confirmed"] == 0);  // neither went through
    // An empty body with no type is fine for an optional body; JSON with a charset too.
    auto empty = http.Post("/api/v1/groups/" + group + "/join", worker.headers(), "", "");
    REQUIRE(empty);
    CHECK(empty->status == 200);
    auto with_charset = http.Post("/api/v1/groups/" + group + "/withdraw", worker.headers(), "{}",
                                  "application/json; charset=utf-8");
    REQUIRE(with_charset);
    CHECK(with_charset->status == 200);

    // A NUL anywhere in a path: 400, never index.html.
    int fd = connect_from(world.server->port());
    send_all(fd, "GET /index.html%00.js HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(status_of(read_answer(fd, 5000)) == 400);
    ::close(fd);
    CHECK(http.Get("/index.html")->status == 200);
    fd = connect_from(world.server->port());
    send_all(fd, "GET /api/v1/groups/g%00x HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(status_of(read_answer(fd, 5000)) == 400);
    ::close(fd);

    // The Bearer scheme is case-insensitive.
    auto lower = http.Get("/api/v1/me", {{"Authorization", "bearer " + world.admin.token}});
    REQUIRE(lower);
    CHECK(lower->status == 200);
}

TEST_CASE("the address allowance counts failed sign-ins only: looking does not use it up", "[hostile][signin]") {
    server::RateLimiter limiter(30.0 / 60.0, 15);  // the defaults: 30 a minute, bursts of 15
    for (int i = 0; i < 100; ++i) CHECK(limiter.has_allowance("addr:10.3.3.3"));
    for (int i = 0; i < 15; ++i) limiter.charge("addr:10.3.3.3");
    CHECK_FALSE(limiter.has_allowance("addr:10.3.3.3"));
    CHECK(limiter.has_allowance("addr:10.3.3.4"));  // another address has its own
}

TEST_CASE("a unit behind one address: sixteen workers signing in at the same moment are never refused for it",
          "[hostile][signin]") {
    // Default sign-in limits (bursts of 15 per address) and the default hashing pool (2 threads,
    // 16 waiting): 16 sign-ins at once fit the pool, and none may get 429 for sharing an address.
    World world({"--password-cost", "min", "--quiet", "--write-rate", "0", "--trusted-proxy", "127.0.0.1"});
    constexpr int kWorkers = 16;
    for (int i = 0; i < kWorkers; ++i) {
        nlohmann::json account = {{"role", "worker"}, {"login", "nat-" + std::to_string(i)}, {"name", "职工"},
                                  {"unit", world.unit(0)}, {"password", "nat-password"}};
        auto made = world.http->Post("/api/v1/accounts", world.admin.headers(), account.dump(), "application/json");
        REQUIRE(made);
        REQUIRE(made->status == 201);
    }
    std::latch start(kWorkers);
    std::vector<int> statuses(kWorkers, 0);
    std::vector<std::thread> workers;
    for (int i = 0; i < kWorkers; ++i) {
        workers.emplace_back([&, i] {
            auto client = world.server->client();
            start.arrive_and_wait();
            auto res = client->Post("/api/v1/sessions", {{"X-Forwarded-For", "10.2.2.2"}},
                                    nlohmann::json{{"login", "nat-" + std::to_string(i)}, {"password", "nat-password"}}.dump(),
                                    "application/json");
            statuses[static_cast<std::size_t>(i)] = res ? res->status : -1;
        });
    }
    for (auto& worker : workers) worker.join();
    for (int status : statuses) CHECK(status == 201);
}
