// ImapClient against a real Dovecot started by scripts/mailtest/start.sh, plus the pure
// response parsers.
#include "mail/imap_client.hpp"

#include <gtest/gtest.h>

#include "mail_servers.hpp"

namespace sp::mail {
namespace {

using testing::MailServers;
using testing::MailServerTest;

TEST(ImapParsing, SelectResponseGivesUidValidityUidNextAndExists) {
  auto status = parse_select_response(
      "* FLAGS (\\Answered \\Seen)\r\n* 3 EXISTS\r\n* 0 RECENT\r\n"
      "* OK [UIDVALIDITY 1795439534] UIDs valid\r\n* OK [UIDNEXT 7] Predicted next UID\r\n"
      "A003 OK [READ-WRITE] Select completed.\r\n");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->uidvalidity, 1795439534u);
  EXPECT_EQ(status->uidnext, 7u);
  EXPECT_EQ(status->exists, 3u);
}

TEST(ImapParsing, LaterSelectResponseWins) {
  auto status = parse_select_response(
      "* OK [UIDVALIDITY 1] x\r\n* OK [UIDNEXT 2] y\r\n* OK [UIDVALIDITY 5] x\r\n"
      "* OK [UIDNEXT 9] y\r\n");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->uidvalidity, 5u);
  EXPECT_EQ(status->uidnext, 9u);
}

TEST(ImapParsing, SelectResponseWithoutUidValidityIsRejected) {
  auto status = parse_select_response("* 3 EXISTS\r\n* OK [UIDNEXT 7] x\r\n");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::InvalidInput);
}

TEST(ImapParsing, SearchResponseIsSortedAndDeduplicated) {
  auto uids = parse_search_response("* 4 EXISTS\r\n* SEARCH 9 3 5 3\r\n");
  ASSERT_TRUE(uids.ok());
  EXPECT_EQ(*uids, (std::vector<std::uint32_t>{3, 5, 9}));
}

TEST(ImapParsing, EmptySearchResponseHasNoUids) {
  auto uids = parse_search_response("* SEARCH\r\n");
  ASSERT_TRUE(uids.ok());
  EXPECT_TRUE(uids->empty());
}

TEST(ImapParsing, GarbageInSearchResponseIsAnError) {
  EXPECT_FALSE(parse_search_response("* SEARCH 1 x 3\r\n").ok());
}

TEST(ImapClientConfig, RejectsNonImapUrl) {
  auto client = ImapClient::connect(ImapConfig{"http://127.0.0.1:1", "u", "p"});
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, ErrorCode::InvalidInput);
}

class ImapClientTest : public MailServerTest {
 protected:
  std::unique_ptr<ImapClient> client(std::size_t max_bytes = 25 * 1024 * 1024) {
    ImapConfig config{servers_->imap_url(), MailServers::kUser, MailServers::kPassword};
    config.connect_timeout_ms = 2000;
    config.timeout_ms = 20000;
    config.max_message_bytes = max_bytes;
    return ImapClient::connect(config).value();
  }
};

TEST_F(ImapClientTest, EmptyMailboxHasNoUids) {
  auto mailbox = fresh_mailbox();
  auto imap = client();
  auto status = imap->select(mailbox);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_GT(status->uidvalidity, 0u);
  EXPECT_EQ(status->uidnext, 1u);
  EXPECT_EQ(status->exists, 0u);
  auto uids = imap->uids_after(0);
  ASSERT_TRUE(uids.ok()) << uids.error().message;
  EXPECT_TRUE(uids->empty());
}

TEST_F(ImapClientTest, UidsAfterListsOnlyNewerUidsEvenPastTheEnd) {
  auto mailbox = fresh_mailbox();
  for (int n = 1; n <= 3; ++n) {
    ASSERT_TRUE(servers_->deliver(mailbox, message("<uids-" + std::to_string(n) + "@t>", "x")));
  }
  auto imap = client();
  auto status = imap->select(mailbox);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->exists, 3u);
  EXPECT_EQ(status->uidnext, 4u);
  EXPECT_EQ(imap->uids_after(0).value(), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(imap->uids_after(2).value(), (std::vector<std::uint32_t>{3}));
  // "UID 4:*" answers UID 3 (the highest) on the wire; it must not come back.
  EXPECT_TRUE(imap->uids_after(3).value().empty());
  EXPECT_TRUE(imap->uids_after(100).value().empty());
}

TEST_F(ImapClientTest, SelectingAgainSeesMessagesThatArrivedMeanwhile) {
  auto mailbox = fresh_mailbox();
  auto imap = client();
  ASSERT_TRUE(imap->select(mailbox).ok());
  ASSERT_TRUE(servers_->deliver(mailbox, message("<late@t>", "late")));
  auto again = imap->select(mailbox);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->uidnext, 2u);
  EXPECT_EQ(imap->uids_after(0).value(), (std::vector<std::uint32_t>{1}));
}

TEST_F(ImapClientTest, FetchReturnsEightBitMessageByteForByte) {
  auto mailbox = fresh_mailbox();
  std::string raw =
      "From: =?ISO-8859-1?Q?Jos=E9?= <jose@example.es>\r\nTo: desk@telnet-nl.test\r\n"
      "Subject: 8bit\r\nMessage-ID: <8bit@t>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
  for (int byte = 0x80; byte <= 0xFF; ++byte) raw += static_cast<char>(byte);
  raw +=
      "\r\nGr\xfc\xdf"
      "e, \xe4\xbd\xa0\xe5\xa5\xbd, invalid UTF-8 \xc3\x28\r\n";
  ASSERT_TRUE(servers_->deliver(mailbox, raw));
  auto imap = client();
  ASSERT_TRUE(imap->select(mailbox).ok());
  auto fetched = imap->fetch(1);
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_FALSE(fetched->truncated);
  EXPECT_EQ(fetched->bytes, raw);
}

