#include "quality/sampling.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <string>

namespace sp::quality {

namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// splitmix64: spreads (seed, agent) into an independent generator seed.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform in [0, bound) by rejection: mt19937_64's output is fixed by the standard, the
// distributions of <random> are not, so this keeps samples equal across standard libraries.
std::uint64_t below(std::mt19937_64& rng, std::uint64_t bound) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t value = 0;
  do {
    value = rng();
  } while (value >= limit);
  return value % bound;
}

}  // namespace

std::uint64_t sample_seed(domain::TenantId tenant, std::string_view day) {
  return fnv1a(std::to_string(tenant.value) + "/" + std::string(day));
}

std::vector<int> allocate_places(std::span<const int> sizes, int per_agent) {
  std::vector<int> places(sizes.size(), 0);
  int left = per_agent;
  // Every channel first gets one place (the largest first when places are fewer than
  // channels), so a channel with little work is still looked at.
  std::vector<std::size_t> order(sizes.size());
  for (std::size_t s = 0; s < order.size(); ++s) order[s] = s;
  std::stable_sort(order.begin(), order.end(),
                   [&sizes](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
  for (std::size_t s : order) {
    if (left == 0) break;
    if (sizes[s] > 0) {
      places[s] = 1;
      --left;
    }
  }
  while (left > 0) {
    int best = -1;
    double best_quotient = 0;
    for (std::size_t s = 0; s < sizes.size(); ++s) {
      if (places[s] >= sizes[s]) continue;
      const double quotient = static_cast<double>(sizes[s]) / (2.0 * places[s] + 1.0);
      if (best < 0 || quotient > best_quotient) {
        best = static_cast<int>(s);
        best_quotient = quotient;
      }
    }
    if (best < 0) break;  // every stratum exhausted
    ++places[best];
    --left;
  }
  return places;
}

std::vector<HandledTicket> draw_daily_sample(std::span<const HandledTicket> handled, int per_agent,
                                             std::uint64_t seed) {
  std::vector<HandledTicket> out;
  if (per_agent <= 0) return out;
  // agent -> channel -> tickets (sorted, unique): a canonical order whatever the input order.
  std::map<std::int64_t, std::map<domain::Channel, std::vector<std::int64_t>>> work;
  for (const auto& item : handled) work[item.agent_id.value][item.channel].push_back(item.ticket_id.value);
  for (auto& [agent, channels] : work) {
    std::vector<int> sizes;
    std::vector<std::vector<std::int64_t>*> strata;
    for (auto& [channel, tickets] : channels) {
      std::sort(tickets.begin(), tickets.end());
      tickets.erase(std::unique(tickets.begin(), tickets.end()), tickets.end());
      sizes.push_back(static_cast<int>(tickets.size()));
      strata.push_back(&tickets);
    }
    const auto places = allocate_places(sizes, per_agent);
    std::mt19937_64 rng(mix(seed ^ mix(static_cast<std::uint64_t>(agent))));
    std::size_t stratum = 0;
    const std::size_t first = out.size();
    for (auto& [channel, tickets] : channels) {
      // Partial Fisher-Yates: the first `places` positions become a uniform draw.
      auto& pool = *strata[stratum];
      const int take = places[stratum];
      for (int pick = 0; pick < take; ++pick) {
        const auto left = pool.size() - static_cast<std::size_t>(pick);
        const auto chosen = static_cast<std::size_t>(pick) + below(rng, left);
        std::swap(pool[pick], pool[chosen]);
        out.push_back({domain::AgentId{agent}, domain::TicketId{pool[pick]}, channel});
      }
      ++stratum;
    }
    std::sort(
        out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
        [](const HandledTicket& a, const HandledTicket& b) { return a.ticket_id.value < b.ticket_id.value; });
  }
  return out;
}

}  // namespace sp::quality
