#include "service/report_content.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "feedback/topics_json.hpp"

#include <algorithm>
#include <map>

#include "reporting/period.hpp"

namespace sp::service {
namespace {

using documents::SelfCheckItem;

constexpr std::int64_t kMinute = 60'000;

// Whole minutes from `from` to `to`, rounded up (a reply 10 s late is 1 minute late).
std::int64_t minutes_between(Timestamp from, Timestamp to) {
  const auto ms = (to - from).count();
  if (ms <= 0) return 0;
  return (ms + kMinute - 1) / kMinute;
}

bool is_open(domain::Status status) {
  return status != domain::Status::Solved && status != domain::Status::Closed;
}

// The local midnight after `day_start` (a local midnight) in `zone`: 23, 24 or 25 hours later.
Result<Timestamp> next_local_midnight(Timestamp day_start, const std::string& zone) {
  auto buckets =
      reporting::Buckets::create(reporting::Period::Day, day_start, day_start + std::chrono::hours(26), zone);
  if (!buckets) return buckets.error();
  return buckets->all().front().end;
}

// Per assignee: the agent's items.
struct AgentItems {
  std::vector<SelfCheckItem> missed;
  std::vector<SelfCheckItem> at_risk;
};

}  // namespace

Result<documents::DailySelfCheck> ReportContent::daily_self_check(const Tenant& tenant,
                                                                  const reporting::BreachRules& rules,
                                                                  Timestamp from, Timestamp to,
                                                                  Timestamp now) {
  const auto scope = storage::Scope::of(tenant.id);
  documents::DailySelfCheck check;
  check.from = from;
  check.to = to;
  check.as_of = now;
  check.time_zone = tenant.timezone;
  auto today_end = next_local_midnight(to, tenant.timezone);
  if (!today_end) return today_end.error();
  check.today_end = *today_end;

  // Key: assignee id, or -1 for unassigned tickets.
  std::map<std::int64_t, AgentItems> items;
  auto key_of = [](const Ticket& ticket) {
    return ticket.assignee_id ? ticket.assignee_id->value : std::int64_t{-1};
  };

  // 1. What was promised and missed yesterday.
  auto tickets = store_.tickets_for_report(scope, from, to, kMaxSelfCheckTickets + 1);
  if (!tickets) return tickets.error();
  if (tickets->size() > static_cast<std::size_t>(kMaxSelfCheckTickets)) {
    check.truncated = true;
    tickets->resize(kMaxSelfCheckTickets);
  }
  for (const Ticket& ticket : *tickets) {
    if (reporting::is_excluded(ticket) || ticket.created_at >= to) continue;
    auto sla = sla_.evaluate(ticket, to);
    if (!sla) return sla.error();
    if (sla->state) {
      for (const auto& cycle : sla->state->cycles) {
        if (cycle.state != sla::ClockState::Breached || !cycle.due_at) continue;
        if (*cycle.due_at < from || *cycle.due_at >= to) continue;
        SelfCheckItem item;
        item.kind = SelfCheckItem::Kind::SlaBreached;
        item.ticket_id = ticket.id.value;
        item.subject = ticket.subject;
        item.target = std::string(sla::to_string(cycle.target));
        item.target_minutes = (cycle.business_seconds_used + cycle.business_seconds_remaining) / 60;
        item.due_at = cycle.due_at;
        item.still_open = !cycle.met_at;
        item.late_minutes = minutes_between(*cycle.due_at, cycle.met_at ? *cycle.met_at : to);
        items[key_of(ticket)].missed.push_back(std::move(item));
      }
    }
    // Major complaints answered late (the letter's 30 minutes, in calendar time), created
    // yesterday: the same rule as the KPI major_complaints_late.
    const bool major = std::find(rules.major_categories.begin(), rules.major_categories.end(),
                                 ticket.category) != rules.major_categories.end();
    if (major && rules.major_complaint_response_minutes && ticket.created_at >= from) {
      const auto limit = std::chrono::minutes(*rules.major_complaint_response_minutes);
      auto messages = store_.list_messages(scope, ticket.id);
      if (!messages) return messages.error();
      std::optional<Timestamp> first_reply;
      for (const auto& message : *messages) {
        if (message.kind == domain::MessageKind::Outbound &&
            message.author.type == domain::ActorType::Agent && message.created_at < to) {
          first_reply = message.created_at;
          break;
        }
      }
      const Timestamp due = ticket.created_at + limit;
      const Timestamp answered = first_reply ? *first_reply : to;
      if (answered > due) {
        SelfCheckItem item;
        item.kind = SelfCheckItem::Kind::MajorComplaintLate;
        item.ticket_id = ticket.id.value;
        item.subject = ticket.subject;
        item.target = "major_complaint_response";
        item.target_minutes = *rules.major_complaint_response_minutes;
        item.due_at = due;
        item.still_open = !first_reply;
        item.late_minutes = minutes_between(due, answered);
        items[key_of(ticket)].missed.push_back(std::move(item));
      }
    }
  }

  // 2. Open items at risk today: running cycles due before today's end, or overdue.
  storage::TicketFilter filter;
  filter.statuses = {domain::Status::New, domain::Status::Open, domain::Status::Pending,
                     domain::Status::OnHold};
  filter.sort_by_due = true;
  filter.limit = kMaxAtRiskTickets;
  auto open = store_.list_tickets(scope, filter);
  if (!open) return open.error();
  if (open->size() >= static_cast<std::size_t>(kMaxAtRiskTickets)) check.truncated = true;
  std::map<std::int64_t, std::optional<TeamId>> team_of_ticket;
  for (const Ticket& ticket : *open) {
    team_of_ticket[ticket.id.value] = ticket.team_id;
    if (reporting::is_excluded(ticket) || !is_open(ticket.status)) continue;
    auto sla = sla_.evaluate(ticket, now);
    if (!sla) return sla.error();
    if (!sla->state) continue;
    for (const auto& cycle : sla->state->current) {
      if (cycle.met_at || !cycle.due_at || cycle.state == sla::ClockState::Paused) continue;
      if (*cycle.due_at >= check.today_end) continue;
      SelfCheckItem item;
      const bool overdue = *cycle.due_at <= now;
      item.kind = overdue ? SelfCheckItem::Kind::Overdue : SelfCheckItem::Kind::AtRisk;
      item.ticket_id = ticket.id.value;
      item.subject = ticket.subject;
      item.target = std::string(sla::to_string(cycle.target));
      item.target_minutes = (cycle.business_seconds_used + cycle.business_seconds_remaining) / 60;
      item.due_at = cycle.due_at;
      item.late_minutes = overdue ? minutes_between(*cycle.due_at, now) : 0;
      item.still_open = overdue;
      items[key_of(ticket)].at_risk.push_back(std::move(item));
    }
  }
  for (const Ticket& ticket : *tickets) team_of_ticket.emplace(ticket.id.value, ticket.team_id);

  // 2b. Commitments: broken yesterday (missed) and open ones due before today's end.
  if (commitments_ != nullptr) {
    storage::CommitmentFilter broken;
    broken.state = domain::CommitmentState::Broken;
    broken.due_from = from;
    broken.due_before = to;
    broken.limit = kMaxAtRiskTickets;
    storage::CommitmentFilter open;
    open.state = domain::CommitmentState::Open;
    open.due_before = check.today_end;
    open.limit = kMaxAtRiskTickets;
    for (const auto* wanted : {&broken, &open}) {
      auto found = commitments_->list_commitments(tenant.id, *wanted);
      if (!found) return found.error();
      if (found->size() >= static_cast<std::size_t>(kMaxAtRiskTickets)) check.truncated = true;
      for (const auto& commitment : *found) {
        auto ticket = store_.get_ticket(scope, commitment.ticket_id);
        if (!ticket) return ticket.error();
        if (reporting::is_excluded(*ticket)) continue;
        team_of_ticket.emplace(ticket->id.value, ticket->team_id);
        SelfCheckItem item;
        const bool missed = wanted == &broken;
        item.kind = missed ? SelfCheckItem::Kind::CommitmentBroken : SelfCheckItem::Kind::CommitmentDue;
        item.ticket_id = ticket->id.value;
        item.subject = ticket->subject;
        item.target = "commitment";
        item.what = commitment.what;
        item.due_at = commitment.due_at;
        const bool late = missed || commitment.due_at <= now;
        item.still_open = late;
        item.late_minutes = late ? minutes_between(commitment.due_at, missed ? to : now) : 0;
        auto& agent_items = items[commitment.agent_id.value];
        (missed ? agent_items.missed : agent_items.at_risk).push_back(std::move(item));
      }
    }
  }

  // 3. Names, teams and order.
  auto agents = store_.list_agents(scope);
  if (!agents) return agents.error();
  auto teams = store_.list_teams(scope);
  if (!teams) return teams.error();
  std::map<std::int64_t, const Agent*> agent_by_id;
  for (const auto& agent : *agents) agent_by_id[agent.id.value] = &agent;
  std::map<std::int64_t, std::string> team_name;
  for (const auto& team : *teams) team_name[team.id.value] = team.name;
  auto name_of_team = [&](std::optional<TeamId> id) -> std::string {
    if (!id) return {};
    auto it = team_name.find(id->value);
    return it == team_name.end() ? std::string() : it->second;
  };

  std::map<std::string, documents::SelfCheckTeam> team_totals;
  auto by_due = [](const SelfCheckItem& a, const SelfCheckItem& b) {
    if (a.due_at != b.due_at) return a.due_at < b.due_at;
    if (a.ticket_id != b.ticket_id) return a.ticket_id < b.ticket_id;
    return a.target < b.target;
  };
  std::vector<documents::SelfCheckAgent> assigned;
  std::optional<documents::SelfCheckAgent> unassigned;
  for (auto& [key, agent_items] : items) {
    std::sort(agent_items.missed.begin(), agent_items.missed.end(), by_due);
    std::sort(agent_items.at_risk.begin(), agent_items.at_risk.end(), by_due);
    documents::SelfCheckAgent row;
    if (key >= 0) {
      auto it = agent_by_id.find(key);
      row.agent = it == agent_by_id.end() ? "#" + std::to_string(key) : it->second->name;
      if (it != agent_by_id.end()) row.team = name_of_team(it->second->team_id);
    }
    // Team totals: the agent's team; for unassigned tickets, each ticket's team.
    for (const auto* list : {&agent_items.missed, &agent_items.at_risk}) {
      for (const auto& item : *list) {
        std::string team = row.team;
        if (key < 0) team = name_of_team(team_of_ticket[item.ticket_id]);
        auto& total = team_totals[team];
        total.team = team;
        ++(list == &agent_items.missed ? total.missed : total.at_risk);
      }
    }
    row.missed = std::move(agent_items.missed);
    row.at_risk = std::move(agent_items.at_risk);
    if (key < 0) {
      unassigned = std::move(row);
    } else {
      assigned.push_back(std::move(row));
    }
  }
  std::sort(assigned.begin(), assigned.end(), [](const auto& a, const auto& b) { return a.agent < b.agent; });
  check.agents = std::move(assigned);
  if (unassigned) check.agents.push_back(std::move(*unassigned));
  for (auto& [name, total] : team_totals) {
    if (!name.empty()) check.teams.push_back(total);
  }
  if (auto it = team_totals.find(""); it != team_totals.end()) check.teams.push_back(it->second);
  return check;
}

Result<FeedbackOverview> ReportContent::feedback_overview(const Tenant& tenant, Timestamp from,
                                                          Timestamp to) {
  if (to <= from) return invalid_input("to must be after from", "to");
  if (to - from > std::chrono::hours(24 * kMaxFeedbackWindowDays)) {
    return invalid_input("the window is at most " + std::to_string(kMaxFeedbackWindowDays) + " days", "to");
  }
  const auto scope = storage::Scope::of(tenant.id);
  FeedbackOverview overview;
  overview.from = from;
  overview.to = to;
  auto tenant_topics = topics_of(tenant.id);
  if (!tenant_topics) return tenant_topics.error();
  overview.topics = std::move(*tenant_topics);
  const auto& topics = overview.topics;

  auto answers = surveys_.answers_with_tickets(scope, from, to, storage::kMaxFeedbackAnswers + 1);
  if (!answers) return answers.error();
  if (answers->size() > static_cast<std::size_t>(storage::kMaxFeedbackAnswers)) {
    overview.truncated = true;
    answers->resize(storage::kMaxFeedbackAnswers);
  }
  std::map<std::int64_t, std::string> comment_of_ticket;
  for (auto& answer : *answers) {
    ClassifiedAnswer classified;
    classified.topics = feedback::classify(topics, {answer.answer.comment, answer.category, answer.subject});
    comment_of_ticket[answer.ticket_id.value] = answer.answer.comment;
    classified.answer = std::move(answer);
    overview.answers.push_back(std::move(classified));
  }

  auto tickets = store_.tickets_for_report(scope, from, to, kMaxRecurringWindowTickets + 1);
  if (!tickets) return tickets.error();
  if (tickets->size() > static_cast<std::size_t>(kMaxRecurringWindowTickets)) {
    overview.truncated = true;
    tickets->resize(kMaxRecurringWindowTickets);
  }
  std::vector<feedback::TicketFacts> facts;
  for (const Ticket& ticket : *tickets) {
    // tickets_for_report also returns older open tickets (the backlog): only the window's own.
    if (ticket.created_at < from || ticket.created_at >= to || reporting::is_excluded(ticket)) {
      continue;
    }
    feedback::TicketFacts fact;
    fact.ticket_id = ticket.id.value;
    fact.customer_id = ticket.requester_id.value;
    fact.subject = ticket.subject;
    fact.category = ticket.category;
    fact.created_at = ticket.created_at;
    const auto comment = comment_of_ticket.find(ticket.id.value);
    fact.topics =
        feedback::classify(topics, {comment == comment_of_ticket.end() ? std::string_view() : comment->second,
                                    ticket.category, ticket.subject});
    facts.push_back(std::move(fact));
  }
  auto recurring = feedback::recurring_issues(facts);
  if (!recurring) return recurring.error();
  overview.recurring = std::move(*recurring);
  return overview;
}

documents::WeeklyFeedback weekly_feedback(const FeedbackOverview& overview, const std::string& time_zone,
                                          domain::Language language, std::size_t max_comments_per_topic) {
  documents::WeeklyFeedback summary;
  summary.from = overview.from;
  summary.to = overview.to;
  summary.time_zone = time_zone;
  summary.truncated = overview.truncated;
  summary.answers = static_cast<std::int64_t>(overview.answers.size());

  // The same definitions as the KPI figures csat, not_helped_share, nps and customer_effort,
  // over the answers given in the window.
  double grade_sum = 0;
  std::int64_t grades = 0;
  std::int64_t not_helped = 0;
  std::int64_t promoters = 0;
  std::int64_t detractors = 0;
  std::int64_t nps_count = 0;
  double effort_sum = 0;
  std::int64_t efforts = 0;
  for (const auto& classified : overview.answers) {
    const auto& answer = classified.answer.answer;
    if (answer.grade >= 1 && answer.grade <= 10) {
      grade_sum += answer.grade;
      ++grades;
    }
    if (!answer.helped) ++not_helped;
    if (answer.nps && *answer.nps >= 0 && *answer.nps <= 10) {
      ++nps_count;
      if (*answer.nps >= 9) ++promoters;
      if (*answer.nps <= 6) ++detractors;
    }
    if (answer.effort && *answer.effort >= 1 && *answer.effort <= 5) {
      effort_sum += *answer.effort;
      ++efforts;
    }
  }
  if (grades > 0) summary.csat_mean = grade_sum / static_cast<double>(grades);
  if (summary.answers > 0) {
    summary.not_helped_share = static_cast<double>(not_helped) / static_cast<double>(summary.answers);
  }
  if (nps_count > 0) {
    summary.nps = 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(nps_count);
  }
  if (efforts > 0) summary.effort_mean = effort_sum / static_cast<double>(efforts);

  const auto& topics = overview.topics;
  std::vector<std::string> order;
  for (const auto& topic : topics) order.push_back(topic.id);
  order.emplace_back(feedback::kOtherTopic);
  for (const auto& id : order) {
    documents::TopicSection section;
    section.id = id;
    section.name = feedback::topic_name(topics, id, language);
    for (const auto& classified : overview.answers) {
      if (std::find(classified.topics.begin(), classified.topics.end(), id) == classified.topics.end()) {
        continue;
      }
      ++section.answers;
      const auto& answer = classified.answer;
      if (!answer.answer.comment.empty() && section.comments.size() < max_comments_per_topic) {
        section.comments.push_back({answer.ticket_id.value, answer.answer.grade, answer.answer.comment});
      }
    }
    if (section.answers > 0) summary.topics.push_back(std::move(section));
  }
  for (const auto& issue : overview.recurring) {
    summary.recurring.push_back({issue.signature, issue.example_subject, issue.ticket_ids,
                                 issue.customer_count, issue.first_seen, issue.last_seen});
  }
  return summary;
}

std::string feedback_topics_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".feedback_topics";
}

Result<std::vector<feedback::Topic>> ReportContent::topics_of(TenantId tenant, bool* customised) {
  if (customised != nullptr) *customised = false;
  auto stored = store_.get_setting(feedback_topics_key(tenant));
  if (!stored) return stored.error();
  if (*stored && **stored != "null") {
    auto parsed = feedback::topics_from_json(nlohmann::json::parse(**stored, nullptr, false));
    if (parsed) {
      if (customised != nullptr) *customised = true;
      return parsed;
    }
    spdlog::warn("tenant {}: stored feedback topics unreadable ({}); using the defaults", tenant.value,
                 parsed.error().message);
  }
  return feedback::default_topics();
}

Result<void> ReportContent::put_topics(TenantId tenant, std::span<const feedback::Topic> topics) {
  // An empty list means "the defaults again": stored as absent rather than as no topics.
  if (topics.empty()) return store_.put_setting(feedback_topics_key(tenant), "null");
  return store_.put_setting(feedback_topics_key(tenant), feedback::topics_to_json(topics).dump());
}

}  // namespace sp::service
