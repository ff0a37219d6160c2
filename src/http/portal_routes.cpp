#include "http/portal_routes.hpp"

#include <chrono>

#include "core/text.hpp"
#include "core/time.hpp"
#include "http/attachment_routes.hpp"
#include "http/handler_util.hpp"

namespace sp::http {

using namespace sp::domain;
using service::ChangeEvent;
using service::ChangeFeed;
using service::CustomerPrincipal;
using service::PortalService;

namespace {

constexpr const char* kPortalCookie = "sp_portal";

std::string portal_cookie(const std::string& value, std::int64_t max_age_seconds, bool secure) {
  std::string cookie = std::string(kPortalCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace

Result<CustomerPrincipal> portal_customer(PortalService& portal, const HttpRequest& request) {
  auto cookie = request.cookie(kPortalCookie);
  if (!cookie) return Error{ErrorCode::Unauthenticated, "sign in with the link sent to your e-mail"};
  auto who = portal.authenticate(*cookie);
  if (!who) return who.error();
  if (request.method != "GET" && request.method != "HEAD") {
    auto token = request.header("x-csrf-token");
    if (!token || !service::constant_time_equal(*token, who->csrf_token)) {
      Error error = forbidden("send the csrf_token from sign-in in the X-CSRF-Token header");
      error.kind = kinds::kCsrfTokenInvalid;
      return error;
    }
  }
  return who;
}

namespace {

Result<CustomerPrincipal> customer_of(PortalService& portal, const HttpRequest& request) {
  return portal_customer(portal, request);
}

json customer_json(const Customer& c) {
  return {{"id", c.id.value}, {"name", c.name}, {"language", to_string(c.language)}, {"emails", c.emails}};
}

json due_json(const std::optional<Timestamp>& due) {
  return due ? json(format_rfc3339(*due)) : json(nullptr);
}

json portal_ticket_json(const Ticket& t, const std::optional<Timestamp>& due) {
  return {{"id", t.id.value},
          {"reference", "T-" + std::to_string(t.id.value)},
          {"subject", t.subject},
          {"status", to_string(t.status)},
          {"priority", to_string(t.priority)},
          {"channel", to_string(t.channel)},
          {"created_at", format_rfc3339(t.created_at)},
          {"updated_at", format_rfc3339(t.updated_at)},
          {"version", t.version},
          {"answer_due", due_json(due)}};
}

json portal_message_json(const Message& m) {
  bool from_customer = m.author.type == ActorType::Customer;
  return {{"id", m.id.value},
          {"kind", to_string(m.kind)},
          {"from_customer", from_customer},
          {"body", m.body},
          {"created_at", format_rfc3339(m.created_at)}};
}

// The thread as the portal shows it, with authors and attachments when configured.
Result<json> portal_thread_json(const std::vector<Message>& messages, MessageExtras* extras) {
  json thread = json::array();
  for (const auto& m : messages) thread.push_back(portal_message_json(m));
  if (extras != nullptr) {
    if (auto decorated = extras->decorate(messages, false, thread); !decorated) return decorated.error();
  }
  return thread;
}

std::optional<Timestamp> due_of(PortalService& portal, const CustomerPrincipal& who, TicketId id) {
  auto due = portal.answer_due(who, {id});
  if (!due) return std::nullopt;
  auto it = due->find(id.value);
  return it == due->end() ? std::nullopt : it->second;
}

// Server-sent events from the change feed for one viewer.
class FeedStream final : public EventSource {
 public:
  FeedStream(ChangeFeed& feed, std::int64_t after, std::function<bool(const ChangeEvent&)> visible)
      : feed_(feed),
        after_(after),
        visible_(std::move(visible)),
        until_(std::chrono::steady_clock::now() + std::chrono::minutes(30)) {}

  std::string poll() override {
    auto page = feed_.since(after_, visible_);
    after_ = page.last_seq;
    std::string out;
    if (page.gap) out += "id: " + std::to_string(after_) + "\nevent: resync\ndata: {}\n\n";
    for (const auto& event : page.events) {
      if (event.event != "ticket") {
        out +=
            "id: " + std::to_string(event.seq) + "\nevent: " + event.event + "\ndata: " + event.data + "\n\n";
        continue;
      }
      json data = {{"ticket_id", event.ticket.value},
                   {"version", event.version},
                   {"change", service::to_string(event.change)}};
      out += "id: " + std::to_string(event.seq) + "\nevent: ticket\ndata: " + data.dump() + "\n\n";
    }
    return out;
  }
  // Streams end after 30 minutes; the browser reconnects (with Last-Event-ID), which
  // checks the session again.
  bool finished() const override { return std::chrono::steady_clock::now() >= until_; }

 private:
  ChangeFeed& feed_;
  std::int64_t after_;
  std::function<bool(const ChangeEvent&)> visible_;
  std::chrono::steady_clock::time_point until_;
};

HttpResponse event_stream(ChangeFeed& feed, const HttpRequest& request,
                          std::function<bool(const ChangeEvent&)> visible) {
  std::int64_t after = feed.last_seq();
  auto last = request.header("last-event-id");
  if (!last) last = request.query_param("after");
  if (last) {
    auto parsed = parse_positive(*last, "Last-Event-ID");
    if (parsed) after = *parsed;
  }
  HttpResponse response;
  response.content_type = "text/event-stream";
  response.body = "retry: 2000\n\n";
  response.stream = std::make_shared<FeedStream>(feed, after, std::move(visible));
  return response;
}

}  // namespace

void register_portal_routes(Api& api, PortalService& portal, ChangeFeed& feed, PortalOptions options) {
  auto pub = Api::Access::Public;
  api.add("POST", "/api/v1/portal/links", pub, [&portal, options](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto tenant = reader.string("tenant", true);
    auto email = reader.string("email", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(link, portal.request_link(*tenant, *email));
    json out = {{"sent", true}};
    if (*link) {
      std::string path = "/portal#token=" + (*link)->token;
      if (options.send_link) options.send_link(**link);
      if (options.demo_mode) {
        spdlog::info("demo sign-in link for customer {}: {}", (*link)->customer.id.value, path);
        out["demo_link"] = path;
      }
    }
    return json_response(202, out);
  });
  api.add("POST", "/api/v1/portal/session", pub, [&portal](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto token = reader.string("token", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(login, portal.sign_in(*token));
    auto response = json_response(200, {{"customer", customer_json(login->customer)},
                                        {"csrf_token", login->csrf_token},
                                        {"expires_at", format_rfc3339(login->expires_at)}});
    auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(
        login->expires_at.time_since_epoch() - std::chrono::system_clock::now().time_since_epoch());
    response.header("Set-Cookie",
                    portal_cookie(login->session_token, std::max<std::int64_t>(lifetime.count(), 60),
                                  ctx.options.secure_cookies));
    return response;
  });
  api.add("POST", "/api/v1/portal/logout", pub, [&portal](Api::Context& ctx) {
    if (auto cookie = ctx.request.cookie(kPortalCookie)) (void)portal.logout(*cookie);
    HttpResponse response;
    response.status = 204;
    response.content_type.clear();
    response.header("Set-Cookie", portal_cookie("", 0, ctx.options.secure_cookies));
    return response;
  });
  api.add("GET", "/api/v1/portal/me", pub, [&portal](Api::Context& ctx) {
    SP_OR_RESPOND(who, customer_of(portal, ctx.request));
    return json_response(200, {{"customer", customer_json(who->customer)}, {"csrf_token", who->csrf_token}});
  });
  api.add("GET", "/api/v1/portal/tickets", pub, [&portal](Api::Context& ctx) {
    SP_OR_RESPOND(who, customer_of(portal, ctx.request));
    SP_OR_RESPOND(tickets, portal.tickets(*who));
    std::vector<TicketId> ids;
    for (const auto& t : *tickets) ids.push_back(t.id);
    SP_OR_RESPOND(due, portal.answer_due(*who, ids));
    json items = json::array();
    for (const auto& t : *tickets) {
      auto it = due->find(t.id.value);
      items.push_back(portal_ticket_json(t, it == due->end() ? std::nullopt : it->second));
    }
    return json_response(200, {{"items", std::move(items)}});
  });
  api.add("POST", "/api/v1/portal/tickets", pub, [&portal](Api::Context& ctx) {
    SP_OR_RESPOND(who, customer_of(portal, ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto subject = reader.string("subject", true);
    auto text = reader.string("body", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(ticket, portal.open_ticket(*who, *subject, *text));
    auto response = json_response(201, portal_ticket_json(*ticket, due_of(portal, *who, ticket->id)));
    response.header("Location", "/api/v1/portal/tickets/" + std::to_string(ticket->id.value));
    return response;
  });
  api.add("GET", "/api/v1/portal/tickets/{id}", pub,
          [&portal, survey_url = options.survey_url, extras = options.message_extras](Api::Context& ctx) {
            SP_OR_RESPOND(who, customer_of(portal, ctx.request));
            TicketId id{ctx.param("id")};
            SP_OR_RESPOND(ticket, portal.ticket(*who, id));
            SP_OR_RESPOND(messages, portal.messages(*who, id));
            json out = portal_ticket_json(*ticket, due_of(portal, *who, id));
            // Only for the customer's own ticket (portal.ticket checked it) that is solved or closed.
            std::optional<std::string> survey;
            if (survey_url && (ticket->status == Status::Solved || ticket->status == Status::Closed)) {
              survey = survey_url(*ticket);
            }
            out["survey_url"] = survey ? json(*survey) : json(nullptr);
            SP_OR_RESPOND(thread, portal_thread_json(*messages, extras));
            out["messages"] = std::move(*thread);
            return json_response(200, out);
          });
  api.add("POST", "/api/v1/portal/tickets/{id}/messages", pub, [&portal, options](Api::Context& ctx) {
    SP_OR_RESPOND(who, customer_of(portal, ctx.request));
    if (auto type = ctx.request.header("content-type");
        type && text::istarts_with(*type, "multipart/form-data") && options.reply_with_files) {
      auto added = options.reply_with_files(ctx, *who);
      if (!added) return upload_problem(added.error());
      SP_OR_RESPOND(thread, portal_thread_json({added->message}, options.message_extras));
      return json_response(201, (*thread)[0]);
    }
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto text = reader.string("body", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(added, portal.reply(*who, TicketId{ctx.param("id")}, *text));
    return json_response(201, portal_message_json(added->message));
  });
  api.add("GET", "/api/v1/portal/stream", pub, [&portal, &feed](Api::Context& ctx) {
    SP_OR_RESPOND(who, customer_of(portal, ctx.request));
    auto tenant = who->tenant();
    auto customer = who->customer.id;
    return event_stream(feed, ctx.request, [tenant, customer](const ChangeEvent& event) {
      return event.tenant == tenant && event.requester == customer && event.event == "ticket";
    });
  });
}

void register_stream_routes(Api& api, ChangeFeed& feed) {
  api.add("GET", "/api/v1/stream", Api::Access::Authenticated, [&feed](Api::Context& ctx) {
    auto tenant = ctx.who().scope.tenant;
    auto me = ctx.who().agent.id;
    return event_stream(feed, ctx.request, [tenant, me](const ChangeEvent& event) {
      if (event.for_agent && *event.for_agent != me) return false;  // someone else's notification
      return !tenant || event.tenant == *tenant;  // platform administrators see every tenant
    });
  });
}

}  // namespace sp::http
