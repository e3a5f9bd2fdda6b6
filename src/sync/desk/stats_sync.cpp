#include "sync/desk/stats_sync.hpp"

#include "core/wire.hpp"
#include "sync/session_sync.hpp"

namespace liaoxiu::sync {

void StatsSync::load(const StatsQuery& query) {
    StatsState& view = ctx_.state.stats;
    ++request_;
    view.query = query;
    if (!ctx_.state.session) {
        failed("请先登录", "Sign in first");
        return;
    }
    if (auto forbidden = read_stats_forbidden(ctx_.state.session->role)) {
        failed(forbidden->message_zh, forbidden->message_en);
        return;
    }
    if (!ctx_.has_endpoint()) {
        failed("未连接服务器，无法读取统计", "No server: the statistics cannot be read");
        return;
    }
    view.status = StatsState::Status::loading;
    view.error_zh.clear();
    view.error_en.clear();
    const std::uint64_t request = request_;
    const std::uint64_t generation = session_.generation();
    ctx_.send("GET", "stats?" + stats_query_string(query), {}, session_.token(), {},
              [this, request, generation](const HttpResponse& response) { on_table(response, request, generation); });
    ctx_.notifier.changed();
}

void StatsSync::on_table(const HttpResponse& response, std::uint64_t request, std::uint64_t generation) {
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
    auto table = decode_stats_table(response.body);
    if (!table) {
        failed(table.error().message_zh, table.error().message_en);
        return;
    }
    StatsState& view = ctx_.state.stats;
    view.table = std::move(table).value();
    view.status = StatsState::Status::loaded;
    ++view.received;
    ctx_.notifier.changed();
}

void StatsSync::failed(std::string zh, std::string en) {
    StatsState& view = ctx_.state.stats;
    view.status = StatsState::Status::failed;
    view.error_zh = zh;
    view.error_en = en;
    ctx_.notifier.notify(Notice::Kind::error, "统计读取失败：" + zh, "Could not read the statistics: " + en);
    ctx_.notifier.changed();
}

}  // namespace liaoxiu::sync
