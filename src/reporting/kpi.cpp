#include "reporting/kpi.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "sla/business_time.hpp"

namespace sp::reporting {
namespace {

using domain::EventType;
using domain::MessageKind;
using domain::Status;

// clang-format off
constexpr FigureDefinition kDefinitions[] = {
    {"contacts_received", "contacts_received: tickets created in the period (local time of the "
     "report zone); spam and mystery-shopper contacts excluded"},
    {"contacts_handled", "contacts_handled: received tickets with at least one outbound message "
     "by an agent (system auto-replies and notes do not count); spam and mystery-shopper "
     "contacts excluded; attributed to the period and group in which the ticket was created"},
    {"first_response_time", "first_response_time: from ticket creation to the first outbound "
     "agent message; calendar seconds; mean, median and p90 (linear interpolation); tickets "
     "without a reply before the report end excluded; spam and mystery-shopper contacts "
     "excluded; attributed to the period and group in which the ticket was created"},
    {"first_response_business_time", "first_response_business_time: as first_response_time, in "
     "business seconds of the report calendar; null when the report has no calendar"},
    {"next_response_time", "next_response_time: from a customer (inbound) message that arrives "
     "after an agent reply, while no earlier customer message waits, to the next outbound agent "
     "message; one value per answered wait; calendar seconds; mean, median, p90; unanswered "
     "waits excluded; spam and mystery-shopper contacts excluded; attributed to the period and "
     "group in which the ticket was created"},
    {"next_response_business_time", "next_response_business_time: as next_response_time, in "
     "business seconds of the report calendar; null when the report has no calendar"},
    {"resolution_time", "resolution_time: from ticket creation to the first change of status to "
     "solved (pauses such as pending are not subtracted); calendar seconds; mean, median, p90; "
     "tickets not solved before the report end excluded; spam and mystery-shopper contacts "
     "excluded; attributed to the period and group in which the ticket was created"},
    {"resolution_business_time", "resolution_business_time: as resolution_time, in business "
     "seconds of the report calendar; null when the report has no calendar"},
    {"resolution_rate", "resolution_rate: received tickets whose status is solved or closed at "
     "the report end, divided by contacts_received; null when nothing was received; spam and "
     "mystery-shopper contacts excluded; attributed to the period and group in which the ticket "
     "was created"},
    {"first_contact_resolution", "first_contact_resolution: tickets solved at least once with "
     "exactly one outbound agent message and no reopen (all before the report end), divided by "
     "tickets solved at least once; null when none was solved; spam and mystery-shopper "
     "contacts excluded; attributed to the period and group in which the ticket was created"},
    {"reopen_rate", "reopen_rate: status changes from solved to a status other than closed, "
     "divided by tickets solved at least once (can exceed 1); null when none was solved; spam "
     "and mystery-shopper contacts excluded; attributed to the period and group in which the "
     "ticket was created"},
    {"backlog", "backlog: tickets (created in or before the period) whose status is not solved "
     "or closed at the end of the period (the report end for the last period), by status "
     "changes strictly before that instant; age = period end minus creation, calendar seconds, "
     "mean and p90; spam and mystery-shopper contacts excluded"},
    {"sla", "sla: per target (first_response, next_response, periodic_update, resolution) from "
     "the ticket's SLA state as evaluated by the SLA engine (business time of the policy "
     "calendar): compliance = cycles met before due / cycles finished (met or breached; running "
     "and paused cycles excluded); breaches = breached cycles, major when the ticket's category "
     "is a major category (default major_complaint), its priority is a major priority (default "
     "urgent) or the overrun exceeds the configured share of the target (default 50%), else "
     "minor; tickets without an SLA state excluded; spam and mystery-shopper contacts excluded; "
     "attributed to the period and group in which the ticket was created"},
    {"major_complaints_late", "major_complaints_late: tickets in a major category (default "
     "major_complaint) whose first outbound agent message came more than the configured "
     "calendar minutes (default 30) after creation, or had not come that long after creation "
     "at the report end; independent of SLA policies; spam and mystery-shopper contacts "
     "excluded; attributed to the period and group in which the ticket was created"},
    {"csat", "csat: mean survey grade on a 1-10 scale over tickets with a grade (values outside "
     "1-10 ignored); null without answers; spam and mystery-shopper contacts excluded; "
     "attributed to the period and group in which the ticket was created"},
    {"not_helped_share", "not_helped_share: answers 'not helped' divided by answers to 'were you "
     "helped?'; null without answers; spam and mystery-shopper contacts excluded; attributed to "
     "the period and group in which the ticket was created"},
    {"nps", "nps: percentage of promoters (score 9-10) minus percentage of detractors (0-6) "
     "among tickets with a score, in points from -100 to 100; null without answers; spam and "
     "mystery-shopper contacts excluded; attributed to the period and group in which the "
     "ticket was created"},
    {"customer_effort", "customer_effort: mean answer to 'how much effort did it take?' on a "
     "1-5 scale (1 very easy, 5 very hard; values outside 1-5 ignored) over tickets with an "
     "answer; lower is better; null without answers; spam and mystery-shopper contacts "
     "excluded; attributed to the period and group in which the ticket was created"},
    {"cost_per_contact", "cost_per_contact: approximation = cost per agent hour x configured "
     "agent minutes per handled contact / 60 x contacts_handled / contacts_received (effort of "
     "unhandled contacts assumed zero; no time tracking used); in the tenant's currency; null "
     "without a cost model or without received contacts; spam and mystery-shopper contacts "
     "excluded; attributed to the period and group in which the ticket was created"},
    {"calls", "calls: phone calls from the telephony webhook's call_recorded events before the "
     "report end, one per call id; answered = an answered or ended state was recorded; abandoned "
     "= the caller hung up in the queue (abandoned, never answered); offered = answered + "
     "abandoned; answered_without_wait = answered calls whose events carry no wait time (left "
     "out of every wait figure); calls only queued count nowhere; spam and mystery-shopper "
     "contacts excluded; attributed to the period and group in which the ticket was created"},
    {"average_speed_of_answer", "average_speed_of_answer: mean wait in the queue, in seconds, "
     "of answered calls with a wait time (the wait of the answered event, else of the ended "
     "event); abandoned calls excluded; null without such calls; spam and mystery-shopper "
     "contacts excluded; attributed to the period and group in which the ticket was created"},
    {"call_wait_time", "call_wait_time: the waits of average_speed_of_answer in whole seconds; "
     "mean, median and p90 (linear interpolation, exact); abandoned calls and answered calls "
     "without a wait time excluded; spam and mystery-shopper contacts excluded; attributed to "
     "the period and group in which the ticket was created"},
    {"service_level", "service_level: answered calls that waited at most threshold_seconds "
     "(the tenant's setting, default 20; exactly the threshold counts as within) divided by "
     "answered calls with a wait time plus abandoned calls; answered calls without a wait time "
     "excluded; null without calls; spam and mystery-shopper contacts excluded; attributed to "
     "the period and group in which the ticket was created"},
    {"abandonment_rate", "abandonment_rate: abandoned calls divided by offered calls (answered "
     "+ abandoned); every abandoned call counts, however short its wait; null without calls; "
     "spam and mystery-shopper contacts excluded; attributed to the period and group in which "
     "the ticket was created"},
    {"commitments_kept", "commitments_kept: kept commitments divided by decided ones (kept + "
     "broken) whose due time lies in the period; kept = the promised action (an agent's "
     "outbound message or logged outbound call) happened between making and due time, or a "
     "person marked it done; broken = still open at the due time; open and cancelled "
     "commitments count nowhere; attributed to the agent who made the commitment (team: that "
     "agent's team; channel: the commitment's; category: its ticket's), not to the ticket's "
     "creation cohort; spam and mystery-shopper contacts excluded (the commitments on them); null "
     "when none was decided"},
};
// clang-format on

bool has_tag(const domain::Ticket& ticket, std::string_view tag) {
  return std::find(ticket.tags.begin(), ticket.tags.end(), tag) != ticket.tags.end();
}

// A group's figures in one period while the exact report is being summed.
struct Acc {
  KpiCounts counts;
  std::vector<double> first_response, first_response_business;
  std::vector<double> next_response, next_response_business;
  std::vector<double> resolution, resolution_business;
  std::vector<double> backlog_age;
  WaitHistogram call_waits;
  bool touched = false;
};

// Sort order of group keys: numeric ids numerically, then other names, then the "none" key.
struct KeyOrder {
  int rank = 0;  // 0 numeric, 1 text, 2 none
  std::int64_t number = 0;
  std::string text;
  friend bool operator<(const KeyOrder& a, const KeyOrder& b) {
    return std::tie(a.rank, a.number, a.text) < std::tie(b.rank, b.number, b.text);
  }
};

KeyOrder order_of(const std::string& key) {
  if (key == "unassigned" || key == "uncategorised") {
    return {2, 0, key};
  }
  std::int64_t number = 0;
  auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), number);
  if (ec == std::errc{} && ptr == key.data() + key.size()) {
    return {0, number, key};
  }
  return {1, 0, key};
}

