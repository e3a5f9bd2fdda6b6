#include "sync/desk/desk_engine.hpp"

#include "core/stats.hpp"

namespace liaoxiu::sync {
namespace {

std::optional<DomainError> store_audit_page(AuditView& view, std::string_view body) {
    auto page = wire::decode_audit_page(body);
    if (!page) return page.error();
    view.page = std::move(page).value();
    return std::nullopt;
}

std::optional<DomainError> store_stats_table(StatsState& view, std::string_view body) {
    auto table = decode_stats_table(body);
    if (!table) return table.error();
    view.table = std::move(table).value();
    ++view.received;
    return std::nullopt;
}

}  // namespace

DeskEngine::DeskEngine(SyncEngine& engine)
    : ctx_(engine.context()),
      session_(engine.session()),
      outbox_(engine.outbox()),
      catalogue_(engine.catalogue()),
      audit_(ctx_, session_, &ClientState::audit, "审计日志", "the audit trail", read_audit_forbidden, store_audit_page),
      stats_(ctx_, session_, &ClientState::stats, "统计", "the statistics", read_stats_forbidden, store_stats_table),
      reviews_(engine.reviews()) {
    outbox_.set_desk_answers(
        [this](const PendingAction& action, const HttpResponse& response) { on_designer_answer(action, response); });
}

DeskEngine::~DeskEngine() { outbox_.set_desk_answers({}); }

void DeskEngine::load_audit(const AuditQuery& query) {
    ctx_.state.audit.query = query;
    audit_.load("audit?" + audit_query_string(query));
}

void DeskEngine::load_stats(const StatsQuery& query) {
    ctx_.state.stats.query = query;
    stats_.load("stats?" + stats_query_string(query));
}

bool DeskEngine::member_write_in_flight() const {
    return ctx_.state.member_write && ctx_.state.member_write->stage == MemberWrite::Stage::sending;
}

}  // namespace liaoxiu::sync
