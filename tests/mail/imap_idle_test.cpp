// IMAP IDLE against the real Dovecot: new mail wakes the watcher at once; without mail it
// times out; a closed port or a wrong password is an error the caller falls back from.
#include <gtest/gtest.h>

#include <future>

#include "mail/imap_idle.hpp"
#include "mail_servers.hpp"

namespace sp::mail {
namespace {

using testing::MailServers;
using testing::MailServerTest;

class ImapIdle : public MailServerTest {};

TEST_F(ImapIdle, NewMailWakesTheWatcherBeforeTheTimeout) {
  auto mailbox = fresh_mailbox();
  ImapIdleWatcher watcher(ImapConfig{servers_->imap_url(), MailServers::kUser, MailServers::kPassword},
                          mailbox);
  auto started = std::chrono::steady_clock::now();
  auto waiting = std::async(std::launch::async, [&] { return watcher.wait(std::chrono::seconds(20)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  ASSERT_TRUE(servers_->deliver(mailbox, message("<idle-1@example.nl>", "wake up")));
  auto wake = waiting.get();
  ASSERT_TRUE(wake.ok()) << wake.error().message;
  EXPECT_EQ(*wake, IdleWake::NewMail);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  // The connection is reused: a second wait without mail times out cleanly.
  auto quiet = watcher.wait(std::chrono::milliseconds(300));
  ASSERT_TRUE(quiet.ok()) << quiet.error().message;
  EXPECT_EQ(*quiet, IdleWake::Timeout);
}

TEST_F(ImapIdle, WrongPasswordAndClosedPortAreErrors) {
  ImapIdleWatcher wrong(ImapConfig{servers_->imap_url(), MailServers::kUser, "wrong"}, "INBOX");
  auto refused = wrong.wait(std::chrono::milliseconds(200));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
  ImapIdleWatcher closed(ImapConfig{"imap://127.0.0.1:1", "u", "p"}, "INBOX");
  auto down = closed.wait(std::chrono::milliseconds(200));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, ErrorCode::Unavailable);
}

}  // namespace
}  // namespace sp::mail
