#include "storage/sqlite/write_queue.hpp"

#include <chrono>

namespace sp::storage::sqlite {

WriteQueue::WriteQueue(std::unique_ptr<Connection> connection, CommitObserver* observer,
                       std::size_t max_batch)
    : connection_(std::move(connection)), observer_(observer), max_batch_(max_batch) {
  thread_ = std::thread([this] { run(); });
}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Result<void> WriteQueue::submit(Work work) {
  Job job{std::move(work), false, {}};
  auto future = job.done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return unavailable("storage is shutting down");
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return future.get();
}

Result<void> WriteQueue::post(Work work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return unavailable("storage is shutting down");
    if (queue_.size() < kMaxPosted) {
      queue_.push_back(Job{std::move(work), false, {}});
      work = nullptr;
    }
  }
  if (work) return submit(std::move(work));
  wake_.notify_one();
  return {};
}

Result<void> WriteQueue::run_exclusive(Work work) {
  Job job{std::move(work), true, {}};
  auto future = job.done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return unavailable("storage is shutting down");
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return future.get();
}

void WriteQueue::run() {
  for (;;) {
    std::deque<Job> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      if (queue_.front().exclusive) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      } else {
        while (!queue_.empty() && !queue_.front().exclusive && batch.size() < max_batch_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    if (batch.front().exclusive) {
      Result<void> status = internal_error("exclusive job threw");
      try {
        status = batch.front().work(*connection_);
      } catch (const std::exception& e) {
        status = internal_error(std::string("exclusive job threw: ") + e.what());
      }
      batch.front().done.set_value(std::move(status));
      continue;
    }
    run_batch(batch);
  }
}

void WriteQueue::run_batch(std::deque<Job>& batch) {
  auto started = std::chrono::steady_clock::now();
  std::vector<Result<void>> results;
  results.reserve(batch.size());
  auto begin = connection_->exec("BEGIN IMMEDIATE");
  if (!begin) {
    for (auto& job : batch) job.done.set_value(begin.error());
    return;
  }
  for (auto& job : batch) {
    Result<void> status;
    auto savepoint = connection_->exec("SAVEPOINT job");
    if (!savepoint) {
      status = savepoint.error();
    } else {
      try {
        status = job.work(*connection_);
      } catch (const std::exception& e) {
        status = internal_error(std::string("write job threw: ") + e.what());
      }
      if (!status) {
        (void)connection_->exec("ROLLBACK TO job");
      }
      (void)connection_->exec("RELEASE job");
    }
    results.push_back(std::move(status));
  }
  auto commit = connection_->exec("COMMIT");
  if (!commit) {
    (void)connection_->exec("ROLLBACK");
    for (auto& job : batch) {
      job.done.set_value(unavailable("commit failed: " + commit.error().message));
    }
    return;
  }
  if (observer_ != nullptr) {
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    observer_->on_commit(elapsed.count(), batch.size());
  }
  for (std::size_t idx = 0; idx < batch.size(); ++idx) {
    batch[idx].done.set_value(std::move(results[idx]));
  }
}

}  // namespace sp::storage::sqlite
