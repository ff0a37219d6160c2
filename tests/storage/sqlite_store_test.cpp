// SqliteStore against a real database file in a temporary folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <thread>

#include "domain/ticket_rules.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::storage::sqlite {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reopen();
    tenant_ = store_->create_tenant(Tenant{{}, "acme", "Acme", "UTC", Language::En, now_}).value();
    customer_ =
        store_->create_customer(Customer{{}, tenant_.id, "Jan", {"jan@example.nl"}, {}, Language::Nl, now_})
            .value();
  }
  void TearDown() override { store_.reset(); }
  void reopen() {
    store_.reset();
    SqliteOptions options;
    options.path = (dir_ / "test.db").string();
    store_ = SqliteStore::open(options).value();
    ASSERT_TRUE(store_->migrate().ok());
  }
  Ticket create(const std::string& subject) {
    NewTicket input;
    input.subject = subject;
    input.requester_id = customer_.id;
    input.first_message = "hello";
    auto validated = validate_new_ticket(input).value();
    auto draft = draft_ticket(validated, tenant_.id, Actor{ActorType::Customer, customer_.id.value}, now_);
    auto created = store_->create_ticket(
        draft,
        NewMessage{MessageKind::Inbound, Actor{ActorType::Customer, customer_.id.value}, "hello", now_});
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Ticket{};
  }

  sp::testing::TempDir dir_{"sp-store"};
  std::unique_ptr<SqliteStore> store_;
  Timestamp now_ = from_unix_seconds(1'795'000'000);
  Tenant tenant_;
  Customer customer_;
};

TEST_F(SqliteStoreTest, MigrationsAreRecordedAndIdempotent) {
  const int latest = sqlite_migrations().back().version;  // numbers are handed out per branch
  EXPECT_EQ(store_->schema_version().value(), latest);
  EXPECT_EQ(store_->migrate().value(), latest);
}

TEST_F(SqliteStoreTest, CreatedTicketsGetTheirOwnHistory) {
  auto first = create("one");
  auto second = create("two");
  EXPECT_NE(first.id, second.id);
  auto events = store_->list_events(Scope::of(tenant_.id), second.id).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[1].type, EventType::MessageAdded);
  EXPECT_TRUE(events[1].message_id.has_value());
  auto messages = store_->list_messages(Scope::of(tenant_.id), second.id).value();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].id, *events[1].message_id);
}

TEST_F(SqliteStoreTest, DataSurvivesReopen) {
  auto ticket = create("durable");
  reopen();
  auto loaded = store_->get_ticket(Scope::platform(), ticket.id);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->subject, "durable");
  EXPECT_EQ(loaded->requester_id, customer_.id);
}

TEST_F(SqliteStoreTest, OtherTenantScopeSeesNothing) {
  auto ticket = create("mine");
  auto other = store_->create_tenant(Tenant{{}, "other", "Other", "UTC", Language::En, now_}).value();
  EXPECT_EQ(store_->get_ticket(Scope::of(other.id), ticket.id).error().code, ErrorCode::NotFound);
  EXPECT_EQ(store_->list_events(Scope::of(other.id), ticket.id).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(store_->list_tickets(Scope::of(other.id), TicketFilter{}).value().empty());
}

TEST_F(SqliteStoreTest, FailedDecisionWritesNothing) {
  auto ticket = create("stays");
  auto result = store_->update_ticket(
      Scope::platform(), ticket.id,
      [](const Ticket&) -> Result<TicketChange> { return conflict("no", "version-mismatch"); });
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(store_->list_events(Scope::platform(), ticket.id).value().size(), 2u);
}

TEST_F(SqliteStoreTest, EventHistoryIsAppendOnlyInTheSchema) {
  // Even a bug in our own code cannot rewrite history: the triggers refuse.
  create("history");
  SqliteOptions options;
  options.path = (dir_ / "test.db").string();
  auto conn = Connection::open(ConnectionOptions{options.path}).value();
  EXPECT_FALSE(conn->exec("UPDATE ticket_events SET to_value = 'x'").ok());
  EXPECT_FALSE(conn->exec("DELETE FROM ticket_events").ok());
}

TEST_F(SqliteStoreTest, ArrivalsAreListedByTimeRangeWithinTheTenant) {
  create("one");
  now_ += std::chrono::hours(1);
  create("two");
  auto all = store_
                 ->ticket_arrivals(Scope::of(tenant_.id), now_ - std::chrono::hours(2),
                                   now_ + std::chrono::hours(1), 100)
                 .value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_LT(all[0].at, all[1].at);
  auto later =
      store_->ticket_arrivals(Scope::of(tenant_.id), now_, now_ + std::chrono::hours(1), 100).value();
  EXPECT_EQ(later.size(), 1u);
  auto other = store_->create_tenant(Tenant{{}, "other", "Other", "UTC", Language::En, now_}).value();
  EXPECT_TRUE(store_
                  ->ticket_arrivals(Scope::of(other.id), now_ - std::chrono::hours(2),
                                    now_ + std::chrono::hours(1), 100)
                  .value()
                  .empty());
}

TEST_F(SqliteStoreTest, ConcurrentWritersAreGroupCommittedWithoutLoss) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int idx = 0; idx < 20; ++idx) {
        NewTicket input;
        input.subject = "t" + std::to_string(t) + "-" + std::to_string(idx);
        input.requester_id = customer_.id;
        auto draft = draft_ticket(validate_new_ticket(input).value(), tenant_.id, Actor{}, now_);
        if (!store_->create_ticket(draft, std::nullopt).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->count_tickets(Scope::platform()).value(), 320);
}

