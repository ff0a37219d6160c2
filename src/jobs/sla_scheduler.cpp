#include "jobs/sla_scheduler.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

SlaScheduler::SlaScheduler(service::SlaService& sla, const Clock& clock, Duration max_sleep)
    : sla_(sla), clock_(clock), max_sleep_(max_sleep) {}

SlaScheduler::~SlaScheduler() {
  stop();
}

void SlaScheduler::start() {
  sla_.set_wake([this] {
    {
      std::lock_guard lock(mutex_);
      woken_ = true;
    }
    wake_.notify_all();
  });
  // The server answers while open tickets' clocks are recomputed (only after the SLA rules
  // changed, e.g. an upgrade): at a million tickets that takes minutes, and the stored
  // timers already hold what was due.
  thread_ = std::thread([this] {
    recompute_at_start();
    loop();
  });
}

void SlaScheduler::recompute_at_start() {
  auto started = std::chrono::steady_clock::now();
  auto fired = sla_.recompute_if_rules_changed([this] {
    std::lock_guard lock(mutex_);
    return !stopping_;
  });
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  if (fired && *fired) {
    spdlog::info(
        "SLA: rules changed since the last start; recomputed open tickets in {:.2f} s; {} notices fired",
        elapsed.count(), **fired);
  } else if (fired) {
    spdlog::info("SLA: timers are current (rules {}); nothing to recompute at start",
                 service::SlaService::kRulesVersion);
  } else {
    spdlog::error("SLA: recompute at start failed: {}", fired.error().message);
  }
}

void SlaScheduler::stop() {
  sla_.set_wake(nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int> SlaScheduler::run_once() {
  auto changed = sla_.refresh_changed();
  if (!changed) return changed.error();
  int total = *changed;
  // Drain in batches so a backlog after downtime is worked off before sleeping.
  for (int round = 0; round < 100; ++round) {
    auto fired = sla_.process_due(256);
    if (!fired) return fired.error();
    total += *fired;
    auto earliest = sla_.earliest_deadline();
    if (!earliest) return earliest.error();
    if (!*earliest || **earliest > clock_.now()) break;
  }
  return total;
}

void SlaScheduler::loop() {
  for (;;) {
    auto fired = run_once();
    if (!fired) spdlog::warn("SLA scheduler: {}", fired.error().message);
    if (fired && sla_.more_marks_pending()) {
      // A backlog of durable marks (an import, another process): work it off without sleeping.
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      continue;
    }
    Duration sleep = max_sleep_;
    if (auto earliest = sla_.earliest_deadline(); earliest && *earliest) {
      auto until = **earliest - clock_.now();
      if (until < sleep) sleep = std::max(until, Duration(10));
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, sleep, [this] { return stopping_ || woken_; }) && stopping_) return;
    woken_ = false;
  }
}

}  // namespace sp::jobs
