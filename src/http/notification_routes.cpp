#include "http/notification_routes.hpp"

#include "http/handler_util.hpp"

namespace sp::http {

namespace {

using namespace sp::domain;  // NOLINT

json to_json(const storage::Notification& n) {
  return {{"id", n.id},
          {"ticket_id", n.ticket_id.value},
          {"agent_id", n.agent_id ? json(n.agent_id->value) : json(nullptr)},
          {"team_id", n.team_id ? json(n.team_id->value) : json(nullptr)},
          {"kind", n.kind},
          {"message", n.message},
          {"created_at", format_rfc3339(n.created_at)},
          {"read", n.read_at.has_value()},
          {"read_at", n.read_at ? json(format_rfc3339(*n.read_at)) : json(nullptr)}};
}

json leaders_json(TeamId team, const TeamLeaders& leaders) {
  return {{"id", team.value},
          {"lead_id", leaders.lead ? json(leaders.lead->value) : json(nullptr)},
          {"manager_id", leaders.manager ? json(leaders.manager->value) : json(nullptr)}};
}

json preferences_json(const std::vector<storage::MailPreference>& prefs) {
  json mail = json::object();
  for (const auto& pref : prefs) mail[pref.kind] = pref.mail;
  return {{"mail", mail}};
}

HttpResponse tenant_wide(Api::Context& ctx, service::SlaService& sla) {
  SP_OR_RESPOND(limit, page_limit(ctx.request));
  SP_OR_RESPOND(items, sla.notifications(ctx.who(), *limit));
  json out = json::array();
  for (const auto& n : *items) out.push_back(to_json(n));
  return json_response(200, {{"items", out}});
}

}  // namespace

void register_notification_routes(Api& api, service::NotificationService& notifications,
                                  service::PresenceService& presence, service::SlaService& sla) {
  const auto auth = Api::Access::Authenticated;
  api.add("GET", "/api/v1/notifications", auth, [&](Api::Context& ctx) {
    if (ctx.request.query_param("scope") == std::optional<std::string>("tenant"))
      return tenant_wide(ctx, sla);
    SP_OR_RESPOND(limit, page_limit(ctx.request));
    storage::NotificationQuery query;
    query.limit = *limit;
    query.unread_only = ctx.request.query_param("unread") == std::optional<std::string>("true");
    if (auto cursor = ctx.request.query_param("cursor")) {
      SP_OR_RESPOND(before, parse_positive(*cursor, "cursor"));
      query.before_id = *before;
    }
    SP_OR_RESPOND(items, notifications.own(ctx.who(), query));
    json out = json::array();
    for (const auto& n : *items) out.push_back(to_json(n));
    json next = nullptr;
    if (static_cast<int>(items->size()) == query.limit) next = std::to_string(items->back().id);
    return json_response(200, {{"items", out}, {"next_cursor", next}});
  });
  api.add("GET", "/api/v1/notifications/unread-count", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(count, notifications.unread_count(ctx.who()));
    return json_response(200, {{"unread", *count}, {"capped", *count >= service::kUnreadCountCap}});
  });
  api.add("POST", "/api/v1/notifications/{id}/read", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(done, notifications.mark_read(ctx.who(), ctx.param("id")));
    HttpResponse response;
    response.status = 204;
    return response;
  });
  api.add("POST", "/api/v1/notifications/read-all", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(count, notifications.mark_all_read(ctx.who()));
    return json_response(200, {{"marked", *count}});
  });
  api.add("GET", "/api/v1/notifications/preferences", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(prefs, notifications.mail_preferences(ctx.who()));
    return json_response(200, preferences_json(*prefs));
  });
  api.add("PUT", "/api/v1/notifications/preferences", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    auto mail = body->find("mail");
    if (mail == body->end() || !mail->is_object() || body->size() != 1 || mail->size() > 32) {
      return problem(422, "invalid-field", "Invalid field", "send {\"mail\": {\"<kind>\": true|false}}",
                     {{"field", "mail"}});
    }
    std::vector<storage::MailPreference> prefs;
    for (const auto& [kind, on] : mail->items()) {
      if (!on.is_boolean()) {
        return problem(422, "wrong-type", "Wrong type", "each kind is true or false", {{"field", kind}});
      }
      prefs.push_back({kind, on.get<bool>()});
    }
    SP_OR_RESPOND(saved, notifications.set_mail_preferences(ctx.who(), std::move(prefs)));
    return json_response(200, preferences_json(*saved));
  });

  api.add("PATCH", "/api/v1/teams/{id}", auth, [&](Api::Context& ctx) {
    const TeamId team{ctx.param("id")};
    SP_OR_RESPOND(current, notifications.team_leaders(ctx.who(), team));
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    TeamLeaders leaders = *current;
    if (auto lead = reader.nullable_id("lead_id")) {
      leaders.lead = *lead ? std::optional<AgentId>(AgentId{**lead}) : std::nullopt;
    }
    if (auto manager = reader.nullable_id("manager_id")) {
      leaders.manager = *manager ? std::optional<AgentId>(AgentId{**manager}) : std::nullopt;
    }
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(saved, notifications.set_team_leaders(ctx.who(), team, leaders));
    return json_response(200, leaders_json(team, *saved));
  });

  api.add("POST", "/api/v1/tickets/{id}/presence", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto state_text = reader.string("state", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(state, service::parse_presence_state(*state_text));
    const TicketId ticket{ctx.param("id")};
    SP_OR_RESPOND(done, presence.heartbeat(ctx.who(), ticket, *state));
    HttpResponse response;
    response.status = 204;
    return response;
  });
  api.add("DELETE", "/api/v1/tickets/{id}/presence", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(done, presence.leave(ctx.who(), TicketId{ctx.param("id")}));
    HttpResponse response;
    response.status = 204;
    return response;
  });
  api.add("GET", "/api/v1/tickets/{id}/presence", auth, [&](Api::Context& ctx) {
    SP_OR_RESPOND(others, presence.others(ctx.who(), TicketId{ctx.param("id")}));
    json out = json::array();
    for (const auto& entry : *others) {
      out.push_back({{"agent_id", entry.agent.value},
                     {"name", entry.name},
                     {"state", service::to_string(entry.state)},
                     {"since", format_rfc3339(entry.since)}});
    }
    return json_response(200, {{"items", out}});
  });
}

}  // namespace sp::http
