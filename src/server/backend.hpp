// What every service shares: pooled read connections, the single writer (group
// commit) and the clock. One per process.
#pragma once

#include "core/model.hpp"
#include "server/sql.hpp"
#include "server/write_queue.hpp"

#include <ctime>
#include <functional>
#include <string>

namespace liaoxiu::server {

inline Instant system_clock_now() { return static_cast<Instant>(std::time(nullptr)); }

struct Backend {
    explicit Backend(const std::string& url, std::function<Instant()> clock = system_clock_now,
                     std::size_t max_batch = WriteQueue::kDefaultMaxBatch)
        : readers(url), writer(open_connection(url), clock, max_batch), clock(std::move(clock)),
          dialect(dialect_of(url)) {}

    ConnectionPool readers;
    WriteQueue writer;
    std::function<Instant()> clock;
    Dialect dialect;
};

// The person behind a request, as the bearer token names them.
struct Principal {
    Id account;
    std::string role;  // "worker", "organizer", "secretariat"
    Id unit;
    std::string name;
    std::string member_number;

    bool is_worker() const { return role == "worker"; }
    bool is_organizer() const { return role == "organizer"; }
    bool is_secretariat() const { return role == "secretariat"; }
};

// Runs one job as its own transaction on `db` (no writer thread): the command-line
// import and the first-start demo load, which run before the server serves.
void run_transaction(Connection& db, Instant now, const WriteQueue::Job& job);

}  // namespace liaoxiu::server
