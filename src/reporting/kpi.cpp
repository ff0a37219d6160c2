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
};
// clang-format on

bool has_tag(const domain::Ticket& ticket, std::string_view tag) {
  return std::find(ticket.tags.begin(), ticket.tags.end(), tag) != ticket.tags.end();
}

struct Acc {
  std::int64_t received = 0;
  std::int64_t handled = 0;
  std::vector<double> first_response, first_response_business;
  std::vector<double> next_response, next_response_business;
  std::vector<double> resolution, resolution_business;
  std::int64_t resolved = 0;
  std::int64_t solved_tickets = 0;
  std::int64_t fcr = 0;
  std::int64_t reopens = 0;
  std::vector<double> backlog_age;
  std::array<SlaTargetFigures, sla::kSlaTargetCount> sla{};
  std::int64_t major_late = 0;
  std::int64_t csat_count = 0;
  double csat_sum = 0;
  std::int64_t helped_count = 0;
  std::int64_t not_helped = 0;
  std::int64_t nps_count = 0;
  std::int64_t promoters = 0;
  std::int64_t detractors = 0;
  std::int64_t effort_count = 0;
  double effort_sum = 0;
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

bool is_resolved_status(Status s) { return s == Status::Solved || s == Status::Closed; }

// What one pass over a ticket's history (events before the report end) yields.
struct Scan {
  std::optional<Timestamp> first_reply;
  std::optional<Timestamp> first_solved;
  std::int64_t agent_replies = 0;
  std::int64_t reopens = 0;
  bool resolved_at_end = false;
  std::vector<std::pair<Timestamp, Timestamp>> waits;  // answered next-response waits
  std::vector<std::pair<Timestamp, Timestamp>> open;   // [opened, resolved) intervals
};

void scan_ticket(const TicketFacts& facts, Timestamp as_of, Scan& s) {
  s.first_reply.reset();
  s.first_solved.reset();
  s.agent_replies = 0;
  s.reopens = 0;
  s.waits.clear();
  s.open.clear();
  const Timestamp created = facts.ticket.created_at;
  std::optional<Timestamp> waiting_since;
  bool is_open = true;
  Timestamp open_since = created;
  for (const auto& e : facts.events) {
    if (e.at >= as_of) {
      continue;
    }
    if (e.type == EventType::MessageAdded && e.message_kind) {
      if (*e.message_kind == MessageKind::Outbound && e.actor.type == domain::ActorType::Agent) {
        ++s.agent_replies;
        if (!s.first_reply) {
          s.first_reply = e.at;
        } else if (waiting_since) {
          s.waits.emplace_back(*waiting_since, e.at);
        }
        waiting_since.reset();
      } else if (*e.message_kind == MessageKind::Inbound && s.first_reply && !waiting_since) {
        waiting_since = e.at;
      }
    } else if (e.type == EventType::StatusChanged) {
      auto to = domain::parse_status(e.to);
      if (!to.ok()) {
        continue;
      }
      if (*to == Status::Solved && !s.first_solved) {
        s.first_solved = e.at;
      }
      if (e.from == "solved" && *to != Status::Closed) {
        ++s.reopens;
      }
      if (is_resolved_status(*to)) {
        if (is_open) {
          s.open.emplace_back(open_since, e.at);
          is_open = false;
        }
      } else if (!is_open) {
        is_open = true;
        open_since = e.at;
      }
    }
  }
  s.resolved_at_end = !is_open;
  if (is_open) {
    s.open.emplace_back(open_since, Timestamp::max());
  }
}

bool breach_is_major(const TicketFacts& facts, const sla::ClockCycle& cycle,
                     const BreachRules& rules) {
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

Result<void> add_business(const KpiQuery& q, Timestamp from, Timestamp to,
                          std::vector<double>& out) {
  auto seconds = sla::business_seconds(*q.calendar, from, to);
  if (!seconds.ok()) {
    return seconds.error();
  }
  out.push_back(static_cast<double>(*seconds));
  return {};
}

Result<void> add_cohort(const TicketFacts& facts, const Scan& s, const KpiQuery& q, Acc& acc) {
  const auto& t = facts.ticket;
  const Timestamp created = t.created_at;
  acc.touched = true;
  ++acc.received;
  if (s.agent_replies > 0) {
    ++acc.handled;
  }
  if (s.first_reply) {
    acc.first_response.push_back(seconds_between(created, *s.first_reply));
    if (q.calendar) {
      SP_TRY(add_business(q, created, *s.first_reply, acc.first_response_business));
    }
  }
  for (const auto& [from, to] : s.waits) {
    acc.next_response.push_back(seconds_between(from, to));
    if (q.calendar) {
      SP_TRY(add_business(q, from, to, acc.next_response_business));
    }
  }
  if (s.first_solved) {
    ++acc.solved_tickets;
    acc.resolution.push_back(seconds_between(created, *s.first_solved));
    if (q.calendar) {
      SP_TRY(add_business(q, created, *s.first_solved, acc.resolution_business));
    }
    if (s.agent_replies == 1 && s.reopens == 0) {
      ++acc.fcr;
    }
  }
  if (s.resolved_at_end) {
    ++acc.resolved;
  }
  acc.reopens += s.reopens;
  if (facts.sla) {
    for (const auto& cycle : facts.sla->cycles) {
      auto& fig = acc.sla[static_cast<std::size_t>(cycle.target)];
      if (cycle.state == sla::ClockState::Met) {
        ++fig.cycles_finished;
        ++fig.cycles_met;
      } else if (cycle.state == sla::ClockState::Breached) {
        ++fig.cycles_finished;
        if (breach_is_major(facts, cycle, q.breach_rules)) {
          ++fig.breaches_major;
        } else {
          ++fig.breaches_minor;
        }
      }
    }
  }
  const auto& rules = q.breach_rules;
  if (rules.major_complaint_response_minutes &&
      std::find(rules.major_categories.begin(), rules.major_categories.end(), t.category) !=
          rules.major_categories.end()) {
    const Duration limit = std::chrono::minutes{*rules.major_complaint_response_minutes};
    const Timestamp answered = s.first_reply ? *s.first_reply : q.to;
    if (answered - created > limit) {
      ++acc.major_late;
    }
  }
  if (facts.csat_grade && *facts.csat_grade >= 1 && *facts.csat_grade <= 10) {
    ++acc.csat_count;
    acc.csat_sum += *facts.csat_grade;
  }
  if (facts.helped) {
    ++acc.helped_count;
    if (!*facts.helped) {
      ++acc.not_helped;
    }
  }
  if (facts.nps_score && *facts.nps_score >= 0 && *facts.nps_score <= 10) {
    ++acc.nps_count;
    if (*facts.nps_score >= 9) {
      ++acc.promoters;
    } else if (*facts.nps_score <= 6) {
      ++acc.detractors;
    }
  }
  if (facts.effort_score && *facts.effort_score >= 1 && *facts.effort_score <= 5) {
    ++acc.effort_count;
    acc.effort_sum += *facts.effort_score;
  }
  return {};
}

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
  if (den <= 0) {
    return std::nullopt;
  }
  return static_cast<double>(num) / static_cast<double>(den);
}

KpiFigures finish(Acc& acc, const KpiQuery& q) {
  KpiFigures f;
  f.contacts_received = acc.received;
  f.contacts_handled = acc.handled;
  f.first_response_seconds = summarize(acc.first_response);
  f.next_response_seconds = summarize(acc.next_response);
  f.resolution_seconds = summarize(acc.resolution);
  if (q.calendar) {
    f.first_response_business_seconds = summarize(acc.first_response_business);
    f.next_response_business_seconds = summarize(acc.next_response_business);
    f.resolution_business_seconds = summarize(acc.resolution_business);
  }
  f.resolved = acc.resolved;
  f.resolution_rate = ratio(acc.resolved, acc.received);
  f.solved_tickets = acc.solved_tickets;
  f.first_contact_resolved = acc.fcr;
  f.first_contact_resolution_rate = ratio(acc.fcr, acc.solved_tickets);
  f.reopens = acc.reopens;
  f.reopen_rate = ratio(acc.reopens, acc.solved_tickets);
  f.backlog = static_cast<std::int64_t>(acc.backlog_age.size());
  f.backlog_age_seconds = summarize(acc.backlog_age);
  f.sla = acc.sla;
  for (auto& target : f.sla) {
    target.compliance = ratio(target.cycles_met, target.cycles_finished);
  }
  f.major_complaints_late = acc.major_late;
  f.csat_responses = acc.csat_count;
  if (acc.csat_count > 0) {
    f.csat_mean = acc.csat_sum / static_cast<double>(acc.csat_count);
  }
  f.helped_responses = acc.helped_count;
  f.not_helped_share = ratio(acc.not_helped, acc.helped_count);
  f.nps_responses = acc.nps_count;
  if (acc.nps_count > 0) {
    f.nps = 100.0 * static_cast<double>(acc.promoters - acc.detractors) /
            static_cast<double>(acc.nps_count);
  }
  f.effort_responses = acc.effort_count;
  if (acc.effort_count > 0) {
    f.effort_mean = acc.effort_sum / static_cast<double>(acc.effort_count);
  }
  if (q.cost && acc.received > 0) {
    f.cost_per_contact = q.cost->cost_per_agent_hour * q.cost->agent_minutes_per_handled_contact /
                         60.0 * static_cast<double>(acc.handled) /
                         static_cast<double>(acc.received);
  }
  return f;
}

}  // namespace

std::span<const FigureDefinition> kpi_definitions() { return kDefinitions; }

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
  return invalid_input("group_by must be one of all, tenant, team, agent, channel, category",
                       "group_by");
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
  Scan scan;
  for (const TicketFacts& facts : tickets) {
    const auto& t = facts.ticket;
    if (has_tag(t, kSpamTag)) {
      ++report.excluded_spam;
      continue;
    }
    if (has_tag(t, kMysteryShopperTag)) {
      ++report.excluded_mystery_shopper;
      continue;
    }
    if (t.created_at >= query.to) {
      continue;
    }
    const auto cohort = buckets->index_of(t.created_at);
    scan_ticket(facts, query.to, scan);
    // Backlog: period ends E with opened < E <= resolved for some open interval.
    bool any_backlog = false;
    for (const auto& [opened, resolved] : scan.open) {
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
      SP_TRY(add_cohort(facts, scan, query, per_bucket[*cohort]));
    }
    for (const auto& [opened, resolved] : scan.open) {
      for (auto it = std::upper_bound(ends.begin(), ends.end(), opened);
           it != ends.end() && *it <= resolved; ++it) {
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
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
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
