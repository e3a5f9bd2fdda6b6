#include "server/rules_service.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/wire.hpp"
#include "server/accounts.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "server/group_service.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <climits>

namespace liaoxiu::server {
namespace {

using nlohmann::json;

// The allowance lock's "day": a worker_day_key no trip day can have (days are small positive
// numbers), so the lock is one per worker, beside (never equal to) their day locks.
constexpr Day kAllowanceLockDay = INT32_MIN;

// The id must name an alliance or unit that exists (404 otherwise).
void require_target(Connection& db, RulesScope scope, const Id& id) {
    const bool found = scope == RulesScope::alliance ? store::load_alliance(db, id).has_value()
                                                     : store::load_unit(db, id).has_value();
    if (!found) {
        if (scope == RulesScope::alliance) fail("not_found", "联盟不存在：" + id, "no alliance " + id);
        fail("not_found", "单位不存在：" + id, "no unit " + id);
    }
}

json rules_answer(Connection& db, RulesScope scope, const Id& id) {
    wire::RulesAnswer answer{scope, id, store::load_rules(db, scope, id).value_or(UnionRules{}), {}, {}};
    if (scope == RulesScope::unit) {
        const WorkerRules rules = worker_rules(db, id, {});
        answer.alliance_rules = rules.alliance;
        answer.effective = rules.effective;
    }
    return wire::encode_rules_answer(answer);
}

struct HeldRow {
    Id group;
    Id route;
    Day first = 0;
    Day last = 0;
};

// The worker's held places' trips (confirmed, offered, waitlisted), but `except_group`.
std::vector<HeldRow> held_rows(Connection& db, const Id& worker, const Id& except_group) {
    auto rows = db.query(
        "SELECT g.id, g.route, g.first_day, g.last_day FROM places p JOIN group_trips g ON g.id = p.group_id "
        "WHERE p.worker = $1 AND p.state IN ('confirmed', 'offered', 'waitlisted', 'pending_approval') AND g.id <> $2",
        {worker, except_group});
    std::vector<HeldRow> held;
    for (auto& row : rows)
        held.push_back(HeldRow{row.text(0), row.text(1), static_cast<Day>(row.integer(2)),
                               static_cast<Day>(row.integer(3))});
    return held;
}

// Held rows as the allowance sees them; `region_of` gives a route's region (empty if gone).
template <class RegionOf>
std::vector<HeldTrip> held_trips(const std::vector<HeldRow>& rows, std::string_view home_province,
                                 RegionOf&& region_of) {
    std::vector<HeldTrip> held;
    for (const HeldRow& row : rows) {
        Route shape;
        shape.region = region_of(row.route);
        shape.days = row.last - row.first + 1;
        GroupTrip trip;
        trip.id = row.group;
        trip.departure = row.first;
        held.push_back(held_trip(trip, shape, home_province));
    }
    return held;
}

}  // namespace

namespace store {

void create_rules_schema(Connection& db) {
    db.execute("CREATE TABLE IF NOT EXISTS union_rules (scope TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, "
               "PRIMARY KEY (scope, id))");
}

std::optional<UnionRules> load_rules(Connection& db, RulesScope scope, const Id& id) {
    auto rows = db.query("SELECT doc FROM union_rules WHERE scope = $1 AND id = $2",
                         {std::string(rules_scope_name(scope)), id});
    if (rows.empty()) return std::nullopt;
    auto rules = wire::decode_rules(json::parse(rows.front().text(0), nullptr, false));
    if (!rules) throw std::runtime_error("corrupt stored rules of " + id + ": " + rules.error().message_en);
    return rules.value();
}

void save_rules(Connection& db, RulesScope scope, const Id& id, const UnionRules& rules) {
    db.execute("INSERT INTO union_rules (scope, id, doc) VALUES ($1, $2, $3) ON CONFLICT (scope, id) DO UPDATE SET "
               "doc = excluded.doc",
               {std::string(rules_scope_name(scope)), id, wire::encode_rules(rules).dump()});
}

std::optional<Alliance> load_alliance(Connection& db, const Id& id) {
    auto rows = db.query("SELECT doc FROM alliances WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return decode_stored<Alliance>(rows.front().text(0), "alliance");
}

}  // namespace store

WorkerRules worker_rules(Connection& db, const Id& unit, const Id& fallback_alliance) {
    WorkerRules rules;
    Id alliance_id = fallback_alliance;
    if (auto found = store::load_unit(db, unit); found && !found->alliance.empty()) alliance_id = found->alliance;
    // Both scopes' rules in one statement (a join runs this every time).
    auto rows = db.query("SELECT scope, doc FROM union_rules WHERE (scope = 'alliance' AND id = $1) OR "
                         "(scope = 'unit' AND id = $2)",
                         {alliance_id, unit});
    for (auto& row : rows) {
        auto decoded = wire::decode_rules(json::parse(row.text(1), nullptr, false));
        if (!decoded) throw std::runtime_error("corrupt stored rules: " + decoded.error().message_en);
        (row.text(0) == "alliance" ? rules.alliance : rules.unit) = decoded.value();
    }
    rules.effective = effective_rules(rules.alliance, rules.unit);
    // The province matters only to a limit (out of province); a join without rules reads no more.
    if (!alliance_id.empty() && !(rules.effective.allowance == Allowance{})) {
        if (auto alliance = store::load_alliance(db, alliance_id)) rules.home_province = province_of(alliance->region);
    }
    return rules;
}

json get_rules(Backend& backend, const Principal&, RulesScope scope, const Id& id) {
    return read_snapshot(backend, [&](Connection& db) {
        require_target(db, scope, id);
        return rules_answer(db, scope, id);
    });
}

json put_rules(Backend& backend, const Principal& by, RulesScope scope, const Id& id, const json& body) {
    const Actor actor = actor_of(by);
    if (auto forbidden = scope == RulesScope::alliance ? alliance_rules_forbidden(actor) : unit_rules_forbidden(actor, id))
        fail(*forbidden);
    auto decoded = wire::decode_rules(body);
    if (!decoded) fail(decoded.error());
    if (auto problems = validate_rules(decoded.value()); !problems.empty()) fail_problems(problems);
    json answer;
    backend.writer.run([&](WriteContext& context) {
        require_target(context.db, scope, id);
        const std::optional<UnionRules> before = store::load_rules(context.db, scope, id);
        store::save_rules(context.db, scope, id, decoded.value());
        audit(context, by, scope == RulesScope::alliance ? "rules.alliance" : "rules.unit", rules_scope_name(scope), id,
              wire::audit_change(before ? wire::encode_rules(*before) : json(nullptr), wire::encode_rules(decoded.value())));
        answer = rules_answer(context.db, scope, id);
    });
    return answer;
}

json my_allowance(Backend& backend, const Principal& by, std::optional<int> year, const std::optional<Id>& route_id) {
    if (!by.is_worker()) fail("forbidden", "只有职工有疗休养额度", "only workers have an allowance");
    return read_snapshot(backend, [&](Connection& db) {
        std::optional<Route> route;
        if (route_id) {
            route = store::load_route(db, *route_id);
            if (!route || route->status != PublishStatus::published)
                fail("unknown_route", "线路不存在：" + *route_id, "no route " + *route_id);
        }
        const WorkerRules rules = worker_rules(db, by.unit, route ? route->alliance : Id{});
        const std::vector<HeldRow> rows = held_rows(db, by.account, {});
        const std::vector<HeldTrip> held = held_trips(rows, rules.home_province, [&](const Id& id) {
            auto found = store::load_route(db, id);
            return found ? found->region : std::string();
        });
        wire::AllowanceView view;
        view.year = year.value_or(allowance_year(day_of(backend.clock())));
        view.rules = rules.effective;
        view.used = allowance_use(held, view.year);
        if (route) view.split = cost_split(*route, rules.effective);
        view.summary = rules_summary(rules.effective, held, view.year, route ? &*route : nullptr, rules.home_province);
        return wire::encode_allowance_view(view);
    });
}

json open_group_to_all(Backend& backend, const Principal& by, const Id& id) {
    const Actor actor = actor_of(by);
    GroupTrip changed;
    backend.writer.run(
        [&](WriteContext& context) {
            const GroupTrip* stored = context.group(id);
            if (!stored) fail("not_found", "拼团不存在：" + id, "no group trip " + id);
            GroupTrip trip = *stored;
            if (auto forbidden = open_to_all_forbidden(actor, trip)) fail(*forbidden);
            auto result = open_to_all(trip, context.now);
            if (!result) fail(result.error());
            changed = result.value();
            const Route* route = context.route(trip.route);
            if (!route) throw std::runtime_error("group refers to a missing route " + trip.route);
            context.save_group(&trip, changed, route->days);
            audit(context, by, "group.open_to_all", "group", id,
                  wire::audit_change({{"visibility", std::string(enum_name(trip.visibility))}},
                                     {{"visibility", std::string(enum_name(changed.visibility))}}));
        },
        {id});
    return group_view(changed, &by, true);
}

AllowanceUse worker_allowance_use(Connection& db, const Id& worker, const WorkerRules& rules, int year) {
    const std::vector<HeldRow> rows = held_rows(db, worker, {});
    const std::vector<HeldTrip> held = held_trips(rows, rules.home_province, [&](const Id& id) {
        auto found = store::load_route(db, id);
        return found ? found->region : std::string();
    });
    return allowance_use(held, year);
}

std::optional<DomainError> join_allowance_refused(WriteContext& context, const Worker& worker, const GroupTrip& trip,
                                                  const Route& route, const WorkerRules& rules) {
    const Allowance& allowance = rules.effective.allowance;
    // No limit set: nothing to check and nothing to lock (rules change rarely; a change racing a
    // join applies from the next join on).
    if (allowance == Allowance{}) return std::nullopt;
    context.lock_worker_days(worker.id, kAllowanceLockDay, kAllowanceLockDay);
    const std::vector<HeldRow> rows = held_rows(context.db, worker.id, trip.id);
    // Regions read from the store, not through context.route(): without the writer's cache that
    // would overwrite the route the caller still holds.
    const std::vector<HeldTrip> held = held_trips(rows, rules.home_province, [&](const Id& id) {
        if (id == route.id) return route.region;
        auto found = store::load_route(context.db, id);
        return found ? found->region : std::string();
    });
    return allowance_refused(allowance, held, trip.id, route, trip.departure, rules.home_province);
}

void apply_demo_rules(WriteContext& context, const Catalogue& catalogue) {
    auto has = [](const auto& list, const char* id) {
        return std::any_of(list.begin(), list.end(), [&](const auto& item) { return item.id == id; });
    };
    if (has(catalogue.alliances, "a-quzhou")) {
        UnionRules defaults;
        defaults.allowance.trips_per_year = 3;
        defaults.allowance.days_per_year = 15;
        defaults.allowance.out_of_province_every_years = 3;
        store::save_rules(context.db, RulesScope::alliance, "a-quzhou", defaults);
    }
    if (has(catalogue.units, "u-qz-juhua")) {
        UnionRules juhua;
        juhua.unit_share_percent = 30;
        juhua.allowance.cost_standard = 80000;
        store::save_rules(context.db, RulesScope::unit, "u-qz-juhua", juhua);
    }
}

}  // namespace liaoxiu::server
