// What the endpoint's tests and the benchmark share: liaoxiu-server child processes
// (tests/common/server_process.hpp) over a prepared database, and talking HTTP to them.
#pragma once

#include "../common/server_process.hpp"
#include "../common/temp_dir.hpp"
#include "core/model.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace liaoxiu::testing {

// The arguments after `serve --addr …` for a server on `db_url` with `extra` options.
std::vector<std::string> serve_args(const std::string& db_url, std::vector<std::string> extra);

// Runs `liaoxiu-server ARGS` to completion; returns its exit status. `input` goes to its stdin.
int run_cli(const std::vector<std::string>& args, const std::string& input = {});

// The catalogue the tests use: a small generated one (valid and bookable).
Catalogue test_catalogue();

struct Session {
    std::string token;
    std::string account;
    httplib::Headers headers() const { return {{"Authorization", "Bearer " + token}}; }
};

// A database with the test catalogue imported and a secretariat account (admin / admin-password).
void prepare_database(const std::string& db_url, const std::filesystem::path& dir);

// The options every functional test uses: cheap password hashing, no rate limits, no request log.
std::vector<std::string> test_server_options();

Session sign_in(httplib::Client& client, const std::string& login, const std::string& password);
// Creates an account through the API (as `admin`) and signs it in.
Session create_and_sign_in(httplib::Client& client, const Session& admin, const std::string& role,
                           const std::string& login, const std::string& unit);
// An organizer of `unit` opens a group trip on `route`; returns its id.
std::string open_group(httplib::Client& client, const Session& organizer, const std::string& route, int min_size,
                       int max_size, Instant join_deadline, int departure_in_days = 30);

nlohmann::json parse(const std::string& body);

// A JSON request as `who` (with `extra` headers). An empty initializer list makes a JSON null: the API's
// empty body is {}.
httplib::Result post(httplib::Client& http, const std::string& path, const Session& who, const nlohmann::json& body,
                     const httplib::Headers& extra = {});
httplib::Result put(httplib::Client& http, const std::string& path, const Session& who, const nlohmann::json& body);

}  // namespace liaoxiu::testing
