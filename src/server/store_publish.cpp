// Routes and policies with a draft/published state (store.hpp). Each row keeps two
// documents: `doc`, the record as the secretariat last saved it (draft or not), and
// `public_doc`, what workers may see of it: the record as published; for a record
// unpublished after it was published, that last published form marked
// "status":"draft" (a delta carries it so clients drop the record, without showing
// them the draft's later edits); NULL for a record never published. `listed` is 1
// while the record is published, 0 while it is a draft, -1 for a route draft deleted after it
// was once published (delete_route_draft: a tombstone).
#include "server/store.hpp"

#include "core/json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace liaoxiu::server::store {
namespace {

bool has_column(Connection& db, const char* table, const char* column) {
    if (db.dialect() == Dialect::sqlite) {
        return db.query(std::string("SELECT COUNT(*) FROM pragma_table_info('") + table + "') WHERE name = $1",
                        {std::string(column)})
                   .front()
                   .integer(0) > 0;
    }
    return db.query("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = $1 AND column_name = $2",
                    {std::string(table), std::string(column)})
               .front()
               .integer(0) > 0;
}

bool publishable(Kind kind) { return kind == Kind::route || kind == Kind::policy; }

template <class T>
void put_publishable(Connection& db, Kind kind, const T& value) {
    const std::string table = table_of(kind);
    const std::string doc = nlohmann::json(value).dump();
    if (value.status == PublishStatus::published) {
        db.execute("INSERT INTO " + table + " (id, version, doc, public_doc, listed) VALUES ($1, 0, $2, $2, 1) "
                   "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, public_doc = excluded.public_doc, listed = 1",
                   {value.id, doc});
        return;
    }
    // A draft: workers keep seeing nothing of it, or the "unpublished" form of what they saw.
    std::optional<std::string> public_doc;
    auto rows = db.query("SELECT public_doc, listed FROM " + table + " WHERE id = $1", {value.id});
    if (!rows.empty() && !rows.front().is_null(0)) {
        public_doc = rows.front().text(0);
        if (rows.front().integer(1) != 0) {
            auto shown = nlohmann::json::parse(*public_doc, nullptr, false);
            if (!shown.is_object()) throw std::runtime_error("corrupt stored public document of " + value.id);
            shown["status"] = std::string(enum_name(PublishStatus::draft));
            public_doc = shown.dump();
        }
    }
    SqlValue public_value = public_doc ? SqlValue(*public_doc) : SqlValue(std::monostate{});
    db.execute("INSERT INTO " + table + " (id, version, doc, public_doc, listed) VALUES ($1, 0, $2, $3, 0) "
               "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, public_doc = excluded.public_doc, listed = 0",
               {value.id, doc, public_value});
}

}  // namespace

void migrate_publish_columns(Connection& db) {
    begin_write(db);
    try {
        if (meta_get(db, "publish_columns")) {
            commit(db);
            return;
        }
        for (Kind kind : {Kind::route, Kind::policy}) {
            const std::string table = table_of(kind);
            if (!has_column(db, table.c_str(), "public_doc")) db.execute("ALTER TABLE " + table + " ADD COLUMN public_doc TEXT");
            if (!has_column(db, table.c_str(), "listed"))
                db.execute("ALTER TABLE " + table + " ADD COLUMN listed INTEGER NOT NULL DEFAULT 1");
            // Everything stored before drafts existed is published (no "status": published).
            db.execute("UPDATE " + table + " SET public_doc = doc, listed = 1");
        }
        meta_set(db, "publish_columns", "1");
        commit(db);
    } catch (...) {
        rollback(db);
        throw;
    }
}

void put(Connection& db, const Route& value) { put_publishable(db, Kind::route, value); }
void put(Connection& db, const Policy& value) { put_publishable(db, Kind::policy, value); }

DraftDeletion delete_route_draft(Connection& db, const Id& id) {
    DraftDeletion out;
    auto rows = db.query("SELECT doc, listed, CASE WHEN public_doc IS NULL THEN 1 ELSE 0 END FROM routes WHERE id = $1",
                         {id});
    if (rows.empty() || rows.front().integer(1) < 0) {
        out.outcome = DraftDeletion::Outcome::unknown;
        return out;
    }
    if (rows.front().integer(1) != 0) {
        out.outcome = DraftDeletion::Outcome::published;
        return out;
    }
    out.route = decode_stored<Route>(rows.front().text(0), "route");
    // A group on it (opened while it was published) keeps needing it: its workers' trips name it.
    out.groups = db.query("SELECT COUNT(*) FROM group_trips WHERE route = $1", {id}).front().integer(0);
    for (const Policy& policy : load_policies(db, std::nullopt))
        if (std::find(policy.routes.begin(), policy.routes.end(), id) != policy.routes.end()) out.policies.push_back(policy.id);
    if (out.groups > 0 || !out.policies.empty()) {
        out.outcome = DraftDeletion::Outcome::in_use;
        return out;
    }
    if (rows.front().integer(2) != 0) {
        // Never published: no worker ever saw it; nothing of it stays.
        db.execute("DELETE FROM routes WHERE id = $1", {id});
    } else {
        // Published once: a phone that has not synced since the unpublish still shows it, and
        // only a delta carrying its "status":"draft" form (public_doc, kept) makes it drop the
        // route. The row stays as a tombstone: out of every list and every read by id
        // (load_route), but in the deltas after the version the caller's touch() stamps. Its id
        // is not given again.
        db.execute("UPDATE routes SET listed = -1 WHERE id = $1", {id});
    }
    out.outcome = DraftDeletion::Outcome::deleted;
    return out;
}

std::vector<std::string> load_public_documents(Connection& db, Kind kind, std::optional<std::int64_t> since) {
    if (!publishable(kind)) return load_documents(db, kind, since);
    const std::string table = table_of(kind);
    std::vector<SqlRow> rows =
        since ? db.query("SELECT public_doc FROM " + table +
                             " WHERE version > $1 AND public_doc IS NOT NULL ORDER BY id",
                         {*since})
              : db.query("SELECT public_doc FROM " + table + " WHERE listed = 1 ORDER BY id");
    std::vector<std::string> documents;
    documents.reserve(rows.size());
    for (auto& row : rows) documents.push_back(row.text(0));
    return documents;
}

std::vector<Route> load_routes(Connection& db, std::optional<PublishStatus> status) {
    std::vector<SqlRow> rows =
        status ? db.query("SELECT doc FROM routes WHERE listed = $1 ORDER BY id",
                          {std::int64_t{*status == PublishStatus::published ? 1 : 0}})
               : db.query("SELECT doc FROM routes WHERE listed >= 0 ORDER BY id");
    std::vector<Route> routes;
    routes.reserve(rows.size());
    for (auto& row : rows) routes.push_back(decode_stored<Route>(row.text(0), "route"));
    return routes;
}

std::vector<Policy> load_policies(Connection& db, std::optional<PublishStatus> status) {
    std::vector<SqlRow> rows =
        status ? db.query("SELECT doc FROM policies WHERE listed = $1 ORDER BY id",
                          {std::int64_t{*status == PublishStatus::published ? 1 : 0}})
               : db.query("SELECT doc FROM policies ORDER BY id");
    std::vector<Policy> policies;
    policies.reserve(rows.size());
    for (auto& row : rows) policies.push_back(decode_stored<Policy>(row.text(0), "policy"));
    return policies;
}

std::optional<Policy> load_policy(Connection& db, const Id& id) {
    auto rows = db.query("SELECT doc FROM policies WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return decode_stored<Policy>(rows.front().text(0), "policy");
}

}  // namespace liaoxiu::server::store
