#include "server/group_service.hpp"

#include "core/json.hpp"
#include "core/notification.hpp"
#include "core/permissions.hpp"
#include "core/roster.hpp"
#include "core/rules.hpp"
#include "core/wire.hpp"
#include "server/accounts.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "server/catalogue_service.hpp"
#include "server/notification_store.hpp"
#include "server/passwords.hpp"
#include "server/rules_service.hpp"

#include <algorithm>

namespace liaoxiu::server {
namespace {

DomainError group_not_found(const Id& id) {
    return make_error("not_found", "拼团不存在：" + id, "no group trip " + id);
}

// Refuses with the core's reason when it gives one (permissions.hpp).
void require(const std::optional<DomainError>& forbidden) {
    if (forbidden) fail(*forbidden);
}

std::int64_t next_seq(const GroupTrip& trip) {
    std::int64_t seq = 0;
    for (const auto& place : trip.places) seq = std::max<std::int64_t>(seq, place.seq);
    return seq + 1;
}

// The worker's place to show them: the one they hold, else the first they had.
const Place* my_place(const GroupTrip& trip, const Id& worker) {
    const Place* found = nullptr;
    for (const auto& place : trip.places) {
        if (place.worker != worker) continue;
        if (holds_place(place.state) || !found) found = &place;
    }
    return found;
}

// A trip as the audit trail records it: everything but its places.
nlohmann::json trip_head(const GroupTrip& trip) {
    nlohmann::json json = trip;
    json.erase("places");
    return json;
}

// The worker's latest place on the trip, as JSON (null: none).
nlohmann::json place_json(const GroupTrip& trip, const Id& worker) {
    const Place* found = nullptr;
    for (const auto& place : trip.places) {
        if (place.worker == worker) found = &place;
    }
    return found ? nlohmann::json(*found) : nlohmann::json();
}

const Route& require_route(WriteContext& context, const Id& id) {
    const Route* route = context.route(id);
    if (!route) throw std::runtime_error("group refers to a missing route " + id);
    return *route;
}

// The members the route's stops name, as the transaction sees them (from the writer's cache
// unless changed): all
// booking_refused needs (a directory of them), and open_group's catalogue.
Catalogue stop_members(WriteContext& context, const Route& route) {
    std::vector<Id> ids;
    for (const auto& day : route.itinerary)
        for (const auto& stop : day.stops) ids.push_back(stop.member.str());
    Catalogue directory;
    directory.members = context.members(ids);
    return directory;
}

// The core's refusal of a new place on the trip's route (a draft, or a stop's member suspended
// or gone), applied inside the transaction: joins, a union's add and accepting an offer.
void require_bookable(WriteContext& context, const Route& route) {
    const Catalogue directory = stop_members(context, route);
    if (auto refused = booking_refused(route, MemberDirectory(directory))) fail(*refused);
}

// The trip inside the writer's transaction, copied out (the context's pointer does
// not outlive the next read).
GroupTrip require_group(WriteContext& context, const Id& id) {
    const GroupTrip* trip = context.group(id);
    if (!trip) fail(group_not_found(id));
    return *trip;
}

}  // namespace

nlohmann::json group_view(const GroupTrip& trip, const Principal* viewer, bool with_places,
                          const std::map<std::int64_t, std::string>* reasons) {
    std::optional<wire::MyPlace> mine;
    if (viewer && viewer->is_worker()) {
        if (const Place* place = my_place(trip, viewer->account)) {
            mine = wire::MyPlace{*place, place->state == PlaceState::waitlisted ? waitlist_position(trip, *place) : 0, {}};
            if (reasons) {
                if (auto reason = reasons->find(place->seq); reason != reasons->end()) mine->reason = reason->second;
            }
        }
    }
    if (!with_places) return wire::encode_trip_view(trip, count_places(trip), mine ? &*mine : nullptr, false);
    // Whose ids the viewer may see: the core's sees_worker, for every answer with places.
    const std::optional<Actor> actor = viewer ? std::optional<Actor>(actor_of(*viewer)) : std::nullopt;
    const GroupTrip shown = places_seen_by(trip, actor ? &*actor : nullptr);
    return wire::encode_trip_view(shown, count_places(trip), mine ? &*mine : nullptr, true);
}

nlohmann::json GroupService::list(const store::GroupFilter& filter, const Principal* viewer) {
    auto db = backend_.readers.acquire();
    auto trips = store::list_groups(*db, filter);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& trip : trips) items.push_back(group_view(trip, viewer, false));
    return {{"groups", items}, {"limit", filter.limit}, {"offset", filter.offset}};
}

