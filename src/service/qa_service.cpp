#include "service/qa_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "charter/charter_json.hpp"
#include "core/text.hpp"
#include "quality/sampling.hpp"
#include "reporting/kpi.hpp"
#include "reporting/period.hpp"

namespace sp::service {

namespace {

using nlohmann::json;

// Reviews read for one calibration or report (cursor pages of kMaxPageSize).
constexpr int kMaxReviewsPerPeriod = 20'000;

std::string scorecard_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".qa_scorecard";
}

// "YYYY-MM-DD" of a local day number (days since 1970-01-01).
std::string day_label(std::int64_t day) {
  return format_rfc3339(from_unix_seconds(day * 86'400)).substr(0, 10);
}

bool excluded(const storage::HandledRow& row) {
  for (const auto& tag : row.tags) {
    if (tag == reporting::kSpamTag || tag == reporting::kMysteryShopperTag) return true;
  }
  return false;
}

Error reviewers_only() {
  return forbidden("only QA reviewers, supervisors and admins may do this");
}

}  // namespace

bool may_review(const Principal& p) {
  const Role role = p.agent.role;
  return role == Role::QaReviewer || role == Role::Supervisor || role == Role::Admin;
}

Result<TenantId> QaService::tenant_of(const Principal& p, std::optional<TenantId> named) {
  return resolve_tenant(helpdesk_.store(), p, named);
}

Result<quality::Scorecard> QaService::load_scorecard(TenantId tenant) {
  auto stored = helpdesk_.store().get_setting(scorecard_key(tenant));
  if (!stored) return stored.error();
  if (!*stored) return quality::default_scorecard();
  auto parsed = json::parse(**stored, nullptr, false);
  if (parsed.is_discarded()) return internal_error("stored scorecard is not JSON");
  return quality::scorecard_from_json(parsed);
}

Result<charter::Rhythm> QaService::rhythm(TenantId tenant) {
  auto stored = helpdesk_.store().get_setting(charter::charter_setting_key(tenant));
  if (!stored) return stored.error();
  if (!*stored) return charter::Rhythm{};
  auto parsed = json::parse(**stored, nullptr, false);
  if (parsed.is_discarded()) return charter::Rhythm{};
  auto charter = charter::charter_from_json(parsed);
  // A charter that no longer validates must not stop the sampling: use the defaults.
  if (!charter) return charter::Rhythm{};
  return charter->rhythm;
}

Result<int> QaService::samples_per_agent(TenantId tenant) {
  auto found = rhythm(tenant);
  if (!found) return found.error();
  return found->daily_qa_samples;
}

Result<void> QaService::check_agents(TenantId tenant, const std::vector<AgentId>& agents, const char* field) {
  if (agents.size() > kMaxQaAttendees)
    return invalid_input(std::string(field) + " holds more than 500 agents", field);
  const auto scope = storage::Scope::of(tenant);
  for (const auto& agent : agents) {
    if (!helpdesk_.store().get_agent(scope, agent)) {
      return invalid_input("agent " + std::to_string(agent.value) + " is not of the tenant", field);
    }
  }
  return {};
}

Result<storage::QaTraining> QaService::create_training(const Principal& p, std::optional<TenantId> named,
                                                       QaTrainingInput input) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  input.title = std::string(text::trim(input.title));
  if (input.title.empty()) return invalid_input("title is required", "title");
  if (input.title.size() > 500) return invalid_input("title is longer than 500 bytes", "title");
  if (input.duration_minutes < 1 || input.duration_minutes > 24 * 60) {
    return invalid_input("duration_minutes must be 1..1440", "duration_minutes");
  }
  std::sort(input.attendees.begin(), input.attendees.end());
  input.attendees.erase(std::unique(input.attendees.begin(), input.attendees.end()), input.attendees.end());
  SP_TRY(check_agents(*tenant, input.attendees, "attendees"));
  storage::QaTraining training;
  training.tenant_id = *tenant;
  training.title = std::move(input.title);
  training.held_at = input.held_at;
  training.duration_minutes = input.duration_minutes;
  training.created_by = p.agent.id;
  training.created_at = clock_.now();
  training.attendees = std::move(input.attendees);
  return qa_.create_training(std::move(training));
}

Result<storage::QaTraining> QaService::add_attendees(const Principal& p, std::optional<TenantId> named,
                                                     storage::QaTrainingId id, std::vector<AgentId> agents) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  SP_TRY(check_agents(*tenant, agents, "agent_ids"));
  return qa_.add_attendees(*tenant, id, agents);
}

