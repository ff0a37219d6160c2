// Who is who: tenants, their teams, agents (with their password hashes, read only for
// sign-in) and customers (with their e-mail addresses and phone numbers). Contract as in
// scope.hpp; duplicates (a slug, a team name, an agent's or a customer's e-mail) are
// Conflict kind "duplicate".
#pragma once

#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "storage/scope.hpp"

namespace sp::storage {

struct CustomerFilter {
  std::optional<std::string> email;  // exact, normalised
  std::optional<std::string> phone;  // exact, normalised ('+' and digits)
  std::optional<std::int64_t> before_id;
  int limit = 50;
};

// Where an imported row came from: the system it was exported from ("zendesk", "zammad", "rt",
// "jsonl") and its id there. Unique per tenant and source.
struct ExternalRef {
  std::string source;
  std::string id;
};

// The rows of one tenant imported from one source, by their external id.
template <typename IdT>
using ExternalIds = std::vector<std::pair<std::string, IdT>>;

struct AgentCredentials {
  Agent agent;
  std::string password_hash;  // argon2id encoded string
};

class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  virtual Result<Tenant> create_tenant(Tenant tenant) = 0;
  virtual Result<std::vector<Tenant>> list_tenants(const Scope& scope) = 0;
  virtual Result<Tenant> get_tenant(const Scope& scope, TenantId id) = 0;
  virtual Result<Tenant> find_tenant_by_slug(const std::string& slug) = 0;

  virtual Result<Team> create_team(Team team) = 0;
  virtual Result<std::vector<Team>> list_teams(const Scope& scope) = 0;
  virtual Result<Team> get_team(const Scope& scope, TeamId id) = 0;

  virtual Result<Agent> create_agent(Agent agent, std::string password_hash) = 0;
  virtual Result<std::vector<Agent>> list_agents(const Scope& scope) = 0;
  virtual Result<Agent> get_agent(const Scope& scope, AgentId id) = 0;
  virtual Result<AgentCredentials> find_agent_by_email(const std::string& email) = 0;

  virtual Result<Customer> create_customer(Customer customer) = 0;
  virtual Result<std::vector<Customer>> list_customers(const Scope& scope, const CustomerFilter& filter) = 0;
  virtual Result<Customer> get_customer(const Scope& scope, CustomerId id) = 0;

  // History imports. The customers and agents of `tenant` imported from `source`.
  virtual Result<ExternalIds<CustomerId>> external_customers(TenantId tenant, const std::string& source) = 0;
  virtual Result<ExternalIds<AgentId>> external_agents(TenantId tenant, const std::string& source) = 0;
  // Creates the customer or agent as create_customer/create_agent do, remembering `ref`;
  // Conflict kind "duplicate" also when `ref` is taken.
  virtual Result<Customer> create_external_customer(Customer customer, ExternalRef ref) = 0;
  virtual Result<Agent> create_external_agent(Agent agent, std::string password_hash, ExternalRef ref) = 0;
  // Gives an existing customer or agent of `tenant` (found by e-mail) the external id `ref`.
  // Conflict kind "duplicate" when it came from another import already or `ref` is taken;
  // NotFound when it is not the tenant's.
  virtual Result<void> link_external_customer(TenantId tenant, CustomerId id, ExternalRef ref) = 0;
  virtual Result<void> link_external_agent(TenantId tenant, AgentId id, ExternalRef ref) = 0;

  // A batch of imported customers in one transaction (a commit per customer dominated large
  // imports). Each is, in a savepoint of its own: linked to `ref` when a customer of `tenant`
  // has one of its e-mail addresses (a link the tenant's customer already has is kept:
  // created=false either way), or else created as create_external_customer does. One result
  // per customer, in order.
  struct ImportedCustomer {
    CustomerId id;
    bool created = false;
  };
  virtual Result<std::vector<Result<ImportedCustomer>>> import_external_customers(
      TenantId tenant, std::vector<std::pair<Customer, ExternalRef>> customers) = 0;
};

}  // namespace sp::storage
