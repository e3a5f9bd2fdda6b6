// The audit trail's store guarantees, run on SQLite (test_server_audit.cpp) and on
// PostgreSQL (test_server_postgres.cpp) alike: an entry commits or rolls back with the
// write it records, and the table refuses UPDATE and DELETE whoever asks.
#pragma once

#include "core/wire.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "server/backend.hpp"
#include "server/store.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace liaoxiu::testing {

inline std::int64_t audit_total(const std::string& url, const AuditQuery& query = {}) {
    auto db = server::open_connection(url);
    return server::store::list_audit(*db, query).total;
}

inline void check_audit_store(const std::string& url) {
    using namespace liaoxiu::server;
    auto db = open_connection(url);
    store::create_schema(*db);
    store::create_schema(*db);  // a second start finds everything in place
    const Instant at = 1800000000;
    Backend backend(url, [at] { return at; });
    const Principal admin{"a-admin", "secretariat", "", "联盟秘书处", ""};
    const auto change = wire::audit_change({{"status", "active"}, {"name", "温泉山庄"}},
                                           {{"status", "suspended"}, {"name", "温泉山庄"}});

    // The write and its record commit together.
    backend.writer.run([&](WriteContext& context) {
        store::meta_set(context.db, "audit-test-committed", "1");
        audit(context, admin, "member.suspend", "member", "m-1", change, "消防检查未通过");
    });
    CHECK(store::meta_get(*db, "audit-test-committed") == std::optional<std::string>("1"));
    auto page = store::list_audit(*db, {});
    REQUIRE(page.total == 1);
    REQUIRE(page.entries.size() == 1);
    const AuditEntry entry = page.entries[0];  // a copy: `page` is read again below
    CHECK(entry.seq > 0);
    CHECK(entry.at == at);
    CHECK(entry.actor == "a-admin");
    CHECK(entry.actor_role == Role::secretariat);
    CHECK(entry.actor_name == "联盟秘书处");
    CHECK(entry.action == "member.suspend");
    CHECK(entry.entity == "member");
    CHECK(entry.entity_id == "m-1");
    CHECK(entry.reason == "消防检查未通过");
    REQUIRE(entry.change.size() == 1);  // only the field that changed
    CHECK(entry.change[0] == AuditFieldChange{"status", "\"active\"", "\"suspended\""});

    // A write that fails after the audit call leaves neither the write nor the record.
    CHECK_THROWS_AS(backend.writer.run([&](WriteContext& context) {
        store::meta_set(context.db, "audit-test-failed", "1");
        audit(context, admin, "member.remove", "member", "m-1", change, "退出联盟");
        fail("bad_value", "之后失败", "failed afterwards");
    }),
                    ApiError);
    CHECK_FALSE(store::meta_get(*db, "audit-test-failed"));
    CHECK(audit_total(url) == 1);

    // The same inside a plain transaction rolled back (the command line's path).
    store::begin_write(*db);
    store::append_audit(*db, entry);
    store::rollback(*db);
    CHECK(audit_total(url) == 1);

    // Secrets never reach the table, whatever the caller passes.
    backend.writer.run([&](WriteContext& context) {
        audit(context, admin, "account.create", "account", "w-9",
              wire::audit_change(nullptr, {{"login", "w9"}, {"password", "hunter2"}, {"password_hash", "$argon2id$x"},
                                           {"token", "t"}}));
    });
    page = store::list_audit(*db, {});
    REQUIRE(page.entries.size() == 2);
    CHECK(page.entries[0].action == "account.create");  // newest first
    REQUIRE(page.entries[0].change.size() == 1);
    CHECK(page.entries[0].change[0].field == "login");

    // Append-only: the database itself refuses edits and deletions.
    CHECK_THROWS_AS(db->execute("UPDATE audit_log SET reason = 'rewritten'"), SqlError);
    CHECK_THROWS_AS(db->execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = $1", {entry.seq}), SqlError);
    CHECK_THROWS_AS(db->execute("DELETE FROM audit_log WHERE seq = $1", {entry.seq}), SqlError);
    CHECK_THROWS_AS(db->execute("DELETE FROM audit_log"), SqlError);
    if (db->dialect() == Dialect::postgresql) CHECK_THROWS_AS(db->execute("TRUNCATE audit_log"), SqlError);
    page = store::list_audit(*db, {});
    REQUIRE(page.total == 2);
    CHECK(page.entries[1].reason == "消防检查未通过");
    CHECK(page.entries[1].actor == "a-admin");

    // Filters at the store: action, domain, actor, entity, time and paging.
    AuditQuery query;
    query.action = "member";
    CHECK(store::list_audit(*db, query).total == 1);
    query.action = "account.create";
    CHECK(store::list_audit(*db, query).total == 1);
    query = {};
    query.entity = "m-1";
    CHECK(store::list_audit(*db, query).total == 1);
    query = {};
    query.actor = "a-nobody";
    CHECK(store::list_audit(*db, query).total == 0);
    query = {};
    query.from = at + 1;
    CHECK(store::list_audit(*db, query).total == 0);
    query.from = at;
    query.to = at;
    CHECK(store::list_audit(*db, query).total == 2);
    query = {};
    query.limit = 1;
    query.offset = 1;
    page = store::list_audit(*db, query);
    CHECK(page.total == 2);
    REQUIRE(page.entries.size() == 1);
    CHECK(page.entries[0].action == "member.suspend");
}

// A database written before the audit trail (its schema without audit_log) gains the
// table and its triggers when the endpoint opens it; what it held is untouched.
inline void check_audit_migration(const std::string& url) {
    using namespace liaoxiu::server;
    {
        auto db = open_connection(url);
        store::create_schema(*db);
        db->execute("DROP TABLE audit_log");  // as the schema was before the trail
        if (db->dialect() == Dialect::postgresql) db->execute("DROP FUNCTION audit_log_refuse_change()");
        store::meta_set(*db, "written-before-the-trail", "yes");
        auto tables = db->dialect() == Dialect::sqlite
                          ? db->query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_log'")
                          : db->query("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'audit_log' "
                                      "AND table_schema = current_schema()");
        REQUIRE(tables.front().integer(0) == 0);
    }
    auto db = open_connection(url);
    store::create_schema(*db);
    CHECK(store::meta_get(*db, "written-before-the-trail") == std::optional<std::string>("yes"));
    AuditEntry entry;
    entry.at = 1800000000;
    entry.actor = "a-admin";
    entry.action = "route.create";
    entry.entity = "route";
    entry.entity_id = "r-1";
    CHECK(store::append_audit(*db, entry) > 0);
    CHECK(store::list_audit(*db, {}).total == 1);
    CHECK_THROWS_AS(db->execute("DELETE FROM audit_log"), SqlError);
    CHECK_THROWS_AS(db->execute("UPDATE audit_log SET action = 'route.update'"), SqlError);
    CHECK(store::list_audit(*db, {}).total == 1);
}

}  // namespace liaoxiu::testing
