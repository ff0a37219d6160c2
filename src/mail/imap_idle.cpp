#include "mail/imap_idle.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <optional>
#include <thread>
#include <vector>

#include "mail/curl_support.hpp"

namespace sp::mail {

namespace {

using Clock = std::chrono::steady_clock;

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

// A raw IMAP session over libcurl's connection (CONNECT_ONLY: TCP and, for imaps://, TLS).
struct ImapIdleWatcher::Connection {
  detail::CurlHandle handle;
  std::string buffer;  // received, not yet consumed
  int next_tag = 1;
  bool idling = false;

  Result<void> send_line(const std::string& line) {
    std::string data = line + "\r\n";
    std::size_t sent_total = 0;
    auto deadline = Clock::now() + std::chrono::seconds(30);
    while (sent_total < data.size()) {
      std::size_t sent = 0;
      auto rc = curl_easy_send(handle.get(), data.data() + sent_total, data.size() - sent_total, &sent);
      if (rc == CURLE_AGAIN) {
        if (Clock::now() > deadline) return unavailable("IMAP send timed out");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      if (rc != CURLE_OK) return detail::curl_error(rc, "IMAP send", "");
      sent_total += sent;
    }
    return {};
  }

  // Reads one line (without CRLF); nullopt when `deadline` passes first.
  Result<std::optional<std::string>> read_line(Clock::time_point deadline) {
    for (;;) {
      if (auto end = buffer.find("\r\n"); end != std::string::npos) {
        std::string line = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        return std::optional<std::string>{std::move(line)};
      }
      if (buffer.size() > 1024 * 1024) return unavailable("IMAP line too long");
      char chunk[4096];
      std::size_t received = 0;
      auto rc = curl_easy_recv(handle.get(), chunk, sizeof chunk, &received);
      if (rc == CURLE_AGAIN) {
        if (Clock::now() >= deadline) return std::optional<std::string>{};
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      if (rc != CURLE_OK) return detail::curl_error(rc, "IMAP receive", "");
      if (received == 0) return unavailable("IMAP server closed the connection");
      buffer.append(chunk, received);
    }
  }

  // Sends a tagged command and collects the untagged lines until its tagged answer.
  Result<std::vector<std::string>> command(const std::string& text) {
    std::string tag = "i" + std::to_string(next_tag++);
    SP_TRY(send_line(tag + " " + text));
    std::vector<std::string> lines;
    auto deadline = Clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto read = read_line(deadline);
      if (!read) return read.error();
      if (!*read) return unavailable("IMAP server did not answer " + text.substr(0, text.find(' ')));
      std::string line = std::move(**read);
      if (line.rfind(tag + " ", 0) == 0) {
        if (line.rfind(tag + " OK", 0) == 0) return lines;
        Error error = unavailable("IMAP " + text.substr(0, text.find(' ')) + " refused: " + line);
        if (text.rfind("LOGIN", 0) == 0) error.code = ErrorCode::Forbidden;
        return error;
      }
      lines.push_back(std::move(line));
    }
  }
};

ImapIdleWatcher::ImapIdleWatcher(ImapConfig config, std::string mailbox)
    : config_(std::move(config)), mailbox_(std::move(mailbox)) {}

ImapIdleWatcher::~ImapIdleWatcher() {
  if (connection_ && connection_->idling) (void)connection_->send_line("DONE");
}

Result<void> ImapIdleWatcher::connect() {
  detail::ensure_curl_initialised();
  auto handle = detail::make_curl_handle();
  if (!handle) return handle.error();
  auto* curl = handle->get();
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, config_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, config_.verify_tls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, config_.verify_tls ? 2L : 0L);
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  if (auto rc = curl_easy_perform(curl); rc != CURLE_OK)
    return detail::curl_error(rc, "IMAP connect", error_buffer);
  auto connection = std::make_unique<Connection>();
  connection->handle = std::move(*handle);
  // Whether libcurl consumed the greeting or not, a tagged CAPABILITY resynchronises.
  auto capabilities = connection->command("CAPABILITY");
  if (!capabilities) return capabilities.error();
  SP_TRY(connection->command("LOGIN " + quoted(config_.user) + " " + quoted(config_.password)));
  auto after_login = connection->command("CAPABILITY");
  if (!after_login) return after_login.error();
  bool idle = false;
  for (const auto& line : *after_login) idle = idle || line.find(" IDLE") != std::string::npos;
  if (!idle) {
    Error error = invalid_input("the IMAP server does not offer IDLE", "imap");
    error.kind = kinds::kIdleUnsupported;
    return error;
  }
  SP_TRY(connection->command("EXAMINE " + quoted(mailbox_)));
  connection_ = std::move(connection);
  return {};
}

Result<IdleWake> ImapIdleWatcher::wait(std::chrono::milliseconds timeout) {
  timeout = std::min<std::chrono::milliseconds>(timeout, std::chrono::minutes(29));
  if (!connection_) {
    if (auto connected = connect(); !connected) {
      connection_.reset();
      return connected.error();
    }
  }
  auto& connection = *connection_;
  auto fail = [this](Error error) -> Result<IdleWake> {
    connection_.reset();
    return error;
  };
  std::string tag = "i" + std::to_string(connection.next_tag++);
  if (auto sent = connection.send_line(tag + " IDLE"); !sent) return fail(sent.error());
  connection.idling = true;
  auto deadline = Clock::now() + timeout;
  IdleWake wake = IdleWake::Timeout;
  bool continued = false;
  for (;;) {
    auto read = connection.read_line(deadline);
    if (!read) return fail(read.error());
    if (!*read) break;  // timeout
    const std::string& line = **read;
    if (line.rfind("+", 0) == 0) {
      continued = true;
      continue;
    }
    if (line.rfind(tag + " ", 0) == 0) return fail(unavailable("IDLE ended by the server: " + line));
    // "* 12 EXISTS" (new message) or "* 3 RECENT": time to poll.
    if (line.find(" EXISTS") != std::string::npos || line.find(" RECENT") != std::string::npos) {
      wake = IdleWake::NewMail;
      break;
    }
  }
  (void)continued;
  if (auto done = connection.send_line("DONE"); !done) return fail(done.error());
  connection.idling = false;
  auto end_deadline = Clock::now() + std::chrono::seconds(30);
  for (;;) {
    auto read = connection.read_line(end_deadline);
    if (!read) return fail(read.error());
    if (!*read) return fail(unavailable("IMAP server did not end IDLE"));
    if ((*read)->rfind(tag + " ", 0) == 0) break;
  }
  return wake;
}

}  // namespace sp::mail
