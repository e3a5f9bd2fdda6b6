// Helpers shared by the hostile-client tests (test_server_hostile_*.cpp): a clock for
// the coarse speed checks, an HTTP client with the timeouts a loaded server needs, and
// the JSON error body of an answer.
#pragma once

#include "server_harness.hpp"

#include <chrono>
#include <memory>

namespace liaoxiu::testing {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

inline std::unique_ptr<httplib::Client> client_for(int port) {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_connection_timeout(10, 0);
    client->set_read_timeout(30, 0);
    return client;
}

inline nlohmann::json error_of(const httplib::Result& res) { return nlohmann::json::parse(res->body, nullptr, false); }

}  // namespace liaoxiu::testing
