// The audit trail for the secretariat's desk: GET /api/v1/audit with the desk's filters,
// one page at a time, into ClientState::audit. Only the answer to the latest request of
// the current session is kept; nothing of it goes to Storage.
#pragma once

#include "sync/engine_context.hpp"

#include <cstdint>

namespace liaoxiu::sync {

class SessionSync;

class AuditSync {
public:
    AuditSync(EngineContext& context, SessionSync& session) : ctx_(context), session_(session) {}

    void load(const AuditQuery& query);
    bool busy() const { return ctx_.state.audit.status == AuditView::Status::loading; }

private:
    void on_page(const HttpResponse& response, std::uint64_t request, std::uint64_t generation);
    void failed(std::string zh, std::string en);

    EngineContext& ctx_;
    SessionSync& session_;
    std::uint64_t request_ = 0;  // bumps at every load: older answers are ignored
};

}  // namespace liaoxiu::sync
