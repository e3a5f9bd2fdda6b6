#include "server/group_service.hpp"

#include "core/json.hpp"
#include "core/wire.hpp"
#include "server/api_error.hpp"
#include "server/catalogue_service.hpp"
#include "server/passwords.hpp"

#include <algorithm>

namespace liaoxiu::server {
namespace {

DomainError group_not_found(const Id& id) {
    return make_error("not_found", "拼团不存在：" + id, "no group trip " + id);
}

void require(bool allowed, const char* zh, const char* en) {
    if (!allowed) fail(403, "forbidden", zh, en);
}

bool manages(const Principal& principal, const GroupTrip& trip) {
    return principal.is_secretariat() || (principal.is_organizer() && principal.unit == trip.organizer_unit);
}

std::int64_t next_seq(const GroupTrip& trip) {
    std::int64_t seq = 0;
    for (const auto& place : trip.places) seq = std::max<std::int64_t>(seq, place.seq);
    return seq + 1;
}

const Place* active_place(const GroupTrip& trip, const Id& worker) {
    const Place* found = nullptr;
    for (const auto& place : trip.places) {
        if (place.worker != worker) continue;
        if (place.state == PlaceState::confirmed || place.state == PlaceState::waitlisted ||
            place.state == PlaceState::offered || !found) {
            found = &place;
        }
    }
    return found;
}

const Route& require_route(WriteContext& context, const Id& id) {
    const Route* route = context.route(id);
    if (!route) throw std::runtime_error("group refers to a missing route " + id);
    return *route;
}

// The trip inside the writer's transaction, copied out (the context's pointer does
// not outlive the next read).
GroupTrip require_group(WriteContext& context, const Id& id) {
    const GroupTrip* trip = context.group(id);
    if (!trip) fail(group_not_found(id));
    return *trip;
}

}  // namespace

nlohmann::json group_view(const GroupTrip& trip, const Principal* viewer, bool with_places) {
    std::optional<wire::MyPlace> mine;
    if (viewer && viewer->is_worker()) {
        if (const Place* place = active_place(trip, viewer->account)) {
            mine = wire::MyPlace{*place, place->state == PlaceState::waitlisted ? waitlist_position(trip, *place) : 0};
        }
    }
    nlohmann::json json = wire::encode_trip_view(trip, count_places(trip), mine ? &*mine : nullptr, with_places);
    bool sees_workers = viewer && manages(*viewer, trip);
    if (with_places && !sees_workers) json = redact_workers(std::move(json), viewer ? viewer->account : Id{});
    return json;
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
    return group_view(*trip, viewer, true);
}

nlohmann::json GroupService::create(const Principal& by, const GroupDraft& draft) {
    require(by.is_organizer(), "只有单位工会可以发起拼团", "only a unit's union can open a group trip");
    if (draft.organizer_unit != by.unit) {
        fail(403, "forbidden", "只能以本单位名义发起拼团", "a union opens group trips for its own unit only",
             "organizer_unit");
    }
    GroupTrip opened;
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::group, draft.id)) {
            fail(409, "duplicate_id", "拼团编号已存在：" + draft.id, "a group trip with id " + draft.id + " exists",
                 "id");
        }
        const Route* route = context.route(draft.route);
        if (!route) {
            fail(422, "unknown_reference", "线路不存在：" + draft.route, "unknown route " + draft.route, "route");
        }
        // The members the route's stops name: all route_bookable needs to know.
        Catalogue directory;
        if (auto unit = store::load_unit(context.db, draft.organizer_unit)) directory.units.push_back(*unit);
        for (const auto& day : route->itinerary) {
            for (const auto& stop : day.stops) {
                if (auto member = store::load_member(context.db, stop.member.str())) directory.members.push_back(*member);
            }
        }
        auto result = open_group(draft, *route, directory, context.now);
        if (!result) fail(result.error());
        opened = result.value();
        context.save_group(nullptr, opened, route->days);
    });
    return group_view(opened, &by, true);
}

nlohmann::json GroupService::cancel(const Principal& by, const Id& id, const std::string& reason) {
    GroupTrip cancelled;
    backend_.writer.run(
        [&](WriteContext& context) {
            GroupTrip trip = require_group(context, id);
            require(manages(by, trip), "只有组团单位工会可以取消拼团",
                    "only the organizing unit's union can cancel this group trip");
            auto result = liaoxiu::cancel(trip, reason, context.now);
            if (!result) fail(result.error());
            cancelled = result.value();
            context.save_group(&trip, cancelled, require_route(context, trip.route).days);
        },
        {id});
    return group_view(cancelled, &by, true);
}

