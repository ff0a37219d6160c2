#include "mail/imap_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>

namespace sp::mail {

namespace {

struct Sink {
  std::string* out = nullptr;
  std::size_t limit = 0;
  bool* truncated = nullptr;
};

// libcurl write/header callback: appends up to `limit` bytes, then aborts the transfer
// (returning less than offered makes libcurl fail with CURLE_WRITE_ERROR, which perform()
// recognises through `truncated`).
std::size_t append_to_sink(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t offered = size * count;
  if (sink->out == nullptr) return offered;
  const std::size_t room = sink->limit > sink->out->size() ? sink->limit - sink->out->size() : 0;
  if (offered > room) {
    sink->out->append(data, room);
    if (sink->truncated != nullptr) *sink->truncated = true;
    return 0;
  }
  sink->out->append(data, offered);
  return offered;
}

bool parse_u32(std::string_view text, std::uint32_t& value) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// The number after `key` inside a bracketed response code, e.g. "[UIDVALIDITY 123]".
bool response_code_number(std::string_view line, std::string_view key, std::uint32_t& value) {
  auto at = line.find(key);
  if (at == std::string_view::npos) return false;
  auto rest = line.substr(at + key.size());
  auto close = rest.find(']');
  if (close == std::string_view::npos) return false;
  return parse_u32(rest.substr(0, close), value);
}

std::string_view trim_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  return line;
}

template <typename Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = end == std::string_view::npos ? text : text.substr(0, end);
    fn(trim_line_end(line));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

// An IMAP quoted string (RFC 3501 section 4.3) for a mailbox name in a custom command.
std::string quote_imap(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace

Result<MailboxStatus> parse_select_response(std::string_view text) {
  MailboxStatus status;
  bool has_uidvalidity = false;
  for_each_line(text, [&](std::string_view line) {
    if (!line.starts_with("* ")) return;
    std::uint32_t value = 0;
    if (response_code_number(line, "[UIDVALIDITY ", value)) {
      status.uidvalidity = value;
      has_uidvalidity = true;
    } else if (response_code_number(line, "[UIDNEXT ", value)) {
      status.uidnext = value;
    } else if (line.ends_with(" EXISTS")) {
      auto number = line.substr(2, line.size() - 2 - std::string_view(" EXISTS").size());
      if (parse_u32(number, value)) status.exists = value;
    }
  });
  if (!has_uidvalidity) return invalid_input("SELECT response without UIDVALIDITY");
  return status;
}

Result<std::vector<std::uint32_t>> parse_search_response(std::string_view text) {
  std::vector<std::uint32_t> uids;
  bool bad = false;
  for_each_line(text, [&](std::string_view line) {
    constexpr std::string_view kPrefix = "* SEARCH";
    if (!line.starts_with(kPrefix)) return;
    auto rest = line.substr(kPrefix.size());
    while (!rest.empty()) {
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      if (rest.empty()) break;
      auto space = rest.find(' ');
      auto token = rest.substr(0, space);
      std::uint32_t uid = 0;
      if (!parse_u32(token, uid) || uid == 0) {
        bad = true;
        return;
      }
      uids.push_back(uid);
      rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space);
    }
  });
  if (bad) return invalid_input("malformed SEARCH response");
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

Result<std::unique_ptr<ImapClient>> ImapClient::connect(ImapConfig config) {
  if (!config.url.starts_with("imap://") && !config.url.starts_with("imaps://")) {
    return invalid_input("IMAP URL must start with imap:// or imaps://", "url");
  }
  while (config.url.ends_with('/')) config.url.pop_back();
  auto handle = detail::make_curl_handle();
  if (!handle) return handle.error();
  return std::unique_ptr<ImapClient>(new ImapClient(std::move(config), std::move(*handle)));
}

ImapClient::ImapClient(ImapConfig config, detail::CurlHandle handle)
    : config_(std::move(config)), handle_(std::move(handle)) {}

ImapClient::~ImapClient() = default;

Result<void> ImapClient::perform(std::string_view url_suffix, const std::string& custom_request,
                                 std::string* body, std::string* headers, std::size_t body_limit,
                                 bool* truncated, std::string_view context) {
  CURL* curl = handle_.get();
  // Reset drops the previous call's options but keeps the live connection.
  curl_easy_reset(curl);
  std::string url = mailbox_url_.empty() ? config_.url + "/" : mailbox_url_;
  url += url_suffix;
  char error_buffer[CURL_ERROR_SIZE] = {};
  Sink body_sink{body, body_limit, truncated};
  Sink header_sink{headers, std::size_t{16} * 1024 * 1024, nullptr};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, config_.user.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, config_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, config_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_to_sink);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body_sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &append_to_sink);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &header_sink);
  if (!config_.verify_tls) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!custom_request.empty()) {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, custom_request.c_str());
  }
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) return {};
  if (code == CURLE_WRITE_ERROR && truncated != nullptr && *truncated) return {};
  if (code == CURLE_LOGIN_DENIED && std::string_view(error_buffer).starts_with("Select")) {
    // libcurl reports a refused SELECT of the URL's mailbox as a login failure.
    std::string message(context);
    message += ": ";
    message += error_buffer;
    return not_found(std::move(message));
  }
  if (code == CURLE_QUOTE_ERROR) {
    // The server answered NO/BAD to the custom command.
    std::string message(context);
    message += ": server refused: ";
    message += error_buffer;
    return internal_error(std::move(message));
  }
  return detail::curl_error(code, context, error_buffer);
}

