// OutboxWorker with a FakeClock: a scripted sender for the retry schedule, and the real
// SMTP sink for delivery end to end.
#include "mail/outbox_worker.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <random>

#include "storage/sqlite/sqlite_mail_store.hpp"
#include "mail_servers.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"

namespace sp::mail {
namespace {

using namespace std::chrono_literals;
using namespace sp::domain;  // NOLINT: tenants for fixtures
using storage::sqlite::SqliteOptions;
using storage::sqlite::SqliteStore;

// Answers each send with the next scripted result (success once the script is empty).
class ScriptedSender : public MailSender {
 public:
  Result<void> send(const Envelope& envelope, std::string_view raw) override {
    sent_.push_back({envelope, std::string(raw)});
    if (script_.empty()) return {};
    Result<void> next = script_.front();
    script_.pop_front();
    return next;
  }
  std::deque<Result<void>> script_;
  std::vector<std::pair<Envelope, std::string>> sent_;
};

// A store in a temporary folder, shared by the worker tests.
class OutboxFixture {
 public:
  OutboxFixture() {
    SqliteOptions options;
    options.path = (dir_ / "test.db").string();
    store_ = SqliteStore::open(options).value();
    EXPECT_TRUE(store_->migrate().ok());
    tenant_ = store_->create_tenant(Tenant{{}, "telnet", "Telnet", "UTC", Language::Nl, from_unix_seconds(0)})
                  .value()
                  .id;
    outbox_ = std::make_unique<storage::sqlite::SqliteOutboxStore>(*store_);
  }
  ~OutboxFixture() {
    outbox_.reset();
    store_.reset();
  }
  NewOutboundMail mail(const std::string& message_id, std::vector<std::string> recipients) {
    return NewOutboundMail{tenant_,
                           std::nullopt,
                           message_id,
                           "desk@telnet-nl.test",
                           std::move(recipients),
                           "From: desk@telnet-nl.test\r\nTo: klant@example.nl\r\nMessage-ID: " + message_id +
                               "\r\nSubject: Re: [#T-1]\r\n\r\nBedankt.\r\n"};
  }

