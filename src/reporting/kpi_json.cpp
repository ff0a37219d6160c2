#include "reporting/kpi_json.hpp"

namespace sp::reporting {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json summary_json(const Summary& s) {
  return json{{"count", s.count}, {"mean", opt(s.mean)}, {"median", opt(s.median)}, {"p90", opt(s.p90)}};
}

json summary_json(const std::optional<Summary>& s) {
  return s ? summary_json(*s) : json(nullptr);
}

json figures_json(const KpiFigures& f) {
  json sla = json::object();
  for (std::size_t i = 0; i < f.sla.size(); ++i) {
    const auto& t = f.sla[i];
    sla[std::string(sla::to_string(static_cast<sla::SlaTarget>(i)))] = json{
        {"cycles_finished", t.cycles_finished},
        {"cycles_met", t.cycles_met},
        {"compliance", opt(t.compliance)},
        {"breaches", {{"minor", t.breaches_minor}, {"major", t.breaches_major}}},
    };
  }
  return json{
      {"contacts_received", f.contacts_received},
      {"contacts_handled", f.contacts_handled},
      {"first_response_time", summary_json(f.first_response_seconds)},
      {"first_response_business_time", summary_json(f.first_response_business_seconds)},
      {"next_response_time", summary_json(f.next_response_seconds)},
      {"next_response_business_time", summary_json(f.next_response_business_seconds)},
      {"resolution_time", summary_json(f.resolution_seconds)},
      {"resolution_business_time", summary_json(f.resolution_business_seconds)},
      {"resolution_rate",
       {{"value", opt(f.resolution_rate)}, {"resolved", f.resolved}, {"received", f.contacts_received}}},
      {"first_contact_resolution",
       {{"value", opt(f.first_contact_resolution_rate)},
        {"resolved_first_contact", f.first_contact_resolved},
        {"solved", f.solved_tickets}}},
      {"reopen_rate", {{"value", opt(f.reopen_rate)}, {"reopens", f.reopens}, {"solved", f.solved_tickets}}},
      {"backlog",
       {{"count", f.backlog},
        {"age_mean_seconds", opt(f.backlog_age_seconds.mean)},
        {"age_p90_seconds", opt(f.backlog_age_seconds.p90)}}},
      {"sla", sla},
      {"major_complaints_late", f.major_complaints_late},
      {"csat", {{"mean", opt(f.csat_mean)}, {"responses", f.csat_responses}}},
      {"not_helped_share", {{"value", opt(f.not_helped_share)}, {"responses", f.helped_responses}}},
      {"nps", {{"value", opt(f.nps)}, {"responses", f.nps_responses}}},
      {"customer_effort", {{"mean", opt(f.effort_mean)}, {"responses", f.effort_responses}}},
      {"cost_per_contact", opt(f.cost_per_contact)},
      {"calls",
       {{"offered", f.calls.offered},
        {"answered", f.calls.answered},
        {"abandoned", f.calls.abandoned},
        {"answered_without_wait", f.calls.answered_without_wait}}},
      {"average_speed_of_answer", opt(f.calls.wait_seconds.mean)},
      {"call_wait_time", summary_json(f.calls.wait_seconds)},
      {"service_level",
       {{"value", opt(f.calls.service_level)},
        {"threshold_seconds", f.calls.service_level_seconds},
        {"answered_within", f.calls.answered_within},
        {"calls", f.calls.service_level_calls}}},
      {"abandonment_rate",
       {{"value", opt(f.calls.abandonment_rate)},
        {"abandoned", f.calls.abandoned},
        {"offered", f.calls.offered}}},
      {"commitments_kept",
       {{"value", opt(f.commitments.kept_share)},
        {"kept", f.commitments.kept},
        {"broken", f.commitments.broken}}},
  };
}

}  // namespace

nlohmann::json to_json(const KpiReport& report) {
  json definitions = json::object();
  for (const auto& d : kpi_definitions()) {
    definitions[std::string(d.name)] = std::string(d.definition);
  }
  json groups = json::array();
  for (const auto& g : report.groups) {
    groups.push_back(json{
        {"key", g.key},
        {"period",
         {{"label", g.period.label},
          {"start", format_rfc3339(g.period.start)},
          {"end", format_rfc3339(g.period.end)}}},
        {"figures", figures_json(g.figures)},
    });
  }
  return json{
      {"dimension", std::string(to_string(report.dimension))},
      {"period", std::string(to_string(report.period))},
      {"from", format_rfc3339(report.from)},
      {"to", format_rfc3339(report.to)},
      {"time_zone", report.time_zone},
      {"business_time", report.business_time},
      {"source", report.aggregated ? "aggregates" : "exact"},
      {"source_definition", std::string(kpi_source_definition(report.aggregated))},
      {"excluded", {{"spam", report.excluded_spam}, {"mystery_shopper", report.excluded_mystery_shopper}}},
      {"definitions", definitions},
      {"groups", groups},
  };
}

}  // namespace sp::reporting
