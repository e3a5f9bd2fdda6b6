#include "server/write_queue.hpp"

#include "server/api_error.hpp"

#include <algorithm>
#include <iostream>

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

void WriteQueue::run(Job job, std::vector<Id> group_locks, std::vector<Id> worker_locks) {
    auto pending = std::make_unique<Pending>();
    pending->job = std::move(job);
    pending->group_locks = std::move(group_locks);
    pending->worker_locks = std::move(worker_locks);
    auto done = pending->done.get_future();
    {
        std::lock_guard lock(mutex_);
        if (stopping_) fail(503, "shutting_down", "服务正在关闭", "the server is shutting down");
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

    auto sorted_locks = [&](std::vector<Id> Pending::*member) {
        std::vector<Id> locks;
        for (auto& pending : batch) locks.insert(locks.end(), ((*pending).*member).begin(), ((*pending).*member).end());
        std::sort(locks.begin(), locks.end());
        locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
        return locks;
    };
    const std::vector<Id> group_locks = sorted_locks(&Pending::group_locks);
    const std::vector<Id> worker_locks = sorted_locks(&Pending::worker_locks);

    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
        batch_failure = nullptr;
        std::fill(outcomes.begin(), outcomes.end(), nullptr);
        try {
            WriteContext context(*db_, clock_(), &cache_);
            store::begin_write(*db_);
            // Locks in one global order (groups, then workers, each by id), so two processes'
            // batches cannot deadlock.
            for (const auto& id : group_locks) store::lock_group(*db_, id);
            for (const auto& id : worker_locks) store::lock_worker(*db_, id);
            for (std::size_t i = 0; i < batch.size(); ++i) {
                std::size_t touched_before = context.touched_.size();
                db_->execute("SAVEPOINT job");
                try {
                    batch[i]->job(context);
                    db_->execute("RELEASE SAVEPOINT job");
                    cache_.job_done();
                } catch (const SqlError& error) {
                    if (error.retryable()) throw;  // the whole batch tries again
                    db_->execute("ROLLBACK TO SAVEPOINT job");
                    db_->execute("RELEASE SAVEPOINT job");
                    cache_.job_failed();
                    context.touched_.resize(touched_before);
                    outcomes[i] = std::current_exception();
                } catch (...) {
                    db_->execute("ROLLBACK TO SAVEPOINT job");
                    db_->execute("RELEASE SAVEPOINT job");
                    cache_.job_failed();
                    context.touched_.resize(touched_before);
                    outcomes[i] = std::current_exception();
                }
            }
            std::optional<std::int64_t> version;
            if (!context.touched_.empty()) {
                auto touched = context.touched();
                version = store::bump_catalogue_version(*db_);
                for (const auto& [kind, id] : touched) store::stamp_version(*db_, kind, id, *version);
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