  sp::testing::TempDir dir_{"sp-worker"};
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<storage::sqlite::SqliteOutboxStore> outbox_;
  TenantId tenant_;
};

TEST(OutboxWorker, RetriesTemporaryFailuresOnTheBackOffSchedule) {
  OutboxFixture fixture;
  sp::testing::FakeClock clock(from_unix_seconds(1'795'000'000));
  ScriptedSender sender;
  sender.script_ = {temporary_failure("451 later"), temporary_failure("timeout"), Result<void>{}};
  OutboxWorker worker(*fixture.outbox_, sender, clock, OutboxWorkerOptions{RetryPolicy{1min, 1h, 5}, 16, 5s});
  auto id =
      fixture.outbox_->enqueue(fixture.mail("<r@desk.test>", {"klant@example.nl"}), clock.now()).value().id;

  auto pass = worker.run_once().value();
  EXPECT_EQ(pass.rescheduled, 1);
  EXPECT_EQ(worker.run_once().value().rescheduled, 0) << "not due before a minute";
  clock.advance(1min);
  EXPECT_EQ(worker.run_once().value().rescheduled, 1);
  clock.advance(1min);
  EXPECT_EQ(worker.run_once().value().sent, 0) << "second back-off is two minutes";
  clock.advance(1min);
  EXPECT_EQ(worker.run_once().value().sent, 1);

  auto stored = fixture.outbox_->get(id).value();
  EXPECT_EQ(stored.state, OutboundState::Sent);
  EXPECT_EQ(stored.attempts, 3);
  EXPECT_EQ(stored.sent_at, clock.now());
  ASSERT_EQ(sender.sent_.size(), 3u);
  EXPECT_EQ(sender.sent_[0].first.recipients, std::vector<std::string>{"klant@example.nl"});
}

TEST(OutboxWorker, PermanentFailureIsNotRetried) {
  OutboxFixture fixture;
  sp::testing::FakeClock clock(from_unix_seconds(1'795'000'000));
  ScriptedSender sender;
  sender.script_ = {permanent_failure("550 no such user")};
  OutboxWorker worker(*fixture.outbox_, sender, clock);
  auto id = fixture.outbox_->enqueue(fixture.mail("<p@desk.test>", {"x@example.nl"}), clock.now()).value().id;
  EXPECT_EQ(worker.run_once().value().failed, 1);
  clock.advance(24h);
  EXPECT_EQ(worker.run_once().value().sent, 0);
  EXPECT_EQ(sender.sent_.size(), 1u);
  EXPECT_EQ(fixture.outbox_->get(id)->last_error, "550 no such user");
}

TEST(OutboxWorker, RecoverRequeuesMailLeftSending) {
  OutboxFixture fixture;
  sp::testing::FakeClock clock(from_unix_seconds(1'795'000'000));
  ScriptedSender sender;
  ASSERT_TRUE(fixture.outbox_->enqueue(fixture.mail("<c@desk.test>", {"x@example.nl"}), clock.now()).ok());
  ASSERT_EQ(fixture.outbox_->claim_due(clock.now(), 10)->size(), 1u);  // then "crash"
  OutboxWorker worker(*fixture.outbox_, sender, clock);
  EXPECT_EQ(worker.run_once().value().sent, 0);
  EXPECT_EQ(worker.recover().value(), 1);
  EXPECT_EQ(worker.run_once().value().sent, 1);
}

class OutboxWorkerSmtpTest : public testing::MailServerTest {};

TEST_F(OutboxWorkerSmtpTest, DeliversQueuedMailToTheSinkAndRecordsEachOutcome) {
  OutboxFixture fixture;
  sp::testing::FakeClock clock(from_unix_seconds(1'795'000'000));
  SmtpConfig config;
  config.url = servers_->smtp_url();
  config.connect_timeout_ms = 2000;
  auto smtp = SmtpClient::create(config).value();
  OutboxWorker worker(*fixture.outbox_, *smtp, clock);
  auto good =
      fixture.outbox_->enqueue(fixture.mail("<worker-good@desk.test>", {"klant@example.nl"}), clock.now());
  auto refused = fixture.outbox_->enqueue(
      fixture.mail("<worker-refused@desk.test>", {"reject-permanent@example.nl"}), clock.now());
  auto deferred = fixture.outbox_->enqueue(
      fixture.mail("<worker-deferred@desk.test>", {"reject-temporary@example.nl"}), clock.now());
  ASSERT_TRUE(good.ok() && refused.ok() && deferred.ok());

  auto pass = worker.run_once();
  ASSERT_TRUE(pass.ok()) << pass.error().message;
  EXPECT_EQ(pass->sent, 1);
  EXPECT_EQ(pass->failed, 1);
  EXPECT_EQ(pass->rescheduled, 1);

  auto received = servers_->sink_message("<worker-good@desk.test>");
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->first, good->raw);
  EXPECT_EQ(fixture.outbox_->get(good->id)->state, OutboundState::Sent);
  auto failed = fixture.outbox_->get(refused->id).value();
  EXPECT_EQ(failed.state, OutboundState::Failed);
  EXPECT_NE(failed.last_error.find("550"), std::string::npos) << failed.last_error;
  auto waiting = fixture.outbox_->get(deferred->id).value();
  EXPECT_EQ(waiting.state, OutboundState::Queued);
  EXPECT_EQ(waiting.next_attempt_at, clock.now() + 1min);
  EXPECT_NE(waiting.last_error.find("451"), std::string::npos) << waiting.last_error;
}

TEST_F(OutboxWorkerSmtpTest, ThreadDeliversAfterNotifyAndStops) {
  OutboxFixture fixture;
  sp::testing::FakeClock clock(from_unix_seconds(1'795'000'000));
  SmtpConfig config;
  config.url = servers_->smtp_url();
  auto smtp = SmtpClient::create(config).value();
  OutboxWorker worker(*fixture.outbox_, *smtp, clock,
                      OutboxWorkerOptions{RetryPolicy{}, 16, std::chrono::seconds{30}});
  worker.start();
  auto queued =
      fixture.outbox_->enqueue(fixture.mail("<worker-thread@desk.test>", {"klant@example.nl"}), clock.now());
  ASSERT_TRUE(queued.ok());
  worker.notify();
  EXPECT_TRUE(servers_->sink_message("<worker-thread@desk.test>").has_value());
  worker.stop();
  EXPECT_EQ(fixture.outbox_->get(queued->id)->state, OutboundState::Sent);
}

}  // namespace
}  // namespace sp::mail
