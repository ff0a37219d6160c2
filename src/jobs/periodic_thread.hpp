// The thread under the background jobs: runs a pass, waits what the pass asks (its interval,
// nothing while there is a backlog, longer after an error), and again, until stop() or the pass
// says it is done. stop() wakes a waiting thread at once and joins it; a pass is never cut off.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/time.hpp"

namespace sp::jobs {

class PeriodicThread {
 public:
  // What to wait before the next pass; empty ends the thread.
  using Pass = std::function<std::optional<Duration>()>;

  PeriodicThread() = default;
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;
  ~PeriodicThread() { stop(); }

  void start(Pass pass) {
    thread_ = std::thread([this, pass = std::move(pass)] {
      std::unique_lock lock(mutex_);
      while (!stopping_) {
        lock.unlock();
        const auto wait = pass();
        lock.lock();
        if (!wait) return;
        if (*wait > Duration::zero()) wake_.wait_for(lock, *wait, [this] { return stopping_; });
      }
    });
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sp::jobs
