// SqliteKpiStore against a real database file: contributions replace each other exactly, rows
// that sum to nothing disappear, a batch is all or nothing, and tenants never see each other.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "domain/ticket_rules.hpp"
#include "service/kpi_rollups.hpp"
#include "storage/sqlite/sqlite_kpi_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::storage::sqlite {
namespace {

using reporting::Dimension;

class SqliteKpiStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = (dir_ / "test.db").string();
    store_ = SqliteStore::open(options).value();
    ASSERT_TRUE(store_->migrate().ok());
    kpis_ = std::make_unique<SqliteKpiStore>(*store_);
    rollups_ = std::make_unique<service::KpiRollups>(*kpis_);
    tenant_ = store_->create_tenant(Tenant{{}, "acme", "Acme", "UTC", Language::En, now_}).value();
    other_ = store_->create_tenant(Tenant{{}, "globex", "Globex", "UTC", Language::En, now_}).value();
  }
  void TearDown() override {
    rollups_.reset();
    kpis_.reset();
    store_.reset();
  }
  Ticket create(const Tenant& tenant) {
    auto customer =
        store_
            ->create_customer(Customer{
                {}, tenant.id, "Jan", {"jan" + std::to_string(++n_) + "@example.nl"}, {}, Language::Nl, now_})
            .value();
    NewTicket input;
    input.subject = "Router";
    input.requester_id = customer.id;
    auto draft = draft_ticket(validate_new_ticket(input).value(), tenant.id,
                              Actor{ActorType::Customer, customer.id.value}, now_);
    return store_->create_ticket(draft, std::nullopt).value();
  }
  // A contribution received on `day` by `agent`, with one first response of `seconds`,
  // open from `day` until `solved_day` (or still open).
  static reporting::TicketContribution contribution(std::int64_t day, const std::string& agent,
                                                    double seconds, std::optional<std::int64_t> solved_day) {
    reporting::TicketContribution c;
    c.created_day = day;
    c.keys = {"all", "unassigned", agent, "email", "billing"};
    c.cohort.counts.received = 1;
    c.cohort.counts.handled = 1;
    c.cohort.first_response.add(seconds);
    c.backlog.push_back({day, 1, 1000});
    if (solved_day) c.backlog.push_back({*solved_day, -1, -1000});
    return c;
  }
  std::vector<reporting::RollupRow> rows(const Tenant& tenant, Dimension d) {
    return rollups_->rollup_rows(Scope::of(tenant.id), d, 0, 100'000).value();
  }

  sp::testing::TempDir dir_{"sp-kpi"};
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<SqliteKpiStore> kpis_;
  std::unique_ptr<service::KpiRollups> rollups_;
  Tenant tenant_, other_;
  Timestamp now_ = from_unix_seconds(1'795'000'000);
  int n_ = 0;
};

TEST_F(SqliteKpiStoreTest, ANewContributionReplacesTheOldOneInEveryRollup) {
  auto ticket = create(tenant_);
  std::vector<service::TicketContributionUpdate> first{
      {ticket.id, contribution(20'000, "7", 60, std::nullopt)}};
  ASSERT_TRUE(rollups_->put_contributions(Scope::of(tenant_.id), first, now_).ok());
  auto agent_rows = rows(tenant_, Dimension::Agent);
  ASSERT_EQ(agent_rows.size(), 1u);
  EXPECT_EQ(agent_rows[0].key, "7");
  EXPECT_EQ(agent_rows[0].backlog_delta, 1);

  // Reassigned to agent 9 and solved two days later.
  std::vector<service::TicketContributionUpdate> second{{ticket.id, contribution(20'000, "9", 60, 20'002)}};
  ASSERT_TRUE(rollups_->put_contributions(Scope::of(tenant_.id), second, now_).ok());
  agent_rows = rows(tenant_, Dimension::Agent);
  ASSERT_EQ(agent_rows.size(), 2u);  // agent 9: cohort day and solved day; agent 7 gone
  EXPECT_EQ(agent_rows[0].key, "9");
  EXPECT_EQ(agent_rows[0].figures.counts.received, 1);
  EXPECT_EQ(agent_rows[1].day, 20'002);
  EXPECT_EQ(agent_rows[1].backlog_delta, -1);
  auto all = rows(tenant_, Dimension::All);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].figures.first_response.count(), 1);

  auto base = rollups_->backlog_before(Scope::of(tenant_.id), Dimension::Agent, 20'001).value();
  ASSERT_EQ(base.size(), 1u);
  EXPECT_EQ(base[0].count, 1);
  base = rollups_->backlog_before(Scope::of(tenant_.id), Dimension::Agent, 20'003).value();
  EXPECT_TRUE(base.empty());  // solved on day 20'002: nothing open after it
  base = rollups_->backlog_before(Scope::of(tenant_.id), Dimension::Agent, 19'000).value();
  EXPECT_TRUE(base.empty());  // before it was created
}

TEST_F(SqliteKpiStoreTest, ABatchIsAllOrNothingAndTenantsAreSeparate) {
  auto mine = create(tenant_);
  auto theirs = create(other_);
  std::vector<service::TicketContributionUpdate> batch{
      {mine.id, contribution(20'000, "7", 60, std::nullopt)},
      {theirs.id, contribution(20'000, "7", 60, std::nullopt)}};
  auto put = rollups_->put_contributions(Scope::of(tenant_.id), batch, now_);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, ErrorCode::NotFound);
  EXPECT_TRUE(rows(tenant_, Dimension::All).empty());

  batch.pop_back();
  ASSERT_TRUE(rollups_->put_contributions(Scope::of(tenant_.id), batch, now_).ok());
  EXPECT_EQ(rows(tenant_, Dimension::All).size(), 1u);
  EXPECT_TRUE(rows(other_, Dimension::All).empty());
  EXPECT_FALSE(rollups_->rollup_rows(Scope::platform(), Dimension::All, 0, 1).ok());
}

TEST_F(SqliteKpiStoreTest, TicketsWithoutContributionAreListedUntilMeasured) {
  auto a = create(tenant_);
  auto b = create(tenant_);
  auto missing = kpis_->tickets_without_contribution(Scope::of(tenant_.id), TicketId{0}, 10).value();
  ASSERT_EQ(missing.size(), 2u);
  std::vector<service::TicketContributionUpdate> batch{{a.id, contribution(20'000, "7", 60, std::nullopt)}};
  ASSERT_TRUE(rollups_->put_contributions(Scope::of(tenant_.id), batch, now_).ok());
  missing = kpis_->tickets_without_contribution(Scope::platform(), TicketId{0}, 10).value();
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].second, b.id);
  EXPECT_TRUE(kpis_->tickets_without_contribution(Scope::platform(), b.id, 10).value().empty());
  EXPECT_EQ(kpis_->count_created(Scope::of(tenant_.id), now_, now_ + std::chrono::seconds{1}).value(), 2);
}

TEST_F(SqliteKpiStoreTest, AnUnreadableRowFailsTheBatchWithoutWriting) {
  auto ticket = create(tenant_);
  std::vector<service::TicketContributionUpdate> batch{
      {ticket.id, contribution(20'000, "7", 60, std::nullopt)}};
  ASSERT_TRUE(rollups_->put_contributions(Scope::of(tenant_.id), batch, now_).ok());
  ASSERT_TRUE(store_
                  ->write([](Connection& conn) -> Result<void> {
                    return conn.exec("UPDATE kpi_daily SET figures = x'07' WHERE dimension = 'agent'");
                  })
                  .ok());
  std::vector<service::TicketContributionUpdate> changed{
      {ticket.id, contribution(20'000, "7", 90, std::nullopt)}};
  EXPECT_FALSE(rollups_->put_contributions(Scope::of(tenant_.id), changed, now_).ok());
  auto all = rows(tenant_, Dimension::All);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_DOUBLE_EQ(*all[0].figures.first_response.summary().mean, 60);
}

}  // namespace
}  // namespace sp::storage::sqlite
