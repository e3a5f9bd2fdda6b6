#include "core/group_trip.hpp"

#include "core/contact_links.hpp"
#include "core/dates.hpp"
#include "core/pinyin.hpp"  // decode_utf8
#include "core/rules.hpp"

#include <algorithm>
#include <limits>

namespace liaoxiu {
namespace {

// The largest group the rules accept: a few coaches, not a stadium.
constexpr int kMaxGroupSize = 500;

DomainError refusal(ErrorCode code, std::string zh, std::string en) {
    return make_error(code, std::move(zh), std::move(en));
}

// The worker's current (confirmed, waitlisted or offered) place, if any.
Place* active_place(GroupTrip& trip, const Id& worker) {
    for (Place& p : trip.places)
        if (p.worker == worker && holds_place(p.state)) return &p;
    return nullptr;
}

const Place* latest_place(const GroupTrip& trip, const Id& worker) {
    const Place* latest = nullptr;
    for (const Place& p : trip.places)
        if (p.worker == worker && (latest == nullptr || p.seq > latest->seq)) latest = &p;
    return latest;
}

void move_place(Place& place, PlaceState state, Instant at) {
    place.state = state;
    place.since = at;
    place.offer_expires.reset();
    place.decision_due.reset();
}

// The waiting place that arrived first, if any.
Place* first_waiting(GroupTrip& trip) {
    Place* first = nullptr;
    for (Place& p : trip.places)
        if (p.state == PlaceState::waitlisted && (first == nullptr || p.seq < first->seq)) first = &p;
    return first;
}

// Offers every free place to the waiting list in arrival order. An offer never outlives
// the deadline: at the deadline unanswered offers are released anyway.
void offer_free_places(GroupTrip& trip, Instant at) {
    while (count_places(trip).places_left > 0) {
        Place* next = first_waiting(trip);
        if (next == nullptr) return;
        move_place(*next, PlaceState::offered, at);
        next->offer_expires = std::min(at + kOfferWindowSeconds, trip.join_deadline);
    }
}

// When a place lapses unless someone acts: an offer unless the worker accepts it, a pending
// place unless the union decides.
std::optional<Instant> lapses_at(const Place& p) {
    if (p.state == PlaceState::offered) return p.offer_expires;
    if (p.state == PlaceState::pending_approval) return p.decision_due;
    return std::nullopt;
}

PlaceState lapsed_state(PlaceState s) {
    return s == PlaceState::offered ? PlaceState::offer_expired : PlaceState::approval_lapsed;
}

// The earliest offer or decision that lapses before the deadline and no later than `now`.
std::optional<Instant> first_lapse(const GroupTrip& trip, Instant now) {
    std::optional<Instant> first;
    for (const Place& p : trip.places) {
        const std::optional<Instant> at = lapses_at(p);
        if (at && *at <= now && *at < trip.join_deadline && (!first || *at < *first)) first = at;
    }
    return first;
}

// What the deadline decides: enough confirmed places → the list is final and nobody is
// left waiting; too few → nobody keeps a place. A place still waiting for its union's decision
// lapses (approval_lapsed: the worker is told no decision came).
void settle_at_deadline(GroupTrip& trip) {
    const bool formed = count_places(trip).confirmed >= trip.min_size;
    for (Place& p : trip.places) {
        if (p.state == PlaceState::pending_approval) {
            move_place(p, PlaceState::approval_lapsed, trip.join_deadline);
            continue;
        }
        const bool waiting = p.state == PlaceState::waitlisted || p.state == PlaceState::offered;
        if (waiting || (!formed && p.state == PlaceState::confirmed))
            move_place(p, PlaceState::released, trip.join_deadline);
    }
}

bool overlaps(const TripSpan& a, const TripSpan& b) { return a.first <= b.last && b.first <= a.last; }

DomainError deadline_passed() {
    return refusal("deadline_passed", "报名已截止", "the join deadline has passed");
}

DomainError group_cancelled(const GroupTrip& trip) {
    return refusal("group_closed",
                   "该团已取消" + (trip.cancel_reason.empty() ? std::string() : "（" + trip.cancel_reason + "）"),
                   "this group trip has been cancelled" +
                       (trip.cancel_reason.empty() ? std::string() : " (" + trip.cancel_reason + ")"));
}

// The code's wire name says "member"; the idea is a worker with no place held in the trip.
DomainError holds_no_place() {
    return refusal("not_a_member_of_group", "您不在该团中", "you hold no place in this group");
}

// The refusals every change of a trip shares, checked after the clock has been applied.
std::optional<DomainError> closed_for_changes(const GroupTrip& trip, Instant now) {
    if (trip.state == GroupState::cancelled) return group_cancelled(trip);
    if (now >= trip.join_deadline) return deadline_passed();
    return std::nullopt;
}

}  // namespace

Day last_day(Day departure, int route_days) { return departure + std::max(route_days, 1) - 1; }

TripSpan trip_span(const GroupTrip& trip, const Route& route) {
    return TripSpan{trip.id, trip.departure, last_day(trip.departure, route.days)};
}

bool holds_place(PlaceState s) {
    return s == PlaceState::confirmed || s == PlaceState::waitlisted || s == PlaceState::offered ||
           s == PlaceState::pending_approval;
}

bool joinable_state(GroupState state) {
    return state == GroupState::open || state == GroupState::formed || state == GroupState::full;
}

bool joinable(const GroupTrip& trip, Instant now) { return joinable_state(trip.state) && now < trip.join_deadline; }

bool duplicates_group(const GroupTrip& existing, const GroupDraft& draft, Instant now) {
    return existing.id != draft.id && existing.route == draft.route && existing.departure == draft.departure &&
           joinable(existing, now);
}

GroupCounts count_places(const GroupTrip& trip) {
    GroupCounts counts;
    int offered = 0;  // of `waiting`
    std::vector<std::pair<std::int32_t, std::string_view>> first_arrival;  // per unit with a confirmed place
    for (const Place& p : trip.places) {
        switch (p.state) {
            case PlaceState::confirmed: {
                ++counts.confirmed;
                auto it = std::find_if(first_arrival.begin(), first_arrival.end(),
                                       [&](const auto& u) { return u.second == p.unit; });
                if (it == first_arrival.end())
                    first_arrival.emplace_back(p.seq, p.unit);
                else
                    it->first = std::min(it->first, p.seq);
                break;
            }
            case PlaceState::waitlisted: ++counts.waiting; break;
            case PlaceState::offered: ++counts.waiting; ++offered; break;
            case PlaceState::pending_approval: ++counts.pending; break;
            default: break;
        }
    }
    counts.places_to_form = std::max(0, trip.min_size - counts.confirmed);
    counts.places_left = std::max(0, trip.max_size - counts.confirmed - offered - counts.pending);
    std::sort(first_arrival.begin(), first_arrival.end(), [&](const auto& a, const auto& b) {
        const bool a_org = a.second == trip.organizer_unit, b_org = b.second == trip.organizer_unit;
        if (a_org != b_org) return a_org;
        return a.first < b.first;
    });
    counts.units.reserve(first_arrival.size());  // exactly: a client keeps 20,000 of these
    for (const auto& unit : first_arrival) counts.units.emplace_back(unit.second);
    return counts;
}

GroupState derive_state(const GroupTrip& trip, Instant now) {
    if (trip.state == GroupState::cancelled) return GroupState::cancelled;
    const GroupCounts counts = count_places(trip);
    if (now >= trip.join_deadline) return counts.confirmed >= trip.min_size ? GroupState::locked : GroupState::expired;
    if (counts.places_left == 0) return GroupState::full;
    if (counts.confirmed >= trip.min_size) return GroupState::formed;
    return GroupState::open;
}

namespace {

// One line of text trimmed of spaces at both ends, or why not (see check_meeting).
Result<std::string> check_line(std::string_view text, std::size_t max, const char* path, const char* what_zh,
                               const char* what_en) {
    const auto bad = [&](const std::string& zh, const std::string& en) {
        return make_error("bad_value", std::string(what_zh) + zh, std::string(what_en) + en, path);
    };
    std::size_t first = 0, last = text.size();
    while (first < last && (text[first] == ' ' || text[first] == '\t')) ++first;
    while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
    text = text.substr(first, last - first);
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const DecodedCodepoint d = decode_utf8(text, pos);
        if (d.codepoint == 0xFFFD && d.length == 1) return bad("含有无效字符", " is not valid UTF-8");
        if (d.codepoint < 0x20 || (d.codepoint >= 0x7F && d.codepoint < 0xA0))
            return bad("须为一行文字，不能含控制字符", " must be one line, without control characters");
        pos += d.length;
        ++count;
    }
    if (count > max)
        return bad("不能超过" + std::to_string(max) + "个字", " is at most " + std::to_string(max) + " characters");
    return std::string(text);
}

}  // namespace

