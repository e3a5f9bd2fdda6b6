// Notifications (消息): what a group trip's change tells the people it concerns — a waiting
// worker offered a place, a worker whose offer lapsed, the workers of a group that formed,
// failed, was cancelled or locked, a worker whose union decided on their place, and the
// organizing union when its group forms, fills or fails. Pure: the endpoint derives them from
// the trip before and after each change, in the transaction that writes the change, and keeps
// each once (its key, below); the app reads them in 我的 → 消息.
#pragma once

#include "model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// Wire names are the enumerators' names (notification_kind_name).
enum class NotificationKind : std::uint8_t {
    offer_made,         // a freed place is offered to the first waiting worker: accept it before it lapses
    offer_lapsed,       // the worker did not accept in time; the place went to the next
    group_formed,       // enough confirmed places: the trip goes (its confirmed workers; the organizing union)
    group_full,         // every place taken (the organizing union)
    group_locked,       // the roster is final (its confirmed workers)
    group_expired,      // the join deadline passed without forming: 成团失败 (everyone who held a place; the union)
    group_cancelled,    // cancelled, with the reason (everyone who held a place)
    approval_granted,   // the worker's own union approved their place (审批)
    approval_declined,  // … declined it, with the reason
    approval_lapsed,    // … did not decide in time: the place was released
    // Reminders, told by the endpoint's scheduler when their time comes (reminders_due):
    offer_ending,       // an offered place lapses within kOfferEndingNotice: accept it now
    deadline_near,      // the join deadline is within kDeadlineNearNotice and the group has not formed (its union)
};
std::string_view notification_kind_name(NotificationKind kind);
std::optional<NotificationKind> parse_notification_kind(std::string_view name);

// Who reads a notification: a worker (their account id) or a unit's union (every organizer
// account of the unit reads, and marks read, the same one).
enum class Audience : std::uint8_t { worker, unit_union };

struct Notification {
    Audience audience = Audience::worker;
    Id recipient;             // the worker's account id, or the unit's id
    NotificationKind kind = NotificationKind::offer_made;
    Id group;
    std::int32_t seq = 0;     // the place it is about (its seq in the group); 0 when about the group
    Instant at = 0;           // when it happened
    std::optional<Instant> until;  // offer_made: the offer lapses then
    std::string reason;       // group_cancelled: the organizer's reason (approval_declined's is the place's)

    bool operator==(const Notification&) const = default;
};

// What changing `before` into `after` at `now` tells, in a stable order (the group's own news
// first, then by place). Nothing for a new trip (`before` null: nothing has happened to anyone
// yet) or a trip whose changes concern nobody. Each notification's key — (audience, recipient,
// kind, group, seq) — names a fact that happens at most once (a place is offered once per
// waiting turn: its seq is new each time it is offered again, see group_trip.hpp; a group forms
// once), so the store keeps the first and ignores a repeat (a retried transaction).
std::vector<Notification> notifications_for(const GroupTrip* before, const GroupTrip& after, Instant now);

// Reminders: how long before an offer lapses its worker is reminded, and before the join deadline
// the organizing union of a group that has not formed. A reminder whose time came before its
// offer was made (or its group was opened) is not told: the offer or the group is news enough.
inline constexpr Instant kOfferEndingNotice = 2 * 3600;
inline constexpr Instant kDeadlineNearNotice = 24 * 3600;

// The reminders `trip` has due at `now` (each at most once: its key is a notification's, the
// offer's seq names the offer, so the store keeps the first and ignores the rest).
std::vector<Notification> reminders_due(const GroupTrip& trip, Instant now);
// When `trip` next has a reminder due, after `now`, if ever (the scheduler wakes then).
std::optional<Instant> next_reminder(const GroupTrip& trip, Instant now);

// The words shown in 我的 → 消息 (and sent onwards), e.g.
// "红色教育+生态康养·南孔衢州三日（2027-04-10出发）：已成团". `reason` is the group's or the
// place's when the kind has one.
struct NotificationText {
    std::string zh;
    std::string en;
};
NotificationText notification_text(NotificationKind kind, std::string_view route_title, Day departure,
                                   std::string_view reason, std::optional<Instant> until);

}  // namespace liaoxiu
