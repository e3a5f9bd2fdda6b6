#include "server/wish_service.hpp"

#include "core/group_trip.hpp"
#include "core/identifiers.hpp"
#include "server/accounts.hpp"
#include "server/api_error.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace liaoxiu::server {
namespace {

using nlohmann::json;

wire::MyWish my_wish_of(Connection& db, const RouteWish& wish, const std::optional<Route>& route, Instant now) {
    wire::MyWish mine;
    mine.wish = wish;
    if (route) mine.route_title = route->title;
    const std::vector<GroupTrip> groups = store::joinable_state_groups(db, wish.route);
    for (const GroupTrip* trip : wish_groups(groups, wish.route, wish.unit, now)) mine.groups.push_back(wire::wish_group_of(*trip));
    return mine;
}

}  // namespace

namespace store {

void create_wishes_schema(Connection& db) {
    db.execute("CREATE TABLE IF NOT EXISTS route_wishes (route TEXT NOT NULL, worker TEXT NOT NULL, unit TEXT NOT NULL, "
               "since BIGINT NOT NULL, PRIMARY KEY (route, worker))");
    db.execute("CREATE INDEX IF NOT EXISTS route_wishes_by_unit ON route_wishes (unit, route, since)");
    db.execute("CREATE INDEX IF NOT EXISTS route_wishes_by_worker ON route_wishes (worker, since)");
}

std::optional<RouteWish> find_wish(Connection& db, const Id& route, const Id& worker) {
    auto rows = db.query("SELECT route, worker, unit, since FROM route_wishes WHERE route = $1 AND worker = $2", {route, worker});
    if (rows.empty()) return std::nullopt;
    return RouteWish{rows.front().text(0), rows.front().text(1), rows.front().text(2), rows.front().integer(3)};
}

void save_wish(Connection& db, const RouteWish& wish) {
    db.execute("INSERT INTO route_wishes (route, worker, unit, since) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (route, worker) DO NOTHING",
               {wish.route, wish.worker, wish.unit, std::int64_t{wish.since}});
}

bool delete_wish(Connection& db, const Id& route, const Id& worker) {
    const bool had = find_wish(db, route, worker).has_value();
    if (had) db.execute("DELETE FROM route_wishes WHERE route = $1 AND worker = $2", {route, worker});
    return had;
}

std::vector<RouteWish> worker_wishes(Connection& db, const Id& worker) {
    std::vector<RouteWish> wishes;
    for (auto& row : db.query("SELECT route, worker, unit, since FROM route_wishes WHERE worker = $1 "
                              "ORDER BY since DESC, route",
                              {worker}))
        wishes.push_back(RouteWish{row.text(0), row.text(1), row.text(2), row.integer(3)});
    return wishes;
}

std::vector<UnitWishCount> unit_wish_counts(Connection& db, const Id& unit) {
    std::vector<UnitWishCount> counts;
    for (auto& row : db.query("SELECT route, COUNT(*), MAX(since) FROM route_wishes WHERE unit = $1 GROUP BY route "
                              "ORDER BY COUNT(*) DESC, MAX(since) DESC, route",
                              {unit}))
        counts.push_back(UnitWishCount{row.text(0), static_cast<int>(row.integer(1)), row.integer(2)});
    return counts;
}

std::vector<GroupTrip> joinable_state_groups(Connection& db, const Id& route) {
    std::vector<GroupTrip> groups;
    for (auto& row : db.query("SELECT id FROM group_trips WHERE route = $1 AND state IN ('open', 'formed', 'full') "
                              "ORDER BY first_day, id",
                              {route}))
        if (auto trip = load_group(db, row.text(0))) groups.push_back(std::move(*trip));
    return groups;
}

}  // namespace store

namespace {

void check_route_id(const Id& route) {
    if (auto checked = check_id(route, "route"); !checked) fail(checked.error());
}

}  // namespace

