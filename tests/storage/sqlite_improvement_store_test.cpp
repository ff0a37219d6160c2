// SqliteImprovementStore (migration 11) against a real database file: round trip of every
// field, tenant isolation on every call, and the atomic whole-list replacement.
#include "storage/sqlite/sqlite_improvement_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace sp::storage::sqlite {
namespace {

class SqliteImprovementStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = (dir_ / "test.db").string();
    store_ = SqliteStore::open(options).value();
    ASSERT_TRUE(store_->migrate().ok());
    acme_ = store_->create_tenant(Tenant{{}, "acme", "Acme", "UTC", Language::En, now_}).value().id;
    other_ = store_->create_tenant(Tenant{{}, "other", "Other", "UTC", Language::En, now_}).value().id;
    actions_ = std::make_unique<SqliteImprovementStore>(*store_);
  }
  void TearDown() override {
    actions_.reset();
    store_.reset();
  }
  ImprovementRecord action(TenantId tenant, const std::string& you_said) {
    ImprovementRecord a;
    a.tenant_id = tenant;
    a.you_said = you_said;
    a.we_did = "We did";
    a.created_at = a.updated_at = now_;
    return a;
  }

  sp::testing::TempDir dir_{"sp-improvements"};
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<SqliteImprovementStore> actions_;
  Timestamp now_ = from_unix_seconds(1'795'000'000);
  TenantId acme_, other_;
};

TEST_F(SqliteImprovementStoreTest, EveryFieldRoundTrips) {
  auto a = action(acme_, "Wachten duurt lang");
  a.due_on = "2026-12-01";
  a.status = "done";
  a.done_on = "2026-11-20";
  a.outcome = "Sneller";
  a.topic = "waiting_time";
  a.ticket_ids = {TicketId{3}, TicketId{12}};
  auto stored = actions_->create_improvement(a).value();
  EXPECT_GT(stored.id, 0);
  auto read = actions_->get_improvement(Scope::of(acme_), stored.id).value();
  EXPECT_EQ(read.you_said, "Wachten duurt lang");
  EXPECT_EQ(read.due_on, "2026-12-01");
  EXPECT_EQ(read.status, "done");
  EXPECT_EQ(read.done_on, "2026-11-20");
  EXPECT_EQ(read.outcome, "Sneller");
  EXPECT_EQ(read.topic, "waiting_time");
  ASSERT_EQ(read.ticket_ids.size(), 2u);
  EXPECT_EQ(read.ticket_ids[1].value, 12);
  EXPECT_FALSE(read.owner.has_value());
  EXPECT_EQ(read.created_at, now_);

  read.status = "in_progress";
  read.done_on.clear();
  read.ticket_ids.clear();
  read.updated_at = now_ + std::chrono::hours(1);
  auto updated = actions_->update_improvement(Scope::of(acme_), read).value();
  EXPECT_EQ(updated.status, "in_progress");
  EXPECT_TRUE(updated.done_on.empty());
  EXPECT_TRUE(updated.ticket_ids.empty());
  EXPECT_EQ(updated.created_at, now_);
  EXPECT_EQ(updated.updated_at, now_ + std::chrono::hours(1));
}

TEST_F(SqliteImprovementStoreTest, OtherTenantsAndPlatformScopesSeeNothing) {
  auto mine = actions_->create_improvement(action(acme_, "mine")).value();
  ASSERT_TRUE(actions_->create_improvement(action(other_, "theirs")).ok());
  EXPECT_EQ(actions_->list_improvements(Scope::of(acme_), 100).value().size(), 1u);
  EXPECT_EQ(actions_->get_improvement(Scope::of(other_), mine.id).error().code, ErrorCode::NotFound);
  auto changed = mine;
  changed.you_said = "hijacked";
  EXPECT_EQ(actions_->update_improvement(Scope::of(other_), changed).error().code, ErrorCode::NotFound);
  EXPECT_EQ(actions_->delete_improvement(Scope::of(other_), mine.id).error().code, ErrorCode::NotFound);
  EXPECT_EQ(actions_->get_improvement(Scope::of(acme_), mine.id).value().you_said, "mine");
  EXPECT_FALSE(actions_->list_improvements(Scope::platform(), 100).ok());
  EXPECT_FALSE(actions_->get_improvement(Scope::platform(), mine.id).ok());
  EXPECT_TRUE(actions_->delete_improvement(Scope::of(acme_), mine.id).ok());
  EXPECT_TRUE(actions_->list_improvements(Scope::of(acme_), 100).value().empty());
}

TEST_F(SqliteImprovementStoreTest, ReplaceSwapsOneTenantsListOnly) {
  ASSERT_TRUE(actions_->create_improvement(action(acme_, "old")).ok());
  ASSERT_TRUE(actions_->create_improvement(action(other_, "theirs")).ok());
  auto replaced =
      actions_->replace_improvements(acme_, {action(acme_, "new 1"), action(acme_, "new 2")}).value();
  ASSERT_EQ(replaced.size(), 2u);
  EXPECT_EQ(replaced[0].you_said, "new 1");
  EXPECT_EQ(actions_->list_improvements(Scope::of(other_), 100).value().at(0).you_said, "theirs");
}

}  // namespace
}  // namespace sp::storage::sqlite
