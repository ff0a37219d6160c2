// SqliteQaStore (migration 26): the daily sample is stored once per tenant and day, and the
// read of a day's handled tickets goes through indexes, never a scan of a whole table.
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_qa_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::storage::sqlite {
namespace {

class SqliteQaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = (dir_ / "test.db").string();
    store_ = SqliteStore::open(options).value();
    ASSERT_TRUE(store_->migrate().ok());
    tenant_ = store_->create_tenant(Tenant{{}, "acme", "Acme", "UTC", Language::En, now_}).value();
    qa_ = std::make_unique<SqliteQaStore>(*store_);
  }

  sp::testing::TempDir dir_{"sp-qa-store"};
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<SqliteQaStore> qa_;
  Timestamp now_ = from_unix_seconds(1'795'000'000);
  Tenant tenant_;
};

TEST_F(SqliteQaStoreTest, ADayIsDrawnOnlyOnce) {
  EXPECT_FALSE(qa_->sample_drawn(tenant_.id, "2026-12-01").value());
  EXPECT_TRUE(qa_->record_daily_sample(tenant_.id, "2026-12-01", now_, {}).value());
  EXPECT_TRUE(qa_->sample_drawn(tenant_.id, "2026-12-01").value());
  EXPECT_FALSE(qa_->record_daily_sample(tenant_.id, "2026-12-01", now_, {}).value());
  EXPECT_FALSE(qa_->sample_drawn(tenant_.id, "2026-12-02").value());
}

TEST_F(SqliteQaStoreTest, HandledTicketsAreReadThroughTheDayIndexes) {
  std::vector<std::string> plan;
  auto ran = store_->read([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare("EXPLAIN QUERY PLAN " + std::string(SqliteQaStore::handled_tickets_sql()));
    if (!stmt) return stmt.error();
    for (int n = 1; n <= 3; ++n) stmt->bind(n, std::int64_t{1});
    stmt->bind(4, std::int64_t{100});
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) break;
      plan.push_back(stmt->text(3));
    }
    return {};
  });
  ASSERT_TRUE(ran.ok()) << ran.error().message;
  std::string all;
  for (const auto& line : plan) all += line + "\n";
  RecordProperty("plan", all);
  EXPECT_NE(all.find("messages_tenant_created"), std::string::npos) << all;
  EXPECT_NE(all.find("ticket_events_tenant_at"), std::string::npos) << all;
  for (const auto& line : plan) {
    // A scan of the materialised day (h) is fine; a scan of a table is not.
    for (const char* table : {"SCAN m", "SCAN e", "SCAN t", "SCAN a", "SCAN messages", "SCAN tickets"}) {
      EXPECT_NE(line.rfind(table, 0), 0u) << all;
    }
  }
}

}  // namespace
}  // namespace sp::storage::sqlite
