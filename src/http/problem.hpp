// RFC 9457 problem details. Every error response of the API is built here, so each has
// a stable `type` ("/problems/<slug>"), a title, the HTTP status and a human detail.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/http_types.hpp"

namespace sp::kinds {
// Kinds the HTTP layer itself gives to a request it refuses.
inline constexpr std::string_view kUnknownField = "unknown-field";
inline constexpr std::string_view kWrongType = "wrong-type";
inline constexpr std::string_view kPayloadTooLarge = "payload-too-large";
inline constexpr std::string_view kUnsupportedMediaType = "unsupported-media-type";
inline constexpr std::string_view kCsrfTokenInvalid = "csrf-token-invalid";
}  // namespace sp::kinds

namespace sp::http {

// Builds a problem response. `extra` members (e.g. "field", "position") are merged in.
HttpResponse problem(int status, std::string_view slug, std::string_view title, std::string_view detail,
                     const nlohmann::json& extra = nullptr);

// Maps a domain/storage error to its HTTP status and problem type (with the error's field and
// extension members):
//   InvalidInput -> 422 invalid-field (or the error's kind), NotFound -> 404 not-found,
//   Conflict -> 409 <kind> (version-mismatch -> 412), Forbidden -> 403,
//   Unauthenticated -> 401, Unavailable -> 503, Internal -> 500 (detail withheld).
HttpResponse problem_from(const Error& error);

}  // namespace sp::http
