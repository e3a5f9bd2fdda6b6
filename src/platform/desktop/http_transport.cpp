#include "platform/desktop/http_transport.hpp"

#include <httplib.h>

#include <map>
#include <memory>

namespace liaoxiu::platform {

bool split_url(const std::string& url, std::string& origin, std::string& target) {
    std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return false;
    std::string scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return false;
    std::size_t path_start = url.find_first_of("/?", scheme_end + 3);
    origin = url.substr(0, path_start);
    if (origin.size() <= scheme_end + 3) return false;  // no host
    target = path_start == std::string::npos ? "/" : url.substr(path_start);
    if (target.front() == '?') target.insert(target.begin(), '/');
    return true;
}

HttpTransport::HttpTransport(HttpTransportOptions options) : options_(options), worker_([this] { run(); }) {}

HttpTransport::~HttpTransport() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        jobs_.clear();
    }
    work_ready_.notify_all();
    worker_.join();
}

void HttpTransport::send(sync::HttpRequest request, Completion done) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(Job{std::move(request), std::move(done)});
    }
    work_ready_.notify_one();
}

void HttpTransport::deliver() {
    std::deque<Finished> ready;
    {
        std::lock_guard lock(mutex_);
        ready.swap(finished_);
    }
    // Outside the lock: a completion may send the next request.
    for (auto& item : ready) item.done(std::move(item.response));
}

bool HttpTransport::wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return finished_ready_.wait_for(lock, timeout, [this] { return !finished_.empty(); });
}

std::size_t HttpTransport::outstanding() const {
    std::lock_guard lock(mutex_);
    return jobs_.size() + running_ + finished_.size();
}

void HttpTransport::run() {
    // One client per origin, kept for its open connection.
    std::map<std::string, std::unique_ptr<httplib::Client>> clients;
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            work_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            ++running_;
        }
        sync::HttpResponse response;
        std::string origin;
        std::string target;
        if (!split_url(job.request.url, origin, target)) {
            response.body = "not an absolute http(s) URL: " + job.request.url;
        } else {
            auto& client = clients[origin];
            if (!client) {
                client = std::make_unique<httplib::Client>(origin);
                client->set_keep_alive(true);
                client->set_connection_timeout(options_.connect_timeout);
                client->set_read_timeout(options_.read_timeout);
                client->set_write_timeout(options_.read_timeout);
                client->set_decompress(true);
            }
            httplib::Request request;
            request.method = job.request.method;
            request.path = target;
            for (const auto& [name, value] : job.request.headers) request.headers.emplace(name, value);
            request.body = job.request.body;
            auto result = client->send(request);
            if (result) {
                response.status = result->status;
                response.body = std::move(result->body);
                for (const auto& [name, value] : result->headers) response.headers.emplace_back(name, value);
            } else {
                response.body = httplib::to_string(result.error());
                client.reset();  // start afresh: the connection may be half dead
            }
        }
        {
            std::lock_guard lock(mutex_);
            --running_;
            if (stopping_) return;
            finished_.push_back(Finished{std::move(job.done), std::move(response)});
        }
        finished_ready_.notify_all();
    }
}

}  // namespace liaoxiu::platform