nlohmann::json GroupService::detail(const Id& id, const Principal* viewer) {
    auto db = backend_.readers.acquire();
    auto trip = store::load_group(*db, id);
    if (!trip) fail(group_not_found(id));
    if (viewer && viewer->is_worker()) {
        auto reasons = store::place_reasons(*db, id);
        return group_view(*trip, viewer, true, &reasons);
    }
    return group_view(*trip, viewer, true);
}

nlohmann::json GroupService::create(const Principal& by, const GroupDraft& draft) {
    require(open_group_forbidden(actor_of(by), draft.organizer_unit));
    GroupTrip opened;
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::group, draft.id)) {
            fail("duplicate_id", "拼团编号已存在：" + draft.id, "a group trip with id " + draft.id + " exists",
                 "id");
        }
        const Route* route = context.route(draft.route);
        if (!route) {
            fail("unknown_reference", "线路不存在：" + draft.route, "unknown route " + draft.route, "route");
        }
        // The route's stop members (booking_refused) and the organizing unit: all open_group needs.
        Catalogue directory = stop_members(context, *route);
        if (auto unit = store::load_unit(context.db, draft.organizer_unit)) directory.units.push_back(*unit);
        auto result = open_group(draft, *route, directory, context.now);
        if (!result) fail(result.error());
        opened = result.value();
        context.save_group(nullptr, opened, route->days);
        audit(context, by, "group.open", "group", opened.id, wire::audit_change(nullptr, trip_head(opened)));
    });
    return group_view(opened, &by, true);
}

nlohmann::json GroupService::cancel(const Principal& by, const Id& id, const std::string& reason) {
    const Actor actor = actor_of(by);
    require(cancel_forbidden(actor, nullptr));  // the role alone, before the trip is read
    GroupTrip cancelled;
    backend_.writer.run(
        [&](WriteContext& context) {
            GroupTrip trip = require_group(context, id);
            require(cancel_forbidden(actor, &trip));
            auto result = liaoxiu::cancel(trip, reason, context.now);
            if (!result) fail(result.error());
            cancelled = result.value();
            context.save_group(&trip, cancelled, require_route(context, trip.route).days);
            audit(context, by, "group.cancel", "group", id,
                  wire::audit_change(trip_head(trip), trip_head(cancelled)), reason);
        },
        {id});
    return group_view(cancelled, &by, true);
}

