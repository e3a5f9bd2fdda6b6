// A small, portable SQL layer: one Connection interface with an SQLite and a
// PostgreSQL implementation. Statements use $1, $2, ... placeholders numbered in
// order of appearance (both engines accept that spelling), values travel as
// text, integers or NULL, and rows come back as text cells. Everything above this
// file (store.cpp) is written once for both engines.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace liaoxiu::server {

using SqlValue = std::variant<std::monostate, std::int64_t, std::string>;
using SqlParams = std::vector<SqlValue>;

enum class Dialect { sqlite, postgresql };

// `retryable` marks failures that a fresh attempt of the whole transaction can
// cure: deadlocks, serialization failures, a lost race on a unique key, a busy database.
class SqlError : public std::runtime_error {
public:
    SqlError(const std::string& what, bool retryable) : std::runtime_error(what), retryable_(retryable) {}
    bool retryable() const { return retryable_; }

private:
    bool retryable_;
};

class SqlRow {
public:
    explicit SqlRow(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
    bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
    const std::string& text(std::size_t i) const;
    std::int64_t integer(std::size_t i) const;
    std::optional<std::int64_t> optional_integer(std::size_t i) const;
    std::size_t size() const { return cells_.size(); }

private:
    std::vector<std::optional<std::string>> cells_;
};

class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;
    // Runs one statement; throws SqlError.
    virtual void execute(std::string_view sql, const SqlParams& params = {}) = 0;
    virtual std::vector<SqlRow> query(std::string_view sql, const SqlParams& params = {}) = 0;
    // Several statements separated by ';', no parameters (schema set-up).
    virtual void execute_script(std::string_view sql) = 0;
    // False when the connection is broken and should not go back to a pool.
    virtual bool healthy() const { return true; }
};

// "sqlite:PATH" (or a bare path ending in .db/.sqlite) or "postgresql://..." / "postgres://...".
std::unique_ptr<Connection> open_connection(const std::string& url);
std::unique_ptr<Connection> open_sqlite(const std::string& path);
std::unique_ptr<Connection> open_postgres(const std::string& conninfo);
Dialect dialect_of(const std::string& url);

// Connections for readers; each request leases one and gives it back.
class ConnectionPool {
public:
    explicit ConnectionPool(std::string url) : url_(std::move(url)) {}

    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
            : pool_(&pool), connection_(std::move(connection)) {}
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = default;
        ~Lease();
        Connection& operator*() { return *connection_; }
        Connection* operator->() { return connection_.get(); }

    private:
        ConnectionPool* pool_;
        std::unique_ptr<Connection> connection_;
    };

    Lease acquire();
    const std::string& url() const { return url_; }

private:
    void give_back(std::unique_ptr<Connection> connection);

    std::string url_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace liaoxiu::server
