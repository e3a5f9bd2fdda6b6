// SQLite behind the Connection interface. Durability settings are fixed here:
// WAL journal with synchronous=FULL, so a COMMIT that returned is on disk.
#include "server/sql.hpp"

#include <sqlite3.h>

#include <unordered_map>

namespace liaoxiu::server {
namespace {

bool is_retryable(int code) {
    int primary = code & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(const std::string& path) {
        int rc = sqlite3_open_v2(path.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw SqlError("cannot open SQLite database " + path + ": " + message, false);
        }
        sqlite3_busy_timeout(db_, 10000);
        execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;");
    }

    ~SqliteConnection() override {
        for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
        sqlite3_close(db_);
    }

    Dialect dialect() const override { return Dialect::sqlite; }

    void execute(std::string_view sql, const SqlParams& params) override { run(sql, params, nullptr); }

    std::vector<SqlRow> query(std::string_view sql, const SqlParams& params) override {
        std::vector<SqlRow> rows;
        run(sql, params, &rows);
        return rows;
    }

    void execute_script(std::string_view sql) override {
        char* error = nullptr;
        std::string text(sql);
        int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
        if (rc != SQLITE_OK) {
            std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw SqlError("SQLite: " + message, is_retryable(rc));
        }
    }

private:
    sqlite3_stmt* prepare(std::string_view sql) {
        auto found = statements_.find(std::string(sql));
        if (found != statements_.end()) return found->second;
        sqlite3_stmt* statement = nullptr;
        int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
        if (rc != SQLITE_OK) throw SqlError(std::string("SQLite prepare: ") + sqlite3_errmsg(db_), is_retryable(rc));
        statements_.emplace(std::string(sql), statement);
        return statement;
    }

    void run(std::string_view sql, const SqlParams& params, std::vector<SqlRow>* rows) {
        sqlite3_stmt* statement = prepare(sql);
        struct Reset {
            sqlite3_stmt* s;
            ~Reset() {
                sqlite3_reset(s);
                sqlite3_clear_bindings(s);
            }
        } reset{statement};
        for (std::size_t i = 0; i < params.size(); ++i) {
            int index = static_cast<int>(i + 1);
            const SqlValue& value = params[i];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::monostate>(value)) {
                rc = sqlite3_bind_null(statement, index);
            } else if (auto* number = std::get_if<std::int64_t>(&value)) {
                rc = sqlite3_bind_int64(statement, index, *number);
            } else {
                const auto& text = std::get<std::string>(value);
                rc = sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
            }
            if (rc != SQLITE_OK) throw SqlError(std::string("SQLite bind: ") + sqlite3_errmsg(db_), false);
        }
        for (;;) {
            int rc = sqlite3_step(statement);
            if (rc == SQLITE_DONE) return;
            if (rc != SQLITE_ROW) throw SqlError(std::string("SQLite: ") + sqlite3_errmsg(db_), is_retryable(rc));
            if (!rows) continue;
            int columns = sqlite3_column_count(statement);
            std::vector<std::optional<std::string>> cells;
            cells.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
                    cells.emplace_back(std::nullopt);
                } else {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
                    int size = sqlite3_column_bytes(statement, c);
                    cells.emplace_back(std::string(text, static_cast<std::size_t>(size)));
                }
            }
            rows->emplace_back(std::move(cells));
        }
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace liaoxiu::server
