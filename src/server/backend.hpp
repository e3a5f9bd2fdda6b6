// What every service shares: pooled read connections, the single writer (group
// commit) and the clock. One per process.
#pragma once

#include "core/model.hpp"
#include "server/sql.hpp"
#include "server/store.hpp"
#include "server/write_queue.hpp"

#include <ctime>
#include <functional>
#include <string>

namespace liaoxiu::server {

inline Instant system_clock_now() { return static_cast<Instant>(std::time(nullptr)); }

// Writer connections on PostgreSQL when --writers is not given: while one batch waits for its
// commit, others run (issue 19's measurements). SQLite always has one writer.
inline constexpr std::size_t kDefaultPostgresWriters = 4;

inline std::size_t writers_for(const std::string& url, std::size_t asked) {
    if (dialect_of(url) != Dialect::postgresql) return 1;
    return asked ? asked : kDefaultPostgresWriters;
}

struct Backend {
    // `writers`: writer connections (0: the default; always 1 on SQLite).
    explicit Backend(const std::string& url, std::function<Instant()> clock = system_clock_now,
                     std::size_t max_batch = WriteQueue::kDefaultMaxBatch, std::size_t writers = 0)
        : readers(url), writer([&url] { return open_connection(url); }, writers_for(url, writers), clock, max_batch),
          clock(std::move(clock)), dialect(dialect_of(url)) {}

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

// Runs `body(db)` on a reader connection inside one read transaction (one snapshot) and
// returns what it returns; the transaction is rolled back if it throws.
template <class F>
auto read_snapshot(Backend& backend, F body) {
    auto db = backend.readers.acquire();
    store::begin_read(*db);
    try {
        auto result = body(*db);
        store::commit(*db);
        return result;
    } catch (...) {
        store::rollback(*db);
        throw;
    }
}

// Runs one job as its own transaction on `db` (no writer thread): the command-line
// import and the first-start demo load, which run before the server serves.
void run_transaction(Connection& db, Instant now, const WriteQueue::Job& job);

}  // namespace liaoxiu::server
