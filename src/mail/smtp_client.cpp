#include "mail/smtp_client.hpp"

#include <curl/curl.h>

#include <cstring>

namespace sp::mail {

namespace {

struct Source {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_from_source(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* source = static_cast<Source*>(user);
  const std::size_t room = size * count;
  const std::size_t left = source->data.size() - source->offset;
  const std::size_t n = left < room ? left : room;
  std::memcpy(buffer, source->data.data() + source->offset, n);
  source->offset += n;
  return n;
}

// Collects the server's reply lines so a failure can quote the reply text.
std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* lines = static_cast<std::string*>(user);
  if (lines->size() < 64 * 1024) lines->append(data, size * count);
  return size * count;
}

// The last reply line with a 4xx/5xx code, e.g. "550 5.1.1 mailbox unavailable".
std::string last_error_reply(const std::string& replies) {
  std::string found;
  std::size_t start = 0;
  while (start < replies.size()) {
    auto end = replies.find('\n', start);
    if (end == std::string::npos) end = replies.size();
    std::string line = replies.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    if (line.size() >= 3 && (line[0] == '4' || line[0] == '5')) found = line;
    start = end + 1;
  }
  return found;
}

std::string angle_address(const std::string& address) {
  if (address.starts_with('<')) return address;
  return "<" + address + ">";
}

}  // namespace

DeliveryFailure classify_smtp_reply(long reply_code) {
  return reply_code >= 500 && reply_code < 600 ? DeliveryFailure::Permanent : DeliveryFailure::Temporary;
}

Error temporary_failure(std::string message) {
  return Error{ErrorCode::Unavailable, std::move(message), {}, std::string(kTemporaryFailure)};
}

Error permanent_failure(std::string message) {
  return Error{ErrorCode::InvalidInput, std::move(message), {}, std::string(kPermanentFailure)};
}

DeliveryFailure classify_delivery_error(const Error& error) {
  return error.kind == kPermanentFailure ? DeliveryFailure::Permanent : DeliveryFailure::Temporary;
}

Result<std::unique_ptr<SmtpClient>> SmtpClient::create(SmtpConfig config) {
  if (!config.url.starts_with("smtp://") && !config.url.starts_with("smtps://")) {
    return invalid_input("SMTP URL must start with smtp:// or smtps://", "url");
  }
  auto handle = detail::make_curl_handle();
  if (!handle) return handle.error();
  return std::unique_ptr<SmtpClient>(new SmtpClient(std::move(config), std::move(*handle)));
}

SmtpClient::SmtpClient(SmtpConfig config, detail::CurlHandle handle)
    : config_(std::move(config)), handle_(std::move(handle)) {}

SmtpClient::~SmtpClient() = default;

Result<void> SmtpClient::send(const Envelope& envelope, std::string_view raw) {
  if (envelope.recipients.empty()) return permanent_failure("no recipients");
  for (const auto& address : envelope.recipients) {
    if (address.find_first_of("\r\n") != std::string::npos) {
      return permanent_failure("recipient address contains a line break");
    }
  }
  if (envelope.from.find_first_of("\r\n") != std::string::npos) {
    return permanent_failure("sender address contains a line break");
  }

  std::lock_guard lock(mutex_);
  CURL* curl = handle_.get();
  curl_easy_reset(curl);  // keeps the live connection for the next message

  curl_slist* recipients = nullptr;
  for (const auto& address : envelope.recipients) {
    curl_slist* grown = curl_slist_append(recipients, angle_address(address).c_str());
    if (grown == nullptr) {
      curl_slist_free_all(recipients);
      return temporary_failure("out of memory building the recipient list");
    }
    recipients = grown;
  }
  std::string from = envelope.from.empty() ? "<>" : angle_address(envelope.from);
  Source source{raw, 0};
  std::string replies;
  char error_buffer[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  if (!config_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  if (config_.require_starttls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config_.verify_tls) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &read_from_source);
  curl_easy_setopt(curl, CURLOPT_READDATA, &source);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(raw.size()));
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &replies);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, config_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, config_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);

  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  if (code == CURLE_OK) return {};

  long reply_code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply_code);
  std::string message = "SMTP: ";
  message += error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  std::string reply = last_error_reply(replies);
  if (!reply.empty()) message += " (server: " + reply + ")";
  // Rejected credentials are a configuration problem, not the message's: keep it queued.
  if (code == CURLE_LOGIN_DENIED || code == CURLE_AUTH_ERROR) {
    return temporary_failure(std::move(message));
  }
  if (reply_code >= 400 && classify_smtp_reply(reply_code) == DeliveryFailure::Permanent) {
    return permanent_failure(std::move(message));
  }
  return temporary_failure(std::move(message));
}

}  // namespace sp::mail
