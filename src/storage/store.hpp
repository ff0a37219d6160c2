// The storage interface: everything servicepact persists, behind one abstract class so
// nothing outside storage/ knows which database runs (SQLite now, PostgreSQL later).
//
// Contract for every implementation:
// - Every call is a complete transaction. A call that returns successfully has been made
//   durable (committed with the configured synchronous level) before it returns.
// - Tenant isolation: calls that take a `Scope` only see rows of that tenant; a row of
//   another tenant is reported as NotFound, exactly like a missing one.
// - Thread-safe: any number of threads may call concurrently. Writes are serialised by
//   the implementation (SQLite: one writer thread that group-commits).
// - Errors: constraint violations are Conflict, a busy or failing database Unavailable,
//   anything else Internal. No database type crosses this interface.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "domain/ticket_rules.hpp"

namespace sp::storage {

using namespace sp::domain;  // NOLINT: the storage vocabulary is the domain's

// Which tenant a request may see. `tenant` empty means the platform (all tenants).
struct Scope {
  std::optional<TenantId> tenant;
  static Scope platform() { return Scope{}; }
  static Scope of(TenantId id) { return Scope{id}; }
  bool allows(TenantId id) const { return !tenant || *tenant == id; }
};

inline constexpr int kMaxPageSize = 500;

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
  std::optional<std::int64_t> before_id;   // cursor: tickets with id < before_id
  int limit = 50;                          // 1..kMaxPageSize
  // SLA views: only tickets whose running clocks are at risk / breached; and ordering by
  // the earliest running due time (tickets without one last) instead of newest first.
  bool sla_at_risk_only = false;
  bool sla_breached_only = false;
  bool sort_by_due = false;
  // Paging for sort_by_due: due order shifts as clocks run, so it pages by offset.
  int offset = 0;
};

// A customer's single-use sign-in link for the portal; only the token's digest is stored.
struct PortalLink {
  std::string token_hash;
  TenantId tenant_id;
  CustomerId customer_id;
  Timestamp created_at;
  Timestamp expires_at;
};

struct CustomerSession {
  std::string token_hash;
  TenantId tenant_id;
  CustomerId customer_id;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

struct CustomerFilter {
  std::optional<std::string> email;        // exact, normalised
  std::optional<std::string> phone;        // exact, normalised ('+' and digits)
  std::optional<std::int64_t> before_id;
  int limit = 50;
};

struct Session {
  std::string token_hash;  // SHA-256 hex of the cookie value; the value itself is never stored
  AgentId agent_id;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

struct ApiToken {
  std::int64_t id = 0;
  std::string token_hash;
  AgentId agent_id;
  std::string name;
  Timestamp created_at;
};

struct AgentCredentials {
  Agent agent;
  std::string password_hash;  // argon2id encoded string
};

// A message to append, with the ticket change it causes decided inside the transaction.
// Where an inbound message came from, so intake is exactly-once: the receipt (unique per
// tenant, source and external id), the Message-IDs that thread replies to the ticket and
// the mailbox checkpoint are written in the same transaction as the message. A second
// message with the same receipt fails with Conflict kind "duplicate-intake" and writes
// nothing.
struct MailboxCheckpoint {
  std::string source;
  std::int64_t uidvalidity = 0;
  std::int64_t last_uid = 0;
};
struct InboundReceipt {
  std::string source;       // "imap:desk@host/INBOX", "gateway", "webhook:phone", "form"
  std::string external_id;  // Message-ID, event or call id
  std::vector<std::string> mail_message_ids;
  std::optional<MailboxCheckpoint> checkpoint;
};

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
  Ticket ticket;                 // ids are assigned on import
  std::vector<Message> messages;  // in order; message_id in events refers to the index + 1
  std::vector<TicketEvent> events;
};

// Decides a ticket change from the current row, inside the write transaction, so a
// read-check-write (version check, transition rule) is atomic.
using TicketDecision = std::function<Result<TicketChange>(const Ticket& current)>;

struct TicketHistory {
  Ticket ticket;
  std::vector<TicketEvent> events;  // in seq order
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies pending migrations; returns the schema version now in force.
  virtual Result<int> migrate() = 0;
  virtual Result<int> schema_version() = 0;
  // Cheap check that the database answers (readiness).
  virtual Result<void> ping() = 0;

  virtual Result<Tenant> create_tenant(Tenant tenant) = 0;
  virtual Result<std::vector<Tenant>> list_tenants(const Scope& scope) = 0;
  virtual Result<Tenant> get_tenant(const Scope& scope, TenantId id) = 0;
  virtual Result<Tenant> find_tenant_by_slug(const std::string& slug) = 0;

