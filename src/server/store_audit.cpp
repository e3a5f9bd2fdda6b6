// The audit trail's table: store.hpp's "the audit trail" part.
#include "server/store.hpp"

#include "core/wire.hpp"

#include <stdexcept>

namespace liaoxiu::server::store {
namespace {

// The columns after seq; `seq` is the database's (AUTOINCREMENT / BIGSERIAL), so entries
// keep the order they were written in and a rolled-back entry leaves at most a gap.
constexpr const char* kColumns =
    "at BIGINT NOT NULL, actor TEXT NOT NULL, actor_role TEXT NOT NULL, actor_name TEXT NOT NULL, "
    "actor_unit TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
    "reason TEXT NOT NULL, change TEXT NOT NULL";

constexpr const char* kIndexes = R"SQL(
CREATE INDEX IF NOT EXISTS audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX IF NOT EXISTS audit_log_by_entity ON audit_log (entity_id, seq);
CREATE INDEX IF NOT EXISTS audit_log_by_at ON audit_log (at);
)SQL";

// RAISE(ABORT) undoes the statement; the caller's transaction decides about the rest.
constexpr const char* kSqliteTriggers = R"SQL(
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
)SQL";

constexpr const char* kPostgresTriggers = R"SQL(
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
)SQL";

constexpr const char* kSelect =
    "SELECT seq, at, actor, actor_role, actor_name, actor_unit, action, entity, entity_id, reason, change "
    "FROM audit_log";

AuditEntry entry_from(const SqlRow& row) {
    AuditEntry entry;
    entry.seq = row.integer(0);
    entry.at = row.integer(1);
    entry.actor = row.text(2);
    auto role = parse_role(row.text(3));
    if (!role) throw std::runtime_error("corrupt stored audit entry: role " + row.text(3));
    entry.actor_role = *role;
    entry.actor_name = row.text(4);
    entry.actor_unit = row.text(5);
    entry.action = row.text(6);
    entry.entity = row.text(7);
    entry.entity_id = row.text(8);
    entry.reason = row.text(9);
    auto change = wire::parse_json(row.text(10));
    if (!change) throw std::runtime_error("corrupt stored audit entry: change of " + row.text(0));
    entry.change = wire::decode_audit_change(*change);
    return entry;
}

}  // namespace

void create_audit_schema(Connection& db) {
    if (db.dialect() == Dialect::sqlite) {
        db.execute_script(std::string("CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, ") +
                          kColumns + ");" + kIndexes + kSqliteTriggers);
        return;
    }
    db.execute_script(std::string("CREATE TABLE IF NOT EXISTS audit_log (seq BIGSERIAL PRIMARY KEY, ") + kColumns +
                      ");" + kIndexes);
    // PostgreSQL has no CREATE TRIGGER IF NOT EXISTS: create them once.
    bool present = !db.query("SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_append_only' AND "
                             "tgrelid = to_regclass('audit_log')")
                        .empty();
    if (!present) db.execute_script(kPostgresTriggers);
}

std::int64_t append_audit(Connection& db, const AuditEntry& entry) {
    auto rows = db.query(
        "INSERT INTO audit_log (at, actor, actor_role, actor_name, actor_unit, action, entity, entity_id, reason, "
        "change) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq",
        {std::int64_t{entry.at}, entry.actor, std::string(role_name(entry.actor_role)), entry.actor_name,
         entry.actor_unit, entry.action, entry.entity, entry.entity_id, entry.reason,
         wire::dump(wire::encode_audit_change(entry.change))});
    if (rows.empty()) throw SqlError("audit entry not written", false);
    return rows.front().integer(0);
}

AuditPage list_audit(Connection& db, const AuditQuery& query) {
    std::string where = " WHERE 1 = 1";
    SqlParams params;
    auto placeholder = [&] { return "$" + std::to_string(params.size()); };
    if (query.actor) {
        params.emplace_back(*query.actor);
        where += " AND actor = " + placeholder();
    }
    if (query.action) {
        if (is_audit_action(*query.action)) {
            params.emplace_back(*query.action);
            where += " AND action = " + placeholder();
        } else {  // a domain: its actions (the names hold no LIKE wildcards)
            params.emplace_back(*query.action + ".%");
            where += " AND action LIKE " + placeholder();
        }
    }
    if (query.entity) {
        params.emplace_back(*query.entity);
        where += " AND entity_id = " + placeholder();
    }
    if (query.from) {
        params.emplace_back(std::int64_t{*query.from});
        where += " AND at >= " + placeholder();
    }
    if (query.to) {
        params.emplace_back(std::int64_t{*query.to});
        where += " AND at <= " + placeholder();
    }
    AuditPage page;
    page.limit = query.limit;
    page.offset = query.offset;
    page.total = db.query("SELECT COUNT(*) FROM audit_log" + where, params).front().integer(0);
    params.emplace_back(std::int64_t{query.limit});
    std::string sql = std::string(kSelect) + where + " ORDER BY seq DESC LIMIT " + placeholder();
    params.emplace_back(std::int64_t{query.offset});
    sql += " OFFSET " + placeholder();
    for (const auto& row : db.query(sql, params)) page.entries.push_back(entry_from(row));
    return page;
}

}  // namespace liaoxiu::server::store
