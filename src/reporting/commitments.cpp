#include "reporting/commitments.hpp"

#include <algorithm>
#include <map>

#include "reporting/kpi.hpp"
#include "reporting/period.hpp"

namespace sp::reporting {

namespace {

bool excluded(const domain::CommitmentTally& tally) {
  auto has = [&](std::string_view tag) {
    return std::find(tally.tags.begin(), tally.tags.end(), tag) != tally.tags.end();
  };
  return has(kSpamTag) || has(kMysteryShopperTag);
}

std::string key_of(const domain::CommitmentTally& tally, Dimension dimension, const std::string& tenant_key) {
  switch (dimension) {
    case Dimension::All:
      return "all";
    case Dimension::Tenant:
      return tenant_key;
    case Dimension::Team:
      return tally.team_id ? std::to_string(tally.team_id->value) : "unassigned";
    case Dimension::Agent:
      return std::to_string(tally.agent_id.value);
    case Dimension::Channel:
      return std::string(domain::to_string(tally.channel));
    case Dimension::Category:
      return tally.category.empty() ? std::string("uncategorised") : tally.category;
  }
  return "all";
}

}  // namespace

Result<void> add_commitment_figures(KpiReport& report, std::span<const domain::CommitmentTally> tallies,
                                    const std::string& tenant_key) {
  auto buckets = Buckets::create(report.period, report.from, report.to, report.time_zone);
  if (!buckets) return buckets.error();
  // (key, bucket) -> the group's index; groups the report lacks are appended, then all sorted.
  std::map<std::pair<std::string, std::size_t>, std::size_t> index;
  for (std::size_t at = 0; at < report.groups.size(); ++at) {
    const auto& group = report.groups[at];
    if (auto bucket = buckets->index_of(group.period.start)) index.emplace(std::pair{group.key, *bucket}, at);
  }
  bool appended = false;
  for (const auto& tally : tallies) {
    if (excluded(tally)) continue;
    auto bucket = buckets->index_of(tally.due_from);
    if (!bucket) continue;
    auto key = key_of(tally, report.dimension, tenant_key);
    auto [found, inserted] = index.try_emplace(std::pair{key, *bucket}, report.groups.size());
    if (inserted) {
      report.groups.push_back(KpiGroup{key, buckets->all()[*bucket], {}});
      appended = true;
    }
    auto& figures = report.groups[found->second].figures.commitments;
    figures.kept += tally.kept;
    figures.broken += tally.broken;
  }
  for (auto& group : report.groups) {
    auto& figures = group.figures.commitments;
    const auto decided = figures.kept + figures.broken;
    figures.kept_share =
        decided > 0 ? std::optional<double>(static_cast<double>(figures.kept) / static_cast<double>(decided))
                    : std::nullopt;
  }
  if (appended) {
    std::stable_sort(report.groups.begin(), report.groups.end(), [](const KpiGroup& a, const KpiGroup& b) {
      if (a.key != b.key) return group_key_less(a.key, b.key);
      return a.period.start < b.period.start;
    });
  }
  return {};
}

}  // namespace sp::reporting
