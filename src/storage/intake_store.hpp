// Where inbound messages came from, so intake is exactly-once and replies thread: receipts
// (unique per tenant, source and external id), the Message-IDs (and social thread keys) that
// map mail to its ticket, and mailbox checkpoints. A receipt is written with its message, in
// the same transaction (NewMessage::receipt in ticket_store.hpp); this interface reads them
// and records the mappings that have no message of their own. Contract as in scope.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/scope.hpp"

namespace sp::storage {

struct MailboxCheckpoint {
  std::string source;
  std::int64_t uidvalidity = 0;
  std::int64_t last_uid = 0;
};

// The receipt, the Message-IDs that thread replies to the ticket and the mailbox checkpoint
// are written in the same transaction as the message. A second message with the same receipt
// fails with Conflict kind "duplicate-intake" and writes nothing.
struct InboundReceipt {
  std::string source;       // "imap:desk@host/INBOX", "gateway", "webhook:phone", "form"
  std::string external_id;  // Message-ID, event or call id
  std::vector<std::string> mail_message_ids;
  std::optional<MailboxCheckpoint> checkpoint;
};

class IntakeStore {
 public:
  virtual ~IntakeStore() = default;

  // The ticket an external message already became (receipt), and the ticket a mail with one
  // of these Message-IDs belongs to (threading; first match in order).
  virtual Result<std::optional<TicketId>> find_intake(TenantId tenant, const std::string& source,
                                                      const std::string& external_id) = 0;
  virtual Result<std::optional<TicketId>> find_ticket_by_mail_ids(
      TenantId tenant, const std::vector<std::string>& message_ids) = 0;
  // The Message-IDs of a ticket's mail (in and out), oldest first, at most `limit` newest.
  virtual Result<std::vector<std::string>> mail_ids_of_ticket(TenantId tenant, TicketId ticket,
                                                              int limit) = 0;
  // Maps the Message-IDs of outbound mail to their ticket, so replies thread.
  virtual Result<void> map_mail_ids(TenantId tenant, TicketId ticket,
                                    const std::vector<std::string>& message_ids) = 0;
  // Advances a mailbox checkpoint alone (a duplicate message was skipped).
  virtual Result<void> put_mailbox_checkpoint(TenantId tenant, const MailboxCheckpoint& checkpoint,
                                              Timestamp now) = 0;
};

}  // namespace sp::storage
