#include "channels/mime.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>
#include <mutex>
#include <utility>

#include "channels/html_sanitize.hpp"
#include "channels/text_util.hpp"

namespace sp::channels {
namespace {

using detail::iequals;
using detail::istarts_with;
using detail::to_lower;
using detail::trim;

void ensure_gmime_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) {
      g_object_unref(object);
    }
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

struct GFree {
  void operator()(void* p) const { g_free(p); }
};

Error mime_error(std::string_view kind, std::string message) {
  return Error{ErrorCode::InvalidInput, std::move(message), {}, std::string(kind)};
}

std::string str_or_empty(const char* s) {
  return s == nullptr ? std::string() : std::string(s);
}

// Header values from GMime are UTF-8 in the common case, but raw 8-bit headers in an
// unexpected charset can slip through; never hand invalid UTF-8 or control characters on.
std::string clean_header_text(const char* s) {
  std::string value = detail::make_valid_utf8(str_or_empty(s));
  for (char& c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      c = ' ';
    }
  }
  return std::string(trim(value));
}

std::string strip_angle(std::string_view id) {
  id = trim(id);
  if (!id.empty() && id.front() == '<') {
    id.remove_prefix(1);
  }
  if (!id.empty() && id.back() == '>') {
    id.remove_suffix(1);
  }
  return std::string(trim(id));
}

std::string normalise_address_lenient(const char* addr) {
  return to_lower(trim(detail::make_valid_utf8(str_or_empty(addr))));
}

void collect_addresses(InternetAddressList* list, std::vector<MailAddress>& out, int depth = 0) {
  if (list == nullptr || depth > 2) {
    return;
  }
  const int count = internet_address_list_length(list);
  for (int idx = 0; idx < count && out.size() < 500; ++idx) {
    InternetAddress* ia = internet_address_list_get_address(list, idx);
    if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
      out.push_back(MailAddress{
          normalise_address_lenient(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))),
          clean_header_text(internet_address_get_name(ia))});
    } else if (INTERNET_ADDRESS_IS_GROUP(ia)) {
      collect_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, depth + 1);
    }
  }
}

std::string header(GMimeObject* object, const char* name) {
  return str_or_empty(g_mime_object_get_header(object, name));
}

std::vector<std::string> parse_references(GMimeParserOptions* options, const std::string& text) {
  std::vector<std::string> ids;
  if (text.empty()) {
    return ids;
  }
  GMimeReferences* refs = g_mime_references_parse(options, text.c_str());
  if (refs != nullptr) {
    const int count = g_mime_references_length(refs);
    for (int idx = 0; idx < count && ids.size() < 100; ++idx) {
      std::string id = strip_angle(str_or_empty(g_mime_references_get_message_id(refs, idx)));
      if (!id.empty()) {
        ids.push_back(detail::make_valid_utf8(id));
      }
    }
    g_mime_references_free(refs);
  }
  return ids;
}

std::string decoded_content(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) {
    return {};
  }
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, mem.get()) < 0) {
    return {};
  }
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::string serialise(GMimeObject* object) {
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  if (g_mime_object_write_to_stream(object, nullptr, mem.get()) < 0) {
    return {};
  }
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::string normalise_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '\r') {
      out.push_back('\n');
      if (pos + 1 < text.size() && text[pos + 1] == '\n') {
        ++pos;
      }
    } else {
      out.push_back(text[pos]);
    }
  }
  return out;
}

// "Name: value" fields of a header block (RFC 5322 section 2.2), names lower-cased and
// continuation lines unfolded. Used for message/delivery-status and text/rfc822-headers,
// which GMime hands over as plain content.
using Fields = std::vector<std::pair<std::string, std::string>>;
std::vector<Fields> parse_field_blocks(std::string_view text) {
  std::vector<Fields> blocks(1);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (trim(line).empty()) {
      if (!blocks.back().empty()) {
        blocks.emplace_back();
      }
      continue;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !blocks.back().empty()) {
      blocks.back().back().second += " " + std::string(trim(line));
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      continue;
    }
    blocks.back().emplace_back(to_lower(trim(line.substr(0, colon))),
                               std::string(trim(line.substr(colon + 1))));
  }
  if (blocks.back().empty()) {
    blocks.pop_back();
  }
  return blocks;
}

