// Deadlines take effect on time without any client request: a thread sleeps
// until the earliest stored deadline (join deadline or offer expiry), then has
// the writer apply advance_clock to the groups that are due. It also wakes after
// every commit (a new trip may have an earlier deadline) and at least once a
// second (another process sharing a PostgreSQL database may have added one).
#pragma once

#include "server/backend.hpp"
#include "server/group_service.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace liaoxiu::server {

class Scheduler {
public:
    Scheduler(Backend& backend, GroupService& groups);
    ~Scheduler();
    void notify();

private:
    void loop();

    Backend& backend_;
    GroupService& groups_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool notified_ = false;
    std::thread thread_;
};

}  // namespace liaoxiu::server
