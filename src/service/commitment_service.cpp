#include "service/commitment_service.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

#include "core/text.hpp"
#include "sla/business_time.hpp"

namespace sp::service {

namespace {

// Due commitments handled per pass; the job runs again at once while a pass was full.
constexpr int kBatch = 200;

std::string reminder_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".commitment_reminder_minutes";
}

Error unkeepable(std::string message) {
  Error error = invalid_input(std::move(message), "due_at");
  error.kind = std::string(kCommitmentUnkeepable);
  return error;
}

}  // namespace

Result<TenantId> CommitmentService::tenant_of(const Principal& p, std::optional<TenantId> named) {
  return resolve_tenant(helpdesk_.store(), p, named);
}

Result<Commitment> CommitmentService::create(const Principal& p, TicketId ticket_id,
                                             NewCommitmentInput input) {
  SP_TRY(require(p, Permission::WriteTickets));
  auto ticket = helpdesk_.get_ticket(p, ticket_id);
  if (!ticket) return ticket.error();
  input.what = std::string(text::trim(input.what));
  if (input.what.empty()) return invalid_input("what is required", "what");
  if (input.what.size() > kMaxCommitmentWhatBytes)
    return invalid_input("what is longer than 500 bytes", "what");
  if (input.note.size() > kMaxCommitmentNoteBytes)
    return invalid_input("note is longer than 2,000 bytes", "note");
  const Timestamp now = clock_.now();
  if (input.due_at <= now) return invalid_input("due_at must be in the future", "due_at");

  Commitment commitment;
  commitment.tenant_id = ticket->tenant_id;
  commitment.ticket_id = ticket->id;
  if (input.agent_id) {
    auto agent = helpdesk_.get_agent(p, *input.agent_id);
    if (!agent) return agent.error();
    if (agent->tenant_id != ticket->tenant_id) return invalid_input("no such agent", "agent_id");
    commitment.agent_id = agent->id;
  } else {
    if (p.agent.tenant_id != ticket->tenant_id) return invalid_input("name the agent", "agent_id");
    commitment.agent_id = p.agent.id;
  }
  // The organisation must be able to act before the due time: a due time outside opening hours
  // moves back to the last closing before it ("tomorrow" means by closing time tomorrow).
  commitment.due_at = input.due_at;
  auto calendar = sla_.promise_calendar(ticket->tenant_id, &*ticket);
  if (!calendar) return calendar.error();
  if (*calendar) {
    auto open_seconds = sla::business_seconds(**calendar, now, input.due_at);
    if (!open_seconds) return open_seconds.error();
    if (*open_seconds == 0) return unkeepable("the business calendar has no opening hours before due_at");
    auto last_open = sla::add_business_seconds(**calendar, now, *open_seconds);
    if (!last_open) return last_open.error();
    commitment.due_at = std::min(*last_open, input.due_at);
  }
  auto lead = reminder_minutes(ticket->tenant_id);
  if (!lead) return lead.error();
  commitment.remind_at = commitment.due_at - std::chrono::minutes(*lead);
  commitment.what = std::move(input.what);
  commitment.channel = input.channel.value_or(ticket->channel);
  commitment.source = input.source;
  commitment.created_at = now;
  commitment.note = std::move(input.note);
  return commitments_.create_commitment(std::move(commitment));
}

Result<std::vector<Commitment>> CommitmentService::for_ticket(const Principal& p, TicketId ticket_id) {
  SP_TRY(require(p, Permission::Read));
  auto ticket = helpdesk_.get_ticket(p, ticket_id);
  if (!ticket) return ticket.error();
  return commitments_.ticket_commitments(ticket->tenant_id, ticket->id);
}

Result<std::vector<Commitment>> CommitmentService::list(const Principal& p, std::optional<TenantId> named,
                                                        const storage::CommitmentFilter& filter) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  return commitments_.list_commitments(*tenant, filter);
}

Result<Commitment> CommitmentService::close(const Principal& p, std::optional<TenantId> named,
                                            CommitmentId id, CommitmentState state, std::string note) {
  SP_TRY(require(p, Permission::WriteTickets));
  if (state != CommitmentState::Kept && state != CommitmentState::Cancelled) {
    return invalid_input("state must be kept or cancelled", "state");
  }
  if (note.size() > kMaxCommitmentNoteBytes) return invalid_input("note is longer than 2,000 bytes", "note");
  if (state == CommitmentState::Kept && text::trim(note).empty()) {
    return invalid_input("say in a note what was done", "note");
  }
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  auto closed = commitments_.close_commitment(*tenant, id, state, clock_.now(), note);
  if (!closed) return closed.error();
  if (!*closed) return conflict("the commitment is no longer open", kCommitmentClosed);
  return commitments_.get_commitment(*tenant, id);
}

