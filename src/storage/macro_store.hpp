// Storage of macros (issue 17, migration 21): per tenant, each with its scope (tenant, team or
// personal), name, and its texts and changes as one JSON document validated by
// service::MacroService (macros::to_json) before storing. Same contract as store.hpp: every
// call is a durable transaction and every query names the tenant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

struct MacroRecord {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::string scope;  // "tenant", "team", "personal"
  std::optional<TeamId> team_id;
  std::optional<AgentId> owner_id;
  std::string name;
  std::string document_json;  // {"texts": {...}, "changes": {...}}
  Timestamp created_at;
  Timestamp updated_at;
};

class MacroStore {
 public:
  virtual ~MacroStore() = default;

  // Stores a new macro; returns it with its id. Fails with Conflict (kind "macro-limit") when
  // the tenant already has `max_per_tenant` macros.
  virtual Result<MacroRecord> create_macro(MacroRecord record, std::size_t max_per_tenant) = 0;
  // NotFound when the tenant has no such macro.
  virtual Result<MacroRecord> get_macro(TenantId tenant, std::int64_t id) = 0;
  // The tenant's macros by name, at most `limit` (the per-tenant maximum bounds them).
  virtual Result<std::vector<MacroRecord>> list_macros(TenantId tenant, std::size_t limit) = 0;
  // Replaces scope, team, owner, name, document and updated_at; NotFound when absent.
  virtual Result<void> update_macro(const MacroRecord& record) = 0;
  // NotFound when absent.
  virtual Result<void> delete_macro(TenantId tenant, std::int64_t id) = 0;
};

}  // namespace sp::storage
