#include "service/helpdesk.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace sp::service {

namespace {

Error unauthenticated(std::string message) {
  return Error{ErrorCode::Unauthenticated, std::move(message)};
}

// Marks a referenced id that does not exist for this tenant as bad input, naming the field.
Error unknown_reference(const Error& error, const char* field) {
  if (error.code != ErrorCode::NotFound) return error;
  return invalid_input(error.message, field);
}

Result<void> check_version(std::optional<std::int64_t> expected, const Ticket& current) {
  if (expected && *expected != current.version) {
    return conflict(
        "the ticket was changed by someone else (now version " + std::to_string(current.version) + ")",
        kinds::kVersionMismatch);
  }
  return {};
}

}  // namespace

Result<void> require(const Principal& principal, Permission permission) {
  const Role role = principal.agent.role;
  bool allowed = false;
  switch (permission) {
    case Permission::ManageTenants:
      allowed = principal.is_platform_admin();
      break;
    case Permission::ManageAgents:
      allowed = role == Role::Admin;
      break;
    case Permission::ManageTeams:
      allowed = role == Role::Admin || role == Role::Supervisor;
      break;
    case Permission::WriteCustomers:
    case Permission::WriteTickets:
      allowed = role == Role::Admin || role == Role::Supervisor || role == Role::Agent;
      break;
    case Permission::AddNotes:
    case Permission::Read:
      allowed = true;
      break;
  }
  if (!allowed) {
    return forbidden("the role " + std::string(to_string(role)) + " may not do this");
  }
  return {};
}

HelpdeskService::HelpdeskService(storage::Store& store, const Clock& clock, const PasswordHasher& hasher,
                                 Duration session_lifetime)
    : store_(store), clock_(clock), hasher_(hasher), session_lifetime_(session_lifetime) {
  auto dummy = hasher_.hash("not-a-real-password-only-for-timing");
  if (dummy) dummy_hash_ = *dummy;
}

// ---------------------------------------------------------------------------------------
// Authentication

Result<LoginResult> HelpdeskService::login(const std::string& email, const std::string& password) {
  auto normalised = normalise_email(email);
  auto credentials = normalised ? store_.find_agent_by_email(*normalised)
                                : Result<storage::AgentCredentials>(not_found("bad e-mail"));
  if (!credentials) {
    if (credentials.error().code != ErrorCode::NotFound) return credentials.error();
    (void)hasher_.verify(dummy_hash_, password);  // same cost as a real check
    return unauthenticated("wrong e-mail or password");
  }
  if (!hasher_.verify(credentials->password_hash, password) || !credentials->agent.active) {
    return unauthenticated("wrong e-mail or password");
  }
  auto now = clock_.now();
  LoginResult result{random_token(), random_token(), credentials->agent, now + session_lifetime_};
  SP_TRY(store_.create_session(storage::Session{token_digest(result.session_token), credentials->agent.id,
                                                result.csrf_token, now, result.expires_at}));
  return result;
}

Result<Principal> HelpdeskService::principal_for(AgentId id, bool via_api_token, std::string csrf) {
  auto agent = store_.get_agent(Scope::platform(), id);
  if (!agent) return unauthenticated("the account no longer exists");
  if (!agent->active) return unauthenticated("the account is disabled");
  Principal principal{*agent, Scope{agent->tenant_id}, via_api_token, std::move(csrf)};
  return principal;
}

Result<Principal> HelpdeskService::authenticate_session(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 200) {
    return unauthenticated("no session");
  }
  auto session = store_.find_session(token_digest(session_token), clock_.now());
  if (!session) return session.error();
  return principal_for(session->agent_id, false, session->csrf_token);
}

Result<Principal> HelpdeskService::authenticate_api_token(const std::string& token) {
  if (token.empty() || token.size() > 200) return unauthenticated("no API token");
  auto found = store_.find_api_token(token_digest(token));
  if (!found) return found.error();
  return principal_for(found->agent_id, true, {});
}

Result<void> HelpdeskService::logout(const std::string& session_token) {
  return store_.delete_session(token_digest(session_token));
}

Result<std::string> HelpdeskService::create_api_token(const Principal& p, const std::string& name) {
  auto label = require_text(name, "name", kMaxNameBytes);
  if (!label) return label.error();
  std::string token = "spt_" + random_token();
  SP_TRY(
      store_.create_api_token(storage::ApiToken{0, token_digest(token), p.agent.id, *label, clock_.now()}));
  return token;
}

