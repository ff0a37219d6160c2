#include "privacy/personal_data.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "privacy/scan_support.hpp"

namespace sp::privacy {

namespace {

using namespace detail;

bool is_local_part_char(char32_t c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char32_t c) {
  return is_ascii_alnum(c) || c == '.' || c == '-';
}
char upper(char32_t c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : static_cast<char>(c);
}

// An e-mail address around the '@' at `at`: [start, end) or nothing.
bool email_at(const std::u32string& cps, std::size_t at, PersonalDataMatch& match) {
  std::size_t start = at;
  while (start > 0 && is_local_part_char(cps[start - 1])) --start;
  while (start < at && cps[start] == '.') ++start;
  if (start == at) return false;
  std::size_t end = at + 1;
  while (end < cps.size() && is_domain_char(cps[end])) ++end;
  while (end > at + 1 && (cps[end - 1] == '.' || cps[end - 1] == '-')) --end;
  // The domain needs a dot and a top-level label of at least two letters.
  std::size_t last_dot = std::u32string::npos;
  for (std::size_t pos = at + 1; pos < end; ++pos) {
    if (cps[pos] == '.') last_dot = pos;
  }
  if (last_dot == std::u32string::npos || last_dot == at + 1 || end - last_dot < 3) return false;
  for (std::size_t pos = last_dot + 1; pos < end; ++pos) {
    if (!is_ascii_letter(cps[pos])) return false;
  }
  match.type = PersonalDataType::Email;
  match.start = start;
  match.end = end;
  match.normalized.clear();
  for (std::size_t pos = start; pos < end; ++pos)
    match.normalized.push_back(static_cast<char>(lower(cps[pos])));
  return true;
}

// An IBAN starting at `start` (two upper-case letters, two digits, then groups that may be
// separated by single spaces): the longest valid one that ends on a boundary.
bool iban_at(const std::u32string& cps, std::size_t start, PersonalDataMatch& match) {
  if (start + 4 > cps.size()) return false;
  if (!(cps[start] >= 'A' && cps[start] <= 'Z' && cps[start + 1] >= 'A' && cps[start + 1] <= 'Z' &&
        is_digit(cps[start + 2]) && is_digit(cps[start + 3]))) {
    return false;
  }
  std::string chars;
  std::vector<std::size_t> ends;  // code point just after each collected character
  std::size_t pos = start;
  while (pos < cps.size() && chars.size() < 34) {
    if (is_ascii_alnum(cps[pos])) {
      chars.push_back(upper(cps[pos]));
      ends.push_back(pos + 1);
      ++pos;
    } else if (cps[pos] == ' ' && pos + 1 < cps.size() && is_ascii_alnum(cps[pos + 1]) && !chars.empty()) {
      ++pos;
    } else {
      break;
    }
  }
  for (std::size_t length = chars.size(); length >= 15; --length) {
    std::size_t end = ends[length - 1];
    bool at_boundary = end >= cps.size() || !is_ascii_alnum(cps[end]);
    if (!at_boundary) continue;
    std::string_view candidate(chars.data(), length);
    if (is_valid_iban(candidate)) {
      match.type = PersonalDataType::Iban;
      match.start = start;
      match.end = end;
      match.normalized = std::string(candidate);
      return true;
    }
  }
  return false;
}

bool is_phone_separator(char32_t c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}

const Keywords& card_keywords() {
  static const Keywords words = [] {
    Keywords out;
    for (auto word : {"card", "creditcard", "credit card", "kaart", "kaartnummer", "visa", "mastercard",
                      "amex", "卡号", "信用卡", "银行卡"}) {
      out.push_back(to_code_points(word));
    }
    return out;
  }();
  return words;
}

const Keywords& bsn_keywords() {
  static const Keywords words = [] {
    Keywords out;
    for (auto word : {"bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "citizen service number"}) {
      out.push_back(to_code_points(word));
    }
    return out;
  }();
  return words;
}

// A run of digits from `start` (optionally "+"), with single separators between digits.
// Returns false when the run is glued to a word character.
bool number_at(const ScanText& text, std::size_t start, std::string_view language, PersonalDataMatch& match) {
  const auto& cps = text.cps;
  std::size_t pos = start;
  bool plus = cps[pos] == '+';
  if (plus) ++pos;
  if (pos >= cps.size() || !is_digit(cps[pos])) return false;
  std::string digits;
  bool separated = false;
  bool card_separators = true;  // only single spaces or dashes between groups
  std::size_t end = pos;
  while (pos < cps.size()) {
    if (is_digit(cps[pos])) {
      digits.push_back(static_cast<char>(cps[pos]));
      ++pos;
      end = pos;
      continue;
    }
    // One or two separators ("(0)", " - ") between digits.
    std::size_t look = pos;
    int separators = 0;
    while (look < cps.size() && is_phone_separator(cps[look]) && separators < 3) {
      ++look;
      ++separators;
    }
    if (separators == 0 || look >= cps.size() || !is_digit(cps[look])) break;
    if (separators > 1 || (cps[pos] != ' ' && cps[pos] != '-')) card_separators = false;
    separated = true;
    pos = look;
  }
  // A resident id may end in X.
  bool ends_with_x =
      !separated && !plus && digits.size() == 17 && end < cps.size() && (cps[end] == 'X' || cps[end] == 'x');
  std::size_t id_end = ends_with_x ? end + 1 : end;
  if (!boundary_after(cps, id_end)) return false;
  // Order, invoice and tracking numbers pass a checksum by chance one time in ten (Luhn) or
  // eleven (BSN): the keyword before them decides.
  auto reference = [&](const Keywords& own) {
    std::size_t other = keyword_distance(text, start, reference_keywords(), 30);
    return other != std::string::npos && other < keyword_distance(text, start, own, 30);
  };
  if (!separated && !plus && (digits.size() == 18 || ends_with_x)) {
    std::string id = digits;
    if (ends_with_x) id.push_back('X');
    if (is_valid_cn_resident_id(id)) {
      match = {PersonalDataType::CnResidentId, start, id_end, id};
      return true;
    }
  }
  // A BSN written in groups ("111.222.333", "111 222 333") only after a BSN keyword: grouped
  // nine-digit numbers are too often something else.
  bool grouped_bsn = separated && !plus && digits.size() == 9 && end - start == 11 &&
                     cps[start + 3] == cps[start + 7] && (cps[start + 3] == '.' || cps[start + 3] == ' ') &&
                     keyword_before(text, start, bsn_keywords(), 20);
  if ((grouped_bsn || (!separated && !plus && digits.size() == 9)) && is_valid_bsn(digits)) {
    if (reference(bsn_keywords())) return false;
    match = {PersonalDataType::Bsn, start, end, digits};
    return true;
  }
  if (!plus && card_separators && digits.size() >= 12 && digits.size() <= 19 && is_valid_card(digits)) {
    if (reference(card_keywords())) return false;
    match = {PersonalDataType::Card, start, end, digits};
    return true;
  }
  if (ends_with_x) return false;
  bool phone_shape = false;
  if (plus) {
    phone_shape = digits.size() >= 9 && digits.size() <= 15 && digits[0] != '0';
  } else if (digits[0] == '0') {
    phone_shape = digits.size() >= 10 && digits.size() <= 15;
  } else if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9') {
    phone_shape = true;  // a Chinese mobile number
  }
  if (!phone_shape) return false;
  // The shape is the cheap prefilter; libphonenumber decides.
  std::string written;
  for (std::size_t at = start; at < end; ++at) {
    char32_t c = cps[at];
    written.push_back(c < 0x80 ? static_cast<char>(c) : ' ');
  }
  if (!is_valid_phone(written, language)) return false;
  match = {PersonalDataType::Phone, start, end, (plus ? "+" : "") + digits};
  return true;
}

}  // namespace

std::string_view to_string(PersonalDataType type) {
  switch (type) {
    case PersonalDataType::Email:
      return "email";
    case PersonalDataType::Phone:
      return "phone";
    case PersonalDataType::Iban:
      return "iban";
    case PersonalDataType::Bsn:
      return "bsn";
    case PersonalDataType::CnResidentId:
      return "cn_resident_id";
    case PersonalDataType::Card:
      return "card";
    case PersonalDataType::Passport:
      return "passport";
    case PersonalDataType::DateOfBirth:
      return "date_of_birth";
    case PersonalDataType::Address:
      return "address";
  }
  return "email";
}

std::optional<PersonalDataType> parse_personal_data_type(std::string_view name) {
  for (auto type : {PersonalDataType::Email, PersonalDataType::Phone, PersonalDataType::Iban,
                    PersonalDataType::Bsn, PersonalDataType::CnResidentId, PersonalDataType::Card,
                    PersonalDataType::Passport, PersonalDataType::DateOfBirth, PersonalDataType::Address}) {
    if (to_string(type) == name) return type;
  }
  return std::nullopt;
}

bool passes_luhn(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int value = *it - '0';
    if (twice) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool is_valid_card(std::string_view digits) {
  std::size_t length = digits.size();
  if (length < 12 || length > 19 || !passes_luhn(digits)) return false;
  auto prefix = [&](std::size_t count) {
    int value = 0;
    for (std::size_t idx = 0; idx < count; ++idx) value = value * 10 + (digits[idx] - '0');
    return value;
  };
  int p1 = prefix(1), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4), p6 = prefix(6);
  // Prefixes and lengths per scheme (ISO/IEC 7812 issuer ranges as the schemes publish them).
  if (p1 == 4) return length == 13 || length == 16 || length == 19;                          // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return length == 16;             // Mastercard
  if (p2 == 34 || p2 == 37) return length == 15;                                             // Amex
  if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925))  // Discover
    return length >= 16 && length <= 19;
  if (p2 == 62) return length >= 16 && length <= 19;                  // UnionPay
  if (p4 >= 3528 && p4 <= 3589) return length >= 16 && length <= 19;  // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39)
    return length >= 14 && length <= 19;  // Diners
  if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 || p4 == 6761 ||
      p4 == 6762 || p4 == 6763)
    return length >= 12 && length <= 19;  // Maestro
  return false;
}

