#include "http/attachment_routes.hpp"

#include <map>

#include "channels/attachment_rules.hpp"
#include "channels/mime.hpp"
#include "channels/multipart.hpp"
#include "core/text.hpp"
#include "http/handler_util.hpp"
#include "http/portal_routes.hpp"

namespace sp::http {

using namespace sp::domain;
using storage::AttachmentRecord;
using storage::AttachmentRole;

namespace {

bool shown_to_customers(const AttachmentRecord& record) {
  return record.role == AttachmentRole::File || record.role == AttachmentRole::Inline;
}

json attachment_json(const AttachmentRecord& record, const std::string& url) {
  return {{"id", record.id},
          {"filename", record.filename},
          {"content_type", channels::served_content_type(record.content_type)},
          {"size", record.size_bytes},
          {"sha256", record.sha256},
          {"inline", record.role == AttachmentRole::Inline},
          {"url", url}};
}

// The bytes as a download that no browser renders in our origin.
HttpResponse download_response(std::string bytes, const std::string& content_type,
                               const std::string& filename) {
  HttpResponse response;
  response.content_type = content_type;
  response.body = std::move(bytes);
  response.header("Content-Disposition", channels::attachment_disposition(filename));
  response.header("Content-Security-Policy", "default-src 'none'; sandbox");
  return response;
}

// From and Subject of a mail as received, read from the header block of its raw bytes
// (only the head of the file is read: a listing never loads whole mails).
std::optional<channels::ParsedMail> mail_headers(intake::Attachments& attachments,
                                                 const AttachmentRecord& raw) {
  constexpr std::size_t kHeaderBytes = 64 * 1024;
  auto head = attachments.open_head(raw, kHeaderBytes);
  if (!head) return std::nullopt;
  std::string_view bytes = head->bytes;
  auto end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) end = bytes.find("\n\n");
  auto parsed = channels::parse_mail(std::string(bytes.substr(0, end)) + "\r\n\r\n");
  if (!parsed) return std::nullopt;
  return std::move(*parsed);
}

struct Upload {
  std::optional<std::string> kind;
  std::optional<std::string> if_no_reply_since;
  std::string body;
  std::vector<intake::IncomingFile> files;
};

// The fields (only `allowed` ones, each once; body required) and files of a form post,
// within the tenant's limits.
Result<Upload> read_upload(const HttpRequest& request, const intake::AttachmentLimits& limits,
                           std::initializer_list<std::string_view> allowed) {
  auto type = request.header("content-type");
  auto boundary = channels::form_data_boundary(type ? *type : "");
  if (!boundary) return boundary.error();
  channels::MultipartLimits parse_limits;
  parse_limits.max_file_bytes = limits.max_file_bytes;
  parse_limits.max_files = limits.max_files;
  parse_limits.max_total_file_bytes = limits.max_total_bytes;
  auto form = channels::parse_form_data(request.body, *boundary, parse_limits);
  if (!form) return form.error();
  Upload upload;
  bool has_body = false;
  for (const auto& field : form->fields) {
    if (std::find(allowed.begin(), allowed.end(), field.name) == allowed.end()) {
      return invalid_input("unknown form field \"" + field.name.substr(0, 100) + "\"",
                           field.name.substr(0, 100));
    }
    if (!text::is_valid_utf8(field.bytes)) return invalid_input("form fields must be UTF-8", field.name);
    if (field.name == "body") {
      if (has_body) return invalid_input("body given twice", "body");
      has_body = true;
      upload.body = field.bytes;
    } else if (field.name == "kind") {
      upload.kind = field.bytes;
    } else if (field.name == "if_no_reply_since") {
      upload.if_no_reply_since = field.bytes;
    }
  }
  if (!has_body) return invalid_input("body is required", "body");
  for (auto& file : form->files) {
    upload.files.push_back({std::move(*file.filename), std::move(file.content_type), std::move(file.bytes),
                            AttachmentRole::File, ""});
  }
  return upload;
}

}  // namespace

