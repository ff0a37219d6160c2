// The servicepact domain model: tenants (client organisations), teams, agents, customers,
// tickets, messages and the ticket event history. Plain value types, no I/O. Ids are
// database-assigned integers wrapped in distinct types so a TeamId cannot be passed as an
// AgentId. Every object except a platform-level agent belongs to exactly one tenant.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sp::domain {

template <typename Tag>
struct Id {
  std::int64_t value = 0;
  auto operator<=>(const Id&) const = default;
};
using TenantId = Id<struct TenantTag>;
using TeamId = Id<struct TeamTag>;
using AgentId = Id<struct AgentTag>;
using CustomerId = Id<struct CustomerTag>;
using TicketId = Id<struct TicketTag>;
using MessageId = Id<struct MessageTag>;

enum class Status { New, Open, Pending, OnHold, Solved, Closed };
enum class Priority { Low, Normal, High, Urgent };
enum class Channel { Email, Web, Chat, Phone, Social, Api };
enum class Role { Admin, Supervisor, Agent, QaReviewer };
enum class Language { Nl, En, Zh };
enum class MessageKind { Inbound, Outbound, Note };
enum class ActorType { Customer, Agent, System };

// Stable lowercase names used in JSON, SQL and URLs ("on_hold", "qa_reviewer").
std::string_view to_string(Status);
std::string_view to_string(Priority);
std::string_view to_string(Channel);
std::string_view to_string(Role);
std::string_view to_string(Language);
std::string_view to_string(MessageKind);
std::string_view to_string(ActorType);
// Each parser fails with InvalidInput listing the accepted names.
Result<Status> parse_status(std::string_view);
Result<Priority> parse_priority(std::string_view);
Result<Channel> parse_channel(std::string_view);
Result<Role> parse_role(std::string_view);
Result<Language> parse_language(std::string_view);
Result<MessageKind> parse_message_kind(std::string_view);
Result<ActorType> parse_actor_type(std::string_view);

struct Tenant {
  TenantId id;
  std::string slug;  // URL-safe, unique: "telco-nl"
  std::string name;
  std::string timezone = "UTC";  // IANA zone for reports and opening hours
  Language default_language = Language::En;
  Timestamp created_at;
};

struct Team {
  TeamId id;
  TenantId tenant_id;
  std::string name;
  std::optional<AgentId> lead_id;
  Timestamp created_at;
};

struct Agent {
  AgentId id;
  // Empty for a platform administrator, who manages tenants and sees all of them.
  std::optional<TenantId> tenant_id;
  std::string email;  // normalised to lower case, unique
  std::string name;
  Role role = Role::Agent;
  std::optional<TeamId> team_id;
  Language language = Language::En;
  bool active = true;
  Timestamp created_at;
};

struct Customer {
  CustomerId id;
  TenantId tenant_id;
  std::string name;
  std::vector<std::string> emails;  // normalised, unique per tenant
  std::vector<std::string> phones;  // as given, digits and leading '+'
  Language language = Language::En;
  Timestamp created_at;
};

struct Ticket {
  TicketId id;
  TenantId tenant_id;
  std::string subject;
  Status status = Status::New;
  Priority priority = Priority::Normal;
  Channel channel = Channel::Web;
  std::string category;           // free text such as "billing" or "major_complaint"
  std::vector<std::string> tags;  // sorted, unique
  std::optional<TeamId> team_id;
  std::optional<AgentId> assignee_id;
  CustomerId requester_id;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> solved_at;
  // Incremented on every change; exposed as the ETag for optimistic concurrency.
  std::int64_t version = 1;
};

// What a queue shows beside a ticket, filled by listings only (derived, not history): the
// earliest running SLA due time and its state, and the requester's name.
struct TicketSummary {
  std::optional<Timestamp> sla_due_at;
  bool sla_at_risk = false;
  bool sla_breached = false;
  std::string requester_name;
  // The last message that is not an internal note: who spoke last, and when (the queue's
  // "customer replied" and unread marks).
  std::optional<MessageKind> last_message_kind;
  std::optional<Timestamp> last_message_at;
};

struct Actor {
  ActorType type = ActorType::System;
  std::int64_t id = 0;  // agent or customer id; 0 for the system
};

struct Message {
  MessageId id;
  TicketId ticket_id;
  TenantId tenant_id;
  MessageKind kind = MessageKind::Inbound;
  Actor author;
  std::string body;
  Timestamp created_at;
  bool automatic = false;  // inbound mail a machine sent (out-of-office): changes no status
};

enum class EventType {
  Created,
  MessageAdded,
  StatusChanged,
  PriorityChanged,
  AssigneeChanged,
  TeamChanged,
  TagsChanged,
  FieldChanged,
  // Written by the SLA scheduler, never by people: `field` names the target
  // ("first_response", "next_response", "periodic_update", "resolution"), `to` the
  // due time (RFC 3339) of the clock cycle that became at risk or was breached.
  SlaAtRisk,
  SlaBreached,
  // A telephony fact (intake/webhook_intake): `field` is "call", `to` a compact JSON object
  // {"call_id","state","wait_seconds","talk_seconds","agent","caller"} (absent times are
  // null). Changes no ticket field; reports read wait time and abandonment from it.
  CallRecorded,
  // Written by the commitment job (issue 18): a commitment was not kept by its due time;
  // `field` is "commitment", `from` its id, `to` its due time (RFC 3339).
  CommitmentBroken,
  // Written when an automation rule ran on the ticket (issue 17), after the field events it
  // caused, by the system: `field` is "automation", `from` the rule id, `to` a compact JSON
  // object {"rule_id","name","event","changes":{...},"effects":[...]}. Changes no field itself.
  AutomationApplied,
};
std::string_view to_string(EventType);
Result<EventType> parse_event_type(std::string_view);

// One entry of a ticket's append-only history, the source of truth for SLA clocks.
// `from`/`to` carry the old and new value as text ("pending", "42", "billing,vip");
// `field` names the field for FieldChanged; `message_kind`/`message_id` are set for
// MessageAdded.
struct TicketEvent {
  std::int64_t seq = 0;  // 1, 2, 3 ... per ticket
  TicketId ticket_id;
  TenantId tenant_id;
  EventType type = EventType::Created;
  Actor actor;
  Timestamp at;
  std::string field;
  std::string from;
  std::string to;
  std::optional<MessageKind> message_kind;
  std::optional<MessageId> message_id;
};

// The MessageAdded event of an automatic inbound message (Message::automatic) carries this
// field, so every fold of the history (status rules, SLA clocks) can tell it apart.
inline constexpr std::string_view kAutomaticMessageField = "automatic";
bool is_automatic_message(const TicketEvent& event);

}  // namespace sp::domain
