// The helpdesk use cases: the one place where the pure domain meets storage. HTTP
// handlers, e-mail ingestion and jobs all call these functions, so validation, role
// checks and tenant isolation are decided once. Reads the Clock once per operation.
//
// Authorisation: a Principal is an authenticated agent. A platform administrator (no
// tenant) may act on every tenant and must name the tenant when creating objects; anyone
// else acts only inside their own tenant, and objects of other tenants are NotFound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "service/auth.hpp"
#include "storage/store.hpp"

namespace sp::service {

using namespace sp::domain;  // NOLINT
using storage::Scope;

struct Principal {
  Agent agent;
  Scope scope;
  bool via_api_token = false;
  std::string csrf_token;  // empty for API tokens
  bool is_platform_admin() const { return !agent.tenant_id && agent.role == Role::Admin; }
};

enum class Permission {
  ManageTenants,   // platform administrators
  ManageAgents,    // admin
  ManageTeams,     // admin, supervisor
  WriteCustomers,  // admin, supervisor, agent
  WriteTickets,    // admin, supervisor, agent
  AddNotes,        // everyone, QA reviewers included
  Read,            // everyone
};
// Fails with Forbidden naming the permission.
Result<void> require(const Principal& principal, Permission permission);

// The tenant a request acts on: the principal's own (naming another is InvalidInput, as
// if it did not exist), or for platform administrators the one they name, which must exist.
Result<TenantId> resolve_tenant(storage::Store& store, const Principal& p, std::optional<TenantId> named);

struct LoginResult {
  std::string session_token;  // the cookie value; only its digest is stored
  std::string csrf_token;
  Agent agent;
  Timestamp expires_at;
};

struct NewTenantInput {
  std::string slug, name, timezone = "UTC";
  Language language = Language::En;
};
struct NewTeamInput {
  std::optional<TenantId> tenant_id;
  std::string name;
};
struct NewAgentInput {
  std::optional<TenantId> tenant_id;
  std::string email, name, password;
  Role role = Role::Agent;
  std::optional<TeamId> team_id;
  Language language = Language::En;
};
struct NewCustomerInput {
  std::optional<TenantId> tenant_id;
  std::string name;
  std::vector<std::string> emails, phones;
  Language language = Language::En;
};
struct NewTicketInput {
  std::optional<TenantId> tenant_id;
  NewTicket ticket;
};

enum class TicketChangeKind { Created, Updated, Message };

// Told after every committed ticket change (the SLA engine recomputes the ticket's clocks;
// the change feed tells open pages).
class TicketObserver {
 public:
  virtual ~TicketObserver() = default;
  virtual void ticket_changed(const Ticket& ticket, TicketChangeKind change) = 0;
  // After ticket_changed(Message): the message itself (e-mail replies go out from here).
  virtual void message_added(const Ticket& /*ticket*/, const Message& /*message*/) {}
};

// Asked before an agent's public reply is stored (the conduct check, issue 18): an error stops
// the reply and is what the agent gets back.
class ReplyGate {
 public:
  virtual ~ReplyGate() = default;
  virtual Result<void> admit_reply(const Principal& p, TicketId ticket, const std::string& body) = 0;
  // What the check found in a reply that was stored (a JSON array as text) for the answer to
  // its sender; empty when nothing was recorded.
  virtual std::string reply_findings_json(TenantId tenant, TicketId ticket, MessageId message) = 0;
};

// Runs the tenant's automation rules after a change made through this service (issue 17): the
// one place every channel's creates and updates pass (history imports write through the store
// and never come here). Returns true when the rules changed the ticket.
class TicketAutomation {
 public:
  virtual ~TicketAutomation() = default;
  virtual bool after_change(const Ticket& ticket, TicketChangeKind change) = 0;
};

class HelpdeskService {
 public:
  // Set while wiring, before requests are served; none means no rules run.
  void set_automation(TicketAutomation* automation) { automation_ = automation; }
  // Tells the observers about a ticket change another service made through the store (the
  // automation rules' own changes), as every other committed change is told; runs no rules.
  void announce_change(const Ticket& ticket, TicketChangeKind change) { notify(ticket, change); }
  // Observers are added while wiring, before requests are served.
  void add_observer(TicketObserver* observer) { observers_.push_back(observer); }
  // Tells the observers about a message an intake appended through the store itself (a call
  // state with its call_recorded event), as every other committed change is told.
  void announce(const storage::AppendedMessage& appended) { notify(appended); }
  // Set while wiring, before requests are served; none means every reply is admitted.
  void set_reply_gate(ReplyGate* gate) { reply_gate_ = gate; }
  ReplyGate* reply_gate() const { return reply_gate_; }

  HelpdeskService(storage::Store& store, const Clock& clock, const PasswordHasher& hasher,
                  Duration session_lifetime = std::chrono::hours(12));

  // Authentication. Wrong e-mail and wrong password give the same Unauthenticated error.
  Result<LoginResult> login(const std::string& email, const std::string& password);
  Result<Principal> authenticate_session(const std::string& session_token);
  Result<Principal> authenticate_api_token(const std::string& token);
  Result<void> logout(const std::string& session_token);
  // Issues an API token for the principal; returns the clear token once.
  Result<std::string> create_api_token(const Principal& principal, const std::string& name);

