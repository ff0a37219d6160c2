// Group commit: one writer thread owns the only read-write connection. Callers submit
// jobs and block until the transaction holding their job is durable. The writer drains
// everything queued into one transaction (each job in its own SAVEPOINT, so one failing
// job does not abort the others), commits once, then wakes every caller. Durability thus
// costs one fsync per batch rather than per request.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "core/result.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/store.hpp"

namespace sp::storage::sqlite {

class WriteQueue {
 public:
  using Work = std::function<Result<void>(Connection&)>;

  WriteQueue(std::unique_ptr<Connection> connection, CommitObserver* observer, std::size_t max_batch = 512);
  ~WriteQueue();  // finishes every queued job, then stops

  // Runs `work` inside the writer's transaction and returns once it is committed (or
  // failed). Returns Unavailable after shutdown began.
  Result<void> submit(Work work);
  // Queues `work` for the next transaction and returns at once (issue 19: audit entries of
  // reads). Its outcome is not reported; the destructor still commits it. When more than
  // kMaxPosted jobs wait, waits like submit (back-pressure, so the queue stays bounded).
  Result<void> post(Work work);
  static constexpr std::size_t kMaxPosted = 10'000;

  // Runs `work` alone, outside any transaction (migrations manage their own).
  Result<void> run_exclusive(Work work);

 private:
  struct Job {
    Work work;
    bool exclusive = false;
    std::promise<Result<void>> done;
  };
  void run();
  void run_batch(std::deque<Job>& batch);

  std::unique_ptr<Connection> connection_;
  CommitObserver* observer_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sp::storage::sqlite
