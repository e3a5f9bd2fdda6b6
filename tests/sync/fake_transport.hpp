// A transport that answers from a function, for tests of how the engine reads
// answers (garbage bodies, odd statuses) and of network failures. It is not a model
// of the endpoint: the end-to-end behaviour is tested against liaoxiu-server itself.
#pragma once

#include "sync/transport.hpp"

#include <deque>
#include <functional>
#include <vector>

namespace liaoxiu::sync_test {

class FakeTransport : public sync::Transport {
public:
    using Answer = std::function<sync::HttpResponse(const sync::HttpRequest&)>;
    explicit FakeTransport(Answer answer) : answer_(std::move(answer)) {}

    void send(sync::HttpRequest request, Completion done) override {
        sent.push_back(request);
        pending_.push_back({std::move(request), std::move(done)});
    }
    void deliver() override {
        auto ready = std::move(pending_);
        pending_.clear();
        for (auto& [request, done] : ready) done(answer_(request));
    }
    std::size_t pending() const { return pending_.size(); }

    std::vector<sync::HttpRequest> sent;

private:
    Answer answer_;
    std::deque<std::pair<sync::HttpRequest, Completion>> pending_;
};

inline sync::HttpResponse no_network(const sync::HttpRequest&) { return {0, {}, "network is unreachable"}; }

}  // namespace liaoxiu::sync_test