  Result<Tenant> create_tenant(const Principal& p, NewTenantInput input);
  Result<std::vector<Tenant>> list_tenants(const Principal& p);
  Result<Tenant> get_tenant(const Principal& p, TenantId id);

  Result<Team> create_team(const Principal& p, NewTeamInput input);
  Result<std::vector<Team>> list_teams(const Principal& p);
  Result<Team> get_team(const Principal& p, TeamId id);

  Result<Agent> create_agent(const Principal& p, NewAgentInput input);
  Result<std::vector<Agent>> list_agents(const Principal& p);
  Result<Agent> get_agent(const Principal& p, AgentId id);

  Result<Customer> create_customer(const Principal& p, NewCustomerInput input);
  Result<std::vector<Customer>> list_customers(const Principal& p, storage::CustomerFilter filter);
  Result<Customer> get_customer(const Principal& p, CustomerId id);

  Result<Ticket> create_ticket(const Principal& p, NewTicketInput input);
  Result<Ticket> get_ticket(const Principal& p, TicketId id);
  Result<std::vector<Ticket>> list_tickets(const Principal& p, storage::TicketFilter filter);
  // The default views' sizes for this person (TicketStore::queue_counts).
  Result<storage::QueueCounts> queue_counts(const Principal& p, std::optional<TenantId> tenant);
  // Applies `patch` when the ticket's version equals `expected_version` (if given); a
  // mismatch is Conflict with kind "version-mismatch" and changes nothing.
  Result<Ticket> update_ticket(const Principal& p, TicketId id, const TicketPatch& patch,
                               std::optional<std::int64_t> expected_version);
  // Agents add outbound replies and notes; inbound messages come from customers through
  // channels (or from agents logging a phone call).
  Result<storage::AppendedMessage> add_message(const Principal& p, TicketId id, MessageKind kind,
                                               std::string body,
                                               std::optional<std::int64_t> expected_version);
  Result<std::vector<Message>> list_messages(const Principal& p, TicketId id);
  Result<std::vector<TicketEvent>> list_events(const Principal& p, TicketId id);

  // Customer-originated contacts (portal, web form, e-mail, webhooks) have no agent: the
  // channel has established tenant and customer. The first message is inbound, by them.
  // With a receipt, intake is exactly-once: a second call with the same receipt fails with
  // Conflict kind "duplicate-intake" and changes nothing (storage::InboundReceipt).
  Result<Ticket> open_customer_ticket(TenantId tenant, CustomerId customer, NewTicket ticket,
                                      std::optional<storage::InboundReceipt> receipt = {});
  // An inbound message by `customer` on a ticket of `tenant` (reopens a solved ticket). An
  // `automatic` one (out-of-office) is stored marked so and changes no status
  // (domain::add_automatic_message). `NewTicket::first_message_automatic` does the same for
  // open_customer_ticket.
  Result<storage::AppendedMessage> add_customer_message(TenantId tenant, CustomerId customer, TicketId id,
                                                        std::string body,
                                                        std::optional<storage::InboundReceipt> receipt = {},
                                                        bool automatic = false);
  // A system note (delivery failures, intake warnings) on a ticket.
  Result<storage::AppendedMessage> add_system_note(TenantId tenant, TicketId id, std::string body);
  // An outbound message written by the system (the survey invitation on solving), shown to
  // the customer and mailed on e-mail tickets like an agent's reply. Never changes status.
  Result<storage::AppendedMessage> add_system_reply(TenantId tenant, TicketId id, std::string body);
  // Finds a customer by e-mail address in a tenant, or creates one with that address.
  Result<Customer> find_or_create_customer(TenantId tenant, const std::string& email, const std::string& name,
                                           Language language);
  storage::Store& store() { return store_; }
  const Clock& clock() const { return clock_; }

  // Readiness: the database answers.
  Result<void> ping() { return store_.ping(); }

  // Administrative (CLI, seed): creates an agent without a principal.
  Result<Agent> bootstrap_agent(NewAgentInput input);

 private:
  Result<Principal> principal_for(AgentId id, bool via_api_token, std::string csrf);
  Result<void> check_ticket_references(TenantId tenant, const std::optional<TeamId>& team,
                                       const std::optional<AgentId>& assignee,
                                       const std::optional<CustomerId>& requester);

  storage::Store& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  Duration session_lifetime_;
  std::string dummy_hash_;
  std::vector<TicketObserver*> observers_;
  ReplyGate* reply_gate_ = nullptr;
  TicketAutomation* automation_ = nullptr;
  // Runs the rules after `ticket` changed; returns the ticket as they left it.
  Ticket automate(Ticket ticket, TicketChangeKind change);
  void notify(const Ticket& ticket, TicketChangeKind change) {
    for (auto* observer : observers_) observer->ticket_changed(ticket, change);
  }
  void notify(const storage::AppendedMessage& appended) {
    notify(appended.ticket, TicketChangeKind::Message);
    for (auto* observer : observers_) observer->message_added(appended.ticket, appended.message);
  }
};

}  // namespace sp::service
