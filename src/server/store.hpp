// Everything the endpoint keeps in its database, as typed operations over a
// Connection. Catalogue entities are stored as their JSON documents (the same
// form the catalogue endpoint serves) with a `version` stamp for delta sync;
// group trips also keep the columns the queries need (route, unit, state, the
// days they occupy, the next deadline) and an index of places by worker.
// The SQL is portable between SQLite and PostgreSQL; the only dialect
// differences (how to start a write transaction, row locks) live here.
#pragma once

#include "core/audit.hpp"
#include "core/json.hpp"
#include "core/group_trip.hpp"
#include "core/model.hpp"
#include "server/sql.hpp"

#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <stdexcept>
#include <string>
#include <vector>

namespace liaoxiu::server::store {

void create_schema(Connection& db);

// A stored document decoded. The database is the endpoint's own: a document that does not
// decode is damage or a bug, never a client's input, so it throws (a 500, logged).
template <class T>
T decode_stored(const std::string& text, const char* what) {
    auto result = decode<T>(nlohmann::json::parse(text, nullptr, false), "");
    if (!result) throw std::runtime_error(std::string("corrupt stored ") + what + ": " + result.error().message_en);
    return std::move(result).value();
}

// Transactions. A write transaction on SQLite takes the write lock at once
// (BEGIN IMMEDIATE); reads get one consistent snapshot.
void begin_write(Connection& db);
void begin_read(Connection& db);
void commit(Connection& db);
void rollback(Connection& db) noexcept;

enum class Kind { alliance, member, route, policy, unit, group };
inline constexpr Kind kAllKinds[] = {Kind::alliance, Kind::member, Kind::route, Kind::policy, Kind::unit, Kind::group};
const char* table_of(Kind kind);
const char* plural_name(Kind kind);  // the catalogue document's key: "alliances", ...

// ---- catalogue ---------------------------------------------------------------------

// The sync cursor as this transaction's snapshot sees it: every change at or below it is
// visible (PostgreSQL: changes above it may be visible too; see store.cpp).
std::int64_t catalogue_version(Connection& db);
// The version this transaction's catalogue changes are stamped with. SQLite: increments the
// counter (called last in a transaction, so its row lock is held only for the commit).
// PostgreSQL: this transaction's id plus the stored offset; no shared row, blocks nobody.
std::int64_t bump_catalogue_version(Connection& db);
// PostgreSQL, once per database: the offset that puts transaction-id versions above the
// counter's (create_schema calls it).
void migrate_version_offset(Connection& db);
void stamp_version(Connection& db, Kind kind, const Id& id, std::int64_t version);
// Stamps every (kind, id) of `touched` (sorted, unique) with `version`: one statement
// per kind on PostgreSQL (a round trip each), one per row on SQLite (in-process).
void stamp_versions(Connection& db, const std::vector<std::pair<Kind, Id>>& touched, std::int64_t version);

bool exists(Connection& db, Kind kind, const Id& id);
// A route that is one: a deleted draft's tombstone still holds its id (so exists() keeps the id
// from being taken again), but links may not name it.
bool route_exists(Connection& db, const Id& id);
// Stored documents, optionally only those changed after `since`, in id order
// (group trips without their places: see load_group_documents).
std::vector<std::string> load_documents(Connection& db, Kind kind, std::optional<std::int64_t> since);

void put(Connection& db, const Alliance& value);
void put(Connection& db, const Member& value);
void put(Connection& db, const Unit& value);

// ---- routes and policies: draft or published (store_publish.cpp) --------------------

// Adds the columns that keep what workers may see of each route and policy (once; a
// database written before drafts existed has every record published).
void migrate_publish_columns(Connection& db);
// Saves the record as it is; what workers see follows its status: a published record is
// shown as saved, a draft not at all (once published, it is shown as "status":"draft"
// in later deltas, so clients drop it).
void put(Connection& db, const Route& value);
void put(Connection& db, const Policy& value);
// What workers may see: for routes and policies the published records (a snapshot) or,
// with `since`, every one changed since that workers saw or must now drop; other kinds as
// load_documents.
std::vector<std::string> load_public_documents(Connection& db, Kind kind, std::optional<std::int64_t> since);
// Every route / policy as saved, or only those in `status`, in id order.
std::vector<Route> load_routes(Connection& db, std::optional<PublishStatus> status);
std::vector<Policy> load_policies(Connection& db, std::optional<PublishStatus> status);
std::optional<Policy> load_policy(Connection& db, const Id& id);

std::optional<Route> load_route(Connection& db, const Id& id);

// DELETE /routes/{id} (store_publish.cpp): deletes a draft no group trip and no policy names.
// `unknown`: no such route (or deleted already); `published`: unpublish it first; `in_use`:
// `groups` trips or `policies` name it. `route` is the draft as it was (for the audit trail).
// A draft never published goes entirely; one published before stays as a tombstone (its
// "status":"draft" form for the deltas of phones that missed the unpublish), read by id as
// nothing. The caller touches the route in the same transaction.
struct DraftDeletion {
    enum class Outcome { deleted, unknown, published, in_use };
    Outcome outcome = Outcome::unknown;
    Route route;
    std::int64_t groups = 0;
    std::vector<Id> policies;
};
DraftDeletion delete_route_draft(Connection& db, const Id& id);
std::optional<Member> load_member(Connection& db, const Id& id);
std::optional<Unit> load_unit(Connection& db, const Id& id);
// The members among `ids` that exist, in one statement (a route's stop members; repeats are read once).
std::vector<Member> load_members(Connection& db, const std::vector<Id>& ids);
// The stored catalogue version of each of these members that exists (what the writer's cache
// compares against).
std::vector<std::pair<Id, std::int64_t>> member_versions(Connection& db, const std::vector<Id>& ids);
// Alliances, members and units: what route validation and references need.
Catalogue load_directory(Connection& db);

// ---- group trips ----------------------------------------------------------------

// Takes the row locks on PostgreSQL (SELECT ... FOR UPDATE, one statement, rows locked
// in byte order of their ids) so two processes never decide about the same group's
// places at once, and returns the locked trips' stored days (the overlap rule's
// locks need them). SQLite has a single writer anyway: nothing is locked, and
// nothing is returned.
struct LockedGroup {
    Id id;
    Day first_day = 0;
    Day last_day = 0;
    std::int64_t version = 0;  // the stored row's, read under the lock (the writer's cache trusts it)
};
std::vector<LockedGroup> lock_groups(Connection& db, const std::vector<Id>& ids);
std::optional<GroupTrip> load_group(Connection& db, const Id& id);
// Places are rows of their own (`places`); the group's document holds everything
// else (its "places" is empty) and is only rewritten when that changes.
// Writes `after`; `before` (the trip as read in this transaction, if it existed)
// lets only the changed places be written: a join inserts one row.
// The units' monthly tally's changes: (unit, month_day, trip state) → (confirmed, cross_confirmed) to
// add (stats.hpp: write_tally). Its rows are shared by every trip of a unit and month, so the writer
// gathers a batch's changes and writes them last, in key order: two writers (or processes) never
// hold them in opposite orders (no deadlock), and each holds them only for its commit.
using UnitMonthMoves = std::map<std::tuple<std::string, Day, std::string>, std::pair<std::int64_t, std::int64_t>>;
// `deferred`: the unit-month changes are added there instead of written (the caller writes them
// with apply_unit_month_moves before it commits).
// `now`: the transaction's time, from which the trip's next wake is reckoned (next_wake).
void save_group(Connection& db, const GroupTrip* before, const GroupTrip& after, int route_days, Instant now,
                UnitMonthMoves* deferred = nullptr);
// When the scheduler next has something to do with `trip`: a deadline of the rules (the core's
// next_deadline; kept when already passed, so a trip saved late is advanced at once) or a
// reminder after `now` (the core's next_reminder). Stored in group_trips.next_deadline, which
// due_groups and earliest_deadline read.
std::optional<Instant> next_wake(const GroupTrip& trip, Instant now);
// The catalogue version of the stored row's last change (nullopt: no such row): what
// the writer's cache compares against. Every change to a group or route stamps a new one.
std::optional<std::int64_t> stored_version(Connection& db, Kind kind, const Id& id);
// The group trips' documents with their places, as the catalogue serves them (worker ids
// blanked unless `with_workers`), optionally only those changed after `since`, in id order.
std::vector<std::string> load_group_documents(Connection& db, std::optional<std::int64_t> since, bool with_workers);

// Serializes the overlapping-trips check across processes without serializing a
// worker's joins of trips on other days: one transaction-scoped advisory lock per
// (worker, day) on PostgreSQL. Two trips overlap exactly when they share a day, so two
// joins that could refuse each other always share a key, and joins of disjoint trips
// never wait for each other. Hash collisions only add waiting, never remove it.
std::int64_t worker_day_key(const Id& worker, Day day);
// Takes the keys in ascending order, in one statement (nothing on SQLite). Callers
// take them after the group row locks, so every process locks in one global order.
void lock_worker_days(Connection& db, std::vector<std::int64_t> keys);

// The days of every other trip the worker holds a confirmed, offered or waiting place on
// that overlap [first, last] (all of them by default): what the overlap rule needs to see.
std::vector<TripSpan> worker_spans(Connection& db, const Id& worker, const Id& except_group,
                                   Day first = std::numeric_limits<Day>::min(), Day last = std::numeric_limits<Day>::max());

struct GroupFilter {
    std::optional<Id> route;
    std::optional<std::string> state;
    std::optional<Id> unit;  // organized by it or with a confirmed place of it
    int limit = 100;
    int offset = 0;
};
std::vector<GroupTrip> list_groups(Connection& db, const GroupFilter& filter);
std::vector<GroupTrip> worker_groups(Connection& db, const Id& worker);
std::vector<Id> due_groups(Connection& db, Instant now);
std::optional<Instant> earliest_deadline(Connection& db);
// Sets the trip's stored next wake (none: the scheduler never looks at it again).
void set_next_wake(Connection& db, const Id& id, std::optional<Instant> at);

// ---- the unit union's desk ---------------------------------------------------------

// Why a union or the secretariat freed a worker's place, kept beside the place's row (the
// core's Place stays small: a 10k catalogue holds 325,000 of them).
void set_place_reason(Connection& db, const Id& group, std::int64_t seq, const std::string& reason);
// The reasons kept for the group's places, by seq.
std::map<std::int64_t, std::string> place_reasons(Connection& db, const Id& group);


struct Account {
    Id id;
    std::string login;
    std::string role;  // "worker", "organizer", "secretariat"
    std::string name;
    Id unit;           // empty for the secretariat
    std::string member_number;
    std::string password_hash;
};

std::optional<Account> find_account_by_login(Connection& db, const std::string& login);
std::optional<Account> find_account(Connection& db, const Id& id);
bool account_exists(Connection& db, const Id& id, const std::string& login);
void insert_account(Connection& db, const Account& account, Instant now);
std::int64_t count_accounts(Connection& db);
// The accounts of the workers holding (or having held) a place on the group.
std::vector<Account> group_accounts(Connection& db, const Id& group);
// A unit's accounts of one role ("worker"), by name then id.
std::vector<Account> unit_accounts(Connection& db, const Id& unit, const std::string& role);

void insert_session(Connection& db, const std::string& token_hash, const Id& account, Instant expires);
// The account of an unexpired session, with the session's expiry.
struct SessionAccount {
    Account account;
    Instant expires = 0;
};
std::optional<SessionAccount> session_account(Connection& db, const std::string& token_hash, Instant now);
void delete_session(Connection& db, const std::string& token_hash);
void delete_expired_sessions(Connection& db, Instant now);

// ---- idempotency: the first answer to a keyed request ---------------------------

struct StoredAnswer {
    std::string request;  // what the key was first used for ("join g-123")
    int status = 0;
    std::string body;
};
std::optional<StoredAnswer> find_answer(Connection& db, const Id& account, const std::string& key);
void save_answer(Connection& db, const Id& account, const std::string& key, const StoredAnswer& answer, Instant now);

// ---- settings ---------------------------------------------------------------------

std::optional<std::string> meta_get(Connection& db, const std::string& key);
void meta_set(Connection& db, const std::string& key, const std::string& value);

// ---- the audit trail (store_audit.cpp) ----------------------------------------------
// `audit_log`: append-only. Triggers refuse UPDATE and DELETE (and TRUNCATE on
// PostgreSQL) of its rows whoever asks; nothing in the endpoint tries.

// The table and its triggers, on a new database and on one written before the trail.
void create_audit_schema(Connection& db);
// Appends `entry` (its seq is given by the database; `entry.seq` is ignored) inside the
// caller's transaction: it commits or rolls back with the change it records. Returns the seq.
std::int64_t append_audit(Connection& db, const AuditEntry& entry);
// One page of entries matching `query`, newest first, and how many match in all.
AuditPage list_audit(Connection& db, const AuditQuery& query);

}  // namespace liaoxiu::server::store
