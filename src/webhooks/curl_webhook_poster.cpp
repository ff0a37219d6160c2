#include <curl/curl.h>

#include <chrono>

#include "mail/curl_support.hpp"
#include "webhooks/webhook_poster.hpp"

namespace sp::webhooks {
namespace {

struct ResponseSink {
  std::size_t limit = 0;
  std::size_t received = 0;
  bool truncated = false;
};

// Counts the answer and stops reading at the limit: the receiver's body is not kept, and a
// huge or endless answer must not hold a worker.
std::size_t on_body(char* /*data*/, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<ResponseSink*>(user);
  const std::size_t bytes = size * count;
  if (sink->received + bytes > sink->limit) {
    sink->truncated = true;
    return 0;  // CURLE_WRITE_ERROR ends the transfer
  }
  sink->received += bytes;
  return bytes;
}

std::string transport_error(CURLcode code, const char* buffer) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return "timeout";
    case CURLE_COULDNT_CONNECT:
      return "connection refused";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "host not found";
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      return "connection closed without an answer";
    case CURLE_UNSUPPORTED_PROTOCOL:
      return "only http and https URLs are delivered";
    default:
      break;
  }
  std::string text = buffer[0] != '\0' ? buffer : curl_easy_strerror(code);
  return text.size() > 300 ? text.substr(0, 300) : text;
}

}  // namespace

PostOutcome CurlWebhookPoster::post(const std::string& url, const Headers& headers, const std::string& body) {
  const auto started = std::chrono::steady_clock::now();
  PostOutcome outcome;
  auto finish = [&] {
    outcome.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count();
    return outcome;
  };
  mail::detail::ensure_curl_initialised();
  auto handle = mail::detail::make_curl_handle();
  if (!handle) {
    outcome.error = handle.error().message;
    return finish();
  }
  CURL* curl = handle->get();
  curl_slist* list = nullptr;
  for (const auto& [name, value] : headers) list = curl_slist_append(list, (name + ": " + value).c_str());
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  list = curl_slist_append(list, "User-Agent: servicepact-webhooks/1");
  ResponseSink sink{options_.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status > 0) outcome.status_code = static_cast<int>(status);
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && sink.truncated && status > 0)) {
    outcome.error = transport_error(code, error_buffer);
  } else if (status < 200 || status >= 300) {
    outcome.error = "HTTP " + std::to_string(status);
  }
  return finish();
}

}  // namespace sp::webhooks
