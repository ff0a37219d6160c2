// Recurring issues across tickets (issue 8, "Feedback and improvement"): tickets that share a
// normalised subject signature, or a category and topic, grouped; a group is a recurring issue
// when at least min_tickets tickets from at least min_customers distinct customers share it (one
// customer writing three times about the same thing is a persistent customer, not a recurring
// issue).
//
// Subject signature: ASCII lowercased; reply/forward prefixes stripped repeatedly ("Re:", "RE :",
// "Fwd:", "Fw:", "AW:", "WG:", "Antw:", "回复:", "转发:", also with a full-width colon); ticket
// tokens ("[#T-12]", "[T-12]", "#T-12") and every digit removed; split into words (runs of
// letters; a run of CJK characters is one word); nl/en stop words and one-letter words dropped;
// the remaining words sorted and de-duplicated, joined by one space. An empty signature groups
// nothing.
// Category + topic: one key per topic of the ticket other than "other", with the ticket's
// category lowercased ("billing/billing", "/waiting_time" without a category). Such a group is
// not reported when its tickets are all in one reported subject group (it would say nothing new).
//
// Bounded: at most kMaxRecurringTickets tickets per call (the caller passes a window).
// Deterministic: issues ordered by ticket count (desc), customer count (desc), signature (asc);
// ticket ids ascending. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sp::feedback {

inline constexpr std::size_t kMaxRecurringTickets = 20'000;

struct TicketFacts {
  std::int64_t ticket_id = 0;
  std::int64_t customer_id = 0;
  std::string subject;
  std::string category;
  std::vector<std::string> topics;  // classify() of the ticket (subject, category, comment)
  Timestamp created_at;
};

struct RecurringOptions {
  int min_tickets = 3;    // >= 2
  int min_customers = 2;  // >= 1
};

struct RecurringIssue {
  std::string signature;                 // "subject:invoice wrong" or "topic:billing/billing"
  std::string example_subject;           // the subject of the oldest ticket in the group
  std::vector<std::int64_t> ticket_ids;  // ascending
  int customer_count = 0;
  Timestamp first_seen;  // earliest created_at
  Timestamp last_seen;   // latest created_at
};

// The normalised subject signature (rules above).
std::string subject_signature(std::string_view subject);

// The recurring issues among `tickets`. Fails with InvalidInput: field "tickets" when more than
// kMaxRecurringTickets are given, "min_tickets" below 2, "min_customers" below 1.
[[nodiscard]] Result<std::vector<RecurringIssue>> recurring_issues(std::span<const TicketFacts> tickets,
                                                                   const RecurringOptions& options = {});

}  // namespace sp::feedback
