// The service charter of a tenant (issue 8, DESIGN.md capability 6): who promises what to whom,
// configured once and used by the letter, the public page, the evaluation and the reports.
//
// A charter holds the organisation and the signing (place, date, signatory), contact channels,
// per-channel time promises (first response and resolution, in business or calendar time of an
// opening-hours calendar), KPI thresholds over the reporting core's figures, the major-complaint
// response time, the minor/major breach rules, the complaint route (negotiation, then
// arbitration, then litigation), the rhythm of self-checks and reports taken from the Chinese
// commitment letter, and the languages offered.
//
// Free text that a reader sees (names, places, titles) is a LocalText: one default text plus
// optional nl/en/zh versions, so the zh letter can name the arbitration body in Chinese.
// Pure value types; validate() is the single authority on what a valid charter is.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"
#include "reporting/kpi.hpp"

namespace sp::charter {

// Text with optional translations. in(lang) returns the translation or the default.
struct LocalText {
  std::string text;                                       // default, used when no translation
  std::array<std::optional<std::string>, 3> by_language;  // indexed by domain::Language

  LocalText() = default;
  LocalText(std::string default_text) : text(std::move(default_text)) {}  // NOLINT: implicit
  LocalText(const char* default_text) : text(default_text) {}             // NOLINT: implicit

