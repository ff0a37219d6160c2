// Result<T>: the value of a fallible operation, or an Error saying why it failed.
// Shaped like std::expected (which g++ 12 lacks in C++20 mode). Errors are values in
// servicepact: the pure core never throws on bad data, adapters convert library errors
// at their boundary, and the HTTP layer maps ErrorCode to an RFC 9457 problem type.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sp {

enum class ErrorCode {
  InvalidInput,  // the caller sent something malformed or out of range
  NotFound,      // no such object (or not visible to this tenant)
  Conflict,      // a uniqueness rule or a version check failed
  Forbidden,     // authenticated, but not allowed
  Unauthenticated,
  Unavailable,  // temporary: retry later (database busy, shutting down)
  Internal,     // a bug or an unexpected library failure
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  // Optional machine-readable detail, e.g. the offending field ("priority") or a
  // refined problem type suffix (kinds::kVersionMismatch). Empty when not applicable.
  std::string field = {};
  std::string kind = {};
  // Optional RFC 9457 extension members, a JSON object as text, which the HTTP layer merges
  // into the problem (e.g. the conduct findings that blocked a reply). Empty when none.
  std::string extensions_json = {};
};

inline Error invalid_input(std::string message, std::string field = {}) {
  return Error{ErrorCode::InvalidInput, std::move(message), std::move(field)};
}
inline Error not_found(std::string message) {
  return Error{ErrorCode::NotFound, std::move(message)};
}
inline Error conflict(std::string message, std::string_view kind = {}) {
  return Error{ErrorCode::Conflict, std::move(message), {}, std::string(kind)};
}
inline Error forbidden(std::string message) {
  return Error{ErrorCode::Forbidden, std::move(message)};
}
inline Error internal_error(std::string message) {
  return Error{ErrorCode::Internal, std::move(message)};
}
inline Error unavailable(std::string message) {
  return Error{ErrorCode::Unavailable, std::move(message)};
}

// Error kinds: stable, kebab-case names ("version-mismatch"), each a named constant so that
// producers and the code that tests for one share a single spelling. The HTTP layer publishes
// the kind of an InvalidInput, NotFound, Conflict or Forbidden error as the problem type
// "/problems/<kind>" (http/problem.cpp): renaming a kind changes the published API. A kind
// lives in the header of the part that produces it; the ones below cross parts (produced by
// storage or service and tested for in service, intake or http).
namespace kinds {
inline constexpr std::string_view kVersionMismatch = "version-mismatch";
inline constexpr std::string_view kInvalidJson = "invalid-json";
inline constexpr std::string_view kDuplicate = "duplicate";               // a uniqueness rule
inline constexpr std::string_view kDuplicateIntake = "duplicate-intake";  // a message seen before
inline constexpr std::string_view kConstraint = "constraint";             // a foreign key or check failed
inline constexpr std::string_view kSurveyLinkUnknown = "survey-link-unknown";
inline constexpr std::string_view kSurveyLinkExpired = "survey-link-expired";
inline constexpr std::string_view kSurveyAlreadyAnswered = "survey-already-answered";
inline constexpr std::string_view kSurveyExcluded = "survey-excluded";
inline constexpr std::string_view kTicketNotSolved = "ticket-not-solved";
inline constexpr std::string_view kTooManyImprovements = "too-many-improvements";
}  // namespace kinds

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "value() on an error Result");
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok() && "value() on an error Result");
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok() && "value() on an error Result");
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok() && "error() on a successful Result");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_ && "error() on a successful Result");
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace sp

// Propagates the error of a Result-returning expression out of the current function.
#define SP_TRY(expr)                                         \
  do {                                                       \
    auto sp_try_result_ = (expr);                            \
    if (!sp_try_result_.ok()) return sp_try_result_.error(); \
  } while (0)

#define SP_ASSERT(cond) assert(cond)
