// The union rules' shapes on the wire (docs/api.md "Union rules (工会规则)"), each written once:
// the server encodes and decodes with these, the app will use the same ones.
#pragma once

#include "core/error.hpp"
#include "core/union_rules.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace liaoxiu::wire {

// {trips_per_year?, days_per_year?, out_of_province_every_years?, cost_standard?, unit_share_percent?,
// approval_required?, decision_hours?}: integers (cost_standard in fen) and one boolean
// (approval_required); an absent or null field is unset (no limit, or the alliance's).
nlohmann::json encode_rules(const UnionRules& rules);
// Refusals: "wrong_type" (not an object, a field not an integer or boolean; `path` names it), "bad_value"
// (an integer out of range). Unknown fields are ignored. validate_rules checks the values.
Result<UnionRules> decode_rules(const nlohmann::json& json);

// GET/PUT /alliances/{id}/rules, /units/{id}/rules → {scope, id, rules, alliance_rules?, effective?}:
// the scope's own rules; a unit's answer adds its alliance's defaults and the two merged.
struct RulesAnswer {
    RulesScope scope = RulesScope::unit;
    Id id;
    UnionRules rules;
    std::optional<UnionRules> alliance_rules;  // a unit's: its alliance's defaults
    std::optional<UnionRules> effective;       // a unit's: effective_rules(alliance_rules, rules)

    bool operator==(const RulesAnswer&) const = default;
};
nlohmann::json encode_rules_answer(const RulesAnswer& answer);
Result<RulesAnswer> decode_rules_answer(const nlohmann::json& json);

// GET /me/allowance → {year, rules, used: {trips, days}, left: {trips?, days?},
// cost_split?: {union_subsidy, unit_share, worker_share}, summary_zh, summary_en}.
struct AllowanceView {
    int year = 0;
    UnionRules rules;             // the worker's effective rules
    AllowanceUse used;
    std::optional<CostSplit> split;  // for the route asked about
    RulesText summary;
};
nlohmann::json encode_allowance_view(const AllowanceView& view);
Result<AllowanceView> decode_allowance_view(const nlohmann::json& json);

nlohmann::json encode_cost_split(const CostSplit& split);

// GET /units/{id}/approvals → {unit, approval_required, approvals: [entry…]}: the unit's places waiting for its
// union's decision (审批), the earliest due first. An entry: {group, route, route_title,
// departure, last_day, worker, worker_name, member_number?, since, decision_due, price,
// cost_split: {union_subsidy, unit_share, worker_share}, left: {trips?, days?}} — `left` is what
// the worker's allowance has left in the departure's year with this place counted (a limit the
// rules do not set is absent). `approval_required`: the unit's effective rules ask its union to
// approve its workers' places now (the organizer's 我的 offers the queue then, even when empty).
struct ApprovalEntry {
    Id group;
    Id route;
    std::string route_title;
    Day departure = 0;
    Day last_day = 0;
    Id worker;
    std::string worker_name;
    std::string member_number;
    Instant since = 0;
    Instant decision_due = 0;
    Fen price = 0;
    CostSplit split;
    std::optional<int> trips_left;
    std::optional<int> days_left;

    bool operator==(const ApprovalEntry&) const = default;
};
struct ApprovalQueue {
    Id unit;
    bool approval_required = false;
    std::vector<ApprovalEntry> approvals;

    bool operator==(const ApprovalQueue&) const = default;
};
nlohmann::json encode_approval_queue(const ApprovalQueue& queue);
Result<ApprovalQueue> decode_approval_queue(const nlohmann::json& json);

}  // namespace liaoxiu::wire