// ---------------------------------------------------------------------------------------
// Tenants, teams, agents, customers

Result<TenantId> resolve_tenant(storage::Store& store, const Principal& p, std::optional<TenantId> named) {
  if (p.scope.tenant) {
    if (named && *named != *p.scope.tenant) {
      return invalid_input("tenant " + std::to_string(named->value) + " not found", "tenant_id");
    }
    return *p.scope.tenant;
  }
  if (!named) return invalid_input("tenant_id is required for platform administrators", "tenant_id");
  auto tenant = store.get_tenant(p.scope, *named);
  if (!tenant) return unknown_reference(tenant.error(), "tenant_id");
  return *named;
}

Result<Tenant> HelpdeskService::create_tenant(const Principal& p, NewTenantInput input) {
  SP_TRY(require(p, Permission::ManageTenants));
  Tenant tenant;
  auto slug = validate_slug(input.slug);
  if (!slug) return slug.error();
  auto name = require_text(input.name, "name", kMaxNameBytes);
  if (!name) return name.error();
  if (input.timezone.empty() || input.timezone.size() > 64 ||
      input.timezone.find("..") != std::string::npos) {
    return invalid_input("timezone must be an IANA zone name such as Europe/Amsterdam", "timezone");
  }
  tenant.slug = *slug;
  tenant.name = *name;
  tenant.timezone = input.timezone;
  tenant.default_language = input.language;
  tenant.created_at = clock_.now();
  return store_.create_tenant(std::move(tenant));
}

Result<std::vector<Tenant>> HelpdeskService::list_tenants(const Principal& p) {
  SP_TRY(require(p, Permission::Read));
  return store_.list_tenants(p.scope);
}

Result<Tenant> HelpdeskService::get_tenant(const Principal& p, TenantId id) {
  SP_TRY(require(p, Permission::Read));
  return store_.get_tenant(p.scope, id);
}

Result<Team> HelpdeskService::create_team(const Principal& p, NewTeamInput input) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant = resolve_tenant(store_, p, input.tenant_id);
  if (!tenant) return tenant.error();
  auto name = require_text(input.name, "name", kMaxNameBytes);
  if (!name) return name.error();
  return store_.create_team(Team{TeamId{}, *tenant, *name, std::nullopt, clock_.now()});
}

Result<std::vector<Team>> HelpdeskService::list_teams(const Principal& p) {
  SP_TRY(require(p, Permission::Read));
  return store_.list_teams(p.scope);
}

Result<Team> HelpdeskService::get_team(const Principal& p, TeamId id) {
  SP_TRY(require(p, Permission::Read));
  return store_.get_team(p.scope, id);
}

Result<Agent> HelpdeskService::bootstrap_agent(NewAgentInput input) {
  auto email = normalise_email(input.email);
  if (!email) return email.error();
  auto name = require_text(input.name, "name", kMaxNameBytes);
  if (!name) return name.error();
  SP_TRY(check_password_policy(input.password));
  if (!input.tenant_id && input.role != Role::Admin) {
    return invalid_input("an agent without a tenant must be an admin", "role");
  }
  if (input.tenant_id) {
    auto tenant = store_.get_tenant(Scope::platform(), *input.tenant_id);
    if (!tenant) return unknown_reference(tenant.error(), "tenant_id");
    if (input.team_id) {
      auto team = store_.get_team(Scope::of(*input.tenant_id), *input.team_id);
      if (!team) return unknown_reference(team.error(), "team_id");
    }
  }
  auto hash = hasher_.hash(input.password);
  if (!hash) return hash.error();
  Agent agent;
  agent.tenant_id = input.tenant_id;
  agent.email = *email;
  agent.name = *name;
  agent.role = input.role;
  agent.team_id = input.team_id;
  agent.language = input.language;
  agent.created_at = clock_.now();
  return store_.create_agent(std::move(agent), std::move(*hash));
}

Result<Agent> HelpdeskService::create_agent(const Principal& p, NewAgentInput input) {
  SP_TRY(require(p, Permission::ManageAgents));
  auto tenant = resolve_tenant(store_, p, input.tenant_id);
  if (!tenant) return tenant.error();
  input.tenant_id = *tenant;
  return bootstrap_agent(std::move(input));
}

Result<std::vector<Agent>> HelpdeskService::list_agents(const Principal& p) {
  SP_TRY(require(p, Permission::Read));
  return store_.list_agents(p.scope);
}

