#include "server/approval_service.hpp"

#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/union_rules.hpp"
#include "core/wire.hpp"
#include "core/wire_rules.hpp"
#include "server/accounts.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "server/group_service.hpp"
#include "server/rules_service.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <map>

namespace liaoxiu::server {
namespace {

using nlohmann::json;

// The worker's latest place on the trip (what a decision is about), or null.
const Place* latest_place_of(const GroupTrip& trip, const Id& worker) {
    const Place* found = nullptr;
    for (const Place& place : trip.places)
        if (place.worker == worker && (!found || place.seq > found->seq)) found = &place;
    return found;
}

json place_json(const GroupTrip& trip, const Id& worker) {
    const Place* place = latest_place_of(trip, worker);
    return place ? json(*place) : json();
}

// Approves (`reason` null) or declines the worker's pending place, in one writer job: the
// place, its audit entry and (declined) its reason commit together.
json decide(Backend& backend, const Principal& by, const Id& id, const Id& worker, const std::string* reason) {
    const Actor actor = actor_of(by);
    // The role alone, before anything is read: only a unit's union decides.
    if (actor.role != Role::organizer) fail(*approval_forbidden(actor, {}));
    GroupTrip changed;
    backend.writer.run(
        [&](WriteContext& context) {
            const GroupTrip* stored = context.group(id);
            if (!stored) fail("not_found", "拼团不存在：" + id, "no group trip " + id);
            const GroupTrip trip = *stored;
            const Place* place = latest_place_of(trip, worker);
            if (!place)
                fail("not_a_member_of_group", "该职工不在该团中", "this worker holds no place in this group");
            if (auto forbidden = approval_forbidden(actor, place->unit.str())) fail(*forbidden);
            auto result = reason ? liaoxiu::decline_place(trip, worker, *reason, context.now)
                                 : liaoxiu::approve_place(trip, worker, context.now);
            if (!result) fail(result.error());
            changed = result.value();
            const Route* route = context.route(trip.route);
            if (!route) throw std::runtime_error("group refers to a missing route " + trip.route);
            context.save_group(&trip, changed, route->days);
            audit(context, by, reason ? "place.decline" : "place.approve", "group", id,
                  wire::audit_change({{"place", place_json(trip, worker)}}, {{"place", place_json(changed, worker)}}),
                  reason ? *reason : std::string());
            if (reason) {
                const Place* declined = latest_place_of(changed, worker);
                store::set_place_reason(context.db, id, declined->seq, *reason);
            }
        },
        {id});
    return group_view(changed, &by, true);
}

}  // namespace

json approval_queue(Backend& backend, const Principal& by, const Id& unit) {
    if (auto forbidden = approval_queue_forbidden(actor_of(by), unit)) fail(*forbidden);
    const Instant now = backend.clock();
    return read_snapshot(backend, [&](Connection& db) {
        const auto unit_row = store::load_unit(db, unit);
        if (!unit_row) fail("not_found", "单位不存在：" + unit, "no unit " + unit);
        auto rows = db.query(
            "SELECT group_id, seq FROM places WHERE unit = $1 AND state = 'pending_approval' "
            "ORDER BY decision_due, group_id, seq",
            {unit});
        wire::ApprovalQueue queue;
        queue.unit = unit;
        queue.approval_required = approval_terms(worker_rules(db, unit, unit_row->alliance).effective).required;
        std::map<Id, GroupTrip> trips;       // by id, as the clock leaves them now
        std::map<Id, WorkerRules> rules_of;  // by the route's alliance
        for (auto& row : rows) {
            const Id group = row.text(0);
            const std::int64_t seq = row.integer(1);
            auto trip_it = trips.find(group);
            if (trip_it == trips.end()) {
                auto trip = store::load_group(db, group);
                if (!trip) continue;
                // A place whose decision is overdue is no longer to decide (the scheduler lapses it).
                trip_it = trips.emplace(group, advance_clock(*trip, now)).first;
            }
            const GroupTrip& trip = trip_it->second;
            auto place = std::find_if(trip.places.begin(), trip.places.end(),
                                      [&](const Place& p) { return p.seq == seq; });
            if (place == trip.places.end() || place->state != PlaceState::pending_approval) continue;
            auto route = store::load_route(db, trip.route);
            if (!route) continue;
            auto rules_it = rules_of.find(route->alliance);
            if (rules_it == rules_of.end())
                rules_it = rules_of.emplace(route->alliance, worker_rules(db, unit, route->alliance)).first;
            const WorkerRules& rules = rules_it->second;

            wire::ApprovalEntry entry;
            entry.group = trip.id;
            entry.route = route->id;
            entry.route_title = route->title;
            entry.departure = trip.departure;
            entry.last_day = last_day(trip.departure, route->days);
            entry.worker = place->worker.str();
            if (auto account = store::find_account(db, entry.worker)) {
                entry.worker_name = account->name;
                entry.member_number = account->member_number;
            }
            entry.since = place->since;
            entry.decision_due = place->decision_due.value_or(trip.join_deadline);
            entry.price = route->price;
            entry.split = cost_split(*route, rules.effective);
            // What the allowance has left with this place counted (it is held while pending).
            const Allowance& allowance = rules.effective.allowance;
            const AllowanceUse used =
                worker_allowance_use(db, entry.worker, rules, allowance_year(trip.departure));
            if (allowance.trips_per_year) entry.trips_left = std::max(0, *allowance.trips_per_year - used.trips);
            if (allowance.days_per_year) entry.days_left = std::max(0, *allowance.days_per_year - used.days);
            queue.approvals.push_back(std::move(entry));
        }
        return wire::encode_approval_queue(queue);
    });
}

json approve_place(Backend& backend, const Principal& by, const Id& group, const Id& worker) {
    return decide(backend, by, group, worker, nullptr);
}

json decline_place(Backend& backend, const Principal& by, const Id& group, const Id& worker,
                   const std::string& reason) {
    return decide(backend, by, group, worker, &reason);
}

void apply_demo_approval(WriteContext& context) {
    const Id unit = kDemoApprovalUnit;
    const Id group = "g-qz-004";
    const Id worker = "w-" + unit + "-1";  // accounts.cpp's create_demo_accounts names it so
    if (!store::load_unit(context.db, unit) || !store::find_account(context.db, worker)) return;
    UnionRules rules = store::load_rules(context.db, RulesScope::unit, unit).value_or(UnionRules{});
    rules.approval_required = true;
    store::save_rules(context.db, RulesScope::unit, unit, rules);

    const GroupTrip* stored = context.group(group);
    if (!stored) return;
    const GroupTrip trip = *stored;
    const Route* found = context.route(trip.route);
    if (!found) return;
    const Route route = *found;
    std::int64_t seq = 0;
    for (const Place& place : trip.places) seq = std::max<std::int64_t>(seq, place.seq);
    const WorkerRules rules_now = worker_rules(context.db, unit, route.alliance);
    auto joined = liaoxiu::join(trip, route, Worker{worker, unit}, {}, seq + 1, context.now,
                                approval_terms(rules_now.effective));
    if (!joined) return;  // another demo file: nothing to show
    context.save_group(&trip, joined.value().trip, route.days);
}

}  // namespace liaoxiu::server
