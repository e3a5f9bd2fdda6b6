#include "sync/engine_context.hpp"

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

}  // namespace liaoxiu::sync
