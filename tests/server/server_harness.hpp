// Runs liaoxiu-server as a child process for the tests and the benchmark, and
// talks to it over HTTP. Every server listens on a port the kernel picks
// (--addr 127.0.0.1:0) and says which on its first line of output.
#pragma once

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

std::string server_executable();

class ServerProcess {
public:
    // `extra`: options after `serve --addr 127.0.0.1:0 --db URL`.
    ServerProcess(const std::string& db_url, std::vector<std::string> extra);
    ~ServerProcess();  // SIGTERM, then wait
    ServerProcess(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::unique_ptr<httplib::Client> client() const;
    bool alive();
    void kill_hard();  // SIGKILL, no clean-up: a crash

private:
    pid_t pid_ = -1;
    int port_ = 0;
    int stdout_fd_ = -1;
};

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

}  // namespace liaoxiu::testing
