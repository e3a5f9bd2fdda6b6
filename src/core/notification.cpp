#include "notification.hpp"

#include "dates.hpp"
#include "group_trip.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace liaoxiu {

namespace {

constexpr std::array<std::pair<NotificationKind, std::string_view>, 12> kNames{{
    {NotificationKind::offer_made, "offer_made"},
    {NotificationKind::offer_lapsed, "offer_lapsed"},
    {NotificationKind::group_formed, "group_formed"},
    {NotificationKind::group_full, "group_full"},
    {NotificationKind::group_locked, "group_locked"},
    {NotificationKind::group_expired, "group_expired"},
    {NotificationKind::group_cancelled, "group_cancelled"},
    {NotificationKind::approval_granted, "approval_granted"},
    {NotificationKind::approval_declined, "approval_declined"},
    {NotificationKind::approval_lapsed, "approval_lapsed"},
    {NotificationKind::offer_ending, "offer_ending"},
    {NotificationKind::deadline_near, "deadline_near"},
}};

// When each reminder of `trip` is due: (time, the reminder). Only those whose time comes after
// what they remind of began (the offer made, the group opened) and before it ends.
template <class Visit>
void each_reminder(const GroupTrip& trip, Visit visit) {
    if (trip.state == GroupState::open && trip.join_deadline - kDeadlineNearNotice > trip.created) {
        Notification n;
        n.audience = Audience::unit_union;
        n.recipient = trip.organizer_unit;
        n.kind = NotificationKind::deadline_near;
        n.group = trip.id;
        n.until = trip.join_deadline;
        visit(trip.join_deadline - kDeadlineNearNotice, trip.join_deadline, std::move(n));
    }
    for (const Place& place : trip.places) {
        if (place.state != PlaceState::offered || !place.offer_expires) continue;
        const Instant at = *place.offer_expires - kOfferEndingNotice;
        if (at <= place.since) continue;
        Notification n;
        n.audience = Audience::worker;
        n.recipient = Id(place.worker.view());
        n.kind = NotificationKind::offer_ending;
        n.group = trip.id;
        n.seq = place.seq;
        n.until = place.offer_expires;
        visit(at, *place.offer_expires, std::move(n));
    }
}

// The places of `before` by seq. They are kept in seq order, so a place is found by binary
// search (this runs in every join's transaction: a linear search per place made saving a big
// group quadratic); a trip read from elsewhere, out of order, is still searched right, linearly.
class PlacesBySeq {
public:
    explicit PlacesBySeq(const GroupTrip& trip)
        : places_(trip.places), sorted_(std::is_sorted(places_.begin(), places_.end(), by_seq)) {}

    const Place* find(std::int32_t seq) const {
        if (sorted_) {
            auto it = std::lower_bound(places_.begin(), places_.end(), seq,
                                       [](const Place& place, std::int32_t s) { return place.seq < s; });
            return it != places_.end() && it->seq == seq ? &*it : nullptr;
        }
        for (const Place& place : places_)
            if (place.seq == seq) return &place;
        return nullptr;
    }

private:
    static bool by_seq(const Place& a, const Place& b) { return a.seq < b.seq; }
    const std::vector<Place>& places_;
    bool sorted_;
};

class Collector {
public:
    Collector(const GroupTrip& trip, Instant now) : trip_(trip), now_(now) {}

    void worker(const Place& place, NotificationKind kind, std::int32_t seq = 0) {
        add(Audience::worker, Id(place.worker.view()), kind, seq);
    }
    void organizer(NotificationKind kind) { add(Audience::unit_union, trip_.organizer_unit, kind, 0); }
    Notification& last() { return out_.back(); }
    std::vector<Notification> take() { return std::move(out_); }

private:
    void add(Audience audience, Id recipient, NotificationKind kind, std::int32_t seq) {
        Notification n;
        n.audience = audience;
        n.recipient = std::move(recipient);
        n.kind = kind;
        n.group = trip_.id;
        n.seq = seq;
        n.at = now_;
        out_.push_back(std::move(n));
    }

