#include "server/write_queue.hpp"

#include "server/api_error.hpp"
#include "server/stats.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <unordered_map>

#include <unistd.h>

namespace liaoxiu::server {
namespace {

constexpr int kMaxAttempts = 8;
// SQLite: a checkpoint after this many commits, or this long after the first one since the last.
constexpr std::uint64_t kCheckpointCommits = 256;
constexpr auto kCheckpointInterval = std::chrono::milliseconds(250);
// Shards of the units' monthly tally (store_stats.cpp).
constexpr std::size_t kTallyShards = 16;

}  // namespace

WriteQueue::WriteQueue(std::unique_ptr<Connection> connection, Clock clock, std::size_t max_batch)
    : clock_(std::move(clock)), max_batch_(std::max<std::size_t>(max_batch, 1)) {
    writers_.push_back(std::make_unique<Writer>());
    writers_.back()->db = std::move(connection);
    start();
}

WriteQueue::WriteQueue(const Opener& open, std::size_t writers, Clock clock, std::size_t max_batch)
    : clock_(std::move(clock)), max_batch_(std::max<std::size_t>(max_batch, 1)) {
    // Each PostgreSQL writer adds to its own shard of the units' monthly tally (store_stats.cpp:
    // apply_unit_month_moves), so writers do not wait for each other's commits on its rows; the
    // process's first shard comes from its pid, so two processes mostly use different ones.
    const auto first_shard = static_cast<std::size_t>(::getpid());
    for (std::size_t i = 0; i < std::max<std::size_t>(writers, 1); ++i) {
        writers_.push_back(std::make_unique<Writer>());
        writers_.back()->db = open();
        if (writers_.back()->db->dialect() == Dialect::postgresql) {
            writers_.back()->db->execute_script("SET liaoxiu.tally_shard = '" +
                                                std::to_string((first_shard + i) % kTallyShards) + "'");
        }
    }
    if (writers_.size() == 1 && writers_.front()->db->dialect() == Dialect::sqlite) {
        writers_.front()->db->execute_script("PRAGMA wal_autocheckpoint=0");
        checkpoint_db_ = open();
        checkpointer_ = std::thread([this] { checkpoint_loop(); });
    }
    start();
}

void WriteQueue::checkpoint_loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        checkpoint_wake_.wait_for(lock, kCheckpointInterval,
                                  [&] { return stopping_ || commits_since_checkpoint_ >= kCheckpointCommits; });
        if (stopping_ || commits_since_checkpoint_ == 0) continue;
        commits_since_checkpoint_ = 0;
        lock.unlock();
        try {
            checkpoint_db_->query("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception& error) {
            std::cerr << "liaoxiu-server: WAL checkpoint failed: " << error.what() << "\n";
        }
        lock.lock();
    }
}

void WriteQueue::start() {
    for (auto& writer : writers_) {
        Writer* w = writer.get();
        w->thread = std::thread([this, w] { loop(*w); });
    }
}

WriteQueue::~WriteQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    checkpoint_wake_.notify_all();
    for (auto& writer : writers_) writer->thread.join();
    if (checkpointer_.joinable()) checkpointer_.join();
}

void WriteQueue::run(Job job, std::vector<Id> group_locks, std::vector<WorkerLock> worker_locks) {
    auto pending = std::make_unique<Pending>();
    pending->job = std::move(job);
    pending->group_locks = std::move(group_locks);
    pending->worker_locks = std::move(worker_locks);
    auto done = pending->done.get_future();
    {
        std::lock_guard lock(mutex_);
        if (stopping_) fail("shutting_down", "服务正在关闭", "the server is shutting down");
        queue_.push_back(std::move(pending));
    }
    wake_.notify_one();
    done.get();
}

WriteQueue::Stats WriteQueue::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void WriteQueue::loop(Writer& writer) {
    for (;;) {
        std::vector<std::unique_ptr<Pending>> batch;
        std::function<void()> after_commit;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            after_commit = after_commit_;
        }
        apply_batch(writer, batch);
        if (checkpoint_db_) {
            std::lock_guard lock(mutex_);
            if (++commits_since_checkpoint_ >= kCheckpointCommits) checkpoint_wake_.notify_one();
        }
        if (after_commit) after_commit();
    }
}

