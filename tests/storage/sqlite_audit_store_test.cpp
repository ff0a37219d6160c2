// SqliteAuditStore on a real database file: the chain seals each tenant's entries after the
// previous one, queued appends keep their order and are visible after a flush, and the
// triggers refuse UPDATE and DELETE.
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_audit_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::storage::sqlite {
namespace {

// A stand-in sealer: the previous hash and a hash of (prev, seq), enough to check the links.
void test_sealer(AuditRecord& entry, const AuditRecord* previous) {
  entry.prev_hash = previous ? previous->hash : "genesis";
  entry.hash = entry.prev_hash + "/" + std::to_string(entry.seq);
}

TEST(SqliteAuditStore, QueuedAndWaitedAppendsFormOneOrderedChainPerTenant) {
  sp::testing::TempDir dir("sp-audit-store");
  SqliteOptions options;
  options.path = (dir.path() / "test.db").string();
  auto store = SqliteStore::open(options).value();
  ASSERT_TRUE(store->migrate().ok());
  auto a = store->create_tenant(Tenant{{}, "a", "A", "UTC", Language::En, from_unix_seconds(0)}).value();
  auto b = store->create_tenant(Tenant{{}, "b", "B", "UTC", Language::En, from_unix_seconds(0)}).value();
  SqliteAuditStore audit(*store, test_sealer);
  for (int idx = 0; idx < 50; ++idx) {
    AuditRecord entry;
    entry.tenant_id = (idx % 2 == 0 ? a.id : b.id).value;
    entry.action = "read";
    entry.subject_kind = "ticket";
    entry.subject_id = idx;
    if (idx % 5 == 0) {
      ASSERT_TRUE(audit.append_audit(entry).ok());
    } else {
      ASSERT_TRUE(audit.append_audit_later(entry).ok());
    }
  }
  ASSERT_TRUE(audit.flush_audit().ok());
  auto chain = audit.audit_chain(a.id, 0, 100).value();
  ASSERT_EQ(chain.size(), 25u);
  for (std::size_t idx = 0; idx < chain.size(); ++idx) {
    EXPECT_EQ(chain[idx].seq, static_cast<std::int64_t>(idx + 1));
    EXPECT_EQ(chain[idx].subject_id, static_cast<std::int64_t>(idx * 2));  // submission order
    EXPECT_EQ(chain[idx].prev_hash, idx == 0 ? "genesis" : chain[idx - 1].hash);
  }
  EXPECT_EQ(audit.audit_chain(b.id, 0, 100).value().size(), 25u);
  auto about = audit.audit_about(a.id, "ticket", 4, std::nullopt, 10).value();
  ASSERT_EQ(about.size(), 1u);
  EXPECT_EQ(about[0].seq, 3);
  auto refused =
      store->write([](Connection& conn) { return conn.exec("UPDATE audit_log SET detail = 'x'"); });
  EXPECT_FALSE(refused.ok());
  refused = store->write([](Connection& conn) { return conn.exec("DELETE FROM audit_log"); });
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(audit.audit_chain(a.id, 0, 100).value().size(), 25u);
}

}  // namespace
}  // namespace sp::storage::sqlite