StoredResponse GroupService::join(const Principal& by, const Id& id, const std::optional<std::string>& key,
                                  const std::optional<Id>& worker) {
    const Actor actor = actor_of(by);
    const bool for_someone = worker && *worker != by.account;
    if (for_someone) {
        // The role alone, before the worker's account is read.
        require(add_worker_forbidden(actor, AccountRef{*worker, Role::worker, actor.unit}));
    } else {
        require(join_forbidden(actor));
    }
    StoredResponse response;
    const std::string request = for_someone ? "join " + id + " " + *worker : "join " + id;
    backend_.writer.run(
        [&](WriteContext& context) {
            response = StoredResponse{};
            if (key) {
                if (auto stored = store::find_answer(context.db, by.account, *key)) {
                    if (stored->request != request) {
                        fail("idempotency_key_reused", "该幂等键已用于另一个请求",
                             "this Idempotency-Key was used for a different request");
                    }
                    response = StoredResponse{stored->status, stored->body, true};
                    return;
                }
            }
            auto answer = [&](int status, const nlohmann::json& body) {
                response.status = status;
                response.body = wire::dump(body);
                if (key) store::save_answer(context.db, by.account, *key, {request, status, response.body}, context.now);
            };
            // Whose place it is: the caller's own, or the worker a union adds.
            Worker joining{by.account, by.unit};
            if (for_someone) {
                auto account = store::find_account(context.db, *worker);
                if (!account) {
                    fail("unknown_reference", "职工账号不存在：" + *worker, "no worker account " + *worker, "worker");
                }
                auto role = parse_role(account->role).value_or(Role::worker);
                require(add_worker_forbidden(actor, AccountRef{account->id, role, account->unit}));
                joining = Worker{account->id, account->unit};
            }
            const GroupTrip* trip = context.group(id);
            if (!trip) return answer(404, error_json(group_not_found(id)));
            const Route& route = require_route(context, trip->route);
            // Under the worker's locks for these days (taken with the batch's locks) on
            // PostgreSQL: no other process adds an overlapping place for this worker until
            // this transaction ends.
            // Only trips that overlap this one's days can refuse the join: fetch just those.
            const TripSpan span = trip_span(*trip, route);
            context.lock_worker_days(joining.id, span.first, span.last);
            auto spans = store::worker_spans(context.db, joining.id, id, span.first, span.last);
            std::int64_t seq = next_seq(*trip);
            // The worker's unit's rules (rules_service.hpp): whether its union approves the place
            // (审批: the place is then held as pending_approval), and the allowance below.
            const WorkerRules rules = worker_rules(context.db, joining.unit, route.alliance);
            // join() applies advance_clock itself.
            auto result = liaoxiu::join(*trip, route, joining, spans, seq, context.now, approval_terms(rules.effective));
            if (!result) return answer(status_for(result.error()), error_json(result.error()));
            // The worker's yearly allowance (union_rules.hpp), under their allowance lock: a second
            // join of theirs, here or on another process, checks after this one commits. Places held
            // while waiting (or for approval) count, so accepting an offer later needs no check.
            if (auto refused = join_allowance_refused(context, joining, *trip, route, rules))
                return answer(status_for(*refused), error_json(*refused));
            // A join the trip would take is still refused while the route cannot be booked (a stop's
            // member suspended or gone): its stop members are read only now, for a join that would
            // otherwise succeed. The refusal is not stored under the key: a retry after the member is
            // reinstated may succeed.
            require_bookable(context, route);
            const JoinOutcome& outcome = result.value();
            context.save_group(trip, outcome.trip, route.days);
            if (for_someone) {
                audit(context, by, "place.add", "group", id,
                      wire::audit_change(nlohmann::json::object(),
                                         {{"place", place_json(outcome.trip, joining.id)}}));
            }
            answer(200, wire::encode_join_answer({id, joining.id, outcome.state, seq, outcome.waitlist_position,
                                                  count_places(outcome.trip), outcome.trip.places.back().decision_due}));
        },
        {id}, {WorkerLock{for_someone ? *worker : by.account, id}});
    return response;
}

nlohmann::json GroupService::withdraw(const Principal& by, const Id& id, const std::optional<Id>& worker,
                                      const std::string& reason) {
    Id whom = worker.value_or(by.account);
    const Actor actor = actor_of(by);
    require(withdraw_forbidden(actor, whom, nullptr));  // the role alone, before the trip is read
    require(withdraw_reason_missing(actor, whom, reason));
    GroupTrip changed;
    backend_.writer.run(
        [&](WriteContext& context) {
            GroupTrip trip = require_group(context, id);
            require(withdraw_forbidden(actor, whom, &trip));
            auto result = liaoxiu::withdraw(trip, whom, context.now);
            if (!result) fail(result.error());
            changed = result.value();
            context.save_group(&trip, changed, require_route(context, trip.route).days);
            // A worker freeing their own place is theirs to do; someone else's is recorded, with
            // the reason beside the place (the worker is shown it), in this transaction.
            if (whom == by.account) return;
            audit(context, by, "place.withdraw", "group", id,
                  wire::audit_change({{"place", place_json(trip, whom)}}, {{"place", place_json(changed, whom)}}), reason);
            for (const auto& before : trip.places) {
                if (before.worker != whom || !holds_place(before.state)) continue;
                for (const auto& after : changed.places) {
                    if (after.seq == before.seq && after.state == PlaceState::withdrawn)
                        store::set_place_reason(context.db, id, after.seq, reason);
                }
            }
        },
        {id});
    return group_view(changed, &by, true);
}

