#include "mail/curl_support.hpp"

#include <curl/curl.h>

#include <mutex>

namespace sp::mail::detail {

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void CurlDeleter::operator()(CURL* handle) const {
  curl_easy_cleanup(handle);
}

Result<CurlHandle> make_curl_handle() {
  ensure_curl_initialised();
  CurlHandle handle(curl_easy_init());
  if (!handle) return internal_error("curl_easy_init failed");
  return handle;
}

Error curl_error(int code, std::string_view context, std::string_view error_buffer) {
  const auto curl_code = static_cast<CURLcode>(code);
  std::string message(context);
  message += ": ";
  message += error_buffer.empty() ? curl_easy_strerror(curl_code) : std::string(error_buffer);
  switch (curl_code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_AGAIN:
      return unavailable(std::move(message));
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
      return forbidden(std::move(message));
    case CURLE_REMOTE_FILE_NOT_FOUND:
    case CURLE_REMOTE_ACCESS_DENIED:
      return not_found(std::move(message));
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return invalid_input(std::move(message), "url");
    default:
      return internal_error(std::move(message));
  }
}

std::string escape_path_segment(std::string_view segment) {
  ensure_curl_initialised();
  char* escaped = curl_easy_escape(nullptr, segment.data(), static_cast<int>(segment.size()));
  if (escaped == nullptr) return std::string(segment);
  std::string result(escaped);
  curl_free(escaped);
  return result;
}

}  // namespace sp::mail::detail
