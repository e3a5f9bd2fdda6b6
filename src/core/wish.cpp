#include "core/wish.hpp"

#include "core/group_trip.hpp"
#include "core/union_rules.hpp"

#include <algorithm>
#include <map>

namespace liaoxiu {

std::optional<DomainError> wish_forbidden(const Actor& by) {
    if (by.role == Role::worker) return std::nullopt;
    return make_error("forbidden", "只有职工可以点“想去”，告诉本单位工会", "only workers say they would go (想去), for their union to see");
}

std::optional<DomainError> wish_route_refused(const Route* route, const Id& id) {
    if (route && route->status == PublishStatus::published) return std::nullopt;
    return make_error("unknown_route", "线路不存在：" + id, "no route " + id);
}

Result<WishOutcome> make_wish(const Actor& by, const Route* route, const Id& route_id, Instant now,
                              const RouteWish* existing) {
    if (auto forbidden = wish_forbidden(by)) return *forbidden;
    if (auto refused = wish_route_refused(route, route_id)) return *refused;
    if (existing) return WishOutcome{*existing, false};
    return WishOutcome{RouteWish{route_id, by.account, by.unit, now}, true};
}

std::optional<DomainError> unwish_refused(const Actor& by, const Route* route, const Id& route_id, bool has_wish) {
    if (auto forbidden = wish_forbidden(by)) return forbidden;
    if (has_wish) return std::nullopt;
    return wish_route_refused(route, route_id);
}

std::vector<const GroupTrip*> wish_groups(const std::vector<const GroupTrip*>& groups, const Id& route,
                                          const Id& unit, Instant now) {
    std::vector<const GroupTrip*> found;
    for (const GroupTrip* trip : groups)
        if (trip && trip->route == route && joinable(*trip, now) && open_to_unit(*trip, unit)) found.push_back(trip);
    std::sort(found.begin(), found.end(), [](const GroupTrip* a, const GroupTrip* b) {
        if (a->departure != b->departure) return a->departure < b->departure;
        return a->id < b->id;
    });
    return found;
}

std::vector<const GroupTrip*> wish_groups(const std::vector<GroupTrip>& groups, const Id& route, const Id& unit,
                                          Instant now) {
    std::vector<const GroupTrip*> pointers;
    pointers.reserve(groups.size());
    for (const GroupTrip& trip : groups) pointers.push_back(&trip);
    return wish_groups(pointers, route, unit, now);
}

std::vector<UnitWishCount> unit_wish_counts(const std::vector<RouteWish>& wishes, const Id& unit) {
    std::map<Id, UnitWishCount> by_route;
    for (const RouteWish& wish : wishes) {
        if (wish.unit != unit) continue;
        UnitWishCount& count = by_route[wish.route];
        count.route = wish.route;
        ++count.count;
        count.newest = std::max(count.newest, wish.since);
    }
    std::vector<UnitWishCount> counts;
    for (auto& entry : by_route) counts.push_back(entry.second);
    std::sort(counts.begin(), counts.end(), [](const UnitWishCount& a, const UnitWishCount& b) {
        if (a.count != b.count) return a.count > b.count;
        if (a.newest != b.newest) return a.newest > b.newest;
        return a.route < b.route;
    });
    return counts;
}

std::optional<DomainError> unit_wishes_forbidden(const Actor& by, const Id& unit) {
    if (by.role == Role::secretariat) return std::nullopt;
    if (by.role == Role::organizer && by.unit == unit) return std::nullopt;
    return make_error("forbidden", "只有本单位工会和联盟秘书处可以查看职工想去的线路",
                      "only the unit's own union and the secretariat see which routes its workers would go on");
}

}  // namespace liaoxiu
