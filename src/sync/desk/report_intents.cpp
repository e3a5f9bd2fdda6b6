// The printable monthly report's tables: one GET /api/v1/stats per view of the month
// (core/stats_report.hpp's stats_report_queries), sent together, gathered into
// ClientState::stats_report; the report is loaded when every table has come. Only the
// answers to the latest request of the current session count; the first failure fails it.
#include "core/stats_report.hpp"
#include "sync/desk/desk_engine.hpp"

namespace liaoxiu::sync {

void DeskEngine::load_stats_report(const StatsQuery& filters, const std::string& month) {
    ++report_request_;
    StatsReportState& view = ctx_.state.stats_report;
    view.status = StatsReportState::Status::none;
    view.month = month;
    view.tables.clear();
    view.expected = 0;
    auto parsed = parse_report_month(month);
    if (!parsed) return report_failed("月份应写作“年-月”，如2026-11", "The month should read YYYY-MM, e.g. 2026-11");
    if (!ctx_.state.session) return report_failed("请先登录", "Sign in first");
    if (auto forbidden = read_stats_forbidden(ctx_.state.session->role))
        return report_failed(forbidden->message_zh, forbidden->message_en);
    if (!ctx_.has_endpoint()) return report_failed("未连接服务器，无法读取月报", "No server: the monthly report cannot be read");
    const auto queries = stats_report_queries(filters, *parsed);
    view.expected = queries.size();
    view.status = StatsReportState::Status::loading;
    view.error_zh.clear();
    view.error_en.clear();
    const std::uint64_t request = report_request_;
    const std::uint64_t generation = session_.generation();
    for (const StatsQuery& query : queries) {
        ctx_.send("GET", "stats?" + stats_query_string(query), {}, session_.token(), {},
                  [this, request, generation](const HttpResponse& response) { on_report_answer(response, request, generation); });
    }
    ctx_.notifier.changed();
}

void DeskEngine::on_report_answer(const HttpResponse& response, std::uint64_t request, std::uint64_t generation) {
    if (request != report_request_ || generation != session_.generation()) return;  // a later request, or another session
    StatsReportState& view = ctx_.state.stats_report;
    if (view.status != StatsReportState::Status::loading) return;  // failed already
    if (unreachable(response.status)) {
        ctx_.endpoint_unreachable();
        return report_failed("无法连接服务器，请稍后重试", "The server cannot be reached: please try again later");
    }
    ctx_.reached_endpoint();
    if (response.status == 401) {
        session_.end(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
        return;
    }
    if (response.status != 200) {
        const DomainError error = wire::decode_error(response.status, response.body);
        return report_failed(error.message_zh, error.message_en);
    }
    auto table = decode_stats_table(response.body);
    if (!table) return report_failed(table.error().message_zh, table.error().message_en);
    view.tables.push_back(std::move(table).value());
    if (view.tables.size() == view.expected) {
        view.status = StatsReportState::Status::loaded;
        ++view.received;
    }
    ctx_.notifier.changed();
}

void DeskEngine::report_failed(const std::string& zh, const std::string& en) {
    StatsReportState& view = ctx_.state.stats_report;
    view.status = StatsReportState::Status::failed;
    view.error_zh = zh;
    view.error_en = en;
    ctx_.notifier.notify(Notice::Kind::error, "月报读取失败：" + zh, "Could not read the monthly report: " + en);
    ctx_.notifier.changed();
}

}  // namespace liaoxiu::sync
