#include "server/scheduler.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

namespace liaoxiu::server {

Scheduler::Scheduler(Backend& backend, GroupService& groups)
    : backend_(backend), groups_(groups), thread_([this] { loop(); }) {}

Scheduler::~Scheduler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Scheduler::notify() {
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_all();
}

void Scheduler::loop() {
    using namespace std::chrono;
    for (;;) {
        milliseconds wait{1000};
        try {
            Instant now = backend_.clock();
            groups_.advance_due(now);
            std::optional<Instant> earliest;
            {
                auto db = backend_.readers.acquire();
                earliest = store::earliest_deadline(*db);
            }
            if (earliest) {
                auto until = seconds(std::max<Instant>(*earliest - backend_.clock(), 0));
                wait = std::min(wait, duration_cast<milliseconds>(until) + milliseconds(5));
            }
        } catch (const std::exception& error) {
            std::cerr << "liaoxiu-server: scheduler: " << error.what() << "\n";
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, wait, [&] { return stopping_ || notified_; });
        if (stopping_) return;
        notified_ = false;
    }
}

}  // namespace liaoxiu::server