bool is_valid_iban(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  // ISO 13616: move the first four characters to the end, letters become 10..35, mod 97 == 1.
  int remainder = 0;
  for (std::size_t idx = 0; idx < iban.size(); ++idx) {
    char c = iban[(idx + 4) % iban.size()];
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool is_valid_bsn(std::string_view digits) {
  if (digits.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (std::size_t idx = 0; idx < 9; ++idx) {
    char c = digits[idx];
    if (c < '0' || c > '9') return false;
    if (c != '0') all_zero = false;
    int weight = idx == 8 ? -1 : static_cast<int>(9 - idx);
    sum += weight * (c - '0');
  }
  return !all_zero && sum % 11 == 0;
}

bool is_valid_cn_resident_id(std::string_view id) {
  if (id.size() != 18) return false;
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (std::size_t idx = 0; idx < 17; ++idx) {
    if (id[idx] < '0' || id[idx] > '9') return false;
    sum += (id[idx] - '0') * kWeights[idx];
  }
  char check = id[17] == 'x' ? 'X' : id[17];
  if (kCheck[sum % 11] != check) return false;
  auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t idx = from; idx < from + count; ++idx) value = value * 10 + (id[idx] - '0');
    return value;
  };
  int year = number(6, 4), month = number(10, 2), day = number(12, 2);
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int month_days = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  return day <= month_days;
}

bool same_phone(std::string_view a, std::string_view b) {
  auto digits_of = [](std::string_view value) {
    std::string out;
    for (char c : value) {
      if (c >= '0' && c <= '9') out.push_back(c);
    }
    return out;
  };
  std::string left = digits_of(a), right = digits_of(b);
  if (left.size() < 9 || right.size() < 9) return false;
  return left.compare(left.size() - 9, 9, right, right.size() - 9, 9) == 0;
}

std::vector<PersonalDataMatch> find_personal_data(std::string_view text, std::size_t max_matches) {
  ScanOptions options;
  options.max_matches = max_matches;
  return find_personal_data(text, options);
}

std::vector<PersonalDataMatch> find_personal_data(std::string_view text, const ScanOptions& options) {
  std::vector<PersonalDataMatch> matches;
  ScanText scan;
  scan.cps = to_code_points(text);
  scan.lowered = scan.cps;
  for (auto& c : scan.lowered) c = lower(c);
  const auto& cps = scan.cps;
  PersonalDataMatch match;
  // E-mail addresses first (their digits are not phone numbers), then the data found by its
  // surroundings (a passport number is no BSN, an address's house number no phone), then a
  // left-to-right scan of the numbers left.
  for (std::size_t at = 0; at < cps.size(); ++at) {
    if (cps[at] == '@' && email_at(cps, at, match)) {
      matches.push_back(match);
      at = match.end;
    }
  }
  std::vector<PersonalDataMatch> context;
  find_passports(scan, context);
  find_dates_of_birth(scan, context);
  find_addresses(scan, context);
  auto overlaps = [&](const PersonalDataMatch& candidate) {
    for (const auto& taken : matches) {
      if (candidate.start < taken.end && taken.start < candidate.end) return true;
    }
    return false;
  };
  std::sort(context.begin(), context.end(),
            [](const PersonalDataMatch& a, const PersonalDataMatch& b) { return a.start < b.start; });
  for (auto& found : context) {
    if (!overlaps(found)) matches.push_back(std::move(found));
  }
  std::vector<std::pair<std::size_t, std::size_t>> taken;
  for (const auto& found : matches) taken.emplace_back(found.start, found.end);
  std::sort(taken.begin(), taken.end());
  std::size_t taken_idx = 0;
  std::size_t pos = 0;
  while (pos < cps.size()) {
    while (taken_idx < taken.size() && taken[taken_idx].second <= pos) ++taken_idx;
    if (taken_idx < taken.size() && pos >= taken[taken_idx].first) {
      pos = taken[taken_idx].second;
      continue;
    }
    char32_t c = cps[pos];
    bool starts_word = boundary_before(cps, pos);
    if (starts_word && c >= 'A' && c <= 'Z' && iban_at(cps, pos, match)) {
      matches.push_back(match);
      pos = match.end;
      continue;
    }
    if (starts_word && (is_digit(c) || (c == '+' && pos + 1 < cps.size() && is_digit(cps[pos + 1])))) {
      if (number_at(scan, pos, options.language, match) &&
          (taken_idx >= taken.size() || match.end <= taken[taken_idx].first)) {
        matches.push_back(match);
        pos = match.end;
        continue;
      }
      // Skip the rest of this run of digits so its tail is not read as a number of its own.
      ++pos;
      while (pos < cps.size() && (is_digit(cps[pos]) || is_phone_separator(cps[pos]))) {
        if (cps[pos] == ' ' && pos + 1 < cps.size() && !is_digit(cps[pos + 1])) break;
        ++pos;
      }
      continue;
    }
    ++pos;
  }
  std::sort(matches.begin(), matches.end(),
            [](const PersonalDataMatch& a, const PersonalDataMatch& b) { return a.start < b.start; });
  if (matches.size() > options.max_matches) matches.resize(options.max_matches);
  return matches;
}

std::u32string to_code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    auto decoded = text::decode_utf8(text, pos);
    out.push_back(decoded.code_point);
    pos += decoded.length;
  }
  return out;
}

}  // namespace sp::privacy
