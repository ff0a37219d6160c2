#include "channels/acknowledgement.hpp"

#include <gtest/gtest.h>

namespace sp::channels {
namespace {

AcknowledgementInput input(domain::Language language, std::string zone) {
  AcknowledgementInput in;
  in.language = language;
  in.tenant_name = "Telco NL";
  in.ticket = domain::TicketId{1234};
  in.ticket_subject = "Geen internet";
  in.answer_due_utc = *parse_rfc3339("2026-11-23T13:29:30Z");
  in.customer_time_zone = std::move(zone);
  return in;
}

TEST(Acknowledgement, DutchNamesReferenceTimeAndTenant) {
  auto ack = make_acknowledgement(input(domain::Language::Nl, "Europe/Amsterdam"));
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->subject, "[#T-1234] Ontvangen: Geen internet");
  EXPECT_NE(ack->body.find("referentie T-1234"), std::string::npos);
  EXPECT_NE(ack->body.find("uiterlijk maandag 23 november 2026 om 14:30 (Europe/Amsterdam)"),
            std::string::npos);
  EXPECT_NE(ack->body.find("Telco NL"), std::string::npos);
}

TEST(Acknowledgement, EnglishInTheCustomersZone) {
  auto ack = make_acknowledgement(input(domain::Language::En, "America/New_York"));
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->subject, "[#T-1234] Received: Geen internet");
  EXPECT_NE(ack->body.find("by Monday 23 November 2026 at 08:30 (America/New_York)"), std::string::npos);
}

TEST(Acknowledgement, ChineseCrossesMidnightInShanghai) {
  AcknowledgementInput in = input(domain::Language::Zh, "Asia/Shanghai");
  in.answer_due_utc = *parse_rfc3339("2026-11-23T17:00:00Z");
  auto ack = make_acknowledgement(in);
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->subject, "[#T-1234] 已收到：Geen internet");
  EXPECT_NE(ack->body.find("2026年11月24日（星期二）01:00（Asia/Shanghai）"), std::string::npos);
  EXPECT_NE(ack->body.find("T-1234"), std::string::npos);
}

TEST(Acknowledgement, SubjectWithoutTextAndSanitisedLineBreaks) {
  AcknowledgementInput in = input(domain::Language::En, "UTC");
  in.ticket_subject = "";
  EXPECT_EQ(make_acknowledgement(in)->subject, "[#T-1234] Received");
  in.ticket_subject = "a\r\nBcc: x@y";
  EXPECT_EQ(make_acknowledgement(in)->subject.find('\n'), std::string::npos);
}

TEST(Acknowledgement, UnknownZoneAndEmptyTenantFail) {
  auto bad_zone = make_acknowledgement(input(domain::Language::En, "Mars/Olympus"));
  ASSERT_FALSE(bad_zone.ok());
  EXPECT_EQ(bad_zone.error().field, "time_zone");
  AcknowledgementInput in = input(domain::Language::En, "UTC");
  in.tenant_name.clear();
  EXPECT_EQ(make_acknowledgement(in).error().field, "tenant_name");
}

TEST(FormatLocalTime, RoundsUpToTheMinute) {
  auto text =
      format_local_time(*parse_rfc3339("2026-03-29T00:59:01Z"), "Europe/Amsterdam", domain::Language::En);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "Sunday 29 March 2026 at 03:00 (Europe/Amsterdam)");  // after the DST jump
}

}  // namespace
}  // namespace sp::channels
