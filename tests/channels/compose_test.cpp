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
    mail.text = "Grüße,\n你好 =?UTF-8?B?x?= trailing space \n" + std::string(200, 'y') + "\n.\nFrom me\n";
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

std::string binary_pdf() {
  std::string bytes = "%PDF-1.4\n";
  for (int value = 0; value < 600; ++value) {
    bytes.push_back(static_cast<char>(value % 256));  // NULs, CRs and high bytes too
  }
  return bytes + "%%EOF\n";
}

TEST(Compose, HtmlAlternativeAndPdfAttachmentRoundTrip) {
  OutboundMail mail = sample();
  mail.html = "<p>Beste Jan, <b>we kijken ernaar</b>. €</p>";
  mail.attachments.push_back({"report-weekly_feedback-2026-W47.pdf", "application/pdf", binary_pdf()});
  const std::string raw = *compose_mail(mail);
  EXPECT_NE(raw.find("Content-Type: multipart/mixed; boundary="), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
  EXPECT_LT(raw.find("multipart/mixed"), raw.find("multipart/alternative"));
  EXPECT_NE(raw.find("Content-Disposition: attachment; filename=\"report-weekly_feedback-2026-W47.pdf\""),
            std::string::npos);
  for (std::size_t pos = raw.find('\n'); pos != std::string::npos; pos = raw.find('\n', pos + 1)) {
    ASSERT_GT(pos, 0u);
    EXPECT_EQ(raw[pos - 1], '\r') << "bare LF at " << pos;
  }
  const ParsedMail parsed = round_trip(mail);
  EXPECT_EQ(parsed.subject, "Re: Geen internet [#T-1234]");
  EXPECT_EQ(parsed.text, "Beste Jan,\n\nWe kijken ernaar.\nGroet, Eva");
  EXPECT_FALSE(parsed.text_from_html);
  ASSERT_TRUE(parsed.html.has_value());
  EXPECT_NE(parsed.html->find("we kijken ernaar"), std::string::npos);
  ASSERT_EQ(parsed.attachments.size(), 1u);
  EXPECT_EQ(parsed.attachments[0].filename, "report-weekly_feedback-2026-W47.pdf");
  EXPECT_EQ(parsed.attachments[0].content_type, "application/pdf");
  EXPECT_EQ(parsed.attachments[0].bytes, binary_pdf());
  EXPECT_TRUE(parsed.warnings.empty());
}

TEST(Compose, HtmlWithoutAttachmentsIsMultipartAlternative) {
  OutboundMail mail = sample();
  mail.html = "<p>Hallo</p>";
  const std::string raw = *compose_mail(mail);
  EXPECT_EQ(raw.find("multipart/mixed"), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
  const ParsedMail parsed = round_trip(mail);
  EXPECT_EQ(parsed.text, "Beste Jan,\n\nWe kijken ernaar.\nGroet, Eva");
  ASSERT_TRUE(parsed.html.has_value());
  EXPECT_NE(parsed.html->find("Hallo"), std::string::npos);
  EXPECT_TRUE(parsed.attachments.empty());
}

TEST(Compose, AttachmentWithoutHtmlKeepsThePlainTextBody) {
  OutboundMail mail = sample();
  mail.attachments.push_back({"a.csv", "text/csv", "x,y\n1,2\n"});
  const ParsedMail parsed = round_trip(mail);
  EXPECT_EQ(parsed.text, "Beste Jan,\n\nWe kijken ernaar.\nGroet, Eva");
  ASSERT_EQ(parsed.attachments.size(), 1u);
  EXPECT_EQ(parsed.attachments[0].bytes, "x,y\n1,2\n");
}

TEST(Compose, UnsafeAttachmentNamesAndTypesAreRejected) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"../etc/passwd", "application/pdf"},
      {"a\"b.pdf", "application/pdf"},
      {"a.pdf\r\nX-Evil: 1", "application/pdf"},
      {".hidden", "application/pdf"},
      {"", "application/pdf"},
      {std::string(101, 'a'), "application/pdf"},
      {"ok.pdf", "application/pdf\r\nX-Evil: 1"},
      {"ok.pdf", "pdf"},
      {"ok.pdf", "application/pdf; name=x"},
  };
  for (const auto& [name, type] : bad) {
    OutboundMail mail = sample();
    mail.attachments.push_back({name, type, "x"});
    auto raw = compose_mail(mail);
    ASSERT_FALSE(raw.ok()) << name << " " << type;
    EXPECT_EQ(raw.error().field, "attachments");
  }
  OutboundMail many = sample();
  for (std::size_t idx = 0; idx <= kMaxAttachments; ++idx) {
    many.attachments.push_back({"f" + std::to_string(idx) + ".txt", "text/plain", "x"});
  }
  EXPECT_FALSE(compose_mail(many).ok());
  OutboundMail bad_html = sample();
  bad_html.html = std::string("\xff\xfe", 2);
  auto raw = compose_mail(bad_html);
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().field, "html");
}

TEST(MessageId, HexOfRandomBytesAtDomain) {
  const std::array<std::uint8_t, 16> bytes{0x00, 0x01, 0xab, 0xff, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  EXPECT_EQ(make_message_id(bytes, "desk.example"), "0001abff0405060708090a0b0c0d0e0f@desk.example");
}

}  // namespace
}  // namespace sp::channels
