// Commitments kept (issue 18, capability 5): the share of decided commitments ("we call you
// back on Tuesday") that were kept, as a figure of the KPI report beside the ticket figures.
//
// Rules (also in the "commitments" definition):
//  - Decided: kept or broken. Open commitments are not decided yet; cancelled ones never count.
//  - Attribution: to the period holding the commitment's due time (when it was decided at the
//    latest), and to the agent who made it (dimension agent), that agent's team (team), the
//    commitment's channel (channel) or its ticket's category (category); not to the ticket's
//    creation cohort, because a promise is the maker's, whoever holds the ticket now.
//  - Exclusions: commitments on tickets tagged spam or mystery_shopper count nowhere.
// Pure: no I/O, no clock reads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/commitment.hpp"

namespace sp::reporting {

struct KpiReport;

// A group's commitment figures in one period (KpiFigures::commitments).
struct CommitmentFigures {
  std::int64_t kept = 0;
  std::int64_t broken = 0;
  std::optional<double> kept_share;  // kept / (kept + broken); empty when none was decided
  friend bool operator==(const CommitmentFigures&, const CommitmentFigures&) = default;
};

// Adds each tally to the group of its key and period in `report` (made with report.dimension,
// period, from, to and time_zone), creating groups with only commitment figures where the
// report had none (an agent who promised but holds no ticket), keeping the report's order, and
// sets every group's kept_share. `tenant_key` is the key of dimension tenant.
[[nodiscard]] Result<void> add_commitment_figures(KpiReport& report,
                                                  std::span<const domain::CommitmentTally> tallies,
                                                  const std::string& tenant_key);

}  // namespace sp::reporting
