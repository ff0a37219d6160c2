#include "feedback/recurring.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/text.hpp"
#include "feedback/text_scan.hpp"
#include "feedback/topics.hpp"

namespace sp::feedback {
namespace {

using detail::is_cjk;
using detail::is_latin_letter;
using text::ascii_lower;
using text::decode_utf8;

// Words that carry no subject (nl and en), compared after lowercasing.
const std::set<std::string, std::less<>>& stop_words() {
  static const std::set<std::string, std::less<>> kWords = {
      // en
      "a", "about", "again", "an", "and", "are", "as", "at", "be", "but", "by", "can", "cannot", "did", "do",
      "does", "for", "from", "get", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my",
      "no", "not", "of", "on", "or", "our", "please", "question", "re", "so", "still", "that", "the", "there",
      "this", "to", "up", "was", "we", "what", "when", "why", "will", "with", "you", "your",
      // nl
      "aan", "al", "als", "bij", "dat", "de", "den", "der", "die", "dit", "een", "en", "er", "geen", "graag",
      "heb", "hebben", "het", "hoe", "ik", "in", "is", "je", "kan", "met", "mijn", "na", "naar", "niet",
      "nog", "of", "om", "onze", "op", "over", "te", "tot", "u", "uw", "van", "voor", "vraag", "waar", "wat",
      "we", "wij", "wordt", "ze", "zijn"};
  return kWords;
}

// Removes one leading reply/forward prefix (with spaces before the colon); true when removed.
bool strip_prefix(std::string& text) {
  std::size_t start = text.find_first_not_of(" \t");
  if (start == std::string::npos) return false;
  constexpr std::array<std::string_view, 9> kPrefixes = {"re",   "fwd", "fw",   "aw",  "wg",
                                                         "antw", "sv",  "回复", "转发"};
  for (std::string_view prefix : kPrefixes) {
    if (text.compare(start, prefix.size(), prefix) != 0) continue;
    std::size_t pos = text.find_first_not_of(" \t", start + prefix.size());
    if (pos == std::string::npos) continue;
    if (text[pos] == ':') {
      text.erase(0, pos + 1);
      return true;
    }
    if (text.compare(pos, 3, "\xEF\xBC\x9A") == 0) {  // full-width colon U+FF1A
      text.erase(0, pos + 3);
      return true;
    }
  }
  return false;
}

// Removes ticket tokens "[#t-12]", "[t-12]" and "#t-12" (text already lowercased).
void strip_ticket_tokens(std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t at = pos;
    const bool bracket = text[at] == '[';
    if (bracket) ++at;
    const bool hash = at < text.size() && text[at] == '#';
    if (hash) ++at;
    if ((bracket || hash) && at + 1 < text.size() && text[at] == 't' && text[at + 1] == '-') {
      std::size_t digits = at + 2;
      while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
      if (digits > at + 2) {
        if (!bracket) {
          pos = digits;
          out += ' ';
          continue;
        }
        if (digits < text.size() && text[digits] == ']') {
          pos = digits + 1;
          out += ' ';
          continue;
        }
      }
    }
    out += text[pos];
    ++pos;
  }
  text = std::move(out);
}

}  // namespace

std::string subject_signature(std::string_view subject) {
  std::string text = ascii_lower(subject.substr(0, 1000));
  for (int round = 0; round < 10 && strip_prefix(text); ++round) {
  }
  strip_ticket_tokens(text);
  // Words: runs of latin letters, or runs of CJK ideographs. Digits and everything else split.
  std::set<std::string, std::less<>> words;
  std::string word;
  int kind = 0;  // 0 none, 1 latin, 2 cjk
  auto flush = [&] {
    if (!word.empty()) {
      const bool one_letter = kind == 1 && word.size() == 1;
      if (!one_letter && !stop_words().contains(word)) words.insert(word);
    }
    word.clear();
    kind = 0;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const auto decoded = decode_utf8(text, pos);
    const char32_t cp = decoded.code_point;
    const int cp_kind = is_latin_letter(cp) ? 1 : is_cjk(cp) ? 2 : 0;
    if (cp_kind != kind) flush();
    if (cp_kind != 0) {
      kind = cp_kind;
      word.append(text, pos, decoded.length);
    }
    pos += decoded.length;
  }
  flush();
  std::string signature;
  for (const auto& each : words) {
    if (!signature.empty()) signature += ' ';
    signature += each;
  }
  return signature;
}