WishWrite put_wish(Backend& backend, const Principal& by, const Id& route_id) {
    check_route_id(route_id);
    const Actor actor = actor_of(by);
    if (auto forbidden = wish_forbidden(actor)) fail(*forbidden);
    WishWrite out;
    backend.writer.run([&](WriteContext& context) {
        const Route* route = context.route(route_id);
        const std::optional<RouteWish> existing = store::find_wish(context.db, route_id, by.account);
        Result<WishOutcome> made = make_wish(actor, route, route_id, context.now, existing ? &*existing : nullptr);
        if (!made) fail(made.error());
        if (made.value().created) store::save_wish(context.db, made.value().wish);
        const std::optional<Route> copy = route ? std::optional<Route>(*route) : std::nullopt;
        out = WishWrite{made.value().created ? 201 : 200,
                        wire::encode_my_wish(my_wish_of(context.db, made.value().wish, copy, context.now))};
    });
    return out;
}

json delete_wish(Backend& backend, const Principal& by, const Id& route_id) {
    check_route_id(route_id);
    const Actor actor = actor_of(by);
    if (auto forbidden = wish_forbidden(actor)) fail(*forbidden);
    bool removed = false;
    backend.writer.run([&](WriteContext& context) {
        const bool has_wish = store::find_wish(context.db, route_id, by.account).has_value();
        if (auto refused = unwish_refused(actor, context.route(route_id), route_id, has_wish)) fail(*refused);
        removed = store::delete_wish(context.db, route_id, by.account);
    });
    return {{"route", route_id}, {"removed", removed}};
}

json my_wishes(Backend& backend, const Principal& by) {
    if (auto forbidden = wish_forbidden(actor_of(by))) fail(*forbidden);
    const Instant now = backend.clock();
    std::vector<wire::MyWish> mine = read_snapshot(backend, [&](Connection& db) {
        std::vector<wire::MyWish> answer;
        for (const RouteWish& wish : store::worker_wishes(db, by.account))
            answer.push_back(my_wish_of(db, wish, store::load_route(db, wish.route), now));
        return answer;
    });
    return wire::encode_my_wishes(mine);
}

json unit_wishes(Backend& backend, const Principal& by, const Id& unit) {
    if (auto checked = check_id(unit, "unit"); !checked) fail(checked.error());
    if (auto forbidden = unit_wishes_forbidden(actor_of(by), unit)) fail(*forbidden);
    wire::UnitWishes answer = read_snapshot(backend, [&](Connection& db) {
        if (!store::load_unit(db, unit)) fail("not_found", "单位不存在：" + unit, "no unit " + unit);
        wire::UnitWishes result;
        result.unit = unit;
        for (const UnitWishCount& count : store::unit_wish_counts(db, unit)) {
            const std::optional<Route> route = store::load_route(db, count.route);
            result.routes.push_back(wire::UnitWishRow{count, route ? route->title : std::string()});
        }
        return result;
    });
    return wire::encode_unit_wishes(answer);
}

void apply_demo_wishes(WriteContext& context, const Catalogue& catalogue) {
    // The first published route of the first alliance that no group is on: its workers' wishes.
    std::set<Id> with_groups;
    for (const GroupTrip& trip : catalogue.groups) with_groups.insert(trip.route);
    const Route* wished = nullptr;
    for (const Route& route : catalogue.routes)
        if (route.status == PublishStatus::published && !with_groups.count(route.id)) {
            wished = &route;
            break;
        }
    if (!wished || catalogue.units.empty()) return;
    // Two workers of the first unit (its union sees 2 on the route), one of the second.
    const Unit& first = catalogue.units.front();
    std::vector<RouteWish> wishes = {
        {wished->id, "w-" + first.id + "-2", first.id, context.now - 2 * 86400},
        {wished->id, "w-" + first.id + "-3", first.id, context.now - 86400},
    };
    if (catalogue.units.size() > 1) {
        const Unit& second = catalogue.units[1];
        wishes.push_back({wished->id, "w-" + second.id + "-2", second.id, context.now - 3600});
    }
    for (const RouteWish& wish : wishes) store::save_wish(context.db, wish);
}

}  // namespace liaoxiu::server
