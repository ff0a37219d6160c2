#include "http/problem.hpp"

namespace sp::http {

HttpResponse problem(int status, std::string_view slug, std::string_view title, std::string_view detail,
                     const nlohmann::json& extra) {
  nlohmann::json body = {{"type", "/problems/" + std::string(slug)},
                         {"title", std::string(title)},
                         {"status", status},
                         {"detail", std::string(detail)}};
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items()) body[key] = value;
  }
  HttpResponse response;
  response.status = status;
  response.content_type = "application/problem+json";
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (status == 401) response.header("WWW-Authenticate", "Bearer realm=\"servicepact\"");
  return response;
}

HttpResponse problem_from(const Error& error) {
  nlohmann::json extra = nlohmann::json::object();
  if (!error.extensions_json.empty()) {
    auto members = nlohmann::json::parse(error.extensions_json, nullptr, false);
    if (members.is_object()) extra = std::move(members);
  }
  if (!error.field.empty()) extra["field"] = error.field;
  switch (error.code) {
    case ErrorCode::InvalidInput:
      if (error.kind == kinds::kInvalidJson) {
        return problem(400, kinds::kInvalidJson, "The request body is not valid JSON", error.message);
      }
      return problem(422, error.kind.empty() ? "invalid-field" : error.kind,
                     "The request has an invalid value", error.message, extra);
    case ErrorCode::NotFound:
      return problem(404, error.kind.empty() ? "not-found" : error.kind, "Not found", error.message);
    case ErrorCode::Conflict:
      if (error.kind == kinds::kVersionMismatch) {
        return problem(412, kinds::kVersionMismatch, "The resource was changed by someone else",
                       error.message);
      }
      return problem(409, error.kind.empty() ? "conflict" : error.kind,
                     "The request conflicts with the current state", error.message);
    case ErrorCode::Forbidden:
      return problem(403, error.kind.empty() ? "forbidden" : error.kind, "Forbidden", error.message);
    case ErrorCode::Unauthenticated:
      return problem(401, "unauthenticated", "Authentication required", error.message);
    case ErrorCode::Unavailable:
      return problem(503, "unavailable", "Temporarily unavailable; retry later", error.message);
    case ErrorCode::Internal:
      break;
  }
  return problem(500, "internal", "Internal error",
                 "The server failed to handle the request; it has been logged.");
}

}  // namespace sp::http