void key_of(const domain::Ticket& t, Dimension dimension, std::string& out) {
  out.clear();
  switch (dimension) {
    case Dimension::All:
      out = "all";
      return;
    case Dimension::Tenant:
      out = std::to_string(t.tenant_id.value);
      return;
    case Dimension::Team:
      out = t.team_id ? std::to_string(t.team_id->value) : "unassigned";
      return;
    case Dimension::Agent:
      out = t.assignee_id ? std::to_string(t.assignee_id->value) : "unassigned";
      return;
    case Dimension::Channel:
      out = domain::to_string(t.channel);
      return;
    case Dimension::Category:
      out = t.category.empty() ? std::string("uncategorised") : t.category;
      return;
  }
}

double seconds_between(Timestamp from, Timestamp to) {
  return static_cast<double>((to - from).count()) / 1000.0;
}

bool is_resolved_status(Status s) {
  return s == Status::Solved || s == Status::Closed;
}

bool breach_is_major(const TicketFacts& facts, const sla::ClockCycle& cycle, const BreachRules& rules) {
  const auto& t = facts.ticket;
  if (std::find(rules.major_categories.begin(), rules.major_categories.end(), t.category) !=
      rules.major_categories.end()) {
    return true;
  }
  if (std::find(rules.major_priorities.begin(), rules.major_priorities.end(), t.priority) !=
      rules.major_priorities.end()) {
    return true;
  }
  const std::int64_t budget = cycle.business_seconds_used + cycle.business_seconds_remaining;
  if (rules.major_overrun_fraction && budget > 0 && cycle.business_seconds_remaining < 0) {
    const double overrun =
        static_cast<double>(-cycle.business_seconds_remaining) / static_cast<double>(budget);
    if (overrun > *rules.major_overrun_fraction) {
      return true;
    }
  }
  return false;
}