Result<void> AttachmentRoutes::decorate(const std::vector<Message>& messages, bool for_agent, json& items) {
  if (messages.empty()) return {};
  const auto tenant = messages.front().tenant_id;
  const auto ticket = messages.front().ticket_id;
  const auto scope = storage::Scope::of(tenant);
  auto records = attachments_.of_ticket(scope, ticket);
  if (!records) return records.error();
  std::map<std::int64_t, std::vector<const AttachmentRecord*>> by_message;
  for (const auto& record : *records) by_message[record.message_id.value].push_back(&record);
  // Each author read once per page, not once per message.
  std::map<std::int64_t, json> agents, customers;
  auto& store = helpdesk_.store();
  const std::string base =
      (for_agent ? "/api/v1/tickets/" : "/api/v1/portal/tickets/") + std::to_string(ticket.value);
  for (std::size_t idx = 0; idx < messages.size() && idx < items.size(); ++idx) {
    const auto& message = messages[idx];
    auto& item = items[idx];
    json from = nullptr;
    if (message.author.type == ActorType::Agent) {
      auto [it, fresh] = agents.try_emplace(message.author.id);
      if (fresh) {
        auto agent = store.get_agent(scope, AgentId{message.author.id});
        it->second = {{"type", "agent"}, {"id", message.author.id}, {"name", agent ? agent->name : ""}};
      }
      from = it->second;
    } else if (message.author.type == ActorType::Customer) {
      auto [it, fresh] = customers.try_emplace(message.author.id);
      if (fresh) {
        auto customer = store.get_customer(scope, CustomerId{message.author.id});
        it->second = {{"type", "customer"},
                      {"id", message.author.id},
                      {"name", customer ? customer->name : ""},
                      {"address", customer && !customer->emails.empty() ? json(customer->emails.front())
                                                                        : json(nullptr)}};
      }
      from = it->second;
    } else {
      from = {{"type", "system"}};
    }
    json files = json::array();
    json raw_url = nullptr, html_url = nullptr, subject = nullptr;
    const std::string message_base = base + "/messages/" + std::to_string(message.id.value);
    if (auto found = by_message.find(message.id.value); found != by_message.end()) {
      for (const auto* record : found->second) {
        if (record->role == AttachmentRole::Raw) {
          raw_url = message_base + "/raw";
          // Mail: the sender as the mail names them, and its subject.
          if (auto headers = mail_headers(attachments_, *record)) {
            subject = headers->subject;
            if (from.is_object() && !headers->from.address.empty()) {
              from["address"] = headers->from.address;
              if (!headers->from.name.empty()) from["name"] = headers->from.name;
            }
          }
        } else if (record->role == AttachmentRole::Html) {
          html_url = message_base + "/html";
        } else if (shown_to_customers(*record)) {
          files.push_back(attachment_json(*record, base + "/attachments/" + std::to_string(record->id)));
        }
      }
    }
    item["from"] = std::move(from);
    item["subject"] = std::move(subject);
    item["attachments"] = std::move(files);
    if (for_agent) {
      item["raw_url"] = std::move(raw_url);
      item["html_url"] = std::move(html_url);
    }
  }
  return {};
}

HttpResponse AttachmentRoutes::add_message_with_files(Api::Context& ctx) {
  TicketId id{ctx.param("id")};
  // Access first (another tenant's ticket is 404), then the limits of its tenant.
  SP_OR_RESPOND(ticket, ctx.service.get_ticket(ctx.who(), id));
  auto upload =
      read_upload(ctx.request, attachments_.limits(ticket->tenant_id), {"kind", "body", "if_no_reply_since"});
  if (!upload) return upload_problem(upload.error());
  MessageKind kind = MessageKind::Outbound;
  if (upload->kind) {
    SP_OR_RESPOND(parsed, parse_message_kind(*upload->kind));
    kind = *parsed;
  }
  if (upload->if_no_reply_since && kind == MessageKind::Outbound) {
    SP_OR_RESPOND(seen_up_to, parse_positive(*upload->if_no_reply_since, "if_no_reply_since"));
    SP_OR_RESPOND(collision, reply_collision(ctx, id, MessageId{*seen_up_to}));
    if (*collision) return std::move(**collision);
  }
  SP_OR_RESPOND(version, expected_version(ctx.request));
  // Files before the message (so a reply never goes out naming files that are not there);
  // released again when the message is refused.
  SP_OR_RESPOND(staged, attachments_.stage(std::move(upload->files)));
  auto added = ctx.service.add_message(ctx.who(), id, kind, std::move(upload->body), *version);
  if (!added) {
    attachments_.release(*staged);
    return error_response(added.error());
  }
  SP_OR_RESPOND(records, attachments_.commit(std::move(*staged), ticket->tenant_id, id, added->message.id,
                                             ctx.service.clock().now()));
  json items = json::array({to_json(added->message)});
  SP_OR_RESPOND(decorated, decorate({added->message}, true, items));
  json out = std::move(items[0]);
  out["ticket"] = to_json(added->ticket);
  auto response = json_response(201, out);
  response.header("ETag", "\"" + std::to_string(added->ticket.version) + "\"");
  return response;
}

Result<storage::AppendedMessage> AttachmentRoutes::portal_reply_with_files(
    Api::Context& ctx, const service::CustomerPrincipal& who) {
  TicketId id{ctx.param("id")};
  auto ticket = portal_.ticket(who, id);  // another customer's ticket is NotFound
  if (!ticket) return ticket.error();
  auto upload = read_upload(ctx.request, attachments_.limits(who.tenant()), {"body"});
  if (!upload) return upload.error();
  auto staged = attachments_.stage(std::move(upload->files));
  if (!staged) return staged.error();
  auto added = portal_.reply(who, id, std::move(upload->body));
  if (!added) {
    attachments_.release(*staged);
    return added.error();
  }
  auto records =
      attachments_.commit(std::move(*staged), who.tenant(), id, added->message.id, helpdesk_.clock().now());
  if (!records) return records.error();
  return added;
}

