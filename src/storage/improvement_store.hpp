// Storage of improvement actions (issue 8, "you said, we did"): what customers said, what the
// tenant did about it, who owns it, by when, and how it turned out, linked to the feedback
// (a topic id and tickets) that prompted it. Same contract as store.hpp: every call is a
// durable transaction and Scope filters by tenant. Values are validated by the service
// (service/improvement_service.hpp) before they are stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

// The statuses an action moves through; stable lowercase names in SQL and JSON.
inline constexpr const char* kImprovementStatuses[] = {"planned", "in_progress", "done", "dropped"};
inline constexpr int kMaxImprovementsPerTenant = 1000;

struct ImprovementRecord {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::string you_said;              // the feedback (plain text)
  std::string we_did;                // the action (plain text)
  std::optional<AgentId> owner;      // an agent of the tenant
  std::string due_on;                // local date "YYYY-MM-DD"; empty when none
  std::string status = "planned";    // one of kImprovementStatuses
  std::string outcome;               // plain text; empty when none
  std::string done_on;               // local date "YYYY-MM-DD"; empty when none
  std::string topic;                 // feedback topic id, e.g. "waiting_time"; empty when none
  std::vector<TicketId> ticket_ids;  // the tenant's tickets whose feedback prompted it
  Timestamp created_at;
  Timestamp updated_at;
};

class ImprovementStore {
 public:
  virtual ~ImprovementStore() = default;
  // The scope's actions in id order (oldest first), at most `limit`.
  virtual Result<std::vector<ImprovementRecord>> list_improvements(const Scope& scope, int limit) = 0;
  // NotFound for unknown ids and other tenants' actions.
  virtual Result<ImprovementRecord> get_improvement(const Scope& scope, std::int64_t id) = 0;
  // Stores a new action (id assigned); Conflict "too-many-improvements" past the limit.
  virtual Result<ImprovementRecord> create_improvement(const ImprovementRecord& action) = 0;
  // Replaces every field but id, tenant and created_at; NotFound as get_improvement.
  virtual Result<ImprovementRecord> update_improvement(const Scope& scope,
                                                       const ImprovementRecord& action) = 0;
  // NotFound as get_improvement.
  virtual Result<void> delete_improvement(const Scope& scope, std::int64_t id) = 0;
  // The deprecated whole-list PUT: the tenant's actions become exactly `actions`, atomically.
  virtual Result<std::vector<ImprovementRecord>> replace_improvements(
      TenantId tenant, const std::vector<ImprovementRecord>& actions) = 0;
};

}  // namespace sp::storage
