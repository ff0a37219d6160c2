// The rules of a ticket's life: which status changes are allowed, and the events each
// change produces. Every change to a ticket goes through these functions, so the stored
// ticket row is always the fold of its event history. Pure: `now` is passed in.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"

namespace sp::kinds {
inline constexpr std::string_view kInvalidTransition = "invalid-transition";
inline constexpr std::string_view kTicketClosed = "ticket-closed";
}  // namespace sp::kinds

namespace sp::domain {

// Allowed status changes (a change to the same status is a no-op, not a transition):
//   new      -> open, pending, on_hold, solved
//   open     -> pending, on_hold, solved
//   pending  -> open, on_hold, solved
//   on_hold  -> open, pending, solved
//   solved   -> open (reopen), closed
//   closed   -> nothing: a closed ticket is archived; a follow-up is a new ticket.
bool can_transition(Status from, Status to);
// Fails with Conflict (kind kinds::kInvalidTransition) naming both statuses.
Result<void> check_transition(Status from, Status to);

struct NewTicket {
  std::string subject;
  Priority priority = Priority::Normal;
  Channel channel = Channel::Web;
  std::string category;
  std::vector<std::string> tags;
  std::optional<TeamId> team_id;
  std::optional<AgentId> assignee_id;
  CustomerId requester_id;
  std::optional<std::string> first_message;  // the customer's words, stored as inbound
  bool first_message_automatic = false;      // sent by a machine (see add_automatic_message)
};

// Validates and normalises a new ticket (subject, category, tags, body sizes).
Result<NewTicket> validate_new_ticket(NewTicket input);

// The state of a freshly created ticket and its opening events (Created, and
// MessageAdded when there is a first message). Ids are assigned by storage; the events'
// ticket_id and message_id are filled in there.
struct TicketDraft {
  Ticket ticket;
  std::vector<TicketEvent> events;
};
TicketDraft draft_ticket(const NewTicket& validated, TenantId tenant, Actor actor, Timestamp now);

// A partial update; absent fields stay as they are. For assignee and team an engaged
// optional holding nullopt means "unassign".
struct TicketPatch {
  std::optional<std::string> subject;
  std::optional<Status> status;
  std::optional<Priority> priority;
  std::optional<std::optional<AgentId>> assignee_id;
  std::optional<std::optional<TeamId>> team_id;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> category;
  bool empty() const {
    return !subject && !status && !priority && !assignee_id && !team_id && !tags && !category;
  }
};

struct TicketChange {
  Ticket after;
  std::vector<TicketEvent> events;  // empty when nothing changed
};

// Applies `patch` to `before`. Fails with InvalidInput for bad values and Conflict for a
// forbidden status transition. Produces one event per changed field; bumps version and
// updated_at only when something changed.
Result<TicketChange> apply_patch(const Ticket& before, const TicketPatch& patch, Actor actor, Timestamp now);

// Adding a message: the MessageAdded event, plus the status consequences helpdesks expect:
// a customer writing on a pending or solved ticket reopens it (open); the first agent reply
// on a new ticket opens it. Notes never change status. Fails with Conflict (kind
// kinds::kTicketClosed) on a closed ticket and InvalidInput for an empty or oversized body.
Result<TicketChange> add_message(const Ticket& before, MessageKind kind, std::string_view body, Actor actor,
                                 Timestamp now);

// An inbound message that a machine sent (out-of-office, auto-reply): stored visibly marked
// automatic, its MessageAdded event carries field kAutomaticMessageField
// (is_automatic_message), and it changes no status (a pending or solved ticket stays so), so
// the SLA engine starts no next-response cycle for it. Fails as add_message does.
Result<TicketChange> add_automatic_message(const Ticket& before, std::string_view body, Actor actor,
                                           Timestamp now);

// One telephony event as the history records it (EventType::CallRecorded).
struct CallFacts {
  std::string call_id;              // 1-128 bytes
  std::string state;                // "queued", "answered", "abandoned" or "ended"
  std::optional<int> wait_seconds;  // 0..86400
  std::optional<int> talk_seconds;  // 0..86400
  std::string agent;                // the answering agent's e-mail, may be empty
  std::string caller;               // the caller's number, may be empty
};

// The CallRecorded event for `ticket`: field "call", `to` the facts as compact JSON
// ({"call_id":"c-1","state":"answered","wait_seconds":35,"talk_seconds":null,
// "agent":"eva@desk.example","caller":"+31201234567"}). Fails with InvalidInput naming the
// field for an unknown state, an empty or oversized call id or times out of range.
Result<TicketEvent> call_recorded_event(const Ticket& ticket, const CallFacts& call, Actor actor,
                                        Timestamp now);
// Records a call on any ticket, closed ones included (it is a fact, not a change of the
// case): one CallRecorded event; version and updated_at move, nothing else does.
Result<TicketChange> record_call(const Ticket& before, const CallFacts& call, Actor actor, Timestamp now);

// Rebuilds status, priority, assignee, team, tags, category and subject by folding the
// history over the ticket's creation state. Used to check that the stored row and the
// history agree, and by the SLA engine to see the ticket as it was at any event.
Ticket replay(const Ticket& created_state, std::span<const TicketEvent> history);

}  // namespace sp::domain
