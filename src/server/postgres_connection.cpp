// PostgreSQL (libpq) behind the Connection interface. Statements are prepared
// once per connection; values go as text and the server infers their types.
#include "server/sql.hpp"

#include <libpq-fe.h>

#include <cstring>
#include <unordered_map>

namespace liaoxiu::server {
namespace {

// SQLSTATEs a retry of the whole transaction can cure.
bool is_retryable_state(const char* state) {
    if (!state) return false;
    return std::strcmp(state, "40001") == 0     // serialization_failure
           || std::strcmp(state, "40P01") == 0  // deadlock_detected
           || std::strcmp(state, "23505") == 0  // unique_violation: another process won a race
           || std::strcmp(state, "55P03") == 0;  // lock_not_available
}

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            conn_ = nullptr;
            throw SqlError("cannot connect to PostgreSQL: " + message, false);
        }
        execute_script("SET client_min_messages = warning; SET synchronous_commit = on;");
    }

    ~PostgresConnection() override {
        if (conn_) PQfinish(conn_);
    }

    Dialect dialect() const override { return Dialect::postgresql; }
    bool healthy() const override { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

    void execute(std::string_view sql, const SqlParams& params) override { run(sql, params, nullptr); }

    std::vector<SqlRow> query(std::string_view sql, const SqlParams& params) override {
        std::vector<SqlRow> rows;
        run(sql, params, &rows);
        return rows;
    }

    void execute_script(std::string_view sql) override {
        std::string text(sql);
        PGresult* result = PQexec(conn_, text.c_str());
        check(result);
        PQclear(result);
    }

private:
    void check(PGresult* result) {
        ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        std::string message = PQresultErrorMessage(result);
        bool retryable = is_retryable_state(state);
        PQclear(result);
        throw SqlError("PostgreSQL: " + message, retryable);
    }

    const std::string& prepare(std::string_view sql, int param_count) {
        auto found = statements_.find(std::string(sql));
        if (found != statements_.end()) return found->second;
        std::string name = "s" + std::to_string(statements_.size() + 1);
        std::string text(sql);
        PGresult* result = PQprepare(conn_, name.c_str(), text.c_str(), param_count, nullptr);
        check(result);
        PQclear(result);
        return statements_.emplace(std::move(text), std::move(name)).first->second;
    }

    void run(std::string_view sql, const SqlParams& params, std::vector<SqlRow>* rows) {
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (auto* number = std::get_if<std::int64_t>(&params[i])) {
                texts[i] = std::to_string(*number);
                values[i] = texts[i].c_str();
            } else if (auto* text = std::get_if<std::string>(&params[i])) {
                values[i] = text->c_str();
            }
        }
        const std::string& name = prepare(sql, static_cast<int>(params.size()));
        PGresult* result = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(),
                                          nullptr, nullptr, 0);
        check(result);
        if (rows) {
            int count = PQntuples(result);
            int columns = PQnfields(result);
            rows->reserve(static_cast<std::size_t>(count));
            for (int r = 0; r < count; ++r) {
                std::vector<std::optional<std::string>> cells;
                cells.reserve(static_cast<std::size_t>(columns));
                for (int c = 0; c < columns; ++c) {
                    if (PQgetisnull(result, r, c)) {
                        cells.emplace_back(std::nullopt);
                    } else {
                        cells.emplace_back(std::string(PQgetvalue(result, r, c),
                                                       static_cast<std::size_t>(PQgetlength(result, r, c))));
                    }
                }
                rows->emplace_back(std::move(cells));
            }
        }
        PQclear(result);
    }

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> statements_;
};

}  // namespace

std::unique_ptr<Connection> open_postgres(const std::string& conninfo) {
    return std::make_unique<PostgresConnection>(conninfo);
}

}  // namespace liaoxiu::server
