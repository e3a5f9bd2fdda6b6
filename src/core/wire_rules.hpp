// The union rules' shapes on the wire (docs/api.md "Union rules (工会规则)"), each written once:
// the server encodes and decodes with these, the app will use the same ones.
#pragma once

#include "core/error.hpp"
#include "core/union_rules.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace liaoxiu::wire {

// {trips_per_year?, days_per_year?, out_of_province_every_years?, cost_standard?, unit_share_percent?}:
// integers (cost_standard in fen); an absent or null field is unset (no limit, or the alliance's).
nlohmann::json encode_rules(const UnionRules& rules);
// Refusals: "wrong_type" (not an object, a field not an integer; `path` names it), "bad_value"
// (an integer out of range). Unknown fields are ignored. validate_rules checks the values.
Result<UnionRules> decode_rules(const nlohmann::json& json);

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

}  // namespace liaoxiu::wire
