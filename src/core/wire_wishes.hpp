// The wishes' (想去) answers (docs/api.md "Wishes (想去)"), each shape written once, in wire.hpp's
// style: the server encodes with these, the app decodes with the same ones. Decoders never
// throw; what they cannot read is DomainError "bad_answer".
#pragma once

#include "core/error.hpp"
#include "core/wish.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::wire {

// {route, worker, unit, since}: since an instant (ISO 8601, UTC).
nlohmann::json encode_route_wish(const RouteWish& wish);
Result<RouteWish> decode_route_wish(const nlohmann::json& json);  // route and since required

// A group the worker may join on a wished route: {id, departure (day), created (instant)}.
struct WishGroup {
    Id id;
    Day departure = 0;
    Instant created = 0;  // since when the route has it
    bool operator==(const WishGroup&) const = default;
};
WishGroup wish_group_of(const GroupTrip& trip);

// One of the worker's wishes: {route, worker, unit, since, route_title, groups: [WishGroup]}
// (groups: wish_groups, soonest first; empty while the route has none for the worker).
// POST /routes/{id}/wish answers one; GET /me/wishes → {wishes: [...]}, newest wish first.
struct MyWish {
    RouteWish wish;
    std::string route_title;
    std::vector<WishGroup> groups;
    bool operator==(const MyWish&) const = default;
};
nlohmann::json encode_my_wish(const MyWish& wish);
Result<MyWish> decode_my_wish(const nlohmann::json& json);
nlohmann::json encode_my_wishes(const std::vector<MyWish>& wishes);
Result<std::vector<MyWish>> decode_my_wishes(std::string_view body);

// GET /units/{id}/wishes → {unit, routes: [{route, route_title, count, newest}]}, most wished first.
struct UnitWishRow {
    UnitWishCount count;
    std::string route_title;
    bool operator==(const UnitWishRow&) const = default;
};
struct UnitWishes {
    Id unit;
    std::vector<UnitWishRow> routes;
    bool operator==(const UnitWishes&) const = default;
};
nlohmann::json encode_unit_wishes(const UnitWishes& wishes);
Result<UnitWishes> decode_unit_wishes(std::string_view body);

}  // namespace liaoxiu::wire
