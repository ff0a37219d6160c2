#include "quality/sampling.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace sp::quality {
namespace {

using domain::AgentId;
using domain::Channel;
using domain::TicketId;

std::vector<HandledTicket> work_of(std::int64_t agent, std::int64_t first_ticket, int count,
                                   Channel channel) {
  std::vector<HandledTicket> out;
  for (int n = 0; n < count; ++n) out.push_back({AgentId{agent}, TicketId{first_ticket + n}, channel});
  return out;
}

std::vector<HandledTicket> day_of_work() {
  std::vector<HandledTicket> all;
  for (auto part : {work_of(1, 100, 30, Channel::Email), work_of(1, 200, 10, Channel::Chat),
                    work_of(1, 300, 2, Channel::Phone), work_of(2, 400, 25, Channel::Email),
                    work_of(3, 500, 3, Channel::Web)}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

std::vector<HandledTicket> of_agent(const std::vector<HandledTicket>& items, std::int64_t agent) {
  std::vector<HandledTicket> out;
  for (const auto& item : items) {
    if (item.agent_id.value == agent) out.push_back(item);
  }
  return out;
}

TEST(DailySample, SameSeedGivesTheSameSampleWhateverTheInputOrder) {
  auto work = day_of_work();
  const auto seed = sample_seed(domain::TenantId{7}, "2026-12-01");
  auto first = draw_daily_sample(work, 5, seed);
  std::reverse(work.begin(), work.end());
  work.push_back(work.front());  // a duplicate changes nothing
  auto again = draw_daily_sample(work, 5, seed);
  EXPECT_EQ(first, again);
  EXPECT_EQ(first.size(), 5u + 5u + 3u);  // agent 3 handled only three
}

TEST(DailySample, OtherDaysAndTenantsGiveOtherSeedsAndSamples) {
  EXPECT_NE(sample_seed(domain::TenantId{7}, "2026-12-01"), sample_seed(domain::TenantId{7}, "2026-12-02"));
  EXPECT_NE(sample_seed(domain::TenantId{7}, "2026-12-01"), sample_seed(domain::TenantId{8}, "2026-12-01"));
  auto work = work_of(1, 1, 200, Channel::Email);
  int differing = 0;
  auto base = draw_daily_sample(work, 5, sample_seed(domain::TenantId{1}, "2026-12-01"));
  for (int day = 2; day <= 9; ++day) {
    auto other =
        draw_daily_sample(work, 5, sample_seed(domain::TenantId{1}, "2026-12-0" + std::to_string(day)));
    if (other != base) ++differing;
  }
  EXPECT_GE(differing, 7);  // 5 of 200: equal samples on two days are all but impossible
}

TEST(DailySample, EachAgentIsSampledFromTheirOwnWorkOnly) {
  auto work = day_of_work();
  auto sample = draw_daily_sample(work, 5, 42);
  for (const auto& picked : sample) {
    EXPECT_NE(std::find(work.begin(), work.end(), picked), work.end())
        << "ticket " << picked.ticket_id.value << " was not handled by agent " << picked.agent_id.value;
  }
  // Another agent's work does not change an agent's sample.
  auto without_two = work;
  std::erase_if(without_two, [](const HandledTicket& t) { return t.agent_id.value == 2; });
  auto more_for_two = work;
  auto extra = work_of(2, 900, 40, Channel::Chat);
  more_for_two.insert(more_for_two.end(), extra.begin(), extra.end());
  EXPECT_EQ(of_agent(draw_daily_sample(without_two, 5, 42), 1), of_agent(sample, 1));
  EXPECT_EQ(of_agent(draw_daily_sample(more_for_two, 5, 42), 1), of_agent(sample, 1));
}

TEST(DailySample, IsStratifiedByChannel) {
  auto work = day_of_work();
  auto sample = of_agent(draw_daily_sample(work, 5, 1234), 1);
  std::map<Channel, int> per_channel;
  for (const auto& item : sample) ++per_channel[item.channel];
  // 30 e-mail, 10 chat, 2 phone: one place each, then Sainte-Laguë: 3, 1, 1 whatever the seed.
  EXPECT_EQ(per_channel[Channel::Email], 3);
  EXPECT_EQ(per_channel[Channel::Chat], 1);
  EXPECT_EQ(per_channel[Channel::Phone], 1);
}

TEST(DailySample, DrawsEveryTicketOfAStratumWithSimilarChance) {
  // Over many seeds each of 10 tickets is picked about 3 in 10 times.
  auto work = work_of(1, 1, 10, Channel::Email);
  std::map<std::int64_t, int> picks;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    for (const auto& item : draw_daily_sample(work, 3, seed)) ++picks[item.ticket_id.value];
  }
  ASSERT_EQ(picks.size(), 10u);
  for (const auto& [ticket, count] : picks) {
    EXPECT_GT(count, 480) << ticket;
    EXPECT_LT(count, 720) << ticket;
  }
}

TEST(AllocatePlaces, IsProportionalAndNeverExceedsAStratum) {
  std::vector<int> sizes{30, 10, 2};
  EXPECT_EQ(allocate_places(sizes, 5), (std::vector<int>{3, 1, 1}));
  EXPECT_EQ(allocate_places(sizes, 100), (std::vector<int>{30, 10, 2}));
  std::vector<int> one{1, 1, 1, 1};
  EXPECT_EQ(allocate_places(one, 2), (std::vector<int>{1, 1, 0, 0}));  // ties: earlier stratum
  EXPECT_EQ(allocate_places(sizes, 0), (std::vector<int>{0, 0, 0}));
}

TEST(DailySample, NothingWhenNoPlaces) {
  auto work = day_of_work();
  EXPECT_TRUE(draw_daily_sample(work, 0, 1).empty());
  EXPECT_TRUE(draw_daily_sample({}, 5, 1).empty());
}

}  // namespace
}  // namespace sp::quality
