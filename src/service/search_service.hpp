// Full-text search over tickets (issue 17): a query's words (nl/en stems, zh bigrams; see
// search/search_terms.hpp) must all occur in a ticket's subject, messages or customer's name and
// addresses. Anyone who may read tickets searches their own tenant (a platform administrator
// names one); the results are the tenant's tickets, newest first, filtered by status, priority
// and assignee, with highlights: the matching part of the subject, the customer's name or an
// address, and of up to kMaxHighlightedMessages messages. A page reads a bounded number of index
// rows (storage/search_store.hpp), so it may end early with a cursor. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/helpdesk.hpp"
#include "storage/search_store.hpp"

namespace sp::service {

inline constexpr int kMaxSearchPageSize = 50;
inline constexpr std::size_t kMaxHighlightedMessages = 3;
inline constexpr std::size_t kHighlightCodePoints = 160;

struct SearchRequest {
  std::string q;
  std::optional<TenantId> tenant;  // platform administrators only
  std::vector<Status> statuses;
  std::optional<Priority> priority;
  std::optional<AgentId> assignee;
  bool unassigned_only = false;
  std::optional<std::int64_t> cursor;  // a next_cursor of the previous page
  int limit = 25;                      // 1..kMaxSearchPageSize
};

struct HighlightSpan {
  std::size_t start = 0;  // code points into the highlight's text
  std::size_t end = 0;
};

struct Highlight {
  std::string field;  // "subject", "message", "customer_name", "customer_email"
  std::string text;
  std::vector<HighlightSpan> spans;
};

struct SearchResult {
  Ticket ticket;
  std::vector<Highlight> highlights;
};

struct SearchResults {
  std::vector<SearchResult> items;
  std::optional<std::int64_t> next_cursor;
};

class SearchService {
 public:
  SearchService(storage::Store& store, storage::SearchStore& search) : store_(store), search_(search) {}

  // InvalidInput (field "q") for a query that is empty, longer than search::kMaxQueryBytes or
  // has no word; (field "limit") for a limit outside 1..kMaxSearchPageSize.
  Result<SearchResults> search(const Principal& p, const SearchRequest& request);

  // One backfill batch (see storage::SearchStore::backfill_search_index); false when done.
  Result<bool> backfill(int max_tickets) { return search_.backfill_search_index(max_tickets); }

 private:
  storage::Store& store_;
  storage::SearchStore& search_;
};

}  // namespace sp::service
