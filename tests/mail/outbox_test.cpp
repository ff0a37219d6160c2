// The retry policy (pure) and SqliteOutboxStore / SqliteMailCheckpointStore on a real database
// file.
#include "mail/outbox.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "domain/ticket_rules.hpp"
#include "storage/sqlite/sqlite_mail_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::mail {
namespace {

using namespace std::chrono_literals;
using namespace sp::domain;  // NOLINT: tenants, tickets and customers for fixtures
using storage::MailCheckpoint;
using storage::sqlite::SqliteMailCheckpointStore;
using storage::sqlite::SqliteOptions;
using storage::sqlite::SqliteOutboxStore;
using storage::sqlite::SqliteStore;

TEST(RetryPolicy, DelayDoublesFromTheInitialDelayUpToTheCap) {
  RetryPolicy policy{1min, 30min, 10};
  EXPECT_EQ(retry_delay(policy, 1), 1min);
  EXPECT_EQ(retry_delay(policy, 2), 2min);
  EXPECT_EQ(retry_delay(policy, 3), 4min);
  EXPECT_EQ(retry_delay(policy, 5), 16min);
  EXPECT_EQ(retry_delay(policy, 6), 30min);
  EXPECT_EQ(retry_delay(policy, 1000), 30min);
  EXPECT_EQ(retry_delay(policy, 0), 1min);
}

TEST(RetryPolicy, TemporaryFailureIsRetriedUntilMaxAttempts) {
  RetryPolicy policy{1min, 4h, 3};
  const Timestamp now = from_unix_seconds(1'795'000'000);
  EXPECT_EQ(next_attempt(policy, 1, DeliveryFailure::Temporary, now), now + 1min);
  EXPECT_EQ(next_attempt(policy, 2, DeliveryFailure::Temporary, now), now + 2min);
  EXPECT_EQ(next_attempt(policy, 3, DeliveryFailure::Temporary, now), std::nullopt);
}

TEST(RetryPolicy, PermanentFailureIsNeverRetried) {
  RetryPolicy policy;
  EXPECT_EQ(next_attempt(policy, 1, DeliveryFailure::Permanent, from_unix_seconds(0)), std::nullopt);
}

TEST(RetryPolicy, DefaultScheduleSpansHalfADay) {
  RetryPolicy policy;
  Duration total{0};
  for (int attempt = 1; attempt < policy.max_attempts; ++attempt) {
    total += retry_delay(policy, attempt);
  }
  EXPECT_EQ(total, 1min + 2min + 4min + 8min + 16min + 32min + 64min + 128min + 4h);
}

TEST(OutboundStateNames, RoundTrip) {
  for (auto state :
       {OutboundState::Queued, OutboundState::Sending, OutboundState::Sent, OutboundState::Failed}) {
    EXPECT_EQ(parse_outbound_state(to_string(state)).value(), state);
  }
  EXPECT_FALSE(parse_outbound_state("lost").ok());
}

class SqliteOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reopen();
    tenant_ =
        store_->create_tenant(Tenant{{}, "telnet", "Telnet", "Europe/Amsterdam", Language::Nl, now_}).value();
    other_tenant_ = store_->create_tenant(Tenant{{}, "acme", "Acme", "UTC", Language::En, now_}).value();
  }
  void TearDown() override {
    outbox_.reset();
    store_.reset();
  }
  void reopen() {
    outbox_.reset();
    store_.reset();
    SqliteOptions options;
    options.path = (dir_ / "test.db").string();
    store_ = SqliteStore::open(options).value();
    ASSERT_TRUE(store_->migrate().ok());
    outbox_ = std::make_unique<SqliteOutboxStore>(*store_);
  }
  TicketId create_ticket(TenantId tenant) {
    std::string email = "jan" + std::to_string(++customers_) + "@example.nl";
    auto customer =
        store_->create_customer(Customer{{}, tenant, "Jan", {email}, {}, Language::Nl, now_}).value();
    NewTicket input;
    input.subject = "Storing";
    input.requester_id = customer.id;
    input.first_message = "hello";
    auto validated = validate_new_ticket(input).value();
    Actor actor{ActorType::Customer, customer.id.value};
    auto draft = draft_ticket(validated, tenant, actor, now_);
    return store_->create_ticket(draft, storage::NewMessage{MessageKind::Inbound, actor, "hello", now_})
        .value()
        .id;
  }
  NewOutboundMail mail(std::string message_id, std::optional<TicketId> ticket = std::nullopt) {
    return NewOutboundMail{tenant_.id,
                           ticket,
                           std::move(message_id),
                           "desk@telnet-nl.test",
                           {"klant@example.nl", "Ander <ander@example.nl>"},
                           "Subject: Re: Storing\r\n\r\nWe kijken ernaar.\r\n"};
  }

