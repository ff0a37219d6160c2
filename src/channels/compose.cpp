#include "channels/compose.hpp"

#include <array>
#include <cstdio>

#include "channels/text_util.hpp"
#include "channels/threading.hpp"

namespace sp::channels {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t pos = 0;
  for (; pos + 2 < bytes.size(); pos += 3) {
    const std::uint32_t n = (static_cast<std::uint8_t>(bytes[pos]) << 16) |
                            (static_cast<std::uint8_t>(bytes[pos + 1]) << 8) |
                            static_cast<std::uint8_t>(bytes[pos + 2]);
    out.push_back(kBase64Alphabet[(n >> 18) & 63]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(kBase64Alphabet[(n >> 6) & 63]);
    out.push_back(kBase64Alphabet[n & 63]);
  }
  const std::size_t rest = bytes.size() - pos;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint8_t>(bytes[pos]) << 16;
    if (rest == 2) {
      n |= static_cast<std::uint8_t>(bytes[pos + 1]) << 8;
    }
    out.push_back(kBase64Alphabet[(n >> 18) & 63]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

bool has_line_break(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

Error header_error(std::string field, std::string what) {
  return invalid_input(field + ": " + what, field);
}

bool is_ascii_printable(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) {
      return false;
    }
  }
  return true;
}

// A display name as an RFC 5322 phrase: atoms as-is, other ASCII as a quoted string,
// non-ASCII as encoded words.
std::string encode_display_name(std::string_view name) {
  if (name.empty()) {
    return {};
  }
  if (!is_ascii_printable(name) || name.find("=?") != std::string_view::npos) {
    return encode_header_text(name);
  }
  const bool atoms_only = name.find_first_of("()<>[]:;@\\,.\"") == std::string_view::npos;
  if (atoms_only) {
    return std::string(name);
  }
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') {
      quoted.push_back('\\');
    }
    quoted.push_back(c);
  }
  return quoted + "\"";
}

Result<std::string> format_mailbox(const MailAddress& mailbox, const std::string& field) {
  if (has_line_break(mailbox.address) || has_line_break(mailbox.name)) {
    return header_error(field, "line breaks are not allowed in header values");
  }
  if (!detail::is_valid_utf8(mailbox.name)) {
    return header_error(field, "the display name is not valid UTF-8");
  }
  auto address = normalize_address(mailbox.address);
  if (!address.ok()) {
    return header_error(field, address.error().message);
  }
  if (!is_ascii_printable(*address)) {
    return header_error(field, "internationalised addresses are not supported");
  }
  if (mailbox.name.empty()) {
    return "<" + *address + ">";
  }
  return encode_display_name(mailbox.name) + " <" + *address + ">";
}

Result<std::string> format_address_list(const std::vector<MailAddress>& list, const std::string& field) {
  std::string out;
  for (const MailAddress& mailbox : list) {
    auto formatted = format_mailbox(mailbox, field);
    if (!formatted.ok()) {
      return formatted.error();
    }
    if (!out.empty()) {
      out += ",\r\n ";
    }
    out += *formatted;
  }
  return out;
}

Result<void> check_message_id(std::string_view id, const std::string& field) {
  if (has_line_break(id)) {
    return header_error(field, "line breaks are not allowed in header values");
  }
  if (id.empty() || id.size() > 250 || id.find('@') == std::string_view::npos || !is_ascii_printable(id) ||
      id.find_first_of(" <>\"\\") != std::string_view::npos) {
    return header_error(field, "a Message-ID must look like unique@domain without spaces or brackets");
  }
  return {};
}

// Folds an ASCII header value at spaces so lines stay near 78 characters (RFC 5322 2.1.1).
std::string fold_ascii(std::string_view value, std::size_t first_line_used) {
  std::string out;
  std::size_t column = first_line_used;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t next = value.find(' ', pos + 1);
    if (next == std::string_view::npos) {
      next = value.size();
    }
    const std::string_view word = value.substr(pos, next - pos);
    if (column + word.size() > 78 && !out.empty() && word.front() == ' ') {
      out += "\r\n";
      column = 0;
    }
    out.append(word);
    column += word.size();
    pos = next;
  }
  return out;
}

