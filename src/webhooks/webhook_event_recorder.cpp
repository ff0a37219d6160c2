#include "webhooks/webhook_event_recorder.hpp"

#include <spdlog/spdlog.h>

namespace sp::webhooks {
namespace {

using channels::WebhookEventType;
using nlohmann::json;

json optional_id(const auto& id) {
  return id ? json(id->value) : json();
}

}  // namespace

json ticket_event_data(const domain::Ticket& t) {
  return {{"id", t.id.value},
          {"subject", t.subject},
          {"status", std::string(domain::to_string(t.status))},
          {"priority", std::string(domain::to_string(t.priority))},
          {"channel", std::string(domain::to_string(t.channel))},
          {"category", t.category},
          {"tags", t.tags},
          {"team_id", optional_id(t.team_id)},
          {"assignee_id", optional_id(t.assignee_id)},
          {"requester_id", t.requester_id.value},
          {"created_at", format_rfc3339(t.created_at)},
          {"updated_at", format_rfc3339(t.updated_at)},
          {"solved_at", t.solved_at ? json(format_rfc3339(*t.solved_at)) : json()},
          {"version", t.version}};
}

void WebhookEventRecorder::record(domain::TenantId tenant, WebhookEventType type, const std::string& id,
                                  json data) {
  auto queued = hooks_.enqueue(tenant, type, id, std::move(data));
  if (!queued) {
    spdlog::error("webhook event {} of tenant {} not queued: {}", id, tenant.value, queued.error().message);
  }
}

void WebhookEventRecorder::ticket_changed(const domain::Ticket& ticket, service::TicketChangeKind change) {
  const std::string version = std::to_string(ticket.id.value) + "_v" + std::to_string(ticket.version);
  switch (change) {
    case service::TicketChangeKind::Created:
      record(ticket.tenant_id, WebhookEventType::TicketCreated, "evt_ticket_created_" + version,
             {{"ticket", ticket_event_data(ticket)}});
      return;
    case service::TicketChangeKind::Updated:
      record(ticket.tenant_id, WebhookEventType::TicketUpdated, "evt_ticket_updated_" + version,
             {{"ticket", ticket_event_data(ticket)}});
      if (ticket.status == domain::Status::Solved) {
        record(ticket.tenant_id, WebhookEventType::TicketSolved, "evt_ticket_solved_" + version,
               {{"ticket", ticket_event_data(ticket)}});
      }
      return;
    case service::TicketChangeKind::Message:
      return;  // message_added follows with the message
  }
}

void WebhookEventRecorder::message_added(const domain::Ticket& ticket, const domain::Message& message) {
  json data = {{"ticket", ticket_event_data(ticket)},
               {"message",
                {{"id", message.id.value},
                 {"kind", std::string(domain::to_string(message.kind))},
                 {"author_type", std::string(domain::to_string(message.author.type))},
                 {"author_id", message.author.id},
                 {"body", message.body},
                 {"automatic", message.automatic},
                 {"created_at", format_rfc3339(message.created_at)}}}};
  const bool social_reply =
      ticket.channel == domain::Channel::Social && message.kind == domain::MessageKind::Outbound;
  if (social_reply) {
    // The bridge posts the reply on the platform to the ticket's customer (it knows their
    // handle from the webhook that opened the ticket) and answers 2xx once it did.
    json reply = data;
    auto customer = store_.get_customer(storage::Scope::of(ticket.tenant_id), ticket.requester_id);
    reply["customer"] = {{"id", ticket.requester_id.value}, {"name", customer ? customer->name : ""}};
    record(ticket.tenant_id, WebhookEventType::SocialReply,
           "evt_reply_social_" + std::to_string(message.id.value), std::move(reply));
  }
  record(ticket.tenant_id, WebhookEventType::MessageAdded, "evt_message_" + std::to_string(message.id.value),
         std::move(data));
}

void WebhookEventRecorder::sla_notices_fired(domain::TenantId tenant, domain::TicketId id) {
  auto want = hooks_.wanted(
      tenant, {WebhookEventType::SlaAtRisk, WebhookEventType::SlaBreached, WebhookEventType::SlaEscalated});
  if (want && !*want) return;  // on a read error, go on: enqueue reports it
  const auto scope = storage::Scope::of(tenant);
  auto notices = sla_.list_sla_notices(scope, id);
  auto ticket = store_.get_ticket(scope, id);
  if (!notices || !ticket) {
    spdlog::error("SLA webhook events of ticket {} not queued: {}", id.value,
                  (!notices ? notices.error() : ticket.error()).message);
    return;
  }
  for (const auto& notice : *notices) {
    WebhookEventType type = WebhookEventType::SlaEscalated;
    if (notice.kind == "at_risk") type = WebhookEventType::SlaAtRisk;
    if (notice.kind == "breached") type = WebhookEventType::SlaBreached;
    std::string key = notice.kind;
    for (char& c : key) {
      if (c == ':') c = '_';
    }
    record(tenant, type,
           "evt_sla_" + std::to_string(id.value) + "_" + notice.target + "_" + std::to_string(notice.cycle) +
               "_" + key,
           {{"ticket", ticket_event_data(*ticket)},
            {"sla",
             {{"target", notice.target},
              {"cycle", notice.cycle},
              {"notice", notice.kind},
              {"due_at", format_rfc3339(notice.due_at)}}}});
  }
}

void WebhookEventRecorder::survey_answered(domain::TenantId tenant, domain::TicketId id) {
  auto want = hooks_.wanted(tenant, {WebhookEventType::SurveyAnswered});
  if (want && !*want) return;
  const auto scope = storage::Scope::of(tenant);
  auto ticket = store_.get_ticket(scope, id);
  if (!ticket) {
    spdlog::error("survey webhook event of ticket {} not queued: {}", id.value, ticket.error().message);
    return;
  }
  json data = {{"ticket", ticket_event_data(*ticket)}};
  if (surveys_) {
    auto survey = surveys_->get_survey(scope, id);
    if (survey && *survey && (*survey)->answer) {
      const auto& answer = *(*survey)->answer;
      data["answer"] = {{"grade", answer.grade},
                        {"helped", answer.helped},
                        {"nps", answer.nps ? json(*answer.nps) : json()},
                        {"effort", answer.effort ? json(*answer.effort) : json()},
                        {"comment", answer.comment}};
    }
  }
  record(tenant, WebhookEventType::SurveyAnswered, "evt_survey_" + std::to_string(id.value), std::move(data));
}

}  // namespace sp::webhooks
