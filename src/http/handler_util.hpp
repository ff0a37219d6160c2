// Small helpers shared by the API's handler files: JSON responses, body parsing, error
// mapping, integer parameters. Internal to http/.
#pragma once

#include <spdlog/spdlog.h>

#include <optional>
#include <vector>

#include "domain/notify_rules.hpp"
#include "http/api.hpp"
#include "http/json_codec.hpp"
#include "http/problem.hpp"

namespace sp::http {

inline HttpResponse json_response(int status, const json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

template <typename T>
json array_of(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

inline Result<std::int64_t> parse_positive(const std::string& text, const char* field) {
  if (text.empty() || text.size() > 18) {
    return invalid_input(std::string(field) + " must be a positive integer", field);
  }
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return invalid_input(std::string(field) + " must be a positive integer", field);
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return invalid_input(std::string(field) + " must be a positive integer", field);
  return value;
}

inline Result<json> body_of(const Api::Context& ctx) {
  auto type = ctx.request.header("content-type");
  if (!type || type->find("application/json") != 0) {
    Error error = invalid_input("send the body as application/json");
    error.kind = kinds::kUnsupportedMediaType;
    return error;
  }
  return parse_json_object(ctx.request.body);
}

// The body as a JSON object, refused as too large (413 through error_response) beyond
// `max_bytes`: for routes whose bodies are smaller than the server's general limit.
inline Result<json> body_at_most(const Api::Context& ctx, std::size_t max_bytes) {
  if (ctx.request.body.size() > max_bytes) {
    Error error = invalid_input("the body must be at most " + std::to_string(max_bytes / 1024) + " KiB");
    error.kind = kinds::kPayloadTooLarge;
    return error;
  }
  return body_of(ctx);
}

inline HttpResponse error_response(const Error& error) {
  if (error.kind == kinds::kPayloadTooLarge) {
    return problem(413, "payload-too-large", "Payload too large", error.message);
  }
  if (error.kind == kinds::kUnsupportedMediaType) {
    return problem(415, "unsupported-media-type", "Unsupported media type", error.message);
  }
  if (error.code == ErrorCode::Internal) spdlog::error("internal error: {}", error.message);
  return problem_from(error);
}

// Collision detection (issue 17): the 409 to answer when someone else replied on the ticket
// after the newest message the composer saw (`seen_up_to`, the form's if_no_reply_since).
inline Result<std::optional<HttpResponse>> reply_collision(Api::Context& ctx, domain::TicketId ticket,
                                                           domain::MessageId seen_up_to) {
  auto messages = ctx.service.list_messages(ctx.who(), ticket);
  if (!messages) return messages.error();
  auto newer = domain::newer_reply(*messages, seen_up_to, ctx.who().agent.id);
  if (!newer) return std::optional<HttpResponse>{};
  return std::optional<HttpResponse>{problem(409, "reply-collision", "Reply collision",
                                             "another reply was sent after you started yours; send again "
                                             "without if_no_reply_since to send it anyway",
                                             {{"reply", to_json(*newer)}})};
}

// If-Match: "<version>" (or W/"<version>", or *). Returns the expected version, nullopt
// when absent or "*", or an error for anything else.
inline Result<std::optional<std::int64_t>> expected_version(const HttpRequest& request) {
  auto header = request.header("if-match");
  if (!header || *header == "*") return std::optional<std::int64_t>{};
  std::string_view text = *header;
  if (text.starts_with("W/")) text.remove_prefix(2);
  if (text.size() < 3 || text.front() != '"' || text.back() != '"') {
    return invalid_input("If-Match must be an ETag such as \"3\"", "If-Match");
  }
  text = text.substr(1, text.size() - 2);
  std::int64_t version = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || version > 1'000'000'000'000) {
      return invalid_input("If-Match must be an ETag such as \"3\"", "If-Match");
    }
    version = version * 10 + (c - '0');
  }
  return std::optional<std::int64_t>{version};
}

// Binds `var` to the result of `expr`, or returns its error as problem+json.
#define SP_OR_RESPOND(var, expr) \
  auto var = (expr);             \
  if (!var) return error_response(var.error())

// The optional ?tenant_id= a platform administrator names (positive integer).
inline Result<std::optional<domain::TenantId>> tenant_param(const HttpRequest& request) {
  auto text = request.query_param("tenant_id");
  if (!text) return std::optional<domain::TenantId>{};
  auto id = parse_positive(*text, "tenant_id");
  if (!id) return id.error();
  return std::optional<domain::TenantId>{domain::TenantId{*id}};
}

// The statuses of ?status= (repeated or comma-separated), at most one of each kind.
inline Result<std::vector<domain::Status>> status_params(const HttpRequest& request) {
  std::vector<domain::Status> statuses;
  for (auto [it, end] = request.query.equal_range("status"); it != end; ++it) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto status = domain::parse_status(rest.substr(0, comma));
      if (!status) return status.error();
      statuses.push_back(*status);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (statuses.size() > 6) return invalid_input("too many statuses", "status");
  return statuses;
}

// The ?cursor= of an id-keyed listing: a next_cursor this API issued (a positive id).
inline Result<std::optional<std::int64_t>> cursor_of(const HttpRequest& request) {
  auto text = request.query_param("cursor");
  if (!text) return std::optional<std::int64_t>{};
  auto value = parse_positive(*text, "cursor");
  if (!value) return invalid_input("cursor is not one this API issued", "cursor");
  return std::optional<std::int64_t>{*value};
}

inline Result<int> page_limit(const HttpRequest& request) {
  auto text = request.query_param("limit");
  if (!text) return 50;
  auto value = parse_positive(*text, "limit");
  if (!value) return value.error();
  if (*value > storage::kMaxPageSize) return invalid_input("limit must be between 1 and 500", "limit");
  return static_cast<int>(*value);
}

}  // namespace sp::http