Result<std::vector<storage::QaTraining>> QaService::trainings(const Principal& p,
                                                              std::optional<TenantId> named, Timestamp from,
                                                              Timestamp to) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  return qa_.list_trainings(*tenant, from, to, storage::kMaxPageSize);
}

Result<storage::QaCertification> QaService::certify(const Principal& p, std::optional<TenantId> named,
                                                    QaCertificationInput input) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  input.name = std::string(text::trim(input.name));
  if (input.name.empty()) return invalid_input("name is required", "name");
  if (input.name.size() > 500) return invalid_input("name is longer than 500 bytes", "name");
  if (input.expires_at <= input.issued_at)
    return invalid_input("expires_at must be after issued_at", "expires_at");
  SP_TRY(check_agents(*tenant, {input.agent_id}, "agent_id"));
  storage::QaCertification c;
  c.tenant_id = *tenant;
  c.agent_id = input.agent_id;
  c.name = std::move(input.name);
  c.issued_at = input.issued_at;
  c.expires_at = input.expires_at;
  c.created_at = clock_.now();
  return qa_.create_certification(std::move(c));
}

Result<std::vector<storage::QaCertification>> QaService::certifications(
    const Principal& p, std::optional<TenantId> named, storage::QaCertificationFilter filter) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  return qa_.list_certifications(*tenant, filter);
}

Result<quality::Scorecard> QaService::scorecard(const Principal& p, std::optional<TenantId> named) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  return load_scorecard(*tenant);
}

Result<quality::Scorecard> QaService::put_scorecard(const Principal& p, std::optional<TenantId> named,
                                                    const json& body) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  auto card = quality::scorecard_from_json(body);
  if (!card) return card.error();
  SP_TRY(helpdesk_.store().put_setting(scorecard_key(*tenant), quality::to_json(*card).dump()));
  return card;
}

Result<QaQueueItem> QaService::describe(TenantId tenant, const storage::QaSample& sample) {
  QaQueueItem item;
  item.sample = sample;
  const auto scope = storage::Scope::of(tenant);
  auto ticket = helpdesk_.store().get_ticket(scope, sample.ticket_id);
  if (!ticket) return ticket.error();
  item.subject = ticket->subject;
  auto agent = helpdesk_.store().get_agent(scope, sample.agent_id);
  if (agent) item.agent_name = agent->name;
  return item;
}

Result<std::vector<QaQueueItem>> QaService::queue(const Principal& p, std::optional<TenantId> named,
                                                  storage::QaSampleFilter filter) {
  if (!may_review(p)) return reviewers_only();
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  filter.not_reviewed_by = p.agent.id;
  auto samples = qa_.list_samples(*tenant, filter);
  if (!samples) return samples.error();
  std::vector<QaQueueItem> items;
  for (const auto& sample : *samples) {
    auto item = describe(*tenant, sample);
    if (!item) return item.error();
    items.push_back(std::move(*item));
  }
  return items;
}

Result<QaQueueItem> QaService::sample(const Principal& p, std::optional<TenantId> named,
                                      storage::QaSampleId id) {
  if (!may_review(p)) return reviewers_only();
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  auto found = qa_.get_sample(*tenant, id);
  if (!found) return found.error();
  return describe(*tenant, *found);
}

