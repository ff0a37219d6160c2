// Commitments (issue 18, DESIGN capability 5): "we call you back on Tuesday" tracked like an SLA
// target. A commitment names a ticket, the agent who made it, what was promised, its due time
// (UTC; the service checks it against the business calendar), the channel and where it came
// from. This header owns the value type, its stable names, and the pure decision of what a
// commitment's state is at `now` given the ticket's messages: no I/O, no clock reads.
//
// Kept: an agent's public outbound message or a logged outbound call (the internal note
// "[call] outbound, ..." that POST /tickets/{id}/calls writes) at or after the commitment was
// made and at or before its due time; or marked done by a person (with a note). Broken: still
// open when its due time has passed. Cancelled: withdrawn by a person; never broken.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"

namespace sp::domain {

using CommitmentId = Id<struct CommitmentTag>;

enum class CommitmentState { Open, Kept, Broken, Cancelled };
enum class CommitmentSource { Manual, Conduct, Callback };

// Limits on what people type.
inline constexpr std::size_t kMaxCommitmentWhatBytes = 500;
inline constexpr std::size_t kMaxCommitmentNoteBytes = 2'000;
// The reminder lead a tenant may choose, in minutes (default 30).
inline constexpr int kDefaultCommitmentReminderMinutes = 30;
inline constexpr int kMaxCommitmentReminderMinutes = 7 * 24 * 60;

struct Commitment {
  CommitmentId id;
  TenantId tenant_id;
  TicketId ticket_id;
  AgentId agent_id;
  std::string what;
  Timestamp due_at;     // UTC
  Timestamp remind_at;  // UTC, due_at minus the tenant's reminder lead when it was made
  Channel channel = Channel::Email;
  CommitmentSource source = CommitmentSource::Manual;
  CommitmentState state = CommitmentState::Open;
  Timestamp created_at;
  std::optional<Timestamp> kept_at;
  std::optional<Timestamp> broken_at;
  std::optional<Timestamp> cancelled_at;
  std::optional<Timestamp> reminded_at;
  std::string note;
};

// The decided commitments of one (agent, team, channel, ticket category, ticket tags) in one
// quarter hour of due time: the store counts them so, because every time zone's midnight falls
// on a quarter hour, and a month of them is a few thousand rows whatever the volume.
struct CommitmentTally {
  AgentId agent_id;
  std::optional<TeamId> team_id;  // the agent's team
  Channel channel = Channel::Email;
  std::string category;           // the ticket's
  std::vector<std::string> tags;  // the ticket's
  Timestamp due_from;             // the start of the quarter hour of their due times
  std::int64_t kept = 0;
  std::int64_t broken = 0;
};

// Stable lowercase names used in JSON and SQL ("open", "callback").
std::string_view to_string(CommitmentState);
std::string_view to_string(CommitmentSource);
Result<CommitmentState> parse_commitment_state(std::string_view);
Result<CommitmentSource> parse_commitment_source(std::string_view);

// True when `message` is the kind of action that keeps a commitment: an agent's outbound
// message, or a logged outbound call (an agent's note starting "[call] outbound").
bool performs_promised_action(const Message& message);

// What a commitment's state should become at `now`.
struct CommitmentDecision {
  enum class Kind { Unchanged, Kept, Broken };
  Kind kind = Kind::Unchanged;
  std::optional<Timestamp> at;  // Kept: when the action happened; Broken: the due time
};

// Decides an open commitment against the ticket's messages (any order): Kept at the earliest
// action in [created_at, due_at]; otherwise Broken once now > due_at; otherwise Unchanged.
// A commitment that is not open is always Unchanged (kept, broken and cancelled are final).
CommitmentDecision decide_commitment(const Commitment& commitment, std::span<const Message> messages,
                                     Timestamp now);

// True when the agent should be reminded now: open, not reminded yet, remind_at <= now < due_at.
bool reminder_due(const Commitment& commitment, Timestamp now);

}  // namespace sp::domain
