// The customer portal's use cases. A customer signs in with a single-use link (sent by
// e-mail; written to the log in demo mode), then sees and answers only their own tickets,
// and never internal notes. Other customers' tickets are NotFound, as other tenants' are
// for agents.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/helpdesk.hpp"

namespace sp::service {

struct CustomerPrincipal {
  Customer customer;
  std::string csrf_token;
  TenantId tenant() const { return customer.tenant_id; }
};

struct PortalLogin {
  std::string session_token;  // cookie value; only its digest is stored
  std::string csrf_token;
  Customer customer;
  Timestamp expires_at;
};

struct PortalLink {
  std::string token;  // clear, for the e-mail (or the demo log)
  Customer customer;
  Timestamp expires_at;
};

class PortalService {
 public:
  explicit PortalService(HelpdeskService& helpdesk, Duration link_lifetime = std::chrono::minutes(15),
                         Duration session_lifetime = std::chrono::hours(12),
                         int links_per_address_per_hour = 5);

  // A link for the customer with this address in the tenant, or nullopt when there is no
  // such customer or the address asked too often (callers answer alike, so the endpoint
  // does not reveal who is a customer).
  Result<std::optional<PortalLink>> request_link(const std::string& tenant_slug, const std::string& email);
  Result<PortalLogin> sign_in(const std::string& token);
  Result<CustomerPrincipal> authenticate(const std::string& session_token);
  Result<void> logout(const std::string& session_token);

  Result<std::vector<Ticket>> tickets(const CustomerPrincipal& c);
  Result<Ticket> ticket(const CustomerPrincipal& c, TicketId id);
  // The thread without internal notes.
  Result<std::vector<Message>> messages(const CustomerPrincipal& c, TicketId id);
  Result<Ticket> open_ticket(const CustomerPrincipal& c, std::string subject, std::string body);
  Result<storage::AppendedMessage> reply(const CustomerPrincipal& c, TicketId id, std::string body);
  // When the customer can expect an answer: the earliest running SLA due time, if any.
  Result<std::map<std::int64_t, std::optional<Timestamp>>> answer_due(const CustomerPrincipal& c,
                                                                      const std::vector<TicketId>& ids);

 private:
  bool allow_link_request(const std::string& key, Timestamp now);

  HelpdeskService& helpdesk_;
  Duration link_lifetime_;
  Duration session_lifetime_;
  int links_per_address_per_hour_;
  std::mutex rate_mutex_;
  std::map<std::string, std::vector<Timestamp>> recent_requests_;
};

}  // namespace sp::service