Result<double> business_between(const sla::BusinessCalendar& calendar, Timestamp from, Timestamp to) {
  auto seconds = sla::business_seconds(calendar, from, to);
  if (!seconds.ok()) {
    return seconds.error();
  }
  return static_cast<double>(*seconds);
}

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
  if (den <= 0) {
    return std::nullopt;
  }
  return static_cast<double>(num) / static_cast<double>(den);
}

void push_all(std::vector<double>& to, const std::vector<double>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

void add_to(Acc& acc, const TicketKpi& kpi) {
  acc.touched = true;
  acc.counts.add(kpi);
  if (kpi.first_response) acc.first_response.push_back(*kpi.first_response);
  if (kpi.first_response_business) acc.first_response_business.push_back(*kpi.first_response_business);
  push_all(acc.next_response, kpi.next_response);
  push_all(acc.next_response_business, kpi.next_response_business);
  if (kpi.resolution) acc.resolution.push_back(*kpi.resolution);
  if (kpi.resolution_business) acc.resolution_business.push_back(*kpi.resolution_business);
  for (int wait : kpi.calls.answer_waits) acc.call_waits.add(wait);
}

KpiFigures finish(Acc& acc, const KpiQuery& q) {
  KpiFigures f;
  f.first_response_seconds = summarize(acc.first_response);
  f.next_response_seconds = summarize(acc.next_response);
  f.resolution_seconds = summarize(acc.resolution);
  if (q.calendar) {
    f.first_response_business_seconds = summarize(acc.first_response_business);
    f.next_response_business_seconds = summarize(acc.next_response_business);
    f.resolution_business_seconds = summarize(acc.resolution_business);
  }
  f.backlog = static_cast<std::int64_t>(acc.backlog_age.size());
  f.backlog_age_seconds = summarize(acc.backlog_age);
  fill_counted_figures(acc.counts, q.cost, f);
  f.calls = call_figures(acc.counts.calls, acc.call_waits, q.service_level_seconds);
  return f;
}

}  // namespace

