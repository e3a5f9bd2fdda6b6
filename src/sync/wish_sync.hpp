// 想去 (wishes) through the sync engine: the worker's wishes (GET /me/wishes), read once a worker
// is signed in (never on a kiosk: nothing personal there), wishing and letting go (POST / DELETE
// /routes/{id}/wish, sent at once: a wish is said online, nothing is queued), and a union's counts
// of its own workers' wishes (GET /units/{id}/wishes). Whether a wished route now has a group for
// the worker is the core's wish_groups over the catalogue the engine keeps in step, so it shows
// with the next catalogue sync. Requests go through ReviewSync::send (the session's token, answers
// of an ended session dropped); nothing is stored but what 我的 has seen (SessionSync::wishes_seen).
#pragma once

#include "sync/engine_context.hpp"

#include <cstdint>

namespace liaoxiu::sync {

class ReviewSync;
class SessionSync;

class WishSync {
public:
    WishSync(EngineContext& context, SessionSync& session, ReviewSync& requests)
        : ctx_(context), session_(session), requests_(requests) {}

    void wish(const Id& route);
    void unwish(const Id& route);
    // Read again at the next poll (refresh).
    void want();
    // A worker's wishes, or a union's counts, not read in this session: read them.
    void poll();

private:
    void load_my_wishes();
    void load_unit_wishes();
    void write(const Id& route, bool wished);

    EngineContext& ctx_;
    SessionSync& session_;
    ReviewSync& requests_;
    std::uint64_t my_request_ = 0, unit_request_ = 0;
};

}  // namespace liaoxiu::sync
