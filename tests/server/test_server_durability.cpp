// Durability: kill -9 the server in the middle of a join load and restart it.
// Every join that was answered 2xx must be there, in the state it was answered
// with, and the counts must agree with the places.
#include "test_world.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>

using namespace liaoxiu;
using namespace liaoxiu::testing;

TEST_CASE("kill -9 during a join load loses no acknowledged join", "[server][durability]") {
    World world;
    Instant now = static_cast<Instant>(std::time(nullptr));
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    // Four groups, so the load spreads over several rows; 60 places each, plenty waitlisted.
    std::vector<std::string> groups;
    for (int g = 0; g < 4; ++g) {
        groups.push_back(open_group(*world.http, organizer, world.route(static_cast<std::size_t>(g)), 10, 60,
                                    now + 86400 * 5, 30 + g * 10));
    }
    std::vector<Session> workers;
    for (int i = 0; i < 1200; ++i) {
        workers.push_back(create_and_sign_in(*world.http, world.admin, "worker", "load" + std::to_string(i),
                                             world.unit(static_cast<std::size_t>(i))));
    }

    std::mutex acknowledged_mutex;
    std::map<std::string, std::pair<std::string, std::string>> acknowledged;  // worker -> (group, state)
    std::atomic<std::size_t> next{0};
    std::atomic<int> started{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 32; ++c) {
        clients.emplace_back([&] {
            httplib::Client client("127.0.0.1", world.server->port());
            client.set_keep_alive(true);
            for (;;) {
                std::size_t i = next++;
                if (i >= workers.size()) return;
                const std::string& group = groups[i % groups.size()];
                ++started;
                auto res = client.Post("/api/v1/groups/" + group + "/join", workers[i].headers(), "{}",
                                       "application/json");
                if (!res) return;  // the server is gone
                if (res->status == 200) {
                    auto body = parse(res->body);
                    std::lock_guard lock(acknowledged_mutex);
                    acknowledged[workers[i].account] = {group, body["state"]};
                }
            }
        });
    }
    // Let the load run, then pull the plug mid-flight.
    while (started < 400) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    world.server->kill_hard();
    for (auto& client : clients) client.join();
    INFO("acknowledged before the kill: " << acknowledged.size());
    REQUIRE(acknowledged.size() >= 100);
    REQUIRE(acknowledged.size() < workers.size());  // the kill really came in the middle

    ServerProcess restarted(serve_args(world.url, test_server_options()));
    auto http = restarted.client();
    Session admin_again = sign_in(*http, "admin", "admin-password");  // sees every worker's id
    std::size_t found = 0;
    for (const auto& group : groups) {
        auto detail = parse(http->Get("/api/v1/groups/" + group, admin_again.headers())->body);
        int confirmed = 0;
        int waiting = 0;
        for (const auto& place : detail["places"]) {
            std::string state = place["state"];
            if (state == "confirmed") ++confirmed;
            if (state == "waitlisted" || state == "offered") ++waiting;
            auto answered = acknowledged.find(place["worker"]);
            if (answered != acknowledged.end()) {
                CHECK(answered->second.first == group);
                CHECK(answered->second.second == state);
                ++found;
            }
        }
        CHECK(detail["counts"]["confirmed"] == confirmed);
        CHECK(detail["counts"]["waitlisted"] == waiting);
        CHECK(confirmed <= 60);
        CHECK(detail["counts"]["places_left"] == std::max(0, 60 - confirmed));
    }
    CHECK(found == acknowledged.size());
}