  const std::string& in(domain::Language language) const;
  // True when neither the default nor any translation has text.
  bool empty() const;
  LocalText& set(domain::Language language, std::string value);
  friend bool operator==(const LocalText&, const LocalText&) = default;
};

// Stable names: "business", "calendar".
enum class TimeBasis { Business, Calendar };
std::string_view to_string(TimeBasis basis);
Result<TimeBasis> parse_time_basis(std::string_view name);

struct TimeTarget {
  std::int64_t minutes = 0;
  TimeBasis basis = TimeBasis::Business;
  friend bool operator==(const TimeTarget&, const TimeTarget&) = default;
};

// A time promise for one channel, measured on that channel's tickets.
struct ChannelPromise {
  domain::Channel channel = domain::Channel::Email;
  TimeTarget first_response;
  TimeTarget resolution;
  std::string calendar_id;  // the opening-hours calendar (sla::BusinessCalendar) of the channel
  friend bool operator==(const ChannelPromise&, const ChannelPromise&) = default;
};

struct ContactChannel {
  domain::Channel channel = domain::Channel::Email;
  std::string address;  // "service@example.nl", "+31 30 123 4567", "https://…/chat"
  LocalText hours;      // as told to customers: "ma-vr 08:00-20:00"; may be empty
  friend bool operator==(const ContactChannel&, const ContactChannel&) = default;
};

// Stable names: "at_least", "at_most".
enum class Comparator { AtLeast, AtMost };
std::string_view to_string(Comparator comparator);
Result<Comparator> parse_comparator(std::string_view name);

// Stable names: "seconds", "minutes", "hours", "percent", "fraction", "grade", "points",
// "count", "currency".
enum class Unit { Seconds, Minutes, Hours, Percent, Fraction, Grade, Points, Count, Currency };
std::string_view to_string(Unit unit);
Result<Unit> parse_unit(std::string_view name);

// What a KPI key measures, which decides the units it may be stated in.
enum class Quantity { Duration, Share, Grade, Points, Count, Money };

// The KPI keys a threshold may name (the reporting core's JSON names, with a statistic where
// the figure is a summary), and the quantity of each:
//   <time>.mean|median|p90 for first_response_time, first_response_business_time,
//     next_response_time, next_response_business_time, resolution_time,
//     resolution_business_time                                          (Duration)
//   resolution_rate, first_contact_resolution, reopen_rate, not_helped_share,
//   sla.<target>.compliance for first_response|next_response|periodic_update|resolution (Share)
//   call_wait_time.mean|median|p90, average_speed_of_answer               (Duration)
//   service_level (at the tenant's threshold), service_level.<S> (answered within S seconds,
//     S in 1..3600: "80% answered within 30 seconds"), abandonment_rate   (Share)
//   commitments_kept (kept / decided agents' commitments, issue 18)      (Share)
//   csat (Grade), nps (Points), cost_per_contact (Money)
//   contacts_received, contacts_handled, backlog, major_complaints_late,
//   sla.<target>.breaches_minor|breaches_major                           (Count)
//   privacy_incidents and external.<name>: figures measured outside the reporting core and
//   passed to evaluate() by the caller                                    (Count)
// Fails with InvalidInput (field "kpi") for any other key.
Result<Quantity> kpi_quantity(std::string_view kpi);
// S of a "service_level.<S>" key (digits only, 1..reporting::kMaxServiceLevelSeconds);
// empty for any other key.
std::optional<int> service_level_key_seconds(std::string_view kpi);
// True when `unit` can state a value of `quantity`.
bool unit_fits(Unit unit, Quantity quantity);

struct KpiThreshold {
  std::string kpi;  // see kpi_quantity
  Comparator comparator = Comparator::AtLeast;
  double value = 0;
  Unit unit = Unit::Count;
  std::optional<domain::Channel> channel;  // measured over this channel only when set
  friend bool operator==(const KpiThreshold&, const KpiThreshold&) = default;
};

// When a breach is major rather than minor (any rule suffices). The commitment letter
// distinguishes "轻微违约" (slightly late) from "重大违约" (serious harm).
struct BreachRules {
  std::optional<double> major_overrun_percent = 50;  // late by more than this % of the target
  std::vector<domain::Priority> major_priorities = {domain::Priority::Urgent};
  std::vector<std::string> major_categories = {"major_complaint"};
  friend bool operator==(const BreachRules&, const BreachRules&) = default;
};

// The complaint route of the letter: negotiation, then arbitration, then litigation.
struct ComplaintRoute {
  LocalText negotiation_contact;       // who negotiates for the organisation: "the head of service"
  std::int64_t negotiation_days = 30;  // how long negotiation is tried before arbitration
  LocalText arbitration_body;          // "Geschillencommissie", "上海仲裁委员会"
  LocalText court;                     // "Rechtbank Midden-Nederland", "有管辖权的人民法院"
  LocalText governing_law;             // "Nederlands recht", "中华人民共和国民法典"
  friend bool operator==(const ComplaintRoute&, const ComplaintRoute&) = default;
};

// The working rhythm the Chinese letter promises (每日自查, 每周意见汇总, 每半年报告 …).
struct Rhythm {
  int daily_self_check_minute = 8 * 60 + 30;  // local minute of day (tenant zone): 08:30
  int self_checks_per_day = 1;
  int weekly_feedback_summaries = 1;
  int monthly_trainings = 1;
  int quarterly_drills = 1;
  int daily_qa_samples = 5;  // service records sampled per agent per day
  int monthly_mystery_shops = 1;
  int semiannual_quality_reports = 1;
  friend bool operator==(const Rhythm&, const Rhythm&) = default;
};

// How a time promise is measured from a duration summary (see evaluation.hpp).
// Stable names: "median", "p90", "mean".
enum class PromiseStatistic { Median, P90, Mean };
std::string_view to_string(PromiseStatistic statistic);
Result<PromiseStatistic> parse_promise_statistic(std::string_view name);

// What a contact costs, for the cost_per_contact KPI (an approximation; see its definition).
struct Costs {
  std::string currency = "EUR";                  // ISO 4217 code, 3 upper-case letters
  double cost_per_agent_hour = 0;                // loaded cost of one agent hour, >= 0
  double agent_minutes_per_handled_contact = 0;  // average handling effort, >= 0
  friend bool operator==(const Costs&, const Costs&) = default;
};

struct Signatory {
  LocalText name;
  LocalText title;
  friend bool operator==(const Signatory&, const Signatory&) = default;
};

struct Charter {
  LocalText organisation;
  std::string letter_number;      // "SP-2026-001" (承诺书编号)
  std::string time_zone = "UTC";  // IANA; the self-check time and signing date are local
  LocalText signing_place;
  std::string signing_date;  // local date "YYYY-MM-DD"
  Signatory signatory;
  std::vector<ContactChannel> contacts;
  std::vector<ChannelPromise> promises;  // at most one per channel
  PromiseStatistic promise_statistic = PromiseStatistic::P90;
  std::vector<KpiThreshold> thresholds;
  std::int64_t major_complaint_response_minutes = 30;
  BreachRules breach_rules;
  std::optional<Costs> costs;  // cost_per_contact is reported only when set
  ComplaintRoute complaint_route;
  Rhythm rhythm;
  std::vector<domain::Language> languages = {domain::Language::Nl, domain::Language::En,
                                             domain::Language::Zh};
  friend bool operator==(const Charter&, const Charter&) = default;
};

// Checks every rule of a charter. Fails with InvalidInput whose field is the JSON path of the
// first offending value ("promises[1].first_response.minutes", "signing.date", …):
// organisation, place, signatory name/title, arbitration body, court and letter number must not
// be empty; the date must be a real YYYY-MM-DD; minutes in 1..525600; one promise per channel;
// threshold keys known and units fitting their quantity (percent 0..100, fraction 0..1, grade
// 1..10, points -100..100, others >= 0); the time zone known to the tz database; rhythm counts
// 0..1000 with a self-check minute in 0..1439; at least one language, none twice.
[[nodiscard]] Result<void> validate(const Charter& charter);

// The reporting core's breach rules for this charter (major-complaint minutes and major rules).
reporting::BreachRules to_reporting_rules(const Charter& charter);
// The reporting core's cost model, when the charter states costs.
std::optional<reporting::CostModel> to_cost_model(const Charter& charter);

// "08:30" for a minute of day; parse_minute_of_day fails with InvalidInput for anything but
// HH:MM with HH 00..23 and MM 00..59.
std::string format_minute_of_day(int minute_of_day);
Result<int> parse_minute_of_day(std::string_view text);

// A small, complete charter used by tests, the demo and the documentation.
Charter example_charter();

}  // namespace sp::charter