void WriteQueue::apply_batch(Writer& writer, std::vector<std::unique_ptr<Pending>>& batch) {
    Connection& db = *writer.db;
    WriterCache& cache = writer.cache;
    std::vector<std::exception_ptr> outcomes(batch.size());
    std::exception_ptr batch_failure;
    std::uint64_t retries = 0;

    std::vector<Id> group_locks;
    for (auto& pending : batch) {
        group_locks.insert(group_locks.end(), pending->group_locks.begin(), pending->group_locks.end());
    }
    std::sort(group_locks.begin(), group_locks.end());
    group_locks.erase(std::unique(group_locks.begin(), group_locks.end()), group_locks.end());

    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
        batch_failure = nullptr;
        std::fill(outcomes.begin(), outcomes.end(), nullptr);
        try {
            WriteContext context(db, clock_(), &cache);
            context.webhook_outbox = webhook_outbox_;
            store::begin_write(db);
            // Locks in one global order (groups by id, then (worker, day) keys ascending), so
            // two processes' batches cannot deadlock; one statement each.
            auto locked = store::lock_groups(db, group_locks);
            if (!locked.empty()) {
                std::unordered_map<Id, const store::LockedGroup*> days_of;
                for (const auto& group : locked) days_of.emplace(group.id, &group);
                std::vector<std::int64_t> keys;
                for (auto& pending : batch) {
                    for (const auto& claim : pending->worker_locks) {
                        auto found = days_of.find(claim.group);
                        if (found == days_of.end()) continue;  // no such trip: the job answers 404
                        for (Day day = found->second->first_day; day <= found->second->last_day; ++day) {
                            auto key = store::worker_day_key(claim.worker, day);
                            if (context.worker_keys_held_.insert(key).second) keys.push_back(key);
                        }
                    }
                }
                store::lock_worker_days(db, std::move(keys));
            }
            for (const auto& group : locked) cache.locked(group.id, group.version);
            // A batch of one job needs no savepoint: if the job fails, the whole transaction
            // is rolled back. In a larger batch one round trip releases a job's savepoint and
            // opens the next job's.
            const bool savepoints = batch.size() > 1;
            bool savepoint_open = false;
            bool rolled_back = false;
            for (std::size_t i = 0; i < batch.size(); ++i) {
                std::size_t touched_before = context.touched_.size();
                context.job_worker_keys_.clear();
                auto undo_job = [&] {
                    if (savepoints) {
                        db.execute_script("ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job");
                    } else {
                        store::rollback(db);
                        rolled_back = true;
                    }
                    for (auto key : context.job_worker_keys_) context.worker_keys_held_.erase(key);
                    context.job_moves_.clear();
                    cache.job_failed();
                    context.touched_.resize(touched_before);
                    outcomes[i] = std::current_exception();
                };
                if (savepoints && !savepoint_open) db.execute("SAVEPOINT job");
                savepoint_open = false;
                try {
                    batch[i]->job(context);
                    if (savepoints && i + 1 < batch.size()) {
                        db.execute_script("RELEASE SAVEPOINT job; SAVEPOINT job");
                        savepoint_open = true;
                    } else if (savepoints) {
                        db.execute("RELEASE SAVEPOINT job");
                    }
                    cache.job_done();
                    for (const auto& [key, move] : context.job_moves_) {
                        auto& sum = context.batch_moves_[key];
                        sum.first += move.first;
                        sum.second += move.second;
                    }
                    context.job_moves_.clear();
                } catch (const SqlError& error) {
                    if (error.retryable()) throw;  // the whole batch tries again
                    undo_job();
                } catch (...) {
                    undo_job();
                }
            }
            if (rolled_back) {  // the one job failed: nothing to commit
                cache.batch_failed();
                break;
            }
            store::apply_unit_month_moves(db, context.batch_moves_);
            std::optional<std::int64_t> version;
            if (!context.touched_.empty()) {
                auto touched = context.touched();
                version = store::bump_catalogue_version(db);
                store::stamp_versions(db, touched, *version);
            }
            store::commit(db);
            cache.batch_committed(version);
            break;
        } catch (const SqlError& error) {
            cache.batch_failed();
            store::rollback(db);
            if (error.retryable() && attempt < kMaxAttempts) {
                ++retries;
                continue;
            }
            std::cerr << "liaoxiu-server: write batch failed: " << error.what() << "\n";
            batch_failure = std::make_exception_ptr(
                ApiError(503, make_error("storage_unavailable", "数据库暂时不可用，请稍后重试",
                                         "the database is unavailable, please retry")));
            break;
        } catch (...) {
            cache.batch_failed();
            store::rollback(db);
            batch_failure = std::current_exception();
            break;
        }
    }

    {
        std::lock_guard lock(mutex_);
        stats_.batches += 1;
        stats_.jobs += batch.size();
        stats_.retries += retries;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (batch_failure) {
            batch[i]->done.set_exception(batch_failure);
        } else if (outcomes[i]) {
            batch[i]->done.set_exception(outcomes[i]);
        } else {
            batch[i]->done.set_value();
        }
    }
}

}  // namespace liaoxiu::server
