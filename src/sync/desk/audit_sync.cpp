#include "sync/desk/audit_sync.hpp"

#include "core/wire.hpp"
#include "sync/session_sync.hpp"

namespace liaoxiu::sync {

void AuditSync::load(const AuditQuery& query) {
    AuditView& view = ctx_.state.audit;
    ++request_;
    view.query = query;
    if (!ctx_.state.session) {
        failed("请先登录", "Sign in first");
        return;
    }
    if (auto forbidden = read_audit_forbidden(ctx_.state.session->role)) {
        failed(forbidden->message_zh, forbidden->message_en);
        return;
    }
    if (!ctx_.has_endpoint()) {
        failed("未连接服务器，无法读取审计日志", "No server: the audit trail cannot be read");
        return;
    }
    view.status = AuditView::Status::loading;
    view.error_zh.clear();
    view.error_en.clear();
    const std::uint64_t request = request_;
    const std::uint64_t generation = session_.generation();
    ctx_.send("GET", "audit?" + audit_query_string(query), {}, session_.token(), {},
              [this, request, generation](const HttpResponse& response) { on_page(response, request, generation); });
    ctx_.notifier.changed();
}

void AuditSync::on_page(const HttpResponse& response, std::uint64_t request, std::uint64_t generation) {
    if (request != request_ || generation != session_.generation()) return;  // a later request, or another session
    if (unreachable(response.status)) {
        ctx_.endpoint_unreachable();
        failed("无法连接服务器，请稍后重试", "The server cannot be reached: please try again later");
        return;
    }
    ctx_.reached_endpoint();
    if (response.status == 401) {
        session_.end(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
        return;
    }
    if (response.status != 200) {
        DomainError error = wire::decode_error(response.status, response.body);
        failed(error.message_zh, error.message_en);
        return;
    }
    auto page = wire::decode_audit_page(response.body);
    if (!page) {
        failed(page.error().message_zh, page.error().message_en);
        return;
    }
    AuditView& view = ctx_.state.audit;
    view.page = std::move(page).value();
    view.status = AuditView::Status::loaded;
    ctx_.notifier.changed();
}

void AuditSync::failed(std::string zh, std::string en) {
    AuditView& view = ctx_.state.audit;
    view.status = AuditView::Status::failed;
    view.error_zh = zh;
    view.error_en = en;
    ctx_.notifier.notify(Notice::Kind::error, "审计日志读取失败：" + zh, "Could not read the audit trail: " + en);
    ctx_.notifier.changed();
}

}  // namespace liaoxiu::sync
