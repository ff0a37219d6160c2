// The daily QA sample (issue 18, DESIGN.md capability 8): per agent, N of the tickets that agent
// handled that day, drawn at random but reproducibly, stratified by channel.
//
// Reproducible: the seed is a hash of the tenant and the local day (sample_seed), and each
// agent's draw uses its own generator seeded from that seed and the agent id, over that agent's
// tickets in ticket-id order. So the same day gives the same sample whatever order the handled
// tickets arrive in, and one agent's sample does not change when another agent's work does
// (fair: an agent's sample is drawn from that agent's tickets only).
// Stratified: every channel the agent worked in gets one of the N places (the largest channels
// when there are fewer places than channels), the rest are shared out by the Sainte-Laguë
// divisor method (proportional to the channel's tickets), then drawn without replacement inside
// each channel. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace sp::quality {

// One ticket an agent touched (replied on or solved) on the day; duplicates are ignored.
struct HandledTicket {
  domain::AgentId agent_id;
  domain::TicketId ticket_id;
  domain::Channel channel = domain::Channel::Email;
  friend bool operator==(const HandledTicket&, const HandledTicket&) = default;
};

// The seed of a tenant's day: 64-bit FNV-1a of "<tenant id>/<day>" (day as "YYYY-MM-DD").
std::uint64_t sample_seed(domain::TenantId tenant, std::string_view day);

// How many of `per_agent` places each stratum gets, for strata of `sizes` (in stratum order):
// one each first (largest first), then Sainte-Laguë, ties to the earlier stratum, never more
// than a stratum holds. Sums to
// min(per_agent, total size).
std::vector<int> allocate_places(std::span<const int> sizes, int per_agent);

// Up to `per_agent` tickets per agent from `handled` (each agent's own), ordered by agent id
// then ticket id. per_agent <= 0 draws nothing; an agent with fewer tickets gets all of them.
std::vector<HandledTicket> draw_daily_sample(std::span<const HandledTicket> handled, int per_agent,
                                             std::uint64_t seed);

}  // namespace sp::quality
