#include "platform/web/fetch_transport.hpp"

#include "platform/web/js_imports.hpp"
#include "platform/web/js_text_source.hpp"

#include <cstdlib>
#include <string_view>

namespace liaoxiu::platform {
namespace {

// Request ids are unique per page; each knows the transport that sent it.
int g_next_request = 1;
std::map<int, FetchTransport*>& owners() {
    static std::map<int, FetchTransport*> map;
    return map;
}

sync::HttpHeaders parse_header_lines(std::string_view text) {
    sync::HttpHeaders headers;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    return headers;
}

}  // namespace

FetchTransport::FetchTransport() = default;

FetchTransport::~FetchTransport() {
    for (const auto& [request, done] : waiting_) owners().erase(request);
}

void FetchTransport::send(sync::HttpRequest request, Completion done) {
    const int id = g_next_request++;
    std::string header_lines;
    for (const auto& [name, value] : request.headers) header_lines += name + ": " + value + "\n";
    waiting_.emplace(id, std::move(done));
    owners()[id] = this;
    lx_http_send(id, request.method.c_str(), request.url.c_str(), header_lines.c_str(), request.body.data(),
                 static_cast<int>(request.body.size()));
}

void FetchTransport::complete(int request, sync::HttpResponse response) {
    auto found = waiting_.find(request);
    if (found == waiting_.end()) return;
    finished_.emplace_back(std::move(found->second), std::move(response));
    waiting_.erase(found);
}

void FetchTransport::deliver() {
    if (finished_.empty()) return;  // every tick: no deque moved for nothing
    auto ready = std::move(finished_);
    finished_.clear();
    for (auto& [done, response] : ready) done(std::move(response));
}

std::optional<std::string> LocalStorage::get(const std::string& key) {
    char* value = lx_storage_get(key.c_str());
    if (value == nullptr) return std::nullopt;
    std::string text(value);
    std::free(value);
    return text;
}

bool LocalStorage::put(const std::string& key, const std::string& value) {
    return lx_storage_set(key.c_str(), value.c_str()) != 0;
}

void LocalStorage::remove(const std::string& key) { lx_storage_remove(key.c_str()); }

bool LocalStorage::put_streamed(const std::string& key, const std::function<bool(TextSink&)>& write) {
    struct JsPieces final : TextSink {
        bool write(std::string_view piece) override {
            return lx_storage_append(piece.data(), static_cast<int>(piece.size())) != 0;
        }
    } pieces;
    lx_storage_begin(key.c_str());
    if (!write(pieces)) {
        lx_storage_abort();
        return false;
    }
    return lx_storage_commit() != 0;
}

}  // namespace liaoxiu::platform

// `kept`: a large body left in JavaScript (lxBodies), in place of body/length.
void lx_http_done(int request, int status, const char* headers, const char* body, int length, int kept) {
    auto& owners = liaoxiu::platform::owners();
    auto found = owners.find(request);
    if (found == owners.end()) {  // its transport is gone
        if (kept != 0) liaoxiu::platform::JsTextSource release(kept);
        return;
    }
    liaoxiu::platform::FetchTransport* transport = found->second;
    owners.erase(found);
    liaoxiu::sync::HttpResponse response;
    response.status = status;
    response.headers = liaoxiu::platform::parse_header_lines(headers ? headers : "");
    response.body.assign(body ? body : "", static_cast<std::size_t>(length));
    if (kept != 0) response.large_body = std::make_unique<liaoxiu::platform::JsTextSource>(kept);
    transport->complete(request, std::move(response));
}
