#include "domain/model.hpp"

#include <array>
#include <utility>

namespace sp::domain {

namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Status, 6> kStatusNames{{{Status::New, "new"},
                                         {Status::Open, "open"},
                                         {Status::Pending, "pending"},
                                         {Status::OnHold, "on_hold"},
                                         {Status::Solved, "solved"},
                                         {Status::Closed, "closed"}}};
constexpr Names<Priority, 4> kPriorityNames{{{Priority::Low, "low"},
                                             {Priority::Normal, "normal"},
                                             {Priority::High, "high"},
                                             {Priority::Urgent, "urgent"}}};
constexpr Names<Channel, 6> kChannelNames{{{Channel::Email, "email"},
                                           {Channel::Web, "web"},
                                           {Channel::Chat, "chat"},
                                           {Channel::Phone, "phone"},
                                           {Channel::Social, "social"},
                                           {Channel::Api, "api"}}};
constexpr Names<Role, 4> kRoleNames{{{Role::Admin, "admin"},
                                     {Role::Supervisor, "supervisor"},
                                     {Role::Agent, "agent"},
                                     {Role::QaReviewer, "qa_reviewer"}}};
constexpr Names<Language, 3> kLanguageNames{
    {{Language::Nl, "nl"}, {Language::En, "en"}, {Language::Zh, "zh"}}};
constexpr Names<MessageKind, 3> kMessageKindNames{
    {{MessageKind::Inbound, "inbound"}, {MessageKind::Outbound, "outbound"}, {MessageKind::Note, "note"}}};
constexpr Names<ActorType, 3> kActorTypeNames{
    {{ActorType::Customer, "customer"}, {ActorType::Agent, "agent"}, {ActorType::System, "system"}}};
constexpr Names<EventType, 13> kEventTypeNames{{{EventType::Created, "created"},
                                                {EventType::MessageAdded, "message_added"},
                                                {EventType::StatusChanged, "status_changed"},
                                                {EventType::PriorityChanged, "priority_changed"},
                                                {EventType::AssigneeChanged, "assignee_changed"},
                                                {EventType::TeamChanged, "team_changed"},
                                                {EventType::TagsChanged, "tags_changed"},
                                                {EventType::FieldChanged, "field_changed"},
                                                {EventType::SlaAtRisk, "sla_at_risk"},
                                                {EventType::SlaBreached, "sla_breached"},
                                                {EventType::CallRecorded, "call_recorded"},
                                                {EventType::CommitmentBroken, "commitment_broken"},
                                                {EventType::AutomationApplied, "automation_applied"}}};

template <typename E, std::size_t N>
std::string_view name_of(const Names<E, N>& names, E value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
Result<E> parse_name(const Names<E, N>& names, std::string_view text, const char* what) {
  for (const auto& [e, name] : names) {
    if (name == text) return e;
  }
  std::string accepted;
  for (const auto& entry : names) {
    if (!accepted.empty()) accepted += ", ";
    accepted += entry.second;
  }
  return invalid_input(std::string("unknown ") + what + " '" + std::string(text.substr(0, 40)) +
                           "'; expected one of: " + accepted,
                       what);
}

}  // namespace

std::string_view to_string(Status v) {
  return name_of(kStatusNames, v);
}
std::string_view to_string(Priority v) {
  return name_of(kPriorityNames, v);
}
std::string_view to_string(Channel v) {
  return name_of(kChannelNames, v);
}
std::string_view to_string(Role v) {
  return name_of(kRoleNames, v);
}
std::string_view to_string(Language v) {
  return name_of(kLanguageNames, v);
}
std::string_view to_string(MessageKind v) {
  return name_of(kMessageKindNames, v);
}
std::string_view to_string(ActorType v) {
  return name_of(kActorTypeNames, v);
}
std::string_view to_string(EventType v) {
  return name_of(kEventTypeNames, v);
}

Result<Status> parse_status(std::string_view t) {
  return parse_name(kStatusNames, t, "status");
}
Result<Priority> parse_priority(std::string_view t) {
  return parse_name(kPriorityNames, t, "priority");
}
Result<Channel> parse_channel(std::string_view t) {
  return parse_name(kChannelNames, t, "channel");
}
Result<Role> parse_role(std::string_view t) {
  return parse_name(kRoleNames, t, "role");
}
Result<Language> parse_language(std::string_view t) {
  return parse_name(kLanguageNames, t, "language");
}
Result<MessageKind> parse_message_kind(std::string_view t) {
  return parse_name(kMessageKindNames, t, "kind");
}
Result<ActorType> parse_actor_type(std::string_view t) {
  return parse_name(kActorTypeNames, t, "actor_type");
}
Result<EventType> parse_event_type(std::string_view t) {
  return parse_name(kEventTypeNames, t, "event_type");
}

bool is_automatic_message(const TicketEvent& event) {
  return event.type == EventType::MessageAdded && event.message_kind == MessageKind::Inbound &&
         event.field == kAutomaticMessageField;
}

}  // namespace sp::domain
