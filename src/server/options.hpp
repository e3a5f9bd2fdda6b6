// The command line of liaoxiu-server.
#pragma once

#include "server/passwords.hpp"

#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;                     // 0: any free port (printed on stdout)
    std::string db = "sqlite:liaoxiu.db";
    std::optional<std::string> web;      // static files (the app's dist/)
    bool demo = false;                   // load the demo catalogue and accounts on first start
    std::string demo_file;               // default: assets/demo/catalogue.json
    std::vector<std::string> cors_origins;
    PasswordCost password_cost = PasswordCost::interactive();
    int threads = 64;                    // application worker threads (connections cost none while idle)
    std::size_t queue = 4096;            // complete requests waiting for a worker; beyond: 503
    double signin_per_minute = 30;       // failed sign-ins per client address (burst N/2); 0 = unlimited
    int hash_threads = 2;                // password hashes computed at once (each takes the cost's memory)
    std::size_t hash_queue = 16;         // sign-ins waiting for a hash; beyond: 503
    std::size_t max_header_bytes = 16 * 1024;
    long idle_timeout_seconds = 60;      // an open connection waiting for its next request
    long header_timeout_seconds = 20;    // the whole header, once its first byte arrived
    long body_timeout_seconds = 60;      // the whole body (and the answer's write)
    std::size_t max_connections = 30000;
    std::size_t max_connections_per_address = 512;
    std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For names the client
    double writes_per_second = 20;       // per account (or address); 0 = unlimited
    long token_lifetime_seconds = 12 * 3600;
    std::size_t max_body_bytes = 1 << 20;
    bool log_requests = true;
    std::size_t writer_batch = 1024;     // jobs per commit; 1 = no group commit (a baseline for the benchmark)
    // Tests only: the server's clock is the system clock plus the whole seconds written in
    // this file (read on every look at the clock), so a test can move time forward.
    std::string test_clock_file;
    std::size_t writers = 0;             // PostgreSQL writer connections (0: the default, 4); SQLite has one
    // Notifications to a webhook (webhook_sender.hpp): off without a URL. The secret is read from
    // a file, never taken on the command line (which any local user can read in the process list).
    std::string webhook_url;
    std::string webhook_secret_file;
    long webhook_timeout_ms = 5000;          // to connect, and then for the answer
    long webhook_backoff_ms = 30000;         // the first retry's wait, doubled after each failed attempt
    long webhook_backoff_max_ms = 3600000;   // … up to this
    int webhook_max_attempts = 10;           // then the delivery stays failed
};

struct CommandLine {
    std::string command;                 // serve, import, export, add-account, help
    ServerOptions options;
    std::string file;                    // import FILE / export --out FILE
    // add-account
    std::string role, login, name, unit, member_number, id;
};

// Throws std::invalid_argument with a message for people.
CommandLine parse_command_line(int argc, char** argv);
const char* usage();

}  // namespace liaoxiu::server
