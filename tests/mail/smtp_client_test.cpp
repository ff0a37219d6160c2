// SmtpClient against the SMTP sink started by scripts/mailtest/start.sh.
#include "mail/smtp_client.hpp"

#include <gtest/gtest.h>

#include "mail_servers.hpp"

namespace sp::mail {
namespace {

using testing::MailServerTest;

TEST(SmtpReplies, FiveHundredsArePermanentEverythingElseTemporary) {
  EXPECT_EQ(classify_smtp_reply(550), DeliveryFailure::Permanent);
  EXPECT_EQ(classify_smtp_reply(554), DeliveryFailure::Permanent);
  EXPECT_EQ(classify_smtp_reply(451), DeliveryFailure::Temporary);
  EXPECT_EQ(classify_smtp_reply(421), DeliveryFailure::Temporary);
  EXPECT_EQ(classify_smtp_reply(0), DeliveryFailure::Temporary);
}

TEST(SmtpReplies, ErrorsCarryTheirClass) {
  EXPECT_EQ(classify_delivery_error(permanent_failure("x")), DeliveryFailure::Permanent);
  EXPECT_EQ(classify_delivery_error(temporary_failure("x")), DeliveryFailure::Temporary);
  EXPECT_EQ(classify_delivery_error(internal_error("x")), DeliveryFailure::Temporary);
}

class SmtpClientTest : public MailServerTest {
 protected:
  std::unique_ptr<SmtpClient> client() {
    SmtpConfig config;
    config.url = servers_->smtp_url();
    config.connect_timeout_ms = 2000;
    config.timeout_ms = 20000;
    return SmtpClient::create(config).value();
  }
};

TEST_F(SmtpClientTest, SentMessageArrivesByteForByteWithItsEnvelope) {
  // A line starting with a dot checks dot-stuffing both ways; 8-bit text checks that
  // nothing is re-encoded.
  std::string raw = message("<smtp-1@desk.test>",
                            "Hallo,\r\n.leading dot\r\n..two dots\r\nGr\xc3\xbc\xc3\x9f"
                            "e\r\n");
  auto sent = client()->send(Envelope{"desk@telnet-nl.test", {"klant@example.nl", "cc@example.nl"}}, raw);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  auto received = servers_->sink_message("<smtp-1@desk.test>");
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->first, raw);
  EXPECT_NE(received->second.find("\"mail_from\": \"desk@telnet-nl.test\""), std::string::npos)
      << received->second;
  EXPECT_NE(received->second.find("\"klant@example.nl\", \"cc@example.nl\""), std::string::npos)
      << received->second;
}

TEST_F(SmtpClientTest, OneClientSendsSeveralMessages) {
  auto smtp = client();
  for (int n = 0; n < 3; ++n) {
    std::string id = "<smtp-many-" + std::to_string(n) + "@desk.test>";
    ASSERT_TRUE(smtp->send(Envelope{"desk@telnet-nl.test", {"klant@example.nl"}}, message(id, "n")).ok());
    EXPECT_TRUE(servers_->sink_message(id).has_value()) << id;
  }
}

TEST_F(SmtpClientTest, RefusedRecipientIsPermanent) {
  auto sent = client()->send(Envelope{"desk@telnet-nl.test", {"reject-permanent@example.nl"}},
                             message("<smtp-550@desk.test>", "x"));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(classify_delivery_error(sent.error()), DeliveryFailure::Permanent);
  EXPECT_NE(sent.error().message.find("550"), std::string::npos) << sent.error().message;
}

TEST_F(SmtpClientTest, DeferredRecipientIsTemporary) {
  auto sent = client()->send(Envelope{"desk@telnet-nl.test", {"reject-temporary@example.nl"}},
                             message("<smtp-451@desk.test>", "x"));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(classify_delivery_error(sent.error()), DeliveryFailure::Temporary);
  EXPECT_NE(sent.error().message.find("451"), std::string::npos) << sent.error().message;
}

TEST_F(SmtpClientTest, OneRefusedRecipientStopsTheWholeMessage) {
  auto sent =
      client()->send(Envelope{"desk@telnet-nl.test", {"klant@example.nl", "reject-permanent@example.nl"}},
                     message("<smtp-partial@desk.test>", "x"));
  ASSERT_FALSE(sent.ok());
  EXPECT_FALSE(
      servers_->sink_message("<smtp-partial@desk.test>", std::chrono::milliseconds{300}).has_value());
}

TEST(SmtpClientNetwork, ClosedPortIsTemporary) {
  SmtpConfig config;
  config.url = "smtp://127.0.0.1:1";
  config.connect_timeout_ms = 1000;
  auto sent =
      SmtpClient::create(config).value()->send(Envelope{"a@b.test", {"c@d.test"}}, "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(classify_delivery_error(sent.error()), DeliveryFailure::Temporary);
  EXPECT_EQ(sent.error().code, ErrorCode::Unavailable);
}

TEST(SmtpClientNetwork, SilentServerTimesOutAsTemporary) {
  testing::SilentServer silent;
  SmtpConfig config;
  config.url = "smtp://127.0.0.1:" + std::to_string(silent.port());
  config.connect_timeout_ms = 300;
  config.timeout_ms = 300;
  auto sent =
      SmtpClient::create(config).value()->send(Envelope{"a@b.test", {"c@d.test"}}, "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(classify_delivery_error(sent.error()), DeliveryFailure::Temporary);
  EXPECT_EQ(sent.error().code, ErrorCode::Unavailable);
}

TEST(SmtpClientConfig, RejectsNonSmtpUrlAndEmptyRecipients) {
  EXPECT_FALSE(SmtpClient::create(SmtpConfig{"imap://x"}).ok());
  auto smtp = SmtpClient::create(SmtpConfig{"smtp://127.0.0.1:1"}).value();
  auto sent = smtp->send(Envelope{"a@b.test", {}}, "x");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(classify_delivery_error(sent.error()), DeliveryFailure::Permanent);
}

}  // namespace
}  // namespace sp::mail
