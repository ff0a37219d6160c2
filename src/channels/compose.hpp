// Outbound e-mail: builds one RFC 5322 message (CRLF line endings, MIME 1.0) from plain
// values: a single text/plain; charset=UTF-8 body, or, with an HTML alternative and/or
// attachments, multipart/mixed { multipart/alternative { text/plain, text/html }, files... }
// (multipart/alternative alone when there are no attachments). Pure and thread-safe: the Date and the
// Message-ID are passed in (make_message_id turns caller-supplied random bytes into one).
//
// Header injection is impossible by construction: every value that ends up in a header is
// checked, and a CR, LF or NUL in any of them fails the whole message with InvalidInput
// naming the field. Non-ASCII subjects and display names become RFC 2047 encoded words.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "channels/mime.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"

namespace sp::channels {

enum class BodyEncoding { QuotedPrintable, Base64 };

// A file sent with a message, always base64-encoded. The filename is chosen by us, never by a
// sender: 1-100 characters of [A-Za-z0-9._-], not starting with a dot (checked).
struct OutboundAttachment {
  std::string filename;      // e.g. "report-weekly_feedback-2026-W47.pdf"
  std::string content_type;  // "type/subtype" in lower-case ASCII, e.g. "application/pdf"
  std::string bytes;         // the raw content
};

struct OutboundMail {
  MailAddress from;             // address required, name optional (UTF-8)
  std::vector<MailAddress> to;  // at least one
  std::vector<MailAddress> cc;
  std::string subject;  // UTF-8; the ticket token is appended when missing
  std::optional<domain::TicketId> ticket;
  std::string text;  // UTF-8 body; LF or CRLF line endings
  Timestamp date;
  std::string message_id;               // without <>, e.g. "3f9c...@desk.example.com"
  std::string in_reply_to;              // without <>; empty for a first message
  std::vector<std::string> references;  // without <>, oldest first
  // Adds "Auto-Submitted: auto-replied" (RFC 3834) and "X-Auto-Response-Suppress: All", for
  // acknowledgements and other machine-sent replies.
  bool auto_submitted = false;
  BodyEncoding encoding = BodyEncoding::QuotedPrintable;
  // Optional HTML alternative of `text` (UTF-8, sent quoted-printable); the caller is
  // responsible for it being safe to display (our own rendered reports).
  std::string html;
  std::vector<OutboundAttachment> attachments;  // at most kMaxAttachments
};

inline constexpr std::size_t kMaxAttachments = 10;

// Returns the complete message. Fails with InvalidInput (field named: "from", "to", "cc",
// "subject", "message_id", "in_reply_to", "references", "text", "html", "attachments") on
// CR/LF/NUL in a header value, an invalid address, a missing recipient or Message-ID, a body
// that is not UTF-8, or an attachment with an unsafe filename or content type (or too many).
[[nodiscard]] Result<std::string> compose_mail(const OutboundMail& mail);

// "<hex of random_bytes>@<domain>" without the angle brackets. REQUIRES: at least 16 random
// bytes from a CSPRNG (e.g. randombytes_buf in the shell) and a non-empty domain.
std::string make_message_id(std::span<const std::uint8_t> random_bytes, std::string_view domain);

// "Mon, 23 Nov 2026 13:10:24 +0000" (RFC 5322 section 3.3), always UTC.
std::string format_rfc5322_date(Timestamp at);

// The subject as it appears in the header: ASCII unchanged (folded at spaces when long),
// otherwise UTF-8 "B" encoded words of at most 75 characters joined by CRLF SP. Never
// splits a UTF-8 sequence between words.
std::string encode_header_text(std::string_view utf8);

std::string encode_quoted_printable(std::string_view text);  // CRLF lines, soft breaks at 76
std::string encode_base64_lines(std::string_view bytes);     // 76-character CRLF lines

}  // namespace sp::channels
