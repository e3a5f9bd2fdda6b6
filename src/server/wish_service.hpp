// 想去 (wishes) as the endpoint offers them (core/wish.hpp has the rules, core/wire_wishes.hpp
// the answers' shapes, docs/api.md "Wishes (想去)" the routes): a worker wishes for a route
// and lets it go, reads their wishes with the groups now open to them, and a unit's union (or
// the secretariat) reads its workers' wishes counted per route. Storage: `route_wishes`
// (wish_service.cpp, the same SQL on SQLite and PostgreSQL); the secretariat's count is
// statistics' view=waiting column `wishes` (store_stats.cpp).
#pragma once

#include "core/wire_wishes.hpp"
#include "core/wish.hpp"
#include "server/backend.hpp"
#include "server/sql.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace liaoxiu::server {

namespace store {
// The table and its indexes (once; CREATE ... IF NOT EXISTS: an older database gets it empty).
void create_wishes_schema(Connection& db);
std::optional<RouteWish> find_wish(Connection& db, const Id& route, const Id& worker);
// Inserts the wish; a wish of the same worker and route already there is left as it is.
void save_wish(Connection& db, const RouteWish& wish);
// Removes the worker's wish on the route; whether there was one.
bool delete_wish(Connection& db, const Id& route, const Id& worker);
// A worker's wishes, newest first.
std::vector<RouteWish> worker_wishes(Connection& db, const Id& worker);
// A unit's workers' wishes, counted per route in SQL (most wished first, then the newest).
std::vector<UnitWishCount> unit_wish_counts(Connection& db, const Id& unit);
// The groups on `route` in a joinable state (open, formed, full), as stored.
std::vector<GroupTrip> joinable_state_groups(Connection& db, const Id& route);
}  // namespace store

// A wish's answer and its status (201 new, 200 already there).
struct WishWrite {
    int status = 200;
    nlohmann::json body;
};

// POST /routes/{id}/wish (a worker, for themself): the wish with the groups open to them now.
WishWrite put_wish(Backend& backend, const Principal& by, const Id& route);
// DELETE /routes/{id}/wish: {route, removed}.
nlohmann::json delete_wish(Backend& backend, const Principal& by, const Id& route);
// GET /me/wishes (workers).
nlohmann::json my_wishes(Backend& backend, const Principal& by);
// GET /units/{id}/wishes (the unit's union, the secretariat).
nlohmann::json unit_wishes(Backend& backend, const Principal& by, const Id& unit);

// The demo's wishes (first start with --demo): two workers of a unit wish for a route with no
// group, one of another unit too, so the union's route screen and the statistics show them.
void apply_demo_wishes(WriteContext& context, const Catalogue& catalogue);

}  // namespace liaoxiu::server