std::string field(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

// "rfc822; user@example.com" -> "user@example.com"
std::string after_type(std::string_view value) {
  const std::size_t semi = value.find(';');
  if (semi != std::string_view::npos) {
    value = value.substr(semi + 1);
  }
  return std::string(trim(value));
}

bool is_machine_sender(std::string_view address) {
  const std::size_t at = address.find('@');
  const std::string local = to_lower(address.substr(0, at == std::string_view::npos ? address.size() : at));
  static constexpr std::string_view kExact[] = {"mailer-daemon", "postmaster", "mailerdaemon", "daemon"};
  for (std::string_view name : kExact) {
    if (local == name) {
      return true;
    }
  }
  static constexpr std::string_view kPrefixes[] = {"noreply",    "no-reply",      "no_reply",
                                                   "donotreply", "do-not-reply",  "do_not_reply",
                                                   "bounce",     "mailer-daemon", "automated-reply"};
  for (std::string_view prefix : kPrefixes) {
    if (local.starts_with(prefix)) {
      return true;
    }
  }
  return false;
}

std::string quote_lines(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    out += line.empty() ? ">" : "> ";
    out.append(line);
    out.push_back('\n');
    if (end == text.size()) {
      break;
    }
    pos = end + 1;
  }
  return out;
}

std::string warning_code(GMimeParserWarning code) {
  switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
      return "duplicated_header";
    case GMIME_WARN_DUPLICATED_PARAMETER:
      return "duplicated_parameter";
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
      return "unencoded_8bit_header";
    case GMIME_WARN_INVALID_CONTENT_TYPE:
      return "invalid_content_type";
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
      return "invalid_rfc2047_header";
    case GMIME_WARN_INVALID_PARAMETER:
      return "invalid_parameter";
    case GMIME_WARN_MALFORMED_MULTIPART:
      return "malformed_multipart";
    case GMIME_WARN_TRUNCATED_MESSAGE:
      return "truncated_message";
    case GMIME_WARN_MALFORMED_MESSAGE:
      return "malformed_message";
    case GMIME_WARN_INVALID_ADDRESS_LIST:
      return "invalid_address_list";
    case GMIME_CRIT_INVALID_HEADER_NAME:
      return "invalid_header_name";
    case GMIME_CRIT_CONFLICTING_HEADER:
      return "conflicting_header";
    case GMIME_CRIT_CONFLICTING_PARAMETER:
      return "conflicting_parameter";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      return "multipart_without_boundary";
    case GMIME_CRIT_NESTING_OVERFLOW:
      return "nesting_overflow";
    case GMIME_WARN_PART_WITHOUT_CONTENT:
      return "part_without_content";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      return "part_without_headers_or_content";
  }
  return "parser_warning";
}

// Each warning code once, at most 50 of them.
void add_warning(std::vector<std::string>& warnings, std::string code) {
  if (warnings.size() < 50 && std::find(warnings.begin(), warnings.end(), code) == warnings.end()) {
    warnings.push_back(std::move(code));
  }
}
void add_warning(ParsedMail& mail, std::string code) {
  add_warning(mail.warnings, std::move(code));
}

void on_parser_warning(gint64 /*offset*/, GMimeParserWarning code, const gchar* /*item*/,
                       gpointer user_data) {
  add_warning(*static_cast<std::vector<std::string>*>(user_data), warning_code(code));
}

// An HTML part without a charset parameter may declare one in <meta charset="..."> or
// <meta http-equiv="Content-Type" content="text/html; charset=...">; browsers look in the
// first 1024 bytes (WHATWG HTML "prescan"), so do we.
std::string sniff_meta_charset(std::string_view html) {
  const std::string_view head = html.substr(0, std::min<std::size_t>(html.size(), 1024));
  const std::size_t meta = detail::ifind(head, "<meta");
  if (meta == std::string_view::npos) {
    return {};
  }
  std::size_t pos = detail::ifind(head, "charset", meta);
  if (pos == std::string_view::npos) {
    return {};
  }
  pos += 7;
  while (pos < head.size() &&
         (head[pos] == ' ' || head[pos] == '=' || head[pos] == '"' || head[pos] == '\'')) {
    ++pos;
  }
  std::string name;
  while (pos < head.size() && name.size() < 40 &&
         (std::isalnum(static_cast<unsigned char>(head[pos])) != 0 || head[pos] == '-' || head[pos] == '_' ||
          head[pos] == ':' || head[pos] == '.')) {
    name.push_back(head[pos++]);
  }
  return name;
}