Result<std::vector<RecurringIssue>> recurring_issues(std::span<const TicketFacts> tickets,
                                                     const RecurringOptions& options) {
  if (tickets.size() > kMaxRecurringTickets) {
    return invalid_input("at most " + std::to_string(kMaxRecurringTickets) +
                             " tickets per recurring-issue search; narrow the window",
                         "tickets");
  }
  if (options.min_tickets < 2) return invalid_input("min_tickets is at least 2", "min_tickets");
  if (options.min_customers < 1) {
    return invalid_input("min_customers is at least 1", "min_customers");
  }
  // Signature -> indexes into `tickets`; std::map keeps the grouping deterministic.
  std::map<std::string, std::vector<std::size_t>> subject_groups;
  std::map<std::string, std::vector<std::size_t>> topic_groups;
  for (std::size_t index = 0; index < tickets.size(); ++index) {
    const TicketFacts& ticket = tickets[index];
    if (auto signature = subject_signature(ticket.subject); !signature.empty()) {
      subject_groups["subject:" + signature].push_back(index);
    }
    const std::string category = ascii_lower(ticket.category.substr(0, 200));
    std::set<std::string, std::less<>> topics(ticket.topics.begin(), ticket.topics.end());
    for (const auto& topic : topics) {
      if (topic == kOtherTopic || topic.empty()) continue;
      topic_groups["topic:" + category + "/" + topic].push_back(index);
    }
  }

  auto make_issue = [&](const std::string& signature,
                        const std::vector<std::size_t>& members) -> std::optional<RecurringIssue> {
    std::set<std::int64_t> ids;
    std::set<std::int64_t> customers;
    for (auto index : members) {
      ids.insert(tickets[index].ticket_id);
      customers.insert(tickets[index].customer_id);
    }
    if (ids.size() < static_cast<std::size_t>(options.min_tickets) ||
        customers.size() < static_cast<std::size_t>(options.min_customers)) {
      return std::nullopt;
    }
    RecurringIssue issue;
    issue.signature = signature;
    issue.ticket_ids.assign(ids.begin(), ids.end());
    issue.customer_count = static_cast<int>(customers.size());
    const TicketFacts* oldest = &tickets[members.front()];
    issue.first_seen = oldest->created_at;
    issue.last_seen = oldest->created_at;
    for (auto index : members) {
      const TicketFacts& ticket = tickets[index];
      if (ticket.created_at < oldest->created_at ||
          (ticket.created_at == oldest->created_at && ticket.ticket_id < oldest->ticket_id)) {
        oldest = &ticket;
      }
      issue.first_seen = std::min(issue.first_seen, ticket.created_at);
      issue.last_seen = std::max(issue.last_seen, ticket.created_at);
    }
    issue.example_subject = oldest->subject.substr(0, 300);
    return issue;
  };

  std::vector<RecurringIssue> issues;
  for (const auto& [signature, members] : subject_groups) {
    if (auto issue = make_issue(signature, members)) issues.push_back(std::move(*issue));
  }
  const std::size_t subject_issue_count = issues.size();
  for (const auto& [signature, members] : topic_groups) {
    auto issue = make_issue(signature, members);
    if (!issue) continue;
    const bool covered =
        std::any_of(issues.begin(), issues.begin() + static_cast<std::ptrdiff_t>(subject_issue_count),
                    [&](const RecurringIssue& subject_issue) {
                      return std::includes(subject_issue.ticket_ids.begin(), subject_issue.ticket_ids.end(),
                                           issue->ticket_ids.begin(), issue->ticket_ids.end());
                    });
    if (!covered) issues.push_back(std::move(*issue));
  }
  std::sort(issues.begin(), issues.end(), [](const RecurringIssue& a, const RecurringIssue& b) {
    if (a.ticket_ids.size() != b.ticket_ids.size()) {
      return a.ticket_ids.size() > b.ticket_ids.size();
    }
    if (a.customer_count != b.customer_count) return a.customer_count > b.customer_count;
    return a.signature < b.signature;
  });
  return issues;
}

}  // namespace sp::feedback
