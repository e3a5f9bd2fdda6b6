#include "server/write_queue.hpp"

#include "server/api_error.hpp"

#include <algorithm>
#include <iostream>
#include <unordered_map>

namespace liaoxiu::server {
namespace {

constexpr int kMaxAttempts = 8;

}  // namespace

WriteQueue::WriteQueue(std::unique_ptr<Connection> connection, Clock clock, std::size_t max_batch)
    : db_(std::move(connection)), clock_(std::move(clock)), max_batch_(std::max<std::size_t>(max_batch, 1)),
      thread_([this] { loop(); }) {}

WriteQueue::~WriteQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
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

void WriteQueue::loop() {
    for (;;) {
        std::vector<std::unique_ptr<Pending>> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        apply_batch(batch);
        if (after_commit_) after_commit_();
    }
}

void WriteQueue::apply_batch(std::vector<std::unique_ptr<Pending>>& batch) {
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
            WriteContext context(*db_, clock_(), &cache_);
            store::begin_write(*db_);
            // Locks in one global order (groups by id, then (worker, day) keys ascending), so
            // two processes' batches cannot deadlock; one statement each.
            auto locked = store::lock_groups(*db_, group_locks);
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
                store::lock_worker_days(*db_, std::move(keys));
            }
            for (std::size_t i = 0; i < batch.size(); ++i) {
                std::size_t touched_before = context.touched_.size();
                context.job_worker_keys_.clear();
                auto forget_job_locks = [&] {
                    for (auto key : context.job_worker_keys_) context.worker_keys_held_.erase(key);
                };
                db_->execute("SAVEPOINT job");
                try {
                    batch[i]->job(context);
                    db_->execute("RELEASE SAVEPOINT job");
                    cache_.job_done();
                } catch (const SqlError& error) {
                    if (error.retryable()) throw;  // the whole batch tries again
                    db_->execute("ROLLBACK TO SAVEPOINT job");
                    db_->execute("RELEASE SAVEPOINT job");
                    forget_job_locks();
                    cache_.job_failed();
                    context.touched_.resize(touched_before);
                    outcomes[i] = std::current_exception();
                } catch (...) {
                    db_->execute("ROLLBACK TO SAVEPOINT job");
                    db_->execute("RELEASE SAVEPOINT job");
                    forget_job_locks();
                    cache_.job_failed();
                    context.touched_.resize(touched_before);
                    outcomes[i] = std::current_exception();
                }
            }
            std::optional<std::int64_t> version;
            if (!context.touched_.empty()) {
                auto touched = context.touched();
                version = store::bump_catalogue_version(*db_);
                store::stamp_versions(*db_, touched, *version);
            }
            store::commit(*db_);
            cache_.batch_committed(version);
            break;
        } catch (const SqlError& error) {
            cache_.batch_failed();
            store::rollback(*db_);
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
            cache_.batch_failed();
            store::rollback(*db_);
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
