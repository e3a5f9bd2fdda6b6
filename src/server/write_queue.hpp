// Group commit: every write of the endpoint goes through the process's writer
// threads (one on SQLite, which has one writer per database anyway; several on
// PostgreSQL, each with its own connection, --writers). A writer takes all jobs waiting at that moment, runs each against
// the database inside ONE transaction (each in its own savepoint, so a job that
// fails leaves no trace while the others stand), commits once — one fsync for the
// whole batch — and only then lets each caller answer its client. An answer sent
// is therefore always durable, and capacity is decided in one place: the job reads
// the group inside the transaction that writes it (locked with FOR UPDATE on
// PostgreSQL, so two processes sharing a database never overbook).
// Several writers on PostgreSQL work like several processes sharing the database: the
// same locks in the same global order keep them apart, and while one waits for its
// commit (fsync) the next batch already runs on another connection.
#pragma once

#include "core/model.hpp"
#include "server/notification_store.hpp"
#include "server/sql.hpp"
#include "server/store.hpp"
#include "server/writer_cache.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace liaoxiu::server {

// What a job sees: the connection inside the batch's transaction, the batch's
// clock, and a record of the catalogue entities it changed (stamped with the new
// catalogue version when the batch commits).
// A job's claim on a worker's days: the days of `group`'s trip (as stored), for the
// overlapping-trips check (see store::worker_day_key).
struct WorkerLock {
    Id worker;
    Id group;
};

class WriteContext {
public:
    WriteContext(Connection& db, Instant now, WriterCache* cache = nullptr) : db(db), now(now), cache_(cache) {}

    Connection& db;
    const Instant now;
    // Whether notifications recorded here also go to the webhook's outbox (WriteQueue::set_webhook_outbox).
    bool webhook_outbox = false;

    void touch(store::Kind kind, const Id& id) { touched_.emplace_back(kind, id); }
    template <class T>
    void put(store::Kind kind, const T& value) {
        store::put(db, value);
        touch(kind, value.id);
        if (cache_ && kind == store::Kind::route) cache_->forget_route(value.id);
        if (cache_ && kind == store::Kind::member) cache_->forget_member(value.id);
    }

    // The group trip / route as this transaction sees it (null: none), from the
    // writer's cache when the stored row has not changed since. A group pointer
    // stays valid until the next group() or save_group().
    const GroupTrip* group(const Id& id) {
        if (cache_) return cache_->group(db, id);
        scratch_group_ = store::load_group(db, id);
        return scratch_group_ ? &*scratch_group_ : nullptr;
    }
    const Route* route(const Id& id) {
        if (cache_) return cache_->route(db, id);
        scratch_route_ = store::load_route(db, id);
        return scratch_route_ ? &*scratch_route_ : nullptr;
    }

    // The members of `ids` that exist (the writer's cache decodes only changed ones).
    std::vector<Member> members(const std::vector<Id>& ids) {
        return cache_ ? cache_->members(db, ids) : store::load_members(db, ids);
    }

    void save_group(const GroupTrip* before, const GroupTrip& after, int route_days) {
        // In the writer's batches the units' monthly tally is written last (store.hpp: UnitMonthMoves).
        store::save_group(db, before, after, route_days, now, cache_ ? &job_moves_ : nullptr);
        // What the change tells whom (core/notification.hpp), committed with it or not at all.
        record_notifications(notifications_for(before, after, now));
        touch(store::Kind::group, after.id);
        if (cache_) cache_->saved(after);
    }

    // Keeps each notification once, with its webhook delivery when the webhook is on.
    void record_notifications(const std::vector<Notification>& notifications) {
        store::record_notifications(db, notifications, webhook_outbox);
    }

