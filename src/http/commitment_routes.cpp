#include "http/commitment_routes.hpp"

#include "core/time.hpp"
#include "http/handler_util.hpp"

namespace sp::http {

using namespace sp::domain;

namespace {

json optional_time(const std::optional<Timestamp>& at) {
  return at ? json(format_rfc3339(*at)) : json(nullptr);
}

Result<Timestamp> due_time(const std::string& text) {
  auto due = parse_rfc3339(text);
  if (!due) return invalid_input("due_at must be an RFC 3339 time", "due_at");
  return *due;
}

}  // namespace

json to_json(const Commitment& c) {
  return {{"id", c.id.value},
          {"ticket_id", c.ticket_id.value},
          {"agent_id", c.agent_id.value},
          {"what", c.what},
          {"due_at", format_rfc3339(c.due_at)},
          {"remind_at", format_rfc3339(c.remind_at)},
          {"channel", to_string(c.channel)},
          {"source", to_string(c.source)},
          {"state", to_string(c.state)},
          {"created_at", format_rfc3339(c.created_at)},
          {"kept_at", optional_time(c.kept_at)},
          {"broken_at", optional_time(c.broken_at)},
          {"cancelled_at", optional_time(c.cancelled_at)},
          {"reminded_at", optional_time(c.reminded_at)},
          {"note", c.note}};
}

void register_commitment_routes(Api& api, service::CommitmentService& commitments) {
  auto auth = Api::Access::Authenticated;
  api.add("GET", "/api/v1/tickets/{id}/commitments", auth, [&commitments](Api::Context& ctx) {
    SP_OR_RESPOND(list, commitments.for_ticket(ctx.who(), TicketId{ctx.param("id")}));
    return json_response(200, json{{"items", array_of(*list)}});
  });
  api.add("POST", "/api/v1/tickets/{id}/commitments", auth, [&commitments](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto what = reader.string("what", true);
    auto due_text = reader.string("due_at", true);
    auto channel_text = reader.string("channel");
    auto source_text = reader.string("source");
    auto agent = reader.integer("agent_id");
    auto note = reader.string("note");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    service::NewCommitmentInput input;
    input.what = *what;
    SP_OR_RESPOND(due, due_time(*due_text));
    input.due_at = *due;
    if (channel_text) {
      auto channel = parse_channel(*channel_text);
      if (!channel) return error_response(invalid_input("channel is not a known channel", "channel"));
      input.channel = *channel;
    }
    if (source_text) {
      auto source = parse_commitment_source(*source_text);
      // Call backs come from POST /tickets/{id}/callbacks, nowhere else.
      if (!source || *source == CommitmentSource::Callback) {
        return error_response(invalid_input("source must be manual or conduct", "source"));
      }
      input.source = *source;
    }
    if (agent) {
      if (*agent <= 0)
        return error_response(invalid_input("agent_id must be a positive integer", "agent_id"));
      input.agent_id = AgentId{*agent};
    }
    if (note) input.note = *note;
    SP_OR_RESPOND(made, commitments.create(ctx.who(), TicketId{ctx.param("id")}, std::move(input)));
    return json_response(201, to_json(*made));
  });
  api.add("PATCH", "/api/v1/commitments/{id}", auth, [&commitments](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto state_text = reader.string("state", true);
    auto note = reader.string("note");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    auto state = parse_commitment_state(*state_text);
    if (!state) return error_response(invalid_input("state must be kept or cancelled", "state"));
    SP_OR_RESPOND(closed, commitments.close(ctx.who(), *tenant, CommitmentId{ctx.param("id")}, *state,
                                            note.value_or(std::string())));
    return json_response(200, to_json(*closed));
  });
  api.add("GET", "/api/v1/commitments", auth, [&commitments](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(limit, page_limit(ctx.request));
    storage::CommitmentFilter filter;
    filter.limit = *limit;
    if (auto state = ctx.request.query_param("state")) {
      auto parsed = parse_commitment_state(*state);
      if (!parsed) return error_response(parsed.error());
      filter.state = *parsed;
    }
    if (auto agent = ctx.request.query_param("agent_id")) {
      SP_OR_RESPOND(id, parse_positive(*agent, "agent_id"));
      filter.agent_id = AgentId{*id};
    }
    if (auto before = ctx.request.query_param("due_before")) {
      auto at = parse_rfc3339(*before);
      if (!at) return error_response(invalid_input("due_before must be an RFC 3339 time", "due_before"));
      filter.due_before = *at;
    }
    SP_OR_RESPOND(list, commitments.list(ctx.who(), *tenant, filter));
    return json_response(200, json{{"items", array_of(*list)}});
  });
  api.add("GET", "/api/v1/commitment-settings", auth, [&commitments](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(minutes, commitments.reminder_minutes(ctx.who(), *tenant));
    return json_response(200, json{{"reminder_minutes", *minutes}});
  });
  api.add("PUT", "/api/v1/commitment-settings", auth, [&commitments](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto minutes = reader.integer("reminder_minutes", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (*minutes < 0 || *minutes > kMaxCommitmentReminderMinutes) {
      return error_response(invalid_input("reminder_minutes must be 0..10080", "reminder_minutes"));
    }
    SP_OR_RESPOND(set, commitments.set_reminder_minutes(ctx.who(), *tenant, static_cast<int>(*minutes)));
    return json_response(200, json{{"reminder_minutes", *set}});
  });
}

}  // namespace sp::http
