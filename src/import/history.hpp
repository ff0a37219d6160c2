// From neutral records to what the ticket store writes: a ticket's row, its messages and its
// event history, made by replaying the export through the domain's own rules
// (domain::draft_ticket, add_message, add_automatic_message, apply_patch), so an imported
// ticket's history is one that servicepact could have recorded itself and its SLA clocks and
// KPIs come out as for a native ticket.
//
// Replay: the ticket is created at its created_at (status new, by its requester) with the
// export's current priority, channel, category, tags, team and assignee; then its messages
// and status changes in time order (a message before a status change at the same instant),
// with the usual consequences (a customer writing on a pending or solved ticket reopens it,
// the first reply opens a new one). A `solved_at` without a status change to solved adds
// one. A change the rules forbid goes the allowed way round (solved -> open -> pending; to
// closed through solved); a close followed by more activity counts as solved. When the
// replay ends in another status than the export's, a last change at updated_at makes them
// agree. Texts are made acceptable rather than refused: an empty subject or body gets a
// placeholder, over-long ones are cut at a UTF-8 boundary, tags and categories are reduced
// to the characters servicepact allows.
//
// Pure: no I/O, no clock.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"
#include "import/records.hpp"

namespace sp::import {

// The database ids of the teams, agents and customers the records refer to, by external id.
struct ResolvedIds {
  std::unordered_map<std::string, domain::TeamId> teams;
  std::unordered_map<std::string, domain::AgentId> agents;
  std::unordered_map<std::string, domain::CustomerId> customers;
};

// One ticket's records. Pointers into the record list, which must outlive this.
struct TicketRecords {
  const TicketRecord* ticket = nullptr;
  std::string where;  // position of the ticket record, for the summary
  std::vector<const MessageRecord*> messages;
  std::vector<const StatusChangeRecord*> changes;
};

// Tickets in the order of their ticket records, with their messages and status changes.
// A message or status change whose ticket has no ticket record is skipped (and so is a
// second ticket record with the same external id).
struct GroupedTickets {
  std::vector<TicketRecords> tickets;
  std::vector<SkippedInput> skipped;
};
GroupedTickets group_by_ticket(const std::vector<Record>& records, const std::vector<std::string>& positions);

struct BuiltHistory {
  domain::Ticket ticket;                          // ids of the ticket and messages unset
  std::vector<domain::Message> messages;          // in order
  std::vector<domain::TicketEvent> events;        // message_id = index in `messages` + 1
  std::vector<std::string> message_external_ids;  // one per message
};

// Text appended to a message's body for each of its attachments, by message external id
// (attachment_line), e.g. "[attachment: plan.pdf, application/pdf, 2048 bytes, sha256:ab…]".
using AttachmentLines = std::unordered_map<std::string, std::vector<std::string>>;
std::string attachment_line(const std::string& filename, const std::string& content_type, std::int64_t size,
                            const std::string& digest);
std::string attachment_url_line(const std::string& filename, const std::string& content_type,
                                const std::string& url);

// A new ticket of `tenant`. Fails with InvalidInput naming the reason when the requester is
// unknown or a message cannot be added.
Result<BuiltHistory> build_ticket(const TicketRecords& records, const ResolvedIds& ids,
                                  domain::TenantId tenant, const AttachmentLines& attachments);

// What a later export adds to a ticket imported before (`current`, whose last event was at
// `last_event_at`): messages whose external id is not in `known_messages`, and status
// changes after `last_event_at`, replayed as above up to the export's current status. Empty
// when there is nothing new.
Result<std::optional<BuiltHistory>> extend_ticket(const domain::Ticket& current, Timestamp last_event_at,
                                                  const TicketRecords& records, const ResolvedIds& ids,
                                                  const std::set<std::string>& known_messages,
                                                  const AttachmentLines& attachments);

// A tag or category reduced to [a-z0-9_:.-] (category: [a-z0-9_-]), at most 50 (64) bytes;
// empty when nothing is left.
std::string sanitise_tag(std::string_view tag);
std::string sanitise_category(std::string_view category);

}  // namespace sp::import
