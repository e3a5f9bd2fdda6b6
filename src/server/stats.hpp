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

#include <string>
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
// One table of figures; `today` decides which trips have departed.
StatsTable compute_stats(Connection& db, const StatsQuery& query, Day today);
}  // namespace store

// GET /stats's answer for `by`: a unit's union sees its own unit's figures whatever the
// query says (its unit replaces the query's); the caller has checked the role.
nlohmann::json read_stats(Backend& backend, const Principal& by, StatsQuery query);

}  // namespace liaoxiu::server