Result<GroupDraft> check_meeting(GroupDraft draft) {
    Result<std::string> point = check_line(draft.meeting_point, kMaxMeetingPoint, "meeting_point", "集合地点", "the meeting point");
    if (!point) return point.error();
    Result<std::string> name = check_line(draft.contact_name, kMaxContactName, "contact_name", "联系人", "the contact's name");
    if (!name) return name.error();
    Result<std::string> phone = check_line(draft.contact_phone, kMaxPhoneNumber, "contact_phone", "联系电话", "the contact's phone");
    if (!phone) return phone.error();
    if (!phone.value().empty() && !is_phone_number(phone.value()))
        return make_error("bad_value", "联系电话应为电话号码，如 0570-3021234 或 13805701234",
                          "the contact's phone must be a phone number, e.g. 0570-3021234 or 13805701234", "contact_phone");
    draft.meeting_point = std::move(point).value();
    draft.contact_name = std::move(name).value();
    draft.contact_phone = std::move(phone).value();
    return draft;
}

Result<GroupTrip> open_group(const GroupDraft& draft, const Route& route, const Catalogue& catalogue, Instant now) {
    if (draft.id.empty()) return refusal("missing_id", "拼团缺少编号", "the group trip has no id");
    for (const GroupTrip& g : catalogue.groups)
        if (g.id == draft.id)
            return refusal("duplicate_id", "拼团编号 \"" + draft.id + "\" 已存在", "group id \"" + draft.id + "\" exists");
    if (draft.route != route.id)
        return refusal("route_mismatch", "拼团所选线路与提供的线路不一致", "the draft names a different route");
    const bool unit_known = std::any_of(catalogue.units.begin(), catalogue.units.end(),
                                        [&](const Unit& u) { return u.id == draft.organizer_unit; });
    if (!unit_known)
        return refusal("unknown_unit", "未知的组团单位 \"" + draft.organizer_unit + "\"",
                       "unknown organizing unit \"" + draft.organizer_unit + "\"");
    if (draft.min_size < 1 || draft.max_size < draft.min_size || draft.max_size > kMaxGroupSize)
        return refusal("invalid_size",
                       "成团人数须满足 1 ≤ 最少人数 ≤ 最多人数 ≤ " + std::to_string(kMaxGroupSize),
                       "sizes must satisfy 1 <= min_size <= max_size <= " + std::to_string(kMaxGroupSize));
    if (draft.departure <= day_of(now))
        return refusal("departure_in_past", "出发日期须在今天之后", "the departure must be after today");
    if (draft.join_deadline <= now || draft.join_deadline >= china_midnight(draft.departure))
        return refusal("invalid_deadline", "报名截止时间须晚于现在、早于出发日",
                       "the join deadline must be after now and before the departure day");
    if (draft.per_unit_cap && *draft.per_unit_cap < 1)
        return refusal("invalid_unit_cap", "每单位名额上限至少为 1", "the per-unit cap must be at least 1");
    if (auto refused = booking_refused(route, MemberDirectory(catalogue))) return *refused;
    Result<GroupDraft> meeting = check_meeting(draft);
    if (!meeting) return meeting.error();

    GroupTrip trip;
    trip.id = draft.id;
    trip.route = draft.route;
    trip.organizer_unit = draft.organizer_unit;
    trip.departure = draft.departure;
    trip.min_size = draft.min_size;
    trip.max_size = draft.max_size;
    trip.join_deadline = draft.join_deadline;
    trip.per_unit_cap = draft.per_unit_cap;
    trip.visibility = draft.visibility;
    trip.meeting_point = meeting.value().meeting_point;
    trip.contact_name = meeting.value().contact_name;
    trip.contact_phone = meeting.value().contact_phone;
    trip.created = now;
    trip.state = derive_state(trip, now);
    return trip;
}

