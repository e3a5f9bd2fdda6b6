// Statistics for the secretariat's desk (and a unit's union): GET /api/v1/stats with the
// desk's query into ClientState::stats. Only the answer to the latest request of the current
// session is kept; nothing of it goes to Storage. Part of the DeskEngine (desk.html only).
#pragma once

#include "sync/engine_context.hpp"

#include <cstdint>

namespace liaoxiu::sync {

class SessionSync;

class StatsSync {
public:
    StatsSync(EngineContext& context, SessionSync& session) : ctx_(context), session_(session) {}

    void load(const StatsQuery& query);
    bool busy() const { return ctx_.state.stats.status == StatsState::Status::loading; }

private:
    void on_table(const HttpResponse& response, std::uint64_t request, std::uint64_t generation);
    void failed(std::string zh, std::string en);

    EngineContext& ctx_;
    SessionSync& session_;
    std::uint64_t request_ = 0;  // bumps at every load: older answers are ignored
};

}  // namespace liaoxiu::sync
