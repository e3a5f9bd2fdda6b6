// Group commit: every write of the endpoint goes through one writer thread per
// process. The writer takes all jobs waiting at that moment, runs each against
// the database inside ONE transaction (each in its own savepoint, so a job that
// fails leaves no trace while the others stand), commits once — one fsync for the
// whole batch — and only then lets each caller answer its client. An answer sent
// is therefore always durable, and capacity is decided in one place: the job reads
// the group inside the transaction that writes it (locked with FOR UPDATE on
// PostgreSQL, so two processes sharing a database never overbook).
#pragma once

#include "core/model.hpp"
#include "server/sql.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace liaoxiu::server {

// What a job sees: the connection inside the batch's transaction, the batch's
// clock, and a record of the catalogue entities it changed (stamped with the new
// catalogue version when the batch commits).
class WriteContext {
public:
    WriteContext(Connection& db, Instant now) : db(db), now(now) {}

    Connection& db;
    const Instant now;

    void touch(store::Kind kind, const Id& id) { touched_.emplace_back(kind, id); }
    template <class T>
    void put(store::Kind kind, const T& value) {
        store::put(db, value);
        touch(kind, value.id);
    }
    void save_group(const GroupTrip* before, const GroupTrip& after, int route_days) {
        store::save_group(db, before, after, route_days);
        touch(store::Kind::group, after.id);
    }

    // Each (kind, id) once.
    std::vector<std::pair<store::Kind, Id>> touched() const {
        auto unique = touched_;
        std::sort(unique.begin(), unique.end());
        unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
        return unique;
    }

private:
    friend class WriteQueue;
    std::vector<std::pair<store::Kind, Id>> touched_;
};

class WriteQueue {
public:
    using Job = std::function<void(WriteContext&)>;
    using Clock = std::function<Instant()>;

    WriteQueue(std::unique_ptr<Connection> connection, Clock clock);
    ~WriteQueue();
    WriteQueue(const WriteQueue&) = delete;
    WriteQueue& operator=(const WriteQueue&) = delete;

    // Runs `job` in the next batch and waits until that batch has committed.
    // An exception the job throws is rethrown here (its savepoint was rolled back).
    // `group_locks`: group ids the job will change (locked in id order before any job runs).
    void run(Job job, std::vector<Id> group_locks = {});

    // Called on the writer thread after every commit (the scheduler listens).
    void set_after_commit(std::function<void()> listener) { after_commit_ = std::move(listener); }

    struct Stats {
        std::uint64_t batches = 0;
        std::uint64_t jobs = 0;
        std::uint64_t retries = 0;
    };
    Stats stats() const;

private:
    struct Pending {
        Job job;
        std::vector<Id> group_locks;
        std::promise<void> done;
    };

    void loop();
    void apply_batch(std::vector<std::unique_ptr<Pending>>& batch);

    std::unique_ptr<Connection> db_;
    Clock clock_;
    std::function<void()> after_commit_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<Pending>> queue_;
    bool stopping_ = false;
    Stats stats_;
    std::thread thread_;
};

}  // namespace liaoxiu::server
