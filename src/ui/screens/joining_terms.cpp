// What a worker's union rules say before they join: the same core functions the endpoint runs
// on the join (union_rules.hpp), fed from what the app already holds, so the words are right the
// moment a join or a withdrawal lands and offline too. The endpoint still has the last word.
#include "core/union_rules.hpp"
#include "ui/screen_context.hpp"

namespace liaoxiu::ui {

namespace {

// The worker's province, as the endpoint takes it (server/rules_service.cpp, worker_rules): the
// region of their unit's alliance, or of the route's alliance for a unit that names none.
std::string home_province(const Context& ctx, const Route& route) {
    const Unit* unit = ctx.view.unit(ctx.state.session->unit);
    const Id& alliance = unit && !unit->alliance.empty() ? unit->alliance : route.alliance;
    for (const Alliance& a : ctx.state.catalogue.alliances)
        if (a.id == alliance) return province_of(a.region);
    return {};
}

}  // namespace

std::optional<JoiningTerms> joining_terms(const Context& ctx, const GroupTrip& trip, const Route& route) {
    const sync::ClientState& state = ctx.state;
    if (!state.session || state.session->role != Role::worker || !state.my_rules.rules || !state.my_trips_loaded)
        return std::nullopt;
    const UnionRules& rules = *state.my_rules.rules;
    const std::string province = home_province(ctx, route);
    // The worker's other held places, as the allowance counts them (a trip not in the catalogue
    // any more has ended, and holds nothing).
    std::vector<HeldTrip> held;
    for (const sync::MyTrip& mine : state.my_trips) {
        if (!holds_place(mine.state) || mine.group == trip.id) continue;
        const sync::GroupView* group = ctx.view.group(mine.group);
        const Route* its_route = group ? ctx.view.route(group->trip().route) : nullptr;
        if (its_route) held.push_back(held_trip(group->trip(), *its_route, province));
    }
    const bool english = ctx.language == Language::en;
    const RulesText summary = rules_summary(rules, held, allowance_year(trip.departure), &route, province);
    const RulesText cost = cost_split_text(cost_split(route, rules));
    JoiningTerms terms;
    terms.summary = english ? summary.en : summary.zh;
    terms.cost = english ? cost.en : cost.zh;
    terms.refused = allowance_refused(rules.allowance, held, trip.id, route, trip.departure, province);
    terms.approval_required = approval_terms(rules).required;
    return terms;
}

}  // namespace liaoxiu::ui
