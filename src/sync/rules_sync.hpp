// Union rules (工会规则) through the sync engine.
//
// A worker's effective rules (their unit's over the alliance's), read from GET /me/allowance at
// sign-in and again on refresh, into ClientState::my_rules. Nothing else is asked of the endpoint: what the rules leave the worker
// for a given trip (trips and days left, out of province, the cost split) the UI works out with
// the core's union_rules.hpp from the catalogue and the worker's own trips, so it is right the
// moment a join or a withdrawal lands, and offline. The endpoint checks the join again all the
// same. Workers only (a kiosk too: the rules are read for the session and forgotten with it).
//
// The rules a union sets for its unit, or the secretariat for an alliance (规则设置), read and
// saved on request into ClientState::rules_settings; who may is the core's alliance_rules_forbidden
// and unit_rules_forbidden, and a save is checked by its validate_rules before it is sent.
//
// Requests go through ReviewSync::send; nothing is stored.
#pragma once

#include "sync/engine_context.hpp"

#include <cstdint>

namespace liaoxiu::sync {

class ReviewSync;

class RulesSync {
public:
    RulesSync(EngineContext& context, ReviewSync& requests) : ctx_(context), requests_(requests) {}

    // Read again at the next poll (refresh).
    void want();
    // Read when not read in this session.
    void poll();

    void load_rules_settings(RulesScope scope, const Id& id);
    void save_rules_settings(RulesScope scope, const Id& id, const UnionRules& rules);

private:
    // Why the signed-in person may not set `scope`'s rules of `id`, told in a Notice; false if they may.
    bool refused(RulesScope scope, const Id& id, const char* verb_zh, const char* verb_en);

    EngineContext& ctx_;
    ReviewSync& requests_;
    std::uint64_t request_ = 0;
    std::uint64_t settings_request_ = 0;
};

}  // namespace liaoxiu::sync