std::span<const FigureDefinition> kpi_definitions() {
  return kDefinitions;
}

std::string_view kpi_source_definition(bool aggregated) {
  if (aggregated) {
    return "source aggregates: summed from daily aggregates kept up to date from every ticket "
           "event; the same definitions, but each ticket is measured as of its latest change "
           "(events after the report end are included) and grouped by its current team, agent, "
           "channel and category; median and p90 within 1% (log histograms; call waits are "
           "exact); backlog age is a "
           "mean only; used for windows of more than 50,000 tickets or when asked for, for "
           "whole local days";
  }
  return "source exact: computed from each ticket's history as of the report end (events at or "
         "after it ignored), exact percentiles";
}

Result<void> measure_ticket(const TicketFacts& facts, Timestamp as_of, const sla::BusinessCalendar* calendar,
                            const BreachRules& rules, TicketKpi& out) {
  out.handled = false;
  out.first_response.reset();
  out.first_response_business.reset();
  out.next_response.clear();
  out.next_response_business.clear();
  out.resolution.reset();
  out.resolution_business.reset();
  out.solved_once = out.first_contact_resolved = out.resolved_at_end = false;
  out.reopens = 0;
  out.sla = {};
  out.major_complaint_late = false;
  out.csat_grade.reset();
  out.nps_score.reset();
  out.effort_score.reset();
  out.helped.reset();
  out.open.clear();
  measure_calls(facts.events, as_of, out.calls);

  const Timestamp created = facts.ticket.created_at;
  std::optional<Timestamp> first_reply;
  std::optional<Timestamp> first_solved;
  // A plain flag beside the instant: g++ 12 warns falsely on std::optional<Timestamp> here.
  bool waiting = false;
  Timestamp waiting_since{};
  std::int64_t agent_replies = 0;
  bool is_open = true;
  Timestamp open_since = created;
  for (const auto& e : facts.events) {
    if (e.at >= as_of) {
      continue;
    }
    if (e.type == EventType::MessageAdded && e.message_kind) {
      if (*e.message_kind == MessageKind::Outbound && e.actor.type == domain::ActorType::Agent) {
        ++agent_replies;
        if (!first_reply) {
          first_reply = e.at;
        } else if (waiting) {
          out.next_response.push_back(seconds_between(waiting_since, e.at));
          if (calendar != nullptr) {
            auto b = business_between(*calendar, waiting_since, e.at);
            if (!b.ok()) return b.error();
            out.next_response_business.push_back(*b);
          }
        }
        waiting = false;
      } else if (*e.message_kind == MessageKind::Inbound && first_reply && !waiting) {
        waiting = true;
        waiting_since = e.at;
      }
    } else if (e.type == EventType::StatusChanged) {
      auto to = domain::parse_status(e.to);
      if (!to.ok()) {
        continue;
      }
      if (*to == Status::Solved && !first_solved) {
        first_solved = e.at;
      }
      if (e.from == "solved" && *to != Status::Closed) {
        ++out.reopens;
      }
      if (is_resolved_status(*to)) {
        if (is_open) {
          out.open.emplace_back(open_since, e.at);
          is_open = false;
        }
      } else if (!is_open) {
        is_open = true;
        open_since = e.at;
      }
    }
  }
  out.resolved_at_end = !is_open;
  if (is_open) {
    out.open.emplace_back(open_since, Timestamp::max());
  }
  out.handled = agent_replies > 0;
  if (first_reply) {
    out.first_response = seconds_between(created, *first_reply);
    if (calendar != nullptr) {
      auto b = business_between(*calendar, created, *first_reply);
      if (!b.ok()) return b.error();
      out.first_response_business = *b;
    }
  }
  if (first_solved) {
    out.solved_once = true;
    out.resolution = seconds_between(created, *first_solved);
    if (calendar != nullptr) {
      auto b = business_between(*calendar, created, *first_solved);
      if (!b.ok()) return b.error();
      out.resolution_business = *b;
    }
    out.first_contact_resolved = agent_replies == 1 && out.reopens == 0;
  }
  if (facts.sla) {
    for (const auto& cycle : facts.sla->cycles) {
      auto& fig = out.sla[static_cast<std::size_t>(cycle.target)];
      if (cycle.state == sla::ClockState::Met) {
        ++fig.cycles_finished;
        ++fig.cycles_met;
      } else if (cycle.state == sla::ClockState::Breached) {
        ++fig.cycles_finished;
        if (breach_is_major(facts, cycle, rules)) {
          ++fig.breaches_major;
        } else {
          ++fig.breaches_minor;
        }
      }
    }
  }
  const auto& t = facts.ticket;
  if (rules.major_complaint_response_minutes &&
      std::find(rules.major_categories.begin(), rules.major_categories.end(), t.category) !=
          rules.major_categories.end()) {
    const Duration limit = std::chrono::minutes{*rules.major_complaint_response_minutes};
    const Timestamp answered = first_reply ? *first_reply : as_of;
    out.major_complaint_late = answered - created > limit;
  }
  if (facts.csat_grade && *facts.csat_grade >= 1 && *facts.csat_grade <= 10) {
    out.csat_grade = facts.csat_grade;
  }
  out.helped = facts.helped;
  if (facts.nps_score && *facts.nps_score >= 0 && *facts.nps_score <= 10) {
    out.nps_score = facts.nps_score;
  }
  if (facts.effort_score && *facts.effort_score >= 1 && *facts.effort_score <= 5) {
    out.effort_score = facts.effort_score;
  }
  return {};
}

