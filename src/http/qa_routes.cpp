#include "http/qa_routes.hpp"

#include "core/time.hpp"
#include "http/handler_util.hpp"

namespace sp::http {

using namespace sp::domain;

namespace {

// Review, scorecard and violation bodies are small; a scorecard of 30 criteria is ~30 KiB.
constexpr std::size_t kMaxQaBodyBytes = 128 * 1024;
constexpr Duration kMaxPeriod = std::chrono::hours(24 * 400);

json optional_time(const std::optional<Timestamp>& at) {
  return at ? json(format_rfc3339(*at)) : json(nullptr);
}

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json to_json(const service::QaQueueItem& item) {
  const auto& s = item.sample;
  return {{"id", s.id.value},
          {"day", s.day},
          {"agent_id", s.agent_id.value},
          {"agent_name", item.agent_name},
          {"ticket_id", s.ticket_id.value},
          {"subject", item.subject},
          {"channel", to_string(s.channel)},
          {"drawn_at", format_rfc3339(s.drawn_at)},
          {"reviews", s.reviews}};
}

json to_json(const storage::QaReview& r) {
  auto scores = json::parse(r.scores_json, nullptr, false);
  auto scorecard = json::parse(r.scorecard_json, nullptr, false);
  return {{"id", r.id.value},
          {"sample_id", r.sample_id ? json(r.sample_id->value) : json(nullptr)},
          {"ticket_id", r.ticket_id.value},
          {"agent_id", r.agent_id.value},
          {"reviewer_id", r.reviewer_id.value},
          {"scores", scores.is_discarded() ? json::array() : scores},
          {"scorecard", scorecard.is_discarded() ? json(nullptr) : scorecard},
          {"score", optional_number(r.score)},
          {"critical_fail", r.critical_fail},
          {"comment", r.comment},
          {"state", to_string(r.state)},
          {"response", r.response},
          {"created_at", format_rfc3339(r.created_at)},
          {"responded_at", optional_time(r.responded_at)}};
}

json to_json(const storage::QaViolation& v) {
  return {{"id", v.id.value},
          {"ticket_id", v.ticket_id.value},
          {"reported_by", v.reported_by.value},
          {"agent_id", v.agent_id ? json(v.agent_id->value) : json(nullptr)},
          {"section", v.section},
          {"description", v.description},
          {"status", to_string(v.status)},
          {"outcome", v.outcome},
          {"handled_by", v.handled_by ? json(v.handled_by->value) : json(nullptr)},
          {"created_at", format_rfc3339(v.created_at)},
          {"updated_at", format_rfc3339(v.updated_at)}};
}

json to_json(const storage::QaTraining& t) {
  json attendees = json::array();
  for (const auto& agent : t.attendees) attendees.push_back(agent.value);
  return {{"id", t.id.value},
          {"title", t.title},
          {"held_at", format_rfc3339(t.held_at)},
          {"duration_minutes", t.duration_minutes},
          {"created_by", t.created_by.value},
          {"attendees", attendees}};
}

json to_json(const storage::QaCertification& c) {
  return {{"id", c.id.value},
          {"agent_id", c.agent_id.value},
          {"name", c.name},
          {"issued_at", format_rfc3339(c.issued_at)},
          {"expires_at", format_rfc3339(c.expires_at)}};
}

// A JSON array of positive agent ids (at most 500).
Result<std::vector<AgentId>> agent_ids(const json& body, const char* name) {
  std::vector<AgentId> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > service::kMaxQaAttendees) {
    return invalid_input(std::string(name) + " must be an array of at most 500 agent ids", name);
  }
  for (const auto& item : *it) {
    if (!item.is_number_integer() || item.get<std::int64_t>() <= 0) {
      return invalid_input(std::string(name) + " must hold positive agent ids", name);
    }
    out.push_back(AgentId{item.get<std::int64_t>()});
  }
  return out;
}

Result<Timestamp> required_time(const std::optional<std::string>& text, const char* name) {
  auto at = parse_rfc3339(text.value_or(""));
  if (!at) return invalid_input(std::string(name) + " must be an RFC 3339 time", name);
  return *at;
}

json to_json(const quality::AlphaResult& a) {
  return {{"alpha", optional_number(a.alpha)}, {"units", a.units}, {"pairable_values", a.pairable_values}};
}

// array_of's lookup does not see this file's to_json overloads (they are not in the namespaces
// of their types), hence a local one.
template <typename T>
json items_of(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

Result<std::optional<Timestamp>> time_param(const HttpRequest& request, const char* name) {
  auto text = request.query_param(name);
  if (!text) return std::optional<Timestamp>{};
  auto at = parse_rfc3339(*text);
  if (!at) return invalid_input(std::string(name) + " must be an RFC 3339 time", name);
  return std::optional<Timestamp>{*at};
}

// ?from=&to= (both required), to after from, at most 400 days apart.
Result<std::pair<Timestamp, Timestamp>> period_params(const HttpRequest& request) {
  auto from = time_param(request, "from");
  if (!from) return from.error();
  auto to = time_param(request, "to");
  if (!to) return to.error();
  if (!*from) return invalid_input("from is required", "from");
  if (!*to) return invalid_input("to is required", "to");
  if (**to <= **from) return invalid_input("to must be after from", "to");
  if (**to - **from > kMaxPeriod) return invalid_input("the period is longer than 400 days", "to");
  return std::pair{**from, **to};
}

Result<std::optional<std::int64_t>> id_param(const HttpRequest& request, const char* name) {
  auto text = request.query_param(name);
  if (!text) return std::optional<std::int64_t>{};
  auto id = parse_positive(*text, name);
  if (!id) return id.error();
  return std::optional<std::int64_t>{*id};
}

// A JSON body with an optional text member `name` (and nothing else).
Result<std::string> optional_text_body(const Api::Context& ctx, const char* name, bool required) {
  if (ctx.request.body.empty() && !required) return std::string();
  auto body = body_at_most(ctx, kMaxQaBodyBytes);
  if (!body) return body.error();
  BodyReader reader(*body);
  auto text = reader.string(name, required);
  if (auto done = reader.finish(); !done) return done.error();
  return text.value_or(std::string());
}

}  // namespace

void register_qa_routes(Api& api, service::QaService& qa) {
  auto auth = Api::Access::Authenticated;
  api.add("GET", "/api/v1/qa/queue", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(limit, page_limit(ctx.request));
    SP_OR_RESPOND(cursor, cursor_of(ctx.request));
    SP_OR_RESPOND(agent, id_param(ctx.request, "agent_id"));
    storage::QaSampleFilter filter;
    filter.limit = *limit;
    filter.before_id = *cursor;
    if (*agent) filter.agent_id = AgentId{**agent};
    if (auto day = ctx.request.query_param("day")) {
      auto parsed = parse_rfc3339(*day + "T00:00:00Z");
      if (day->size() != 10 || !parsed) return error_response(invalid_input("day must be YYYY-MM-DD", "day"));
      filter.day = *day;
    }
    SP_OR_RESPOND(items, qa.queue(ctx.who(), *tenant, filter));
    json body{{"items", items_of(*items)}};
    body["next_cursor"] = static_cast<int>(items->size()) == *limit && !items->empty()
                              ? json(std::to_string(items->back().sample.id.value))
                              : json(nullptr);
    return json_response(200, body);
  });
  api.add("GET", "/api/v1/qa/samples/{id}", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(item, qa.sample(ctx.who(), *tenant, storage::QaSampleId{ctx.param("id")}));
    return json_response(200, to_json(*item));
  });
  api.add("GET", "/api/v1/qa/scorecard", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(card, qa.scorecard(ctx.who(), *tenant));
    return json_response(200, quality::to_json(*card));
  });
  api.add("PUT", "/api/v1/qa/scorecard", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_at_most(ctx, kMaxQaBodyBytes));
    SP_OR_RESPOND(card, qa.put_scorecard(ctx.who(), *tenant, *body));
    return json_response(200, quality::to_json(*card));
  });
  api.add("POST", "/api/v1/qa/reviews", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_at_most(ctx, kMaxQaBodyBytes));
    json rest = *body;
    auto scores_member = rest.find("scores");
    if (scores_member == rest.end()) return error_response(invalid_input("scores is required", "scores"));
    SP_OR_RESPOND(scores, quality::scores_from_json(*scores_member));
    rest.erase("scores");
    BodyReader reader(rest);
    auto sample = reader.integer("sample_id", true);
    auto comment = reader.string("comment");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (*sample <= 0)
      return error_response(invalid_input("sample_id must be a positive integer", "sample_id"));
    service::NewQaReview input;
    input.sample_id = storage::QaSampleId{*sample};
    input.scores = std::move(*scores);
    input.comment = comment.value_or(std::string());
    SP_OR_RESPOND(made, qa.submit_review(ctx.who(), *tenant, std::move(input)));
    return json_response(201, to_json(*made));
  });
  api.add("GET", "/api/v1/qa/reviews", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(limit, page_limit(ctx.request));
    SP_OR_RESPOND(cursor, cursor_of(ctx.request));
    SP_OR_RESPOND(agent, id_param(ctx.request, "agent"));
    SP_OR_RESPOND(reviewer, id_param(ctx.request, "reviewer"));
    SP_OR_RESPOND(ticket, id_param(ctx.request, "ticket_id"));
    SP_OR_RESPOND(from, time_param(ctx.request, "from"));
    SP_OR_RESPOND(to, time_param(ctx.request, "to"));
    storage::QaReviewFilter filter;
    filter.limit = *limit;
    filter.before_id = *cursor;
    if (*agent) filter.agent_id = AgentId{**agent};
    if (*reviewer) filter.reviewer_id = AgentId{**reviewer};
    if (*ticket) filter.ticket_id = TicketId{**ticket};
    filter.from = *from;
    filter.to = *to;
    if (auto state = ctx.request.query_param("state")) {
      auto parsed = storage::parse_qa_review_state(*state);
      if (!parsed) return error_response(parsed.error());
      filter.state = *parsed;
    }
    SP_OR_RESPOND(list, qa.reviews(ctx.who(), *tenant, filter));
    json body{{"items", items_of(*list)}};
    body["next_cursor"] = static_cast<int>(list->size()) == *limit && !list->empty()
                              ? json(std::to_string(list->back().id.value))
                              : json(nullptr);
    return json_response(200, body);
  });
  api.add("GET", "/api/v1/qa/reviews/{id}", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(review, qa.review(ctx.who(), *tenant, storage::QaReviewId{ctx.param("id")}));
    return json_response(200, to_json(*review));
  });
  api.add("POST", "/api/v1/qa/reviews/{id}/acknowledge", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(note, optional_text_body(ctx, "note", false));
    SP_OR_RESPOND(review, qa.respond(ctx.who(), *tenant, storage::QaReviewId{ctx.param("id")},
                                     storage::QaReviewState::Acknowledged, *note));
    return json_response(200, to_json(*review));
  });
  api.add("POST", "/api/v1/qa/reviews/{id}/dispute", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(reason, optional_text_body(ctx, "reason", true));
    SP_OR_RESPOND(review, qa.respond(ctx.who(), *tenant, storage::QaReviewId{ctx.param("id")},
                                     storage::QaReviewState::Disputed, *reason));
    return json_response(200, to_json(*review));
  });
  api.add("GET", "/api/v1/qa/calibration", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(period, period_params(ctx.request));
    auto metric = quality::AlphaMetric::Interval;
    if (auto text = ctx.request.query_param("metric")) {
      if (*text == "ordinal") {
        metric = quality::AlphaMetric::Ordinal;
      } else if (*text == "nominal") {
        metric = quality::AlphaMetric::Nominal;
      } else if (*text != "interval") {
        return error_response(invalid_input("metric must be interval, ordinal or nominal", "metric"));
      }
    }
    SP_OR_RESPOND(result, qa.calibration(ctx.who(), *tenant, period->first, period->second, metric));
    json criteria = json::array();
    for (const auto& c : result->criteria) {
      json item = to_json(c.agreement);
      item["key"] = c.key;
      criteria.push_back(std::move(item));
    }
    const char* metric_name = metric == quality::AlphaMetric::Interval  ? "interval"
                              : metric == quality::AlphaMetric::Ordinal ? "ordinal"
                                                                        : "nominal";
    return json_response(200, json{{"from", format_rfc3339(result->from)},
                                   {"to", format_rfc3339(result->to)},
                                   {"metric", metric_name},
                                   {"samples", result->samples},
                                   {"reviews", result->reviews},
                                   {"reviewers", result->reviewers},
                                   {"overall", to_json(result->overall)},
                                   {"criteria", criteria}});
  });
  api.add("GET", "/api/v1/qa/report", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(period, period_params(ctx.request));
    SP_OR_RESPOND(r, qa.report(ctx.who(), *tenant, period->first, period->second));
    json agents = json::array();
    for (const auto& a : r->agents) {
      agents.push_back({{"agent_id", a.agent_id.value},
                        {"name", a.name},
                        {"team_id", a.team_id ? json(a.team_id->value) : json(nullptr)},
                        {"reviews", a.reviews},
                        {"critical_fails", a.critical_fails},
                        {"disputed", a.disputed},
                        {"mean_score", optional_number(a.mean_score)}});
    }
    json teams = json::array();
    for (const auto& t : r->teams) {
      teams.push_back({{"team_id", t.team_id ? json(t.team_id->value) : json(nullptr)},
                       {"reviews", t.reviews},
                       {"critical_fails", t.critical_fails},
                       {"mean_score", optional_number(t.mean_score)}});
    }
    return json_response(200, json{{"from", format_rfc3339(r->from)},
                                   {"to", format_rfc3339(r->to)},
                                   {"reviews", r->reviews},
                                   {"critical_fails", r->critical_fails},
                                   {"critical_fail_share", optional_number(r->critical_fail_share)},
                                   {"mean_score", optional_number(r->mean_score)},
                                   {"disputed", r->disputed},
                                   {"calibration_alpha", optional_number(r->calibration_alpha)},
                                   {"violations_reported", r->violations_reported},
                                   {"violations_open", r->violations_open},
                                   {"trainings_held", r->trainings_held},
                                   {"trainings_promised_per_month", r->trainings_promised_per_month},
                                   {"agents_certified", r->agents_certified},
                                   {"agents", agents},
                                   {"teams", teams}});
  });
  api.add("POST", "/api/v1/qa/violations", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_at_most(ctx, kMaxQaBodyBytes));
    BodyReader reader(*body);
    auto ticket = reader.integer("ticket_id", true);
    auto agent = reader.integer("agent_id");
    auto section = reader.integer("section", true);
    auto description = reader.string("description", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (*ticket <= 0)
      return error_response(invalid_input("ticket_id must be a positive integer", "ticket_id"));
    if (agent && *agent <= 0) {
      return error_response(invalid_input("agent_id must be a positive integer", "agent_id"));
    }
    if (*section < 1 || *section > 10) {
      return error_response(
          invalid_input("section must be a section of the code of conduct, 1..10", "section"));
    }
    service::QaViolationInput input;
    input.ticket_id = TicketId{*ticket};
    if (agent) input.agent_id = AgentId{*agent};
    input.section = static_cast<int>(*section);
    input.description = *description;
    SP_OR_RESPOND(made, qa.report_violation(ctx.who(), *tenant, std::move(input)));
    return json_response(201, to_json(*made));
  });
  api.add("GET", "/api/v1/qa/violations", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(limit, page_limit(ctx.request));
    SP_OR_RESPOND(cursor, cursor_of(ctx.request));
    storage::QaViolationFilter filter;
    filter.limit = *limit;
    filter.before_id = *cursor;
    if (auto status = ctx.request.query_param("status")) {
      auto parsed = storage::parse_qa_violation_status(*status);
      if (!parsed) return error_response(parsed.error());
      filter.status = *parsed;
    }
    SP_OR_RESPOND(list, qa.violations(ctx.who(), *tenant, filter));
    return json_response(200, json{{"items", items_of(*list)}});
  });
  api.add("POST", "/api/v1/qa/trainings", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_at_most(ctx, kMaxQaBodyBytes));
    SP_OR_RESPOND(attendees, agent_ids(*body, "attendees"));
    json rest = *body;
    rest.erase("attendees");
    BodyReader reader(rest);
    auto title = reader.string("title", true);
    auto held = reader.string("held_at", true);
    auto minutes = reader.integer("duration_minutes");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(held_at, required_time(held, "held_at"));
    service::QaTrainingInput input;
    input.title = *title;
    input.held_at = *held_at;
    if (minutes) {
      if (*minutes < 1 || *minutes > 24 * 60) {
        return error_response(invalid_input("duration_minutes must be 1..1440", "duration_minutes"));
      }
      input.duration_minutes = static_cast<int>(*minutes);
    }
    input.attendees = std::move(*attendees);
    SP_OR_RESPOND(made, qa.create_training(ctx.who(), *tenant, std::move(input)));
    return json_response(201, to_json(*made));
  });
  api.add("GET", "/api/v1/qa/trainings", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(period, period_params(ctx.request));
    SP_OR_RESPOND(list, qa.trainings(ctx.who(), *tenant, period->first, period->second));
    return json_response(200, json{{"items", items_of(*list)}});
  });
  api.add("POST", "/api/v1/qa/trainings/{id}/attendance", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_at_most(ctx, kMaxQaBodyBytes));
    SP_OR_RESPOND(agents, agent_ids(*body, "agent_ids"));
    json rest = *body;
    rest.erase("agent_ids");
    BodyReader reader(rest);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (agents->empty()) return error_response(invalid_input("agent_ids is required", "agent_ids"));
    SP_OR_RESPOND(training, qa.add_attendees(ctx.who(), *tenant, storage::QaTrainingId{ctx.param("id")},
                                             std::move(*agents)));
    return json_response(200, to_json(*training));
  });
  api.add("POST", "/api/v1/qa/certifications", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_at_most(ctx, kMaxQaBodyBytes));
    BodyReader reader(*body);
    auto agent = reader.integer("agent_id", true);
    auto name = reader.string("name", true);
    auto issued = reader.string("issued_at", true);
    auto expires = reader.string("expires_at", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (*agent <= 0) return error_response(invalid_input("agent_id must be a positive integer", "agent_id"));
    SP_OR_RESPOND(issued_at, required_time(issued, "issued_at"));
    SP_OR_RESPOND(expires_at, required_time(expires, "expires_at"));
    service::QaCertificationInput input{AgentId{*agent}, *name, *issued_at, *expires_at};
    SP_OR_RESPOND(made, qa.certify(ctx.who(), *tenant, std::move(input)));
    return json_response(201, to_json(*made));
  });
  api.add("GET", "/api/v1/qa/certifications", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(limit, page_limit(ctx.request));
    SP_OR_RESPOND(agent, id_param(ctx.request, "agent_id"));
    SP_OR_RESPOND(valid_at, time_param(ctx.request, "valid_at"));
    storage::QaCertificationFilter filter;
    filter.limit = *limit;
    if (*agent) filter.agent_id = AgentId{**agent};
    filter.valid_at = *valid_at;
    SP_OR_RESPOND(list, qa.certifications(ctx.who(), *tenant, filter));
    return json_response(200, json{{"items", items_of(*list)}});
  });
  api.add("GET", "/api/v1/qa/violations/{id}", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(found, qa.violation(ctx.who(), *tenant, storage::QaViolationId{ctx.param("id")}));
    return json_response(200, to_json(*found));
  });
  api.add("PATCH", "/api/v1/qa/violations/{id}", auth, [&qa](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_at_most(ctx, kMaxQaBodyBytes));
    BodyReader reader(*body);
    auto status = reader.string("status");
    auto outcome = reader.string("outcome");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    service::QaViolationChange change;
    if (status) {
      auto parsed = storage::parse_qa_violation_status(*status);
      if (!parsed) return error_response(parsed.error());
      change.status = *parsed;
    }
    change.outcome = outcome;
    SP_OR_RESPOND(changed,
                  qa.change_violation(ctx.who(), *tenant, storage::QaViolationId{ctx.param("id")}, change));
    return json_response(200, to_json(*changed));
  });
}

}  // namespace sp::http
