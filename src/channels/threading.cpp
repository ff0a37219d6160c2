#include "channels/threading.hpp"

#include <cctype>
#include <charconv>

#include "channels/text_util.hpp"

namespace sp::channels {
namespace {

using detail::ascii_lower;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads "T-<digits>" at `pos` (case-insensitive T); returns the number and the end position.
std::optional<std::pair<std::int64_t, std::size_t>> read_reference(std::string_view s, std::size_t pos) {
  if (pos + 2 >= s.size() || ascii_lower(s[pos]) != 't' || s[pos + 1] != '-' || !is_digit(s[pos + 2])) {
    return std::nullopt;
  }
  std::size_t end = pos + 2;
  while (end < s.size() && is_digit(s[end])) {
    ++end;
  }
  std::int64_t number = 0;
  const auto [ptr, ec] = std::from_chars(s.data() + pos + 2, s.data() + end, number);
  if (ec != std::errc() || ptr != s.data() + end || number <= 0) {
    return std::nullopt;
  }
  return std::make_pair(number, end);
}

}  // namespace

std::string_view to_string(ThreadEvidence evidence) {
  switch (evidence) {
    case ThreadEvidence::InReplyTo:
      return "in_reply_to";
    case ThreadEvidence::References:
      return "references";
    case ThreadEvidence::SubjectToken:
      return "subject_token";
  }
  return "unknown";
}

std::string format_ticket_reference(domain::TicketId ticket) {
  return "T-" + std::to_string(ticket.value);
}

std::string format_ticket_token(domain::TicketId ticket) {
  return "[#" + format_ticket_reference(ticket) + "]";
}

std::optional<domain::TicketId> parse_ticket_token(std::string_view subject) {
  for (std::size_t pos = 0; pos < subject.size(); ++pos) {
    std::size_t start = pos;
    bool bracket = false;
    if (subject[start] == '[') {
      bracket = true;
      ++start;
    }
    if (start < subject.size() && subject[start] == '#') {
      ++start;
    } else if (!bracket) {
      continue;  // a bare "T-12" inside words is too weak a signal
    }
    const auto reference = read_reference(subject, start);
    if (!reference) {
      continue;
    }
    const std::size_t end = reference->second;
    if (bracket && (end >= subject.size() || subject[end] != ']')) {
      continue;
    }
    if (!bracket && end < subject.size() && (std::isalnum(static_cast<unsigned char>(subject[end])) != 0)) {
      continue;
    }
    return domain::TicketId{reference->first};
  }
  return std::nullopt;
}

ThreadDecision decide_thread(const ParsedMail& mail, const ThreadLookup& lookup) {
  if (!mail.in_reply_to.empty()) {
    if (auto ticket = lookup.ticket_for_message_id(mail.in_reply_to)) {
      return AppendTo{*ticket, ThreadEvidence::InReplyTo};
    }
  }
  std::size_t looked_up = 0;
  for (auto it = mail.references.rbegin(); it != mail.references.rend() && looked_up < kMaxReferencesLookedUp;
       ++it, ++looked_up) {
    if (it->empty() || *it == mail.in_reply_to) {
      continue;
    }
    if (auto ticket = lookup.ticket_for_message_id(*it)) {
      return AppendTo{*ticket, ThreadEvidence::References};
    }
  }
  if (auto ticket = parse_ticket_token(mail.subject)) {
    if (lookup.ticket_exists(*ticket)) {
      return AppendTo{*ticket, ThreadEvidence::SubjectToken};
    }
  }
  return NewTicket{};
}

Result<std::string> normalize_address(std::string_view address) {
  std::string_view view = detail::trim(address);
  if (view.size() >= 2 && view.front() == '<' && view.back() == '>') {
    view = detail::trim(view.substr(1, view.size() - 2));
  }
  if (view.empty()) {
    return invalid_input("the e-mail address is empty", "email");
  }
  if (view.size() > 254) {
    return invalid_input("the e-mail address is longer than 254 characters", "email");
  }
  for (char c : view) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == ',' ||
        c == ';' || c == '\\' || c == '[' || c == ']') {
      return invalid_input("the e-mail address contains a character that is not allowed", "email");
    }
  }
  const std::size_t at = view.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == view.size() || view.find('@') != at) {
    return invalid_input("the e-mail address must look like name@example.com", "email");
  }
  const std::string_view domain = view.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos ||
      view.substr(0, at).front() == '.' || view.substr(0, at).back() == '.') {
    return invalid_input("the e-mail address has a misplaced dot", "email");
  }
  if (!detail::is_valid_utf8(view)) {
    return invalid_input("the e-mail address is not valid UTF-8", "email");
  }
  return detail::to_lower(view);
}

}  // namespace sp::channels