Result<storage::QaReview> QaService::submit_review(const Principal& p, std::optional<TenantId> named,
                                                   NewQaReview input) {
  if (!may_review(p)) return reviewers_only();
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  if (input.comment.size() > kMaxQaTextBytes)
    return invalid_input("comment is longer than 4,000 bytes", "comment");
  auto sample = qa_.get_sample(*tenant, input.sample_id);
  if (!sample) return invalid_input("no such sample", "sample_id");
  if (sample->agent_id == p.agent.id) {
    Error error = forbidden("you may not review your own work");
    error.kind = std::string(kQaOwnWork);
    return error;
  }
  auto card = load_scorecard(*tenant);
  if (!card) return card.error();
  auto outcome = quality::score_review(*card, input.scores);
  if (!outcome) return outcome.error();
  storage::QaReview review;
  review.tenant_id = *tenant;
  review.sample_id = sample->id;
  review.ticket_id = sample->ticket_id;
  review.agent_id = sample->agent_id;
  review.reviewer_id = p.agent.id;
  review.scorecard_json = quality::to_json(*card).dump();
  json scores = json::array();
  for (const auto& s : input.scores) scores.push_back(quality::to_json(s));
  review.scores_json = scores.dump();
  review.score = outcome->score;
  review.critical_fail = outcome->critical_fail;
  review.comment = std::move(input.comment);
  review.created_at = clock_.now();
  auto made = qa_.create_review(std::move(review));
  if (!made && made.error().code == ErrorCode::Conflict) {
    return conflict("you reviewed this sample already", kQaAlreadyReviewed);
  }
  return made;
}

Result<storage::QaReview> QaService::review(const Principal& p, std::optional<TenantId> named,
                                            storage::QaReviewId id) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  auto found = qa_.get_review(*tenant, id);
  if (!found) return found.error();
  if (!may_review(p) && found->agent_id != p.agent.id) return not_found("no such review");
  return found;
}

Result<std::vector<storage::QaReview>> QaService::reviews(const Principal& p, std::optional<TenantId> named,
                                                          storage::QaReviewFilter filter) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  if (!may_review(p)) {
    // An agent sees the reviews of their own work only, whatever they ask for.
    if (filter.agent_id && *filter.agent_id != p.agent.id) return std::vector<storage::QaReview>{};
    filter.agent_id = p.agent.id;
  }
  return qa_.list_reviews(*tenant, filter);
}

Result<storage::QaReview> QaService::respond(const Principal& p, std::optional<TenantId> named,
                                             storage::QaReviewId id, storage::QaReviewState state,
                                             std::string text) {
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  const char* field = state == storage::QaReviewState::Disputed ? "reason" : "note";
  if (text.size() > kMaxQaTextBytes)
    return invalid_input(std::string(field) + " is longer than 4,000 bytes", field);
  if (state == storage::QaReviewState::Disputed && text::trim(text).empty()) {
    return invalid_input("say why you dispute the review", "reason");
  }
  auto found = qa_.get_review(*tenant, id);
  if (!found) return found.error();
  if (found->agent_id != p.agent.id) {
    if (may_review(p)) return forbidden("only the reviewed agent answers a review");
    return not_found("no such review");
  }
  auto changed = qa_.respond_review(*tenant, id, state, text, clock_.now());
  if (!changed) return changed.error();
  if (!*changed) return conflict("the review was answered already", kQaReviewAnswered);
  return qa_.get_review(*tenant, id);
}

Result<std::vector<storage::QaReview>> QaService::reviews_in(TenantId tenant, Timestamp from, Timestamp to) {
  std::vector<storage::QaReview> all;
  storage::QaReviewFilter filter;
  filter.from = from;
  filter.to = to;
  filter.limit = storage::kMaxPageSize;
  while (static_cast<int>(all.size()) < kMaxReviewsPerPeriod) {
    auto page = qa_.list_reviews(tenant, filter);
    if (!page) return page.error();
    all.insert(all.end(), page->begin(), page->end());
    if (static_cast<int>(page->size()) < storage::kMaxPageSize) break;
    filter.before_id = page->back().id.value;
  }
  return all;
}

