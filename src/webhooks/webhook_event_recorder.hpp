// Turns what the helpdesk, the SLA engine and surveys record into outbound webhook events:
// a TicketObserver for ticket created / updated / solved and message added, and two
// callbacks for SlaService's notice observer and SurveyService's answer observer (wired in
// app/wiring.cpp beside the KPI aggregator). Each event gets an id derived from what it is
// about (the ticket's version, the message id, the notice's key, the ticket's survey), so
// telling the recorder twice queues it once. Called after the change is committed, on the
// caller's thread; the queue itself is durable (OutboundWebhookService::enqueue).
#pragma once

#include "service/helpdesk.hpp"
#include "storage/sla_store.hpp"
#include "storage/survey_store.hpp"
#include "webhooks/outbound_webhook_service.hpp"

namespace sp::webhooks {

// The "ticket" object of event data: id, subject, status, priority, channel, category,
// tags, team, assignee, requester, times and version.
nlohmann::json ticket_event_data(const domain::Ticket& ticket);

class WebhookEventRecorder final : public service::TicketObserver {
 public:
  WebhookEventRecorder(OutboundWebhookService& hooks, storage::Store& store, storage::SlaStore& sla,
                       storage::SurveyStore* surveys)
      : hooks_(hooks), store_(store), sla_(sla), surveys_(surveys) {}

  void ticket_changed(const domain::Ticket& ticket, service::TicketChangeKind change) override;
  void message_added(const domain::Ticket& ticket, const domain::Message& message) override;
  // SLA notices of the ticket were recorded: queues sla.at_risk, sla.breached and
  // sla.escalated for each of its notices (those queued before are skipped by their id).
  void sla_notices_fired(domain::TenantId tenant, domain::TicketId ticket);
  void survey_answered(domain::TenantId tenant, domain::TicketId ticket);

 private:
  void record(domain::TenantId tenant, channels::WebhookEventType type, const std::string& id,
              nlohmann::json data);

  OutboundWebhookService& hooks_;
  storage::Store& store_;
  storage::SlaStore& sla_;
  storage::SurveyStore* surveys_;
};

}  // namespace sp::webhooks