void KpiCounts::add(const TicketKpi& t) {
  ++received;
  handled += t.handled ? 1 : 0;
  resolved += t.resolved_at_end ? 1 : 0;
  solved_tickets += t.solved_once ? 1 : 0;
  first_contact_resolved += t.first_contact_resolved ? 1 : 0;
  reopens += t.reopens;
  for (std::size_t i = 0; i < sla.size(); ++i) {
    sla[i].cycles_finished += t.sla[i].cycles_finished;
    sla[i].cycles_met += t.sla[i].cycles_met;
    sla[i].breaches_minor += t.sla[i].breaches_minor;
    sla[i].breaches_major += t.sla[i].breaches_major;
  }
  major_complaints_late += t.major_complaint_late ? 1 : 0;
  if (t.csat_grade) {
    ++csat_count;
    csat_sum += *t.csat_grade;
  }
  if (t.helped) {
    ++helped_count;
    not_helped += *t.helped ? 0 : 1;
  }
  if (t.nps_score) {
    ++nps_count;
    promoters += *t.nps_score >= 9 ? 1 : 0;
    detractors += *t.nps_score <= 6 ? 1 : 0;
  }
  if (t.effort_score) {
    ++effort_count;
    effort_sum += *t.effort_score;
  }
  calls.add(t.calls);
}

