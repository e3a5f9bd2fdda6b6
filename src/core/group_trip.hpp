// The rules of a group trip (拼团) as pure functions: each takes the current
// trip and the clock and returns the new trip or a DomainError. The endpoint
// applies them inside its transactions; the app calls them to check a request
// before it sends it. Nothing here reads a clock or a database.
#pragma once

#include "error.hpp"
#include "model.hpp"

#include <vector>

namespace liaoxiu {

// A worker as the rules see one.
struct Worker {
    Id id;
    Id unit;
};

// The days a trip occupies, [first, last] inclusive: departure .. departure + route.days - 1.
struct TripSpan {
    Id group;
    Day first = 0;
    Day last = 0;
};

// What a trip's places add up to. Always derived, never stored.
struct GroupCounts {
    int confirmed = 0;
    int waitlisted = 0;          // includes places currently `offered`
    int places_to_form = 0;      // 还差N人成团: max(0, min_size - confirmed)
    int places_left = 0;         // max(0, max_size - confirmed - offered)
    std::vector<Id> units;       // units with a confirmed place, organizer first, then by first arrival
};

GroupCounts count_places(const GroupTrip& trip);

// The state that follows from the counts and the clock (cancelled stays cancelled).
GroupState derive_state(const GroupTrip& trip, Instant now);

// How long a waiting worker has to accept a freed place.
inline constexpr Instant kOfferWindowSeconds = 24 * 3600;

struct GroupDraft {
    Id id;
    Id route;
    Id organizer_unit;
    Day departure = 0;
    int min_size = 1;
    int max_size = 1;
    Instant join_deadline = 0;
    std::optional<int> per_unit_cap;
};

// Opens a trip on a bookable route (checks sizes, deadline before departure, cap, route bookable).
Result<GroupTrip> open_group(const GroupDraft& draft, const Route& route, const Catalogue& catalogue, Instant now);

struct JoinOutcome {
    GroupTrip trip;
    PlaceState state = PlaceState::confirmed;  // confirmed or waitlisted
    int waitlist_position = 0;                  // 1-based when waitlisted
};

// `other_trips`: the spans of every other trip the worker holds a confirmed, offered or waitlisted place on.
Result<JoinOutcome> join(const GroupTrip& trip, const Route& route, const Worker& worker,
                         const std::vector<TripSpan>& other_trips, std::int64_t seq, Instant now);

// Frees the worker's place; a freed confirmed place is offered to the first waiting worker.
Result<GroupTrip> withdraw(const GroupTrip& trip, const Id& worker, Instant now);

// The worker accepts the place offered to them.
Result<GroupTrip> accept_offer(const GroupTrip& trip, const Id& worker, Instant now);

Result<GroupTrip> cancel(const GroupTrip& trip, const std::string& reason, Instant now);

// Applies everything the clock decides: deadline → locked or expired (places released),
// lapsed offers → offer_expired and the next waiting worker offered. Idempotent.
GroupTrip advance_clock(const GroupTrip& trip, Instant now);

// When advance_clock next has something to do (deadline or earliest offer expiry), if ever.
std::optional<Instant> next_deadline(const GroupTrip& trip);

}  // namespace liaoxiu
