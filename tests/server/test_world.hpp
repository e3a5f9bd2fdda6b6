// A running server over a prepared database, with its secretariat signed in:
// what most server tests start from.
#pragma once

#include "server_harness.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <latch>
#include <thread>

namespace liaoxiu::testing {

// The database a World opens when it is given none: a fresh SQLite file in its own directory,
// unless the program sets this. The PostgreSQL program (pg_main.cpp) sets it to a fresh database
// in the test cluster, so the same test files (members, publishing, audit) run on both.
inline std::function<std::string()> world_database;

struct World {
    explicit World(std::vector<std::string> options = test_server_options(), std::string db_url = {})
        : url(!db_url.empty()   ? db_url
              : world_database ? world_database()
                               : "sqlite:" + (dir.path() / "liaoxiu.db").string()) {
        prepare_database(url, dir.path());
        catalogue = test_catalogue();
        server = std::make_unique<ServerProcess>(serve_args(url, options));
        http = server->client();
        admin = sign_in(*http, "admin", "admin-password");
    }

    const std::string& route(std::size_t i = 0) const { return catalogue.routes.at(i).id; }
    const std::string& unit(std::size_t i) const { return catalogue.units.at(i % catalogue.units.size()).id; }

    TempDir dir;
    std::string url;
    Catalogue catalogue;
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<httplib::Client> http;
    Session admin;
};

// The server's clock is the system clock plus the seconds in this file (--test-clock-file),
// written whole (a rename) so a read never sees it half written: World(clock.options()).
struct TestClock {
    TestClock() { set(0); }
    void set(Instant offset) {
        const auto tmp = dir.path() / "offset.tmp";
        std::ofstream(tmp) << offset << "\n";
        std::filesystem::rename(tmp, file());
    }
    std::filesystem::path file() const { return dir.path() / "offset"; }
    std::vector<std::string> options() const {
        auto options = test_server_options();
        options.insert(options.end(), {"--test-clock-file", file().string(), "--token-ttl", "100000000"});
        return options;
    }
    TempDir dir;
};

struct JoinAnswer {
    int status = 0;
    std::string worker;
    std::string state;
    int waitlist_position = 0;
    std::int64_t seq = 0;
    std::string body;
};

// Every worker posts one join at the same moment (all threads released together),
// spread round-robin over `ports` (several server processes sharing one database).
inline std::vector<JoinAnswer> race_joins(const std::vector<int>& ports, const std::vector<Session>& workers,
                                          const std::string& group) {
    std::vector<JoinAnswer> answers(workers.size());
    std::latch ready(static_cast<std::ptrdiff_t>(workers.size()));
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < workers.size(); ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", ports[i % ports.size()]);
            client.set_read_timeout(60, 0);
            client.set_tcp_nodelay(true);
            ready.arrive_and_wait();
            auto res = client.Post("/api/v1/groups/" + group + "/join", workers[i].headers(), "{}",
                                   "application/json");
            answers[i].worker = workers[i].account;
            if (!res) {
                answers[i].body = "no answer: " + httplib::to_string(res.error());
                return;
            }
            answers[i].status = res->status;
            answers[i].body = res->body;
            if (res->status == 200) {
                auto body = parse(res->body);
                answers[i].state = body["state"];
                answers[i].seq = body["seq"];
                answers[i].waitlist_position = body.value("waitlist_position", 0);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    return answers;
}

}  // namespace liaoxiu::testing