Result<QaCalibration> QaService::calibration(const Principal& p, std::optional<TenantId> named,
                                             Timestamp from, Timestamp to, quality::AlphaMetric metric) {
  if (!may_review(p)) return reviewers_only();
  if (to <= from) return invalid_input("to must be after from", "to");
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  auto all = reviews_in(*tenant, from, to);
  if (!all) return all.error();
  QaCalibration out;
  out.from = from;
  out.to = to;
  out.metric = metric;
  std::map<std::int64_t, std::vector<const storage::QaReview*>> by_sample;
  for (const auto& r : *all) {
    if (r.sample_id) by_sample[r.sample_id->value].push_back(&r);
  }
  // criterion key -> one unit per sample (the scores its reviewers gave); keys in scorecard order.
  std::vector<std::string> keys;
  std::map<std::string, std::vector<quality::Unit>> units;
  std::vector<quality::Unit> overall;
  std::set<std::int64_t> reviewers;
  for (const auto& [sample, list] : by_sample) {
    if (list.size() < 2) continue;
    ++out.samples;
    out.reviews += static_cast<int>(list.size());
    std::map<std::string, quality::Unit> unit;
    quality::Unit scores;
    for (const auto* r : list) {
      reviewers.insert(r->reviewer_id.value);
      if (r->score) scores.push_back(*r->score);
      auto parsed = json::parse(r->scores_json, nullptr, false);
      auto items = quality::scores_from_json(parsed);
      if (!items) continue;
      for (const auto& s : *items) {
        if (std::find(keys.begin(), keys.end(), s.key) == keys.end()) keys.push_back(s.key);
        if (s.score) unit[s.key].push_back(static_cast<double>(*s.score));
      }
    }
    for (auto& [key, values] : unit) units[key].push_back(std::move(values));
    overall.push_back(std::move(scores));
  }
  out.reviewers = static_cast<int>(reviewers.size());
  for (const auto& key : keys) out.criteria.push_back({key, quality::krippendorff_alpha(units[key], metric)});
  out.overall = quality::krippendorff_alpha(overall, metric);
  return out;
}

