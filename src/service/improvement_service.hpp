// Improvement actions (issue 8, "Feedback and improvement"): what customers said, what the
// tenant does about it, who owns it and by when, its status (planned, in_progress, done,
// dropped) and outcome, linked to the feedback that prompted it (a topic id such as
// "waiting_time" and the tenant's tickets). Everyone in a tenant reads them; supervisors and
// admins change them. Done actions are the public page's "you said, we did".
//
// Limits: you_said and we_did 1-2,000 bytes, outcome up to 4,000 bytes, topic 1-64 of
// [a-z0-9_], at most 100 linked tickets, 1,000 actions per tenant. Errors name the field
// (InvalidInput), unknown keys included. Thread-safe; reads the clock once per change.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "service/helpdesk.hpp"
#include "storage/improvement_store.hpp"

namespace sp::service {

inline constexpr std::size_t kMaxImprovementTextBytes = 2000;
inline constexpr std::size_t kMaxImprovementOutcomeBytes = 4000;
inline constexpr std::size_t kMaxImprovementTickets = 100;

class ImprovementService {
 public:
  ImprovementService(storage::Store& store, storage::ImprovementStore& actions, const Clock& clock)
      : store_(store), actions_(actions), clock_(clock) {}

  // `tenant` is for platform administrators (resolve_tenant); others act on their own.
  // At most `limit` (1-1,000), oldest first.
  Result<std::vector<storage::ImprovementRecord>> list(const Principal& p, std::optional<TenantId> tenant,
                                                       int limit);
  Result<storage::ImprovementRecord> get(const Principal& p, std::optional<TenantId> tenant, std::int64_t id);
  // Supervisors and admins. `body` as to_json, without id, tenant_id and timestamps;
  // you_said and we_did required. Marking an action done without done_on sets today's
  // local date (tenant zone); done_on is cleared when the status leaves done.
  Result<storage::ImprovementRecord> create(const Principal& p, std::optional<TenantId> tenant,
                                            const nlohmann::json& body);
  // Changes the fields present in `body` (null clears optional ones).
  Result<storage::ImprovementRecord> update(const Principal& p, std::optional<TenantId> tenant,
                                            std::int64_t id, const nlohmann::json& body);
  Result<void> remove(const Principal& p, std::optional<TenantId> tenant, std::int64_t id);

  // Without a principal, for the charter (its own checks done): all of a tenant's actions.
  Result<std::vector<storage::ImprovementRecord>> all_of(TenantId tenant);
  // The deprecated whole-list PUT of /api/v1/charter/improvements (checked by the caller).
  Result<std::vector<storage::ImprovementRecord>> replace_all(
      TenantId tenant, std::vector<storage::ImprovementRecord> actions);

  // Told after every change (the charter's public page cache).
  void set_on_change(std::function<void(TenantId)> on_change) { on_change_ = std::move(on_change); }

  static nlohmann::json to_json(const storage::ImprovementRecord& action);

 private:
  Result<void> apply(TenantId tenant, const nlohmann::json& body, storage::ImprovementRecord& action,
                     bool creating);
  Result<std::string> today(TenantId tenant);
  void changed(TenantId tenant) {
    if (on_change_) on_change_(tenant);
  }

  storage::Store& store_;
  storage::ImprovementStore& actions_;
  const Clock& clock_;
  std::function<void(TenantId)> on_change_;
};

// "YYYY-MM-DD" that is a real date (parsed by hand). Pure.
bool is_local_date(std::string_view text);

}  // namespace sp::service
