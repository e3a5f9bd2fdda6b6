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
// The columns and indexes the statistics read (a trip's capacity beside its state; places by
// group, state and unit), on a new database and on one written before them.
void create_stats_schema(Connection& db);
// The statements a query runs (the benchmark prints their plans).
struct StatsStatement {
    std::string sql;
    SqlParams params;
};
std::vector<StatsStatement> stats_statements(const StatsQuery& query);
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
    // The member units of a route's itinerary, each once, in order of first visit.
    std::vector<const Member*> members_of(const Route& route) const;

    std::string stamp;  // stats_directory_stamp when it was read
    std::vector<Route> routes;
    Catalogue directory;
    std::unordered_map<std::string, const Route*> route_by_id;
    std::unordered_map<std::string, const Member*> member_by_id;
    std::unordered_map<std::string, const Unit*> unit_by_id;
};
// Changes whenever a route, member, unit or alliance is written or deleted (a few indexed
// aggregates, far cheaper than reading the documents).
std::string stats_directory_stamp(Connection& db);
// One table of figures; `today` decides which trips have departed.
StatsTable compute_stats(Connection& db, const StatsQuery& query, Day today, const StatsDirectory& directory);
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
