#include "core/result.hpp"

namespace sp {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput:
      return "invalid_input";
    case ErrorCode::NotFound:
      return "not_found";
    case ErrorCode::Conflict:
      return "conflict";
    case ErrorCode::Forbidden:
      return "forbidden";
    case ErrorCode::Unauthenticated:
      return "unauthenticated";
    case ErrorCode::Unavailable:
      return "unavailable";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

}  // namespace sp