Result<int> CommitmentService::reminder_minutes(TenantId tenant) {
  auto stored = helpdesk_.store().get_setting(reminder_key(tenant));
  if (!stored) return stored.error();
  if (!*stored) return kDefaultCommitmentReminderMinutes;
  int minutes = kDefaultCommitmentReminderMinutes;
  const auto& text = **stored;
  std::from_chars(text.data(), text.data() + text.size(), minutes);
  return minutes;
}

Result<int> CommitmentService::reminder_minutes(const Principal& p, std::optional<TenantId> named) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  return reminder_minutes(*tenant);
}

Result<int> CommitmentService::set_reminder_minutes(const Principal& p, std::optional<TenantId> named,
                                                    int minutes) {
  SP_TRY(require(p, Permission::ManageTeams));
  if (minutes < 0 || minutes > kMaxCommitmentReminderMinutes) {
    return invalid_input("reminder_minutes must be 0..10080", "reminder_minutes");
  }
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  SP_TRY(helpdesk_.store().put_setting(reminder_key(*tenant), std::to_string(minutes)));
  return minutes;
}

void CommitmentService::message_added(const Ticket& ticket, const Message& message) {
  if (!performs_promised_action(message)) return;
  auto kept = commitments_.keep_ticket_commitments(ticket.tenant_id, ticket.id, message.created_at);
  // Not fatal: the job decides the commitment from the ticket's messages at its due time.
  if (!kept) spdlog::warn("commitments of T-{} not kept now: {}", ticket.id.value, kept.error().message);
}

Result<void> CommitmentService::break_one(const Commitment& commitment, Timestamp now) {
  auto& store = helpdesk_.store();
  const auto scope = storage::Scope::of(commitment.tenant_id);
  // The team lead of the agent who promised, else of the ticket's team, else the managers.
  std::optional<TeamId> team;
  if (auto agent = store.get_agent(scope, commitment.agent_id)) team = agent->team_id;
  if (!team) {
    if (auto ticket = store.get_ticket(scope, commitment.ticket_id)) team = ticket->team_id;
  }
  storage::Notification notification;
  notification.tenant_id = commitment.tenant_id;
  notification.ticket_id = commitment.ticket_id;
  notification.team_id = team;
  notification.kind = std::string(kCommitmentBrokenKind);
  notification.message =
      "Commitment not kept by " + format_rfc3339(commitment.due_at) + ": " + commitment.what;
  SP_TRY(commitments_.break_commitment(commitment, notification, now));
  return {};
}

Result<void> CommitmentService::remind_one(const Commitment& commitment, Timestamp now) {
  storage::Notification notification;
  notification.tenant_id = commitment.tenant_id;
  notification.ticket_id = commitment.ticket_id;
  notification.agent_id = commitment.agent_id;
  notification.kind = std::string(kCommitmentReminderKind);
  notification.message = "Commitment due at " + format_rfc3339(commitment.due_at) + ": " + commitment.what;
  SP_TRY(commitments_.record_reminder(commitment, notification, now));
  return {};
}

Result<CommitmentRunSummary> CommitmentService::run_due(Timestamp now) {
  CommitmentRunSummary summary;
  auto overdue = commitments_.overdue_commitments(now, kBatch);
  if (!overdue) return overdue.error();
  for (const auto& commitment : *overdue) {
    auto messages =
        helpdesk_.store().list_messages(storage::Scope::of(commitment.tenant_id), commitment.ticket_id);
    if (!messages) return messages.error();
    const auto decision = decide_commitment(commitment, *messages, now);
    if (decision.kind == CommitmentDecision::Kind::Kept) {
      SP_TRY(commitments_.keep_ticket_commitments(commitment.tenant_id, commitment.ticket_id, *decision.at));
      ++summary.kept;
    } else if (decision.kind == CommitmentDecision::Kind::Broken) {
      SP_TRY(break_one(commitment, now));
      ++summary.broken;
    }
  }
  auto reminders = commitments_.reminders_due(now, kBatch);
  if (!reminders) return reminders.error();
  for (const auto& commitment : *reminders) {
    if (!reminder_due(commitment, now)) continue;  // already due: breaking it says more
    SP_TRY(remind_one(commitment, now));
    ++summary.reminded;
  }
  return summary;
}

}  // namespace sp::service
