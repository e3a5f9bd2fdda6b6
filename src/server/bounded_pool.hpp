// A fixed number of threads behind a bounded queue: a burst of work waits in a known
// amount of memory, and what does not fit is refused at once (the caller answers 503)
// instead of piling up. The endpoint's request handlers and the password hashing each
// run on one.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace liaoxiu::server {

class BoundedPool {
public:
    // What happens to queued jobs when the pool is destroyed: request handlers are
    // dropped (their connections close), hashing jobs still run (someone waits on each).
    enum class OnStop { drop_queued, finish_queued };

    BoundedPool(int threads, std::size_t capacity, OnStop on_stop);
    ~BoundedPool();
    BoundedPool(const BoundedPool&) = delete;
    BoundedPool& operator=(const BoundedPool&) = delete;

    // False when the queue is full or the pool is stopping: the job is not taken.
    bool try_submit(std::function<void()> job);

    int threads() const { return static_cast<int>(threads_.size()); }
    std::size_t capacity() const { return capacity_; }

private:
    void work_loop();

    std::size_t capacity_;
    OnStop on_stop_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace liaoxiu::server