Result<MailboxStatus> ImapClient::select(const std::string& mailbox) {
  if (mailbox.empty()) return invalid_input("mailbox name is empty", "mailbox");
  mailbox_ = mailbox;
  mailbox_url_ = config_.url + "/" + detail::escape_path_segment(mailbox);
  // libcurl SELECTs the URL's mailbox itself when this connection has not (and then the
  // response lands in the header stream); the explicit SELECT afterwards makes sure the
  // current UIDVALIDITY/UIDNEXT are in the body stream either way, and the last one wins.
  std::string body;
  std::string headers;
  auto done = perform("", "SELECT " + quote_imap(mailbox), &body, &headers, std::size_t{16} * 1024 * 1024,
                      nullptr, "IMAP SELECT " + mailbox);
  if (!done) {
    mailbox_url_.clear();
    if (done.error().code == ErrorCode::NotFound) {
      return not_found("IMAP mailbox '" + mailbox + "' cannot be selected: " + done.error().message);
    }
    return done.error();
  }
  auto status = parse_select_response(headers + body);
  if (!status) return unavailable("IMAP SELECT " + mailbox + ": " + status.error().message);
  return status;
}

Result<std::vector<std::uint32_t>> ImapClient::uids_after(std::uint32_t last_uid) {
  SP_ASSERT(!mailbox_url_.empty() && "uids_after() before select()");
  if (last_uid == UINT32_MAX) return std::vector<std::uint32_t>{};
  std::string body;
  SP_TRY(perform("", "UID SEARCH UID " + std::to_string(last_uid + 1) + ":*", &body, nullptr,
                 std::size_t{64} * 1024 * 1024, nullptr, "IMAP UID SEARCH"));
  auto uids = parse_search_response(body);
  if (!uids) return unavailable("IMAP UID SEARCH: " + uids.error().message);
  // "n:*" includes the highest UID even when it is below n (RFC 3501 section 6.4.8).
  std::erase_if(*uids, [last_uid](std::uint32_t uid) { return uid <= last_uid; });
  return uids;
}

Result<FetchedMessage> ImapClient::fetch(std::uint32_t uid) {
  SP_ASSERT(!mailbox_url_.empty() && "fetch() before select()");
  FetchedMessage message;
  std::string headers;
  auto done = perform(";UID=" + std::to_string(uid), "", &message.bytes, &headers, config_.max_message_bytes,
                      &message.truncated, "IMAP UID FETCH " + std::to_string(uid));
  if (!done) return done.error();
  // A UID that no longer exists yields an OK without a FETCH response (and no body).
  if (message.bytes.empty() && headers.find(" FETCH ") == std::string::npos) {
    return not_found("IMAP UID " + std::to_string(uid) + " not in " + mailbox_);
  }
  return message;
}

Result<void> ImapClient::flag_seen(std::uint32_t uid) {
  SP_ASSERT(!mailbox_url_.empty() && "flag_seen() before select()");
  std::string body;
  return perform("", "UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Seen)", &body, nullptr,
                 std::size_t{1024} * 1024, nullptr, "IMAP UID STORE");
}

}  // namespace sp::mail
