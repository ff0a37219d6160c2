#include "domain/commitment.hpp"

#include <array>
#include <utility>

namespace sp::domain {

namespace {

constexpr std::array<std::pair<CommitmentState, std::string_view>, 4> kStateNames{{
    {CommitmentState::Open, "open"},
    {CommitmentState::Kept, "kept"},
    {CommitmentState::Broken, "broken"},
    {CommitmentState::Cancelled, "cancelled"},
}};
constexpr std::array<std::pair<CommitmentSource, std::string_view>, 3> kSourceNames{{
    {CommitmentSource::Manual, "manual"},
    {CommitmentSource::Conduct, "conduct"},
    {CommitmentSource::Callback, "callback"},
}};

// The first line POST /tickets/{id}/calls writes for a call we made.
constexpr std::string_view kOutboundCallPrefix = "[call] outbound";

}  // namespace

std::string_view to_string(CommitmentState state) {
  for (const auto& [value, name] : kStateNames) {
    if (value == state) return name;
  }
  return "unknown";
}

std::string_view to_string(CommitmentSource source) {
  for (const auto& [value, name] : kSourceNames) {
    if (value == source) return name;
  }
  return "unknown";
}

Result<CommitmentState> parse_commitment_state(std::string_view text) {
  for (const auto& [value, name] : kStateNames) {
    if (name == text) return value;
  }
  return invalid_input("state must be open, kept, broken or cancelled", "state");
}

Result<CommitmentSource> parse_commitment_source(std::string_view text) {
  for (const auto& [value, name] : kSourceNames) {
    if (name == text) return value;
  }
  return invalid_input("source must be manual, conduct or callback", "source");
}

bool performs_promised_action(const Message& message) {
  if (message.author.type != ActorType::Agent) return false;
  if (message.kind == MessageKind::Outbound) return true;
  return message.kind == MessageKind::Note && message.body.starts_with(kOutboundCallPrefix);
}

CommitmentDecision decide_commitment(const Commitment& commitment, std::span<const Message> messages,
                                     Timestamp now) {
  if (commitment.state != CommitmentState::Open) return {};
  std::optional<Timestamp> earliest;
  for (const auto& message : messages) {
    if (!performs_promised_action(message)) continue;
    if (message.created_at < commitment.created_at || message.created_at > commitment.due_at) continue;
    if (!earliest || message.created_at < *earliest) earliest = message.created_at;
  }
  // An action counts only once it has happened (a message stamped after `now` is not yet seen).
  if (earliest && *earliest <= now) return {CommitmentDecision::Kind::Kept, earliest};
  if (now > commitment.due_at) return {CommitmentDecision::Kind::Broken, commitment.due_at};
  return {};
}

bool reminder_due(const Commitment& commitment, Timestamp now) {
  return commitment.state == CommitmentState::Open && !commitment.reminded_at &&
         commitment.remind_at <= now && now < commitment.due_at;
}

}  // namespace sp::domain
