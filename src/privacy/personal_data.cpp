#include "privacy/personal_data.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace sp::privacy {

namespace {

bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_alnum(char32_t c) {
  return is_digit(c) || is_ascii_letter(c);
}
// Chinese is written without spaces, so an ideograph next to a number is a word edge.
bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}
// Letters of any other script count as word characters, so a number glued to a word is not data.
bool is_word_char(char32_t c) {
  if (is_ascii_alnum(c)) return true;
  if (is_cjk_ideograph(c)) return false;
  return c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x206F) &&
         !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFF0F) && !(c >= 0xFF1A && c <= 0xFF20);
}
bool is_local_part_char(char32_t c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char32_t c) {
  return is_ascii_alnum(c) || c == '.' || c == '-';
}
char upper(char32_t c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : static_cast<char>(c);
}
char lower(char32_t c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
}

bool boundary_before(const std::u32string& cps, std::size_t pos) {
  return pos == 0 || !is_word_char(cps[pos - 1]);
}
bool boundary_after(const std::u32string& cps, std::size_t pos) {
  return pos >= cps.size() || !is_word_char(cps[pos]);
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
  for (std::size_t pos = start; pos < end; ++pos) match.normalized.push_back(lower(cps[pos]));
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

// A run of digits from `start` (optionally "+"), with single separators between digits.
// Returns false when the run is glued to a word character.
bool number_at(const std::u32string& cps, std::size_t start, PersonalDataMatch& match) {
  std::size_t pos = start;
  bool plus = cps[pos] == '+';
  if (plus) ++pos;
  if (pos >= cps.size() || !is_digit(cps[pos])) return false;
  std::string digits;
  bool separated = false;
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
    separated = true;
    pos = look;
  }
  // A resident id may end in X.
  bool ends_with_x =
      !separated && !plus && digits.size() == 17 && end < cps.size() && (cps[end] == 'X' || cps[end] == 'x');
  std::size_t id_end = ends_with_x ? end + 1 : end;
  if (!boundary_after(cps, id_end)) return false;
  if (!separated && !plus && (digits.size() == 18 || ends_with_x)) {
    std::string id = digits;
    if (ends_with_x) id.push_back('X');
    if (is_valid_cn_resident_id(id)) {
      match = {PersonalDataType::CnResidentId, start, id_end, id};
      return true;
    }
    return false;
  }
  if (!separated && !plus && digits.size() == 9 && is_valid_bsn(digits)) {
    match = {PersonalDataType::Bsn, start, end, digits};
    return true;
  }
  bool phone = false;
  if (plus) {
    phone = digits.size() >= 9 && digits.size() <= 15 && digits[0] != '0';
  } else if (digits[0] == '0') {
    phone = digits.size() >= 10 && digits.size() <= 15;
  } else if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9') {
    phone = true;  // a Chinese mobile number
  }
  if (!phone) return false;
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
  }
  return "email";
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
  std::vector<PersonalDataMatch> matches;
  std::u32string cps = to_code_points(text);
  std::size_t pos = 0;
  PersonalDataMatch match;
  // E-mail addresses first (their digits are not phone numbers), then a left-to-right scan.
  std::vector<std::pair<std::size_t, std::size_t>> taken;
  for (std::size_t at = 0; at < cps.size() && matches.size() < max_matches; ++at) {
    if (cps[at] == '@' && email_at(cps, at, match)) {
      matches.push_back(match);
      taken.emplace_back(match.start, match.end);
      at = match.end;
    }
  }
  std::size_t taken_idx = 0;
  while (pos < cps.size() && matches.size() < max_matches) {
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
      if (number_at(cps, pos, match)) {
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
