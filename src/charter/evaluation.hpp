// Whether a charter's promises were kept in one period, decided from KPI figures of the
// reporting core (issue 8: "a promise that is not measured is only a slogan").
//
// Every channel promise gives two items (first response, resolution) and every KPI threshold
// one. An item is
//  - Kept when its measured value satisfies the comparator (at_least: measured >= target,
//    at_most: measured <= target, with a tolerance of 1e-9 in the target's unit);
//  - Missed otherwise;
//  - NoData when the figure is absent (no tickets, no survey answers, no calendar for a
//    business-time figure, no external figure passed in): an unmeasured promise is never
//    counted as kept.
// A channel time promise "first response within N" is measured with the charter's
// promise_statistic (default p90: kept when 90% of the channel's tickets were answered within
// N) over the business-time figure when its basis is business, else the calendar-time figure.
// "N of M promises kept" counts only measured items: M = kept + missed; items without data
// are reported separately. Pure; no clock reads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "charter/charter.hpp"
#include "reporting/kpi.hpp"

namespace sp::charter {

// Stable names: "kept", "missed", "no_data".
enum class Outcome { Kept, Missed, NoData };
std::string_view to_string(Outcome outcome);

// Stable names: "first_response", "resolution", "threshold".
enum class ItemKind { FirstResponse, Resolution, Threshold };
std::string_view to_string(ItemKind kind);

struct ItemEvaluation {
  std::string id;  // "promise.email.first_response", "threshold.2"
  ItemKind kind = ItemKind::Threshold;
  std::optional<domain::Channel> channel;  // the channel measured, when not all
  std::string kpi;                         // the measured key (see kpi_quantity)
  Comparator comparator = Comparator::AtMost;
  double target = 0;  // in `unit`
  Unit unit = Unit::Minutes;
  std::optional<double> measured;  // in `unit`; empty for NoData
  Outcome outcome = Outcome::NoData;
};

struct Evaluation {
  std::string period_label;           // "2026-10", "2026-Q3", as given in the input
  std::vector<ItemEvaluation> items;  // promises in charter order, then thresholds
  int kept = 0;
  int missed = 0;
  int no_data = 0;
  int measured() const { return kept + missed; }
};

// The KPI figures of one period: over all channels, per channel, and figures measured outside
// the reporting core (key "privacy_incidents" or "external.<name>").
struct KpiInput {
  std::string period_label;
  std::optional<reporting::KpiFigures> overall;
  std::map<domain::Channel, reporting::KpiFigures> by_channel;
  std::map<std::string, double, std::less<>> external;
};

// Builds the input from reporting results over one period: `overall` must have dimension All
// and `by_channel` (optional) dimension Channel, each with at most one group per key (use
// Period::Custom or a range of exactly one period). Fails with InvalidInput (field "report")
// otherwise. An empty report gives no figures, so its items become NoData.
[[nodiscard]] Result<KpiInput> kpi_input_from_reports(
    std::string period_label, const reporting::KpiReport& overall,
    const reporting::KpiReport* by_channel = nullptr,
    std::map<std::string, double, std::less<>> external = {});

// The value of `kpi` (see kpi_quantity) in `unit`, from `figures` and `external`; empty when
// absent or when the key or unit is not valid.
std::optional<double> measure(std::string_view kpi, Unit unit, const reporting::KpiFigures* figures,
                              const std::map<std::string, double, std::less<>>& external);

// Decides every item of `charter` for the period of `input`. Never fails: a charter that
// passed validate() has only known keys.
Evaluation evaluate(const Charter& charter, const KpiInput& input);

// "11 of 12 promises kept" / "11 van 12 beloften nagekomen" / "12项承诺中兑现11项", followed by
// "(1 without data)" in the language when some items were not measured.
std::string summary_text(const Evaluation& evaluation, domain::Language language);

}  // namespace sp::charter