void KpiCounts::merge(const KpiCounts& o, std::int64_t sign) {
  received += sign * o.received;
  handled += sign * o.handled;
  resolved += sign * o.resolved;
  solved_tickets += sign * o.solved_tickets;
  first_contact_resolved += sign * o.first_contact_resolved;
  reopens += sign * o.reopens;
  for (std::size_t i = 0; i < sla.size(); ++i) {
    sla[i].cycles_finished += sign * o.sla[i].cycles_finished;
    sla[i].cycles_met += sign * o.sla[i].cycles_met;
    sla[i].breaches_minor += sign * o.sla[i].breaches_minor;
    sla[i].breaches_major += sign * o.sla[i].breaches_major;
  }
  major_complaints_late += sign * o.major_complaints_late;
  csat_count += sign * o.csat_count;
  csat_sum += sign * o.csat_sum;
  helped_count += sign * o.helped_count;
  not_helped += sign * o.not_helped;
  nps_count += sign * o.nps_count;
  promoters += sign * o.promoters;
  detractors += sign * o.detractors;
  effort_count += sign * o.effort_count;
  effort_sum += sign * o.effort_sum;
  calls.merge(o.calls, sign);
}

bool KpiCounts::empty() const {
  return *this == KpiCounts{};
}

void fill_counted_figures(const KpiCounts& c, const std::optional<CostModel>& cost, KpiFigures& f) {
  f.contacts_received = c.received;
  f.contacts_handled = c.handled;
  f.resolved = c.resolved;
  f.resolution_rate = ratio(c.resolved, c.received);
  f.solved_tickets = c.solved_tickets;
  f.first_contact_resolved = c.first_contact_resolved;
  f.first_contact_resolution_rate = ratio(c.first_contact_resolved, c.solved_tickets);
  f.reopens = c.reopens;
  f.reopen_rate = ratio(c.reopens, c.solved_tickets);
  f.sla = c.sla;
  for (auto& target : f.sla) {
    target.compliance = ratio(target.cycles_met, target.cycles_finished);
  }
  f.major_complaints_late = c.major_complaints_late;
  f.csat_responses = c.csat_count;
  if (c.csat_count > 0) {
    f.csat_mean = static_cast<double>(c.csat_sum) / static_cast<double>(c.csat_count);
  }
  f.helped_responses = c.helped_count;
  f.not_helped_share = ratio(c.not_helped, c.helped_count);
  f.nps_responses = c.nps_count;
  if (c.nps_count > 0) {
    f.nps = 100.0 * static_cast<double>(c.promoters - c.detractors) / static_cast<double>(c.nps_count);
  }
  f.effort_responses = c.effort_count;
  if (c.effort_count > 0) {
    f.effort_mean = static_cast<double>(c.effort_sum) / static_cast<double>(c.effort_count);
  }
  if (cost && c.received > 0) {
    f.cost_per_contact = cost->cost_per_agent_hour * cost->agent_minutes_per_handled_contact / 60.0 *
                         static_cast<double>(c.handled) / static_cast<double>(c.received);
  }
}

std::string group_key(const domain::Ticket& ticket, Dimension dimension) {
  std::string key;
  key_of(ticket, dimension, key);
  return key;
}

bool group_key_less(const std::string& a, const std::string& b) {
  return order_of(a) < order_of(b);
}

bool is_excluded(const domain::Ticket& ticket) {
  return has_tag(ticket, kSpamTag) || has_tag(ticket, kMysteryShopperTag);
}

std::string_view to_string(Dimension dimension) {
  switch (dimension) {
    case Dimension::All:
      return "all";
    case Dimension::Tenant:
      return "tenant";
    case Dimension::Team:
      return "team";
    case Dimension::Agent:
      return "agent";
    case Dimension::Channel:
      return "channel";
    case Dimension::Category:
      return "category";
  }
  return "all";
}