Result<Agent> HelpdeskService::get_agent(const Principal& p, AgentId id) {
  SP_TRY(require(p, Permission::Read));
  return store_.get_agent(p.scope, id);
}

Result<Customer> HelpdeskService::create_customer(const Principal& p, NewCustomerInput input) {
  SP_TRY(require(p, Permission::WriteCustomers));
  auto tenant = resolve_tenant(store_, p, input.tenant_id);
  if (!tenant) return tenant.error();
  auto name = require_text(input.name, "name", kMaxNameBytes);
  if (!name) return name.error();
  if (input.emails.size() > kMaxContactsPerCustomer || input.phones.size() > kMaxContactsPerCustomer) {
    return invalid_input("at most 10 e-mail addresses and 10 phone numbers", "emails");
  }
  Customer customer;
  customer.tenant_id = *tenant;
  customer.name = *name;
  customer.language = input.language;
  customer.created_at = clock_.now();
  for (const auto& raw : input.emails) {
    auto email = normalise_email(raw, "emails");
    if (!email) return email.error();
    if (std::find(customer.emails.begin(), customer.emails.end(), *email) == customer.emails.end()) {
      customer.emails.push_back(*email);
    }
  }
  for (const auto& raw : input.phones) {
    auto phone = normalise_phone(raw, "phones");
    if (!phone) return phone.error();
    customer.phones.push_back(*phone);
  }
  return store_.create_customer(std::move(customer));
}

Result<std::vector<Customer>> HelpdeskService::list_customers(const Principal& p,
                                                              storage::CustomerFilter filter) {
  SP_TRY(require(p, Permission::Read));
  if (filter.email) {
    auto email = normalise_email(*filter.email);
    if (!email) return email.error();
    filter.email = *email;
  }
  return store_.list_customers(p.scope, filter);
}

Result<Customer> HelpdeskService::get_customer(const Principal& p, CustomerId id) {
  SP_TRY(require(p, Permission::Read));
  return store_.get_customer(p.scope, id);
}

// ---------------------------------------------------------------------------------------
// Tickets

Result<void> HelpdeskService::check_ticket_references(TenantId tenant, const std::optional<TeamId>& team,
                                                      const std::optional<AgentId>& assignee,
                                                      const std::optional<CustomerId>& requester) {
  auto scope = Scope::of(tenant);
  if (team) {
    auto found = store_.get_team(scope, *team);
    if (!found) return unknown_reference(found.error(), "team_id");
  }
  if (assignee) {
    auto found = store_.get_agent(scope, *assignee);
    if (!found) return unknown_reference(found.error(), "assignee_id");
    if (!found->active) return invalid_input("the assignee is disabled", "assignee_id");
  }
  if (requester) {
    auto found = store_.get_customer(scope, *requester);
    if (!found) return unknown_reference(found.error(), "requester_id");
  }
  return {};
}

Result<Ticket> HelpdeskService::create_ticket(const Principal& p, NewTicketInput input) {
  SP_TRY(require(p, Permission::WriteTickets));
  auto tenant = resolve_tenant(store_, p, input.tenant_id);
  if (!tenant) return tenant.error();
  auto validated = validate_new_ticket(std::move(input.ticket));
  if (!validated) return validated.error();
  SP_TRY(
      check_ticket_references(*tenant, validated->team_id, validated->assignee_id, validated->requester_id));
  auto now = clock_.now();
  Actor actor{ActorType::Agent, p.agent.id.value};
  auto draft = draft_ticket(*validated, *tenant, actor, now);
  std::optional<storage::NewMessage> first;
  if (validated->first_message) {
    // Agents opening a ticket on a customer's behalf record the customer's words as
    // inbound, authored by the customer, so SLA clocks see a customer contact.
    Actor customer{ActorType::Customer, validated->requester_id.value};
    draft.events.back().actor = customer;
    first = storage::NewMessage{MessageKind::Inbound, customer, *validated->first_message, now};
  }
  auto created = store_.create_ticket(std::move(draft), std::move(first));
  if (!created) return created;
  notify(*created, TicketChangeKind::Created);
  return automate(std::move(*created), TicketChangeKind::Created);
}

Ticket HelpdeskService::automate(Ticket ticket, TicketChangeKind change) {
  if (automation_ == nullptr || !automation_->after_change(ticket, change)) return ticket;
  auto fresh = store_.get_ticket(Scope::of(ticket.tenant_id), ticket.id);
  return fresh ? std::move(*fresh) : std::move(ticket);
}