  sp::testing::TempDir dir_{"sp-outbox"};
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<SqliteOutboxStore> outbox_;
  Timestamp now_ = from_unix_seconds(1'795'000'000);
  Tenant tenant_;
  Tenant other_tenant_;
  int customers_ = 0;
};

TEST_F(SqliteOutboxTest, QueuedMailSurvivesReopeningByteForByte) {
  auto input = mail("<a@desk.test>");
  // Binary-safe: 8-bit bytes, invalid UTF-8 and a NUL are kept.
  input.raw = std::string(
                  "Subject: x\r\n\r\nGr\xfc\xdf"
                  "e \xc3\x28 nul:") +
              '\0' + "end\r\n";
  auto queued = outbox_->enqueue(input, now_);
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  reopen();
  auto stored = outbox_->get(queued->id);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->state, OutboundState::Queued);
  EXPECT_EQ(stored->raw, input.raw);
  EXPECT_EQ(stored->recipients, input.recipients);
  EXPECT_EQ(stored->message_id, "<a@desk.test>");
  EXPECT_EQ(stored->envelope_from, "desk@telnet-nl.test");
  EXPECT_EQ(stored->tenant, tenant_.id);
  EXPECT_EQ(stored->attempts, 0);
  EXPECT_EQ(stored->next_attempt_at, now_);
  EXPECT_EQ(stored->created_at, now_);
  EXPECT_FALSE(stored->sent_at.has_value());
  EXPECT_FALSE(stored->ticket.has_value());
}