bool is_safe_filename(std::string_view name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') {
    return false;
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool is_safe_content_type(std::string_view type) {
  const auto slash = type.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == type.size() || type.size() > 100) {
    return false;
  }
  for (std::size_t idx = 0; idx < type.size(); ++idx) {
    const char c = type[idx];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' ||
                    (c == '/' && idx == slash);
    if (!ok) {
      return false;
    }
  }
  return true;
}

// A text part's headers and body (after the part's own blank line).
std::string text_part(std::string_view subtype, std::string_view body, BodyEncoding encoding) {
  std::string out = "Content-Type: text/" + std::string(subtype) + "; charset=UTF-8\r\n";
  if (encoding == BodyEncoding::Base64) {
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += encode_base64_lines(body);
  } else {
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += encode_quoted_printable(body);
    out += "\r\n";
  }
  return out;
}

// Boundaries start with "=_": quoted-printable encodes every "=" as "=3D" and base64 has no
// "_", so no encoded body line can ever equal a boundary line.
constexpr std::string_view kMixedBoundary = "=_sp_mixed_7f3a";
constexpr std::string_view kAlternativeBoundary = "=_sp_alt_7f3a";

std::string alternative_part(const OutboundMail& mail) {
  const std::string boundary(kAlternativeBoundary);
  std::string out = "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + text_part("plain", mail.text, mail.encoding);
  out += "--" + boundary + "\r\n" + text_part("html", mail.html, BodyEncoding::QuotedPrintable);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace

std::string encode_header_text(std::string_view utf8) {
  if (is_ascii_printable(utf8) && utf8.find("=?") == std::string_view::npos) {
    return fold_ascii(utf8, 9);  // "Subject: "
  }
  // 45 bytes of UTF-8 become 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" = 72 <= 75.
  constexpr std::size_t kChunkBytes = 45;
  const std::string valid = detail::make_valid_utf8(utf8);
  std::string out;
  std::size_t pos = 0;
  while (pos < valid.size()) {
    std::size_t end = pos;
    while (end < valid.size()) {
      const std::size_t len = std::max<std::size_t>(1, detail::utf8_sequence_length(valid, end));
      if (end + len - pos > kChunkBytes) {
        break;
      }
      end += len;
    }
    if (!out.empty()) {
      out += "\r\n ";
    }
    out += "=?UTF-8?B?" + base64(std::string_view(valid).substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string encode_quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    const bool last = end == std::string_view::npos;
    if (last) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    std::size_t column = 0;
    for (std::size_t idx = 0; idx < line.size(); ++idx) {
      const auto c = static_cast<unsigned char>(line[idx]);
      const bool at_end = idx + 1 == line.size();
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end)) {
        piece.push_back(static_cast<char>(c));
      } else {
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      // Keep room for the soft break "=" so no line exceeds 76 characters (RFC 2045 6.7).
      if (column + piece.size() > 75) {
        out += "=\r\n";
        column = 0;
      }
      out += piece;
      column += piece.size();
    }
    if (last) {
      break;
    }
    out += "\r\n";
    pos = end + 1;
  }
  return out;
}

std::string encode_base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t pos = 0; pos < encoded.size(); pos += 76) {
    out += encoded.substr(pos, 76);
    out += "\r\n";
  }
  return out;
}

std::string make_message_id(std::span<const std::uint8_t> random_bytes, std::string_view domain) {
  SP_ASSERT(random_bytes.size() >= 16 && "a Message-ID needs at least 128 random bits");
  SP_ASSERT(!domain.empty() && "a Message-ID needs a domain");
  return detail::to_hex(random_bytes) + "@" + std::string(domain);
}