Instant decision_due(Instant joined, Instant join_deadline, int decision_hours) {
    const Instant due = join_deadline - static_cast<Instant>(std::max(decision_hours, 0)) * 3600;
    return joined < due ? due : join_deadline;
}

Result<JoinOutcome> join(const GroupTrip& current, const Route& route, const Worker& worker,
                         const std::vector<TripSpan>& other_trips, std::int64_t seq, Instant now,
                         const ApprovalTerms& approval) {
    GroupTrip trip = advance_clock(current, now);
    if (auto closed = closed_for_changes(trip, now)) return *closed;
    if (route.id != trip.route)
        return refusal("route_mismatch", "线路与该团不一致", "the route is not this group's route");
    if (worker.id.empty() || worker.unit.empty())
        return refusal("invalid_worker", "职工信息不完整（缺少编号或单位）", "the worker has no id or no unit");
    if (trip.visibility == Visibility::own_unit && worker.unit != trip.organizer_unit)
        return refusal("group_not_open_to_unit", "该团仅限本单位职工报名",
                       "this group is open only to the organizing unit's workers");
    if (active_place(trip, worker.id) != nullptr)
        return refusal("already_joined", "您已在该团中（已报名或在候补名单上）",
                       "you already hold a place in this group (or are on its waiting list)");
    const TripSpan mine = trip_span(trip, route);
    for (const TripSpan& other : other_trips) {
        if (other.group != trip.id && overlaps(mine, other))
            return refusal("dates_overlap",
                           "与您已报名的另一团（" + format_day(other.first) + " 至 " + format_day(other.last) +
                               "）日期重叠",
                           "the dates overlap another trip you hold a place on (" + format_day(other.first) +
                               " to " + format_day(other.last) + ")");
    }
    if (seq > std::numeric_limits<std::int32_t>::max())
        return refusal("invalid_seq", "报名顺序号超出范围", "seq is out of range");
    for (const Place& p : trip.places)
        if (p.seq >= seq)
            return refusal("invalid_seq", "报名顺序号必须递增", "seq must be greater than every earlier place's");
    if (trip.per_unit_cap) {
        const auto held = std::count_if(trip.places.begin(), trip.places.end(), [&](const Place& p) {
            return p.unit == worker.unit && holds_place(p.state);
        });
        if (held >= *trip.per_unit_cap)
            return refusal("unit_cap_reached",
                           "本单位在该团的名额已满（每单位最多 " + std::to_string(*trip.per_unit_cap) + " 人）",
                           "your unit has used all its places in this group (at most " +
                               std::to_string(*trip.per_unit_cap) + " per unit)");
    }

    // Someone already waiting goes first: a newcomer only gets a place nobody is queueing for.
    const GroupCounts counts = count_places(trip);
    const bool queue = counts.places_left == 0 || first_waiting(trip) != nullptr;
    Place place;
    place.worker = worker.id;
    place.unit = worker.unit;
    place.state = queue ? PlaceState::waitlisted
                        : (approval.required ? PlaceState::pending_approval : PlaceState::confirmed);
    place.seq = static_cast<std::int32_t>(seq);
    place.since = now;
    if (place.state == PlaceState::pending_approval)
        place.decision_due = decision_due(now, trip.join_deadline, approval.decision_hours);
    trip.places.push_back(place);
    trip.state = derive_state(trip, now);

    JoinOutcome outcome;
    outcome.state = place.state;
    if (queue) outcome.waitlist_position = waitlist_position(trip, trip.places.back());
    outcome.trip = std::move(trip);
    return outcome;
}

