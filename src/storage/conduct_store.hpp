// Storage of the conduct check (issue 18, migration 18): each tenant's conduct settings (word
// list additions and exceptions, glossary, own contacts, warn/block per kind) as one validated
// JSON document, and the findings of every checked agent reply, kept with the message for QA.
// Same contract as store.hpp: every call is a durable transaction and every query names the
// tenant; the schema ties a message's findings to the message (deleted with it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

struct ConductSettingsRecord {
  TenantId tenant_id;
  std::string settings_json;  // validated by service::ConductService before storing
  Timestamp updated_at;
};

struct MessageConductRecord {
  TenantId tenant_id;
  TicketId ticket_id;
  MessageId message_id;
  std::string findings_json;  // a JSON array of findings (without the matched text)
  int finding_count = 0;
  Timestamp checked_at;
};

// At most this many messages' findings are read per ticket.
inline constexpr int kMaxConductRecordsPerTicket = 1'000;

class ConductStore {
 public:
  virtual ~ConductStore() = default;

  // The tenant's settings, or nullopt when they were never put.
  virtual Result<std::optional<ConductSettingsRecord>> get_conduct_settings(TenantId tenant) = 0;
  // Creates or replaces the tenant's settings.
  virtual Result<void> put_conduct_settings(const ConductSettingsRecord& settings) = 0;
  // Stores (or replaces) the findings of one message of the tenant's ticket. Fails with
  // Conflict when the message is not one of that ticket.
  virtual Result<void> put_message_findings(const MessageConductRecord& record) = 0;
  // The findings stored for the messages of one ticket of the tenant, oldest message first, at
  // most kMaxConductRecordsPerTicket.
  virtual Result<std::vector<MessageConductRecord>> message_findings(TenantId tenant, TicketId ticket) = 0;
};

}  // namespace sp::storage
