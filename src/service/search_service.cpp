#include "service/search_service.hpp"

#include "search/search_terms.hpp"

namespace sp::service {

namespace {

void add_highlight(std::vector<Highlight>& out, std::string field, std::string_view text, Language language,
                   std::string_view query) {
  auto found = search::snippet(text, language, query, kHighlightCodePoints);
  if (!found) return;
  Highlight highlight{std::move(field), std::move(found->text), {}};
  for (const auto& span : found->spans) highlight.spans.push_back({span.start, span.end});
  out.push_back(std::move(highlight));
}

std::vector<Highlight> highlights_of(const storage::SearchHit& hit, std::string_view query) {
  std::vector<Highlight> out;
  add_highlight(out, "subject", hit.ticket.subject, hit.language, query);
  std::size_t messages = 0;
  for (const auto& body : hit.message_bodies) {
    if (messages == kMaxHighlightedMessages) break;
    const auto before = out.size();
    add_highlight(out, "message", body, hit.language, query);
    if (out.size() > before) ++messages;
  }
  add_highlight(out, "customer_name", hit.customer_name, hit.language, query);
  for (const auto& email : hit.customer_emails)
    add_highlight(out, "customer_email", email, hit.language, query);
  return out;
}

}  // namespace

Result<SearchResults> SearchService::search(const Principal& p, const SearchRequest& request) {
  SP_TRY(require(p, Permission::Read));
  if (request.q.size() > search::kMaxQueryBytes) {
    return invalid_input("q is at most " + std::to_string(search::kMaxQueryBytes) + " bytes", "q");
  }
  if (request.limit < 1 || request.limit > kMaxSearchPageSize) {
    return invalid_input("limit must be between 1 and " + std::to_string(kMaxSearchPageSize), "limit");
  }
  storage::SearchQuery query;
  query.match = search::match_expression(request.q);
  if (query.match.empty()) return invalid_input("q must contain a word to search for", "q");
  auto tenant = resolve_tenant(store_, p, request.tenant);
  if (!tenant) return tenant.error();
  query.tenant = *tenant;
  query.statuses = request.statuses;
  query.priority = request.priority;
  query.assignee = request.assignee;
  query.unassigned_only = request.unassigned_only;
  query.before_id = request.cursor;
  query.limit = request.limit;
  auto page = search_.search_tickets(query);
  if (!page) return page.error();
  SearchResults results;
  results.next_cursor = page->next_before_id;
  results.items.reserve(page->hits.size());
  for (auto& hit : page->hits) {
    auto highlights = highlights_of(hit, request.q);
    results.items.push_back({std::move(hit.ticket), std::move(highlights)});
  }
  return results;
}

}  // namespace sp::service
