#include "http/channel_routes.hpp"

#include <array>

#include "channels/threading.hpp"
#include "domain/validation.hpp"
#include "http/handler_util.hpp"
#include "http/html_page.hpp"

namespace sp::http {

using namespace sp::domain;
using intake::FormFields;
using intake::WebhookChannel;

namespace {

// The rate limiter refills one message every two minutes.
constexpr const char* kRetryAfterSeconds = "120";
// The contact page loads nothing and runs nothing; it may only post to itself.

std::string reference_of(TicketId id) {
  return channels::format_ticket_reference(id);
}

// ---------------------------------------------------------------------------------------
// Webhooks

HttpResponse webhook_problem(const Error& error) {
  if (error.code == ErrorCode::Unauthenticated) {
    std::string kind = error.kind.empty() ? std::string(kinds::kWebhookBadSignature) : error.kind;
    auto response = problem(401, kind, "The webhook could not be authenticated", error.message);
    return response;
  }
  return error_response(error);
}

HttpResponse webhook_event(Api::Context& ctx, intake::WebhookIntake& webhooks, WebhookChannel channel) {
  const auto& request = ctx.request;
  auto slug = request.header("x-servicepact-tenant");
  auto timestamp = request.header("x-servicepact-timestamp");
  auto signature = request.header("x-servicepact-signature");
  auto nonce = request.header("x-servicepact-nonce");
  if (!slug || !timestamp || !signature) {
    return webhook_problem(Error{ErrorCode::Unauthenticated,
                                 "send X-Servicepact-Tenant, X-Servicepact-Timestamp, "
                                 "X-Servicepact-Nonce and X-Servicepact-Signature",
                                 {},
                                 std::string(kinds::kWebhookBadSignature)});
  }
  // An unknown tenant answers like a bad signature: the endpoint tells strangers nothing.
  auto tenant = ctx.service.store().find_tenant_by_slug(*slug);
  if (!tenant) {
    if (tenant.error().code != ErrorCode::NotFound) return error_response(tenant.error());
    return webhook_problem(Error{ErrorCode::Unauthenticated,
                                 "the signature does not match",
                                 {},
                                 std::string(kinds::kWebhookBadSignature)});
  }
  auto result = webhooks.handle(tenant->id, channel, *timestamp, *signature, nonce.value_or(std::string()),
                                request.body, ctx.service.clock().now());
  if (!result) return webhook_problem(result.error());
  return json_response(202, {{"ticket_id", result->ticket.value},
                             {"reference", reference_of(result->ticket)},
                             {"created", result->created},
                             {"duplicate", result->duplicate}});
}

// ---------------------------------------------------------------------------------------
// The web form: texts in the tenant's language

struct FormTexts {
  const char* lang;
  const char* title;  // followed by the tenant's name
  const char* intro;
  const char* name;
  const char* email;
  const char* subject;
  const char* body;
  const char* honeypot;
  const char* send;
  const char* thanks;  // followed by the reference
  const char* thanks_after;
  const char* error_heading;
  const char* error_name;
  const char* error_email;
  const char* error_subject;
  const char* error_body;
  const char* send_again;
  const char* expired;
  const char* rate_limited;
  const char* refused;
  const char* unknown_form;
  const char* unavailable;
};

constexpr FormTexts kEnglish{
    "en",
    "Contact ",
    "Send us your question. We answer by e-mail.",
    "Name",
    "E-mail address",
    "Subject",
    "Your message",
    "Leave this field empty",
    "Send",
    "Thank you. We received your message as ",
    ". Please mention this reference when you contact us about it.",
    "Please correct the following:",
    "Enter your name.",
    "Enter a valid e-mail address, such as name@example.com.",
    "Enter a subject.",
    "Enter your message.",
    "Please check your message and send it again.",
    "This form had expired. Please send it again.",
    "You sent several messages in a short time. Please try again in a few minutes.",
    "Your message could not be sent.",
    "This contact form does not exist.",
    "The service is busy. Please try again in a moment.",
};

constexpr FormTexts kDutch{
    "nl",
    "Contact met ",
    "Stel ons uw vraag. Wij antwoorden per e-mail.",
    "Naam",
    "E-mailadres",
    "Onderwerp",
    "Uw bericht",
    "Laat dit veld leeg",
    "Versturen",
    "Dank u wel. Wij hebben uw bericht ontvangen onder nummer ",
    ". Vermeld dit nummer als u er contact met ons over opneemt.",
    "Verbeter het volgende:",
    "Vul uw naam in.",
    "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
    "Vul een onderwerp in.",
    "Vul uw bericht in.",
    "Controleer uw bericht en verstuur het opnieuw.",
    "Dit formulier was verlopen. Verstuur het opnieuw.",
    "U hebt kort na elkaar meerdere berichten gestuurd. Probeer het over enkele minuten opnieuw.",
    "Uw bericht kon niet worden verstuurd.",
    "Dit contactformulier bestaat niet.",
    "Het is even te druk. Probeer het zo opnieuw.",
};

constexpr FormTexts kChinese{
    "zh",
    "联系",
    "请留下您的问题，我们将通过电子邮件答复。",
    "姓名",
    "电子邮箱",
    "主题",
    "您的留言",
    "请勿填写此栏",
    "发送",
    "谢谢。我们已收到您的留言，编号为 ",
    "。就此事联系我们时请提供此编号。",
    "请更正以下内容：",
    "请填写您的姓名。",
    "请填写有效的电子邮箱地址，例如 name@example.com。",
    "请填写主题。",
    "请填写留言内容。",
    "请检查您的留言后重新发送。",
    "此表单已过期，请重新发送。",
    "您在短时间内发送了多条留言，请几分钟后再试。",
    "您的留言未能发送。",
    "此联系表单不存在。",
    "服务繁忙，请稍后再试。",
};

const FormTexts& texts_for(Language language) {
  switch (language) {
    case Language::Nl:
      return kDutch;
    case Language::Zh:
      return kChinese;
    case Language::En:
      break;
  }
  return kEnglish;
}

HttpResponse html_page(int status, const FormTexts& texts, const std::string& title,
                       const std::string& content) {
  return http::html_page(status, texts.lang, title, content);
}

struct FieldMessage {
  std::string field;
  std::string message;
};

const char* field_error_text(const FormTexts& texts, const std::string& field) {
  if (field == "name") return texts.error_name;
  if (field == "email") return texts.error_email;
  if (field == "subject") return texts.error_subject;
  return texts.error_body;
}

std::string input_row(const FormTexts& texts, const char* id, const char* label, const std::string& value,
                      const std::vector<FieldMessage>& errors, const char* type, const char* autocomplete,
                      int max_length) {
  std::string error;
  for (const auto& e : errors) {
    if (e.field == id) error = e.message;
  }
  (void)texts;
  std::string row = "<p>\n<label for=\"" + std::string(id) + "\">" + html_escape(label) + "</label><br>\n";
  if (!error.empty()) {
    row += "<strong id=\"" + std::string(id) + "-error\">" + html_escape(error) + "</strong><br>\n";
  }
  std::string invalid = error.empty()
                            ? std::string()
                            : " aria-invalid=\"true\" aria-describedby=\"" + std::string(id) + "-error\"";
  if (std::string_view(type) == "textarea") {
    row += "<textarea id=\"" + std::string(id) + "\" name=\"" + std::string(id) +
           "\" rows=\"10\" cols=\"60\" required" + invalid + ">" + html_escape(value) + "</textarea>\n";
  } else {
    row += "<input id=\"" + std::string(id) + "\" name=\"" + std::string(id) + "\" type=\"" + type +
           "\" autocomplete=\"" + autocomplete + "\" maxlength=\"" + std::to_string(max_length) +
           "\" required value=\"" + html_escape(value) + "\"" + invalid + ">\n";
  }
  return row + "</p>\n";
}

// The form page. `notice` is a message above the form (bot checks, busy); `errors` are
// per-field messages, repeated in a summary that links to the fields.
HttpResponse form_page(int status, const Tenant& tenant, const std::string& token, const FormFields& values,
                       const std::vector<FieldMessage>& errors, const std::string& notice) {
  const FormTexts& texts = texts_for(tenant.default_language);
  std::string title = std::string(texts.title) + tenant.name;
  std::string content = "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(texts.intro) + "</p>\n";
  if (!notice.empty()) content += "<p role=\"alert\"><strong>" + html_escape(notice) + "</strong></p>\n";
  if (!errors.empty()) {
    content += "<div role=\"alert\">\n<h2>" + html_escape(texts.error_heading) + "</h2>\n<ul>\n";
    for (const auto& error : errors) {
      content += "<li><a href=\"#" + error.field + "\">" + html_escape(error.message) + "</a></li>\n";
    }
    content += "</ul>\n</div>\n";
  }
  content += "<form method=\"post\" action=\"/contact\" accept-charset=\"utf-8\">\n";
  content += "<input type=\"hidden\" name=\"tenant\" value=\"" + html_escape(tenant.slug) + "\">\n";
  content += "<input type=\"hidden\" name=\"token\" value=\"" + html_escape(token) + "\">\n";
  content += input_row(texts, "name", texts.name, values.name, errors, "text", "name",
                       static_cast<int>(kMaxNameBytes));
  content += input_row(texts, "email", texts.email, values.email, errors, "email", "email", 254);
  content += input_row(texts, "subject", texts.subject, values.subject, errors, "text", "off",
                       static_cast<int>(kMaxSubjectBytes));
  content += input_row(texts, "body", texts.body, values.body, errors, "textarea", "off", 0);
  // The honeypot: hidden from people (and from screen readers, through `hidden`), filled
  // in by bots that complete every field they find.
  content += "<div hidden>\n<label for=\"website\">" + html_escape(texts.honeypot) +
             "</label>\n<input id=\"website\" name=\"website\" type=\"text\" tabindex=\"-1\" "
             "autocomplete=\"off\" value=\"\">\n</div>\n";
  content += "<p><button type=\"submit\">" + html_escape(texts.send) + "</button></p>\n</form>\n";
  return html_page(status, texts, title, content);
}

HttpResponse message_page(int status, Language language, const std::string& title,
                          const std::string& message) {
  const FormTexts& texts = texts_for(language);
  return html_page(status, texts, title,
                   "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(message) + "</p>\n");
}

std::map<std::string, std::string> parse_form_body(std::string_view body) {
  return parse_form_urlencoded(body);
}

std::string value_of(const std::map<std::string, std::string>& fields, const std::string& name) {
  auto found = fields.find(name);
  return found == fields.end() ? std::string() : found->second;
}

std::string client_of(const HttpRequest& request) {
  return request.remote_address.empty() ? std::string("unknown") : request.remote_address;
}

HttpResponse not_found_page() {
  return message_page(404, Language::En, kEnglish.unknown_form, kEnglish.unknown_form);
}

HttpResponse contact_form(Api::Context& ctx, intake::FormIntake& forms) {
  auto slug = ctx.request.query_param("tenant");
  if (!slug) return not_found_page();
  auto tenant = ctx.service.store().find_tenant_by_slug(*slug);
  if (!tenant) return not_found_page();
  auto token = forms.form_token(tenant->id, ctx.service.clock().now());
  if (!token) {
    const FormTexts& texts = texts_for(tenant->default_language);
    return message_page(503, tenant->default_language, texts.refused, texts.unavailable);
  }
  return form_page(200, *tenant, *token, {}, {}, {});
}

HttpResponse contact_submit(Api::Context& ctx, intake::FormIntake& forms) {
  auto type = ctx.request.header("content-type").value_or(std::string());
  if (type.find("application/x-www-form-urlencoded") != 0) {
    return problem(415, "unsupported-media-type", "Unsupported media type",
                   "send the form as application/x-www-form-urlencoded");
  }
  auto posted = parse_form_body(ctx.request.body);
  auto tenant = ctx.service.store().find_tenant_by_slug(value_of(posted, "tenant"));
  if (!tenant) return not_found_page();
  const FormTexts& texts = texts_for(tenant->default_language);
  FormFields fields{value_of(posted, "name"), value_of(posted, "email"),   value_of(posted, "subject"),
                    value_of(posted, "body"), value_of(posted, "website"), value_of(posted, "token")};
  auto now = ctx.service.clock().now();

  // Field mistakes are shown all at once, before the submission counts against the limit.
  std::vector<FieldMessage> errors;
  for (const auto& error : intake::check_form_fields(fields)) {
    errors.push_back({error.field, field_error_text(texts, error.field)});
  }
  if (!errors.empty()) return form_page(422, *tenant, fields.token, fields, errors, {});

  auto result = forms.submit(tenant->id, fields, client_of(ctx.request), now);
  if (result) {
    std::string reference = reference_of(result->ticket.id);
    auto page = message_page(result->duplicate ? 200 : 201, tenant->default_language,
                             std::string(texts.title) + tenant->name,
                             std::string(texts.thanks) + reference + texts.thanks_after);
    return page;
  }
  const Error& error = result.error();
  if (error.kind == kinds::kFormHoneypot) {
    return message_page(403, tenant->default_language, texts.refused, texts.refused);
  }
  if (error.kind == kinds::kFormTooFast || error.kind == kinds::kFormExpired ||
      error.kind == kinds::kFormBadToken) {
    // A fresh token; the person sends again (a bot that fills too fast just fails again).
    auto token = forms.form_token(tenant->id, now);
    if (!token) return message_page(503, tenant->default_language, texts.refused, texts.unavailable);
    fields.token.clear();
    return form_page(403, *tenant, *token, fields, {},
                     error.kind == kinds::kFormExpired ? texts.expired : texts.send_again);
  }
  if (error.kind == kinds::kRateLimited) {
    auto page = message_page(429, tenant->default_language, texts.refused, texts.rate_limited);
    page.header("Retry-After", kRetryAfterSeconds);
    return page;
  }
  if (error.code == ErrorCode::InvalidInput) {
    errors.push_back({error.field, field_error_text(texts, error.field)});
    return form_page(422, *tenant, fields.token, fields, errors, {});
  }
  if (error.code == ErrorCode::Internal) spdlog::error("contact form: {}", error.message);
  return message_page(503, tenant->default_language, texts.refused, texts.unavailable);
}

}  // namespace

void register_channel_routes(Api& api, intake::WebhookIntake& webhooks, intake::FormIntake& forms) {
  auto pub = Api::Access::Public;
  api.add("POST", "/api/v1/channels/phone/events", pub,
          [&webhooks](Api::Context& ctx) { return webhook_event(ctx, webhooks, WebhookChannel::Phone); });
  api.add("POST", "/api/v1/channels/social/events", pub,
          [&webhooks](Api::Context& ctx) { return webhook_event(ctx, webhooks, WebhookChannel::Social); });
  api.add("POST", "/api/v1/channels/webhook-secret", Api::Access::Authenticated,
          [&webhooks](Api::Context& ctx) {
            SP_OR_RESPOND(allowed, service::require(ctx.who(), service::Permission::ManageAgents));
            std::optional<TenantId> named;
            if (!ctx.request.body.empty()) {
              SP_OR_RESPOND(body, body_of(ctx));
              BodyReader reader(*body);
              auto tenant_id = reader.integer("tenant_id");
              if (auto done = reader.finish(); !done) return error_response(done.error());
              if (tenant_id) named = TenantId{*tenant_id};
            }
            SP_OR_RESPOND(tenant, service::resolve_tenant(ctx.service.store(), ctx.who(), named));
            SP_OR_RESPOND(secret, webhooks.rotate_secret(*tenant));
            return json_response(200, {{"tenant_id", tenant->value}, {"secret", *secret}});
          });

  api.add("GET", "/api/v1/forms/token", pub, [&forms](Api::Context& ctx) {
    auto slug = ctx.request.query_param("tenant");
    if (!slug) return error_response(invalid_input("name the tenant (slug) in ?tenant=", "tenant"));
    SP_OR_RESPOND(tenant, ctx.service.store().find_tenant_by_slug(*slug));
    SP_OR_RESPOND(token, forms.form_token(tenant->id, ctx.service.clock().now()));
    return json_response(200, {{"token", *token},
                               {"tenant_name", tenant->name},
                               {"language", to_string(tenant->default_language)}});
  });
  api.add("POST", "/api/v1/forms/submit", pub, [&forms](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto slug = reader.string("tenant", true);
    auto name = reader.string("name");
    auto email = reader.string("email");
    auto subject = reader.string("subject");
    auto text = reader.string("body");
    auto website = reader.string("website");
    auto token = reader.string("token", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(tenant, ctx.service.store().find_tenant_by_slug(*slug));
    FormFields fields{name.value_or(std::string()),    email.value_or(std::string()),
                      subject.value_or(std::string()), text.value_or(std::string()),
                      website.value_or(std::string()), *token};
    auto result = forms.submit(tenant->id, fields, client_of(ctx.request), ctx.service.clock().now());
    if (!result) {
      if (result.error().kind == kinds::kRateLimited) {
        auto response = problem(429, kinds::kRateLimited, "Too many requests", result.error().message);
        response.header("Retry-After", kRetryAfterSeconds);
        return response;
      }
      return error_response(result.error());
    }
    json out = {
        {"ticket_id", result->ticket.id.value},
        {"reference", reference_of(result->ticket.id)},
        {"duplicate", result->duplicate},
        {"answer_due", result->answer_due ? json(format_rfc3339(*result->answer_due)) : json(nullptr)}};
    return json_response(result->duplicate ? 200 : 201, out);
  });

  api.add("GET", "/contact", pub, [&forms](Api::Context& ctx) { return contact_form(ctx, forms); });
  api.add("POST", "/contact", pub, [&forms](Api::Context& ctx) { return contact_submit(ctx, forms); });
}

}  // namespace sp::http