    const GroupTrip& trip_;
    Instant now_;
    std::vector<Notification> out_;
};

// What the group's change of state tells: its workers (those holding a place before the change,
// or a confirmed place after it) and its organizing union.
void group_news(const GroupTrip& before, const GroupTrip& after, Collector& out) {
    if (before.state == after.state) return;
    const bool went = after.state == GroupState::formed || after.state == GroupState::full;
    const bool was_going = before.state == GroupState::formed || before.state == GroupState::full;
    if (went && !was_going) {
        out.organizer(NotificationKind::group_formed);
        for (const Place& place : after.places)
            if (place.state == PlaceState::confirmed) out.worker(place, NotificationKind::group_formed);
    }
    if (after.state == GroupState::full) out.organizer(NotificationKind::group_full);
    if (after.state == GroupState::locked)
        for (const Place& place : after.places)
            if (place.state == PlaceState::confirmed) out.worker(place, NotificationKind::group_locked);
    if (after.state == GroupState::expired || after.state == GroupState::cancelled) {
        const NotificationKind kind =
            after.state == GroupState::expired ? NotificationKind::group_expired : NotificationKind::group_cancelled;
        // The organizer cancelled it themself; a failed group is news to them.
        if (kind == NotificationKind::group_expired) out.organizer(kind);
        for (const Place& place : before.places)
            if (holds_place(place.state)) {
                out.worker(place, kind);
                if (kind == NotificationKind::group_cancelled) out.last().reason = after.cancel_reason;
            }
    }
}

// What a place's change of state tells its worker.
std::optional<NotificationKind> place_news(PlaceState before, PlaceState after) {
    if (before == after) return std::nullopt;
    if (after == PlaceState::offered) return NotificationKind::offer_made;
    if (before == PlaceState::offered && after == PlaceState::offer_expired) return NotificationKind::offer_lapsed;
    if (before == PlaceState::pending_approval) {
        switch (after) {
            case PlaceState::confirmed: return NotificationKind::approval_granted;
            case PlaceState::declined: return NotificationKind::approval_declined;
            case PlaceState::approval_lapsed: return NotificationKind::approval_lapsed;
            default: break;  // withdrawn by the worker, or the group's end (told by group_news)
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view notification_kind_name(NotificationKind kind) {
    for (const auto& [k, name] : kNames)
        if (k == kind) return name;
    return "offer_made";
}

std::optional<NotificationKind> parse_notification_kind(std::string_view name) {
    for (const auto& [kind, n] : kNames)
        if (n == name) return kind;
    return std::nullopt;
}

std::vector<Notification> notifications_for(const GroupTrip* before, const GroupTrip& after, Instant now) {
    if (!before) return {};
    Collector out(after, now);
    group_news(*before, after, out);
    // A place offered the moment a group is cancelled or fails is not news: the group's end is.
    const bool ended = after.state == GroupState::cancelled || after.state == GroupState::expired;
    if (!ended) {
        const PlacesBySeq before_places(*before);
        for (const Place& place : after.places) {
            const Place* old = before_places.find(place.seq);
            if (!old) continue;  // a new place: the worker who took it knows
            if (auto kind = place_news(old->state, place.state)) {
                out.worker(place, *kind, place.seq);
                if (*kind == NotificationKind::offer_made) out.last().until = place.offer_expires;
            }
        }
    }
    return out.take();
}

std::vector<Notification> reminders_due(const GroupTrip& trip, Instant now) {
    std::vector<Notification> due;
    each_reminder(trip, [&](Instant at, Instant ends, Notification n) {
        if (at > now || now >= ends) return;
        n.at = at;  // when it became due, whenever the scheduler came to it
        due.push_back(std::move(n));
    });
    return due;
}

std::optional<Instant> next_reminder(const GroupTrip& trip, Instant now) {
    std::optional<Instant> next;
    each_reminder(trip, [&](Instant at, Instant, const Notification&) {
        if (at > now && (!next || at < *next)) next = at;
    });
    return next;
}

NotificationText notification_text(NotificationKind kind, std::string_view route_title, Day departure,
                                   std::string_view reason, std::optional<Instant> until) {
    const std::string day = format_day(departure);
    const std::string trip_zh = std::string(route_title) + "（" + day + "出发）：";
    const std::string trip_en = std::string(route_title) + " (leaving " + day + "): ";
    const std::string why = std::string(reason);
    // Beijing time, to the minute, for the offer's end or the deadline (what the reader acts on).
    const std::string by_local = until ? format_china_time(*until) : std::string();
    switch (kind) {
        case NotificationKind::offer_made:
            return {trip_zh + "候补到名额了，请在" + by_local + "前确认",
                    trip_en + "a place is offered to you; accept it by " + by_local + " (Beijing time)"};
        case NotificationKind::offer_lapsed:
            return {trip_zh + "名额未在时限内确认，已让给下一位", trip_en + "the offered place was not accepted in time"};
        case NotificationKind::group_formed: return {trip_zh + "已成团", trip_en + "the group has formed"};
        case NotificationKind::group_full: return {trip_zh + "名额已满", trip_en + "every place is taken"};
        case NotificationKind::group_locked: return {trip_zh + "名单已锁定，行程确定", trip_en + "the roster is final"};
        case NotificationKind::group_expired:
            return {trip_zh + "报名截止时人数不足，未能成团", trip_en + "too few joined by the deadline: the trip does not go"};
        case NotificationKind::group_cancelled:
            return {trip_zh + "拼团已取消" + (why.empty() ? "" : "，原因：" + why),
                    trip_en + "the group trip was cancelled" + (why.empty() ? "" : ": " + why)};
        case NotificationKind::approval_granted:
            return {trip_zh + "本单位工会已同意，名额已确认", trip_en + "your union approved: your place is confirmed"};
        case NotificationKind::approval_declined:
            return {trip_zh + "本单位工会未同意" + (why.empty() ? "" : "，原因：" + why),
                    trip_en + "your union declined your place" + (why.empty() ? "" : ": " + why)};
        case NotificationKind::approval_lapsed:
            return {trip_zh + "工会未在时限内审批，名额已释放", trip_en + "your union did not decide in time: the place was released"};
        case NotificationKind::offer_ending:
            return {trip_zh + "为您保留的名额将于" + by_local + "过期，请尽快确认",
                    trip_en + "the place held for you lapses at " + by_local + " (Beijing time): accept it soon"};
        case NotificationKind::deadline_near:
            return {trip_zh + "报名将于" + by_local + "截止，人数还未达到成团要求",
                    trip_en + "joining closes at " + by_local + " (Beijing time) and the group has not formed yet"};
    }
    return {trip_zh, trip_en};
}

}  // namespace liaoxiu
