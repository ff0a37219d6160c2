// The service charter of a tenant (issue 8): configured once (admins), rendered as the
// commitment letter (HTML, PDF) in nl, en and zh, and published without login with how well
// each promise was kept last month and last quarter. Figures come from the KPI reports over
// the tenant's own history; a public view is cached for ten minutes, since it reads every
// ticket of a quarter and the page is meant to be fetched by anyone.
//
// Storage: the charter is a JSON document in the settings table under "tenant.<id>.charter".
// Improvement actions ("you said, we did") live in their own table (ImprovementService,
// migration 11 imported the old "tenant.<id>.improvements" documents); the charter's
// improvements endpoints are kept, deprecated, on top of it once set_improvements is called.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "charter/charter.hpp"
#include "charter/evaluation.hpp"
#include "documents/public_page.hpp"
#include "core/clock.hpp"
#include "service/helpdesk.hpp"
#include "service/improvement_service.hpp"
#include "service/report_service.hpp"

namespace sp::kinds {
inline constexpr std::string_view kNoCharter = "no-charter";
}  // namespace sp::kinds

namespace sp::service {

struct PublicCharterView {
  Tenant tenant;
  charter::Charter charter;
  charter::Evaluation last_month;
  charter::Evaluation last_quarter;
  std::vector<documents::ImprovementAction> actions;
  std::optional<reporting::CallFigures> phone_last_month;  // over all channels; empty without a report group
  std::optional<reporting::CommitmentFigures> commitments_last_month;  // the same
};

class CharterService {
 public:
  CharterService(storage::Store& store, ReportService& reports, const Clock& clock)
      : store_(store), reports_(reports), clock_(clock) {}

  // NotFound kind kinds::kNoCharter until one is configured.
  Result<charter::Charter> get(const Principal& p, std::optional<TenantId> tenant);
  // Admins; validated (field-named errors); replaces the charter.
  Result<charter::Charter> put(const Principal& p, std::optional<TenantId> tenant,
                               const nlohmann::json& body);
  Result<std::vector<documents::ImprovementAction>> improvements(const Principal& p,
                                                                 std::optional<TenantId> tenant);
  // Admins and supervisors; at most 200 actions of at most 2,000 characters per text.
  Result<std::vector<documents::ImprovementAction>> put_improvements(const Principal& p,
                                                                     std::optional<TenantId> tenant,
                                                                     const nlohmann::json& body);
  // The evaluation of last month or last quarter in the tenant's zone.
  Result<charter::Evaluation> evaluation(const Principal& p, std::optional<TenantId> tenant, bool quarter);

  // Without login, by tenant slug: NotFound for unknown tenants and tenants without charter.
  // Its actions are the done ones ("you said, we did").
  Result<PublicCharterView> public_view(const std::string& slug);

  // Reads and writes improvement actions through the table from now on (and drops cached
  // public views when they change). Call while wiring, before requests are served.
  void set_improvements(ImprovementService* improvements);
  // Forgets the cached public view of `tenant`.
  void invalidate(TenantId tenant);

 private:
  Result<TenantId> tenant_of(const Principal& p, std::optional<TenantId> tenant);
  Result<charter::Charter> load(TenantId tenant);
  Result<std::vector<documents::ImprovementAction>> load_improvements(TenantId tenant);
  // With `overall`, also the period's figures over all channels (empty when it had none).
  Result<charter::Evaluation> evaluate_period(const Tenant& tenant, const charter::Charter& c, bool quarter,
                                              std::optional<reporting::KpiFigures>* overall = nullptr);

  storage::Store& store_;
  ReportService& reports_;
  const Clock& clock_;
  ImprovementService* improvements_ = nullptr;
  std::mutex cache_mutex_;
  std::map<std::int64_t, std::pair<Timestamp, PublicCharterView>> cache_;
};

}  // namespace sp::service
