// The rules of a group trip (拼团) as pure functions: each takes the current
// trip and the clock and returns the new trip or a DomainError. The endpoint
// applies them inside its transactions; the app calls them to check a request
// before it sends it. Nothing here reads a clock or a database.
#pragma once

#include "error.hpp"
#include "model.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace liaoxiu {

// A worker as the rules see one.
struct Worker {
    Id id;
    Id unit;
};

// The days a trip occupies, [first, last] inclusive: departure .. last_day(departure, route.days).
struct TripSpan {
    Id group;
    Day first = 0;
    Day last = 0;
};

// A trip's last day: a route of N days leaving on `departure` is away until departure + N - 1
// (a route of no days, which validation refuses, still occupies its departure day). The
// overlap rule, the endpoint's stored spans and the app's own check all use this.
Day last_day(Day departure, int route_days);
TripSpan trip_span(const GroupTrip& trip, const Route& route);

// Whether a place counts as held: confirmed, waiting, offered and not yet answered, or waiting for
// the worker's union's approval (pending_approval). A held
// place is what a worker cannot have twice on a trip, or on two trips whose days overlap; what a
// withdrawal frees; what "my trips" shows.
bool holds_place(PlaceState state);

// Whether a trip in this state takes joins (its waiting list included): open, formed or full.
// "open" is one of these states (fewer than min confirmed); "joinable" is this predicate.
bool joinable_state(GroupState state);
// Whether the trip takes joins at `now`: a joinable state and the join deadline not reached. What
// join() refuses otherwise ("group_closed", "deadline_passed"); a screen offers joining only then.
bool joinable(const GroupTrip& trip, Instant now);

// What a trip's places add up to. Always derived, never stored.
struct GroupCounts {
    int confirmed = 0;
    // Everyone in the queue behind the confirmed places: `waitlisted` places plus `offered` ones
    // (offered a freed place, not yet accepted). The JSON field is "waitlisted" (wire name, kept).
    int waiting = 0;
    // Places held for the worker's union's decision (审批): they take a place (never more than the
    // maximum) but do not count towards forming until approved. JSON "pending_approval" (when > 0).
    int pending = 0;
    int places_to_form = 0;      // 还差N人成团: max(0, min_size - confirmed)
    int places_left = 0;         // max(0, max_size - confirmed - offered - pending)
    std::vector<Id> units;       // units with a confirmed place, organizer first (if it has one), then by first arrival
};

GroupCounts count_places(const GroupTrip& trip);

// The state that follows from the counts and the clock (cancelled stays cancelled):
// at or after join_deadline → locked (≥ min confirmed) or expired; before it → full when
// no place is left (confirmed + offered + pending = max: new joins wait), formed when ≥ min
// confirmed, else open.
GroupState derive_state(const GroupTrip& trip, Instant now);

// How long a waiting worker has to accept a freed place (an offer never outlives the join deadline).
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
    Visibility visibility = Visibility::alliance;
    std::string meeting_point;  // as GroupTrip's: optional, see check_meeting
    std::string contact_name;
    std::string contact_phone;
};

// Limits of the meeting point and contact, in code points.
inline constexpr std::size_t kMaxMeetingPoint = 60;
inline constexpr std::size_t kMaxContactName = 20;

// The meeting point, contact name and phone as they are kept: trimmed; or why not ("bad_value"
// with its path: "meeting_point", "contact_name", "contact_phone"): text that is not UTF-8 or
// holds a control character (each is one line), longer than its limit, or a phone that is
// not a phone number (contact_links.hpp's is_phone_number). Each may be empty.
Result<GroupDraft> check_meeting(GroupDraft draft);

// Opens a trip on a bookable route. Refusals: "missing_id", "duplicate_id" (a group in the
// catalogue has this id), "route_mismatch", "unknown_unit" (organizer), "invalid_size"
// (1 <= min <= max <= 500), "departure_in_past" (must be after today, China time),
// "invalid_deadline" (after now, before the departure day's China midnight),
// "invalid_unit_cap" (>= 1 when present), "route_not_bookable" (rules.hpp's booking_refused: a draft route, or validate_route not empty),
// then check_meeting's.
Result<GroupTrip> open_group(const GroupDraft& draft, const Route& route, const Catalogue& catalogue, Instant now);

// Whether `existing` already offers what `draft` would: a group of any unit on the same route,
// leaving the same day, still taking joins at `now` (joinable: open, formed or full, before its
// deadline). Opening such a second group is allowed (open_group takes it), but splits the workers
// between two groups that may then both fail to form: the app warns and names the existing one.
// A cancelled, dissolved or locked group, or the draft's own id, is no duplicate.
bool duplicates_group(const GroupTrip& existing, const GroupDraft& draft, Instant now);

// A waitlisted place's 1-based position in the queue for the next free place: the
// waitlisted places that arrived before it, plus one. Places currently `offered` are not
// ahead of it (an offer that lapses does not return to the queue). 0 for other places.
int waitlist_position(const GroupTrip& trip, const Place& place);

// Approval by the worker's own union (审批): whether their unit requires it (union_rules.hpp's
// approval_terms gives it from the unit's effective rules) and how many hours before the join
// deadline the decision is due.
inline constexpr int kDefaultDecisionHours = 48;
struct ApprovalTerms {
    bool required = false;
    int decision_hours = kDefaultDecisionHours;
};

