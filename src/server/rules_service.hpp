// Union rules (工会规则) as the endpoint offers them (core/union_rules.hpp has the rules,
// core/wire_rules.hpp the shapes, docs/api.md "Union rules (工会规则)" the routes): the
// alliances' defaults and the units' own values (GET/PUT, audited), a worker's allowance
// (GET /me/allowance), opening an own-unit group to all, and the allowance check a join runs
// in its writer job. Storage: `union_rules` (scope 'alliance' or 'unit', id, doc: the rules'
// JSON), the same SQL on SQLite and PostgreSQL.
#pragma once

#include "core/union_rules.hpp"
#include "core/wire_rules.hpp"
#include "server/backend.hpp"
#include "server/sql.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::server {

namespace store {
// The table (once; CREATE TABLE IF NOT EXISTS: a database from before rules gets it empty).
void create_rules_schema(Connection& db);
// The stored rules of an alliance or unit; nothing when none were ever set (= no limits).
std::optional<UnionRules> load_rules(Connection& db, RulesScope scope, const Id& id);
void save_rules(Connection& db, RulesScope scope, const Id& id, const UnionRules& rules);
std::optional<Alliance> load_alliance(Connection& db, const Id& id);
}  // namespace store

// What a worker of `unit` is held to: the unit's rules over its alliance's, and their province
// (province_of the alliance's region; read only when some limit is set, else empty). The
// alliance is the unit's; a unit that names none takes `fallback_alliance` (the route's, for a join).
struct WorkerRules {
    UnionRules alliance;
    UnionRules unit;
    UnionRules effective;
    std::string home_province;
};
WorkerRules worker_rules(Connection& db, const Id& unit, const Id& fallback_alliance);

// GET/PUT /alliances/{id}/rules and /units/{id}/rules: {scope, id, rules[, alliance_rules,
// effective]} (a unit's answer also shows its alliance's and the merged values).
nlohmann::json get_rules(Backend& backend, const Principal& by, RulesScope scope, const Id& id);
nlohmann::json put_rules(Backend& backend, const Principal& by, RulesScope scope, const Id& id,
                         const nlohmann::json& body);

// GET /me/allowance[?year=YYYY][&route=ID].
nlohmann::json my_allowance(Backend& backend, const Principal& by, std::optional<int> year,
                            const std::optional<Id>& route);

// POST /groups/{id}/open-to-all: the group's view as GET /groups/{id} answers it.
nlohmann::json open_group_to_all(Backend& backend, const Principal& by, const Id& group);

// Inside a join's writer job, before the place is saved: takes the worker's allowance lock
// (PostgreSQL: one transaction-scoped advisory lock per worker, so two joins of one worker on
// two processes check one after the other and the second sees the first's place), reads the
// worker's held trips and returns the refusal, if any.
// `rules`: the worker's (worker_rules, read once by the join, which also takes its approval terms).
std::optional<DomainError> join_allowance_refused(WriteContext& context, const Worker& worker,
                                                  const GroupTrip& trip, const Route& route, const WorkerRules& rules);

// What `worker` uses of their allowance in `year` under `rules`: their held places (a place
// waiting for approval included), read in `db`'s transaction.
AllowanceUse worker_allowance_use(Connection& db, const Id& worker, const WorkerRules& rules, int year);

// The demo's rules (first start with --demo), for what the catalogue holds of them: the Quzhou
// alliance's defaults (3 trips and 15 days a year, out of province once every 3 years: loose
// enough that the demo accounts' joins in the e2e and sync tests stay within them) and Juhua's
// own split (the unit pays 30% of the price after subsidy) and cost standard (¥800: its
// six-county route, ¥980 after subsidy, is over it), and the union that approves its workers'
// places (审批): approval_service.hpp's kDemoApprovalUnit.
void apply_demo_rules(WriteContext& context, const Catalogue& catalogue);

}  // namespace liaoxiu::server
