#include "http/feedback_routes.hpp"

#include <map>

#include "feedback/topics.hpp"
#include "feedback/topics_json.hpp"
#include "http/handler_util.hpp"

namespace sp::http {

namespace {

// Example comments shown per topic (the newest are as telling as the oldest; the oldest are
// stable while a week fills up).
constexpr std::size_t kExamplesPerTopic = 5;

json topic_names(std::span<const feedback::Topic> topics, const std::string& id) {
  return {{"nl", feedback::topic_name(topics, id, domain::Language::Nl)},
          {"en", feedback::topic_name(topics, id, domain::Language::En)},
          {"zh", feedback::topic_name(topics, id, domain::Language::Zh)}};
}

json overview_json(const service::FeedbackOverview& overview) {
  std::vector<std::string> order;
  for (const auto& topic : overview.topics) order.push_back(topic.id);
  order.emplace_back(feedback::kOtherTopic);
  std::map<std::string, json> by_topic;
  for (const auto& id : order) {
    by_topic[id] = {{"id", id},
                    {"names", topic_names(overview.topics, id)},
                    {"answers", 0},
                    {"comments", 0},
                    {"examples", json::array()}};
  }
  std::int64_t comments = 0;
  for (const auto& classified : overview.answers) {
    const auto& answer = classified.answer;
    const bool has_comment = !answer.answer.comment.empty();
    if (has_comment) ++comments;
    for (const auto& id : classified.topics) {
      auto& entry = by_topic[id];
      entry["answers"] = entry["answers"].get<std::int64_t>() + 1;
      if (!has_comment) continue;
      entry["comments"] = entry["comments"].get<std::int64_t>() + 1;
      if (entry["examples"].size() < kExamplesPerTopic) {
        entry["examples"].push_back({{"ticket_id", answer.ticket_id.value},
                                     {"reference", "T-" + std::to_string(answer.ticket_id.value)},
                                     {"grade", answer.answer.grade},
                                     {"comment", answer.answer.comment},
                                     {"answered_at", format_rfc3339(answer.answered_at)}});
      }
    }
  }
  json topics = json::array();
  for (const auto& id : order) {
    if (by_topic[id]["answers"].get<std::int64_t>() > 0) topics.push_back(by_topic[id]);
  }
  json recurring = json::array();
  for (const auto& issue : overview.recurring) {
    recurring.push_back({{"signature", issue.signature},
                         {"example_subject", issue.example_subject},
                         {"ticket_ids", issue.ticket_ids},
                         {"ticket_count", issue.ticket_ids.size()},
                         {"customer_count", issue.customer_count},
                         {"first_seen", format_rfc3339(issue.first_seen)},
                         {"last_seen", format_rfc3339(issue.last_seen)}});
  }
  return {{"from", format_rfc3339(overview.from)},
          {"to", format_rfc3339(overview.to)},
          {"answers", overview.answers.size()},
          {"comments", comments},
          {"truncated", overview.truncated},
          {"topics", std::move(topics)},
          {"recurring_issues", std::move(recurring)},
          {"definition",
           "topics: survey answers given in [from, to), classified by the ticket's category and "
           "keywords of the comment and subject (nl/en whole words, zh substrings); an answer "
           "can have several topics, 'other' when none matches. recurring_issues: tickets "
           "created in [from, to) sharing a normalised subject or a category and topic, at "
           "least 3 tickets from at least 2 customers; spam and mystery-shopper tickets "
           "excluded"}};
}

}  // namespace

void register_feedback_routes(Api& api, service::ReportScheduleService& schedules) {
  api.add("GET", "/api/v1/feedback/topics", Api::Access::Authenticated,
          [&schedules](Api::Context& ctx) -> HttpResponse {
            const auto& request = ctx.request;
            SP_OR_RESPOND(tenant_or_none, tenant_param(request));
            const std::optional<domain::TenantId> tenant = *tenant_or_none;
            Timestamp from;
            Timestamp to;
            for (const char* name : {"from", "to"}) {
              auto text = request.query_param(name);
              if (!text) {
                return error_response(invalid_input(std::string(name) + " is required (RFC 3339)", name));
              }
              auto parsed = parse_rfc3339(*text);
              if (!parsed) return error_response(invalid_input(parsed.error().message, name));
              (std::string(name) == "from" ? from : to) = *parsed;
            }
            auto overview = schedules.feedback_topics(ctx.who(), tenant, from, to);
            if (!overview) return error_response(overview.error());
            return json_response(200, overview_json(*overview));
          });
  // The tenant's own topic rules (keywords per language, categories), or the defaults.
  api.add("GET", "/api/v1/feedback/topic-rules", Api::Access::Authenticated,
          [&schedules](Api::Context& ctx) -> HttpResponse {
            SP_OR_RESPOND(tenant, tenant_param(ctx.request));
            SP_OR_RESPOND(rules, schedules.topic_rules(ctx.who(), *tenant));
            json body = feedback::topics_to_json(rules->first);
            body["customised"] = rules->second;
            return json_response(200, body);
          });
  api.add("PUT", "/api/v1/feedback/topic-rules", Api::Access::Authenticated,
          [&schedules](Api::Context& ctx) -> HttpResponse {
            SP_OR_RESPOND(tenant, tenant_param(ctx.request));
            SP_OR_RESPOND(body, body_of(ctx));
            json rules_json = *body;
            rules_json.erase("customised");  // what GET answered may be sent back as it is
            SP_OR_RESPOND(topics, feedback::topics_from_json(rules_json));
            SP_OR_RESPOND(stored, schedules.put_topic_rules(ctx.who(), *tenant, std::move(*topics)));
            json answer = feedback::topics_to_json(*stored);
            answer["customised"] = !rules_json["topics"].empty();
            return json_response(200, answer);
          });
}

}  // namespace sp::http