nlohmann::json GroupService::roster(const Principal& by, const Id& id) {
    const Actor actor = actor_of(by);
    require(roster_forbidden(actor, nullptr));  // the role alone, before the trip is read
    auto db = backend_.readers.acquire();
    auto trip = store::load_group(*db, id);
    if (!trip) fail(group_not_found(id));
    require(roster_forbidden(actor, &*trip));
    std::map<Id, RosterPerson> people;
    for (const auto& account : store::group_accounts(*db, id))
        people.emplace(account.id, RosterPerson{account.name, account.member_number});
    std::vector<Unit> units;
    for (const auto& place : trip->places) {
        const bool known = std::any_of(units.begin(), units.end(), [&](const Unit& u) { return u.id == place.unit; });
        if (known) continue;
        if (auto unit = store::load_unit(*db, place.unit.str())) units.push_back(*unit);
    }
    nlohmann::json answer = wire::encode_roster(make_roster(*trip, actor, people, units, store::place_reasons(*db, id)));
    // The secretariat reading names of workers who are not theirs: a personal-data read, recorded.
    if (actor.role == Role::secretariat) audit_read(backend_, by, "group", id, "roster");
    return answer;
}

nlohmann::json GroupService::accept_offer(const Principal& by, const Id& id) {
    require(accept_offer_forbidden(actor_of(by)));
    GroupTrip changed;
    backend_.writer.run(
        [&](WriteContext& context) {
            GroupTrip trip = require_group(context, id);
            // A worker whose union approves their places (审批) takes the offered place as pending.
            const Id alliance = require_route(context, trip.route).alliance;
            const WorkerRules rules = worker_rules(context.db, by.unit, alliance);
            auto result = liaoxiu::accept_offer(trip, by.account, context.now, approval_terms(rules.effective));
            if (!result) fail(result.error());
            // Taking the offered place is a new place on the route: refused like a join while the
            // route cannot be booked (the offer stays until it lapses; reinstated in time, it can be taken).
            const Route& route = require_route(context, trip.route);
            require_bookable(context, route);
            changed = result.value();
            context.save_group(&trip, changed, route.days);
        },
        {id});
    return group_view(changed, &by, true);
}

nlohmann::json GroupService::my_trips(const Principal& by) {
    if (!by.is_worker()) fail("forbidden", "只有职工有自己的行程", "only workers have trips of their own");
    auto db = backend_.readers.acquire();
    std::vector<nlohmann::json> views;
    for (const auto& trip : store::worker_groups(*db, by.account)) {
        auto reasons = store::place_reasons(*db, trip.id);
        views.push_back(group_view(trip, &by, false, &reasons));
    }
    return wire::encode_my_trips(views);
}

std::size_t GroupService::advance_due(Instant now) {
    std::vector<Id> due;
    {
        auto db = backend_.readers.acquire();
        due = store::due_groups(*db, now);
    }
    if (due.empty()) return 0;
    std::size_t changed = 0;
    backend_.writer.run(
        [&](WriteContext& context) {
            changed = 0;
            for (const auto& id : due) {
                const GroupTrip* stored = context.group(id);
                if (!stored) continue;
                GroupTrip trip = *stored;
                GroupTrip advanced = advance_clock(trip, context.now);
                if (!(advanced == trip)) {
                    context.save_group(&trip, advanced, require_route(context, trip.route).days);
                    ++changed;
                }
                // The reminders due now, each kept once however often a process comes to them.
                context.record_notifications(reminders_due(advanced, context.now));
                // Then the next wake after now: nothing dealt with here may wake us again (a
                // deadline the rules report but no longer act on, a reminder told).
                std::optional<Instant> next = store::next_wake(advanced, context.now);
                if (next && *next <= context.now) next = next_reminder(advanced, context.now);
                store::set_next_wake(context.db, id, next);
            }
        },
        due);
    return changed;
}

}  // namespace liaoxiu::server