// When the union's decision on a place taken at `joined` is due: `decision_hours` before the join
// deadline; a place taken later than that (less than `decision_hours` before the deadline) is
// due at the deadline itself. Never after the deadline, never before `joined`.
Instant decision_due(Instant joined, Instant join_deadline, int decision_hours);

// The longest reason a union may give for declining (characters, not bytes).
inline constexpr std::size_t kMaxDeclineReasonChars = 500;

struct JoinOutcome {
    GroupTrip trip;
    PlaceState state = PlaceState::confirmed;  // confirmed, pending_approval or waitlisted
    int waitlist_position = 0;                  // 1-based when waitlisted
};

// `other_trips`: the spans of every other trip the worker holds a place on (holds_place).
// `seq` must exceed every seq already in the trip. A group with no place left (or with people
// already waiting) waitlists the worker: that is an outcome, not an error.
// Every transition first applies advance_clock(trip, now). Refusals: "group_closed" (cancelled),
// "deadline_passed" (now >= join_deadline, so also locked/expired), "route_mismatch",
// "invalid_worker", "already_joined", "dates_overlap", "invalid_seq", "unit_cap_reached" (the
// unit's confirmed + offered + waiting places reach per_unit_cap; the organizer's unit too),
// "group_not_open_to_unit" (403: an own-unit group and a worker of another unit).
// `approval.required`: a free place is taken as pending_approval (decision_due set) instead of
// confirmed; a worker who has to wait is waitlisted as anyone, and needs the approval when they
// accept the place offered to them.
Result<JoinOutcome> join(const GroupTrip& trip, const Route& route, const Worker& worker,
                         const std::vector<TripSpan>& other_trips, std::int64_t seq, Instant now,
                         const ApprovalTerms& approval = {});

// Frees the worker's place (confirmed, offered, waiting or pending approval); a freed place is offered to the first
// waiting worker. Refusals: "group_closed", "deadline_passed" (after the deadline the list is
// final: withdrawing then goes through the organizer), "not_a_member_of_group".
Result<GroupTrip> withdraw(const GroupTrip& trip, const Id& worker, Instant now);

// The worker accepts the place offered to them: confirmed, or pending_approval when their union's
// approval is required. Refusals: "group_closed", "deadline_passed",
// "not_a_member_of_group", "offer_expired" (their offer lapsed), "no_offer".
Result<GroupTrip> accept_offer(const GroupTrip& trip, const Id& worker, Instant now,
                               const ApprovalTerms& approval = {});

// The worker's union approves their pending place: confirmed (the group may form by it).
// Refusals: "group_closed", "deadline_passed", "not_a_member_of_group" (no place of theirs at
// all), "not_pending" (their place is not waiting for a decision: approved, declined, lapsed…;
// the message says which). Who may decide is union_rules.hpp's approval_forbidden.
Result<GroupTrip> approve_place(const GroupTrip& trip, const Id& worker, Instant now);

// The worker's union declines their pending place, with a reason (the worker is shown it): the
// place becomes `declined` and, exactly like a withdrawal, is offered to the first waiting worker.
// Refusals: as approve_place, then "reason_required" (blank), "reason_too_long"
// (over kMaxDeclineReasonChars).
Result<GroupTrip> decline_place(const GroupTrip& trip, const Id& worker, const std::string& reason, Instant now);
// Why a decline's reason would be refused, or nothing: "reason_required" (blank),
// "reason_too_long" (over kMaxDeclineReasonChars), `path` "reason". decline_place asks it; the
// approval screen asks it at the field before anything is sent.
std::optional<DomainError> decline_reason_refused(std::string_view reason);

// The organizer cancels before departure (locked groups too); every held place is released.
// Refusals: "group_closed" (already cancelled or expired), "already_departed", "reason_required".
Result<GroupTrip> cancel(const GroupTrip& trip, const std::string& reason, Instant now);
// Why cancel() would refuse the group at `now` whatever the reason ("group_closed",
// "already_departed"), or nothing: the organizer is offered the action only when it can be taken.
std::optional<DomainError> cancel_refused(const GroupTrip& trip, Instant now);
// A cancellation reason says something: more than whitespace ("reason_required" otherwise).
bool reason_given(std::string_view reason);

// Opens an own-unit group to every unit of the alliance (an alliance-wide one stays as it is).
// Refusals: "group_closed" (cancelled or expired), "deadline_passed" (locked, or the deadline reached).
Result<GroupTrip> open_to_all(const GroupTrip& trip, Instant now);

// Applies everything the clock decides: deadline → locked or expired (places released),
// lapsed offers → offer_expired and the next waiting worker offered, overdue approvals
// (decision_due passed with no decision) → approval_lapsed and the place offered the same way;
// a place still pending at the deadline lapses there too. In the order they happened. Idempotent.
GroupTrip advance_clock(const GroupTrip& trip, Instant now);

// When advance_clock next has something to do (deadline, earliest offer expiry or decision due), if ever.
std::optional<Instant> next_deadline(const GroupTrip& trip);

}  // namespace liaoxiu