    // Makes sure this transaction holds the worker's locks for every day in [first, last]
    // (PostgreSQL; nothing on SQLite). Usually the batch took them already, from the
    // job's WorkerLock; only a trip whose stored days are stale (its route's length
    // changed since it was saved) needs more here, outside the global lock order:
    // PostgreSQL then may detect a deadlock, and the batch runs again.
    void lock_worker_days(const Id& worker, Day first, Day last) {
        if (db.dialect() != Dialect::postgresql) return;
        std::vector<std::int64_t> missing;
        for (Day day = first; day <= last; ++day) {
            auto key = store::worker_day_key(worker, day);
            if (worker_keys_held_.insert(key).second) missing.push_back(key);
        }
        job_worker_keys_.insert(job_worker_keys_.end(), missing.begin(), missing.end());
        store::lock_worker_days(db, std::move(missing));
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
    std::set<std::int64_t> worker_keys_held_;
    // Taken by the running job inside its savepoint: rolling it back releases them.
    std::vector<std::int64_t> job_worker_keys_;
    WriterCache* cache_;
    store::UnitMonthMoves job_moves_;    // the running job's
    store::UnitMonthMoves batch_moves_;  // the batch's finished jobs'
    std::optional<GroupTrip> scratch_group_;
    std::optional<Route> scratch_route_;
};

class WriteQueue {
public:
    using Job = std::function<void(WriteContext&)>;
    using Clock = std::function<Instant()>;

    // `max_batch`: jobs per transaction; 1 turns group commit off (one commit, one
    // fsync per job: the benchmark's baseline).
    WriteQueue(std::unique_ptr<Connection> connection, Clock clock, std::size_t max_batch = kDefaultMaxBatch);
    // `writers` writer threads, each with a connection from `open` (PostgreSQL: several may
    // run batches at once; SQLite: use one, its database has a single writer).
    using Opener = std::function<std::unique_ptr<Connection>()>;
    WriteQueue(const Opener& open, std::size_t writers, Clock clock, std::size_t max_batch = kDefaultMaxBatch);
    ~WriteQueue();
    WriteQueue(const WriteQueue&) = delete;
    WriteQueue& operator=(const WriteQueue&) = delete;

    // Runs `job` in the next batch and waits until that batch has committed.
    // An exception the job throws is rethrown here (its savepoint was rolled back).
    // `group_locks`: group ids the job will change; `worker_locks`: workers whose places it
    // decides about, on the days of a group it locks. Before any job of the batch runs,
    // all group rows are locked in one statement (in id order), then all (worker, day)
    // keys in one statement (in key order): one global order, so two processes' batches
    // cannot deadlock; two round trips per batch however many jobs it holds.
    void run(Job job, std::vector<Id> group_locks = {}, std::vector<WorkerLock> worker_locks = {});

    // Large enough to absorb every client of a busy moment in one commit, small
    // enough that one batch never holds the write lock for long.
    static constexpr std::size_t kDefaultMaxBatch = 1024;

    // Called on a writer thread after every commit (the scheduler listens; it may be called
    // from several writer threads at once).
    void set_after_commit(std::function<void()> listener) {
        std::lock_guard lock(mutex_);
        after_commit_ = std::move(listener);
    }

    // On when the server delivers notifications to a webhook (webhook_sender.hpp): from then on
    // every notification recorded gets its delivery row in the same transaction.
    void set_webhook_outbox(bool on) { webhook_outbox_ = on; }

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
        std::vector<WorkerLock> worker_locks;
        std::promise<void> done;
    };

    // One writer thread: its connection and its memory of what it read (writer_cache.hpp).
    struct Writer {
        std::unique_ptr<Connection> db;
        WriterCache cache;
        std::thread thread;
    };

    void start();
    void loop(Writer& writer);
    void checkpoint_loop();
    void apply_batch(Writer& writer, std::vector<std::unique_ptr<Pending>>& batch);

    Clock clock_;
    std::size_t max_batch_;
    std::vector<std::unique_ptr<Writer>> writers_;
    std::function<void()> after_commit_;
    std::atomic<bool> webhook_outbox_ = false;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<Pending>> queue_;
    bool stopping_ = false;
    Stats stats_;

    // SQLite: the WAL is checkpointed by a thread of its own on its own connection (PASSIVE:
    // it never waits for the writer, nor the writer for it), not by the writer at the commit
    // that crosses the autocheckpoint size, which held up every job waiting behind that commit.
    std::unique_ptr<Connection> checkpoint_db_;
    std::condition_variable checkpoint_wake_;
    std::uint64_t commits_since_checkpoint_ = 0;
    std::thread checkpointer_;
};

}  // namespace liaoxiu::server