int waitlist_position(const GroupTrip& trip, const Place& place) {
    if (place.state != PlaceState::waitlisted) return 0;
    return 1 + static_cast<int>(std::count_if(trip.places.begin(), trip.places.end(), [&](const Place& p) {
               return p.state == PlaceState::waitlisted && p.seq < place.seq;
           }));
}

Result<GroupTrip> open_to_all(const GroupTrip& current, Instant now) {
    GroupTrip trip = advance_clock(current, now);
    if (auto closed = closed_for_changes(trip, now)) return *closed;
    trip.visibility = Visibility::alliance;
    return trip;
}

Result<GroupTrip> withdraw(const GroupTrip& current, const Id& worker, Instant now) {
    GroupTrip trip = advance_clock(current, now);
    if (auto closed = closed_for_changes(trip, now)) return *closed;
    Place* place = active_place(trip, worker);
    if (place == nullptr) return holds_no_place();
    move_place(*place, PlaceState::withdrawn, now);
    offer_free_places(trip, now);
    trip.state = derive_state(trip, now);
    return trip;
}

Result<GroupTrip> accept_offer(const GroupTrip& current, const Id& worker, Instant now, const ApprovalTerms& approval) {
    GroupTrip trip = advance_clock(current, now);
    if (auto closed = closed_for_changes(trip, now)) return *closed;
    const Place* latest = latest_place(trip, worker);
    if (latest == nullptr) return holds_no_place();
    if (latest->state == PlaceState::offer_expired)
        return refusal("offer_expired", "为您保留的名额已过期", "the place offered to you has lapsed");
    if (latest->state != PlaceState::offered)
        return refusal("no_offer", "目前没有为您保留的名额", "no place is being offered to you");
    Place* place = active_place(trip, worker);
    if (approval.required) {
        move_place(*place, PlaceState::pending_approval, now);
        place->decision_due = decision_due(now, trip.join_deadline, approval.decision_hours);
    } else {
        move_place(*place, PlaceState::confirmed, now);
    }
    trip.state = derive_state(trip, now);
    return trip;
}