TEST_F(SqliteOutboxTest, EnqueueValidates) {
  auto no_recipients = mail("<x@desk.test>");
  no_recipients.recipients.clear();
  EXPECT_EQ(outbox_->enqueue(no_recipients, now_).error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(outbox_->enqueue(mail(""), now_).error().code, ErrorCode::InvalidInput);
}

TEST_F(SqliteOutboxTest, TicketOfAnotherTenantIsRefused) {
  TicketId foreign = create_ticket(other_tenant_.id);
  auto queued = outbox_->enqueue(mail("<x@desk.test>", foreign), now_);
  ASSERT_FALSE(queued.ok());
  EXPECT_EQ(queued.error().code, ErrorCode::Conflict);
}

TEST_F(SqliteOutboxTest, ClaimTakesOnlyDueMailOldestFirstAndCountsTheAttempt) {
  auto later = outbox_->enqueue(mail("<later@desk.test>"), now_ + 10min).value();
  auto first = outbox_->enqueue(mail("<first@desk.test>"), now_ - 1min).value();
  auto second = outbox_->enqueue(mail("<second@desk.test>"), now_).value();
  auto claimed = outbox_->claim_due(now_, 10);
  ASSERT_TRUE(claimed.ok()) << claimed.error().message;
  ASSERT_EQ(claimed->size(), 2u);
  EXPECT_EQ((*claimed)[0].id, first.id);
  EXPECT_EQ((*claimed)[1].id, second.id);
  EXPECT_EQ((*claimed)[0].state, OutboundState::Sending);
  EXPECT_EQ((*claimed)[0].attempts, 1);
  EXPECT_EQ((*claimed)[0].raw, mail("").raw);
  EXPECT_TRUE(outbox_->claim_due(now_, 10)->empty()) << "claimed mail is not claimed twice";
  EXPECT_EQ(outbox_->get(later.id)->state, OutboundState::Queued);
  EXPECT_EQ(outbox_->next_due().value(), now_ + 10min);
}

TEST_F(SqliteOutboxTest, ClaimRespectsTheLimit) {
  for (int n = 0; n < 5; ++n) {
    ASSERT_TRUE(outbox_->enqueue(mail("<n" + std::to_string(n) + "@desk.test>"), now_).ok());
  }
  EXPECT_EQ(outbox_->claim_due(now_, 2)->size(), 2u);
  EXPECT_EQ(outbox_->claim_due(now_, 10)->size(), 3u);
  EXPECT_EQ(outbox_->next_due().value(), std::nullopt);
}

TEST_F(SqliteOutboxTest, SentMailIsRecordedAndCannotBeSentTwice) {
  auto queued = outbox_->enqueue(mail("<s@desk.test>"), now_).value();
  ASSERT_EQ(outbox_->claim_due(now_, 1)->size(), 1u);
  ASSERT_TRUE(outbox_->mark_sent(queued.id, now_ + 2s).ok());
  auto stored = outbox_->get(queued.id).value();
  EXPECT_EQ(stored.state, OutboundState::Sent);
  EXPECT_EQ(stored.sent_at, now_ + 2s);
  EXPECT_EQ(outbox_->mark_sent(queued.id, now_).error().code, ErrorCode::Conflict);
  EXPECT_EQ(outbox_->mark_sent(9999, now_).error().code, ErrorCode::NotFound);
}

TEST_F(SqliteOutboxTest, TemporaryFailuresBackOffThenGiveUp) {
  RetryPolicy policy{1min, 1h, 3};
  auto queued = outbox_->enqueue(mail("<t@desk.test>"), now_).value();
  Timestamp clock = now_;

  auto attempt = outbox_->claim_due(clock, 1).value().at(0);
  EXPECT_EQ(record_failure(*outbox_, attempt, temporary_failure("451 busy"), policy, clock).value(),
            OutboundState::Queued);
  auto stored = outbox_->get(queued.id).value();
  EXPECT_EQ(stored.next_attempt_at, clock + 1min);
  EXPECT_EQ(stored.last_error, "451 busy");
  EXPECT_TRUE(outbox_->claim_due(clock + 59s, 1)->empty());

  clock += 1min;
  attempt = outbox_->claim_due(clock, 1).value().at(0);
  EXPECT_EQ(attempt.attempts, 2);
  ASSERT_TRUE(record_failure(*outbox_, attempt, temporary_failure("timeout"), policy, clock).ok());
  EXPECT_EQ(outbox_->get(queued.id)->next_attempt_at, clock + 2min);

  clock += 2min;
  attempt = outbox_->claim_due(clock, 1).value().at(0);
  EXPECT_EQ(attempt.attempts, 3);
  EXPECT_EQ(record_failure(*outbox_, attempt, temporary_failure("timeout"), policy, clock).value(),
            OutboundState::Failed);
  stored = outbox_->get(queued.id).value();
  EXPECT_EQ(stored.state, OutboundState::Failed);
  EXPECT_EQ(stored.last_error, "gave up after 3 attempts: timeout");
  EXPECT_TRUE(outbox_->claim_due(clock + 24h, 1)->empty());
}

TEST_F(SqliteOutboxTest, PermanentFailureFailsAtOnceWithTheReason) {
  auto queued = outbox_->enqueue(mail("<p@desk.test>"), now_).value();
  auto attempt = outbox_->claim_due(now_, 1).value().at(0);
  EXPECT_EQ(
      record_failure(*outbox_, attempt, permanent_failure("550 5.1.1 no such user"), RetryPolicy{}, now_)
          .value(),
      OutboundState::Failed);
  auto stored = outbox_->get(queued.id).value();
  EXPECT_EQ(stored.state, OutboundState::Failed);
  EXPECT_EQ(stored.last_error, "550 5.1.1 no such user");
}

TEST_F(SqliteOutboxTest, MailStuckInSendingIsRequeuedAfterACrash) {
  auto queued = outbox_->enqueue(mail("<stuck@desk.test>"), now_).value();
  ASSERT_EQ(outbox_->claim_due(now_, 1)->size(), 1u);
  reopen();  // the process died while sending
  EXPECT_TRUE(outbox_->claim_due(now_ + 1h, 1)->empty());
  EXPECT_EQ(outbox_->requeue_stuck(now_ + 1h).value(), 1);
  auto again = outbox_->claim_due(now_ + 1h, 1).value();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, queued.id);
  EXPECT_EQ(again[0].attempts, 2);
  EXPECT_EQ(outbox_->requeue_stuck(now_ + 1h).value(), 1);
  EXPECT_EQ(outbox_->requeue_stuck(now_ + 1h).value(), 0);
}

