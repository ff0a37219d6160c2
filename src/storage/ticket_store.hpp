// Tickets with their messages and event history: created, changed (the change decided from
// the current row inside the write transaction), listed, read back and summarised for queues
// and reports. Contract as in scope.hpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/ticket_rules.hpp"
#include "storage/directory_store.hpp"
#include "storage/intake_store.hpp"
#include "storage/scope.hpp"

namespace sp::storage {

// A ticket's place in the urgency order (TicketFilter::sort_by_urgency): segment 0 can still
// be met, 1 breached, 2 has no running clock; `due_ms` is the earliest due time (0 in 2).
struct UrgencyKey {
  int segment = 0;
  std::int64_t due_ms = 0;
  std::int64_t id = 0;
  friend bool operator==(const UrgencyKey&, const UrgencyKey&) = default;
};

struct TicketFilter {
  std::optional<TenantId> tenant;  // narrows a platform scope to one tenant
  std::vector<Status> statuses;    // any of these; empty = all
  std::optional<TeamId> team;
  std::optional<AgentId> assignee;
  bool unassigned_only = false;
  std::optional<CustomerId> requester;
  std::optional<Timestamp> updated_since;  // updated_at >= this
  std::optional<Channel> channel;
  // Case-insensitive substring of the subject or the requester's name (at most 200 bytes).
  std::optional<std::string> search;
  std::optional<std::int64_t> before_id;  // cursor: tickets with id < before_id
  int limit = 50;                         // 1..kMaxPageSize
  // SLA views: only tickets whose running clocks are at risk / breached; and ordering by
  // the earliest running due time (tickets without one last) instead of newest first.
  bool sla_at_risk_only = false;
  bool sla_breached_only = false;
  bool sort_by_due = false;
  // Urgency order, the queue's default: first the tickets whose clocks can still be met
  // (not breached), soonest due first; then the breached ones, most recently due first (a
  // ticket breached months ago is not what to save next); then those without a running
  // clock, newest first.
  bool sort_by_urgency = false;
  // Paging for both due orders, by keyset: the key of the previous page's last row.
  std::optional<UrgencyKey> after;
};

// A listed ticket's key in the filter's due order, from its summary (TicketSummary).
inline UrgencyKey urgency_key(const TicketFilter& filter, TicketId id, const TicketSummary& summary) {
  if (!summary.sla_due_at) return {filter.sort_by_urgency ? 2 : 1, 0, id.value};
  const int segment = filter.sort_by_urgency && summary.sla_breached ? 1 : 0;
  return {segment, to_unix_ms(*summary.sla_due_at), id.value};
}

// The default views' sizes, from counters kept with every write (never a scan of tickets):
// open work (new, open, pending, on hold) assigned to `me` and unassigned, and the tickets
// whose running clocks are at risk (not yet breached) or breached.
struct QueueCounts {
  std::int64_t open = 0;
  std::int64_t mine = 0;
  std::int64_t unassigned = 0;
  std::int64_t at_risk = 0;
  std::int64_t breached = 0;
};

// A message to append, with the ticket change it causes decided inside the transaction.
// With a receipt, the message is recorded exactly once (intake_store.hpp).
struct NewMessage {
  MessageKind kind = MessageKind::Inbound;
  Actor author;
  std::string body;
  Timestamp at;
  std::optional<InboundReceipt> receipt;
  bool automatic = false;  // Message::automatic
};

struct AppendedMessage {
  Ticket ticket;
  Message message;
};

// A complete ticket with its history, for the demo seed and imports.
struct ImportedTicket {
  Ticket ticket;                  // ids are assigned on import
  std::vector<Message> messages;  // in order; message_id in events refers to the index + 1
  std::vector<TicketEvent> events;
};

// One imported ticket to write (history imports): a new ticket with its whole history, or
// (with `existing`) what a later export added to a ticket imported before: its new row, the
// new messages and the new events (message_id in events refers to the index in `messages` + 1,
// as in ImportedTicket).
struct ExternalTicketWrite {
  ExternalRef ref;
  std::optional<TicketId> existing;
  std::int64_t expected_version = 0;  // of `existing`: Conflict "version-mismatch" if it moved
  ImportedTicket history;
  std::vector<std::string> message_external_ids;  // one per history.messages
  Timestamp imported_at;
};

// Decides a ticket change from the current row, inside the write transaction, so a
// read-check-write (version check, transition rule) is atomic.
using TicketDecision = std::function<Result<TicketChange>(const Ticket& current)>;

struct TicketHistory {
  Ticket ticket;
  std::vector<TicketEvent> events;  // in seq order
};

class TicketStore {
 public:
  virtual ~TicketStore() = default;

