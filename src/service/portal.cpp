#include "service/portal.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace sp::service {

PortalService::PortalService(HelpdeskService& helpdesk, Duration link_lifetime, Duration session_lifetime,
                             int links_per_address_per_hour)
    : helpdesk_(helpdesk),
      link_lifetime_(link_lifetime),
      session_lifetime_(session_lifetime),
      links_per_address_per_hour_(links_per_address_per_hour) {}

bool PortalService::allow_link_request(const std::string& key, Timestamp now) {
  std::lock_guard lock(rate_mutex_);
  if (recent_requests_.size() > 100'000) recent_requests_.clear();  // bound the memory
  auto& times = recent_requests_[key];
  std::erase_if(times, [&](Timestamp at) { return now - at >= std::chrono::hours(1); });
  if (static_cast<int>(times.size()) >= links_per_address_per_hour_) return false;
  times.push_back(now);
  return true;
}

Result<std::optional<PortalLink>> PortalService::request_link(const std::string& tenant_slug,
                                                              const std::string& email) {
  if (tenant_slug.empty() || tenant_slug.size() > 64) return invalid_input("unknown tenant", "tenant");
  auto normalised = normalise_email(email);
  if (!normalised) return normalised.error();
  auto& store = helpdesk_.store();
  auto tenant = store.find_tenant_by_slug(tenant_slug);
  if (!tenant) {
    if (tenant.error().code == ErrorCode::NotFound) return invalid_input("unknown tenant", "tenant");
    return tenant.error();
  }
  auto now = helpdesk_.clock().now();
  if (!allow_link_request(tenant_slug + "\n" + *normalised, now)) return std::optional<PortalLink>{};
  storage::CustomerFilter filter;
  filter.email = *normalised;
  filter.limit = 1;
  auto customers = store.list_customers(Scope{tenant->id}, filter);
  if (!customers) return customers.error();
  if (customers->empty()) return std::optional<PortalLink>{};
  auto token = random_token();
  storage::PortalLink link{token_digest(token), tenant->id, customers->front().id, now, now + link_lifetime_};
  SP_TRY(store.create_portal_link(link));
  return std::optional<PortalLink>{PortalLink{token, customers->front(), link.expires_at}};
}

Result<PortalLogin> PortalService::sign_in(const std::string& token) {
  if (token.empty() || token.size() > 128) {
    return Error{ErrorCode::Unauthenticated, "sign-in link unknown, used or expired"};
  }
  auto& store = helpdesk_.store();
  auto now = helpdesk_.clock().now();
  auto link = store.consume_portal_link(token_digest(token), now);
  if (!link) return link.error();
  auto customer = store.get_customer(Scope{link->tenant_id}, link->customer_id);
  if (!customer) return customer.error();
  PortalLogin login{random_token(), random_token(), *customer, now + session_lifetime_};
  SP_TRY(store.create_customer_session(storage::CustomerSession{token_digest(login.session_token),
                                                                link->tenant_id, customer->id,
                                                                login.csrf_token, now, login.expires_at}));
  return login;
}

Result<CustomerPrincipal> PortalService::authenticate(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 128) {
    return Error{ErrorCode::Unauthenticated, "session expired or unknown"};
  }
  auto& store = helpdesk_.store();
  auto session = store.find_customer_session(token_digest(session_token), helpdesk_.clock().now());
  if (!session) return session.error();
  auto customer = store.get_customer(Scope{session->tenant_id}, session->customer_id);
  if (!customer) return Error{ErrorCode::Unauthenticated, "session expired or unknown"};
  return CustomerPrincipal{*customer, session->csrf_token};
}

Result<void> PortalService::logout(const std::string& session_token) {
  return helpdesk_.store().delete_customer_session(token_digest(session_token));
}

Result<std::vector<Ticket>> PortalService::tickets(const CustomerPrincipal& c) {
  storage::TicketFilter filter;
  filter.requester = c.customer.id;
  filter.limit = storage::kMaxPageSize;
  return helpdesk_.store().list_tickets(Scope{c.tenant()}, filter);
}

Result<Ticket> PortalService::ticket(const CustomerPrincipal& c, TicketId id) {
  auto found = helpdesk_.store().get_ticket(Scope{c.tenant()}, id);
  if (!found) return found.error();
  if (found->requester_id != c.customer.id) return not_found("ticket not found");
  return found;
}

Result<std::vector<Message>> PortalService::messages(const CustomerPrincipal& c, TicketId id) {
  SP_TRY(ticket(c, id));
  auto all = helpdesk_.store().list_messages(Scope{c.tenant()}, id);
  if (!all) return all.error();
  std::erase_if(*all, [](const Message& m) { return m.kind == MessageKind::Note; });
  return all;
}

Result<Ticket> PortalService::open_ticket(const CustomerPrincipal& c, std::string subject, std::string body) {
  NewTicket ticket;
  ticket.subject = std::move(subject);
  ticket.channel = Channel::Web;
  ticket.first_message = std::move(body);
  return helpdesk_.open_customer_ticket(c.tenant(), c.customer.id, std::move(ticket));
}

Result<storage::AppendedMessage> PortalService::reply(const CustomerPrincipal& c, TicketId id,
                                                      std::string body) {
  SP_TRY(ticket(c, id));
  return helpdesk_.add_customer_message(c.tenant(), c.customer.id, id, std::move(body));
}

Result<std::map<std::int64_t, std::optional<Timestamp>>> PortalService::answer_due(
    const CustomerPrincipal& c, const std::vector<TicketId>& ids) {
  auto summaries = helpdesk_.store().ticket_summaries(Scope{c.tenant()}, ids);
  if (!summaries) return summaries.error();
  std::map<std::int64_t, std::optional<Timestamp>> out;
  for (const auto& [id, summary] : *summaries) out[id.value] = summary.sla_due_at;
  return out;
}

}  // namespace sp::service
