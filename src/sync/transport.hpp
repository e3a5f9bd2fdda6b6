// How the sync engine reaches the endpoint: an asynchronous request/response
// interface. The engine never blocks (the browser is single-threaded), so a request
// is started with send() and its response is handed back later, always from inside
// deliver() — which the engine calls from its poll(). A transport may run requests on
// another thread or in the browser's event loop; callbacks never run anywhere else.
#pragma once

#include "core/text_stream.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace liaoxiu::sync {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method = "GET";
    std::string url;        // absolute ("https://host/api/v1/me") or relative to the page ("api/v1/me")
    HttpHeaders headers;
    std::string body;       // JSON text for POST; empty otherwise
};

struct HttpResponse {
    int status = 0;         // 0: no answer at all (network down, DNS, timeout, CORS refusal)
    HttpHeaders headers;
    std::string body;       // decompressed; for status 0 a description of what went wrong
    // A large 200 body that the transport left where it arrived (in the browser: JavaScript's
    // memory, not the wasm heap, which never shrinks), to be read once, front to back; `body`
    // is then empty. Only catalogue snapshots are this large.
    std::unique_ptr<TextSource> large_body = nullptr;
};

// Case-insensitive header look-up; empty when absent.
std::string header_value(const HttpHeaders& headers, std::string_view name);

class Transport {
public:
    using Completion = std::function<void(HttpResponse)>;
    virtual ~Transport() = default;
    // Starts a request. `done` is called exactly once, from a later deliver().
    virtual void send(HttpRequest request, Completion done) = 0;
    // Runs the completions of every request that has finished since the last call.
    virtual void deliver() = 0;
};

}  // namespace liaoxiu::sync