TEST_F(SqliteOutboxTest, ListForTicketShowsDeliveryStateWithoutTheMessage) {
  TicketId ticket = create_ticket(tenant_.id);
  TicketId other = create_ticket(tenant_.id);
  auto sent = outbox_->enqueue(mail("<1@desk.test>", ticket), now_).value();
  auto failed = outbox_->enqueue(mail("<2@desk.test>", ticket), now_ + 1s).value();
  ASSERT_TRUE(outbox_->enqueue(mail("<3@desk.test>", other), now_).ok());
  ASSERT_TRUE(outbox_->enqueue(mail("<4@desk.test>", ticket), now_ + 1h).ok());
  auto due = outbox_->claim_due(now_ + 1s, 10).value();
  for (const auto& claimed : due) {
    if (claimed.id == sent.id) {
      ASSERT_TRUE(outbox_->mark_sent(claimed.id, now_ + 2s).ok());
    } else if (claimed.id == failed.id) {
      ASSERT_TRUE(outbox_->mark_failed(claimed.id, "550 no such user").ok());
    } else {
      ASSERT_TRUE(outbox_->reschedule(claimed.id, "", now_).ok());
    }
  }
  auto listed = outbox_->list_for_ticket(tenant_.id, ticket);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].state, OutboundState::Sent);
  EXPECT_EQ((*listed)[1].state, OutboundState::Failed);
  EXPECT_EQ((*listed)[1].last_error, "550 no such user");
  EXPECT_EQ((*listed)[2].state, OutboundState::Queued);
  EXPECT_TRUE((*listed)[0].raw.empty());
  EXPECT_TRUE(outbox_->list_for_ticket(other_tenant_.id, ticket)->empty());
}

TEST_F(SqliteOutboxTest, InsertOutboundJoinsAnotherWritersTransaction) {
  std::int64_t id = 0;
  auto failed = store_->write([&](storage::sqlite::Connection& conn) -> Result<void> {
    auto inserted = storage::sqlite::insert_outbound(conn, mail("<rolled-back@desk.test>"), now_);
    if (!inserted) return inserted.error();
    id = *inserted;
    return internal_error("the rest of the change failed");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(outbox_->get(id).error().code, ErrorCode::NotFound);
}

TEST_F(SqliteOutboxTest, CheckpointsAreUpsertedPerSource) {
  SqliteMailCheckpointStore checkpoints(*store_);
  EXPECT_EQ(checkpoints.get_checkpoint("imap:desk/INBOX").value(), std::nullopt);
  ASSERT_TRUE(checkpoints.put(MailCheckpoint{"imap:desk/INBOX", tenant_.id, 7, 12}, now_).ok());
  ASSERT_TRUE(checkpoints.put(MailCheckpoint{"imap:desk/INBOX", tenant_.id, 8, 1}, now_).ok());
  ASSERT_TRUE(checkpoints.put(MailCheckpoint{"imap:other/INBOX", tenant_.id, 3, 4000000000u}, now_).ok());
  reopen();
  SqliteMailCheckpointStore reopened(*store_);
  auto stored = reopened.get_checkpoint("imap:desk/INBOX").value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->uidvalidity, 8u);
  EXPECT_EQ(stored->last_uid, 1u);
  EXPECT_EQ(stored->tenant, tenant_.id);
  EXPECT_EQ(reopened.get_checkpoint("imap:other/INBOX").value()->last_uid, 4000000000u);
}

}  // namespace
}  // namespace sp::mail