TEST_F(ImapClientTest, FetchReturnsOneMegabyteMessageWhole) {
  auto mailbox = fresh_mailbox();
  std::string body;
  std::mt19937 random(42);
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789+/";
  while (body.size() < 1024 * 1024) {
    for (int column = 0; column < 76; ++column) body += alphabet[random() % alphabet.size()];
    body += "\r\n";
  }
  std::string raw = message("<big@t>", body, "one megabyte");
  ASSERT_TRUE(servers_->deliver(mailbox, raw));
  auto imap = client();
  ASSERT_TRUE(imap->select(mailbox).ok());
  auto fetched = imap->fetch(1);
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_FALSE(fetched->truncated);
  EXPECT_EQ(fetched->bytes.size(), raw.size());
  EXPECT_TRUE(fetched->bytes == raw);
}

TEST_F(ImapClientTest, MessageOverTheLimitIsTruncatedAndTheConnectionRecovers) {
  auto mailbox = fresh_mailbox();
  std::string raw = message("<large@t>", std::string(200'000, 'x'), "too large");
  ASSERT_TRUE(servers_->deliver(mailbox, raw));
  ASSERT_TRUE(servers_->deliver(mailbox, message("<small@t>", "small")));
  auto imap = client(64 * 1024);
  ASSERT_TRUE(imap->select(mailbox).ok());
  auto large = imap->fetch(1);
  ASSERT_TRUE(large.ok()) << large.error().message;
  EXPECT_TRUE(large->truncated);
  EXPECT_EQ(large->bytes, raw.substr(0, 64 * 1024));
  auto small = imap->fetch(2);
  ASSERT_TRUE(small.ok()) << small.error().message;
  EXPECT_FALSE(small->truncated);
  EXPECT_NE(small->bytes.find("<small@t>"), std::string::npos);
}

TEST_F(ImapClientTest, FetchOfMissingUidIsNotFound) {
  auto mailbox = fresh_mailbox();
  ASSERT_TRUE(servers_->deliver(mailbox, message("<only@t>", "x")));
  auto imap = client();
  ASSERT_TRUE(imap->select(mailbox).ok());
  auto fetched = imap->fetch(42);
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error().code, ErrorCode::NotFound) << fetched.error().message;
}

TEST_F(ImapClientTest, UidValidityChangeIsReported) {
  auto mailbox = fresh_mailbox();
  auto imap = client();
  auto before = imap->select(mailbox);
  ASSERT_TRUE(before.ok());
  const std::uint32_t renumbered = before->uidvalidity + 1000;
  ASSERT_EQ(servers_->doveadm("mailbox update -u desk@telnet-nl.test --uid-validity " +
                              std::to_string(renumbered) + " " + testing::shell_quote(mailbox)),
            0);
  auto after = client()->select(mailbox);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->uidvalidity, renumbered);
}

TEST_F(ImapClientTest, FlagSeenSucceeds) {
  auto mailbox = fresh_mailbox();
  ASSERT_TRUE(servers_->deliver(mailbox, message("<seen@t>", "x")));
  auto imap = client();
  ASSERT_TRUE(imap->select(mailbox).ok());
  auto flagged = imap->flag_seen(1);
  EXPECT_TRUE(flagged.ok()) << flagged.error().message;
}

TEST_F(ImapClientTest, MailboxNameWithSpacesAndParentheses) {
  const std::string mailbox = "Support Desk (NL)";
  ASSERT_TRUE(servers_->create_mailbox(mailbox));
  ASSERT_TRUE(servers_->deliver(mailbox, message("<space@t>", "x")));
  auto imap = client();
  auto status = imap->select(mailbox);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->exists, 1u);
  auto fetched = imap->fetch(imap->uids_after(0).value().at(0));
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_NE(fetched->bytes.find("<space@t>"), std::string::npos);
}

TEST_F(ImapClientTest, MissingMailboxIsNotFound) {
  auto status = client()->select("does-not-exist");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::NotFound) << status.error().message;
}

TEST_F(ImapClientTest, WrongPasswordIsForbidden) {
  ImapConfig config{servers_->imap_url(), MailServers::kUser, "wrong"};
  auto status = ImapClient::connect(config).value()->select("INBOX");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::Forbidden) << status.error().message;
}

TEST(ImapClientNetwork, SilentServerTimesOutAsUnavailable) {
  testing::SilentServer silent;
  ImapConfig config{"imap://127.0.0.1:" + std::to_string(silent.port()), "u", "p"};
  config.connect_timeout_ms = 300;
  config.timeout_ms = 300;
  auto started = std::chrono::steady_clock::now();
  auto status = ImapClient::connect(config).value()->select("INBOX");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::Unavailable) << status.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds{5});
}

TEST(ImapClientNetwork, ClosedPortIsUnavailable) {
  ImapConfig config{"imap://127.0.0.1:1", "u", "p"};
  config.connect_timeout_ms = 1000;
  auto status = ImapClient::connect(config).value()->select("INBOX");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::Unavailable) << status.error().message;
}

}  // namespace
}  // namespace sp::mail
