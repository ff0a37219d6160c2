// Inbound e-mail parsing: one RFC 5322/MIME message (bytes) in, a ParsedMail value out.
// Built on GMime 3. Pure: no network, files or clock; the only global state is GMime's
// one-time initialisation (done here under std::call_once). Safe to call from many threads
// at once (each call owns its parser and objects).
//
// Contract: never crashes and never throws on bad input. Messages that cannot be accepted
// at all fail with ErrorCode::InvalidInput and a stable Error::kind:
//   kinds::kMimeEmpty         0 bytes or only whitespace
//   kinds::kMimeTooLarge      more than MimeLimits::max_message_bytes
//   kinds::kMimeTooManyParts  more MIME parts than MimeLimits::max_parts
//   kinds::kMimeUnparseable   GMime could not build a message, or it has no header fields
// Everything else that is wrong but survivable (an unknown charset, a missing closing
// boundary, an attachment over the size limit, parts nested deeper than
// MimeLimits::max_depth, control characters in a body) is reported in ParsedMail::warnings
// or ParsedMail::dropped and the rest of the message is kept; ParsedMail::lossy says when
// only the raw bytes hold all of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sp::kinds {
inline constexpr std::string_view kMimeEmpty = "mime-empty";
inline constexpr std::string_view kMimeTooLarge = "mime-too-large";
inline constexpr std::string_view kMimeTooManyParts = "mime-too-many-parts";
inline constexpr std::string_view kMimeUnparseable = "mime-unparseable";
}  // namespace sp::kinds

namespace sp::channels {

struct MimeLimits {
  std::size_t max_message_bytes = 25 * 1024 * 1024;
  std::size_t max_attachment_bytes = 10 * 1024 * 1024;
  std::size_t max_attachments = 50;
  std::size_t max_parts = 200;  // every MIME entity, including multiparts and embedded messages
  // Nesting of multiparts / message/rfc822: parts below it are not read (warning
  // "nesting_truncated"), the text found above it is kept.
  std::size_t max_depth = 16;
  std::size_t max_filename_chars = 120;
};

struct MailAddress {
  std::string address;  // normalised: trimmed, lower case; empty when unparseable
  std::string name;     // display name, RFC 2047-decoded UTF-8
};

struct Attachment {
  std::string filename;            // safe: no path separators or control characters, length-capped
  std::string content_type;        // "image/png", lower case
  std::string content_id;          // without <>, empty when absent
  bool inline_image = false;       // an image referenced by cid: from the HTML body
  bool forwarded_message = false;  // a message/rfc822 part, bytes are the embedded message
  std::string bytes;               // decoded content (transfer encoding removed)
};

// An attachment that was not kept, and why ("too_large", "too_many_attachments").
struct DroppedAttachment {
  std::string filename;
  std::string content_type;
  std::size_t bytes = 0;
  std::string reason;
};

// The text of a message/rfc822 part, quoted into the body and kept here as well.
struct ForwardedMessage {
  std::string message_id;
  MailAddress from;
  std::string subject;
  std::string text;
};

// Signals that a message was sent by a machine (RFC 3834 and common practice). The
// decision whether to answer lives in auto_reply.hpp; this only records what was seen.
struct AutoSignals {
  std::string auto_submitted;         // value of Auto-Submitted unless absent or "no"
  std::string precedence;             // "bulk", "list" or "junk" (lower case) when present
  bool suppress_header = false;       // X-Auto-Response-Suppress present, value not "None"
  bool list_id = false;               // List-Id present
  bool mailer_daemon_sender = false;  // mailer-daemon, postmaster, noreply-style sender
  bool any() const {
    return !auto_submitted.empty() || !precedence.empty() || suppress_header || list_id ||
           mailer_daemon_sender;
  }
};

// A delivery status notification (RFC 3464: multipart/report; report-type=delivery-status).
struct DeliveryReport {
  std::string original_message_id;  // without <>, empty when the bounce does not say
  std::string final_recipient;      // address only
  std::string action;               // "failed", "delayed", ...
  std::string status;               // "5.1.1"
  std::string diagnostic;           // Diagnostic-Code text, unfolded
  bool failed() const { return action == "failed" || status.starts_with("5"); }
};

struct ParsedMail {
  std::string message_id;  // without <>; empty when the header is absent
  std::string in_reply_to;
  std::vector<std::string> references;  // oldest first, as in the header
  MailAddress from;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::string subject;  // decoded UTF-8
  std::optional<Timestamp> date;
  // Plain text body, UTF-8, LF line endings, no control characters but tab and newline
  // (NUL and the like are left out, warning "control_characters_removed").
  std::string text;
  std::optional<std::string> html;      // sanitised HTML (html_sanitize.hpp), when an HTML part exists
  bool text_from_html = false;          // no text/plain part: `text` was derived from the HTML
  bool charset_fallback = false;        // some text used an unknown/undecodable charset (best effort)
  std::vector<Attachment> attachments;  // attachments and inline images
  std::vector<DroppedAttachment> dropped;
  std::vector<ForwardedMessage> forwarded;
  AutoSignals auto_signals;
  std::optional<DeliveryReport> delivery_report;
  // Stable, lower-case codes for survivable problems, e.g. "unknown_charset:x-foo",
  // "malformed_multipart", "truncated_message", "invalid_header_name", "bad_date",
  // "nesting_truncated", "control_characters_removed".
  std::vector<std::string> warnings;
  // The values above leave out something the raw bytes hold (control characters removed
  // from the text, parts past max_depth not read): a caller that stores mail keeps the raw
  // message too.
  bool lossy = false;
};

// Parses `raw` (one message, CRLF or LF line endings). See the header comment for errors.
[[nodiscard]] Result<ParsedMail> parse_mail(std::string_view raw, const MimeLimits& limits = {});

// Converts `bytes` in `charset` to valid UTF-8. Known charsets (UTF-8, US-ASCII, ISO-8859-*,
// Windows-125x, GB2312, GBK, GB18030, Big5, ...) are converted exactly; invalid sequences and
// unknown charsets fall back to a best effort (UTF-8 if valid, else Windows-1252) and set
// `*fallback` to true when given.
std::string to_utf8(std::string_view bytes, std::string_view charset, bool* fallback = nullptr);

// Returns a filename safe to show and store: path components, control characters and
// characters reserved on common file systems removed, leading dots stripped, at most
// `max_chars` UTF-8 characters (the extension is kept), "attachment" when nothing is left.
std::string safe_filename(std::string_view name, std::size_t max_chars = 120);

}  // namespace sp::channels