Result<Ticket> HelpdeskService::get_ticket(const Principal& p, TicketId id) {
  SP_TRY(require(p, Permission::Read));
  return store_.get_ticket(p.scope, id);
}

Result<std::vector<Ticket>> HelpdeskService::list_tickets(const Principal& p, storage::TicketFilter filter) {
  SP_TRY(require(p, Permission::Read));
  if (filter.limit < 1 || filter.limit > storage::kMaxPageSize) {
    return invalid_input("limit must be between 1 and 500", "limit");
  }
  return store_.list_tickets(p.scope, filter);
}

Result<storage::QueueCounts> HelpdeskService::queue_counts(const Principal& p,
                                                           std::optional<TenantId> tenant) {
  SP_TRY(require(p, Permission::Read));
  return store_.queue_counts(p.scope, tenant, p.agent.id);
}

Result<Ticket> HelpdeskService::update_ticket(const Principal& p, TicketId id, const TicketPatch& patch,
                                              std::optional<std::int64_t> expected_version) {
  SP_TRY(require(p, Permission::WriteTickets));
  if (patch.empty()) return invalid_input("the update names no field to change");
  // References are checked against the ticket's tenant, which a platform admin may not
  // know in advance: look the ticket up first (visibility is checked again on write).
  auto existing = store_.get_ticket(p.scope, id);
  if (!existing) return existing.error();
  std::optional<TeamId> team = patch.team_id ? *patch.team_id : std::nullopt;
  std::optional<AgentId> assignee = patch.assignee_id ? *patch.assignee_id : std::nullopt;
  SP_TRY(check_ticket_references(existing->tenant_id, team, assignee, std::nullopt));
  auto now = clock_.now();
  Actor actor{ActorType::Agent, p.agent.id.value};
  auto updated = store_.update_ticket(p.scope, id, [&](const Ticket& current) -> Result<TicketChange> {
    SP_TRY(check_version(expected_version, current));
    return apply_patch(current, patch, actor, now);
  });
  if (!updated) return updated;
  notify(*updated, TicketChangeKind::Updated);
  if (automation_ != nullptr && automation_->after_change(*updated, TicketChangeKind::Updated)) {
    auto fresh = store_.get_ticket(p.scope, id);
    if (fresh) return fresh;
  }
  // Solving may make an observer add the closing message (the survey invitation), which bumps
  // the version: answer with the ticket as it is now, so the caller's next If-Match holds.
  if (patch.status == Status::Solved && updated->status == Status::Solved) {
    auto fresh = store_.get_ticket(p.scope, id);
    if (fresh) return fresh;
  }
  return updated;
}

Result<storage::AppendedMessage> HelpdeskService::add_message(const Principal& p, TicketId id,
                                                              MessageKind kind, std::string body,
                                                              std::optional<std::int64_t> expected_version) {
  SP_TRY(require(p, kind == MessageKind::Note ? Permission::AddNotes : Permission::WriteTickets));
  auto now = clock_.now();
  Actor actor{ActorType::Agent, p.agent.id.value};
  auto text = require_text(body, "body", kMaxBodyBytes, true);
  if (!text) return text.error();
  if (kind == MessageKind::Outbound && reply_gate_ != nullptr) SP_TRY(reply_gate_->admit_reply(p, id, *text));
  storage::NewMessage message{kind, actor, *text, now};
  auto appended = store_.append_message(p.scope, id, std::move(message),
                                        [&](const Ticket& current) -> Result<TicketChange> {
                                          SP_TRY(check_version(expected_version, current));
                                          return domain::add_message(current, kind, *text, actor, now);
                                        });
  if (!appended) return appended;
  notify(*appended);
  appended->ticket = automate(std::move(appended->ticket), TicketChangeKind::Updated);
  return appended;
}

