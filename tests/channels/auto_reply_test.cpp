#include "channels/auto_reply.hpp"

#include <gtest/gtest.h>

#include "channels/mail_corpus.hpp"

namespace sp::channels {
namespace {

AutoReplyPolicy policy() {
  AutoReplyPolicy p;
  p.own_addresses = {"Support@Desk.Example"};
  p.max_replies_per_address_per_hour = 3;
  return p;
}

AutoReplyDecision decide(const std::string& raw, int sent_last_hour = 0) {
  auto parsed = parse_mail(raw);
  EXPECT_TRUE(parsed.ok());
  return should_auto_reply(*parsed, policy(), sent_last_hour);
}

TEST(AutoReply, OrdinaryCustomerMailIsAnswered) {
  const auto decision = decide(corpus::multipart_alternative());
  EXPECT_TRUE(decision.send);
  EXPECT_EQ(decision.reason, AutoReplyReason::Allowed);
  EXPECT_TRUE(decide(corpus::auto_submitted_no()).send);
}

TEST(AutoReply, EachLoopSignalBlocksTheReply) {
  EXPECT_EQ(decide(corpus::auto_submitted()).reason, AutoReplyReason::AutoSubmitted);
  EXPECT_EQ(decide(corpus::auto_submitted()).detail, "auto-replied");
  EXPECT_EQ(decide(corpus::precedence_bulk()).reason, AutoReplyReason::Precedence);
  EXPECT_EQ(decide(corpus::precedence_list()).reason, AutoReplyReason::Precedence);
  EXPECT_EQ(decide(corpus::precedence_junk()).reason, AutoReplyReason::Precedence);
  EXPECT_EQ(decide(corpus::suppress_header()).reason, AutoReplyReason::SuppressHeader);
  EXPECT_EQ(decide(corpus::list_id()).reason, AutoReplyReason::MailingList);
  EXPECT_EQ(decide(corpus::mailer_daemon()).reason, AutoReplyReason::MailerDaemon);
  EXPECT_EQ(decide(corpus::noreply_sender()).reason, AutoReplyReason::MailerDaemon);
  EXPECT_EQ(decide(corpus::dsn_bounce()).reason, AutoReplyReason::DeliveryReport);
  for (const auto& raw : {corpus::auto_submitted(), corpus::precedence_bulk(), corpus::suppress_header()}) {
    EXPECT_FALSE(decide(raw).send);
  }
}

TEST(AutoReply, OwnAddressIsNeverAnswered) {
  std::string raw = corpus::multipart_alternative();
  raw.replace(raw.find("Jan de Vries <Jan.deVries@Example.NL >"), 38, "Desk <support@desk.example>");
  const auto decision = decide(raw);
  EXPECT_FALSE(decision.send);
  EXPECT_EQ(decision.reason, AutoReplyReason::OwnAddress);
}

TEST(AutoReply, RateLimitPerAddressPerHour) {
  EXPECT_TRUE(decide(corpus::multipart_alternative(), 2).send);
  const auto decision = decide(corpus::multipart_alternative(), 3);
  EXPECT_FALSE(decision.send);
  EXPECT_EQ(decision.reason, AutoReplyReason::RateLimited);
}

TEST(AutoReply, NoSenderNoReply) {
  ParsedMail mail;
  EXPECT_EQ(should_auto_reply(mail, policy(), 0).reason, AutoReplyReason::NoSender);
  EXPECT_EQ(to_string(AutoReplyReason::RateLimited), "rate_limited");
}

TEST(AutoReply, OwnAddressMatchesInAnyCaseAndIgnoresSpaces) {
  const std::vector<std::string> own = {" Support@Desk.Example ", "alias@desk.example"};
  EXPECT_TRUE(is_own_address("support@desk.example", own));
  EXPECT_TRUE(is_own_address("ALIAS@desk.example", own));
  EXPECT_FALSE(is_own_address("jan@example.nl", own));
  EXPECT_FALSE(is_own_address("", own));
}

TEST(AutoReply, MachineMailIsAutomaticButListMailIsNot) {
  auto automatic = [](const std::string& raw) { return is_automatic(parse_mail(raw).value()); };
  EXPECT_TRUE(automatic(corpus::auto_submitted()));
  EXPECT_TRUE(automatic(corpus::precedence_bulk()));
  EXPECT_TRUE(automatic(corpus::suppress_header()));
  EXPECT_TRUE(automatic(corpus::mailer_daemon()));
  EXPECT_TRUE(automatic(corpus::noreply_sender()));
  EXPECT_TRUE(automatic(corpus::dsn_bounce()));
  EXPECT_FALSE(automatic(corpus::multipart_alternative()));
  EXPECT_FALSE(automatic(corpus::auto_submitted_no()));
  EXPECT_FALSE(automatic(corpus::list_id()));  // a person writing through a list
}

}  // namespace
}  // namespace sp::channels
