// A blocking IMAP client over libcurl for the inbound side: select a mailbox, list UIDs
// above a checkpoint, fetch raw messages. Messages are opaque bytes here: MIME is parsed in
// channels/.
//
// One ImapClient holds one libcurl handle and so (normally) one connection, reused across
// calls and re-established transparently when the server dropped it. Not thread-safe: use
// one client per mailbox poller. Every call is bounded by ImapConfig's timeouts.
// No IDLE: callers poll (ImapPoller::run_once at an interval). Mailbox names are sent as
// given: names outside ASCII must already be in IMAP's modified UTF-7 (RFC 3501 5.1.3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "mail/curl_support.hpp"

namespace sp::mail {

struct ImapConfig {
  // "imap://host:port" or "imaps://host:port" (no mailbox path; select() names it).
  std::string url;
  std::string user;
  std::string password;
  long connect_timeout_ms = 10'000;
  // Upper bound for one whole operation (a select, a search, one fetch).
  long timeout_ms = 120'000;
  // Messages larger than this are not fetched in full (FetchedMessage::truncated).
  std::size_t max_message_bytes = 25 * 1024 * 1024;
  // imaps:// and STARTTLS: verify the server's certificate (turn off only for tests).
  bool verify_tls = true;
};

// What SELECT reports about a mailbox (RFC 3501 section 6.3.1).
struct MailboxStatus {
  std::uint32_t uidvalidity = 0;
  std::uint32_t uidnext = 0;  // 0 when the server did not report it
  std::uint32_t exists = 0;
};

struct FetchedMessage {
  std::string bytes;  // the message exactly as stored (RFC 5322, possibly 8-bit/binary)
  // True when the message exceeded max_message_bytes: `bytes` then holds only its first
  // max_message_bytes bytes (enough for the header, to answer the sender).
  bool truncated = false;
};

// Parses the untagged responses of SELECT/EXAMINE (any text containing "[UIDVALIDITY n]",
// "[UIDNEXT n]" and "n EXISTS" lines; the last of each wins). Fails with InvalidInput when
// no UIDVALIDITY is present. Pure; exposed for tests.
Result<MailboxStatus> parse_select_response(std::string_view text);

// Parses the "* SEARCH n n n" lines of a UID SEARCH response into UIDs, ascending and
// without duplicates; other lines are ignored. Pure; exposed for tests.
Result<std::vector<std::uint32_t>> parse_search_response(std::string_view text);

class ImapClient {
 public:
  // Checks the configuration; connects lazily on the first call. Fails with InvalidInput
  // for a URL that is not imap:// or imaps://.
  static Result<std::unique_ptr<ImapClient>> connect(ImapConfig config);
  ~ImapClient();
  ImapClient(const ImapClient&) = delete;
  ImapClient& operator=(const ImapClient&) = delete;

  // Selects `mailbox` (read-write) and returns its UIDVALIDITY, UIDNEXT and size. Later
  // calls act on this mailbox. Fails with NotFound for a missing mailbox, Forbidden for
  // rejected credentials, Unavailable for network failures and timeouts.
  Result<MailboxStatus> select(const std::string& mailbox);

  // UIDs greater than `last_uid` in the selected mailbox, ascending, as of the last
  // select() (a server need not report mail that arrived since; select again to see it).
  // (IMAP answers
  // "UID n:*" with the highest UID even when it is below n; those are filtered out.)
  // REQUIRES: select() succeeded.
  Result<std::vector<std::uint32_t>> uids_after(std::uint32_t last_uid);

  // The raw message with `uid` in the selected mailbox. libcurl fetches BODY[], so the
  // server sets \Seen on it (the checkpoint, not \Seen, decides what is new). Fails with
  // NotFound when no message has that UID (expunged meanwhile).
  // REQUIRES: select() succeeded.
  Result<FetchedMessage> fetch(std::uint32_t uid);

  // Sets \Seen on `uid` in the selected mailbox. REQUIRES: select() succeeded.
  Result<void> flag_seen(std::uint32_t uid);

 private:
  explicit ImapClient(ImapConfig config, detail::CurlHandle handle);
  // Runs one transfer on mailbox_url_ (+ `url_suffix`) with an optional custom command;
  // the untagged/body output is appended to `body`, server response lines to `headers`.
  Result<void> perform(std::string_view url_suffix, const std::string& custom_request, std::string* body,
                       std::string* headers, std::size_t body_limit, bool* truncated,
                       std::string_view context);

  ImapConfig config_;
  detail::CurlHandle handle_;
  std::string mailbox_;
  std::string mailbox_url_;
};

}  // namespace sp::mail
