#include "service/kpi_rollups.hpp"

#include <map>
#include <tuple>

namespace sp::service {

namespace {

class ReportingRollupCodec final : public storage::KpiRollupCodec {
 public:
  Result<std::vector<storage::KpiRollupRow>> row_changes(
      std::span<const Replacement> replaced) const override {
    // Summed per row before anything is encoded: a batch of tickets of one day and team
    // touches that row once.
    struct Pending {
      reporting::DayFigures figures;
      std::int64_t backlog_delta = 0;
      std::int64_t backlog_created_sum_ms = 0;
    };
    std::map<std::tuple<std::string_view, std::int64_t, std::string>, Pending> pending;
    std::vector<reporting::RollupDelta> deltas;
    for (const auto& replacement : replaced) {
      deltas.clear();
      if (replacement.old_contribution) {
        auto old = reporting::TicketContribution::decode(*replacement.old_contribution);
        if (!old) return old.error();
        reporting::rollup_deltas(*old, -1, deltas);
      }
      auto fresh = reporting::TicketContribution::decode(replacement.new_contribution);
      if (!fresh) return fresh.error();
      reporting::rollup_deltas(*fresh, 1, deltas);
      for (auto& d : deltas) {
        auto& p = pending[{reporting::to_string(d.dimension), d.day, std::move(d.key)}];
        p.figures.merge(d.figures, 1);
        p.backlog_delta += d.backlog_delta;
        p.backlog_created_sum_ms += d.backlog_created_sum_ms;
      }
    }
    std::vector<storage::KpiRollupRow> rows;
    rows.reserve(pending.size());
    for (auto& [key, change] : pending) {
      if (change.figures.empty() && change.backlog_delta == 0 && change.backlog_created_sum_ms == 0) continue;
      const auto& [dimension, day, group] = key;
      rows.push_back({std::string(dimension), day, group, change.figures.encode(), change.backlog_delta,
                      change.backlog_created_sum_ms});
    }
    return rows;
  }

  Result<Sum> add_figures(std::optional<std::string_view> row, std::string_view change) const override {
    reporting::DayFigures figures;
    if (row) {
      auto stored = reporting::DayFigures::decode(*row);
      if (!stored) return stored.error();
      figures = std::move(*stored);
    }
    auto delta = reporting::DayFigures::decode(change);
    if (!delta) return delta.error();
    figures.merge(*delta, 1);
    return Sum{figures.encode(), figures.empty()};
  }
};

}  // namespace

const storage::KpiRollupCodec& kpi_rollup_codec() {
  static const ReportingRollupCodec codec;
  return codec;
}

Result<void> KpiRollups::put_contributions(const storage::Scope& scope,
                                           std::span<const TicketContributionUpdate> updates, Timestamp now) {
  std::vector<storage::KpiContributionUpdate> encoded;
  encoded.reserve(updates.size());
  for (const auto& update : updates) encoded.push_back({update.ticket, update.contribution.encode()});
  return store_.put_contributions(scope, encoded, kpi_rollup_codec(), now);
}

Result<std::vector<reporting::RollupRow>> KpiRollups::rollup_rows(const storage::Scope& scope,
                                                                  reporting::Dimension dimension,
                                                                  std::int64_t from_day,
                                                                  std::int64_t to_day) {
  auto stored = store_.rollup_rows(scope, reporting::to_string(dimension), from_day, to_day);
  if (!stored) return stored.error();
  std::vector<reporting::RollupRow> rows;
  rows.reserve(stored->size());
  for (auto& row : *stored) {
    auto figures = reporting::DayFigures::decode(row.figures);
    if (!figures) return figures.error();
    rows.push_back(
        {row.day, std::move(row.key), std::move(*figures), row.backlog_delta, row.backlog_created_sum_ms});
  }
  return rows;
}

Result<std::vector<reporting::BacklogBase>> KpiRollups::backlog_before(const storage::Scope& scope,
                                                                       reporting::Dimension dimension,
                                                                       std::int64_t day) {
  auto totals = store_.backlog_before(scope, reporting::to_string(dimension), day);
  if (!totals) return totals.error();
  std::vector<reporting::BacklogBase> bases;
  bases.reserve(totals->size());
  for (auto& total : *totals) bases.push_back({std::move(total.key), total.count, total.created_sum_ms});
  return bases;
}

}  // namespace sp::service