Result<QaReport> QaService::report(const Principal& p, std::optional<TenantId> named, Timestamp from,
                                   Timestamp to) {
  if (!may_review(p)) return reviewers_only();
  if (to <= from) return invalid_input("to must be after from", "to");
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  auto all = reviews_in(*tenant, from, to);
  if (!all) return all.error();
  QaReport out;
  out.from = from;
  out.to = to;
  struct Sum {
    int reviews = 0, fails = 0, scored = 0, disputed = 0;
    double total = 0;
  };
  std::map<std::int64_t, Sum> per_agent;
  Sum overall;
  for (const auto& r : *all) {
    for (Sum* sum : {&per_agent[r.agent_id.value], &overall}) {
      ++sum->reviews;
      if (r.critical_fail) ++sum->fails;
      if (r.state == storage::QaReviewState::Disputed) ++sum->disputed;
      if (r.score) {
        ++sum->scored;
        sum->total += *r.score;
      }
    }
  }
  auto mean = [](const Sum& s) -> std::optional<double> {
    if (s.scored == 0) return std::nullopt;
    return s.total / s.scored;
  };
  out.reviews = overall.reviews;
  out.critical_fails = overall.fails;
  out.disputed = overall.disputed;
  out.mean_score = mean(overall);
  if (overall.reviews > 0) out.critical_fail_share = static_cast<double>(overall.fails) / overall.reviews;
  std::map<std::int64_t, Sum> per_team;  // team id, 0 for agents without a team
  std::map<std::int64_t, std::optional<TeamId>> team_ids;
  const auto scope = storage::Scope::of(*tenant);
  for (const auto& [agent_id, sum] : per_agent) {
    QaAgentFigures figures;
    figures.agent_id = AgentId{agent_id};
    if (auto agent = helpdesk_.store().get_agent(scope, AgentId{agent_id})) {
      figures.name = agent->name;
      figures.team_id = agent->team_id;
    }
    figures.reviews = sum.reviews;
    figures.critical_fails = sum.fails;
    figures.disputed = sum.disputed;
    figures.mean_score = mean(sum);
    const std::int64_t team_key = figures.team_id ? figures.team_id->value : 0;
    team_ids[team_key] = figures.team_id;
    auto& team = per_team[team_key];
    team.reviews += sum.reviews;
    team.fails += sum.fails;
    team.scored += sum.scored;
    team.total += sum.total;
    out.agents.push_back(std::move(figures));
  }
  for (const auto& [key, sum] : per_team) {
    out.teams.push_back({team_ids[key], sum.reviews, sum.fails, mean(sum)});
  }
  auto calibrated = calibration(p, named, from, to, quality::AlphaMetric::Interval);
  if (!calibrated) return calibrated.error();
  out.calibration_alpha = calibrated->overall.alpha;
  // Samples drawn and violations: pages of the newest rows, bounded like the reviews.
  storage::QaViolationFilter violations;
  violations.limit = storage::kMaxPageSize;
  for (int page_count = 0; page_count < kMaxReviewsPerPeriod / storage::kMaxPageSize; ++page_count) {
    auto page = qa_.list_violations(*tenant, violations);
    if (!page) return page.error();
    bool older = false;
    for (const auto& v : *page) {
      if (v.created_at < from) older = true;
      if (v.created_at < from || v.created_at >= to) continue;
      ++out.violations_reported;
      if (v.status != storage::QaViolationStatus::Closed) ++out.violations_open;
    }
    if (older || static_cast<int>(page->size()) < storage::kMaxPageSize) break;
    violations.before_id = page->back().id.value;
  }
  auto held = qa_.list_trainings(*tenant, from, to, storage::kMaxPageSize);
  if (!held) return held.error();
  out.trainings_held = static_cast<int>(held->size());
  auto promised = rhythm(*tenant);
  if (!promised) return promised.error();
  out.trainings_promised_per_month = promised->monthly_trainings;
  auto certified = qa_.certified_agents(*tenant, to);
  if (!certified) return certified.error();
  out.agents_certified = *certified;
  return out;
}

Result<storage::QaViolation> QaService::report_violation(const Principal& p, std::optional<TenantId> named,
                                                         QaViolationInput input) {
  SP_TRY(require(p, Permission::AddNotes));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  if (input.section < 1 || input.section > 10) {
    return invalid_input("section must be a section of the code of conduct, 1..10", "section");
  }
  input.description = std::string(text::trim(input.description));
  if (input.description.empty()) return invalid_input("description is required", "description");
  if (input.description.size() > kMaxQaTextBytes) {
    return invalid_input("description is longer than 4,000 bytes", "description");
  }
  const auto scope = storage::Scope::of(*tenant);
  if (!helpdesk_.store().get_ticket(scope, input.ticket_id))
    return invalid_input("no such ticket", "ticket_id");
  if (input.agent_id && !helpdesk_.store().get_agent(scope, *input.agent_id)) {
    return invalid_input("no such agent", "agent_id");
  }
  if (p.agent.tenant_id != *tenant) return forbidden("a violation is reported by someone of the tenant");
  storage::QaViolation v;
  v.tenant_id = *tenant;
  v.ticket_id = input.ticket_id;
  v.reported_by = p.agent.id;
  v.agent_id = input.agent_id;
  v.section = input.section;
  v.description = std::move(input.description);
  v.created_at = clock_.now();
  v.updated_at = v.created_at;
  return qa_.create_violation(std::move(v));
}

