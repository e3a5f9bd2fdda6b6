// The rules a catalogue must satisfy before anyone can book from it. Validation
// reports every problem it finds (not just the first), each with a path into the
// catalogue, so the secretariat sees all of them at once. Problems that make data
// wrong are errors; problems that only make a route unbookable for now (a stop at a
// suspended member) are warnings with their own code.
#pragma once

#include "error.hpp"
#include "model.hpp"

#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace liaoxiu {

// Every route must link members of at least this many categories (每条线路联动3类以上成员单位).
inline constexpr int kMinRouteCategories = 3;

// Members by id, for validating many routes without a linear search per stop.
class MemberDirectory {
public:
    explicit MemberDirectory(const Catalogue& catalogue);
    const Member* find(std::string_view id) const;

private:
    std::unordered_map<std::string_view, const Member*> by_id_;
};

// Problems of one route. Error codes: "missing_id", "missing_title", "invalid_days", "invalid_nights",
// "invalid_price", "invalid_subsidy", "itinerary_day_out_of_range", "itinerary_day_repeated",
// "unknown_member", "too_few_categories", "missing_stay", "missing_wellness".
// Warning code: "member_not_active" (a stop's member is suspended or has exited).
std::vector<DomainError> validate_route(const Route& route, const Catalogue& catalogue);
std::vector<DomainError> validate_route(const Route& route, const MemberDirectory& members);

// What keeps workers from booking a route for now: each member on its stops that is suspended
// or has left the alliance, once, as validate_route words it ("member_not_active", with the
// secretariat's reason). Empty when there is none. `find_member` returns null for an unknown id.
std::vector<DomainError> booking_holds(const Route& route,
                                       const std::function<const Member*(std::string_view)>& find_member);

// The problems that refuse saving a route even as a draft: those that would leave a reference
// dangling ("unknown_member", "missing_id"). A draft may break every other rule while it is
// being written; publishing it needs no error at all (has_errors).
std::vector<DomainError> draft_refusals(const std::vector<DomainError>& problems);

// Problems of one policy article. Error codes: "missing_id", "missing_title", "missing_body";
// with `routes` (the catalogue's or the store's route ids), "unknown_reference" for a link to
// no route (path "routes[i]").
std::vector<DomainError> validate_policy(const Policy& policy);
std::vector<DomainError> validate_policy(const Policy& policy, const std::vector<Id>& known_routes);

// True when the route is published and has no problem at all, warnings included: every stop's
// member exists and is active.
bool route_bookable(const Route& route, const Catalogue& catalogue);
bool route_bookable(const Route& route, const MemberDirectory& members);

// Why no one may take a new place on `route` now, or nothing when it is bookable: code
// "route_not_bookable" (422), for a draft ("线路尚未发布…") or the first problem validate_route
// finds, a stop's member suspended or gone included (its message, with the secretariat's reason,
// after "线路暂不可预订："). The one check behind opening a group (open_group) and the endpoint's
// joins, a union adding a worker and accepting an offered place; withdrawing and cancelling
// never ask it. `members` needs only the route's stop members.
std::optional<DomainError> booking_refused(const Route& route, const MemberDirectory& members);

// Everything above for every route (paths "routes[i]..."; a draft route only its
// draft_refusals), plus: ids present and unique per kind,
// references resolve (member.alliance, route.alliance, group.route, group.organizer_unit, place.unit),
// group sizes sane, a group's places in strictly increasing seq, at most one active place per worker,
// never more confirmed than max_size. Codes besides the route ones: "duplicate_id", "unknown_reference",
// "invalid_size", "invalid_seq", "duplicate_worker", "over_capacity".
std::vector<DomainError> validate_catalogue(const Catalogue& catalogue);

// True when at least one of the problems is an error (warnings alone refuse nothing).
bool has_errors(const std::vector<DomainError>& problems);

// The problem that heads a refused list: the first error, never a warning that happens to come
// before it (the answer's code and status are the error's). Null when there is no error.
const DomainError* first_error(const std::vector<DomainError>& problems);

}  // namespace liaoxiu