StoredResponse GroupService::join(const Principal& by, const Id& id, const std::optional<std::string>& key) {
    require(by.is_worker(), "只有职工可以报名", "only workers join group trips");
    StoredResponse response;
    const std::string request = "join " + id;
    backend_.writer.run(
        [&](WriteContext& context) {
            response = StoredResponse{};
            if (key) {
                if (auto stored = store::find_answer(context.db, by.account, *key)) {
                    if (stored->request != request) {
                        fail(422, "idempotency_key_reused", "该幂等键已用于另一个请求",
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
            const GroupTrip* trip = context.group(id);
            if (!trip) return answer(404, error_json(group_not_found(id)));
            const Route& route = require_route(context, trip->route);
            // Under the worker's locks for these days (taken with the batch's locks) on
            // PostgreSQL: no other process adds an overlapping place for this worker until
            // this transaction ends.
            // Only trips that overlap this one's days can refuse the join: fetch just those.
            Day first_day = trip->departure, last_day = trip->departure + std::max(route.days, 1) - 1;
            context.lock_worker_days(by.account, first_day, last_day);
            auto spans = store::worker_spans(context.db, by.account, id, first_day, last_day);
            std::int64_t seq = next_seq(*trip);
            // join() applies advance_clock itself.
            auto result = liaoxiu::join(*trip, route, Worker{by.account, by.unit}, spans, seq, context.now);
            if (!result) return answer(status_for(result.error()), error_json(result.error()));
            const JoinOutcome& outcome = result.value();
            context.save_group(trip, outcome.trip, route.days);
            answer(200, wire::encode_join_answer({id, by.account, outcome.state, seq, outcome.waitlist_position,
                                                  count_places(outcome.trip)}));
        },
        {id}, {WorkerLock{by.account, id}});
    return response;
}

nlohmann::json GroupService::withdraw(const Principal& by, const Id& id, const std::optional<Id>& worker) {
    Id whom = worker.value_or(by.account);
    if (whom != by.account) {
        require(by.is_organizer() || by.is_secretariat(), "职工只能退出自己的报名",
                "a worker can only withdraw their own place");
    } else {
        require(by.is_worker(), "请指明要退出的职工", "name the worker whose place to free");
    }
    GroupTrip changed;
    backend_.writer.run(
        [&](WriteContext& context) {
            GroupTrip trip = require_group(context, id);
            if (whom != by.account) {
                require(manages(by, trip), "只有组团单位工会可以为职工退团",
                        "only the organizing unit's union can withdraw a worker");
            }
            auto result = liaoxiu::withdraw(trip, whom, context.now);
            if (!result) fail(result.error());
            changed = result.value();
            context.save_group(&trip, changed, require_route(context, trip.route).days);
        },
        {id});
    return group_view(changed, &by, true);
}

nlohmann::json GroupService::accept_offer(const Principal& by, const Id& id) {
    require(by.is_worker(), "只有职工可以接受名额", "only workers accept an offered place");
    GroupTrip changed;
    backend_.writer.run(
        [&](WriteContext& context) {
            GroupTrip trip = require_group(context, id);
            auto result = liaoxiu::accept_offer(trip, by.account, context.now);
            if (!result) fail(result.error());
            changed = result.value();
            context.save_group(&trip, changed, require_route(context, trip.route).days);
        },
        {id});
    return group_view(changed, &by, true);
}

nlohmann::json GroupService::my_trips(const Principal& by) {
    require(by.is_worker(), "只有职工有自己的行程", "only workers have trips of their own");
    auto db = backend_.readers.acquire();
    std::vector<nlohmann::json> views;
    for (const auto& trip : store::worker_groups(*db, by.account)) views.push_back(group_view(trip, &by, false));
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
                auto next = next_deadline(advanced);
                // A deadline the rules report but no longer act on must not wake us again.
                if (next && *next <= context.now) store::clear_deadline(context.db, id);
            }
        },
        due);
    return changed;
}

}  // namespace liaoxiu::server
