// 想去 (a wish): a worker says they would go on a route that has no group for them yet. Their
// union sees how many of its workers want each route (and opens a group where it acts), the
// secretariat counts them (statistics, view=waiting), and the worker is told on 我的 when a
// group they may join opens on the route. One name for the idea: "wish" in code, SQL and JSON,
// 想去 on screen. Pure functions: the endpoint applies them in its transactions, the app calls
// the same ones to decide what to show.
//
// The rules:
//   - Only a signed-in worker (role worker) wishes, for themself; their unit is the wish's.
//   - The route must exist and be published (a draft is no route to workers).
//   - One wish per worker and route: wishing again is not an error, it keeps the first one
//     (and its `since`).
//   - A wished route "has a group for you" when one of its groups takes joins now (joinable:
//     open, formed or full, before its deadline) and is open to the worker's unit
//     (open_to_unit: an alliance-wide group, or an own-unit group of the worker's unit).
#pragma once

#include "error.hpp"
#include "model.hpp"
#include "permissions.hpp"

#include <optional>
#include <vector>

namespace liaoxiu {

struct RouteWish {
    Id route;
    Id worker;   // the account id, as a place names it
    Id unit;     // the worker's unit when they wished: whose union is told
    Instant since = 0;

    bool operator==(const RouteWish&) const = default;
};

// Who may wish: a worker ("forbidden" with the reason for anyone else).
std::optional<DomainError> wish_forbidden(const Actor& by);

// Why `route` (null: no route of that id) cannot be wished for: "unknown_route" when it does
// not exist or is not published (workers see published routes only).
std::optional<DomainError> wish_route_refused(const Route* route, const Id& id);

// The wish to store for `by` on `route` at `now`, or why not (wish_forbidden, then
// wish_route_refused). `existing`: the worker's wish on the route already stored, if any; it is
// returned as it is (a second wish is idempotent). `created` says whether it is new.
struct WishOutcome {
    RouteWish wish;
    bool created = false;
};
Result<WishOutcome> make_wish(const Actor& by, const Route* route, const Id& route_id, Instant now,
                              const RouteWish* existing);

// Withdrawing a wish: the same role rule; a route that is unknown is "unknown_route" only when
// there is no wish on it to withdraw (a route unpublished after the wish may still be let go).
std::optional<DomainError> unwish_refused(const Actor& by, const Route* route, const Id& route_id, bool has_wish);

// The groups among `groups` on `route` a worker of `unit` may join at `now`: joinable and
// open_to_unit. Soonest departure first, then by id.
std::vector<const GroupTrip*> wish_groups(const std::vector<const GroupTrip*>& groups, const Id& route,
                                          const Id& unit, Instant now);
std::vector<const GroupTrip*> wish_groups(const std::vector<GroupTrip>& groups, const Id& route, const Id& unit,
                                          Instant now);

// A union's view of its workers' wishes: per route, how many and the newest.
struct UnitWishCount {
    Id route;
    int count = 0;
    Instant newest = 0;

    bool operator==(const UnitWishCount&) const = default;
};
// Counts `wishes` of `unit`'s workers per route: most wished first, then the newest, then by id.
std::vector<UnitWishCount> unit_wish_counts(const std::vector<RouteWish>& wishes, const Id& unit);

// Reading a unit's wishes: that unit's union (organizer) or the secretariat ("forbidden").
std::optional<DomainError> unit_wishes_forbidden(const Actor& by, const Id& unit);

}  // namespace liaoxiu
