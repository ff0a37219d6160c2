// Sign-in state: agents' sessions and API tokens, customers' portal links and sessions. Only
// digests of the secrets are stored (token_hash: SHA-256 hex of the cookie, token or link
// value). Lookups of an unknown, expired or spent secret fail with Unauthenticated. Contract
// as in scope.hpp.
#pragma once

#include <cstdint>
#include <string>

#include "storage/scope.hpp"

namespace sp::storage {

// A customer's single-use sign-in link for the portal; only the token's digest is stored.
struct PortalLink {
  std::string token_hash;
  TenantId tenant_id;
  CustomerId customer_id;
  Timestamp created_at;
  Timestamp expires_at;
};

struct CustomerSession {
  std::string token_hash;
  TenantId tenant_id;
  CustomerId customer_id;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

struct Session {
  std::string token_hash;  // SHA-256 hex of the cookie value; the value itself is never stored
  AgentId agent_id;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

struct ApiToken {
  std::int64_t id = 0;
  std::string token_hash;
  AgentId agent_id;
  std::string name;
  Timestamp created_at;
};

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  virtual Result<void> create_session(Session session) = 0;
  virtual Result<Session> find_session(const std::string& token_hash, Timestamp now) = 0;
  virtual Result<void> delete_session(const std::string& token_hash) = 0;

  virtual Result<ApiToken> create_api_token(ApiToken token) = 0;
  virtual Result<ApiToken> find_api_token(const std::string& token_hash) = 0;

  // Customer portal. consume_portal_link marks the link used and returns it, atomically;
  // an unknown, used or expired link is Unauthenticated.
  virtual Result<void> create_portal_link(PortalLink link) = 0;
  virtual Result<PortalLink> consume_portal_link(const std::string& token_hash, Timestamp now) = 0;
  virtual Result<void> create_customer_session(CustomerSession session) = 0;
  virtual Result<CustomerSession> find_customer_session(const std::string& token_hash, Timestamp now) = 0;
  virtual Result<void> delete_customer_session(const std::string& token_hash) = 0;
};

}  // namespace sp::storage
