// 审批 (approval by the worker's own union) through the sync engine, for a unit's union: its queue
// (GET /units/{id}/approvals) read once the union signs in (never on a kiosk) and again on refresh
// and after each decision; 同意 and 不同意 (POST /groups/{g}/places/{w}/approve | decline, sent at
// once: a decision is made online, nothing is queued), each told in a Notice. A decline's reason
// is checked with the core's decline_reason_refused before anything is sent. Requests go through
// ReviewSync::send (the session's token, answers of an ended session dropped); nothing is stored.
#pragma once

#include "sync/engine_context.hpp"

#include <cstdint>
#include <string>

namespace liaoxiu::sync {

class ReviewSync;

class ApprovalSync {
public:
    ApprovalSync(EngineContext& context, ReviewSync& requests) : ctx_(context), requests_(requests) {}

    void load_approvals();
    void approve_place(const Id& group, const Id& worker);
    void decline_place(const Id& group, const Id& worker, const std::string& reason);
    // Read again at the next poll (refresh).
    void want();
    // A union whose queue was not read in this session: read it.
    void poll();

private:
    void read();
    // `reason` null: approve.
    void decide(const Id& group, const Id& worker, const std::string* reason);

    EngineContext& ctx_;
    ReviewSync& requests_;
    std::uint64_t request_ = 0;
};

}  // namespace liaoxiu::sync
