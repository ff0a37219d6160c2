#include "channels/compose.hpp"

#include <gtest/gtest.h>

#include <array>

namespace sp::channels {
namespace {

OutboundMail sample() {
  OutboundMail mail;
  mail.from = {"support@desk.example", "Telco NL Support"};
  mail.to = {{"jan.devries@example.nl", "Jan de Vries"}};
  mail.subject = "Re: Geen internet";
  mail.ticket = domain::TicketId{1234};
  mail.text = "Beste Jan,\n\nWe kijken ernaar.\nGroet, Eva\n";
  mail.date = *parse_rfc3339("2026-11-23T13:10:24Z");
  mail.message_id = "abc123@desk.example";
  mail.in_reply_to = "m1@example.nl";
  mail.references = {"m0@example.nl", "m1@example.nl"};
  return mail;
}

ParsedMail round_trip(const OutboundMail& mail) {
  auto raw = compose_mail(mail);
  EXPECT_TRUE(raw.ok()) << (raw.ok() ? "" : raw.error().message);
  auto parsed = parse_mail(*raw);
  EXPECT_TRUE(parsed.ok());
  return std::move(parsed).value();
}

TEST(Compose, RoundTripKeepsHeadersAndBody) {
  const OutboundMail mail = sample();
  const ParsedMail parsed = round_trip(mail);
  EXPECT_EQ(parsed.subject, "Re: Geen internet [#T-1234]");
  EXPECT_EQ(parsed.text, "Beste Jan,\n\nWe kijken ernaar.\nGroet, Eva");
  EXPECT_EQ(parsed.from.address, "support@desk.example");
  EXPECT_EQ(parsed.from.name, "Telco NL Support");
  ASSERT_EQ(parsed.to.size(), 1u);
  EXPECT_EQ(parsed.to[0].name, "Jan de Vries");
  EXPECT_EQ(parsed.message_id, "abc123@desk.example");
  EXPECT_EQ(parsed.in_reply_to, "m1@example.nl");
  EXPECT_EQ(parsed.references, mail.references);
  ASSERT_TRUE(parsed.date.has_value());
  EXPECT_EQ(*parsed.date, mail.date);
  EXPECT_FALSE(parsed.auto_signals.any());
}

TEST(Compose, UsesCrlfAndTheExpectedHeaders) {
  OutboundMail mail = sample();
  mail.auto_submitted = true;
  const std::string raw = *compose_mail(mail);
  EXPECT_NE(raw.find("Date: Mon, 23 Nov 2026 13:10:24 +0000\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Message-ID: <abc123@desk.example>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("In-Reply-To: <m1@example.nl>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Auto-Submitted: auto-replied\r\n"), std::string::npos);
  EXPECT_NE(raw.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  for (std::size_t pos = raw.find('\n'); pos != std::string::npos; pos = raw.find('\n', pos + 1)) {
    ASSERT_GT(pos, 0u);
    EXPECT_EQ(raw[pos - 1], '\r') << "bare LF at " << pos;
  }
  EXPECT_EQ(round_trip(mail).auto_signals.auto_submitted, "auto-replied");
}

TEST(Compose, NonAsciiSubjectNameAndBodyRoundTrip) {
  for (BodyEncoding encoding : {BodyEncoding::QuotedPrintable, BodyEncoding::Base64}) {
    OutboundMail mail = sample();
    mail.encoding = encoding;
    mail.subject = "Uw factuur van € 12,50 — 您的发票 " + std::string(40, 'x') + " Grüße";
    mail.to = {{"li@example.cn", "李小龙"}};
    mail.text =
        "Grüße,\n你好 =?UTF-8?B?x?= trailing space \n" + std::string(200, 'y') + "\n.\nFrom me\n";
    const ParsedMail parsed = round_trip(mail);
    EXPECT_EQ(parsed.subject, mail.subject + " [#T-1234]");
    EXPECT_EQ(parsed.to[0].name, "李小龙");
    EXPECT_EQ(parsed.text, mail.text.substr(0, mail.text.size() - 1));
  }
}

TEST(Compose, EncodedWordsStayShortAndQpLinesWithin76) {
  const std::string subject = encode_header_text(std::string(60, 'a') + "€" + std::string(60, 'b'));
  std::size_t start = 0;
  while (start < subject.size()) {
    std::size_t end = subject.find("\r\n", start);
    if (end == std::string::npos) {
      end = subject.size();
    }
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  const std::string qp = encode_quoted_printable(std::string(500, '\xe2'));
  for (std::size_t pos = 0, end = 0; pos < qp.size(); pos = end + 2) {
    end = qp.find("\r\n", pos);
    if (end == std::string::npos) {
      end = qp.size();
    }
    EXPECT_LE(end - pos, 76u);
  }
}

TEST(Compose, TokenIsNotAddedTwice) {
  OutboundMail mail = sample();
  mail.subject = "Re: [#T-1234] Geen internet";
  EXPECT_EQ(round_trip(mail).subject, "Re: [#T-1234] Geen internet");
}

TEST(Compose, HeaderInjectionIsRejected) {
  struct Case {
    const char* field;
    void (*apply)(OutboundMail&);
  };
  const Case cases[] = {
      {"subject", [](OutboundMail& m) { m.subject = "Hi\r\nBcc: victim@example.org"; }},
      {"subject", [](OutboundMail& m) { m.subject = "Hi\nX: y"; }},
      {"to", [](OutboundMail& m) { m.to[0].name = "Jan\r\nBcc: x@y.z"; }},
      {"to", [](OutboundMail& m) { m.to[0].address = "jan@example.nl\r\nBcc: x@y.z"; }},
      {"from", [](OutboundMail& m) { m.from.address = "not an address"; }},
      {"cc",
       [](OutboundMail& m) {
         m.cc = {{"a@b.c\n", ""}};
       }},
      {"message_id", [](OutboundMail& m) { m.message_id = "abc@x\r\nBcc: y"; }},
      {"message_id", [](OutboundMail& m) { m.message_id = ""; }},
      {"in_reply_to", [](OutboundMail& m) { m.in_reply_to = "a@b>\r\nX: y"; }},
      {"references",
       [](OutboundMail& m) {
         m.references = {"a@b", "c d@e"};
       }},
      {"to", [](OutboundMail& m) { m.to.clear(); }},
      {"text", [](OutboundMail& m) { m.text = "bad \xff utf8"; }},
  };
  for (const Case& c : cases) {
    OutboundMail mail = sample();
    c.apply(mail);
    auto raw = compose_mail(mail);
    ASSERT_FALSE(raw.ok()) << c.field;
    EXPECT_EQ(raw.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(raw.error().field, c.field);
  }
}

TEST(Compose, QuotedDisplayNames) {
  OutboundMail mail = sample();
  mail.from.name = "Eva \"the fixer\" (Telco), NL";
  const ParsedMail parsed = round_trip(mail);
  EXPECT_EQ(parsed.from.name, "Eva \"the fixer\" (Telco), NL");
}

TEST(MessageId, HexOfRandomBytesAtDomain) {
  const std::array<std::uint8_t, 16> bytes{0x00, 0x01, 0xab, 0xff, 4,  5,  6,  7,
                                           8,    9,    10,   11,   12, 13, 14, 15};
  EXPECT_EQ(make_message_id(bytes, "desk.example"),
            "0001abff0405060708090a0b0c0d0e0f@desk.example");
}

}  // namespace
}  // namespace sp::channels