// Removes C0 control characters other than tab and newline, and DEL: an 8bit body may
// carry a NUL from a broken sender, and it is no text (the ticket store refuses it).
// Returns whether anything was removed.
bool remove_control_characters(std::string& text) {
  const auto is_control = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n') || u == 0x7F;
  };
  const auto kept_end = std::remove_if(text.begin(), text.end(), is_control);
  const bool removed = kept_end != text.end();
  text.erase(kept_end, text.end());
  return removed;
}

// Text collected from one level of the tree; multipart/alternative picks from its own.
struct Bodies {
  std::vector<std::string> texts;
  std::vector<std::string> htmls;  // raw (unsanitised) UTF-8
};

class Walker {
 public:
  Walker(const MimeLimits& limits, ParsedMail& out) : limits_(limits), out_(out) {}

  Result<void> walk(GMimeObject* object, std::size_t depth, Bodies& bodies, bool in_report);
  Result<void> walk_message(GMimeMessage* message, std::size_t depth, Bodies& bodies, bool in_report) {
    GMimeObject* body = g_mime_message_get_mime_part(message);
    if (body == nullptr) {
      return {};
    }
    return walk(body, depth, bodies, in_report);
  }

 private:
  Result<void> count_part() {
    if (++parts_ > limits_.max_parts) {
      return mime_error(kinds::kMimeTooManyParts,
                        "the message has more than " + std::to_string(limits_.max_parts) + " MIME parts");
    }
    return {};
  }

  void keep_attachment(Attachment attachment) {
    if (attachment.bytes.size() > limits_.max_attachment_bytes) {
      out_.dropped.push_back(
          {attachment.filename, attachment.content_type, attachment.bytes.size(), "too_large"});
      return;
    }
    if (out_.attachments.size() >= limits_.max_attachments) {
      out_.dropped.push_back(
          {attachment.filename, attachment.content_type, attachment.bytes.size(), "too_many_attachments"});
      return;
    }
    out_.attachments.push_back(std::move(attachment));
  }

  Result<void> walk_multipart(GMimeMultipart* multipart, const std::string& subtype, std::size_t depth,
                              Bodies& bodies, bool in_report);
  Result<void> walk_message_part(GMimeMessagePart* part, std::size_t depth, Bodies& bodies, bool in_report);
  void walk_leaf(GMimePart* part, const std::string& type, const std::string& subtype, Bodies& bodies,
                 bool in_report);
  void read_delivery_status(std::string_view text);

  const MimeLimits& limits_;
  ParsedMail& out_;
  std::size_t parts_ = 0;
};

Result<void> Walker::walk(GMimeObject* object, std::size_t depth, Bodies& bodies, bool in_report) {
  if (depth > limits_.max_depth) {
    // Real mail gets this deep only by forwarding a forward of a forward; what the sender
    // wrote is near the top, so keep that and leave the rest to the raw message.
    add_warning(out_, "nesting_truncated");
    out_.lossy = true;
    return {};
  }
  SP_TRY(count_part());
  GMimeContentType* content_type = g_mime_object_get_content_type(object);
  const std::string type =
      to_lower(str_or_empty(content_type ? g_mime_content_type_get_media_type(content_type) : nullptr));
  const std::string subtype =
      to_lower(str_or_empty(content_type ? g_mime_content_type_get_media_subtype(content_type) : nullptr));
  if (GMIME_IS_MULTIPART(object)) {
    return walk_multipart(GMIME_MULTIPART(object), subtype, depth, bodies, in_report);
  }
  if (GMIME_IS_MESSAGE_PART(object)) {
    return walk_message_part(GMIME_MESSAGE_PART(object), depth, bodies, in_report);
  }
  if (GMIME_IS_PART(object)) {
    walk_leaf(GMIME_PART(object), type, subtype, bodies, in_report);
  }
  return {};
}

