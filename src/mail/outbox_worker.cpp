#include "mail/outbox_worker.hpp"

#include <algorithm>

namespace sp::mail {

OutboxWorker::OutboxWorker(Outbox& outbox, MailSender& sender, const Clock& clock,
                           OutboxWorkerOptions options)
    : outbox_(outbox), sender_(sender), clock_(clock), options_(std::move(options)) {}

OutboxWorker::~OutboxWorker() {
  stop();
}

Result<int> OutboxWorker::recover() {
  return outbox_.requeue_stuck(clock_.now());
}

Result<OutboxPass> OutboxWorker::run_once() {
  OutboxPass pass;
  auto claimed = outbox_.claim_due(clock_.now(), options_.batch_size);
  if (!claimed) return claimed.error();
  for (const OutboundMail& mail : *claimed) {
    auto sent = sender_.send(Envelope{mail.envelope_from, mail.recipients}, mail.raw);
    if (sent) {
      SP_TRY(outbox_.mark_sent(mail.id, clock_.now()));
      ++pass.sent;
      continue;
    }
    auto state = record_failure(outbox_, mail, sent.error(), options_.retry, clock_.now());
    if (!state) return state.error();
    if (*state == OutboundState::Failed) {
      ++pass.failed;
    } else {
      ++pass.rescheduled;
    }
  }
  return pass;
}

void OutboxWorker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void OutboxWorker::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::loop() {
  bool recovered = false;
  for (;;) {
    Duration sleep = options_.idle_poll;
    if (!recovered) recovered = recover().ok();
    if (recovered) {
      auto pass = run_once();
      if (pass && pass->sent + pass->rescheduled + pass->failed >= options_.batch_size) {
        sleep = Duration::zero();  // a full batch: more may be due right now
      } else if (pass) {
        auto next = outbox_.next_due();
        if (next && *next) {
          sleep = std::clamp(**next - clock_.now(), Duration::zero(), options_.idle_poll);
        }
      }
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, sleep, [this] { return stopping_ || notified_; });
    notified_ = false;
    if (stopping_) return;
  }
}

}  // namespace sp::mail
