#include "sync/desk/desk_engine.hpp"

namespace liaoxiu::sync {

DeskEngine::DeskEngine(SyncEngine& engine)
    : ctx_(engine.context()),
      session_(engine.session()),
      outbox_(engine.outbox()),
      catalogue_(engine.catalogue()),
      audit_(ctx_, session_),
      stats_(ctx_, session_) {
    outbox_.set_desk_answers(
        [this](const PendingAction& action, const HttpResponse& response) { on_designer_answer(action, response); });
}

DeskEngine::~DeskEngine() { outbox_.set_desk_answers({}); }

void DeskEngine::load_audit(const AuditQuery& query) { audit_.load(query); }
void DeskEngine::load_stats(const StatsQuery& query) { stats_.load(query); }

bool DeskEngine::member_write_in_flight() const {
    return ctx_.state.member_write && ctx_.state.member_write->stage == MemberWrite::Stage::sending;
}

}  // namespace liaoxiu::sync
