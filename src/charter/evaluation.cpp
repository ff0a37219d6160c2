#include "charter/evaluation.hpp"

#include <array>
#include <cmath>

namespace sp::charter {
namespace {

constexpr double kTolerance = 1e-9;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::optional<double> statistic(const reporting::Summary& summary, std::string_view stat) {
  if (stat == "mean") return summary.mean;
  if (stat == "median") return summary.median;
  if (stat == "p90") return summary.p90;
  return std::nullopt;
}

std::optional<double> duration_seconds(std::string_view kpi, const reporting::KpiFigures& f) {
  const auto dot = kpi.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto base = kpi.substr(0, dot);
  const auto stat = kpi.substr(dot + 1);
  const reporting::Summary* summary = nullptr;
  if (base == "first_response_time") summary = &f.first_response_seconds;
  if (base == "next_response_time") summary = &f.next_response_seconds;
  if (base == "resolution_time") summary = &f.resolution_seconds;
  if (base == "call_wait_time") summary = &f.calls.wait_seconds;
  if (base == "first_response_business_time" && f.first_response_business_seconds) {
    summary = &*f.first_response_business_seconds;
  }
  if (base == "next_response_business_time" && f.next_response_business_seconds) {
    summary = &*f.next_response_business_seconds;
  }
  if (base == "resolution_business_time" && f.resolution_business_seconds) {
    summary = &*f.resolution_business_seconds;
  }
  if (summary == nullptr) return std::nullopt;
  return statistic(*summary, stat);
}

// The value in the reporting core's own unit: seconds, fraction, grade, points, count, money.
std::optional<double> raw_value(std::string_view kpi, Quantity quantity, const reporting::KpiFigures* f,
                                const std::map<std::string, double, std::less<>>& external) {
  if (kpi == "privacy_incidents" || starts_with(kpi, "external.")) {
    const auto it = external.find(kpi);
    if (it == external.end()) return std::nullopt;
    return it->second;
  }
  if (f == nullptr) return std::nullopt;
  if (kpi == "average_speed_of_answer") return f->calls.wait_seconds.mean;
  if (quantity == Quantity::Duration) return duration_seconds(kpi, *f);
  if (kpi == "service_level") return f->calls.service_level;
  if (auto seconds = service_level_key_seconds(kpi))
    return reporting::service_level_within(f->calls, *seconds);
  if (kpi == "abandonment_rate") return f->calls.abandonment_rate;
  if (kpi == "commitments_kept") return f->commitments.kept_share;
  if (kpi == "resolution_rate") return f->resolution_rate;
  if (kpi == "first_contact_resolution") return f->first_contact_resolution_rate;
  if (kpi == "reopen_rate") return f->reopen_rate;
  if (kpi == "not_helped_share") return f->not_helped_share;
  if (kpi == "csat") return f->csat_mean;
  if (kpi == "nps") return f->nps;
  if (kpi == "cost_per_contact") return f->cost_per_contact;
  if (kpi == "contacts_received") return static_cast<double>(f->contacts_received);
  if (kpi == "contacts_handled") return static_cast<double>(f->contacts_handled);
  if (kpi == "backlog") return static_cast<double>(f->backlog);
  if (kpi == "major_complaints_late") return static_cast<double>(f->major_complaints_late);
  static constexpr std::array<std::string_view, 4> kTargets = {"first_response", "next_response",
                                                               "periodic_update", "resolution"};
  for (std::size_t index = 0; index < kTargets.size(); ++index) {
    const std::string prefix = "sla." + std::string(kTargets[index]) + ".";
    if (!starts_with(kpi, prefix)) continue;
    const auto rest = kpi.substr(prefix.size());
    const auto& target = f->sla[index];
    if (rest == "compliance") return target.compliance;
    if (rest == "breaches_minor") return static_cast<double>(target.breaches_minor);
    if (rest == "breaches_major") return static_cast<double>(target.breaches_major);
  }
  return std::nullopt;
}

double convert(double raw, Unit unit) {
  switch (unit) {
    case Unit::Minutes:
      return raw / 60.0;
    case Unit::Hours:
      return raw / 3600.0;
    case Unit::Percent:
      return raw * 100.0;
    default:
      return raw;
  }
}

Outcome decide(Comparator comparator, double target, const std::optional<double>& measured) {
  if (!measured) return Outcome::NoData;
  const bool kept =
      comparator == Comparator::AtLeast ? *measured >= target - kTolerance : *measured <= target + kTolerance;
  return kept ? Outcome::Kept : Outcome::Missed;
}

const reporting::KpiFigures* figures_for(const KpiInput& input,
                                         const std::optional<domain::Channel>& channel) {
  if (!channel) return input.overall ? &*input.overall : nullptr;
  const auto it = input.by_channel.find(*channel);
  return it == input.by_channel.end() ? nullptr : &it->second;
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  static constexpr std::array<std::string_view, 3> kNames = {"kept", "missed", "no_data"};
  return kNames[static_cast<std::size_t>(outcome)];
}

std::string_view to_string(ItemKind kind) {
  static constexpr std::array<std::string_view, 3> kNames = {"first_response", "resolution", "threshold"};
  return kNames[static_cast<std::size_t>(kind)];
}

Result<KpiInput> kpi_input_from_reports(std::string period_label, const reporting::KpiReport& overall,
                                        const reporting::KpiReport* by_channel,
                                        std::map<std::string, double, std::less<>> external) {
  KpiInput input;
  input.period_label = std::move(period_label);
  input.external = std::move(external);
  if (overall.dimension != reporting::Dimension::All) {
    return invalid_input("report: the overall report must have dimension 'all'", "report");
  }
  if (overall.groups.size() > 1) {
    return invalid_input("report: the overall report must cover one period", "report");
  }
  if (!overall.groups.empty()) input.overall = overall.groups.front().figures;
  if (by_channel != nullptr) {
    if (by_channel->dimension != reporting::Dimension::Channel) {
      return invalid_input("report: the channel report must have dimension 'channel'", "report");
    }
    for (const auto& group : by_channel->groups) {
      auto channel = domain::parse_channel(group.key);
      if (!channel.ok()) continue;  // e.g. a channel this build does not know
      if (!input.by_channel.emplace(*channel, group.figures).second) {
        return invalid_input("report: the channel report must cover one period", "report");
      }
    }
  }
  return input;
}

std::optional<double> measure(std::string_view kpi, Unit unit, const reporting::KpiFigures* figures,
                              const std::map<std::string, double, std::less<>>& external) {
  auto quantity = kpi_quantity(kpi);
  if (!quantity.ok() || !unit_fits(unit, *quantity)) return std::nullopt;
  const auto raw = raw_value(kpi, *quantity, figures, external);
  if (!raw || !std::isfinite(*raw)) return std::nullopt;
  return convert(*raw, unit);
}

Evaluation evaluate(const Charter& charter, const KpiInput& input) {
  Evaluation evaluation;
  evaluation.period_label = input.period_label;
  const std::string stat(to_string(charter.promise_statistic));
  for (const auto& promise : charter.promises) {
    const reporting::KpiFigures* figures = figures_for(input, promise.channel);
    const std::string channel(domain::to_string(promise.channel));
    const std::array<std::pair<ItemKind, const TimeTarget*>, 2> targets = {{
        {ItemKind::FirstResponse, &promise.first_response},
        {ItemKind::Resolution, &promise.resolution},
    }};
    for (const auto& [kind, target] : targets) {
      const bool business = target->basis == TimeBasis::Business;
      const std::string base = kind == ItemKind::FirstResponse
                                   ? (business ? "first_response_business_time" : "first_response_time")
                                   : (business ? "resolution_business_time" : "resolution_time");
      ItemEvaluation item;
      item.id = "promise." + channel + "." + std::string(to_string(kind));
      item.kind = kind;
      item.channel = promise.channel;
      item.kpi = base + "." + stat;
      item.comparator = Comparator::AtMost;
      item.target = static_cast<double>(target->minutes);
      item.unit = Unit::Minutes;
      item.measured = measure(item.kpi, item.unit, figures, input.external);
      item.outcome = decide(item.comparator, item.target, item.measured);
      evaluation.items.push_back(std::move(item));
    }
  }
  for (std::size_t index = 0; index < charter.thresholds.size(); ++index) {
    const auto& threshold = charter.thresholds[index];
    ItemEvaluation item;
    item.id = "threshold." + std::to_string(index);
    item.kind = ItemKind::Threshold;
    item.channel = threshold.channel;
    item.kpi = threshold.kpi;
    item.comparator = threshold.comparator;
    item.target = threshold.value;
    item.unit = threshold.unit;
    item.measured = measure(item.kpi, item.unit, figures_for(input, threshold.channel), input.external);
    item.outcome = decide(item.comparator, item.target, item.measured);
    evaluation.items.push_back(std::move(item));
  }
  for (const auto& item : evaluation.items) {
    switch (item.outcome) {
      case Outcome::Kept:
        ++evaluation.kept;
        break;
      case Outcome::Missed:
        ++evaluation.missed;
        break;
      case Outcome::NoData:
        ++evaluation.no_data;
        break;
    }
  }
  return evaluation;
}

std::string summary_text(const Evaluation& evaluation, domain::Language language) {
  const std::string kept = std::to_string(evaluation.kept);
  const std::string total = std::to_string(evaluation.measured());
  const std::string none = std::to_string(evaluation.no_data);
  std::string text;
  switch (language) {
    case domain::Language::Nl:
      text = kept + " van " + total + " beloften nagekomen";
      if (evaluation.no_data > 0) text += " (" + none + " zonder gegevens)";
      break;
    case domain::Language::En:
      text = kept + " of " + total + (evaluation.measured() == 1 ? " promise" : " promises") + " kept";
      if (evaluation.no_data > 0) text += " (" + none + " without data)";
      break;
    case domain::Language::Zh:
      text = total + "项承诺中兑现" + kept + "项";
      if (evaluation.no_data > 0) text += "(" + none + "项暂无数据)";
      break;
  }
  return text;
}

}  // namespace sp::charter