Result<Ticket> HelpdeskService::open_customer_ticket(TenantId tenant, CustomerId customer, NewTicket ticket,
                                                     std::optional<storage::InboundReceipt> receipt) {
  ticket.requester_id = customer;
  ticket.team_id.reset();
  ticket.assignee_id.reset();
  auto validated = validate_new_ticket(std::move(ticket));
  if (!validated) return validated.error();
  if (!validated->first_message) return invalid_input("a request needs a message", "body");
  SP_TRY(check_ticket_references(tenant, std::nullopt, std::nullopt, customer));
  auto now = clock_.now();
  Actor actor{ActorType::Customer, customer.value};
  auto draft = draft_ticket(*validated, tenant, actor, now);
  storage::NewMessage first{MessageKind::Inbound,      actor,
                            *validated->first_message, now,
                            std::move(receipt),        validated->first_message_automatic};
  auto created = store_.create_ticket(std::move(draft), std::move(first));
  if (!created) return created;
  notify(*created, TicketChangeKind::Created);
  return automate(std::move(*created), TicketChangeKind::Created);
}

Result<storage::AppendedMessage> HelpdeskService::add_customer_message(
    TenantId tenant, CustomerId customer, TicketId id, std::string body,
    std::optional<storage::InboundReceipt> receipt, bool automatic) {
  auto text = require_text(body, "body", kMaxBodyBytes, true);
  if (!text) return text.error();
  auto now = clock_.now();
  Actor actor{ActorType::Customer, customer.value};
  storage::NewMessage message{MessageKind::Inbound, actor, *text, now, std::move(receipt), automatic};
  auto appended = store_.append_message(
      Scope{tenant}, id, std::move(message), [&](const Ticket& current) -> Result<TicketChange> {
        if (automatic) return domain::add_automatic_message(current, *text, actor, now);
        return domain::add_message(current, MessageKind::Inbound, *text, actor, now);
      });
  if (!appended) return appended;
  notify(*appended);
  appended->ticket = automate(std::move(appended->ticket), TicketChangeKind::Updated);
  return appended;
}

Result<storage::AppendedMessage> HelpdeskService::add_system_note(TenantId tenant, TicketId id,
                                                                  std::string body) {
  auto text = require_text(body, "body", kMaxBodyBytes, true);
  if (!text) return text.error();
  auto now = clock_.now();
  Actor actor{ActorType::System, 0};
  storage::NewMessage message{MessageKind::Note, actor, *text, now};
  auto appended = store_.append_message(
      Scope{tenant}, id, std::move(message), [&](const Ticket& current) -> Result<TicketChange> {
        return domain::add_message(current, MessageKind::Note, *text, actor, now);
      });
  if (appended) notify(*appended);
  return appended;
}

Result<storage::AppendedMessage> HelpdeskService::add_system_reply(TenantId tenant, TicketId id,
                                                                   std::string body) {
  auto text = require_text(body, "body", kMaxBodyBytes, true);
  if (!text) return text.error();
  auto now = clock_.now();
  Actor actor{ActorType::System, 0};
  storage::NewMessage message{MessageKind::Outbound, actor, *text, now};
  auto appended = store_.append_message(
      Scope{tenant}, id, std::move(message), [&](const Ticket& current) -> Result<TicketChange> {
        return domain::add_message(current, MessageKind::Outbound, *text, actor, now);
      });
  if (appended) notify(*appended);
  return appended;
}

Result<Customer> HelpdeskService::find_or_create_customer(TenantId tenant, const std::string& email,
                                                          const std::string& name, Language language) {
  auto normalised = normalise_email(email);
  if (!normalised) return invalid_input("not an e-mail address", "email");
  storage::CustomerFilter filter;
  filter.email = *normalised;
  filter.limit = 1;
  auto found = store_.list_customers(Scope{tenant}, filter);
  if (!found) return found.error();
  if (!found->empty()) return found->front();
  Customer customer;
  customer.tenant_id = tenant;
  customer.name = name.empty() ? normalised->substr(0, normalised->find('@')) : name;
  customer.emails = {*normalised};
  customer.language = language;
  customer.created_at = clock_.now();
  auto created = store_.create_customer(customer);
  if (!created && created.error().code == ErrorCode::Conflict) {
    // Another contact from the same address won the race; use theirs.
    auto again = store_.list_customers(Scope{tenant}, filter);
    if (again && !again->empty()) return again->front();
  }
  return created;
}

Result<std::vector<Message>> HelpdeskService::list_messages(const Principal& p, TicketId id) {
  SP_TRY(require(p, Permission::Read));
  return store_.list_messages(p.scope, id);
}

Result<std::vector<TicketEvent>> HelpdeskService::list_events(const Principal& p, TicketId id) {
  SP_TRY(require(p, Permission::Read));
  return store_.list_events(p.scope, id);
}

}  // namespace sp::service
