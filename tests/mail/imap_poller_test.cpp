// ImapPoller against the real Dovecot: order, checkpoints, handler failures, UIDVALIDITY.
#include "mail/imap_poller.hpp"

#include <gtest/gtest.h>

#include <map>

#include "storage/sqlite/sqlite_mail_store.hpp"
#include "mail_servers.hpp"

namespace sp::mail {
namespace {

using testing::MailServers;
using testing::MailServerTest;

class MemoryCheckpoints : public CheckpointStore {
 public:
  Result<std::optional<MailCheckpoint>> get_checkpoint(const std::string& source) override {
    auto found = stored_.find(source);
    if (found == stored_.end()) return std::optional<MailCheckpoint>{};
    return std::optional<MailCheckpoint>{found->second};
  }
  std::map<std::string, MailCheckpoint> stored_;
};

// Stands in for ingestion: "stores" the message and the checkpoint together.
struct RecordingHandler {
  MemoryCheckpoints* checkpoints;
  std::vector<RawMail> stored;
  int fail_at_uid = 0;  // fail (Unavailable) when offered this UID

  Result<void> operator()(const RawMail& mail) {
    if (mail.uid == static_cast<std::uint32_t>(fail_at_uid)) return unavailable("database busy");
    stored.push_back(mail);
    checkpoints->stored_[mail.source] = MailCheckpoint{mail.source, mail.tenant, mail.uidvalidity, mail.uid};
    return {};
  }
};

TEST(MailboxSource, NamesUserHostPortAndMailbox) {
  ImapConfig imap{"imaps://mail.telnet.nl:993/", "desk@telnet-nl.test", "x"};
  EXPECT_EQ(mailbox_source(imap, "INBOX"), "imap:desk@telnet-nl.test@mail.telnet.nl:993/INBOX");
}

class ImapPollerTest : public MailServerTest {
 protected:
  MailboxConfig config(const std::string& mailbox) {
    MailboxConfig config;
    config.tenant = TenantId{7};
    config.imap = ImapConfig{servers_->imap_url(), MailServers::kUser, MailServers::kPassword};
    config.imap.connect_timeout_ms = 2000;
    config.mailbox = mailbox;
    config.source = "imap:desk/" + mailbox;
    return config;
  }
  std::string id(int n) { return "<poll-" + std::to_string(n) + "@t>"; }
};

TEST_F(ImapPollerTest, DeliversNewMessagesInUidOrderExactlyOnce) {
  auto mailbox = fresh_mailbox();
  for (int n = 1; n <= 3; ++n) ASSERT_TRUE(servers_->deliver(mailbox, message(id(n), "x")));
  MemoryCheckpoints checkpoints;
  RecordingHandler handler{&checkpoints};
  ImapPoller poller(config(mailbox), checkpoints, std::ref(handler));

  auto first = poller.run_once();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->delivered, 3);
  ASSERT_EQ(handler.stored.size(), 3u);
  for (int n = 1; n <= 3; ++n) {
    const RawMail& mail = handler.stored[n - 1];
    EXPECT_EQ(mail.uid, static_cast<std::uint32_t>(n));
    EXPECT_NE(mail.bytes.find(id(n)), std::string::npos);
    EXPECT_EQ(mail.tenant, TenantId{7});
    EXPECT_EQ(mail.source, "imap:desk/" + mailbox);
    EXPECT_GT(mail.uidvalidity, 0u);
  }

  EXPECT_EQ(poller.run_once().value().delivered, 0);
  ASSERT_TRUE(servers_->deliver(mailbox, message(id(4), "x")));
  EXPECT_EQ(poller.run_once().value().delivered, 1);
  EXPECT_EQ(handler.stored.back().uid, 4u);
  EXPECT_EQ(poller.cursor()->last_uid, 4u);
}

TEST_F(ImapPollerTest, FailedHandlerStopsThePollAndTheMessageIsOfferedAgain) {
  auto mailbox = fresh_mailbox();
  for (int n = 1; n <= 3; ++n) ASSERT_TRUE(servers_->deliver(mailbox, message(id(n), "x")));
  MemoryCheckpoints checkpoints;
  RecordingHandler handler{&checkpoints, {}, 2};
  ImapPoller poller(config(mailbox), checkpoints, std::ref(handler));

  auto failed = poller.run_once();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::Unavailable);
  EXPECT_EQ(handler.stored.size(), 1u);
  EXPECT_EQ(poller.cursor()->last_uid, 1u);

