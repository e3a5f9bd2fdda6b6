// Statistics (统计) as the endpoint computes them (core/stats.hpp has the query, the answer's
// shape and what each figure means). The counting is SQL over `group_trips` and `places`
// (store_stats.cpp, the same statements on SQLite and PostgreSQL), grouped by route and
// departure day; routes, members and units (a few thousand records) name the rows and apply
// the filters that depend on them. GET /api/v1/stats is its one route (stats.cpp).
#pragma once

#include "core/stats.hpp"
#include "server/backend.hpp"
#include "server/sql.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace liaoxiu::server {

namespace store {
// The columns, tallies and indexes the statistics read (a trip's capacity beside its state;
// the tallies below), on a new database and on one written before them (the tallies are then
// counted once from the places; meta `stats_tally`).
void create_stats_schema(Connection& db);
// The statistics count from two tallies kept on write instead of the places: `trip_tally`, one
// row per trip, and `place_tally`, one row per trip and workers' unit with a place there (a
// unit with only withdrawn places has none). Each row holds the trip's route, departure day
// and state beside the counts of its places: `confirmed`, `cross_confirmed` (of workers of
// another unit than the organizer's), `waiting` (waitlisted or offered), `offer_expired`,
// `released`. A third, coarser one, `unit_month_tally`, holds one row per workers' unit, month
// of the departure day (`month_day`, its first day) and trip state with confirmed places:
// their `confirmed` and `cross_confirmed` summed (places by unit reads its whole months; meta
// `stats_unit_month` when it was counted). save_group calls this with every trip it writes, in
// the same transaction: `before` is the trip as stored (nullptr when it is new or not known).
// `deferred`: the unit-month changes are added there, not written (store.hpp: UnitMonthMoves).
void write_tally(Connection& db, const GroupTrip* before, const GroupTrip& after,
                 UnitMonthMoves* deferred = nullptr);
// Writes unit-month changes, in key order (a key whose changes add up to nothing is left alone).
void apply_unit_month_moves(Connection& db, const UnitMonthMoves& moves);
// The statements a query runs (the benchmark prints their plans); `from_places`: the old way,
// counting the places themselves (the benchmark's baseline).
struct StatsStatement {
    std::string sql;
    SqlParams params;
};
struct StatsDirectory;
std::vector<StatsStatement> stats_statements(const StatsQuery& query, Day today, const StatsDirectory& directory,
                                            bool from_places = false);
// What names the rows and applies the filters about routes and members: every route (drafts
// too: a trip outlives its route's publication), member and unit, read in one transaction.
struct StatsDirectory {
    // `stamp`: stats_directory_stamp, read by the caller in the same transaction.
    StatsDirectory(Connection& db, std::string stamp);
    StatsDirectory(const StatsDirectory&) = delete;  // the maps point into the vectors
    StatsDirectory& operator=(const StatsDirectory&) = delete;

    const Route* route(const Id& id) const;
    const Member* member(const std::string& id) const;
    const Unit* unit(const Id& id) const;
    // The member units of a route's itinerary, each once, in order of first visit (worked out
    // once per directory: the statistics ask for every fact).
    const std::vector<const Member*>& members_of(const Route& route) const;

    std::string stamp;  // stats_directory_stamp when it was read
    std::vector<Route> routes;
    Catalogue directory;
    std::unordered_map<std::string, const Route*> route_by_id;
    std::unordered_map<std::string, const Member*> member_by_id;
    std::unordered_map<std::string, const Unit*> unit_by_id;
    std::unordered_map<const Route*, std::vector<const Member*>> members_by_route;

private:
    std::vector<const Member*> itinerary_members(const Route& route) const;
};
// Changes whenever a route, member, unit or alliance is written or deleted (a few indexed
// aggregates, far cheaper than reading the documents).
std::string stats_directory_stamp(Connection& db);
// One table of figures; `today` decides which trips have departed.
// `from_places`: count the places themselves, as before the tallies (the benchmark's baseline).
StatsTable compute_stats(Connection& db, const StatsQuery& query, Day today, const StatsDirectory& directory,
                         bool from_places = false);
}  // namespace store

// The last directory the statistics read, kept while its stamp holds: the documents are
// parsed once per change of the catalogue's directory, not once per request. Shared by the
// reader threads; a reader holds its snapshot as long as it needs it.
class StatsDirectoryCache {
public:
    std::shared_ptr<const store::StatsDirectory> get(Connection& db);

private:
    std::mutex mutex_;
    std::shared_ptr<const store::StatsDirectory> current_;
};

// GET /stats's answer for `by`: a unit's union sees its own unit's figures whatever the
// query says (its unit replaces the query's); the caller has checked the role.
nlohmann::json read_stats(Backend& backend, StatsDirectoryCache& directories, const Principal& by, StatsQuery query);

}  // namespace liaoxiu::server