Result<std::vector<storage::QaViolation>> QaService::violations(const Principal& p,
                                                                std::optional<TenantId> named,
                                                                storage::QaViolationFilter filter) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  if (!require(p, Permission::ManageTeams)) filter.reported_by = p.agent.id;
  return qa_.list_violations(*tenant, filter);
}

Result<storage::QaViolation> QaService::violation(const Principal& p, std::optional<TenantId> named,
                                                  storage::QaViolationId id) {
  SP_TRY(require(p, Permission::Read));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  auto found = qa_.get_violation(*tenant, id);
  if (!found) return found.error();
  if (!require(p, Permission::ManageTeams) && found->reported_by != p.agent.id) {
    return not_found("no such violation report");
  }
  return found;
}

Result<storage::QaViolation> QaService::change_violation(const Principal& p, std::optional<TenantId> named,
                                                         storage::QaViolationId id,
                                                         QaViolationChange change) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant = tenant_of(p, named);
  if (!tenant) return tenant.error();
  if (change.outcome && change.outcome->size() > kMaxQaTextBytes) {
    return invalid_input("outcome is longer than 4,000 bytes", "outcome");
  }
  auto found = qa_.get_violation(*tenant, id);
  if (!found) return found.error();
  if (change.status) found->status = *change.status;
  if (change.outcome) found->outcome = *change.outcome;
  if (found->status == storage::QaViolationStatus::Closed && text::trim(found->outcome).empty()) {
    return invalid_input("say in outcome what was decided before closing", "outcome");
  }
  found->handled_by = p.agent.id;
  found->updated_at = clock_.now();
  return qa_.update_violation(*found);
}

Result<int> QaService::draw_day(const Tenant& tenant, std::int64_t /*local_day*/, const std::string& label,
                                Timestamp start, Timestamp end, Timestamp now) {
  auto drawn = qa_.sample_drawn(tenant.id, label);
  if (!drawn) return drawn.error();
  if (*drawn) return 0;
  auto rows = qa_.handled_tickets(tenant.id, start, end, kQaMaxHandledPerDay);
  if (!rows) return rows.error();
  std::vector<quality::HandledTicket> handled;
  for (const auto& row : *rows) {
    if (!excluded(row)) handled.push_back({row.agent_id, row.ticket_id, row.channel});
  }
  auto per_agent = samples_per_agent(tenant.id);
  if (!per_agent) return per_agent.error();
  const auto picked = quality::draw_daily_sample(handled, *per_agent, quality::sample_seed(tenant.id, label));
  std::vector<storage::QaSample> samples;
  for (const auto& item : picked) {
    storage::QaSample s;
    s.tenant_id = tenant.id;
    s.day = label;
    s.agent_id = item.agent_id;
    s.ticket_id = item.ticket_id;
    s.channel = item.channel;
    samples.push_back(s);
  }
  auto recorded = qa_.record_daily_sample(tenant.id, label, now, samples);
  if (!recorded) return recorded.error();
  return *recorded ? static_cast<int>(samples.size()) : 0;
}

Result<QaDrawSummary> QaService::draw_due(Timestamp now) {
  QaDrawSummary summary;
  auto tenants = helpdesk_.store().list_tenants(storage::Scope::platform());
  if (!tenants) return tenants.error();
  for (const auto& tenant : *tenants) {
    auto days = reporting::DayClock::create(tenant.timezone);
    if (!days) {
      spdlog::warn("qa sample: tenant {} has an unknown time zone", tenant.id.value);
      continue;
    }
    const std::int64_t today = days->day_of(now);
    // Only ended days (the whole day's work is known). Not bounded by the tenant's creation:
    // imported history (and the demo's) is sampled too.
    for (std::int64_t day = today - kQaLookbackDays; day < today; ++day) {
      auto drawn = draw_day(tenant, day, day_label(day), days->start_of(day), days->start_of(day + 1), now);
      if (!drawn) return drawn.error();
      if (*drawn > 0) {
        ++summary.days;
        summary.samples += *drawn;
      }
    }
  }
  return summary;
}

}  // namespace sp::service
