// One of the desk's reads, written once: the audit trail and the statistics are each a GET
// into a view of ClientState (status, the last answer kept while the next one loads, why the
// last request failed). Only the answer to the latest request of the current session is
// kept; nothing of it goes to Storage. A failure is told in a Notice and kept in the view.
#pragma once

#include "core/wire.hpp"
#include "sync/engine_context.hpp"
#include "sync/session_sync.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace liaoxiu::sync {

// `View` has `status` (View::Status: none, loading, loaded, failed), `error_zh` and `error_en`.
template <class View>
class DeskRead {
public:
    // Decodes an answer's body into the view; the reason when it cannot.
    using Store = std::optional<DomainError> (*)(View& view, std::string_view body);
    // Who may read it: the core's rule for the signed-in role.
    using Forbidden = std::optional<DomainError> (*)(Role role);

    // `what_zh`, `what_en`: what is read, in the words of a failure ("审计日志", "the audit trail").
    DeskRead(EngineContext& context, SessionSync& session, View ClientState::*view, const char* what_zh,
             const char* what_en, Forbidden forbidden, Store store)
        : ctx_(context), session_(session), view_(view), what_zh_(what_zh), what_en_(what_en), forbidden_(forbidden),
          store_(store) {}

    // GET `path` (relative to api_base) into the view.
    void load(const std::string& path) {
        ++request_;
        if (!ctx_.state.session) return failed("请先登录", "Sign in first");
        if (auto forbidden = forbidden_(ctx_.state.session->role)) return failed(forbidden->message_zh, forbidden->message_en);
        if (!ctx_.has_endpoint()) {
            return failed(std::string("未连接服务器，无法读取") + what_zh_, std::string("No server: ") + what_en_ + " cannot be read");
        }
        View& view = ctx_.state.*view_;
        view.status = View::Status::loading;
        view.error_zh.clear();
        view.error_en.clear();
        const std::uint64_t request = request_;
        const std::uint64_t generation = session_.generation();
        ctx_.send("GET", path, {}, session_.token(), {},
                  [this, request, generation](const HttpResponse& response) { on_answer(response, request, generation); });
        ctx_.notifier.changed();
    }

    bool busy() const { return (ctx_.state.*view_).status == View::Status::loading; }

private:
    void on_answer(const HttpResponse& response, std::uint64_t request, std::uint64_t generation) {
        if (request != request_ || generation != session_.generation()) return;  // a later request, or another session
        if (unreachable(response.status)) {
            ctx_.endpoint_unreachable();
            return failed("无法连接服务器，请稍后重试", "The server cannot be reached: please try again later");
        }
        ctx_.reached_endpoint();
        if (response.status == 401) {
            session_.end(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
            return;
        }
        if (response.status != 200) {
            const DomainError error = wire::decode_error(response.status, response.body);
            return failed(error.message_zh, error.message_en);
        }
        View& view = ctx_.state.*view_;
        if (auto refused = store_(view, response.body)) return failed(refused->message_zh, refused->message_en);
        view.status = View::Status::loaded;
        ctx_.notifier.changed();
    }

    void failed(const std::string& zh, const std::string& en) {
        View& view = ctx_.state.*view_;
        view.status = View::Status::failed;
        view.error_zh = zh;
        view.error_en = en;
        ctx_.notifier.notify(Notice::Kind::error, what_zh_ + std::string("读取失败：") + zh,
                             std::string("Could not read ") + what_en_ + ": " + en);
        ctx_.notifier.changed();
    }

    EngineContext& ctx_;
    SessionSync& session_;
    View ClientState::*view_;
    const char* what_zh_;
    const char* what_en_;
    Forbidden forbidden_;
    Store store_;
    std::uint64_t request_ = 0;  // bumps at every load: older answers are ignored
};

}  // namespace liaoxiu::sync
