#include "core/time.hpp"

#include <cstdio>

namespace sp {

namespace {

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t idx = 0; idx < count; ++idx) {
    char c = text[pos + idx];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::string format_rfc3339(Timestamp t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  auto since_midnight = t - day;
  auto h = duration_cast<hours>(since_midnight);
  auto m = duration_cast<minutes>(since_midnight - h);
  auto s = duration_cast<seconds>(since_midnight - h - m);
  auto ms = duration_cast<milliseconds>(since_midnight - h - m - s);
  char buf[40];
  if (ms.count() == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(h.count()), int(m.count()), int(s.count()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(h.count()), int(m.count()), int(s.count()),
                  int(ms.count()));
  }
  return buf;
}

Result<Timestamp> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  int year, month, day, hour, minute, second;
  auto bad = [&](const char* why) {
    return invalid_input(std::string("invalid RFC 3339 time '") + std::string(text.substr(0, 64)) +
                         "': " + why);
  };
  if (!read_digits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' ||
      !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !read_digits(text, 11, 2, hour) ||
      text[13] != ':' || !read_digits(text, 14, 2, minute) || text[16] != ':' ||
      !read_digits(text, 17, 2, second)) {
    return bad("expected YYYY-MM-DDTHH:MM:SS");
  }
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                     std::chrono::day{unsigned(day)}};
  if (!ymd.ok()) return bad("no such date");
  if (hour > 23 || minute > 59 || second > 60) return bad("time of day out of range");
  if (second == 60) second = 59;  // leap second: clamp, UTC arithmetic has none
  std::size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad("empty fraction");
    for (std::size_t d = digits; d < 3; ++d) millis *= 10;
  }
  if (pos >= text.size()) return bad("missing zone offset (Z or +hh:mm)");
  int offset_minutes = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh, om;
    if (!read_digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad("bad zone offset");
    }
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad("bad zone offset");
  }
  if (pos != text.size()) return bad("trailing characters");
  Timestamp t = sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second} + milliseconds{millis} -
                minutes{offset_minutes};
  return t;
}

}  // namespace sp
