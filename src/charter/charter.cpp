#include "charter/charter.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <set>

namespace sp::charter {
namespace {

constexpr std::int64_t kMaxTargetMinutes = 525600;  // one year
constexpr int kMaxRhythmCount = 1000;

Error field_error(const std::string& field, const std::string& why) {
  return invalid_input(field + ": " + why, field);
}

template <typename Enum, std::size_t N>
Result<Enum> parse_named(std::string_view name, const std::array<std::string_view, N>& names,
                         std::string_view what) {
  for (std::size_t index = 0; index < N; ++index) {
    if (names[index] == name) {
      return static_cast<Enum>(index);
    }
  }
  std::string accepted;
  for (const auto& n : names) {
    accepted += (accepted.empty() ? "" : ", ") + std::string(n);
  }
  return invalid_input("unknown " + std::string(what) + " '" + std::string(name.substr(0, 64)) + "' (use " +
                       accepted + ")");
}

constexpr std::array<std::string_view, 2> kBasisNames = {"business", "calendar"};
constexpr std::array<std::string_view, 2> kComparatorNames = {"at_least", "at_most"};
constexpr std::array<std::string_view, 9> kUnitNames = {"seconds", "minutes", "hours", "percent", "fraction",
                                                        "grade",   "points",  "count", "currency"};
constexpr std::array<std::string_view, 3> kStatisticNames = {"median", "p90", "mean"};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

Result<void> check_text(const LocalText& text, const std::string& field) {
  if (text.text.empty()) {
    return field_error(field, "must not be empty");
  }
  return {};
}

Result<void> check_minutes(std::int64_t minutes, const std::string& field) {
  if (minutes < 1 || minutes > kMaxTargetMinutes) {
    return field_error(field, "must be from 1 to " + std::to_string(kMaxTargetMinutes));
  }
  return {};
}

Result<void> check_threshold(const KpiThreshold& threshold, const std::string& prefix) {
  auto quantity = kpi_quantity(threshold.kpi);
  if (!quantity.ok()) {
    return field_error(prefix + ".kpi", quantity.error().message);
  }
  if (!unit_fits(threshold.unit, *quantity)) {
    return field_error(prefix + ".unit", "unit '" + std::string(to_string(threshold.unit)) +
                                             "' does not fit kpi '" + threshold.kpi + "'");
  }
  const double value = threshold.value;
  const std::string field = prefix + ".value";
  if (!std::isfinite(value)) {
    return field_error(field, "must be a finite number");
  }
  switch (threshold.unit) {
    case Unit::Percent:
      if (value < 0 || value > 100) return field_error(field, "must be from 0 to 100");
      break;
    case Unit::Fraction:
      if (value < 0 || value > 1) return field_error(field, "must be from 0 to 1");
      break;
    case Unit::Grade:
      if (value < 1 || value > 10) return field_error(field, "must be from 1 to 10");
      break;
    case Unit::Points:
      if (value < -100 || value > 100) return field_error(field, "must be from -100 to 100");
      break;
    default:
      if (value < 0) return field_error(field, "must not be negative");
      break;
  }
  return {};
}

}  // namespace

const std::string& LocalText::in(domain::Language language) const {
  const auto& translated = by_language[static_cast<std::size_t>(language)];
  if (translated && !translated->empty()) {
    return *translated;
  }
  return text;
}

bool LocalText::empty() const {
  if (!text.empty()) return false;
  return std::none_of(by_language.begin(), by_language.end(), [](const auto& t) { return t && !t->empty(); });
}

LocalText& LocalText::set(domain::Language language, std::string value) {
  by_language[static_cast<std::size_t>(language)] = std::move(value);
  return *this;
}

std::string_view to_string(TimeBasis basis) {
  return kBasisNames[static_cast<std::size_t>(basis)];
}
Result<TimeBasis> parse_time_basis(std::string_view name) {
  return parse_named<TimeBasis>(name, kBasisNames, "time basis");
}
std::string_view to_string(Comparator comparator) {
  return kComparatorNames[static_cast<std::size_t>(comparator)];
}
Result<Comparator> parse_comparator(std::string_view name) {
  return parse_named<Comparator>(name, kComparatorNames, "comparator");
}
std::string_view to_string(Unit unit) {
  return kUnitNames[static_cast<std::size_t>(unit)];
}
Result<Unit> parse_unit(std::string_view name) {
  return parse_named<Unit>(name, kUnitNames, "unit");
}
std::string_view to_string(PromiseStatistic statistic) {
  return kStatisticNames[static_cast<std::size_t>(statistic)];
}
Result<PromiseStatistic> parse_promise_statistic(std::string_view name) {
  return parse_named<PromiseStatistic>(name, kStatisticNames, "statistic");
}

Result<Quantity> kpi_quantity(std::string_view kpi) {
  static constexpr std::array<std::string_view, 7> kTimes = {
      "first_response_time", "first_response_business_time",
      "next_response_time",  "next_response_business_time",
      "resolution_time",     "resolution_business_time",
      "call_wait_time"};
  static constexpr std::array<std::string_view, 4> kTargets = {"first_response", "next_response",
                                                               "periodic_update", "resolution"};
  for (const auto time : kTimes) {
    if (starts_with(kpi, time) && kpi.size() > time.size() && kpi[time.size()] == '.') {
      const auto stat = kpi.substr(time.size() + 1);
      if (stat == "mean" || stat == "median" || stat == "p90") return Quantity::Duration;
    }
  }
  if (kpi == "average_speed_of_answer") return Quantity::Duration;
  if (kpi == "resolution_rate" || kpi == "first_contact_resolution" || kpi == "reopen_rate" ||
      kpi == "not_helped_share" || kpi == "service_level" || kpi == "abandonment_rate" ||
      kpi == "commitments_kept" || service_level_key_seconds(kpi)) {
    return Quantity::Share;
  }
  if (kpi == "csat") return Quantity::Grade;
  if (kpi == "nps") return Quantity::Points;
  if (kpi == "cost_per_contact") return Quantity::Money;
  if (kpi == "contacts_received" || kpi == "contacts_handled" || kpi == "backlog" ||
      kpi == "major_complaints_late" || kpi == "privacy_incidents") {
    return Quantity::Count;
  }
  if (starts_with(kpi, "external.") && kpi.size() > 9 && kpi.size() <= 64) {
    return Quantity::Count;
  }
  if (starts_with(kpi, "sla.")) {
    for (const auto target : kTargets) {
      const std::string prefix = "sla." + std::string(target) + ".";
      if (starts_with(kpi, prefix)) {
        const auto rest = kpi.substr(prefix.size());
        if (rest == "compliance") return Quantity::Share;
        if (rest == "breaches_minor" || rest == "breaches_major") return Quantity::Count;
      }
    }
  }
  return invalid_input("unknown kpi '" + std::string(kpi.substr(0, 64)) +
                           "' (see charter::kpi_quantity for the accepted keys)",
                       "kpi");
}

std::optional<int> service_level_key_seconds(std::string_view kpi) {
  constexpr std::string_view kPrefix = "service_level.";
  if (!starts_with(kpi, kPrefix)) return std::nullopt;
  const auto digits = kpi.substr(kPrefix.size());
  if (digits.empty() || digits.size() > 4 || digits.front() == '0') return std::nullopt;
  int seconds = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  if (seconds > reporting::kMaxServiceLevelSeconds) return std::nullopt;
  return seconds;
}

bool unit_fits(Unit unit, Quantity quantity) {
  switch (quantity) {
    case Quantity::Duration:
      return unit == Unit::Seconds || unit == Unit::Minutes || unit == Unit::Hours;
    case Quantity::Share:
      return unit == Unit::Percent || unit == Unit::Fraction;
    case Quantity::Grade:
      return unit == Unit::Grade;
    case Quantity::Points:
      return unit == Unit::Points;
    case Quantity::Count:
      return unit == Unit::Count;
    case Quantity::Money:
      return unit == Unit::Currency;
  }
  return false;
}

Result<void> validate(const Charter& charter) {
  SP_TRY(check_text(charter.organisation, "organisation"));
  if (charter.letter_number.empty()) {
    return field_error("letter_number", "must not be empty");
  }
  try {
    (void)date::locate_zone(charter.time_zone);
  } catch (const std::exception&) {
    return field_error("time_zone", "unknown time zone '" + charter.time_zone.substr(0, 64) + "'");
  }
  SP_TRY(check_text(charter.signing_place, "signing.place"));
  if (charter.costs) {
    const auto& c = *charter.costs;
    const bool code = c.currency.size() == 3 && std::all_of(c.currency.begin(), c.currency.end(),
                                                            [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!code) return field_error("costs.currency", "must be an ISO 4217 code such as EUR");
    if (!(c.cost_per_agent_hour >= 0 && c.cost_per_agent_hour <= 1e6)) {
      return field_error("costs.cost_per_agent_hour", "must be between 0 and 1000000");
    }
    if (!(c.agent_minutes_per_handled_contact >= 0 && c.agent_minutes_per_handled_contact <= 1440)) {
      return field_error("costs.agent_minutes_per_handled_contact", "must be between 0 and 1440");
    }
  }
  {
    unsigned year = 0, month = 0, day = 0;
    char tail = 0;
    const bool shaped =
        charter.signing_date.size() == 10 &&
        std::sscanf(charter.signing_date.c_str(), "%4u-%2u-%2u%c", &year, &month, &day, &tail) == 3;
    const date::year_month_day ymd{date::year{static_cast<int>(year)}, date::month{month}, date::day{day}};
    if (!shaped || !ymd.ok() || charter.signing_date[4] != '-' || charter.signing_date[7] != '-') {
      return field_error("signing.date", "must be a date YYYY-MM-DD");
    }
  }
  SP_TRY(check_text(charter.signatory.name, "signing.signatory.name"));
  SP_TRY(check_text(charter.signatory.title, "signing.signatory.title"));

  for (std::size_t index = 0; index < charter.contacts.size(); ++index) {
    if (charter.contacts[index].address.empty()) {
      return field_error("contacts[" + std::to_string(index) + "].address", "must not be empty");
    }
  }
  std::set<domain::Channel> channels;
  for (std::size_t index = 0; index < charter.promises.size(); ++index) {
    const auto& promise = charter.promises[index];
    const std::string prefix = "promises[" + std::to_string(index) + "]";
    if (!channels.insert(promise.channel).second) {
      return field_error(prefix + ".channel", "channel '" + std::string(domain::to_string(promise.channel)) +
                                                  "' has more than one promise");
    }
    SP_TRY(check_minutes(promise.first_response.minutes, prefix + ".first_response.minutes"));
    SP_TRY(check_minutes(promise.resolution.minutes, prefix + ".resolution.minutes"));
    if (promise.calendar_id.empty() && (promise.first_response.basis == TimeBasis::Business ||
                                        promise.resolution.basis == TimeBasis::Business)) {
      return field_error(prefix + ".calendar_id", "is required for business-time targets");
    }
  }
  for (std::size_t index = 0; index < charter.thresholds.size(); ++index) {
    SP_TRY(check_threshold(charter.thresholds[index], "thresholds[" + std::to_string(index) + "]"));
  }
  SP_TRY(check_minutes(charter.major_complaint_response_minutes, "major_complaint_response_minutes"));
  if (const auto overrun = charter.breach_rules.major_overrun_percent) {
    if (!std::isfinite(*overrun) || *overrun < 0 || *overrun > 10000) {
      return field_error("breach_rules.major_overrun_percent", "must be from 0 to 10000");
    }
  }
  for (std::size_t index = 0; index < charter.breach_rules.major_categories.size(); ++index) {
    if (charter.breach_rules.major_categories[index].empty()) {
      return field_error("breach_rules.major_categories[" + std::to_string(index) + "]", "must not be empty");
    }
  }
  SP_TRY(check_text(charter.complaint_route.negotiation_contact, "complaint_route.negotiation_contact"));
  if (charter.complaint_route.negotiation_days < 1 || charter.complaint_route.negotiation_days > 365) {
    return field_error("complaint_route.negotiation_days", "must be from 1 to 365");
  }
  SP_TRY(check_text(charter.complaint_route.arbitration_body, "complaint_route.arbitration_body"));
  SP_TRY(check_text(charter.complaint_route.court, "complaint_route.court"));
  SP_TRY(check_text(charter.complaint_route.governing_law, "complaint_route.governing_law"));

  const Rhythm& rhythm = charter.rhythm;
  if (rhythm.daily_self_check_minute < 0 || rhythm.daily_self_check_minute >= 24 * 60) {
    return field_error("rhythm.daily_self_check_time", "must be a time HH:MM");
  }
  const std::array<std::pair<const char*, int>, 7> counts = {{
      {"rhythm.self_checks_per_day", rhythm.self_checks_per_day},
      {"rhythm.weekly_feedback_summaries", rhythm.weekly_feedback_summaries},
      {"rhythm.monthly_trainings", rhythm.monthly_trainings},
      {"rhythm.quarterly_drills", rhythm.quarterly_drills},
      {"rhythm.daily_qa_samples", rhythm.daily_qa_samples},
      {"rhythm.monthly_mystery_shops", rhythm.monthly_mystery_shops},
      {"rhythm.semiannual_quality_reports", rhythm.semiannual_quality_reports},
  }};
  for (const auto& [field, count] : counts) {
    if (count < 0 || count > kMaxRhythmCount) {
      return field_error(field, "must be from 0 to " + std::to_string(kMaxRhythmCount));
    }
  }
  if (charter.languages.empty()) {
    return field_error("languages", "must name at least one language");
  }
  std::set<domain::Language> languages(charter.languages.begin(), charter.languages.end());
  if (languages.size() != charter.languages.size()) {
    return field_error("languages", "must not name a language twice");
  }
  return {};
}

std::optional<reporting::CostModel> to_cost_model(const Charter& charter) {
  if (!charter.costs) return std::nullopt;
  return reporting::CostModel{charter.costs->cost_per_agent_hour,
                              charter.costs->agent_minutes_per_handled_contact};
}

reporting::BreachRules to_reporting_rules(const Charter& charter) {
  reporting::BreachRules rules;
  rules.major_categories = charter.breach_rules.major_categories;
  rules.major_priorities = charter.breach_rules.major_priorities;
  rules.major_overrun_fraction.reset();
  if (charter.breach_rules.major_overrun_percent) {
    rules.major_overrun_fraction = *charter.breach_rules.major_overrun_percent / 100.0;
  }
  rules.major_complaint_response_minutes = charter.major_complaint_response_minutes;
  return rules;
}

std::string format_minute_of_day(int minute_of_day) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", (minute_of_day / 60) % 100, minute_of_day % 60);
  return text;
}

Result<int> parse_minute_of_day(std::string_view text) {
  auto digit = [&](std::size_t at) { return text[at] >= '0' && text[at] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return invalid_input("must be a time HH:MM");
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) {
    return invalid_input("must be a time HH:MM");
  }
  return hours * 60 + minutes;
}

Charter example_charter() {
  using domain::Channel;
  using domain::Language;
  Charter charter;
  charter.organisation = LocalText("Klantenservice Voorbeeld B.V.")
                             .set(Language::En, "Example Customer Service Ltd.")
                             .set(Language::Zh, "示例客户服务有限公司");
  charter.letter_number = "SP-2026-001";
  charter.time_zone = "Europe/Amsterdam";
  charter.costs = Costs{"EUR", 42.0, 9.0};
  charter.signing_place = LocalText("Utrecht").set(Language::Zh, "乌得勒支");
  charter.signing_date = "2026-11-23";
  charter.signatory.name = "J. de Vries";
  charter.signatory.title = LocalText("Directeur Klantenservice")
                                .set(Language::En, "Director of Customer Service")
                                .set(Language::Zh, "客服总监");
  charter.contacts = {
      {Channel::Email, "service@voorbeeld.nl", LocalText("binnen kantooruren")},
      {Channel::Phone, "+31 30 123 4567",
       LocalText("ma-vr 08:00-20:00")
           .set(Language::En, "Mon-Fri 08:00-20:00")
           .set(Language::Zh, "周一至周五 08:00-20:00")},
  };
  charter.promises = {
      {Channel::Email, {8 * 60, TimeBasis::Business}, {3 * 24 * 60, TimeBasis::Calendar}, "office-hours"},
      {Channel::Phone, {2, TimeBasis::Calendar}, {2 * 24 * 60, TimeBasis::Calendar}, ""},
  };
  charter.thresholds = {
      {"first_response_time.median", Comparator::AtMost, 60, Unit::Minutes, std::nullopt},
      {"resolution_rate", Comparator::AtLeast, 85, Unit::Percent, std::nullopt},
      {"csat", Comparator::AtLeast, 8, Unit::Grade, std::nullopt},
      {"privacy_incidents", Comparator::AtMost, 0, Unit::Count, std::nullopt},
  };
  charter.complaint_route.negotiation_contact = LocalText("het hoofd klantenservice")
                                                    .set(Language::En, "the head of customer service")
                                                    .set(Language::Zh, "客服部门负责人");
  charter.complaint_route.negotiation_days = 30;
  charter.complaint_route.arbitration_body = LocalText("De Geschillencommissie")
                                                 .set(Language::En, "the Dutch Disputes Committee")
                                                 .set(Language::Zh, "荷兰争议委员会");
  charter.complaint_route.court = LocalText("Rechtbank Midden-Nederland")
                                      .set(Language::En, "the District Court of Central Netherlands")
                                      .set(Language::Zh, "荷兰中部地区法院");
  charter.complaint_route.governing_law =
      LocalText("Nederlands recht").set(Language::En, "Dutch law").set(Language::Zh, "荷兰法律");
  return charter;
}

}  // namespace sp::charter
