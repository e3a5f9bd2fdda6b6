// The sync engine's transport on the desktop and in native tests: cpp-httplib on one
// worker thread. Requests run in the order they were sent; their completions wait in
// a queue until the engine's poll() calls deliver(), so the engine only ever runs on
// its own thread.
#pragma once

#include "sync/transport.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace liaoxiu::platform {

struct HttpTransportOptions {
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds read_timeout{15000};
};

class HttpTransport : public sync::Transport {
public:
    explicit HttpTransport(HttpTransportOptions options = {});
    ~HttpTransport() override;  // waits for the request in progress; the rest are dropped
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    void send(sync::HttpRequest request, Completion done) override;
    void deliver() override;

    // Blocks until a completion is waiting for deliver() (or `timeout` passes). For
    // programs that have nothing else to do meanwhile: tests, a headless client.
    bool wait(std::chrono::milliseconds timeout);
    // Requests sent and not yet delivered.
    std::size_t outstanding() const;

private:
    struct Job {
        sync::HttpRequest request;
        Completion done;
    };
    struct Finished {
        Completion done;
        sync::HttpResponse response;
    };
    void run();

    HttpTransportOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable finished_ready_;
    std::deque<Job> jobs_;
    std::deque<Finished> finished_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::thread worker_;
};

// Splits "http://host:port/path?query" into origin ("http://host:port") and target
// ("/path?query"); false for anything that is not an absolute http(s) URL.
bool split_url(const std::string& url, std::string& origin, std::string& target);

}  // namespace liaoxiu::platform
