// What e-mail intake remembers beyond tickets and messages (migration 12): the automatic
// replies sent per tenant and address, so "at most K per hour" holds across mail-gateway
// processes (one per message) and restarts; and each ticket's mail participants (the
// addresses its accepted mail was from, to or copied to), who may add to the ticket by mail.
// Addresses are given normalised (lower case). Implementations are thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

class MailIntakeStore {
 public:
  virtual ~MailIntakeStore() = default;

  // Records an automatic reply to `address` at `now` unless `limit` were already recorded for
  // it in (now - window, now]; returns whether it was recorded. Atomic: two processes taking
  // the last slot at once get one true and one false. Forgets records older than the window.
  virtual Result<bool> take_auto_reply_slot(TenantId tenant, const std::string& address, Timestamp now,
                                            std::chrono::seconds window, int limit) = 0;

  // Adds `addresses` to the ticket's mail participants (already known ones stay as they are).
  virtual Result<void> add_mail_participants(TenantId tenant, TicketId ticket,
                                             const std::vector<std::string>& addresses, Timestamp now) = 0;
  // Whether `address` is one of the ticket's mail participants.
  virtual Result<bool> is_mail_participant(TenantId tenant, TicketId ticket, const std::string& address) = 0;
};

}  // namespace sp::storage