Result<Dimension> parse_dimension(std::string_view name) {
  for (Dimension d : {Dimension::All, Dimension::Tenant, Dimension::Team, Dimension::Agent,
                      Dimension::Channel, Dimension::Category}) {
    if (to_string(d) == name) {
      return d;
    }
  }
  return invalid_input("group_by must be one of all, tenant, team, agent, channel, category", "group_by");
}

Result<KpiReport> compute_kpis(std::span<const TicketFacts> tickets, const KpiQuery& query) {
  auto buckets = Buckets::create(query.period, query.from, query.to, query.time_zone);
  if (!buckets.ok()) {
    return buckets.error();
  }
  const std::size_t n_buckets = buckets->size();
  std::vector<Timestamp> ends;
  ends.reserve(n_buckets);
  for (const auto& b : buckets->all()) {
    ends.push_back(b.end);
  }

  KpiReport report;
  report.dimension = query.dimension;
  report.period = query.period;
  report.from = query.from;
  report.to = query.to;
  report.time_zone = query.time_zone;
  report.business_time = query.calendar.has_value();

  std::unordered_map<std::string, std::vector<Acc>> groups;
  std::string key;
  std::string last_key;
  std::vector<Acc>* last_group = nullptr;
  TicketKpi kpi;
  const sla::BusinessCalendar* calendar = query.calendar ? &*query.calendar : nullptr;
  for (const TicketFacts& facts : tickets) {
    const auto& t = facts.ticket;
    const bool in_range = t.created_at >= query.from && t.created_at < query.to;
    if (has_tag(t, kSpamTag)) {
      report.excluded_spam += in_range ? 1 : 0;
      continue;
    }
    if (has_tag(t, kMysteryShopperTag)) {
      report.excluded_mystery_shopper += in_range ? 1 : 0;
      continue;
    }
    if (t.created_at >= query.to) {
      continue;
    }
    const auto cohort = buckets->index_of(t.created_at);
    SP_TRY(measure_ticket(facts, query.to, calendar, query.breach_rules, kpi));
    // Backlog: period ends E with opened < E <= resolved for some open interval.
    bool any_backlog = false;
    for (const auto& [opened, resolved] : kpi.open) {
      auto it = std::upper_bound(ends.begin(), ends.end(), opened);
      if (it != ends.end() && *it <= resolved) {
        any_backlog = true;
        break;
      }
    }
    if (!cohort && !any_backlog) {
      continue;
    }
    key_of(t, query.dimension, key);
    if (last_group == nullptr || key != last_key) {
      auto [pos, inserted] = groups.try_emplace(key);
      if (inserted) {
        pos->second.resize(n_buckets);
      }
      last_group = &pos->second;
      last_key = key;
    }
    auto& per_bucket = *last_group;
    if (cohort) {
      add_to(per_bucket[*cohort], kpi);
    }
    for (const auto& [opened, resolved] : kpi.open) {
      for (auto it = std::upper_bound(ends.begin(), ends.end(), opened); it != ends.end() && *it <= resolved;
           ++it) {
        Acc& acc = per_bucket[static_cast<std::size_t>(it - ends.begin())];
        acc.touched = true;
        acc.backlog_age.push_back(seconds_between(t.created_at, *it));
      }
    }
  }

  std::vector<std::pair<KeyOrder, std::vector<Acc>*>> ordered;
  ordered.reserve(groups.size());
  for (auto& [name, accs] : groups) {
    ordered.emplace_back(order_of(name), &accs);
  }
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, accs] : ordered) {
    for (std::size_t i = 0; i < n_buckets; ++i) {
      Acc& acc = (*accs)[i];
      if (!acc.touched) {
        continue;
      }
      report.groups.push_back(KpiGroup{order.text, buckets->all()[i], finish(acc, query)});
    }
  }
  return report;
}

}  // namespace sp::reporting
