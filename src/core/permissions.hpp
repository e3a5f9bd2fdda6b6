// Who may do what to a group trip (拼团), written once. The endpoint refuses with these
// errors (code "forbidden", 403, each message saying why); the app asks the same
// functions before it offers a button or sends a request, so the screen, the app's
// outbox and the endpoint cannot disagree about who may act.
//
// Each *_forbidden function answers only "may this person do this at all"; whether the
// trip's state allows it now is group_trip.hpp's (joinable, cancel_refused, join, ...).
#pragma once

#include "error.hpp"
#include "model.hpp"
#include "role.hpp"

#include <optional>
#include <string_view>

namespace liaoxiu {

// The signed-in person as the rules see them.
struct Actor {
    Role role = Role::worker;
    Id account;  // the account id, what a place names as its `worker`
    Id unit;     // the worker's or organizer's unit; empty for the secretariat
};

// Opening a group trip for `organizer_unit`: a unit's union, for its own unit only (a
// union speaks for its own workers' money and days off).
std::optional<DomainError> open_group_forbidden(const Actor& by, const Id& organizer_unit);

// Managing a trip (seeing who holds its places, cancelling it, freeing a worker's place):
// the union of the unit that opened it, and the secretariat, which answers for every trip
// of the alliance.
bool manages_group(const Actor& by, const GroupTrip& trip);

// Cancelling: whoever manages the trip. Without a trip, only what the role alone decides
// (a worker never cancels), so a request can be refused before the trip is read.
std::optional<DomainError> cancel_forbidden(const Actor& by, const GroupTrip* trip);

// Joining, and accepting a place offered from the waiting list: workers only (a union
// account organizes; its own people join with their own accounts).
std::optional<DomainError> join_forbidden(const Actor& by);
std::optional<DomainError> accept_offer_forbidden(const Actor& by);

// Freeing a place: a worker their own; someone who manages the trip anyone's; a union its own
// unit's workers' on any trip. `whose` is
// the account whose place is freed. Without a trip, only what the role alone decides.
std::optional<DomainError> withdraw_forbidden(const Actor& by, const Id& whose, const GroupTrip* trip);

// Opening an account: the secretariat any; a union only workers of its own unit (it vouches
// for who works there, nothing more).
std::optional<DomainError> create_account_forbidden(const Actor& by, Role role, const Id& unit);

// ---- the unit union's desk (organizers) ----------------------------------------------

// Whether `unit` takes part in the trip: it opened it, or one of its workers holds a place on it
// now — confirmed, waiting or offered. A unit whose places were all withdrawn, lapsed
// (offer_expired) or released (the trip cancelled or dissolved) no longer takes part: its union
// lists the trip no more (我的) and reads its roster no more. An empty unit takes part in nothing.
bool unit_takes_part(const GroupTrip& trip, const Id& unit);

// Reading a trip's roster (docs/api.md, GET /groups/{id}/roster): the secretariat; the union
// of a unit that takes part in it (unit_takes_part: opened it, or a worker of it holds, waits
// for or is offered a place). Workers never; a union whose unit does not take part neither.
std::optional<DomainError> roster_forbidden(const Actor& by, const GroupTrip* trip);
// Whether `by` may see who holds `place` (the worker's id in every group answer, their name on
// the roster): the secretariat every worker's; a union its own unit's workers' only, whichever
// unit opened the trip (other units' workers it sees as counts per unit); a worker their own.
bool sees_worker(const Actor& by, const Place& place);
// The trip as `by` is shown it: every place's `worker` blanked ("") unless sees_worker. Null
// `by` (nobody signed in): every one blanked. Used by every answer that carries places.
GroupTrip places_seen_by(const GroupTrip& trip, const Actor* by);

// An account as the add-a-worker rule sees it.
struct AccountRef {
    Id id;
    Role role = Role::worker;
    Id unit;
};
// Joining on someone's behalf (POST /groups/{id}/join {"worker": …}): a union adds a worker
// account of its own unit. A worker naming themselves is a plain join (join_forbidden).
std::optional<DomainError> add_worker_forbidden(const Actor& by, const AccountRef& worker);

// Freeing another worker's place takes a reason, kept with the place so the worker can see
// why ("reason_required" when `reason` is only whitespace). Freeing one's own needs none.
std::optional<DomainError> withdraw_reason_missing(const Actor& by, const Id& whose, std::string_view reason);

// Listing a unit's worker accounts (to pick one to add): that unit's union and the secretariat.
std::optional<DomainError> unit_workers_forbidden(const Actor& by, const Id& unit);

}  // namespace liaoxiu