  handler.fail_at_uid = 0;
  EXPECT_EQ(poller.run_once().value().delivered, 2);
  ASSERT_EQ(handler.stored.size(), 3u);
  EXPECT_EQ(handler.stored[1].uid, 2u);
}

TEST_F(ImapPollerTest, NewPollerResumesFromTheStoredCheckpoint) {
  auto mailbox = fresh_mailbox();
  for (int n = 1; n <= 2; ++n) ASSERT_TRUE(servers_->deliver(mailbox, message(id(n), "x")));
  MemoryCheckpoints checkpoints;
  {
    RecordingHandler handler{&checkpoints};
    ImapPoller poller(config(mailbox), checkpoints, std::ref(handler));
    ASSERT_EQ(poller.run_once().value().delivered, 2);
  }
  ASSERT_TRUE(servers_->deliver(mailbox, message(id(3), "x")));
  RecordingHandler handler{&checkpoints};
  ImapPoller restarted(config(mailbox), checkpoints, std::ref(handler));
  EXPECT_EQ(restarted.run_once().value().delivered, 1);
  ASSERT_EQ(handler.stored.size(), 1u);
  EXPECT_EQ(handler.stored[0].uid, 3u);
}

TEST_F(ImapPollerTest, UidValidityChangeStartsOver) {
  auto mailbox = fresh_mailbox();
  for (int n = 1; n <= 2; ++n) ASSERT_TRUE(servers_->deliver(mailbox, message(id(n), "x")));
  MemoryCheckpoints checkpoints;
  RecordingHandler handler{&checkpoints};
  ImapPoller poller(config(mailbox), checkpoints, std::ref(handler));
  ASSERT_EQ(poller.run_once().value().delivered, 2);
  const std::uint32_t old_validity = poller.cursor()->uidvalidity;

  ASSERT_EQ(servers_->doveadm("mailbox update -u desk@telnet-nl.test --uid-validity " +
                              std::to_string(old_validity + 1) + " " + testing::shell_quote(mailbox)),
            0);
  auto again = poller.run_once();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->uidvalidity_reset);
  EXPECT_EQ(again->delivered, 2);
  EXPECT_EQ(handler.stored.back().uidvalidity, old_validity + 1);
  EXPECT_EQ(checkpoints.stored_.at("imap:desk/" + mailbox).uidvalidity, old_validity + 1);
}

TEST_F(ImapPollerTest, LimitsMessagesPerPoll) {
  auto mailbox = fresh_mailbox();
  for (int n = 1; n <= 5; ++n) ASSERT_TRUE(servers_->deliver(mailbox, message(id(n), "x")));
  MemoryCheckpoints checkpoints;
  RecordingHandler handler{&checkpoints};
  auto limited = config(mailbox);
  limited.max_messages_per_poll = 2;
  ImapPoller poller(limited, checkpoints, std::ref(handler));
  auto first = poller.run_once().value();
  EXPECT_EQ(first.delivered, 2);
  EXPECT_TRUE(first.more);
  EXPECT_EQ(poller.run_once().value().delivered, 2);
  auto last = poller.run_once().value();
  EXPECT_EQ(last.delivered, 1);
  EXPECT_FALSE(last.more);
}

TEST_F(ImapPollerTest, OversizedMessageIsHandedOverTruncated) {
  auto mailbox = fresh_mailbox();
  ASSERT_TRUE(servers_->deliver(mailbox, message(id(1), std::string(100'000, 'y'))));
  MemoryCheckpoints checkpoints;
  RecordingHandler handler{&checkpoints};
  auto limited = config(mailbox);
  limited.imap.max_message_bytes = 4096;
  ImapPoller poller(limited, checkpoints, std::ref(handler));
  ASSERT_EQ(poller.run_once().value().delivered, 1);
  EXPECT_TRUE(handler.stored[0].truncated);
  EXPECT_EQ(handler.stored[0].bytes.size(), 4096u);
}

TEST_F(ImapPollerTest, UnreachableServerIsUnavailableAndNothingIsDelivered) {
  MemoryCheckpoints checkpoints;
  RecordingHandler handler{&checkpoints};
  auto broken = config("INBOX");
  broken.imap.url = "imap://127.0.0.1:1";
  broken.imap.connect_timeout_ms = 500;
  ImapPoller poller(broken, checkpoints, std::ref(handler));
  auto result = poller.run_once();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Unavailable);
  EXPECT_TRUE(handler.stored.empty());
}

}  // namespace
}  // namespace sp::mail