std::string format_rfc5322_date(Timestamp at) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday weekday{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> clock{std::chrono::floor<std::chrono::seconds>(at - day)};
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[weekday.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
  return buffer;
}

Result<std::string> compose_mail(const OutboundMail& mail) {
  auto from = format_mailbox(mail.from, "from");
  if (!from.ok()) {
    return from.error();
  }
  if (mail.to.empty()) {
    return invalid_input("to: at least one recipient is required", "to");
  }
  auto to = format_address_list(mail.to, "to");
  if (!to.ok()) {
    return to.error();
  }
  auto cc = format_address_list(mail.cc, "cc");
  if (!cc.ok()) {
    return cc.error();
  }
  if (has_line_break(mail.subject)) {
    return header_error("subject", "line breaks are not allowed in header values");
  }
  if (!detail::is_valid_utf8(mail.subject)) {
    return header_error("subject", "the subject is not valid UTF-8");
  }
  SP_TRY(check_message_id(mail.message_id, "message_id"));
  if (!mail.in_reply_to.empty()) {
    SP_TRY(check_message_id(mail.in_reply_to, "in_reply_to"));
  }
  for (const std::string& reference : mail.references) {
    SP_TRY(check_message_id(reference, "references"));
  }
  if (!detail::is_valid_utf8(mail.text) || mail.text.find('\0') != std::string::npos) {
    return invalid_input("text: the body is not valid UTF-8 text", "text");
  }
  if (!detail::is_valid_utf8(mail.html) || mail.html.find('\0') != std::string::npos) {
    return invalid_input("html: the HTML body is not valid UTF-8 text", "html");
  }
  if (mail.attachments.size() > kMaxAttachments) {
    return invalid_input("attachments: at most " + std::to_string(kMaxAttachments) + " files", "attachments");
  }
  for (const OutboundAttachment& file : mail.attachments) {
    if (!is_safe_filename(file.filename)) {
      return invalid_input("attachments: a filename must be 1-100 characters of A-Z a-z 0-9 . _ -",
                           "attachments");
    }
    if (!is_safe_content_type(file.content_type)) {
      return invalid_input("attachments: the content type must look like type/subtype", "attachments");
    }
  }

  std::string subject(detail::trim(mail.subject));
  if (mail.ticket) {
    const auto existing = parse_ticket_token(subject);
    if (!existing || existing->value != mail.ticket->value) {
      subject += (subject.empty() ? "" : " ") + format_ticket_token(*mail.ticket);
    }
  }

  std::string out;
  out += "Date: " + format_rfc5322_date(mail.date) + "\r\n";
  out += "From: " + *from + "\r\n";
  out += "To: " + *to + "\r\n";
  if (!cc->empty()) {
    out += "Cc: " + *cc + "\r\n";
  }
  out += "Subject: " + encode_header_text(subject) + "\r\n";
  out += "Message-ID: <" + mail.message_id + ">\r\n";
  if (!mail.in_reply_to.empty()) {
    out += "In-Reply-To: <" + mail.in_reply_to + ">\r\n";
  }
  if (!mail.references.empty()) {
    out += "References:";
    for (std::size_t idx = 0; idx < mail.references.size(); ++idx) {
      out += (idx == 0 ? " <" : "\r\n <") + mail.references[idx] + ">";
    }
    out += "\r\n";
  }
  if (mail.auto_submitted) {
    out += "Auto-Submitted: auto-replied\r\n";
    out += "X-Auto-Response-Suppress: All\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  if (mail.attachments.empty()) {
    out += mail.html.empty() ? text_part("plain", mail.text, mail.encoding) : alternative_part(mail);
    return out;
  }
  const std::string boundary(kMixedBoundary);
  out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + boundary + "\r\n";
  out += mail.html.empty() ? text_part("plain", mail.text, mail.encoding) : alternative_part(mail);
  for (const OutboundAttachment& file : mail.attachments) {
    out += "--" + boundary + "\r\n";
    out += "Content-Type: " + file.content_type + "; name=\"" + file.filename + "\"\r\n";
    out += "Content-Disposition: attachment; filename=\"" + file.filename + "\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += encode_base64_lines(file.bytes);
  }
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace sp::channels
