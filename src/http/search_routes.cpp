#include "http/search_routes.hpp"

#include <map>

#include "http/handler_util.hpp"

namespace sp::http {

namespace {

json highlight_json(const service::Highlight& highlight) {
  json spans = json::array();
  for (const auto& span : highlight.spans) spans.push_back({{"start", span.start}, {"end", span.end}});
  return {{"field", highlight.field}, {"text", highlight.text}, {"spans", std::move(spans)}};
}

Result<service::SearchRequest> request_of(const HttpRequest& request) {
  service::SearchRequest out;
  out.q = request.query_param("q").value_or("");
  auto tenant = tenant_param(request);
  if (!tenant) return tenant.error();
  out.tenant = *tenant;
  auto statuses = status_params(request);
  if (!statuses) return statuses.error();
  out.statuses = std::move(*statuses);
  if (auto text = request.query_param("priority")) {
    auto priority = domain::parse_priority(*text);
    if (!priority) return invalid_input("priority is not a known priority", "priority");
    out.priority = *priority;
  }
  if (auto text = request.query_param("assignee_id")) {
    if (*text == "none") {
      out.unassigned_only = true;
    } else {
      auto id = parse_positive(*text, "assignee_id");
      if (!id) return id.error();
      out.assignee = domain::AgentId{*id};
    }
  }
  if (auto text = request.query_param("limit")) {
    auto limit = parse_positive(*text, "limit");
    if (!limit || *limit > service::kMaxSearchPageSize) {
      return invalid_input("limit must be between 1 and " + std::to_string(service::kMaxSearchPageSize),
                           "limit");
    }
    out.limit = static_cast<int>(*limit);
  }
  auto cursor = cursor_of(request);
  if (!cursor) return cursor.error();
  out.cursor = *cursor;
  return out;
}

HttpResponse search(Api::Context& ctx, service::SearchService& search) {
  auto request = request_of(ctx.request);
  auto results =
      request ? search.search(ctx.who(), *request) : Result<service::SearchResults>(request.error());
  if (!results) {
    // A query that cannot be searched is a bad request, not a bad value of a resource.
    if (results.error().code == ErrorCode::InvalidInput && results.error().field == "q") {
      return problem(400, "invalid-search-query", "The search query cannot be searched",
                     results.error().message, {{"field", "q"}});
    }
    return error_response(results.error());
  }
  // The same ticket rows as GET /api/v1/tickets: SLA due time and state, requester name.
  std::vector<domain::TicketId> ids;
  ids.reserve(results->items.size());
  for (const auto& item : results->items) ids.push_back(item.ticket.id);
  SP_OR_RESPOND(summaries, ctx.service.store().ticket_summaries(ctx.who().scope, ids));
  std::map<std::int64_t, const domain::TicketSummary*> by_id;
  for (const auto& [id, summary] : *summaries) by_id[id.value] = &summary;
  json items = json::array();
  for (const auto& item : results->items) {
    json ticket = to_json(item.ticket);
    if (auto it = by_id.find(item.ticket.id.value); it != by_id.end()) add_summary(ticket, *it->second);
    json highlights = json::array();
    for (const auto& highlight : item.highlights) highlights.push_back(highlight_json(highlight));
    items.push_back({{"ticket", std::move(ticket)}, {"highlights", std::move(highlights)}});
  }
  json out = {{"items", std::move(items)}};
  out["next_cursor"] = results->next_cursor ? json(std::to_string(*results->next_cursor)) : json(nullptr);
  return json_response(200, out);
}

}  // namespace

void register_search_routes(Api& api, service::SearchService& search_service) {
  api.add("GET", "/api/v1/search", Api::Access::Authenticated,
          [&search_service](Api::Context& ctx) { return search(ctx, search_service); });
}

}  // namespace sp::http