// Upload errors: a limit over size is 413, too many files 422, a malformed body 400; the
// problem names the limit.
HttpResponse upload_problem(const Error& error) {
  if (error.kind == kinds::kAttachmentTooLarge || error.kind == kinds::kAttachmentsTooLarge) {
    return problem(413, error.kind, "Attachment limit exceeded", error.message);
  }
  if (error.kind == kinds::kTooManyAttachments) {
    return problem(422, error.kind, "Attachment limit exceeded", error.message);
  }
  if (error.kind == kinds::kMultipartMalformed) {
    return problem(400, error.kind, "Malformed multipart/form-data body", error.message);
  }
  return error_response(error);
}

void AttachmentRoutes::register_routes(Api& api) {
  auto auth = Api::Access::Authenticated;
  api.add("GET", "/api/v1/tickets/{id}/attachments/{attachment_id}", auth, [this](Api::Context& ctx) {
    SP_OR_RESPOND(ticket, ctx.service.get_ticket(ctx.who(), TicketId{ctx.param("id")}));
    SP_OR_RESPOND(file, attachments_.open(storage::Scope::of(ticket->tenant_id), ticket->id,
                                          ctx.param("attachment_id")));
    if (file->record.role == AttachmentRole::Raw) return error_response(not_found("no such attachment"));
    return download_response(std::move(file->bytes), channels::served_content_type(file->record.content_type),
                             file->record.filename);
  });
  api.add("GET", "/api/v1/tickets/{id}/messages/{message_id}/raw", auth, [this](Api::Context& ctx) {
    SP_OR_RESPOND(ticket, ctx.service.get_ticket(ctx.who(), TicketId{ctx.param("id")}));
    auto scope = storage::Scope::of(ticket->tenant_id);
    SP_OR_RESPOND(records, attachments_.of_ticket(scope, ticket->id));
    for (const auto& record : *records) {
      if (record.role != AttachmentRole::Raw || record.message_id.value != ctx.param("message_id")) continue;
      SP_OR_RESPOND(file, attachments_.open(scope, ticket->id, record.id));
      return download_response(std::move(file->bytes), "message/rfc822",
                               "T-" + std::to_string(ticket->id.value) + "-message-" +
                                   std::to_string(record.message_id.value) + ".eml");
    }
    return error_response(not_found("no raw message for this message (not received by mail)"));
  });
  // The sanitised HTML of a mail as JSON (never served as a page from our origin), inline
  // images pointed at their downloads; the console shows it in a sandboxed frame.
  api.add("GET", "/api/v1/tickets/{id}/messages/{message_id}/html", auth, [this](Api::Context& ctx) {
    SP_OR_RESPOND(ticket, ctx.service.get_ticket(ctx.who(), TicketId{ctx.param("id")}));
    auto scope = storage::Scope::of(ticket->tenant_id);
    SP_OR_RESPOND(records, attachments_.of_ticket(scope, ticket->id));
    const auto message_id = ctx.param("message_id");
    const std::string base = "/api/v1/tickets/" + std::to_string(ticket->id.value) + "/attachments/";
    for (const auto& record : *records) {
      if (record.role != AttachmentRole::Html || record.message_id.value != message_id) continue;
      SP_OR_RESPOND(file, attachments_.open(scope, ticket->id, record.id));
      auto html =
          channels::rewrite_cid_sources(file->bytes, [&](std::string_view cid) -> std::optional<std::string> {
            for (const auto& image : *records) {
              if (image.message_id.value == message_id && image.role == AttachmentRole::Inline &&
                  image.content_id == cid) {
                return base + std::to_string(image.id);
              }
            }
            return std::nullopt;
          });
      return json_response(200, {{"message_id", message_id}, {"html", std::move(html)}});
    }
    return error_response(not_found("no HTML version of this message"));
  });
  api.add("GET", "/api/v1/portal/tickets/{id}/attachments/{attachment_id}", Api::Access::Public,
          [this](Api::Context& ctx) {
            SP_OR_RESPOND(who, portal_customer(portal_, ctx.request));
            SP_OR_RESPOND(ticket, portal_.ticket(*who, TicketId{ctx.param("id")}));
            SP_OR_RESPOND(file, attachments_.open(storage::Scope::of(who->tenant()), ticket->id,
                                                  ctx.param("attachment_id")));
            if (!shown_to_customers(file->record)) return error_response(not_found("no such attachment"));
            // Files on internal notes stay internal: the portal thread leaves notes out.
            SP_OR_RESPOND(thread, portal_.messages(*who, ticket->id));
            bool visible = std::any_of(thread->begin(), thread->end(), [&](const Message& message) {
              return message.id == file->record.message_id;
            });
            if (!visible) return error_response(not_found("no such attachment"));
            return download_response(std::move(file->bytes),
                                     channels::served_content_type(file->record.content_type),
                                     file->record.filename);
          });
}

}  // namespace sp::http
