// The intents that change something on the endpoint, checked with the core's rules before
// they are queued: a refusal is told at once and nothing is sent (the endpoint applies the
// same rules again, with the places this client cannot see).
#include "sync/sync_engine.hpp"

#include "core/group_trip.hpp"
#include "core/permissions.hpp"
#include "core/union_rules.hpp"

#include <algorithm>

namespace liaoxiu::sync {
namespace {

// The signed-in person as the core's permission rules see them.
Actor actor_of(const Session& me) { return Actor{me.role, me.id, me.unit}; }

// A copy of `trip` that shows the signed-in worker's own place (places arrive without
// workers' ids), so the core's rules can judge a withdrawal or an acceptance.
GroupTrip with_my_place(const GroupTrip& trip, const Session& me, const MyTrip* mine, bool trips_known,
                        PlaceState assumed, Instant now) {
    GroupTrip copy = trip;
    if (mine || !trips_known) {
        Place place;
        place.worker = me.id;
        place.unit = me.unit;
        place.state = mine ? mine->state : assumed;
        place.offer_expires = mine ? mine->offer_expires : std::nullopt;
        if (place.state == PlaceState::offered && !place.offer_expires) place.offer_expires = now + kOfferWindowSeconds;
        std::int64_t seq = 0;
        for (const auto& other : copy.places) seq = std::max<std::int64_t>(seq, other.seq);
        place.seq = seq + 1;
        place.since = now;
        copy.places.push_back(place);
    }
    return copy;
}

}  // namespace

// ---- intents: checks before anything is sent ----------------------------------------

const GroupTrip* SyncEngine::find_group(const Id& id) const {
    for (const auto& trip : ctx_.state.catalogue.groups) {
        if (trip.id == id) return &trip;
    }
    return nullptr;
}

const Route* SyncEngine::find_route(const Id& id) const {
    for (const auto& route : ctx_.state.catalogue.routes) {
        if (route.id == id) return &route;
    }
    return nullptr;
}

const MyTrip* SyncEngine::find_my_trip(const Id& group) const {
    for (const auto& trip : ctx_.state.my_trips) {
        if (trip.group == group) return &trip;
    }
    return nullptr;
}

void SyncEngine::unknown_group() {
    ctx_.notifier.notify(Notice::Kind::error, "找不到该拼团，请刷新后再试",
                         "This group trip is unknown: refresh and try again");
}

void SyncEngine::join(const Id& group) {
    if (!ctx_.require_role(Role::worker, "报名", "only workers join group trips")) return;
    const GroupTrip* trip = find_group(group);
    const Route* route = trip ? find_route(trip->route) : nullptr;
    if (!trip || !route) {
        unknown_group();
        return;
    }
    if (outbox_.pending(PendingAction::Kind::join, group)) {
        ctx_.notifier.notify(Notice::Kind::info, "该报名已在提交中", "This join is already on its way");
        return;
    }
    if (const MyTrip* mine = find_my_trip(group); mine && holds_place(mine->state)) {
        ctx_.refused_locally({"already_joined", "您已在该团中（已报名或在候补名单上）",
                         "you already hold a place in this group (or are on its waiting list)", ""},
                        PendingAction::Kind::join);
        return;
    }
    // The other trips this worker holds a place on, for the overlap rule.
    std::vector<TripSpan> spans;
    for (const auto& mine : ctx_.state.my_trips) {
        if (mine.group == group || !holds_place(mine.state)) continue;
        const GroupTrip* other = find_group(mine.group);
        const Route* other_route = other ? find_route(other->route) : nullptr;
        if (!other || !other_route) continue;
        spans.push_back(trip_span(*other, *other_route));
    }
    std::int64_t seq = 1;
    for (const auto& place : trip->places) seq = std::max<std::int64_t>(seq, place.seq + 1);
    const Session& me = *ctx_.state.session;
    auto checked = liaoxiu::join(*trip, *route, Worker{me.id, me.unit}, spans, seq, ctx_.now);
    if (!checked) {
        ctx_.refused_locally(checked.error(), PendingAction::Kind::join);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::join;
    action.group = group;
    outbox_.enqueue(std::move(action));
}

void SyncEngine::withdraw(const Id& group) {
    if (!ctx_.require_role(Role::worker, "退出拼团", "only workers withdraw their own place")) return;
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        unknown_group();
        return;
    }
    if (outbox_.pending(PendingAction::Kind::withdraw, group)) {
        ctx_.notifier.notify(Notice::Kind::info, "该退出申请已在提交中", "This withdrawal is already on its way");
        return;
    }
    // A join still in the outbox is withdrawn after it lands: the order is kept.
    const bool join_pending = outbox_.pending(PendingAction::Kind::join, group);
    const MyTrip* mine = join_pending ? nullptr : find_my_trip(group);
    GroupTrip copy = with_my_place(*trip, *ctx_.state.session, mine, ctx_.state.my_trips_loaded && !join_pending,
                                   PlaceState::confirmed, ctx_.now);
    auto checked = liaoxiu::withdraw(copy, ctx_.state.session->id, ctx_.now);
    if (!checked) {
        ctx_.refused_locally(checked.error(), PendingAction::Kind::withdraw);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::withdraw;
    action.group = group;
    outbox_.enqueue(std::move(action));
}

void SyncEngine::accept_offer(const Id& group) {
    if (!ctx_.require_role(Role::worker, "接受名额", "only workers accept an offered place")) return;
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        unknown_group();
        return;
    }
    if (outbox_.pending(PendingAction::Kind::accept_offer, group)) {
        ctx_.notifier.notify(Notice::Kind::info, "已在提交中", "Already on its way");
        return;
    }
    const MyTrip* mine = find_my_trip(group);
    GroupTrip copy = with_my_place(*trip, *ctx_.state.session, mine, ctx_.state.my_trips_loaded, PlaceState::offered, ctx_.now);
    auto checked = liaoxiu::accept_offer(copy, ctx_.state.session->id, ctx_.now);
    if (!checked) {
        ctx_.refused_locally(checked.error(), PendingAction::Kind::accept_offer);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::accept_offer;
    action.group = group;
    outbox_.enqueue(std::move(action));
}

Id SyncEngine::open_group(const GroupDraft& requested) {
    if (!ctx_.require_role(Role::organizer, "发起拼团", "only a unit's union opens group trips")) return {};
    GroupDraft draft = requested;
    // The id is made here, once: a retry of a request whose answer was lost then finds
    // its own trip ("duplicate_id") instead of opening a second one.
    if (draft.id.empty()) draft.id = "g-" + ctx_.random.hex(12);
    if (draft.organizer_unit.empty()) draft.organizer_unit = ctx_.state.session->unit;
    if (auto forbidden = open_group_forbidden(actor_of(*ctx_.state.session), draft.organizer_unit)) {
        ctx_.refused_locally(*forbidden, PendingAction::Kind::open_group);
        return {};
    }
    const Route* route = find_route(draft.route);
    if (!route) {
        ctx_.refused_locally({"unknown_reference", "线路不存在：" + draft.route, "unknown route " + draft.route, "route"},
                        PendingAction::Kind::open_group);
        return {};
    }
    auto checked = liaoxiu::open_group(draft, *route, ctx_.state.catalogue, ctx_.now);
    if (!checked) {
        ctx_.refused_locally(checked.error(), PendingAction::Kind::open_group);
        return {};
    }
    PendingAction action;
    action.kind = PendingAction::Kind::open_group;
    action.group = draft.id;
    action.draft = draft;
    outbox_.enqueue(std::move(action));
    return draft.id;
}

void SyncEngine::cancel_group(const Id& group, const std::string& reason) {
    if (!ctx_.state.session) {
        ctx_.require_role(Role::organizer, "取消拼团", "only the organizing union cancels a group trip");  // "sign in first"
        return;
    }
    const Actor me = actor_of(*ctx_.state.session);
    if (auto forbidden = cancel_forbidden(me, nullptr)) {
        ctx_.refused_locally(*forbidden, PendingAction::Kind::cancel_group);
        return;
    }
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        unknown_group();
        return;
    }
    if (auto forbidden = cancel_forbidden(me, trip)) {
        ctx_.refused_locally(*forbidden, PendingAction::Kind::cancel_group);
        return;
    }
    if (outbox_.pending(PendingAction::Kind::cancel_group, group)) {
        ctx_.notifier.notify(Notice::Kind::info, "取消申请已在提交中", "The cancellation is already on its way");
        return;
    }
    auto checked = liaoxiu::cancel(*trip, reason, ctx_.now);
    if (!checked) {
        ctx_.refused_locally(checked.error(), PendingAction::Kind::cancel_group);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::cancel_group;
    action.group = group;
    action.reason = reason;
    outbox_.enqueue(std::move(action));
}

void SyncEngine::open_to_all(const Id& group) {
    if (!ctx_.state.session) {
        ctx_.require_role(Role::organizer, "开放拼团", "only the organizing union opens its group to all units");  // "sign in first"
        return;
    }
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        unknown_group();
        return;
    }
    if (auto forbidden = open_to_all_forbidden(actor_of(*ctx_.state.session), *trip)) {
        ctx_.refused_locally(*forbidden, PendingAction::Kind::open_to_all);
        return;
    }
    if (trip->visibility == Visibility::alliance || outbox_.pending(PendingAction::Kind::open_to_all, group)) return;
    auto checked = liaoxiu::open_to_all(*trip, ctx_.now);
    if (!checked) {
        ctx_.refused_locally(checked.error(), PendingAction::Kind::open_to_all);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::open_to_all;
    action.group = group;
    outbox_.enqueue(std::move(action));
}

// ---- the unit union's desk (organizers) ----------------------------------------------

bool SyncEngine::roster_action_pending(PendingAction::Kind kind, const Id& group, const Id& worker) const {
    for (const auto& action : ctx_.state.outbox)
        if (action.kind == kind && action.group == group && action.worker == worker) return true;
    return false;
}

void SyncEngine::add_worker(const Id& group, const Id& worker) {
    if (!ctx_.state.session) {
        ctx_.require_role(Role::organizer, "为职工报名", "only a unit's union adds its workers");  // "sign in first"
        return;
    }
    const Session& me = *ctx_.state.session;
    // The role alone: whose account `worker` is, the endpoint reads (the picker offers the unit's own).
    if (auto forbidden = add_worker_forbidden(actor_of(me), AccountRef{worker, Role::worker, me.unit})) {
        ctx_.refused_locally(*forbidden, PendingAction::Kind::add_worker);
        return;
    }
    const GroupTrip* trip = find_group(group);
    const Route* route = trip ? find_route(trip->route) : nullptr;
    if (!trip || !route) {
        unknown_group();
        return;
    }
    if (roster_action_pending(PendingAction::Kind::add_worker, group, worker)) {
        ctx_.notifier.notify(Notice::Kind::info, "该报名已在提交中", "This join is already on its way");
        return;
    }
    // The trip's own rules (closed, deadline, unit cap); the worker's other trips are the endpoint's to see.
    std::int64_t seq = 1;
    for (const auto& place : trip->places) seq = std::max<std::int64_t>(seq, place.seq + 1);
    auto checked = liaoxiu::join(*trip, *route, Worker{worker, me.unit}, {}, seq, ctx_.now);
    if (!checked) {
        ctx_.refused_locally(checked.error(), PendingAction::Kind::add_worker);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::add_worker;
    action.group = group;
    action.worker = worker;
    outbox_.enqueue(std::move(action));
}

void SyncEngine::withdraw_worker(const Id& group, const Id& worker, const std::string& reason) {
    if (!ctx_.state.session) {
        ctx_.require_role(Role::organizer, "为职工退出拼团", "only a union withdraws its workers");  // "sign in first"
        return;
    }
    const Actor me = actor_of(*ctx_.state.session);
    if (auto forbidden = withdraw_forbidden(me, worker, nullptr)) {
        ctx_.refused_locally(*forbidden, PendingAction::Kind::withdraw_worker);
        return;
    }
    if (auto missing = withdraw_reason_missing(me, worker, reason)) {
        ctx_.refused_locally(*missing, PendingAction::Kind::withdraw_worker);
        return;
    }
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        unknown_group();
        return;
    }
    if (roster_action_pending(PendingAction::Kind::withdraw_worker, group, worker)) {
        ctx_.notifier.notify(Notice::Kind::info, "该退出申请已在提交中", "This withdrawal is already on its way");
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::withdraw_worker;
    action.group = group;
    action.worker = worker;
    action.reason = reason;
    outbox_.enqueue(std::move(action));
}

}  // namespace liaoxiu::sync
