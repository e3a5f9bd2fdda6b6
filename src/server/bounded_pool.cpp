#include "server/bounded_pool.hpp"

#include <algorithm>

namespace liaoxiu::server {

BoundedPool::BoundedPool(int threads, std::size_t capacity, OnStop on_stop) : capacity_(capacity), on_stop_(on_stop) {
    for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { work_loop(); });
}

BoundedPool::~BoundedPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (on_stop_ == OnStop::drop_queued) jobs_.clear();
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
}

bool BoundedPool::try_submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || jobs_.size() >= capacity_) return false;
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

void BoundedPool::work_loop() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and nothing queued is left to finish
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

}  // namespace liaoxiu::server
