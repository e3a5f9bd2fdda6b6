// Overbooking and idempotency over HTTP against a real server process on SQLite.
#include "overbooking_checks.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <set>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant now() { return static_cast<Instant>(std::time(nullptr)); }

std::vector<Session> make_workers(World& world, int count, const std::string& prefix) {
    std::vector<Session> workers;
    for (int i = 0; i < count; ++i) {
        workers.push_back(create_and_sign_in(*world.http, world.admin, "worker", prefix + std::to_string(i),
                                             world.unit(static_cast<std::size_t>(i))));
    }
    return workers;
}

}  // namespace

TEST_CASE("200 concurrent joins for 5 places: exactly 5 confirmed, the rest waitlisted in arrival order",
          "[server][overbooking]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    std::string group = open_group(*world.http, organizer, world.route(), 2, 5, now() + 7 * 86400);
    auto workers = make_workers(world, 200, "racer");

    auto answers = race_joins({world.server->port()}, workers, group);

    check_no_overbooking(answers, 5, *world.http, world.admin, group);
    CHECK(world.server->alive());
}

TEST_CASE("a join replayed 50 times with one Idempotency-Key holds one place and answers the same",
          "[server][idempotency]") {
    World world;
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    std::string group = open_group(*world.http, organizer, world.route(), 1, 3, now() + 7 * 86400);
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "replayer", world.unit(1));
    auto headers = worker.headers();
    headers.emplace("Idempotency-Key", "join-once-7f3a");

    // 25 at the same moment (they land in one group-commit batch), then 25 one after another.
    std::vector<std::pair<int, std::string>> answers(50);
    std::latch ready(25);
    std::vector<std::thread> threads;
    for (int i = 0; i < 25; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", world.server->port());
            ready.arrive_and_wait();
            auto res = client.Post("/api/v1/groups/" + group + "/join", headers, "{}", "application/json");
            if (res) answers[static_cast<std::size_t>(i)] = {res->status, res->body};
        });
    }
    for (auto& thread : threads) thread.join();
    for (int i = 25; i < 50; ++i) {
        auto res = world.http->Post("/api/v1/groups/" + group + "/join", headers, "{}", "application/json");
        REQUIRE(res);
        answers[static_cast<std::size_t>(i)] = {res->status, res->body};
    }

    REQUIRE(answers[0].first == 200);
    CHECK(parse(answers[0].second)["state"] == "confirmed");
    for (const auto& answer : answers) {
        CHECK(answer.first == answers[0].first);
        CHECK(answer.second == answers[0].second);
    }
    auto detail = parse(world.http->Get("/api/v1/groups/" + group, organizer.headers())->body);
    CHECK(detail["counts"]["confirmed"] == 1);
    CHECK(detail["places"].size() == 1);

    // A new key for the same join is a new request, refused by the rules.
    auto other = worker.headers();
    other.emplace("Idempotency-Key", "another-key");
    auto again = world.http->Post("/api/v1/groups/" + group + "/join", other, "{}", "application/json");
    REQUIRE(again);
    CHECK(again->status == 409);
    CHECK(parse(again->body)["code"] == "already_joined");

    // The key belongs to the first request: using it for another group is refused.
    std::string second_group = open_group(*world.http, organizer, world.route(1), 1, 3, now() + 7 * 86400, 60);
    auto reused = world.http->Post("/api/v1/groups/" + second_group + "/join", headers, "{}", "application/json");
    REQUIRE(reused);
    CHECK(reused->status == 422);
    CHECK(parse(reused->body)["code"] == "idempotency_key_reused");
}