  virtual Result<Team> create_team(Team team) = 0;
  virtual Result<std::vector<Team>> list_teams(const Scope& scope) = 0;
  virtual Result<Team> get_team(const Scope& scope, TeamId id) = 0;

  virtual Result<Agent> create_agent(Agent agent, std::string password_hash) = 0;
  virtual Result<std::vector<Agent>> list_agents(const Scope& scope) = 0;
  virtual Result<Agent> get_agent(const Scope& scope, AgentId id) = 0;
  virtual Result<AgentCredentials> find_agent_by_email(const std::string& email) = 0;

  virtual Result<Customer> create_customer(Customer customer) = 0;
  virtual Result<std::vector<Customer>> list_customers(const Scope& scope,
                                                       const CustomerFilter& filter) = 0;
  virtual Result<Customer> get_customer(const Scope& scope, CustomerId id) = 0;

  // Inserts the drafted ticket, its first message (if any) and its opening events.
  virtual Result<Ticket> create_ticket(TicketDraft draft,
                                       std::optional<NewMessage> first_message) = 0;
  virtual Result<Ticket> get_ticket(const Scope& scope, TicketId id) = 0;
  virtual Result<std::vector<Ticket>> list_tickets(const Scope& scope,
                                                   const TicketFilter& filter) = 0;
  // Loads the ticket, calls `decide`, stores the new row and appends the events. When the
  // decision fails, nothing is written and its error is returned.
  virtual Result<Ticket> update_ticket(const Scope& scope, TicketId id,
                                       const TicketDecision& decide) = 0;
  virtual Result<AppendedMessage> append_message(const Scope& scope, TicketId id,
                                                 NewMessage message,
                                                 const TicketDecision& decide) = 0;
  virtual Result<std::vector<Message>> list_messages(const Scope& scope, TicketId id) = 0;
  virtual Result<std::vector<TicketEvent>> list_events(const Scope& scope, TicketId id) = 0;
  // The ticket and its events, read together (one read instead of two).
  virtual Result<TicketHistory> ticket_history(const Scope& scope, TicketId id) = 0;
  // Imports complete tickets in one transaction (demo seed, migrations from other desks).
  virtual Result<void> import_tickets(std::vector<ImportedTicket> tickets) = 0;
  virtual Result<std::int64_t> count_tickets(const Scope& scope) = 0;
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
  virtual Result<std::vector<AgentActivity>> agent_activity(const Scope& scope, Timestamp from,
                                                            Timestamp to, int limit) = 0;
  // Tickets a report over [from, to) needs: created in the window, or created before it and
  // still open or changed since `from` (they count in the backlog). At most `limit`.
  virtual Result<std::vector<Ticket>> tickets_for_report(const Scope& scope, Timestamp from,
                                                         Timestamp to, int limit) = 0;
  virtual Result<std::vector<Arrival>> ticket_arrivals(const Scope& scope, Timestamp from,
                                                       Timestamp to, int limit) = 0;

  virtual Result<void> create_session(Session session) = 0;
  virtual Result<Session> find_session(const std::string& token_hash, Timestamp now) = 0;
  virtual Result<void> delete_session(const std::string& token_hash) = 0;

  // Intake: the ticket an external message already became (receipt), and the ticket a
  // mail with one of these Message-IDs belongs to (threading; first match in order).
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

  // Customer portal. consume_portal_link marks the link used and returns it, atomically;
  // an unknown, used or expired link is Unauthenticated.
  virtual Result<void> create_portal_link(PortalLink link) = 0;
  virtual Result<PortalLink> consume_portal_link(const std::string& token_hash, Timestamp now) = 0;
  virtual Result<void> create_customer_session(CustomerSession session) = 0;
  virtual Result<CustomerSession> find_customer_session(const std::string& token_hash,
                                                        Timestamp now) = 0;
  virtual Result<void> delete_customer_session(const std::string& token_hash) = 0;
  // Summaries for a page of tickets (same tenant scope rules as get_ticket), keyed by id.
  virtual Result<std::vector<std::pair<TicketId, TicketSummary>>> ticket_summaries(
      const Scope& scope, const std::vector<TicketId>& ids) = 0;
  virtual Result<ApiToken> create_api_token(ApiToken token) = 0;
  virtual Result<ApiToken> find_api_token(const std::string& token_hash) = 0;

  // Small key/value settings (e.g. "demo_seeded").
  virtual Result<std::optional<std::string>> get_setting(const std::string& key) = 0;
  virtual Result<void> put_setting(const std::string& key, const std::string& value) = 0;
};

// Observes durable commits (for the /metrics commit-latency histogram).
struct CommitObserver {
  virtual ~CommitObserver() = default;
  virtual void on_commit(double seconds, std::size_t batch_size) = 0;
};

}  // namespace sp::storage
