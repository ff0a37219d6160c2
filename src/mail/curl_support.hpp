// Internal to mail/: one-time libcurl initialisation, an owning handle type, and the mapping
// of CURLcode to sp::Error. Public headers name only CurlHandle (an opaque pointer), so no
// libcurl header or CURLcode reaches callers of mail/.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

typedef void CURL;  // NOLINT: matches <curl/curl.h>

namespace sp::mail::detail {

// Calls curl_global_init once per process (thread-safe).
void ensure_curl_initialised();

struct CurlDeleter {
  void operator()(CURL* handle) const;
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;

// A new easy handle, or Internal when libcurl cannot allocate one.
Result<CurlHandle> make_curl_handle();

// Converts a libcurl failure (`code` is a CURLcode) into an Error. Network failures and
// timeouts become Unavailable; rejected credentials Forbidden; a missing mailbox NotFound;
// malformed URLs InvalidInput. `error_buffer` is CURLOPT_ERRORBUFFER's text (may be empty).
Error curl_error(int code, std::string_view context, std::string_view error_buffer);

// Percent-encodes one URL path segment (a mailbox name).
std::string escape_path_segment(std::string_view segment);

}  // namespace sp::mail::detail
