// Sending one RFC 5322 message over SMTP with libcurl, and the MailSender seam the outbox
// worker delivers through (tests and other transports implement it too).
//
// Failures are classified so the outbox can decide: a temporary failure (network, timeout,
// a 4xx reply, rejected credentials, which an operator can fix) is retried later; a
// permanent one (a 5xx reply to MAIL FROM, RCPT TO or DATA) gives up. Delivery is
// all-or-nothing: if any recipient is refused, nothing is sent.
// SmtpClient is thread-safe (calls are serialised on one connection).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "mail/curl_support.hpp"

namespace sp::mail {

struct Envelope {
  std::string from;                     // MAIL FROM (may be empty for bounces: "<>")
  std::vector<std::string> recipients;  // RCPT TO, at least one
};

// How a failed delivery should be treated: retried later or given up.
enum class DeliveryFailure { Temporary, Permanent };

// Error::kind of a delivery failure: "temporary" (code Unavailable) or "permanent" (code
// InvalidInput). Errors of other origins count as temporary.
inline constexpr std::string_view kTemporaryFailure = "temporary";
inline constexpr std::string_view kPermanentFailure = "permanent";
DeliveryFailure classify_delivery_error(const Error& error);
Error temporary_failure(std::string message);
Error permanent_failure(std::string message);

// Classifies an SMTP reply code (RFC 5321 section 4.2.1): 5xx is permanent, everything
// else (4xx, no reply at all = 0) temporary. Pure; exposed for tests.
DeliveryFailure classify_smtp_reply(long reply_code);

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Delivers `raw` (a complete message with CRLF line ends) to every envelope recipient.
  // On failure the Error's kind says whether to retry (see classify_delivery_error).
  [[nodiscard]] virtual Result<void> send(const Envelope& envelope, std::string_view raw) = 0;
};

struct SmtpConfig {
  // "smtp://host:port" (optionally "/helo.domain"), or "smtps://host:465".
  std::string url;
  std::string user;  // empty: no authentication
  std::string password;
  // Require STARTTLS on smtp:// (fails when the server does not offer it).
  bool require_starttls = false;
  bool verify_tls = true;
  long connect_timeout_ms = 10'000;
  long timeout_ms = 120'000;  // whole transaction, DATA included
};

class SmtpClient final : public MailSender {
 public:
  // Fails with InvalidInput for a URL that is not smtp:// or smtps://.
  static Result<std::unique_ptr<SmtpClient>> create(SmtpConfig config);
  ~SmtpClient() override;

  // Sends the message. Fails with kind "temporary" or "permanent" (see above); the
  // message names the server's reply code when there was one.
  [[nodiscard]] Result<void> send(const Envelope& envelope, std::string_view raw) override;

 private:
  SmtpClient(SmtpConfig config, detail::CurlHandle handle);

  SmtpConfig config_;
  std::mutex mutex_;
  detail::CurlHandle handle_;
};

}  // namespace sp::mail
