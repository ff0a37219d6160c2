// IMAP IDLE (RFC 2177): waits on an open connection until the server announces new mail in
// a mailbox, so the poller runs at once instead of at the next poll. Only a wake-up: what
// is new is still decided by the poller's UID checkpoint, so a missed or spurious wake-up
// loses nothing. When the server does not offer IDLE, or the connection fails, wait()
// says so and the caller falls back to sleeping until the next poll.
// Not thread-safe; one watcher per mailbox.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "mail/imap_client.hpp"

namespace sp::kinds {
inline constexpr std::string_view kIdleUnsupported = "idle-unsupported";
}  // namespace sp::kinds

namespace sp::mail {

enum class IdleWake { NewMail, Timeout };

class ImapIdleWatcher {
 public:
  ImapIdleWatcher(ImapConfig config, std::string mailbox);
  ~ImapIdleWatcher();
  ImapIdleWatcher(const ImapIdleWatcher&) = delete;
  ImapIdleWatcher& operator=(const ImapIdleWatcher&) = delete;

  // Blocks until new mail is announced or `timeout` passes (at most 29 minutes, as RFC 2177
  // advises). Fails with Unavailable on network errors and with InvalidInput kind
  // kinds::kIdleUnsupported when the server has no IDLE capability; the connection is dropped
  // and made again on the next call.
  Result<IdleWake> wait(std::chrono::milliseconds timeout);

 private:
  struct Connection;
  Result<void> connect();
  ImapConfig config_;
  std::string mailbox_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace sp::mail