Result<void> Walker::walk_multipart(GMimeMultipart* multipart, const std::string& subtype, std::size_t depth,
                                    Bodies& bodies, bool in_report) {
  const int count = g_mime_multipart_get_count(multipart);
  if (subtype == "alternative") {
    // RFC 2046 5.1.4: alternatives are in increasing order of preference. Keep the first
    // plain text (closest to what the sender typed) and the last HTML.
    Bodies local;
    for (int idx = 0; idx < count; ++idx) {
      SP_TRY(walk(g_mime_multipart_get_part(multipart, idx), depth + 1, local, in_report));
    }
    if (!local.texts.empty()) {
      bodies.texts.push_back(std::move(local.texts.front()));
    }
    if (!local.htmls.empty()) {
      bodies.htmls.push_back(std::move(local.htmls.back()));
    }
    return {};
  }
  bool report = in_report;
  if (subtype == "report") {
    const std::string report_type = to_lower(
        str_or_empty(g_mime_object_get_content_type_parameter(GMIME_OBJECT(multipart), "report-type")));
    if (report_type == "delivery-status") {
      report = true;
      if (!out_.delivery_report) {
        out_.delivery_report = DeliveryReport{};
      }
    }
  }
  for (int idx = 0; idx < count; ++idx) {
    SP_TRY(walk(g_mime_multipart_get_part(multipart, idx), depth + 1, bodies, report));
  }
  return {};
}

Result<void> Walker::walk_message_part(GMimeMessagePart* part, std::size_t depth, Bodies& /*bodies*/,
                                       bool in_report) {
  GMimeMessage* inner = g_mime_message_part_get_message(part);
  Attachment attachment;
  attachment.content_type = "message/rfc822";
  attachment.forwarded_message = true;
  const char* filename = g_mime_object_get_content_disposition_parameter(GMIME_OBJECT(part), "filename");
  if (inner == nullptr) {
    attachment.filename = safe_filename(filename ? filename : "message.eml", limits_.max_filename_chars);
    keep_attachment(std::move(attachment));
    return {};
  }
  ForwardedMessage forwarded;
  forwarded.message_id = strip_angle(str_or_empty(g_mime_message_get_message_id(inner)));
  forwarded.subject = clean_header_text(g_mime_message_get_subject(inner));
  std::vector<MailAddress> from;
  collect_addresses(g_mime_message_get_from(inner), from);
  if (!from.empty()) {
    forwarded.from = from.front();
  }
  if (in_report && out_.delivery_report && out_.delivery_report->original_message_id.empty()) {
    out_.delivery_report->original_message_id = forwarded.message_id;
  }

  Bodies inner_bodies;
  SP_TRY(walk_message(inner, depth + 1, inner_bodies, false));
  std::string text;
  for (const std::string& piece : inner_bodies.texts) {
    text += piece;
  }
  if (text.empty() && !inner_bodies.htmls.empty()) {
    for (const std::string& piece : inner_bodies.htmls) {
      text += html_to_text(piece);
    }
  }
  while (!text.empty() && detail::is_space(text.back())) {
    text.pop_back();
  }
  if (remove_control_characters(text)) {
    add_warning(out_, "control_characters_removed");
    out_.lossy = true;
  }
  forwarded.text = std::move(text);

  std::string name =
      filename ? std::string(filename) : (forwarded.subject.empty() ? "message" : forwarded.subject) + ".eml";
  attachment.filename = safe_filename(name, limits_.max_filename_chars);
  attachment.bytes = serialise(GMIME_OBJECT(inner));
  keep_attachment(std::move(attachment));
  // The returned original inside a bounce is evidence, not something the customer wrote.
  if (!in_report) {
    out_.forwarded.push_back(std::move(forwarded));
  }
  return {};
}

