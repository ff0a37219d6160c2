#include "conduct/promises.hpp"

#include <date/tz.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "sla/business_time.hpp"

namespace sp::conduct {

namespace {

using domain::Language;
using std::chrono::days;
using std::chrono::local_days;

// What a time expression means, before it is resolved against a date and a calendar.
enum class When {
  DayOffset,           // today (0), tomorrow (1), the day after (2): that whole local day
  WithinClock,         // within N minutes/hours: [now, now + N)
  WithinDays,          // within N calendar days: until the end of today + N
  WithinBusinessDays,  // within N business days: until the end of the Nth open day after today
  OnWeekday,           // on Friday: that whole day
  ByWeekday,           // by Friday: until the end of that day
  BeforeWeekday,       // before Friday: until the start of that day
  EndOfWeek,           // this week (0), next week (1): until the end of that ISO week
};

struct TimeExpr {
  When when = When::DayOffset;
  int amount = 0;          // days, weeks or business days
  Duration length{0};      // WithinClock
  int weekday = 0;         // 0 = Monday
  bool next_week = false;  // zh 下周一: the weekday of next ISO week
  Span span;
};

const std::set<std::string_view> kEnActions = {
    "call",    "ring",    "phone",  "contact", "reply",    "respond",  "answer", "send",    "email",
    "e-mail",  "mail",    "get",    "let",     "update",   "inform",   "follow", "fix",     "resolve",
    "solve",   "refund",  "repair", "deliver", "arrange",  "come",     "check",  "look",    "investigate",
    "process", "return",  "hear",   "receive", "be",       "ship",     "credit", "replace", "sort",
    "notify",  "confirm", "visit",  "pay",     "transfer", "escalate", "handle", "reach"};
const std::set<std::string_view> kNlActions = {
    "bel",        "bellen",     "belt",         "terugbellen", "nabellen",  "neem",      "nemen",
    "neemt",      "stuur",      "sturen",       "stuurt",      "versturen", "verstuur",  "opsturen",
    "mail",       "mailen",     "mailt",        "mailen",      "reageer",   "reageren",  "antwoord",
    "antwoorden", "beantwoord", "beantwoorden", "regel",       "regelen",   "betaal",    "betalen",
    "stort",      "storten",    "terugbetalen", "repareer",    "repareren", "herstel",   "herstellen",
    "lever",      "leveren",    "informeer",    "informeren",  "los",       "lossen",    "oplossen",
    "zorg",       "zorgen",     "zoek",         "zoeken",      "uitzoeken", "bekijk",    "bekijken",
    "kijk",       "kijken",     "verwerk",      "verwerken",   "vervang",   "vervangen", "behandel",
    "behandelen", "crediteer",  "crediteren",   "kom",         "komen",     "komt",      "laat",
    "laten",      "houd",       "hou",          "houden",      "hoort",     "ontvangt",  "krijgt"};
// Verbs that only promise with a particle elsewhere in the sentence.
bool nl_needs_particle(std::string_view verb, const std::vector<std::string_view>& words) {
  auto has = [&](std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  if (verb == "kom" || verb == "komen" || verb == "komt")
    return !has("terug") && !has("erop") && !has("langs");
  if (verb == "laat" || verb == "laten") return !has("weten");
  if (verb == "houd" || verb == "hou" || verb == "houden") return !has("hoogte");
  if (verb == "neem" || verb == "nemen" || verb == "neemt") return !has("contact") && !has("op");
  if (verb == "kijk" || verb == "kijken") return !has("naar");
  return false;
}

int word_number(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kEn = {"zero", "one",    "two",   "three", "four",
                                                           "five", "six",    "seven", "eight", "nine",
                                                           "ten",  "eleven", "twelve"};
  static constexpr std::array<std::string_view, 13> kNl = {
      "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"};
  if (word == "a" || word == "an" || word == "een" || word == "1") return 1;
  for (std::size_t idx = 0; idx < kEn.size(); ++idx) {
    if (word == kEn[idx] || word == kNl[idx]) return static_cast<int>(idx);
  }
  if (!word.empty() && word.size() <= 3 &&
      std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int value = 0;
    for (char c : word) value = value * 10 + (c - '0');
    return value;
  }
  return -1;
}

int weekday_of(std::string_view word, Language language) {
  static constexpr std::array<std::string_view, 7> kEn = {"monday", "tuesday",  "wednesday", "thursday",
                                                          "friday", "saturday", "sunday"};
  static constexpr std::array<std::string_view, 7> kNl = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                                          "vrijdag", "zaterdag", "zondag"};
  const auto& names = language == Language::Nl ? kNl : kEn;
  for (std::size_t idx = 0; idx < 7; ++idx) {
    // "maandagochtend", "friday's" count too.
    if (word.starts_with(names[idx])) return static_cast<int>(idx);
  }
  return -1;
}

// The time expression among tokens [first, last) of a nl or en sentence.
std::optional<TimeExpr> latin_time(const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                                   Language language) {
  bool nl = language == Language::Nl;
  auto word = [&](std::size_t idx) -> std::string_view {
    return idx < last ? std::string_view(tokens[idx].norm) : std::string_view();
  };
  for (std::size_t idx = first; idx < last; ++idx) {
    std::string_view w = word(idx);
    TimeExpr expr;
    expr.span = {tokens[idx].start, tokens[idx].end};
    auto extend = [&](std::size_t through) { expr.span.end = tokens[std::min(through, last - 1)].end; };
    if (w == (nl ? "vandaag" : "today") || w == (nl ? "vanmiddag" : "tonight") ||
        w == (nl ? "vanavond" : "tonight") ||
        (!nl && (w == "this") &&
         (word(idx + 1) == "afternoon" || word(idx + 1) == "evening" || word(idx + 1) == "morning"))) {
      expr.when = When::DayOffset;
      expr.amount = 0;
      if (w == "this") extend(idx + 1);
      return expr;
    }
    if (!nl && w == "end" && word(idx + 1) == "of" && (word(idx + 2) == "day" || word(idx + 3) == "day")) {
      expr.when = When::DayOffset;
      expr.amount = 0;
      extend(word(idx + 2) == "day" ? idx + 2 : idx + 3);
      return expr;
    }
    if (nl ? (w == "overmorgen") : (w == "day" && word(idx + 1) == "after" && word(idx + 2) == "tomorrow")) {
      expr.when = When::DayOffset;
      expr.amount = 2;
      if (!nl) extend(idx + 2);
      return expr;
    }
    if (nl ? (w == "morgen" || w.starts_with("morgenochtend") || w.starts_with("morgenmiddag") ||
              w.starts_with("morgenavond"))
           : w == "tomorrow") {
      expr.when = When::DayOffset;
      expr.amount = 1;
      return expr;
    }
    if (w == (nl ? "binnen" : "within") || (!nl && w == "in" && word_number(word(idx + 1)) > 0)) {
      int amount = word_number(word(idx + 1));
      std::size_t unit_idx = idx + 2;
      if (amount < 0 && (word(idx + 1) == "the" || word(idx + 1) == "het")) {  // "within the hour"
        amount = 1;
      }
      if (amount <= 0) continue;
      bool business = false;
      std::string_view unit = word(unit_idx);
      if (unit == "business" || unit == "working") {
        business = true;
        unit = word(++unit_idx);
      }
      if (unit.empty()) continue;
      expr.span.end = tokens[std::min(unit_idx, last - 1)].end;
      if (unit.starts_with("minu") || unit == "min" || unit == "mins") {
        expr.when = When::WithinClock;
        expr.length = std::chrono::minutes(amount);
      } else if (unit == "hour" || unit == "hours" || unit == "hrs" || unit == "uur" || unit == "uren") {
        expr.when = When::WithinClock;
        expr.length = std::chrono::hours(amount);
      } else if (unit.starts_with("werkdag") || unit == "workday" || unit == "workdays" ||
                 (business && (unit == "day" || unit == "days"))) {
        expr.when = When::WithinBusinessDays;
        expr.amount = amount;
      } else if (unit == "day" || unit == "days" || unit == "dag" || unit == "dagen") {
        expr.when = When::WithinDays;
        expr.amount = amount;
      } else if (unit == "week" || unit == "weeks" || unit == "weken") {
        expr.when = When::WithinDays;
        expr.amount = 7 * amount;
      } else {
        continue;
      }
      return expr;
    }
    int weekday = weekday_of(w, language);
    if (weekday >= 0) {
      expr.when = When::OnWeekday;
      expr.weekday = weekday;
      if (idx > first) {
        std::string_view before = word(idx - 1);
        std::size_t from = idx - 1;
        if (before == "next" || before == "this" || before == "coming" || before == "aanstaande" ||
            before == "komende" || before == "volgende" || before == "op" || before == "on") {
          before = from > first ? word(from - 1) : std::string_view();
          if (before.empty() || word(from) == "on" || word(from) == "op") {
            expr.span.start = tokens[from].start;
          } else {
            from = from - 1;
          }
        }
        if (before == "by" || before == "uiterlijk" || before == "until" || before == "tot") {
          expr.when = When::ByWeekday;
          expr.span.start = tokens[from].start;
        } else if (before == "before" || before == "vóór" || before == "voor") {
          expr.when = When::BeforeWeekday;
          expr.span.start = tokens[from].start;
        }
      }
      return expr;
    }
    if ((w == "this" || w == "deze" || w == "next" || w == "volgende" || w == "komende") &&
        word(idx + 1) == "week") {
      expr.when = When::EndOfWeek;
      expr.amount = (w == "this" || w == "deze") ? 0 : 1;
      extend(idx + 1);
      return expr;
    }
  }
  return std::nullopt;
}

// The promise in a nl or en sentence: true when it commits us to an action.
bool latin_promise(const std::vector<Token>& tokens, std::size_t first, std::size_t last, Language language,
                   bool has_time) {
  std::vector<std::string_view> words;
  for (std::size_t idx = first; idx < last; ++idx) words.push_back(tokens[idx].norm);
  auto at = [&](std::size_t idx) -> std::string_view {
    return idx < words.size() ? words[idx] : std::string_view();
  };
  if (language == Language::En) {
    for (std::size_t idx = 0; idx < words.size(); ++idx) {
      std::size_t action_from = 0;
      std::string_view w = words[idx];
      if (w == "we'll" || w == "i'll") {
        action_from = idx + 1;
      } else if ((w == "we" || w == "i") && (at(idx + 1) == "will" || at(idx + 1) == "shall")) {
        action_from = idx + 2;
      } else if ((w == "we" || w == "i") && (at(idx + 1) == "are" || at(idx + 1) == "am") &&
                 at(idx + 2) == "going" && at(idx + 3) == "to") {
        action_from = idx + 4;
      } else if ((w == "you'll" || (w == "you" && at(idx + 1) == "will")) &&
                 (at(idx + 1) == "hear" || at(idx + 2) == "hear" || at(idx + 1) == "receive" ||
                  at(idx + 2) == "receive" || at(idx + 1) == "get" || at(idx + 2) == "get")) {
        return true;
      } else if ((w == "we" || w == "i") && has_time && words.size() > idx + 1 &&
                 kEnActions.contains(at(idx + 1)) && at(idx + 1) != "be" && at(idx + 1) != "get") {
        action_from = idx + 1;  // "we call you back tomorrow"
      } else {
        continue;
      }
      for (std::size_t look = action_from; look < std::min(words.size(), action_from + 6); ++look) {
        std::string_view next = words[look];
        if (next == "not" || next == "never" || (next == "be" && at(look + 1) == "closed")) break;
        if (next == "be" && at(look + 1) != "in" && at(look + 1) != "able") continue;
        if (kEnActions.contains(next)) return true;
      }
    }
    return false;
  }
  // Dutch: a first-person pronoun next to an action verb (either order: "morgen bellen wij u"),
  // or with a modal ("ik zal u morgen terugbellen") anywhere before the verb.
  bool negated = std::find(words.begin(), words.end(), "niet") != words.end();
  if (negated) return false;
  for (std::size_t idx = 0; idx < words.size(); ++idx) {
    std::string_view w = words[idx];
    if (w != "we" && w != "wij" && w != "ik" && w != "u") continue;
    if (w == "u") {
      // "u hoort van ons", "u ontvangt binnen 2 werkdagen" (with a date: a delivery promise).
      std::string_view verb =
          idx > 0 && (at(idx - 1) == "hoort" || at(idx - 1) == "ontvangt" || at(idx - 1) == "krijgt")
              ? at(idx - 1)
              : at(idx + 1);
      if (verb == "hoort") return std::find(words.begin(), words.end(), "ons") != words.end();
      if ((verb == "ontvangt" || verb == "krijgt") && has_time) return true;
      continue;
    }
    bool modal =
        at(idx + 1) == "zal" || at(idx + 1) == "zullen" || at(idx + 1) == "ga" || at(idx + 1) == "gaan";
    std::size_t from = idx >= 2 ? idx - 2 : 0;
    std::size_t to = modal ? words.size() : std::min(words.size(), idx + 3);
    for (std::size_t look = from; look < to; ++look) {
      if (look == idx) continue;
      std::string_view verb = words[look];
      if (verb == "hoort" || verb == "ontvangt" || verb == "krijgt") continue;
      if (kNlActions.contains(verb) && !nl_needs_particle(verb, words)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Chinese: scanned on code points (ICU splits numbers and units too finely for this).

bool contains(const std::u32string& cps, Span span, std::u32string_view needle,
              std::size_t* found = nullptr) {
  std::u32string_view hay(cps.data() + span.start, span.end - span.start);
  auto at = hay.find(needle);
  if (at == std::u32string_view::npos) return false;
  if (found != nullptr) *found = span.start + at;
  return true;
}

int zh_digit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"零一二三四五六七八九";
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c == U'两') return 2;
  auto at = kDigits.find(c);
  return at == std::u32string_view::npos ? -1 : static_cast<int>(at);
}

int zh_weekday(char32_t c) {
  static constexpr std::u32string_view kDays = U"一二三四五六日";
  if (c == U'天') return 6;
  auto at = kDays.find(c);
  return at == std::u32string_view::npos ? -1 : static_cast<int>(at);
}

std::optional<TimeExpr> chinese_time(const std::u32string& cps, Span sentence) {
  TimeExpr expr;
  std::size_t at = 0;
  auto starts = [&](std::size_t pos, std::u32string_view word) {
    return pos + word.size() <= sentence.end && std::u32string_view(cps.data() + pos, word.size()) == word;
  };
  for (std::size_t pos = sentence.start; pos < sentence.end; ++pos) {
    for (auto [word, offset] : {std::pair<std::u32string_view, int>{U"今天", 0},
                                {U"今日", 0},
                                {U"今晚", 0},
                                {U"明天", 1},
                                {U"明日", 1},
                                {U"后天", 2}}) {
      if (starts(pos, word)) {
        expr.when = When::DayOffset;
        expr.amount = offset;
        expr.span = {pos, pos + word.size()};
        return expr;
      }
    }
    // 下周一, 下星期五, 本周三前, 周五前, 星期一
    bool next = false;
    std::size_t day_pos = pos;
    std::size_t start = pos;
    if (starts(pos, U"下")) {
      next = true;
      ++day_pos;
    } else if (starts(pos, U"本") || starts(pos, U"这")) {
      ++day_pos;
    }
    std::size_t prefix = starts(day_pos, U"周")                                 ? 1
                         : starts(day_pos, U"星期") || starts(day_pos, U"礼拜") ? 2
                                                                                : 0;
    if (prefix > 0 && (next || day_pos == pos || day_pos == pos + 1)) {
      std::size_t after = day_pos + prefix;
      int weekday = after < sentence.end ? zh_weekday(cps[after]) : -1;
      if (weekday >= 0 && !(prefix == 1 && cps[after] == U'天')) {
        expr.weekday = weekday;
        expr.next_week = next;
        expr.when = When::OnWeekday;
        std::size_t end = after + 1;
        if (starts(end, U"前") || starts(end, U"之前") || starts(end, U"以前")) {
          expr.when = When::BeforeWeekday;
          end += starts(end, U"前") ? 1 : 2;
        }
        expr.span = {start, end};
        return expr;
      }
      if (starts(day_pos + prefix, U"内") || starts(day_pos + prefix, U"之内")) {
        expr.when = When::EndOfWeek;
        expr.amount = next ? 1 : 0;
        expr.span = {start, day_pos + prefix + 1};
        return expr;
      }
    }
    // N小时内, N个工作日内, N天内, N分钟内
    int number = zh_digit(cps[pos]);
    if (number < 0) continue;
    std::size_t cursor = pos;
    int amount = 0;
    bool too_long = false;  // a phone or order number, not a promised duration (nor an int overflow)
    while (cursor < sentence.end && zh_digit(cps[cursor]) >= 0) {
      if (amount > 9999) too_long = true;
      if (!too_long) amount = amount * 10 + zh_digit(cps[cursor]);
      ++cursor;
    }
    if (too_long) {
      pos = cursor - 1;
      continue;
    }
    if (cursor < sentence.end && cps[cursor] == U'十') {  // 十, 二十
      amount = (amount == 0 ? 1 : amount) * 10;
      ++cursor;
      if (cursor < sentence.end && zh_digit(cps[cursor]) > 0) amount += zh_digit(cps[cursor++]);
    }
    if (cursor < sentence.end && cps[cursor] == U'个') ++cursor;
    std::size_t unit = cursor;
    std::size_t unit_length = 0;
    if (starts(unit, U"小时")) {
      expr.when = When::WithinClock;
      expr.length = std::chrono::hours(amount);
      unit_length = 2;
    } else if (starts(unit, U"分钟")) {
      expr.when = When::WithinClock;
      expr.length = std::chrono::minutes(amount);
      unit_length = 2;
    } else if (starts(unit, U"工作日")) {
      expr.when = When::WithinBusinessDays;
      expr.amount = amount;
      unit_length = 3;
    } else if (starts(unit, U"天") || starts(unit, U"日")) {
      expr.when = When::WithinDays;
      expr.amount = amount;
      unit_length = 1;
    } else {
      pos = cursor;
      continue;
    }
    std::size_t end = unit + unit_length;
    if (!(starts(end, U"内") || starts(end, U"之内") || starts(end, U"以内"))) {
      pos = cursor;
      continue;
    }
    end += starts(end, U"内") ? 1 : 2;
    expr.span = {pos, end};
    (void)at;
    return expr;
  }
  return std::nullopt;
}

bool chinese_promise(const std::u32string& cps, Span sentence, bool has_time) {
  for (auto word : {U"不会", U"无法", U"不能", U"没法", U"已经", U"已为", U"已于", U"已将"}) {
    if (contains(cps, sentence, std::u32string_view(word))) return false;
  }
  if (contains(cps, sentence, U"您将收到") || contains(cps, sentence, U"您会收到")) return true;
  // The subject comes before the action: "我们会联系您" promises, "请联系我们" does not.
  std::size_t first_subject = sentence.end;
  for (auto word : {U"我们", U"我", U"客服", U"工作人员", U"同事", U"本公司", U"专员", U"师傅"}) {
    std::size_t at = 0;
    if (contains(cps, sentence, std::u32string_view(word), &at)) first_subject = std::min(first_subject, at);
  }
  if (first_subject == sentence.end) return false;
  // The action and its modal belong to the subject's clause: in "由于...与我们技术人员...不一致，
  // 所以...就会中断，...更换..." the later clauses describe, they promise nothing.
  std::size_t clause_end = first_subject;
  while (clause_end < sentence.end && cps[clause_end] != U'，' && cps[clause_end] != U'；' &&
         cps[clause_end] != ',' && cps[clause_end] != ';')
    ++clause_end;
  bool action = false;
  Span after_subject{first_subject, clause_end};
  for (auto word : {U"回电", U"致电", U"联系", U"回复",   U"答复", U"处理",   U"发送", U"寄出", U"寄送",
                    U"解决", U"退款", U"通知", U"打电话", U"回访", U"跟进",   U"安排", U"上门", U"核实",
                    U"反馈", U"告知", U"补发", U"更换",   U"维修", U"给您回", U"退还", U"发给", U"寄给"}) {
    if (contains(cps, after_subject, std::u32string_view(word))) action = true;
  }
  if (!action) return false;
  if (has_time) return true;
  for (auto word : {U"会", U"将", U"尽快", U"马上", U"稍后", U"一定"}) {
    if (contains(cps, Span{sentence.start, clause_end}, std::u32string_view(word))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Resolution

const date::time_zone* zone_named(const std::string& name) {
  try {
    return date::locate_zone(name.empty() ? "UTC" : name);
  } catch (const std::exception&) {
    return date::locate_zone("UTC");
  }
}

Timestamp start_of(const date::time_zone* zone, local_days day) {
  return std::chrono::time_point_cast<Duration>(
      zone->to_sys(date::local_days{day.time_since_epoch()}, date::choose::earliest));
}

std::string format_day(local_days day) {
  return sla::format_local_date(std::chrono::year_month_day{std::chrono::sys_days{day.time_since_epoch()}});
}

int iso_weekday(local_days day) {
  // 1970-01-01 was a Thursday (index 3).
  auto count = day.time_since_epoch().count();
  return static_cast<int>(((count % 7) + 7 + 3) % 7);
}

// True when the calendar has at least `needed` business seconds in [from, to).
bool open_enough(const sla::BusinessCalendar& calendar, Timestamp from, Timestamp to, std::int64_t needed) {
  auto seconds = sla::business_seconds(calendar, from, to);
  return seconds && *seconds >= needed;
}

void resolve(const TimeExpr& expr, const CheckContext& context, PromiseMatch& promise) {
  std::string zone_name = context.customer_zone;
  if (zone_name.empty() && context.calendar) zone_name = context.calendar->time_zone();
  const date::time_zone* zone = zone_named(zone_name);
  auto local_now = zone->to_local(context.now);
  local_days today{std::chrono::floor<days>(local_now).time_since_epoch()};
  Timestamp window_start = context.now;
  Timestamp due = context.now;
  bool whole_day = false;
  local_days day = today;
  switch (expr.when) {
    case When::DayOffset:
      day = today + days(expr.amount);
      window_start = expr.amount == 0 ? context.now : start_of(zone, day);
      due = start_of(zone, day + days(1));
      whole_day = expr.amount > 0;
      break;
    case When::WithinClock:
      due = context.now + expr.length;
      break;
    case When::WithinDays:
      due = start_of(zone, today + days(expr.amount + 1));
      break;
    case When::WithinBusinessDays: {
      // The end of the Nth day after today on which the calendar opens.
      int found = 0;
      day = today;
      for (int step = 1; step <= 366 && found < expr.amount; ++step) {
        day = today + days(step);
        if (!context.calendar) {
          ++found;
          continue;
        }
        if (open_enough(*context.calendar, start_of(zone, day), start_of(zone, day + days(1)), 1)) ++found;
      }
      due = start_of(zone, day + days(1));
      break;
    }
    case When::OnWeekday:
    case When::ByWeekday:
    case When::BeforeWeekday: {
      int today_weekday = iso_weekday(today);
      if (expr.next_week) {
        day = today - days(today_weekday) + days(7 + expr.weekday);
      } else {
        int ahead = (expr.weekday - today_weekday + 7) % 7;
        day = today + days(ahead == 0 ? 7 : ahead);
      }
      if (expr.when == When::BeforeWeekday) {
        due = start_of(zone, day);
      } else {
        due = start_of(zone, day + days(1));
        if (expr.when == When::OnWeekday) {
          window_start = start_of(zone, day);
          whole_day = true;
        }
      }
      break;
    }
    case When::EndOfWeek: {
      int today_weekday = iso_weekday(today);
      day = today - days(today_weekday) + days(7 * (expr.amount + 1));
      due = start_of(zone, day);
      break;
    }
  }
  promise.due_at = due;
  if (!context.calendar || due <= window_start) return;
  const auto& calendar = *context.calendar;
  if (whole_day) {
    if (!open_enough(calendar, window_start, due, 1)) {
      promise.unkeepable_rule = "closed-day";
      promise.unkeepable_detail = format_day(day);
    }
    return;
  }
  // A deadline is kept by work done while open: it needs half of its window, at most an hour,
  // of business time ("binnen 2 uur" at 16:30 with closing at 17:00 cannot be kept).
  auto window_seconds = std::chrono::duration_cast<std::chrono::seconds>(due - window_start).count();
  std::int64_t needed = std::min<std::int64_t>(window_seconds / 2, 3600);
  if (!open_enough(calendar, window_start, due, std::max<std::int64_t>(needed, 1))) {
    promise.unkeepable_rule =
        expr.when == When::DayOffset && expr.amount == 0 ? "closed-day" : "outside-opening-hours";
    promise.unkeepable_detail = expr.when == When::DayOffset ? format_day(day) : format_rfc3339(due);
  }
}

}  // namespace

std::vector<PromiseMatch> find_promises(const ScannedText& text, Language language,
                                        const CheckContext& context) {
  std::vector<PromiseMatch> out;
  for (const Span& sentence : text.sentences) {
    // A question offers ("shall we call you tomorrow?"); it does not promise.
    char32_t last_char = text.code_points[sentence.end - 1];
    if (last_char == '?' || last_char == 0xFF1F) continue;
    std::optional<TimeExpr> time;
    bool promise = false;
    if (language == Language::Zh) {
      time = chinese_time(text.code_points, sentence);
      promise = chinese_promise(text.code_points, sentence, time.has_value());
    } else {
      std::size_t first = first_token_at(text.tokens, sentence.start);
      std::size_t last = first_token_at(text.tokens, sentence.end);
      if (first == last) continue;
      time = latin_time(text.tokens, first, last, language);
      promise = latin_promise(text.tokens, first, last, language, time.has_value());
    }
    if (!promise) continue;
    PromiseMatch match;
    match.sentence = sentence;
    if (time) {
      match.time = time->span;
      resolve(*time, context, match);
    }
    out.push_back(std::move(match));
  }
  return out;
}

}  // namespace sp::conduct
