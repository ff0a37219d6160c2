// Full-text search over tickets (issue 17, migration 20): one index row per ticket holding the
// terms of its subject, its messages and its customer's name and e-mail addresses, kept current
// in the transaction of every change. Which terms a text has is not storage's business: the
// application gives the database a `SearchTermsFunction` (src/search makes them) and builds
// the MATCH expression of a query the same way. Same contract as store.hpp: every query names
// its tenant, and no call reads more than a bounded number of index rows.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

// The index terms of `text` written in `language` ("nl", "en", "zh"), joined by spaces.
// Called on the writer's thread inside its transaction: must be pure and must not throw.
using SearchTermsFunction = std::function<std::string(std::string_view text, std::string_view language)>;

// Index rows a page reads at most, matching or not: a filter that keeps few of them ends the
// page early with a cursor rather than reading on through a million tickets.
inline constexpr int kMaxSearchCandidates = 2000;
// Per hit, the messages and the code points of each returned for highlights.
inline constexpr int kMaxHighlightMessages = 20;
inline constexpr int kMaxHighlightMessageChars = 4000;

struct SearchQuery {
  TenantId tenant;
  std::string match;             // an FTS5 MATCH expression over the stored terms, never raw user text
  std::vector<Status> statuses;  // any of them; empty: every status
  std::optional<Priority> priority;
  std::optional<AgentId> assignee;
  bool unassigned_only = false;
  std::optional<std::int64_t> before_id;  // keyset cursor: tickets with a smaller id
  int limit = 25;                         // 1..kMaxPageSize
};

struct SearchHit {
  Ticket ticket;
  Language language = Language::En;  // the customer's: how the ticket's texts were indexed
  std::string customer_name;
  std::vector<std::string> customer_emails;
  // The first kMaxHighlightMessages message bodies, each cut to kMaxHighlightMessageChars.
  std::vector<std::string> message_bodies;
};

struct SearchPage {
  std::vector<SearchHit> hits;                 // newest ticket first
  std::optional<std::int64_t> next_before_id;  // more may follow below this id
};

class SearchStore {
 public:
  virtual ~SearchStore() = default;

  // The tenant's tickets whose terms match, newest first, filtered, at most `limit`, reading
  // at most kMaxSearchCandidates index rows.
  virtual Result<SearchPage> search_tickets(const SearchQuery& query) = 0;
  // Indexes up to `max_tickets` tickets of the backfill range in one transaction; false once
  // the range is done (then nothing is left to do at any later start).
  virtual Result<bool> backfill_search_index(int max_tickets) = 0;
};

}  // namespace sp::storage
