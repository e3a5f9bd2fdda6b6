// Approval by the worker's own union (审批) as the endpoint offers it (core/group_trip.hpp has the
// transitions, core/union_rules.hpp who decides, core/wire_rules.hpp the queue's shape,
// docs/api.md "Approval (审批)" the routes): a unit's queue of places waiting for its union's
// decision, and the decision. Whether a join needs it is read from the unit's rules in the
// join's own writer job (group_service.cpp); an overdue place lapses by the scheduler's
// advance_clock like an offer does. A decline's reason is kept beside the place (places.reason),
// as a withdrawal's is, and shown to the worker.
#pragma once

#include "server/backend.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace liaoxiu::server {

// GET /units/{unit}/approvals: the unit's own union only.
nlohmann::json approval_queue(Backend& backend, const Principal& by, const Id& unit);

// POST /groups/{group}/places/{worker}/approve and .../decline {"reason": "…"}: the union of the
// worker's own unit only. Answers the group as GET /groups/{id} shows it to the caller.
nlohmann::json approve_place(Backend& backend, const Principal& by, const Id& group, const Id& worker);
nlohmann::json decline_place(Backend& backend, const Principal& by, const Id& group, const Id& worker,
                             const std::string& reason);

// The demo (first start with --demo): 江山水务's union approves its workers' places, and one of
// its workers (w-u-js-water-1) holds a pending place on 巨化's July group (g-qz-004), taken at the
// load moment, so the union's queue has something to decide.
inline constexpr const char* kDemoApprovalUnit = "u-js-water";
void apply_demo_approval(WriteContext& context);

}  // namespace liaoxiu::server
