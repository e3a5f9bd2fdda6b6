// The sync engine's transport and storage in the browser: fetch() and localStorage,
// through fetch_transport.js. Responses arrive from the browser's event
// loop and wait until the engine's poll() calls deliver().
#pragma once

#include "sync/storage.hpp"
#include "sync/transport.hpp"

#include <deque>
#include <map>

namespace liaoxiu::platform {

class FetchTransport : public sync::Transport {
public:
    FetchTransport();
    ~FetchTransport() override;  // answers still on their way are dropped
    FetchTransport(const FetchTransport&) = delete;
    FetchTransport& operator=(const FetchTransport&) = delete;

    void send(sync::HttpRequest request, Completion done) override;
    void deliver() override;

    // Called by lx_http_done (JS) with a response for one of this transport's requests.
    void complete(int request, sync::HttpResponse response);

private:
    std::map<int, Completion> waiting_;
    std::deque<std::pair<Completion, sync::HttpResponse>> finished_;
};

class LocalStorage : public sync::Storage {
public:
    std::optional<std::string> get(const std::string& key) override;
    bool put(const std::string& key, const std::string& value) override;
    void remove(const std::string& key) override;
    // The pieces are gathered in JavaScript, so the value is never whole in the wasm heap.
    bool put_streamed(const std::string& key, const std::function<bool(TextSink&)>& write) override;
};

}  // namespace liaoxiu::platform