  // Inserts the drafted ticket, its first message (if any) and its opening events.
  virtual Result<Ticket> create_ticket(TicketDraft draft, std::optional<NewMessage> first_message) = 0;
  virtual Result<Ticket> get_ticket(const Scope& scope, TicketId id) = 0;
  virtual Result<std::vector<Ticket>> list_tickets(const Scope& scope, const TicketFilter& filter) = 0;
  // Loads the ticket, calls `decide`, stores the new row and appends the events. When the
  // decision fails, nothing is written and its error is returned.
  virtual Result<Ticket> update_ticket(const Scope& scope, TicketId id, const TicketDecision& decide) = 0;
  virtual Result<AppendedMessage> append_message(const Scope& scope, TicketId id, NewMessage message,
                                                 const TicketDecision& decide) = 0;
  virtual Result<std::vector<Message>> list_messages(const Scope& scope, TicketId id) = 0;
  virtual Result<std::vector<TicketEvent>> list_events(const Scope& scope, TicketId id) = 0;
  // The ticket and its events, read together (one read instead of two).
  virtual Result<TicketHistory> ticket_history(const Scope& scope, TicketId id) = 0;
  // Imports complete tickets in one transaction (demo seed, migrations from other desks).
  virtual Result<void> import_tickets(std::vector<ImportedTicket> tickets) = 0;
  // History imports. The tickets of `tenant` imported from `source`, and the external ids of
  // a ticket's imported messages.
  virtual Result<ExternalIds<TicketId>> external_tickets(TenantId tenant, const std::string& source) = 0;
  virtual Result<std::vector<std::string>> external_message_ids(const Scope& scope, TicketId id) = 0;
  // Writes every ticket in its own savepoint of one transaction, so a ticket is written with
  // all its messages or not at all, and one failing ticket leaves the others. Returns one
  // result per ticket, in order (Conflict "duplicate" for an external id that is taken).
  // REQUIRES: every ticket belongs to `tenant`.
  virtual Result<std::vector<Result<TicketId>>> import_external_tickets(
      TenantId tenant, std::vector<ExternalTicketWrite> tickets) = 0;
  virtual Result<std::int64_t> count_tickets(const Scope& scope) = 0;
  // The default views' sizes in `tenant` (all of the scope's tenants when empty); `mine`
  // counts the open work assigned to `me`.
  virtual Result<QueueCounts> queue_counts(const Scope& scope, std::optional<TenantId> tenant,
                                           std::optional<AgentId> me) = 0;
  // Summaries for a page of tickets (same tenant scope rules as get_ticket), keyed by id.
  virtual Result<std::vector<std::pair<TicketId, TicketSummary>>> ticket_summaries(
      const Scope& scope, const std::vector<TicketId>& ids) = 0;

  // Arrival instants and channels of the tickets created in [from, to), oldest first, at
  // most `limit` (the contact history that forecasts learn from).
  struct Arrival {
    Timestamp at;
    Channel channel;
  };
  // What agents did in [from, to): replies and notes (messages they wrote) and other
  // ticket changes (events they caused), with the ticket's channel and abusive flag (tag
  // "abusive"). For agent-load figures; at most `limit` rows.
  struct AgentActivity {
    AgentId agent;
    Timestamp at;
    enum class Kind { Reply, Note, Change } kind = Kind::Reply;
    Channel channel = Channel::Web;
    TicketId ticket;
    bool abusive = false;
  };
  virtual Result<std::vector<AgentActivity>> agent_activity(const Scope& scope, Timestamp from, Timestamp to,
                                                            int limit) = 0;
  // Tickets a report over [from, to) needs: created in the window, or created before it and
  // still open or changed since `from` (they count in the backlog). At most `limit`.
  virtual Result<std::vector<Ticket>> tickets_for_report(const Scope& scope, Timestamp from, Timestamp to,
                                                         int limit) = 0;
  virtual Result<std::vector<Arrival>> ticket_arrivals(const Scope& scope, Timestamp from, Timestamp to,
                                                       int limit) = 0;
};

}  // namespace sp::storage
