#include "sync/engine_context.hpp"

#include "sync/outbox.hpp"  // verb_of

#include <algorithm>

namespace liaoxiu::sync {

EngineContext::EngineContext(Transport& transport, Storage& storage, EngineOptions options)
    : transport(transport),
      storage(storage),
      options(options),
      random(options.seed ? options.seed : random_seed()),
      notifier(state, options.max_notices, options.notice_seconds) {}

void EngineContext::send(std::string method, const std::string& path, std::string body, const std::string& token,
                         HttpHeaders extra, Answer answer) {
    HttpRequest request;
    request.method = std::move(method);
    request.url = endpoint_url(config ? config->api_base : std::string(), path);
    request.headers = std::move(extra);
    request.headers.emplace_back("Accept", "application/json");
    if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(body);
    std::weak_ptr<int> alive_now = alive;
    transport.send(std::move(request), [alive_now, answer = std::move(answer)](HttpResponse response) {
        if (alive_now.expired()) return;
        answer(response);
    });
}

void EngineContext::reached_endpoint() {
    if (notifier.reached_endpoint()) wake_outbox();
}

void EngineContext::wake_outbox() {
    for (auto& action : state.outbox) action.next_attempt = std::min(action.next_attempt, now);
}

std::string header_value(const HttpHeaders& headers, std::string_view name) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    for (const auto& [key, value] : headers) {
        if (key.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < key.size() && same; ++i) same = lower(key[i]) == lower(name[i]);
        if (same) return value;
    }
    return {};
}

// ---- refusals told before anything is sent ----

bool EngineContext::require_role(Role role, const char* verb_zh, const char* verb_en) {
    if (!state.session) {
        notifier.notify(Notice::Kind::error, std::string("请先登录再") + verb_zh,
                        std::string("Sign in first: ") + verb_en);
        return false;
    }
    if (state.session->role != role) {
        static const char* kRoleZh[] = {"职工", "单位工会", "联盟秘书处"};
        notifier.notify(Notice::Kind::error, std::string("只有") + kRoleZh[static_cast<int>(role)] + "账号可以" + verb_zh,
                        std::string("This account may not do this: ") + verb_en);
        return false;
    }
    return true;
}

void EngineContext::refused_locally(const DomainError& error, PendingAction::Kind kind) {
    Verb verb = verb_of(kind);
    notifier.notify(Notice::Kind::error, std::string(verb.zh) + "未提交：" + error.message_zh,
                    std::string(verb.en) + " was not sent: " + error.message_en);
}

}  // namespace liaoxiu::sync
