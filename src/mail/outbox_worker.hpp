// Delivers due messages from an Outbox through a MailSender, recording each outcome with
// the RetryPolicy. run_once() does one pass (tests drive it with a FakeClock); start()
// runs passes on a thread until stop().
//
// Time: every decision uses Clock::now(); the thread only uses real time to sleep (until
// the next due message, at most idle_poll, or until notify()).
// Run one worker per database: recover() takes back every `sending` message, including
// one another live worker is sending at that moment (it would then be sent twice).
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "mail/outbox.hpp"
#include "mail/smtp_client.hpp"

namespace sp::mail {

struct OutboxWorkerOptions {
  RetryPolicy retry;
  int batch_size = 16;  // messages claimed per pass
  // Longest sleep between passes of the thread (new mail also wakes it via notify()).
  Duration idle_poll = std::chrono::seconds{5};
};

struct OutboxPass {
  int sent = 0;
  int rescheduled = 0;
  int failed = 0;
};

class OutboxWorker {
 public:
  // REQUIRES: outbox, sender and clock outlive the worker.
  OutboxWorker(Outbox& outbox, MailSender& sender, const Clock& clock, OutboxWorkerOptions options = {});
  ~OutboxWorker();  // stops the thread
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Crash recovery: puts messages left in `sending` back in the queue. start() calls it;
  // call it yourself when only using run_once(). Returns how many.
  Result<int> recover();

  // Claims due messages (one batch) and tries each once. Fails only when the outbox
  // itself fails; delivery failures are recorded and counted.
  Result<OutboxPass> run_once();

  // Recovers, then runs passes on a thread until stop(). Errors of the outbox are retried
  // after idle_poll.
  void start();
  // Wakes the thread early (e.g. right after enqueue).
  void notify();
  // Finishes the current pass and joins the thread. Idempotent.
  void stop();

 private:
  void loop();

  Outbox& outbox_;
  MailSender& sender_;
  const Clock& clock_;
  OutboxWorkerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool notified_ = false;
  std::thread thread_;
};

}  // namespace sp::mail