namespace {

// The worker's place waiting for their union's decision, or the refusal saying why there is none.
Result<Place*> pending_place(GroupTrip& trip, const Id& worker) {
    const Place* latest = latest_place(trip, worker);
    if (latest == nullptr) return holds_no_place();
    if (latest->state == PlaceState::pending_approval) return active_place(trip, worker);
    switch (latest->state) {
        case PlaceState::confirmed:
            return refusal("not_pending", "该职工的名额已确认，无需审批", "this worker's place is already confirmed");
        case PlaceState::declined:
            return refusal("not_pending", "已不同意该职工的报名", "this worker's place was already declined");
        case PlaceState::approval_lapsed:
            return refusal("not_pending", "审批已超时，该名额已释放",
                           "the decision was due earlier: the place has been released");
        default:
            return refusal("not_pending", "该职工的名额不在待审批状态", "this worker's place is not waiting for approval");
    }
}

std::size_t characters(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Result<GroupTrip> approve_place(const GroupTrip& current, const Id& worker, Instant now) {
    GroupTrip trip = advance_clock(current, now);
    if (auto closed = closed_for_changes(trip, now)) return *closed;
    Result<Place*> place = pending_place(trip, worker);
    if (!place) return place.error();
    move_place(*place.value(), PlaceState::confirmed, now);
    trip.state = derive_state(trip, now);
    return trip;
}

std::optional<DomainError> decline_reason_refused(std::string_view reason) {
    std::optional<DomainError> refused;
    if (!reason_given(reason))
        refused = refusal("reason_required", "请填写不同意的原因（职工会看到）",
                          "a reason for declining is required (the worker is shown it)");
    else if (characters(reason) > kMaxDeclineReasonChars)
        refused = refusal("reason_too_long", "原因不能超过" + std::to_string(kMaxDeclineReasonChars) + "个字",
                          "the reason must be at most " + std::to_string(kMaxDeclineReasonChars) + " characters");
    if (refused) refused->path = "reason";
    return refused;
}

Result<GroupTrip> decline_place(const GroupTrip& current, const Id& worker, const std::string& reason, Instant now) {
    GroupTrip trip = advance_clock(current, now);
    if (auto closed = closed_for_changes(trip, now)) return *closed;
    Result<Place*> place = pending_place(trip, worker);
    if (!place) return place.error();
    if (auto refused = decline_reason_refused(reason)) return *refused;
    move_place(*place.value(), PlaceState::declined, now);
    offer_free_places(trip, now);
    trip.state = derive_state(trip, now);
    return trip;
}

std::optional<DomainError> cancel_refused(const GroupTrip& trip, Instant now) {
    const GroupState state = derive_state(trip, now);  // what advance_clock would leave
    if (state == GroupState::cancelled) return group_cancelled(trip);
    if (state == GroupState::expired)
        return refusal("group_closed", "该团未能成团，已自动解散", "the group did not form and has been dissolved");
    if (now >= china_midnight(trip.departure))
        return refusal("already_departed", "该团已出发，无法取消", "the trip has already departed");
    return std::nullopt;
}

bool reason_given(std::string_view reason) { return reason.find_first_not_of(" \t\r\n") != std::string_view::npos; }

Result<GroupTrip> cancel(const GroupTrip& current, const std::string& reason, Instant now) {
    GroupTrip trip = advance_clock(current, now);
    if (std::optional<DomainError> refused = cancel_refused(trip, now)) return *std::move(refused);
    if (!reason_given(reason)) return refusal("reason_required", "请填写取消原因", "a reason for cancelling is required");
    for (Place& p : trip.places)
        if (holds_place(p.state)) move_place(p, PlaceState::released, now);
    trip.state = GroupState::cancelled;
    trip.cancel_reason = reason;
    return trip;
}

GroupTrip advance_clock(const GroupTrip& current, Instant now) {
    GroupTrip trip = current;
    if (trip.state == GroupState::cancelled) return trip;
    // Replay the lapses in the order they happened: each one may offer the place to the
    // next waiting worker, whose own offer may lapse before `now` too.
    while (auto at = first_lapse(trip, now)) {
        for (Place& p : trip.places)
            if (lapses_at(p) == at) move_place(p, lapsed_state(p.state), *at);
        offer_free_places(trip, *at);
    }
    if (now >= trip.join_deadline) settle_at_deadline(trip);
    trip.state = derive_state(trip, now);
    return trip;
}

std::optional<Instant> next_deadline(const GroupTrip& trip) {
    if (trip.state == GroupState::cancelled || trip.state == GroupState::locked || trip.state == GroupState::expired)
        return std::nullopt;
    Instant next = trip.join_deadline;
    for (const Place& p : trip.places)
        if (auto at = lapses_at(p)) next = std::min(next, *at);
    return next;
}

}  // namespace liaoxiu
