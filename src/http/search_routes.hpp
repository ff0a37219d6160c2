// Full-text search (issue 17): GET /api/v1/search?q=&status=&priority=&assignee_id=&limit=&cursor=
// (and ?tenant_id= for platform administrators) -> {items: [{ticket: {the ticket as
// GET /api/v1/tickets lists it}, highlights: [{field, text, spans: [{start, end}]}]}],
// next_cursor}. `status` may repeat or be comma-separated; assignee_id=none means unassigned;
// spans count code points of `text`. A page may hold fewer than `limit` items and still have
// a next_cursor (service::SearchService). Errors are RFC 9457 problems: 422 invalid-field with
// "field" (q empty, over 200 bytes or without a word; a bad filter, limit or cursor).
#pragma once

#include "http/api.hpp"
#include "service/search_service.hpp"

namespace sp::http {

void register_search_routes(Api& api, service::SearchService& search);

}  // namespace sp::http
