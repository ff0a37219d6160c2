// Personal data recognised by what surrounds it: passport numbers and dates of birth after a
// keyword, and postal address lines by their structure (a Dutch postcode with a street, house
// number or town; a Chinese address that ends in 路/街 + number + 号).
#include <array>
#include <optional>

#include "privacy/scan_support.hpp"

namespace sp::privacy::detail {

namespace {

std::u32string u32(std::string_view utf8) {
  return to_code_points(utf8);
}

Keywords keywords_of(std::initializer_list<std::string_view> words) {
  Keywords out;
  for (auto word : words) out.push_back(u32(word));
  return out;
}

bool is_cjk(char32_t c) {
  return is_cjk_ideograph(c);
}

std::string utf8_of(const std::u32string& cps, std::size_t start, std::size_t end) {
  std::string out;
  for (std::size_t pos = start; pos < end; ++pos) {
    char32_t c = cps[pos];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// Digits at `pos`: how many (at most `max`), and their value.
std::size_t digits_at(const std::u32string& cps, std::size_t pos, std::size_t max, int& value) {
  std::size_t count = 0;
  value = 0;
  while (pos + count < cps.size() && is_digit(cps[pos + count]) && count < max) {
    value = value * 10 + static_cast<int>(cps[pos + count] - '0');
    ++count;
  }
  return count;
}

bool valid_date(int year, int month, int day) {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
}

std::string iso_date(int year, int month, int day) {
  std::string out = std::to_string(year) + "-";
  if (month < 10) out += "0";
  out += std::to_string(month) + "-";
  if (day < 10) out += "0";
  return out + std::to_string(day);
}

// Month names in Dutch and English (full and abbreviated) with their number.
const std::vector<std::pair<std::u32string, int>>& month_names() {
  static const std::vector<std::pair<std::u32string, int>> names = [] {
    std::vector<std::pair<std::u32string, int>> out;
    const std::array<std::initializer_list<std::string_view>, 12> words = {{
        {"januari", "january", "jan"},
        {"februari", "february", "feb"},
        {"maart", "march", "mrt", "mar"},
        {"april", "apr"},
        {"mei", "may"},
        {"juni", "june", "jun"},
        {"juli", "july", "jul"},
        {"augustus", "august", "aug"},
        {"september", "sept", "sep"},
        {"oktober", "october", "okt", "oct"},
        {"november", "nov"},
        {"december", "dec"},
    }};
    for (std::size_t month = 0; month < 12; ++month) {
      for (auto word : words[month]) out.emplace_back(u32(word), static_cast<int>(month + 1));
    }
    return out;
  }();
  return names;
}

// A month name at `pos` (whole word, an optional trailing '.'), or 0.
int month_at(const ScanText& text, std::size_t pos, std::size_t& end) {
  if (!boundary_before(text.cps, pos)) return 0;
  for (const auto& [name, month] : month_names()) {
    if (text.lowered.compare(pos, name.size(), name) != 0) continue;
    std::size_t after = pos + name.size();
    if (!boundary_after(text.cps, after)) continue;
    if (after < text.cps.size() && text.cps[after] == '.') ++after;
    end = after;
    return month;
  }
  return 0;
}

std::size_t skip_spaces(const std::u32string& cps, std::size_t pos) {
  while (pos < cps.size() && (cps[pos] == ' ' || cps[pos] == 0xA0)) ++pos;
  return pos;
}

// A complete calendar date starting at `pos`: 12-03-1985, 12/3/1985, 12.03.1985,
// 1985-03-12, 1985/3/12, 1985年3月12日, 12 maart 1985, 12 March 1985, March 12, 1985.
struct FoundDate {
  std::size_t end = 0;
  std::string iso;
};

std::optional<FoundDate> date_at(const ScanText& text, std::size_t pos) {
  const auto& cps = text.cps;
  if (pos >= cps.size() || !boundary_before(cps, pos)) return std::nullopt;
  int first = 0;
  std::size_t first_len = digits_at(cps, pos, 4, first);
  if (first_len == 4) {
    std::size_t at = pos + 4;
    if (at < cps.size() && (cps[at] == '-' || cps[at] == '/' || cps[at] == '.' || cps[at] == U'年')) {
      char32_t sep = cps[at];
      int month = 0, day = 0;
      std::size_t month_len = digits_at(cps, at + 1, 2, month);
      if (month_len == 0) return std::nullopt;
      std::size_t next = at + 1 + month_len;
      char32_t expect = sep == U'年' ? U'月' : sep;
      if (next >= cps.size() || cps[next] != expect) return std::nullopt;
      std::size_t day_len = digits_at(cps, next + 1, 2, day);
      if (day_len == 0) return std::nullopt;
      std::size_t end = next + 1 + day_len;
      if (sep == U'年') {
        if (end < cps.size() && (cps[end] == U'日' || cps[end] == U'号')) ++end;
      } else if (end < cps.size() && is_digit(cps[end])) {
        return std::nullopt;
      }
      if (!valid_date(first, month, day)) return std::nullopt;
      return FoundDate{end, iso_date(first, month, day)};
    }
    return std::nullopt;
  }
  if (first_len >= 1 && first_len <= 2) {
    std::size_t at = pos + first_len;
    if (at < cps.size() && (cps[at] == '-' || cps[at] == '/' || cps[at] == '.')) {
      char32_t sep = cps[at];
      int second = 0, year = 0;
      std::size_t second_len = digits_at(cps, at + 1, 2, second);
      if (second_len == 0) return std::nullopt;
      std::size_t next = at + 1 + second_len;
      if (next >= cps.size() || cps[next] != sep) return std::nullopt;
      std::size_t year_len = digits_at(cps, next + 1, 4, year);
      if (year_len != 4) return std::nullopt;
      std::size_t end = next + 5;
      if (end < cps.size() && is_digit(cps[end])) return std::nullopt;
      // Day first (nl, zh, most of en); month first only when day first cannot be a date.
      if (valid_date(year, second, first)) return FoundDate{end, iso_date(year, second, first)};
      if (valid_date(year, first, second)) return FoundDate{end, iso_date(year, first, second)};
      return std::nullopt;
    }
    // 12 maart 1985
    std::size_t name_pos = skip_spaces(cps, at);
    if (name_pos == at) return std::nullopt;
    std::size_t name_end = 0;
    int month = month_at(text, name_pos, name_end);
    if (month == 0) return std::nullopt;
    std::size_t year_pos = skip_spaces(cps, name_end);
    int year = 0;
    if (digits_at(cps, year_pos, 5, year) != 4 || !valid_date(year, month, first)) return std::nullopt;
    return FoundDate{year_pos + 4, iso_date(year, month, first)};
  }
  // March 12, 1985
  std::size_t name_end = 0;
  int month = month_at(text, pos, name_end);
  if (month == 0) return std::nullopt;
  std::size_t day_pos = skip_spaces(cps, name_end);
  int day = 0;
  std::size_t day_len = digits_at(cps, day_pos, 3, day);
  if (day_len == 0 || day_len > 2) return std::nullopt;
  std::size_t after = day_pos + day_len;
  if (after + 1 < cps.size() && text.lowered.compare(after, 2, U"th") == 0) after += 2;
  if (after < cps.size() && cps[after] == ',') ++after;
  std::size_t year_pos = skip_spaces(cps, after);
  int year = 0;
  if (digits_at(cps, year_pos, 5, year) != 4 || !valid_date(year, month, day)) return std::nullopt;
  return FoundDate{year_pos + 4, iso_date(year, month, day)};
}

const Keywords& birth_keywords() {
  static const Keywords words =
      keywords_of({"geboortedatum", "geboren", "geb.", "date of birth", "birth date", "birthdate", "born",
                   "dob", "d.o.b.", "birthday", "出生日期", "出生", "生日", "出生年月日"});
  return words;
}

const Keywords& passport_keywords() {
  static const Keywords words = keywords_of({"paspoortnummer", "paspoort", "passport number", "passport no",
                                             "passport", "reisdocument", "护照号码", "护照号", "护照"});
  return words;
}

// A passport number token at `pos`: 6 to 9 upper-case letters and digits with at least two
// digits (NL: 2 letters, 6 letters or digits, 1 digit; CN: E/G + 8 digits; GB/US: 9 digits).
std::optional<std::size_t> passport_token_at(const std::u32string& cps, std::size_t pos) {
  if (!boundary_before(cps, pos) && !(pos > 0 && is_cjk(cps[pos - 1]))) return std::nullopt;
  std::size_t end = pos;
  int digits = 0;
  while (end < cps.size() && (is_digit(cps[end]) || is_upper(cps[end]))) {
    if (is_digit(cps[end])) ++digits;
    ++end;
  }
  std::size_t length = end - pos;
  if (length < 6 || length > 9 || digits < 2 || !boundary_after(cps, end)) return std::nullopt;
  // A date or a number with a thousands separator is no passport number.
  if (end < cps.size() && (cps[end] == '-' || cps[end] == '/') && end + 1 < cps.size() &&
      is_digit(cps[end + 1]))
    return std::nullopt;
  return end;
}

}  // namespace

std::size_t keyword_at(const ScanText& text, std::size_t pos, const Keywords& keywords) {
  for (const auto& word : keywords) {
    if (text.lowered.compare(pos, word.size(), word) != 0) continue;
    if (is_ascii_letter(word.front())) {
      if (!boundary_before(text.cps, pos)) continue;
      std::size_t end = pos + word.size();
      // "geb." and "d.o.b." end in a dot; the others end on a word edge.
      if (word.back() != '.' && !boundary_after(text.cps, end)) continue;
    }
    return word.size();
  }
  return 0;
}

std::size_t keyword_distance(const ScanText& text, std::size_t pos, const Keywords& keywords,
                             std::size_t window) {
  std::size_t from = pos > window ? pos - window : 0;
  std::size_t nearest = std::string::npos;
  for (std::size_t at = from; at < pos; ++at) {
    std::size_t length = keyword_at(text, at, keywords);
    if (length > 0 && at + length <= pos) nearest = pos - (at + length);
  }
  return nearest;
}

const Keywords& reference_keywords() {
  static const Keywords words = keywords_of({"order",
                                             "ordernummer",
                                             "bestelling",
                                             "bestelnummer",
                                             "factuur",
                                             "factuurnummer",
                                             "invoice",
                                             "tracking",
                                             "track",
                                             "trackingcode",
                                             "zending",
                                             "zendingnummer",
                                             "pakket",
                                             "parcel",
                                             "shipment",
                                             "ref",
                                             "referentie",
                                             "reference",
                                             "kenmerk",
                                             "klantnummer",
                                             "customer number",
                                             "account number",
                                             "contract",
                                             "contractnummer",
                                             "ticket",
                                             "case",
                                             "dossier",
                                             "serial",
                                             "serienummer",
                                             "imei",
                                             "transaction",
                                             "transactie",
                                             "artikel",
                                             "article",
                                             "sku",
                                             "订单",
                                             "单号",
                                             "运单",
                                             "快递",
                                             "物流",
                                             "发票",
                                             "编号",
                                             "序列号",
                                             "工单",
                                             "交易"});
  return words;
}

void find_passports(const ScanText& text, std::vector<PersonalDataMatch>& out) {
  const auto& cps = text.cps;
  const auto& keywords = passport_keywords();
  for (std::size_t pos = 0; pos < cps.size(); ++pos) {
    char32_t c = text.lowered[pos];
    if (c != 'p' && c != 'r' && c != U'护') continue;
    std::size_t length = keyword_at(text, pos, keywords);
    if (length == 0) continue;
    // The number follows within 30 code points ("paspoort (nummer): NW92BH4K1").
    std::size_t limit = std::min(cps.size(), pos + length + 30);
    for (std::size_t at = pos + length; at < limit; ++at) {
      if (!(is_digit(cps[at]) || is_upper(cps[at]))) continue;
      if (auto end = passport_token_at(cps, at)) {
        std::string value = utf8_of(cps, at, *end);
        out.push_back({PersonalDataType::Passport, at, *end, value});
        pos = *end;
        break;
      }
      // Skip the rest of a word that is no token ("NUMMER", "NL").
      while (at + 1 < limit && (is_ascii_alnum(cps[at + 1]))) ++at;
    }
  }
}

void find_dates_of_birth(const ScanText& text, std::vector<PersonalDataMatch>& out) {
  const auto& cps = text.cps;
  const auto& keywords = birth_keywords();
  std::size_t taken_until = 0;
  for (std::size_t pos = 0; pos < cps.size(); ++pos) {
    char32_t c = text.lowered[pos];
    if (c != 'g' && c != 'd' && c != 'b' && c != U'出' && c != U'生') continue;
    std::size_t length = keyword_at(text, pos, keywords);
    if (length == 0) continue;
    // The date after the keyword, within 25 code points ("geboren op 12 maart 1985").
    std::size_t limit = std::min(cps.size(), pos + length + 25);
    bool found = false;
    for (std::size_t at = std::max(pos + length, taken_until); at < limit; ++at) {
      if (!is_digit(cps[at]) && !is_ascii_letter(cps[at])) continue;
      if (auto date = date_at(text, at)) {
        out.push_back({PersonalDataType::DateOfBirth, at, date->end, date->iso});
        taken_until = date->end;
        pos = date->end - 1;
        found = true;
        break;
      }
    }
    if (found || !is_cjk(cps[pos])) continue;
    // Chinese also puts the date first: 1985年3月12日出生.
    std::size_t from = pos > 16 ? pos - 16 : 0;
    for (std::size_t at = std::max(from, taken_until); at < pos; ++at) {
      if (!is_digit(cps[at])) continue;
      auto date = date_at(text, at);
      if (date && date->end <= pos && pos - date->end <= 2) {
        out.push_back({PersonalDataType::DateOfBirth, at, date->end, date->iso});
        taken_until = date->end;
        break;
      }
    }
    pos += length - 1;
  }
}

namespace {

// A Dutch postcode at `pos`: 1234 AB or 1234AB (not SA, SD, SS), on word edges.
std::optional<std::size_t> postcode_at(const std::u32string& cps, std::size_t pos) {
  if (pos + 6 > cps.size() || !boundary_before(cps, pos)) return std::nullopt;
  if (!(cps[pos] >= '1' && cps[pos] <= '9') || !is_digit(cps[pos + 1]) || !is_digit(cps[pos + 2]) ||
      !is_digit(cps[pos + 3])) {
    return std::nullopt;
  }
  std::size_t at = pos + 4;
  if (cps[at] == ' ') ++at;
  if (at + 2 > cps.size() || !is_upper(cps[at]) || !is_upper(cps[at + 1])) return std::nullopt;
  char32_t a = cps[at], b = cps[at + 1];
  if (a == 'S' && (b == 'A' || b == 'D' || b == 'S')) return std::nullopt;
  if (!boundary_after(cps, at + 2)) return std::nullopt;
  return at + 2;
}

// A house number ending at `end` (exclusive) going backwards: "12", "12a", "12-3", "12 bis".
std::optional<std::size_t> house_number_before(const std::u32string& cps, std::size_t end) {
  std::size_t pos = end;
  if (pos > 0 && is_ascii_letter(cps[pos - 1]) && pos > 1 && is_digit(cps[pos - 2])) --pos;  // 12a
  std::size_t digits_end = pos;
  while (pos > 0 && (is_digit(cps[pos - 1]) || cps[pos - 1] == '-')) --pos;
  while (pos < digits_end && cps[pos] == '-') ++pos;
  if (pos == digits_end || digits_end - pos > 6 || !boundary_before(cps, pos)) return std::nullopt;
  return pos;
}

// A street name of one to three words ending at `end`, the last starting with a capital
// ("Kerkstraat", "Prins Hendrikkade", "Van Woustraat"): its start, or nothing.
std::optional<std::size_t> street_before(const std::u32string& cps, std::size_t end) {
  std::size_t pos = end;
  std::optional<std::size_t> start;
  for (int word = 0; word < 3; ++word) {
    std::size_t word_end = pos;
    while (pos > 0 && (is_word_char(cps[pos - 1]) || cps[pos - 1] == '.' || cps[pos - 1] == '\'') &&
           !is_digit(cps[pos - 1]))
      --pos;
    if (pos == word_end || word_end - pos < 2) break;
    if (!is_upper(cps[pos]) && !(word > 0 && cps[pos] >= 'a' && cps[pos] <= 'z' && word_end - pos <= 3))
      break;
    if (is_upper(cps[pos])) start = pos;
    if (pos == 0 || cps[pos - 1] != ' ') break;
    --pos;
  }
  return start;
}

bool street_suffix(const std::u32string& lowered, std::size_t start, std::size_t end) {
  static const Keywords suffixes = [] {
    Keywords out;
    for (auto word : {"straat", "laan",  "weg",     "plein",  "gracht", "kade",   "singel",
                      "dijk",   "dreef", "steeg",   "markt",  "hof",    "pad",    "baan",
                      "park",   "wal",   "burgwal", "street", "road",   "avenue", "lane"}) {
      out.push_back(to_code_points(word));
    }
    return out;
  }();
  for (const auto& suffix : suffixes) {
    if (end - start > suffix.size() + 1 && lowered.compare(end - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}

// A Dutch address around the postcode at [pos, code_end): its span, or nothing.
std::optional<std::pair<std::size_t, std::size_t>> nl_address(const ScanText& text, std::size_t pos,
                                                              std::size_t code_end) {
  const auto& cps = text.cps;
  std::size_t start = pos, end = code_end;
  bool context = false;
  // Before: "Kerkstraat 12, " or "Kerkstraat 12 " on the same line.
  std::size_t back = pos;
  while (back > 0 && (cps[back - 1] == ' ' || cps[back - 1] == ',')) --back;
  if (back < pos) {
    if (auto number = house_number_before(cps, back)) {
      if (*number > 0 && cps[*number - 1] == ' ') {
        if (auto street = street_before(cps, *number - 1)) {
          start = *street;
          context = true;
        }
      }
    }
  }
  // After: a town ("Amsterdam", "Den Haag", "'s-Hertogenbosch") or a house number.
  std::size_t after = code_end;
  if (after + 1 < cps.size() && (cps[after] == ' ' || cps[after] == ',')) {
    std::size_t at = skip_spaces(cps, after + (cps[after] == ',' ? 1 : 0));
    if (at < cps.size() && cps[at] == '\'') ++at;  // 's-Hertogenbosch
    std::size_t word_start = at;
    if (at < cps.size() &&
        (is_upper(cps[at]) || (cps[at] == 's' && at + 1 < cps.size() && cps[at + 1] == '-'))) {
      std::size_t town_end = at;
      for (int word = 0; word < 3; ++word) {
        std::size_t w = town_end;
        while (w < cps.size() && (is_word_char(cps[w]) || cps[w] == '-') && !is_digit(cps[w])) ++w;
        if (w - town_end < 2 || !(is_upper(cps[town_end]) || cps[town_end] == 's')) break;
        town_end = w;
        if (town_end + 1 < cps.size() && cps[town_end] == ' ' && is_upper(cps[town_end + 1])) {
          ++town_end;
          continue;
        }
        break;
      }
      while (town_end > word_start && cps[town_end - 1] == ' ') --town_end;
      if (town_end - word_start >= 3 && boundary_after(cps, town_end)) {
        end = town_end;
        context = true;
      }
    } else if (at < cps.size() && is_digit(cps[at])) {
      std::size_t number_end = at;
      while (number_end < cps.size() && is_digit(cps[number_end])) ++number_end;
      if (number_end - at <= 5 && boundary_after(cps, number_end)) {
        end = number_end;
        context = true;
      }
    }
  }
  if (!context) return std::nullopt;
  return std::make_pair(start, end);
}

bool is_road_marker(char32_t c) {
  return c == U'路' || c == U'街' || c == U'道' || c == U'巷' || c == U'弄' || c == U'里' || c == U'同';
}
bool is_admin_marker(char32_t c) {
  return c == U'省' || c == U'市' || c == U'区' || c == U'县' || c == U'镇' || c == U'乡';
}
// Characters after which an address starts ("地址是", "寄到", "住在").
bool ends_lead_in(char32_t c) {
  return c == U'是' || c == U'在' || c == U'址' || c == U'到' || c == U'寄' || c == U'往' || c == U'于' ||
         c == U'为' || c == U'从' || c == U'至' || c == U'：';
}

// A Chinese address whose 号 is at `hao`: [start, end), or nothing.
std::optional<std::pair<std::size_t, std::size_t>> cn_address(const std::u32string& cps, std::size_t hao) {
  std::size_t number = hao;
  while (number > 0 && (is_digit(cps[number - 1]) || cps[number - 1] == '-')) --number;
  if (number == hao || hao - number > 8 || number == 0 || !is_road_marker(cps[number - 1]))
    return std::nullopt;
  // Back over the road name and the province, city and district before it.
  std::size_t start = number - 1;
  bool admin = false;
  std::size_t limit = number > 30 ? number - 30 : 0;
  while (start > limit && (is_cjk(cps[start - 1]) || is_digit(cps[start - 1])) &&
         !ends_lead_in(cps[start - 1])) {
    --start;
    if (is_admin_marker(cps[start])) admin = true;
  }
  if (number - 1 - start < 1) return std::nullopt;  // "路88号" alone names no street
  (void)admin;
  std::size_t end = hao + 1;
  // 88号3栋1201室, 88号2单元
  for (int part = 0; part < 3; ++part) {
    std::size_t at = end;
    while (at < cps.size() && is_digit(cps[at])) ++at;
    if (at == end || at >= cps.size()) break;
    if (cps[at] == U'栋' || cps[at] == U'楼' || cps[at] == U'室' || cps[at] == U'层' || cps[at] == U'幢' ||
        cps[at] == U'号') {
      end = at + 1;
    } else if (cps[at] == U'单' && at + 1 < cps.size() && cps[at + 1] == U'元') {
      end = at + 2;
    } else {
      break;
    }
  }
  return std::make_pair(start, end);
}

}  // namespace

void find_addresses(const ScanText& text, std::vector<PersonalDataMatch>& out) {
  const auto& cps = text.cps;
  std::size_t taken_until = 0;
  for (std::size_t pos = 0; pos < cps.size(); ++pos) {
    char32_t c = cps[pos];
    std::optional<std::pair<std::size_t, std::size_t>> span;
    if (c >= '1' && c <= '9') {
      if (auto code_end = postcode_at(cps, pos)) span = nl_address(text, pos, *code_end);
    } else if (c == U'号') {
      span = cn_address(cps, pos);
    } else if (c >= 'a' && c <= 'z' && pos + 2 < cps.size() && cps[pos + 1] == ' ' &&
               is_digit(cps[pos + 2])) {
      // "Kerkstraat 12" without a postcode: a street name with a street suffix and a number.
      std::size_t word_end = pos + 1;
      std::size_t number_start = pos + 2, number_end = number_start;
      while (number_end < cps.size() && is_digit(cps[number_end])) ++number_end;
      if (number_end < cps.size() && is_ascii_letter(cps[number_end]) && boundary_after(cps, number_end + 1))
        ++number_end;
      if (number_end - number_start > 5 || !boundary_after(cps, number_end)) continue;
      // Followed by a postcode: the postcode branch reports the whole line.
      std::size_t next = number_end;
      while (next < cps.size() && (cps[next] == ' ' || cps[next] == ',')) ++next;
      if (postcode_at(cps, next)) continue;
      if (auto street = street_before(cps, word_end)) {
        if (street_suffix(text.lowered, *street, word_end)) span = std::make_pair(*street, number_end);
      }
    }
    if (!span || span->first < taken_until) continue;
    out.push_back(
        {PersonalDataType::Address, span->first, span->second, utf8_of(cps, span->first, span->second)});
    taken_until = span->second;
    pos = span->second - 1;
  }
}

}  // namespace sp::privacy::detail
