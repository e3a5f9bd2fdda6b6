// The unit union's desk (organizers): a trip's roster (GET /groups/{id}/roster) and the
// unit's worker accounts (GET /units/{id}/workers), fetched on demand and kept in memory
// only (ClientState::rosters, unit_workers): who joined is personal, and never goes to
// Storage. A roster marked stale (an add or a withdrawal landed) is fetched again. What
// the union changes (add a worker, free a place with a reason) goes through the outbox.
#pragma once

#include "sync/engine_context.hpp"

#include <cstdint>

namespace liaoxiu::sync {

class SessionSync;

class RosterSync {
public:
    RosterSync(EngineContext& context, SessionSync& session) : ctx_(context), session_(session) {}

    void load_roster(const Id& group);
    void load_unit_workers();
    void poll();  // drops what an ended session fetched; fetches stale rosters again
    bool busy() const { return in_flight_ > 0; }

private:
    void fetch_roster(const Id& group);
    RosterView& roster_entry(const Id& group);

    EngineContext& ctx_;
    SessionSync& session_;
    std::uint64_t generation_ = 0;  // of the session the rosters belong to
    int in_flight_ = 0;
};

}  // namespace liaoxiu::sync
