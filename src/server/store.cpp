#include "server/store.hpp"

#include "core/json.hpp"
#include "server/stats.hpp"
#include "server/review_service.hpp"
#include "server/rules_service.hpp"
#include "core/notification.hpp"
#include "server/notification_store.hpp"
#include "server/webhook_outbox.hpp"
#include "server/wish_service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <stdexcept>

namespace liaoxiu::server::store {
namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters (name, value) VALUES ('catalogue', 0) ON CONFLICT (name) DO NOTHING;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alliances (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS routes (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS policies (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (id TEXT PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS group_trips (
  id TEXT PRIMARY KEY, version BIGINT NOT NULL, route TEXT NOT NULL, organizer_unit TEXT NOT NULL,
  state TEXT NOT NULL, first_day BIGINT NOT NULL, last_day BIGINT NOT NULL, next_deadline BIGINT,
  doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS group_trips_by_route ON group_trips (route);
CREATE INDEX IF NOT EXISTS group_trips_by_deadline ON group_trips (next_deadline);
CREATE TABLE IF NOT EXISTS places (
  group_id TEXT NOT NULL, seq BIGINT NOT NULL, worker TEXT NOT NULL, unit TEXT NOT NULL, state TEXT NOT NULL,
  since BIGINT NOT NULL DEFAULT 0, offer_expires BIGINT, decision_due BIGINT, PRIMARY KEY (group_id, seq));
CREATE INDEX IF NOT EXISTS places_by_worker ON places (worker);
CREATE INDEX IF NOT EXISTS places_by_unit ON places (unit);
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, role TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL,
  member_number TEXT NOT NULL, password_hash TEXT NOT NULL, created BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS accounts_by_login_key ON accounts ((lower(login)));
CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, account TEXT NOT NULL, expires BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
  account TEXT NOT NULL, idem_key TEXT NOT NULL, request TEXT NOT NULL, status INTEGER NOT NULL,
  body TEXT NOT NULL, created BIGINT NOT NULL, PRIMARY KEY (account, idem_key));
)SQL";

template <class T>
void put_document(Connection& db, Kind kind, const T& value) {
    nlohmann::json json = value;
    std::string sql = std::string("INSERT INTO ") + table_of(kind) +
                      " (id, version, doc) VALUES ($1, 0, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc";
    db.execute(sql, {value.id, json.dump()});
}

std::optional<std::string> load_document(Connection& db, Kind kind, const Id& id) {
    auto rows = db.query(std::string("SELECT doc FROM ") + table_of(kind) + " WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return rows.front().text(0);
}

constexpr const char* kPlaceColumns =
    "p.group_id, p.seq, p.worker, p.unit, p.state, p.since, p.offer_expires, p.decision_due";

// A place row read with kPlaceColumns (column 0, the group, is the caller's).
Place place_from(const SqlRow& row) {
    Place place;
    place.seq = static_cast<decltype(place.seq)>(row.integer(1));
    place.worker = row.text(2);
    place.unit = row.text(3);
    auto state = parse_place_state(row.text(4));
    if (!state) throw std::runtime_error("corrupt stored place state: " + row.text(4));
    place.state = *state;
    place.since = row.integer(5);
    place.offer_expires = row.optional_integer(6);
    place.decision_due = row.optional_integer(7);
    return place;
}

// Whether two forms of a trip differ only in their places.
// (Every field of core/model.hpp's GroupTrip but `places`: keep in step with it.)
bool same_head(const GroupTrip& a, const GroupTrip& b) {
    return a.id == b.id && a.route == b.route && a.organizer_unit == b.organizer_unit && a.departure == b.departure &&
           a.min_size == b.min_size && a.max_size == b.max_size && a.join_deadline == b.join_deadline &&
           a.per_unit_cap == b.per_unit_cap && a.state == b.state && a.cancel_reason == b.cancel_reason &&
           a.created == b.created && a.visibility == b.visibility && a.meeting_point == b.meeting_point &&
           a.contact_name == b.contact_name && a.contact_phone == b.contact_phone;
}

// The stored head of a trip: everything but its places, which are rows of their own.
std::string head_document(const GroupTrip& trip) {
    GroupTrip head = trip;
    head.places.clear();
    return nlohmann::json(head).dump();
}

std::vector<Place> load_places(Connection& db, const Id& group) {
    auto rows = db.query(std::string("SELECT ") + kPlaceColumns + " FROM places p WHERE p.group_id = $1 ORDER BY p.seq",
                         {group});
    std::vector<Place> places;
    places.reserve(rows.size());
    for (const auto& row : rows) places.push_back(place_from(row));
    return places;
}

GroupTrip decode_group(Connection& db, const std::string& head) {
    auto trip = decode_stored<GroupTrip>(head, "group trip");
    trip.places = load_places(db, trip.id);
    return trip;
}

void upsert_place(Connection& db, const Id& group, const Place& place) {
    SqlValue expires = place.offer_expires ? SqlValue(*place.offer_expires) : SqlValue(std::monostate{});
    SqlValue due = place.decision_due ? SqlValue(*place.decision_due) : SqlValue(std::monostate{});
    db.execute(
        "INSERT INTO places (group_id, seq, worker, unit, state, since, offer_expires, decision_due) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (group_id, seq) DO UPDATE SET worker = excluded.worker, "
        "unit = excluded.unit, state = excluded.state, since = excluded.since, offer_expires = excluded.offer_expires, "
        "decision_due = excluded.decision_due",
        {group, std::int64_t{place.seq}, std::string(place.worker), std::string(place.unit),
         std::string(enum_name(place.state)), std::int64_t{place.since}, expires, due});
}

bool places_have_column(Connection& db, const char* column) {
    if (db.dialect() == Dialect::sqlite) {
        return db.query("SELECT COUNT(*) FROM pragma_table_info('places') WHERE name = $1", {std::string(column)})
                   .front()
                   .integer(0) > 0;
    }
    return db.query("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = 'places' AND column_name = $1",
                    {std::string(column)})
               .front()
               .integer(0) > 0;
}

// Databases written before places became rows kept every place inside the group's
// document (and only an index of them in `places`): move them into the rows, once.
void migrate_places_into_rows(Connection& db) {
    begin_write(db);
    try {
        if (meta_get(db, "places_in_rows")) {
            commit(db);
            return;
        }
        if (!places_have_column(db, "since")) db.execute("ALTER TABLE places ADD COLUMN since BIGINT NOT NULL DEFAULT 0");
        if (!places_have_column(db, "offer_expires")) db.execute("ALTER TABLE places ADD COLUMN offer_expires BIGINT");
        if (!places_have_column(db, "decision_due")) db.execute("ALTER TABLE places ADD COLUMN decision_due BIGINT");
        for (const auto& row : db.query("SELECT doc FROM group_trips ORDER BY id")) {
            auto trip = decode_stored<GroupTrip>(row.text(0), "group trip");
            if (trip.places.empty()) continue;
            for (const auto& place : trip.places) upsert_place(db, trip.id, place);
            db.execute("UPDATE group_trips SET doc = $1 WHERE id = $2", {head_document(trip), trip.id});
        }
        meta_set(db, "places_in_rows", "1");
        commit(db);
    } catch (...) {
        rollback(db);
        throw;
    }
}

// Databases written before a withdrawal could carry a reason get the column, once.
void add_place_reason_column(Connection& db) {
    begin_write(db);
    try {
        if (!places_have_column(db, "reason")) db.execute("ALTER TABLE places ADD COLUMN reason TEXT");
        // ... and before approval (审批) the decision's due time.
        if (!places_have_column(db, "decision_due")) db.execute("ALTER TABLE places ADD COLUMN decision_due BIGINT");
        commit(db);
    } catch (...) {
        rollback(db);
        throw;
    }
}

// A PostgreSQL text[] literal: every element quoted, backslashes and quotes escaped.
std::string text_array(const std::vector<Id>& ids) {
    std::string array = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) array += ',';
        array += '"';
        for (char c : ids[i]) {
            if (c == '"' || c == '\\') array += '\\';
            array += c;
        }
        array += '"';
    }
    array += '}';
    return array;
}

}  // namespace

void create_schema(Connection& db) {
    db.execute_script(kSchema);
    migrate_places_into_rows(db);
    create_audit_schema(db);
    add_place_reason_column(db);
    migrate_publish_columns(db);
    create_stats_schema(db);  // stats.hpp: the trips' capacity column and the statistics' indexes
    create_reviews_schema(db);  // review_service.hpp: service reviews and the members' standing marks
    create_rules_schema(db);    // rules_service.hpp: the alliances' and units' union rules
    create_wishes_schema(db);   // wish_service.hpp: the workers' wishes (想去)
    create_notifications_schema(db);  // notification_store.hpp: what group changes told whom (消息)
    create_webhook_schema(db);        // webhook_outbox.hpp: notifications yet to reach the webhook, and how each went
    migrate_version_offset(db);  // PostgreSQL: versions from transaction ids (see catalogue_version)
}

void begin_write(Connection& db) {
    db.execute(db.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}
void begin_read(Connection& db) {
    db.execute(db.dialect() == Dialect::sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}
void commit(Connection& db) { db.execute("COMMIT"); }
void rollback(Connection& db) noexcept {
    try {
        db.execute("ROLLBACK");
    } catch (...) {
        // Nothing to undo (the transaction never started or already ended).
    }
}

const char* table_of(Kind kind) {
    switch (kind) {
        case Kind::alliance: return "alliances";
        case Kind::member: return "members";
        case Kind::route: return "routes";
        case Kind::policy: return "policies";
        case Kind::unit: return "units";
        case Kind::group: return "group_trips";
    }
    return "";
}

const char* plural_name(Kind kind) {
    switch (kind) {
        case Kind::alliance: return "alliances";
        case Kind::member: return "members";
        case Kind::route: return "routes";
        case Kind::policy: return "policies";
        case Kind::unit: return "units";
        case Kind::group: return "groups";
    }
    return "";
}

// ---- catalogue versions (the sync cursor) ------------------------------------------
//
// SQLite has one writer per database (BEGIN IMMEDIATE): versions come from the `counters` row,
// bumped once per committed batch, so commits happen in version order and the cursor is the
// counter.
//
// PostgreSQL lets several writers (processes, writer connections) commit at once. A shared
// counter row would make every writer's commit wait for the one before it (the row lock is
// held to the end of the commit, fsync included): pgbench's join shape drops from thousands
// of transactions/s to hundreds with one such row added. So on PostgreSQL a transaction's
// version is its own transaction id (xid8, 64-bit, never reused) plus a fixed offset kept in
// `meta` (pg_version_offset, chosen once so that every new version is above every version the
// counter gave before): taking it blocks nobody.
//
// Versions are then handed out in one order (xid assignment) and committed in another: a
// writer with version 10 may commit after one with version 11. A reader must not tell a
// client "you have everything up to 11" while 10 is still in flight, or the client's next
// delta (version > 11) would skip 10 forever. The cursor a reader gives is therefore
// xmin(snapshot) - 1 + offset: every transaction with an xid below the snapshot's xmin has
// ended, and had committed (visible in this snapshot) or aborted; every transaction whose rows
// this snapshot cannot see has an xid >= xmin, so its version is above the cursor and the
// next delta (version > cursor) carries it. Rows the snapshot does see with a version above the
// cursor (committed out of order) are sent now and may be sent again with the next delta: a
// client replaces entities by id, so a repeat changes nothing. The top-level xid is what is
// used (a job's savepoint gets a subtransaction id, but subtransactions become visible with
// their top-level transaction), and it is assigned before the version is read
// (pg_current_xact_id assigns one if needed). Read-only transactions take no xid, so readers
// never hold the cursor back; a long-running writer does, for as long as it runs.
// A document at cursor V thus holds every change at or below V and possibly some above it; the
// ETag and the snapshot cache key on V, which stays true ("you have everything up to V").
namespace {
constexpr const char* kPgOffset = "(SELECT value::bigint FROM meta WHERE key = 'pg_version_offset')";
}  // namespace

void migrate_version_offset(Connection& db) {
    if (db.dialect() != Dialect::postgresql) return;
    begin_write(db);
    try {
        // Two processes starting at once: the second waits on the key, then does nothing.
        db.execute(
            "INSERT INTO meta (key, value) SELECT 'pg_version_offset', "
            "(c.value + 1 - pg_current_xact_id()::text::bigint)::text FROM counters c WHERE c.name = 'catalogue' "
            "ON CONFLICT (key) DO NOTHING");
        // A database restored into another cluster (pg_dump, then a restore) keeps its versions
        // but meets transaction ids that start again from low: new versions would fall below the
        // cursors clients hold, and their deltas would skip changes. Transaction ids never go back
        // within one cluster, so an id below the one seen at the last start means another cluster:
        // the offset then grows by 2^40 (more transactions than a cluster runs between two starts
        // of its server). And at every start the offset is kept above the highest version any row
        // carries.
        constexpr const char* kXid = "pg_current_xact_id()::text::bigint";
        db.execute(std::string("UPDATE meta SET value = (value::bigint + 1099511627776)::text "
                               "WHERE key = 'pg_version_offset' AND ") + kXid +
                   " < COALESCE((SELECT value::bigint FROM meta WHERE key = 'pg_last_start_xid'), 0)");
        std::string highest = "SELECT GREATEST(0";
        for (Kind kind : kAllKinds) highest += std::string(", (SELECT COALESCE(MAX(version), 0) FROM ") + table_of(kind) + ")";
        highest += ")";
        db.execute("UPDATE meta SET value = GREATEST(value::bigint, (" + highest + ") + 1 - " + kXid +
                   ")::text WHERE key = 'pg_version_offset'");
        db.execute(std::string("INSERT INTO meta (key, value) VALUES ('pg_last_start_xid', ") + kXid +
                   "::text) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        commit(db);
    } catch (...) {
        rollback(db);
        throw;
    }
}

std::int64_t catalogue_version(Connection& db) {
    if (db.dialect() == Dialect::postgresql) {
        auto rows = db.query(std::string("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1 + ") +
                             kPgOffset);
        if (rows.empty() || rows.front().is_null(0)) throw SqlError("catalogue version offset missing", false);
        return rows.front().integer(0);
    }
    auto rows = db.query("SELECT value FROM counters WHERE name = 'catalogue'");
    return rows.empty() ? 0 : rows.front().integer(0);
}

std::int64_t bump_catalogue_version(Connection& db) {
    if (db.dialect() == Dialect::postgresql) {
        auto rows = db.query(std::string("SELECT pg_current_xact_id()::text::bigint + ") + kPgOffset);
        if (rows.empty() || rows.front().is_null(0)) throw SqlError("catalogue version offset missing", false);
        return rows.front().integer(0);
    }
    auto rows = db.query("UPDATE counters SET value = value + 1 WHERE name = 'catalogue' RETURNING value");
    if (rows.empty()) throw SqlError("catalogue counter missing", false);
    return rows.front().integer(0);
}

void stamp_version(Connection& db, Kind kind, const Id& id, std::int64_t version) {
    db.execute(std::string("UPDATE ") + table_of(kind) + " SET version = $1 WHERE id = $2", {version, id});
}

void stamp_versions(Connection& db, const std::vector<std::pair<Kind, Id>>& touched, std::int64_t version) {
    if (db.dialect() != Dialect::postgresql) {
        for (const auto& [kind, id] : touched) stamp_version(db, kind, id, version);
        return;
    }
    for (Kind kind : kAllKinds) {
        std::vector<Id> ids;
        for (const auto& [touched_kind, id] : touched) {
            if (touched_kind == kind) ids.push_back(id);
        }
        if (ids.empty()) continue;
        db.execute(std::string("UPDATE ") + table_of(kind) + " SET version = $1 WHERE id = ANY($2::text[])",
                   {version, text_array(ids)});
    }
}

bool exists(Connection& db, Kind kind, const Id& id) {
    return !db.query(std::string("SELECT 1 FROM ") + table_of(kind) + " WHERE id = $1", {id}).empty();
}

bool route_exists(Connection& db, const Id& id) {
    return !db.query("SELECT 1 FROM routes WHERE id = $1 AND listed >= 0", {id}).empty();
}

std::vector<std::string> load_documents(Connection& db, Kind kind, std::optional<std::int64_t> since) {
    std::vector<SqlRow> rows;
    if (since) {
        rows = db.query(std::string("SELECT doc FROM ") + table_of(kind) + " WHERE version > $1 ORDER BY id",
                        {*since});
    } else {
        rows = db.query(std::string("SELECT doc FROM ") + table_of(kind) + " ORDER BY id");
    }
    std::vector<std::string> documents;
    documents.reserve(rows.size());
    for (auto& row : rows) documents.push_back(row.text(0));
    return documents;
}

void put(Connection& db, const Alliance& value) { put_document(db, Kind::alliance, value); }
void put(Connection& db, const Member& value) { put_document(db, Kind::member, value); }
void put(Connection& db, const Unit& value) { put_document(db, Kind::unit, value); }

std::optional<Route> load_route(Connection& db, const Id& id) {
    // A deleted draft's tombstone (listed -1, store_publish.cpp) is no route.
    auto rows = db.query("SELECT doc FROM routes WHERE id = $1 AND listed >= 0", {id});
    if (rows.empty()) return std::nullopt;
    return decode_stored<Route>(rows.front().text(0), "route");
}

std::optional<Member> load_member(Connection& db, const Id& id) {
    auto text = load_document(db, Kind::member, id);
    if (!text) return std::nullopt;
    return decode_stored<Member>(*text, "member");
}

std::optional<Unit> load_unit(Connection& db, const Id& id) {
    auto text = load_document(db, Kind::unit, id);
    if (!text) return std::nullopt;
    return decode_stored<Unit>(*text, "unit");
}

namespace {
// "(\$1, \$2, …)" for the distinct ids, which become `params` (empty: no ids).
std::string id_list(const std::vector<Id>& ids, SqlParams& params) {
    std::vector<Id> unique;
    std::string sql = "(";
    for (const auto& id : ids) {
        if (std::find(unique.begin(), unique.end(), id) != unique.end()) continue;
        unique.push_back(id);
        params.push_back(id);
        sql += (params.size() > 1 ? ", $" : "$") + std::to_string(params.size());
    }
    return sql + ")";
}
}  // namespace

std::vector<Member> load_members(Connection& db, const std::vector<Id>& ids) {
    SqlParams params;
    const std::string list = id_list(ids, params);
    std::vector<Member> members;
    if (params.empty()) return members;
    for (auto& row : db.query("SELECT doc FROM " + std::string(table_of(Kind::member)) + " WHERE id IN " + list, params))
        members.push_back(decode_stored<Member>(row.text(0), "member"));
    return members;
}

std::vector<std::pair<Id, std::int64_t>> member_versions(Connection& db, const std::vector<Id>& ids) {
    SqlParams params;
    const std::string list = id_list(ids, params);
    std::vector<std::pair<Id, std::int64_t>> versions;
    if (params.empty()) return versions;
    for (auto& row : db.query("SELECT id, version FROM " + std::string(table_of(Kind::member)) + " WHERE id IN " + list,
                              params))
        versions.emplace_back(row.text(0), row.integer(1));
    return versions;
}

Catalogue load_directory(Connection& db) {
    Catalogue catalogue;
    for (auto& text : load_documents(db, Kind::alliance, std::nullopt))
        catalogue.alliances.push_back(decode_stored<Alliance>(text, "alliance"));
    for (auto& text : load_documents(db, Kind::member, std::nullopt))
        catalogue.members.push_back(decode_stored<Member>(text, "member"));
    for (auto& text : load_documents(db, Kind::unit, std::nullopt))
        catalogue.units.push_back(decode_stored<Unit>(text, "unit"));
    return catalogue;
}

// ---- group trips ----------------------------------------------------------------

std::vector<LockedGroup> lock_groups(Connection& db, const std::vector<Id>& ids) {
    std::vector<LockedGroup> locked;
    if (db.dialect() != Dialect::postgresql || ids.empty()) return locked;
    // LockRows sits above the Sort: rows are locked in this order, the same in every process.
    auto rows = db.query(
        "SELECT id, first_day, last_day, version FROM group_trips WHERE id = ANY($1::text[]) ORDER BY id COLLATE \"C\" "
        "FOR UPDATE",
        {text_array(ids)});
    locked.reserve(rows.size());
    for (const auto& row : rows) {
        locked.push_back(LockedGroup{row.text(0), static_cast<Day>(row.integer(1)), static_cast<Day>(row.integer(2)),
                                     row.integer(3)});
    }
    return locked;
}

std::optional<GroupTrip> load_group(Connection& db, const Id& id) {
    auto text = load_document(db, Kind::group, id);
    if (!text) return std::nullopt;
    return decode_group(db, *text);
}

std::optional<std::int64_t> stored_version(Connection& db, Kind kind, const Id& id) {
    auto rows = db.query(std::string("SELECT version FROM ") + table_of(kind) + " WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return rows.front().integer(0);
}

std::optional<Instant> next_wake(const GroupTrip& trip, Instant now) {
    std::optional<Instant> wake = next_deadline(trip);
    if (auto reminder = next_reminder(trip, now); reminder && (!wake || *reminder < *wake)) wake = reminder;
    return wake;
}

void save_group(Connection& db, const GroupTrip* before, const GroupTrip& after, int route_days, Instant now,
                UnitMonthMoves* deferred) {
    auto deadline = next_wake(after, now);
    SqlValue deadline_value = deadline ? SqlValue(*deadline) : SqlValue(std::monostate{});
    const Day last = liaoxiu::last_day(after.departure, route_days);  // the core's rule for a trip's days
    // The head changes only with the state, a cancellation or an import; a join that
    // leaves them alone writes one place row and, at most, the deadline.
    if (!before || !same_head(*before, after)) {
        std::string head = head_document(after);
        db.execute(
            "INSERT INTO group_trips (id, version, route, organizer_unit, state, first_day, last_day, next_deadline, doc, "
            "max_size) VALUES ($1, 0, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET route = excluded.route, "
            "organizer_unit = excluded.organizer_unit, state = excluded.state, first_day = excluded.first_day, "
            "last_day = excluded.last_day, next_deadline = excluded.next_deadline, doc = excluded.doc, "
            "max_size = excluded.max_size",
            {after.id, after.route, after.organizer_unit, std::string(enum_name(after.state)),
             std::int64_t{after.departure}, std::int64_t{last}, deadline_value, head, std::int64_t{after.max_size}});
    } else {
        // Usually nothing: then the WHERE leaves the row (and its page) untouched.
        db.execute("UPDATE group_trips SET next_deadline = $1, last_day = $2 WHERE id = $3 AND "
                   "(next_deadline IS DISTINCT FROM $4 OR last_day <> $5)",
                   {deadline_value, std::int64_t{last}, after.id, deadline_value, std::int64_t{last}});
    }

    std::unordered_map<std::int64_t, const Place*> old_places;
    if (before) {
        old_places.reserve(before->places.size());
        for (const auto& place : before->places) old_places.emplace(place.seq, &place);
    }
    for (const auto& place : after.places) {
        auto old = old_places.find(place.seq);
        if (old != old_places.end()) {
            bool same = *old->second == place;
            old_places.erase(old);
            if (same) continue;
        }
        upsert_place(db, after.id, place);
    }
    // Places the new form no longer has (an import replacing a trip).
    for (const auto& [seq, place] : old_places) {
        db.execute("DELETE FROM places WHERE group_id = $1 AND seq = $2", {after.id, seq});
    }
    write_tally(db, before, after, deferred);  // stats.hpp: the statistics' tallies, in the same transaction
}

std::int64_t worker_day_key(const Id& worker, Day day) {
    // A stable 64-bit FNV-1a hash of the id and the day: the same key in every process.
    std::uint64_t hash = 14695981039346656037ull;
    auto mix = [&](unsigned char c) {
        hash ^= c;
        hash *= 1099511628211ull;
    };
    for (unsigned char c : worker) mix(c);
    mix(0);  // the id never contains a NUL: "ab"+day and "a"+... cannot meet by construction
    auto day_bits = static_cast<std::uint64_t>(static_cast<std::int64_t>(day));
    for (int shift = 0; shift < 64; shift += 8) mix(static_cast<unsigned char>(day_bits >> shift));
    return static_cast<std::int64_t>(hash);
}

void lock_worker_days(Connection& db, std::vector<std::int64_t> keys) {
    if (db.dialect() != Dialect::postgresql || keys.empty()) return;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::string array = "{";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i) array += ',';
        array += std::to_string(keys[i]);
    }
    array += '}';
    // A function scan yields the array's elements in order: the locks are taken ascending.
    db.query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k", {array});
}

std::vector<TripSpan> worker_spans(Connection& db, const Id& worker, const Id& except_group, Day first, Day last) {
    auto rows = db.query(
        "SELECT g.id, g.first_day, g.last_day FROM places p JOIN group_trips g ON g.id = p.group_id "
        "WHERE p.worker = $1 AND p.state IN ('confirmed', 'offered', 'waitlisted', 'pending_approval') AND g.id <> $2 "
        "AND g.last_day >= $3 AND g.first_day <= $4",
        {worker, except_group, std::int64_t{first}, std::int64_t{last}});
    std::vector<TripSpan> spans;
    for (auto& row : rows) {
        spans.push_back(TripSpan{row.text(0), static_cast<Day>(row.integer(1)), static_cast<Day>(row.integer(2))});
    }
    return spans;
}

std::vector<std::string> load_group_documents(Connection& db, std::optional<std::int64_t> since, bool with_workers) {
    std::vector<SqlRow> heads;
    std::vector<SqlRow> place_rows;
    if (since) {
        heads = db.query("SELECT doc FROM group_trips WHERE version > $1 ORDER BY id", {*since});
        place_rows = db.query(std::string("SELECT ") + kPlaceColumns +
                                  " FROM places p JOIN group_trips g ON g.id = p.group_id WHERE g.version > $1 "
                                  "ORDER BY p.group_id, p.seq",
                              {*since});
    } else {
        heads = db.query("SELECT doc FROM group_trips ORDER BY id");
        place_rows = db.query(std::string("SELECT ") + kPlaceColumns + " FROM places p ORDER BY p.group_id, p.seq");
    }
    std::unordered_map<std::string, nlohmann::json> places_of;
    for (const auto& row : place_rows) {
        Place place = place_from(row);
        if (!with_workers) place.worker = Id{};
        auto& list = places_of[row.text(0)];
        if (list.is_null()) list = nlohmann::json::array();
        list.push_back(place);
    }
    std::vector<std::string> documents;
    documents.reserve(heads.size());
    for (const auto& row : heads) {
        auto json = nlohmann::json::parse(row.text(0), nullptr, false);
        if (!json.is_object() || !json.contains("id") || !json["id"].is_string()) {
            throw std::runtime_error("corrupt stored group trip");
        }
        auto found = places_of.find(json["id"].get<std::string>());
        json["places"] = found == places_of.end() ? nlohmann::json::array() : std::move(found->second);
        documents.push_back(json.dump());
    }
    return documents;
}

std::vector<GroupTrip> list_groups(Connection& db, const GroupFilter& filter) {
    std::string sql = "SELECT doc FROM group_trips g WHERE 1 = 1";
    SqlParams params;
    auto placeholder = [&] { return "$" + std::to_string(params.size()); };
    if (filter.route) {
        params.emplace_back(*filter.route);
        sql += " AND g.route = " + placeholder();
    }
    if (filter.state) {
        params.emplace_back(*filter.state);
        sql += " AND g.state = " + placeholder();
    }
    if (filter.unit) {
        params.emplace_back(*filter.unit);
        std::string p1 = placeholder();
        params.emplace_back(*filter.unit);
        sql += " AND (g.organizer_unit = " + p1 +
               " OR EXISTS (SELECT 1 FROM places p WHERE p.group_id = g.id AND p.state = 'confirmed' AND p.unit = " +
               placeholder() + "))";
    }
    params.emplace_back(std::int64_t{filter.limit});
    sql += " ORDER BY g.first_day, g.id LIMIT " + placeholder();
    params.emplace_back(std::int64_t{filter.offset});
    sql += " OFFSET " + placeholder();
    std::vector<GroupTrip> trips;
    for (auto& row : db.query(sql, params)) trips.push_back(decode_group(db, row.text(0)));
    return trips;
}

std::vector<GroupTrip> worker_groups(Connection& db, const Id& worker) {
    auto rows = db.query(
        "SELECT g.doc FROM group_trips g WHERE g.id IN (SELECT p.group_id FROM places p WHERE p.worker = $1) "
        "ORDER BY g.first_day, g.id",
        {worker});
    std::vector<GroupTrip> trips;
    for (auto& row : rows) trips.push_back(decode_group(db, row.text(0)));
    return trips;
}

std::vector<Id> due_groups(Connection& db, Instant now) {
    auto rows = db.query(
        "SELECT id FROM group_trips WHERE next_deadline IS NOT NULL AND next_deadline <= $1 ORDER BY id", {now});
    std::vector<Id> ids;
    for (auto& row : rows) ids.push_back(row.text(0));
    return ids;
}

std::optional<Instant> earliest_deadline(Connection& db) {
    auto rows = db.query("SELECT MIN(next_deadline) FROM group_trips");
    if (rows.empty()) return std::nullopt;
    return rows.front().optional_integer(0);
}

void set_next_wake(Connection& db, const Id& id, std::optional<Instant> at) {
    SqlValue value = at ? SqlValue(*at) : SqlValue(std::monostate{});
    db.execute("UPDATE group_trips SET next_deadline = $1 WHERE id = $2 AND next_deadline IS DISTINCT FROM $1", {value, id});
}

// ---- the unit union's desk ---------------------------------------------------------

void set_place_reason(Connection& db, const Id& group, std::int64_t seq, const std::string& reason) {
    db.execute("UPDATE places SET reason = $1 WHERE group_id = $2 AND seq = $3", {reason, group, seq});
}

std::map<std::int64_t, std::string> place_reasons(Connection& db, const Id& group) {
    std::map<std::int64_t, std::string> reasons;
    for (const auto& row : db.query("SELECT seq, reason FROM places WHERE group_id = $1 AND reason IS NOT NULL", {group}))
        reasons.emplace(row.integer(0), row.text(1));
    return reasons;
}

}  // namespace liaoxiu::server::store