void Walker::walk_leaf(GMimePart* part, const std::string& type, const std::string& subtype, Bodies& bodies,
                       bool in_report) {
  GMimeObject* object = GMIME_OBJECT(part);
  const std::string disposition = to_lower(str_or_empty(g_mime_object_get_disposition(object)));
  const char* raw_filename = g_mime_part_get_filename(part);
  const bool is_text = type == "text" && (subtype == "plain" || subtype == "html");
  const bool attachment_like =
      disposition == "attachment" || (raw_filename != nullptr && *raw_filename != '\0');

  if (in_report && ((type == "message" && subtype == "delivery-status") ||
                    (type == "text" && subtype == "rfc822-headers"))) {
    std::string content = decoded_content(part);
    if (subtype == "delivery-status") {
      read_delivery_status(content);
    } else if (out_.delivery_report && out_.delivery_report->original_message_id.empty()) {
      const auto blocks = parse_field_blocks(content);
      if (!blocks.empty()) {
        out_.delivery_report->original_message_id = strip_angle(field(blocks.front(), "message-id"));
      }
    }
    return;
  }

  if (is_text && !attachment_like) {
    bool fallback = false;
    const char* declared = g_mime_object_get_content_type_parameter(object, "charset");
    const std::string content = decoded_content(part);
    std::string charset = declared ? declared : "";
    if (charset.empty() && subtype == "html") {
      charset = sniff_meta_charset(content);
    }
    std::string text = normalise_newlines(to_utf8(content, charset, &fallback));
    if (fallback) {
      out_.charset_fallback = true;
      std::string code =
          "unknown_charset:" + to_lower(detail::make_valid_utf8(charset.empty() ? "none" : charset));
      if (std::find(out_.warnings.begin(), out_.warnings.end(), code) == out_.warnings.end()) {
        out_.warnings.push_back(std::move(code));
      }
    }
    (subtype == "plain" ? bodies.texts : bodies.htmls).push_back(std::move(text));
    return;
  }

  Attachment attachment;
  attachment.content_type = type.empty() ? "application/octet-stream" : type + "/" + subtype;
  attachment.content_id =
      detail::make_valid_utf8(strip_angle(str_or_empty(g_mime_part_get_content_id(part))));
  attachment.inline_image = type == "image" && !attachment.content_id.empty() && disposition != "attachment";
  std::string name = raw_filename ? raw_filename : "";
  if (name.empty()) {
    name = attachment.inline_image ? "inline-image" : "attachment";
    if (type == "image" && !subtype.empty()) {
      name += "." + subtype;
    }
  }
  attachment.filename = safe_filename(name, limits_.max_filename_chars);
  attachment.bytes = decoded_content(part);
  keep_attachment(std::move(attachment));
}

void Walker::read_delivery_status(std::string_view text) {
  if (!out_.delivery_report) {
    out_.delivery_report = DeliveryReport{};
  }
  DeliveryReport& report = *out_.delivery_report;
  const auto blocks = parse_field_blocks(text);
  // The first block describes the message, the others one recipient each (RFC 3464 2.1).
  const Fields* chosen = nullptr;
  for (std::size_t idx = 0; idx < blocks.size(); ++idx) {
    const Fields& block = blocks[idx];
    if (field(block, "action").empty() && field(block, "final-recipient").empty()) {
      continue;
    }
    if (chosen == nullptr ||
        (to_lower(field(block, "action")) == "failed" && to_lower(field(*chosen, "action")) != "failed")) {
      chosen = &block;
    }
  }
  if (chosen == nullptr) {
    return;
  }
  report.final_recipient = to_lower(after_type(field(*chosen, "final-recipient")));
  if (report.final_recipient.empty()) {
    report.final_recipient = to_lower(after_type(field(*chosen, "original-recipient")));
  }
  report.final_recipient = strip_angle(report.final_recipient);
  report.action = to_lower(field(*chosen, "action"));
  report.status = std::string(trim(field(*chosen, "status")));
  report.diagnostic = detail::make_valid_utf8(after_type(field(*chosen, "diagnostic-code")));
}