// Intake is exactly-once: the receipt, the Message-IDs and the mailbox checkpoint are
// written with the message or not at all.
TEST_F(SqliteStoreTest, InboundReceiptMakesIntakeExactlyOnceAndCarriesTheCheckpoint) {
  auto make_draft = [&](const std::string& subject) {
    NewTicket input;
    input.subject = subject;
    input.requester_id = customer_.id;
    input.first_message = "hello";
    return draft_ticket(validate_new_ticket(input).value(), tenant_.id,
                        Actor{ActorType::Customer, customer_.id.value}, now_);
  };
  InboundReceipt receipt{"imap:desk@host/INBOX",
                         "m1@example.nl",
                         {"m1@example.nl"},
                         MailboxCheckpoint{"imap:desk@host/INBOX", 7, 41}};
  NewMessage first{MessageKind::Inbound, Actor{ActorType::Customer, customer_.id.value}, "hello", now_,
                   receipt};
  auto created = store_->create_ticket(make_draft("first"), first);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto again = store_->create_ticket(make_draft("again"), first);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, "duplicate-intake");
  EXPECT_EQ(store_->count_tickets(Scope::of(tenant_.id)).value(), 1);  // nothing of the repeat stays
  EXPECT_EQ(store_->find_intake(tenant_.id, receipt.source, "m1@example.nl").value(), created->id);
  EXPECT_FALSE(store_->find_intake(tenant_.id, "gateway", "m1@example.nl").value());
  EXPECT_EQ(store_->find_ticket_by_mail_ids(tenant_.id, {"unknown@x", "m1@example.nl"}).value(), created->id);
  // Another tenant never finds it.
  auto other = store_->create_tenant(Tenant{{}, "other", "Other", "UTC", Language::En, now_}).value();
  EXPECT_FALSE(store_->find_ticket_by_mail_ids(other.id, {"m1@example.nl"}).value());
  // The checkpoint only moves forward within one UIDVALIDITY, and resets with a new one.
  ASSERT_TRUE(store_->put_mailbox_checkpoint(tenant_.id, {receipt.source, 7, 12}, now_).ok());
  auto checkpoint = [&]() {
    return store_->read([&](Connection& conn) -> Result<std::pair<std::int64_t, std::int64_t>> {
      auto stmt = conn.prepare("SELECT uidvalidity, last_uid FROM mail_checkpoints WHERE source = ?1");
      if (!stmt) return stmt.error();
      stmt->bind(1, receipt.source);
      auto row = stmt->step();
      if (!row || !*row) return not_found("no checkpoint");
      return std::make_pair(stmt->int64(0), stmt->int64(1));
    });
  };
  EXPECT_EQ(checkpoint().value(), std::make_pair(std::int64_t{7}, std::int64_t{41}));
  ASSERT_TRUE(store_->put_mailbox_checkpoint(tenant_.id, {receipt.source, 8, 3}, now_).ok());
  EXPECT_EQ(checkpoint().value(), std::make_pair(std::int64_t{8}, std::int64_t{3}));
}

TEST_F(SqliteStoreTest, PortalLinksAreSingleUseAndExpire) {
  PortalLink link{"digest-1", tenant_.id, customer_.id, now_, now_ + std::chrono::minutes(15)};
  ASSERT_TRUE(store_->create_portal_link(link).ok());
  auto used = store_->consume_portal_link("digest-1", now_ + std::chrono::minutes(1));
  ASSERT_TRUE(used.ok()) << used.error().message;
  EXPECT_EQ(used->customer_id, customer_.id);
  EXPECT_EQ(store_->consume_portal_link("digest-1", now_ + std::chrono::minutes(2)).error().code,
            ErrorCode::Unauthenticated);
  ASSERT_TRUE(
      store_
          ->create_portal_link({"digest-2", tenant_.id, customer_.id, now_, now_ + std::chrono::minutes(15)})
          .ok());
  EXPECT_FALSE(store_->consume_portal_link("digest-2", now_ + std::chrono::minutes(16)).ok());
}

}  // namespace
}  // namespace sp::storage::sqlite