void read_auto_signals(GMimeObject* message, ParsedMail& mail) {
  std::string auto_submitted = to_lower(trim(header(message, "Auto-Submitted")));
  if (const std::size_t semi = auto_submitted.find(';'); semi != std::string::npos) {
    auto_submitted = std::string(trim(auto_submitted.substr(0, semi)));
  }
  if (!auto_submitted.empty() && auto_submitted != "no") {
    mail.auto_signals.auto_submitted = auto_submitted;
  }
  const std::string precedence = to_lower(trim(header(message, "Precedence")));
  if (precedence == "bulk" || precedence == "list" || precedence == "junk") {
    mail.auto_signals.precedence = precedence;
  }
  const char* suppress = g_mime_object_get_header(message, "X-Auto-Response-Suppress");
  if (suppress != nullptr && !iequals(trim(suppress), "none")) {
    mail.auto_signals.suppress_header = true;
  }
  mail.auto_signals.list_id = g_mime_object_get_header(message, "List-Id") != nullptr;
  const char* return_path = g_mime_object_get_header(message, "Return-Path");
  const bool null_return_path = return_path != nullptr && strip_angle(return_path).empty();
  mail.auto_signals.mailer_daemon_sender = null_return_path || is_machine_sender(mail.from.address);
}

// Counts lines that could open a MIME part ("--boundary"). GMime builds the whole tree
// before we can count it, so a message with hundreds of thousands of tiny parts is refused
// up front; the precise count happens in the walk.
std::size_t delimiter_lines(std::string_view raw) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos + 1 < raw.size();) {
    if (raw[pos] == '-' && raw[pos + 1] == '-') {
      ++count;
    }
    const std::size_t next = raw.find('\n', pos);
    if (next == std::string_view::npos) {
      break;
    }
    pos = next + 1;
  }
  return count;
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset, bool* fallback) {
  const auto flag = [&] {
    if (fallback != nullptr) {
      *fallback = true;
    }
  };
  std::string name = to_lower(trim(charset));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  const bool all_ascii =
      std::all_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  const bool ascii_compatible = name.find("utf-16") == std::string::npos &&
                                name.find("utf-32") == std::string::npos &&
                                name.find("2022") == std::string::npos &&
                                name.find("utf-7") == std::string::npos && name != "hz-gb-2312";
  if (all_ascii && ascii_compatible) {
    // Every other charset is an ASCII superset, so this also covers unknown labels.
    return std::string(bytes);
  }
  std::string from;
  if (name.empty() || name == "us-ascii" || name == "ascii" || name == "utf-8" || name == "utf8") {
    if (detail::is_valid_utf8(bytes)) {
      return std::string(bytes);
    }
    // Undeclared or mislabelled 8-bit text: most often Windows-1252 (what browsers assume).
    flag();
    from = "WINDOWS-1252";
  } else if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "cp936" || name == "euc-cn" ||
             name == "gb18030" || name == "x-gb2312" || name == "csgb2312") {
    // GB18030 is a strict superset of GBK, itself a superset of GB2312; senders often label
    // GBK text as GB2312 (WHATWG Encoding: all of these decode as gb18030/GBK).
    from = "GB18030";
  } else if (name == "big5" || name == "x-big5" || name == "cn-big5" || name == "big5-hkscs") {
    from = "BIG5-HKSCS";  // superset of Big5 (WHATWG Encoding decodes big5 this way)
  } else if (name == "iso-8859-1" || name == "latin1" || name == "iso8859-1" || name == "iso_8859-1" ||
             name == "windows-1252" || name == "cp1252" || name == "x-cp1252") {
    // WHATWG Encoding: ISO-8859-1 labels decode as Windows-1252 (C1 bytes are curly quotes etc.).
    from = "WINDOWS-1252";
  } else {
    const char* iconv_name = g_mime_charset_iconv_name(name.c_str());
    from = iconv_name != nullptr ? iconv_name : name;
  }

  GIConv cd = g_iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<GIConv>(-1)) {
    flag();
    if (detail::is_valid_utf8(bytes)) {
      return std::string(bytes);
    }
    cd = g_iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == reinterpret_cast<GIConv>(-1)) {
      return detail::make_valid_utf8(bytes);
    }
  }
  std::string out;
  out.reserve(bytes.size() * 2);
  std::string input(bytes);
  gchar* in_ptr = input.data();
  gsize in_left = input.size();
  char buffer[4096];
  while (in_left > 0) {
    gchar* out_ptr = buffer;
    gsize out_left = sizeof(buffer);
    const gsize rc = g_iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    out.append(buffer, sizeof(buffer) - out_left);
    if (rc == static_cast<gsize>(-1)) {
      if (errno == E2BIG) {
        continue;
      }
      // EILSEQ or EINVAL (truncated sequence): replace one byte and carry on.
      flag();
      out += "\xEF\xBF\xBD";
      ++in_ptr;
      --in_left;
      g_iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  g_iconv_close(cd);
  return detail::make_valid_utf8(out);
}

std::string safe_filename(std::string_view name, std::size_t max_chars) {
  std::string valid = detail::make_valid_utf8(name);
  // Keep only the last path component, whatever the separator.
  const std::size_t slash = valid.find_last_of("/\\");
  if (slash != std::string::npos) {
    valid = valid.substr(slash + 1);
  }
  std::string cleaned;
  for (std::size_t pos = 0; pos < valid.size();) {
    const std::size_t len = std::max<std::size_t>(1, detail::utf8_sequence_length(valid, pos));
    const std::string_view ch(valid.data() + pos, len);
    pos += len;
    const auto lead = static_cast<unsigned char>(ch[0]);
    if (len == 1) {
      if (lead < 0x20 || lead == 0x7F) {
        continue;
      }
      if (std::string_view("<>:\"|?*").find(ch[0]) != std::string_view::npos) {
        cleaned.push_back('_');
        continue;
      }
    } else if (len == 2 && lead == 0xC2 && static_cast<unsigned char>(ch[1]) < 0xA0) {
      continue;  // C1 control characters
    } else if (ch == "\xE2\x80\xAA" || ch == "\xE2\x80\xAB" || ch == "\xE2\x80\xAC" || ch == "\xE2\x80\xAD" ||
               ch == "\xE2\x80\xAE" || ch == "\xE2\x81\xA6" || ch == "\xE2\x81\xA7" || ch == "\xE2\x81\xA8" ||
               ch == "\xE2\x81\xA9") {
      continue;  // bidi overrides would let "gpj.exe" display as "exe.jpg"
    }
    cleaned.append(ch);
  }
  std::string_view view = trim(cleaned);
  while (!view.empty() && (view.front() == '.' || view.front() == ' ')) {
    view.remove_prefix(1);
  }
  while (!view.empty() && (view.back() == '.' || view.back() == ' ')) {
    view.remove_suffix(1);
  }
  std::string result(view);
  if (result.empty()) {
    return "attachment";
  }
  // Cap by UTF-8 characters, keeping a short extension.
  std::vector<std::size_t> starts;
  for (std::size_t pos = 0; pos < result.size();
       pos += std::max<std::size_t>(1, detail::utf8_sequence_length(result, pos))) {
    starts.push_back(pos);
  }
  if (max_chars == 0) {
    max_chars = 1;
  }
  if (starts.size() <= max_chars) {
    return result;
  }
  std::string extension;
  const std::size_t dot = result.rfind('.');
  if (dot != std::string::npos && result.size() - dot <= 10 && result.size() - dot < max_chars) {
    extension = result.substr(dot);
  }
  const std::size_t keep_chars = max_chars - extension.size();
  return result.substr(0, starts[keep_chars]) + extension;
}

Result<ParsedMail> parse_mail(std::string_view raw, const MimeLimits& limits) {
  if (trim(raw).empty()) {
    return mime_error(kinds::kMimeEmpty, "the message is empty");
  }
  if (raw.size() > limits.max_message_bytes) {
    return mime_error(kinds::kMimeTooLarge, "the message has " + std::to_string(raw.size()) +
                                                " bytes, more than the limit of " +
                                                std::to_string(limits.max_message_bytes));
  }
  if (delimiter_lines(raw) > std::max<std::size_t>(1000, limits.max_parts * 5)) {
    return mime_error(kinds::kMimeTooManyParts, "the message has too many MIME boundary lines");
  }
  ensure_gmime_initialised();

  ParsedMail mail;
  std::unique_ptr<GMimeParserOptions, ParserOptionsFree> options(g_mime_parser_options_new());
  const char* fallback_charsets[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback_charsets);
  g_mime_parser_options_set_warning_callback(options.get(), on_parser_warning, &mail.warnings);

  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message) {
    return mime_error(kinds::kMimeUnparseable, "the input is not an RFC 5322 message");
  }
  if (std::find(mail.warnings.begin(), mail.warnings.end(), "nesting_overflow") != mail.warnings.end()) {
    // GMime stopped building the tree at its own nesting guard; what it built is read.
    add_warning(mail, "nesting_truncated");
    mail.lossy = true;
  }
  GMimeObject* object = GMIME_OBJECT(message.get());
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  if (headers == nullptr || g_mime_header_list_get_count(headers) == 0) {
    return mime_error(kinds::kMimeUnparseable, "the input has no header fields");
  }

  mail.message_id =
      detail::make_valid_utf8(strip_angle(str_or_empty(g_mime_message_get_message_id(message.get()))));
  const auto in_reply_to = parse_references(options.get(), header(object, "In-Reply-To"));
  if (!in_reply_to.empty()) {
    mail.in_reply_to = in_reply_to.front();
  }
  mail.references = parse_references(options.get(), header(object, "References"));
  std::vector<MailAddress> from;
  collect_addresses(g_mime_message_get_from(message.get()), from);
  if (from.empty()) {
    collect_addresses(g_mime_message_get_sender(message.get()), from);
  }
  if (!from.empty()) {
    mail.from = from.front();
  } else {
    mail.warnings.push_back("no_from");
  }
  collect_addresses(g_mime_message_get_to(message.get()), mail.to);
  collect_addresses(g_mime_message_get_cc(message.get()), mail.cc);
  mail.subject = clean_header_text(g_mime_message_get_subject(message.get()));
  if (GDateTime* date = g_mime_message_get_date(message.get()); date != nullptr) {
    mail.date = from_unix_seconds(g_date_time_to_unix(date));
  } else if (g_mime_object_get_header(object, "Date") != nullptr) {
    mail.warnings.push_back("bad_date");
  }
  read_auto_signals(object, mail);

  Bodies bodies;
  Walker walker(limits, mail);
  SP_TRY(walker.walk_message(message.get(), 1, bodies, false));

  for (std::size_t idx = 0; idx < bodies.texts.size(); ++idx) {
    if (idx > 0 && !mail.text.empty() && !mail.text.ends_with("\n\n")) {
      mail.text += mail.text.ends_with('\n') ? "\n" : "\n\n";
    }
    mail.text += bodies.texts[idx];
  }
  if (!bodies.htmls.empty()) {
    std::string joined;
    for (const std::string& html : bodies.htmls) {
      joined += html;
    }
    mail.html = std::string(trim(sanitize_html(joined)));
    if (bodies.texts.empty()) {
      mail.text = html_to_text(joined);
      mail.text_from_html = true;
    }
  }
  // Trailing blank lines carry nothing and differ between senders (and transfer encodings).
  while (!mail.text.empty() && detail::is_space(mail.text.back())) {
    mail.text.pop_back();
  }
  for (const ForwardedMessage& forwarded : mail.forwarded) {
    if (!mail.text.empty()) {
      mail.text += mail.text.ends_with('\n') ? "\n" : "\n\n";
    }
    mail.text += "---------- Forwarded message ----------\n";
    mail.text += quote_lines("From: " +
                             (forwarded.from.name.empty()
                                  ? forwarded.from.address
                                  : forwarded.from.name + " <" + forwarded.from.address + ">") +
                             "\nSubject: " + forwarded.subject + "\n\n" + forwarded.text);
  }
  if (remove_control_characters(mail.text)) {
    add_warning(mail, "control_characters_removed");
    mail.lossy = true;
  }
  while (!mail.text.empty() && detail::is_space(mail.text.back())) {
    mail.text.pop_back();
  }
  return mail;
}

}  // namespace sp::channels
