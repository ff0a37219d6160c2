#include "channels/mime.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "channels/mail_corpus.hpp"
#include "channels/text_util.hpp"

namespace sp::channels {
namespace {

ParsedMail parse_ok(const std::string& raw, const MimeLimits& limits = {}) {
  auto parsed = parse_mail(raw, limits);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  if (!parsed.ok()) {
    return {};
  }
  return std::move(parsed).value();
}

bool detail_free_of_control(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

bool has_warning(const ParsedMail& mail, std::string_view prefix) {
  return std::any_of(mail.warnings.begin(), mail.warnings.end(),
                     [&](const std::string& w) { return w.starts_with(prefix); });
}

TEST(Mime, ReadsEnvelopeHeadersAndNormalisesTheSender) {
  const ParsedMail mail = parse_ok(corpus::headers("Hello",
                                                   "In-Reply-To: <out-1@desk.example>\n"
                                                   "References: <a@x> <b@y>\n    <out-1@desk.example>\n"
                                                   "Cc: Piet <PIET@example.nl>, team: a@b.c, d@e.f;\n") +
                                   "\nHi\n");
  EXPECT_EQ(mail.message_id, "m1@example.nl");
  EXPECT_EQ(mail.in_reply_to, "out-1@desk.example");
  EXPECT_EQ(mail.references, (std::vector<std::string>{"a@x", "b@y", "out-1@desk.example"}));
  EXPECT_EQ(mail.from.address, "jan.devries@example.nl");
  EXPECT_EQ(mail.from.name, "Jan de Vries");
  ASSERT_EQ(mail.to.size(), 1u);
  EXPECT_EQ(mail.to[0].address, "support@desk.example");
  ASSERT_EQ(mail.cc.size(), 3u);
  EXPECT_EQ(mail.cc[0].address, "piet@example.nl");
  EXPECT_EQ(mail.cc[2].address, "d@e.f");
  EXPECT_EQ(mail.subject, "Hello");
  ASSERT_TRUE(mail.date.has_value());
  EXPECT_EQ(format_rfc3339(*mail.date), "2026-11-23T09:15:00Z");
  EXPECT_EQ(mail.text, "Hi");
  EXPECT_FALSE(mail.auto_signals.any());
}

struct CharsetCase {
  const char* name;
  std::string charset;
  std::string bytes;
  std::string expected;
};

void PrintTo(const CharsetCase& c, std::ostream* os) {
  *os << c.name;
}

class MimeCharset : public ::testing::TestWithParam<CharsetCase> {};

TEST_P(MimeCharset, ConvertsTheBodyToUtf8) {
  const CharsetCase& c = GetParam();
  const ParsedMail mail = parse_ok(corpus::single_part(c.charset, c.bytes));
  EXPECT_EQ(mail.text, c.expected);
  EXPECT_FALSE(mail.charset_fallback);
}

INSTANTIATE_TEST_SUITE_P(
    AllCharsets, MimeCharset,
    ::testing::Values(CharsetCase{"utf8", "UTF-8",
                                  "Gr\xc3\xbc\xc3\x9f"
                                  "e \xe4\xbd\xa0\xe5\xa5\xbd",
                                  "Grüße 你好"},
                      CharsetCase{"latin1", "ISO-8859-1", corpus::kLatin1Bytes, "Grüße aus Köln, naïve café"},
                      CharsetCase{"latin9", "iso-8859-15", corpus::kLatin9Bytes, "Prijs: 5 € Œuvre"},
                      CharsetCase{"cp1252", "windows-1252", corpus::kCp1252Bytes, "“Quoted” – 5 € … Œuvre"},
                      CharsetCase{"gb2312", "gb2312", corpus::kGb2312Bytes, "你好，世界"},
                      CharsetCase{"gbk", "GBK", corpus::kGbkBytes, "你好，世界，镕"},
                      CharsetCase{"gbk_labelled_gb2312", "GB2312", corpus::kGbkBytes, "你好，世界，镕"},
                      CharsetCase{"gb18030", "GB18030", corpus::kGb18030Bytes, "你好𠀀€"},
                      CharsetCase{"big5", "Big5", corpus::kBig5Bytes, "您好，世界"},
                      CharsetCase{"quoted_charset", "\"utf-8\"", "caf\xc3\xa9", "café"}),
    [](const ::testing::TestParamInfo<CharsetCase>& info) { return std::string(info.param.name); });

TEST(Mime, UnknownCharsetIsBestEffortAndFlagged) {
  const ParsedMail mail = parse_ok(corpus::single_part("x-klingon", corpus::kLatin1Bytes));
  EXPECT_TRUE(mail.charset_fallback);
  EXPECT_TRUE(has_warning(mail, "unknown_charset:x-klingon"));
  EXPECT_EQ(mail.text, "Grüße aus Köln, naïve café");  // fell back to Windows-1252
}

TEST(Mime, UndeclaredEightBitTextIsFlagged) {
  const ParsedMail mail = parse_ok(corpus::headers("x") + "\n" + corpus::kLatin1Bytes + "\n");
  EXPECT_TRUE(mail.charset_fallback);
  EXPECT_EQ(mail.text, "Grüße aus Köln, naïve café");
}

TEST(Mime, InvalidUtf8IsReplacedNotPassedOn) {
  const ParsedMail mail = parse_ok(corpus::single_part("utf-8", "ok \xe4\xbd then \xff end"));
  EXPECT_TRUE(mail.charset_fallback);
  EXPECT_EQ(mail.text.find('\xff'), std::string::npos);
}

TEST(Mime, Base64BodyIsDecoded) {
  const ParsedMail mail = parse_ok(corpus::single_part("utf-8", "R3LDvMOfZQ==", "base64"));
  EXPECT_EQ(mail.text, "Grüße");
}

TEST(Mime, Rfc2047SubjectWithMixedCharsetsAndEncodings) {
  const ParsedMail mail = parse_ok(corpus::rfc2047_subject());
  EXPECT_EQ(mail.subject, "Grüße你好您好 [#T-77]");
}

TEST(Mime, Rfc2047QEncodingWithUnderscoresAndUtf8) {
  const ParsedMail mail =
      parse_ok(corpus::headers("=?utf-8?q?Factuur_=E2=82=AC_12?= en =?UTF-8?B?5L2g5aW9?=") + "\nx\n");
  EXPECT_EQ(mail.subject, "Factuur € 12 en 你好");
}

TEST(Mime, MultipartAlternativeKeepsPlainTextAndSanitisedHtml) {
  const ParsedMail mail = parse_ok(corpus::multipart_alternative());
  EXPECT_EQ(mail.text, "Hello,\nMy order has not arrived. € 25 paid.");
  EXPECT_FALSE(mail.text_from_html);
  ASSERT_TRUE(mail.html.has_value());
  EXPECT_EQ(*mail.html, "<p>Hello,</p><p>My order has <b>not</b> arrived. € 25 paid.</p>");
  EXPECT_TRUE(mail.attachments.empty());
}

TEST(Mime, HtmlOnlyDerivesTheTextAndSanitises) {
  const ParsedMail mail = parse_ok(corpus::html_only());
  EXPECT_TRUE(mail.text_from_html);
  EXPECT_EQ(mail.text,
            "Dear team,\nGrüße from my order page <https://example.nl/order>.\n\n- one\n- two\n\nclick");
  ASSERT_TRUE(mail.html.has_value());
  EXPECT_EQ(mail.html->find("onerror"), std::string::npos);
  EXPECT_EQ(mail.html->find("javascript"), std::string::npos);
  EXPECT_NE(mail.html->find("<a href=\"https://example.nl/order\" rel=\"noopener noreferrer nofollow\">"),
            std::string::npos);
}

TEST(Mime, HtmlMetaCharsetIsUsedWhenThePartDeclaresNone) {
  const ParsedMail mail = parse_ok(corpus::headers("meta") +
                                   "MIME-Version: 1.0\nContent-Type: text/html\n\n"
                                   "<html><head><meta http-equiv=\"Content-Type\" "
                                   "content=\"text/html; charset=gb2312\"></head><body><p>" +
                                   corpus::kGb2312Bytes + "</p></body></html>\n");
  EXPECT_EQ(mail.text, "你好，世界");
  EXPECT_EQ(*mail.html, "<p>你好，世界</p>");
  EXPECT_FALSE(mail.charset_fallback);
}

TEST(Mime, AttachmentsAndInlineImagesWithSafeNames) {
  const ParsedMail mail = parse_ok(corpus::with_attachments());
  EXPECT_EQ(mail.text, "See the logo and the invoice.");
  ASSERT_TRUE(mail.html.has_value());
  EXPECT_NE(mail.html->find("<img src=\"cid:logo@example.nl\" alt=\"logo\">"), std::string::npos);
  ASSERT_EQ(mail.attachments.size(), 2u);
  const Attachment& logo = mail.attachments[0];
  EXPECT_TRUE(logo.inline_image);
  EXPECT_EQ(logo.content_id, "logo@example.nl");
  EXPECT_EQ(logo.content_type, "image/png");
  EXPECT_EQ(logo.filename, "inline-image.png");
  EXPECT_EQ(logo.bytes, std::string("\x89PNG\r\n\x1a\n", 8));
  const Attachment& pdf = mail.attachments[1];
  EXPECT_FALSE(pdf.inline_image);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.filename, "invoice 2026.pdf");
  EXPECT_EQ(pdf.bytes.substr(0, 8), "%PDF-1.4");
}

TEST(Mime, ForwardedMessageIsKeptAndQuoted) {
  const ParsedMail mail = parse_ok(corpus::forwarded());
  ASSERT_EQ(mail.forwarded.size(), 1u);
  EXPECT_EQ(mail.forwarded[0].message_id, "inner-1@example.nl");
  EXPECT_EQ(mail.forwarded[0].subject, "Storing in Utrecht");
  EXPECT_EQ(mail.forwarded[0].from.address, "piet@example.nl");
  EXPECT_EQ(mail.text,
            "See below, my neighbour has the same problem.\n\n"
            "---------- Forwarded message ----------\n"
            "> From: Piet <piet@example.nl>\n"
            "> Subject: Storing in Utrecht\n"
            ">\n"
            "> No internet since Monday.\n"
            "> Second line.");
  ASSERT_EQ(mail.attachments.size(), 1u);
  EXPECT_TRUE(mail.attachments[0].forwarded_message);
  EXPECT_EQ(mail.attachments[0].content_type, "message/rfc822");
  EXPECT_EQ(mail.attachments[0].filename, "Storing in Utrecht.eml");
  EXPECT_NE(mail.attachments[0].bytes.find("No internet since Monday."), std::string::npos);
}

TEST(Mime, AutoReplySignalsOfEachKind) {
  EXPECT_EQ(parse_ok(corpus::auto_submitted()).auto_signals.auto_submitted, "auto-replied");
  EXPECT_FALSE(parse_ok(corpus::auto_submitted_no()).auto_signals.any());
  EXPECT_EQ(parse_ok(corpus::precedence_bulk()).auto_signals.precedence, "bulk");
  EXPECT_EQ(parse_ok(corpus::precedence_list()).auto_signals.precedence, "list");
  EXPECT_EQ(parse_ok(corpus::precedence_junk()).auto_signals.precedence, "junk");
  EXPECT_TRUE(parse_ok(corpus::suppress_header()).auto_signals.suppress_header);
  EXPECT_TRUE(parse_ok(corpus::list_id()).auto_signals.list_id);
  EXPECT_TRUE(parse_ok(corpus::mailer_daemon()).auto_signals.mailer_daemon_sender);
  EXPECT_TRUE(parse_ok(corpus::noreply_sender()).auto_signals.mailer_daemon_sender);
  EXPECT_TRUE(
      parse_ok(corpus::headers("x", "Return-Path: <>\n") + "\nx\n").auto_signals.mailer_daemon_sender);
  EXPECT_FALSE(
      parse_ok(corpus::headers("x", "X-Auto-Response-Suppress: None\n") + "\nx\n").auto_signals.any());
}

TEST(Mime, DeliveryStatusNotificationNamesTheOriginalAndTheReason) {
  const ParsedMail mail = parse_ok(corpus::dsn_bounce());
  ASSERT_TRUE(mail.delivery_report.has_value());
  const DeliveryReport& report = *mail.delivery_report;
  EXPECT_TRUE(report.failed());
  EXPECT_EQ(report.original_message_id, "out-42@desk.example");
  EXPECT_EQ(report.final_recipient, "nobody@example.nl");
  EXPECT_EQ(report.action, "failed");
  EXPECT_EQ(report.status, "5.1.1");
  EXPECT_EQ(report.diagnostic, "550 5.1.1 <nobody@example.nl>: Recipient address rejected: User unknown");
  EXPECT_NE(mail.text.find("could not be delivered"), std::string::npos);
  EXPECT_TRUE(mail.forwarded.empty());
}

TEST(Mime, DeliveryStatusWithTheWholeOriginalMessage) {
  std::string raw = corpus::dsn_bounce();
  const std::string headers_part = "Content-Type: text/rfc822-headers\r\n";
  raw.replace(raw.find(headers_part), headers_part.size(), "Content-Type: message/rfc822\r\n");
  const ParsedMail mail = parse_ok(raw);
  ASSERT_TRUE(mail.delivery_report.has_value());
  EXPECT_EQ(mail.delivery_report->original_message_id, "out-42@desk.example");
  EXPECT_TRUE(mail.forwarded.empty());
}

TEST(Mime, MissingEndBoundaryKeepsWhatArrived) {
  const ParsedMail mail = parse_ok(corpus::missing_end_boundary());
  EXPECT_EQ(mail.text, "The text survives.");
  ASSERT_EQ(mail.attachments.size(), 1u);
  EXPECT_EQ(mail.attachments[0].filename, "data.bin");
  EXPECT_EQ(mail.attachments[0].bytes, std::string("\x00\x01\x02", 3));
}

TEST(Mime, BadBase64DoesNotCrash) {
  const ParsedMail mail = parse_ok(corpus::bad_base64());
  EXPECT_TRUE(mail.text.starts_with("Hello "));
}

TEST(Mime, GarbageHeadersDoNotCrash) {
  auto parsed = parse_mail(corpus::garbage_headers());
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(has_warning(*parsed, "bad_date"));
  EXPECT_TRUE(detail_free_of_control(parsed->subject));
}

TEST(Mime, EmptyInputIsAStableError) {
  for (const std::string& raw : {std::string(), std::string("\r\n\r\n  \n")}) {
    auto parsed = parse_mail(raw);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(parsed.error().kind, kinds::kMimeEmpty);
  }
}

TEST(Mime, BinaryJunkIsRejectedOrHarmless) {
  auto parsed = parse_mail(corpus::binary_junk());
  if (!parsed.ok()) {
    EXPECT_EQ(parsed.error().kind, kinds::kMimeUnparseable);
  } else {
    EXPECT_TRUE(parsed->subject.empty());
  }
}

TEST(Mime, OversizedMessageIsRefused) {
  MimeLimits limits;
  limits.max_message_bytes = 1024;
  auto parsed = parse_mail(corpus::single_part("utf-8", std::string(2000, 'a')), limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().kind, kinds::kMimeTooLarge);
}

TEST(Mime, OversizedAttachmentIsDroppedWithANote) {
  MimeLimits limits;
  limits.max_attachment_bytes = 4;  // the logo has 8 bytes, the PDF 15
  const ParsedMail mail = parse_ok(corpus::with_attachments(), limits);
  EXPECT_TRUE(mail.attachments.empty());
  ASSERT_EQ(mail.dropped.size(), 2u);
  EXPECT_EQ(mail.dropped[0].reason, "too_large");
  EXPECT_EQ(mail.dropped[0].bytes, 8u);
  EXPECT_EQ(mail.dropped[1].filename, "invoice 2026.pdf");
  EXPECT_EQ(mail.text, "See the logo and the invoice.");
}

TEST(Mime, TooManyAttachmentsAreDroppedWithANote) {
  MimeLimits limits;
  limits.max_attachments = 1;
  const ParsedMail mail = parse_ok(corpus::with_attachments(), limits);
  ASSERT_EQ(mail.attachments.size(), 1u);
  ASSERT_EQ(mail.dropped.size(), 1u);
  EXPECT_EQ(mail.dropped[0].reason, "too_many_attachments");
}

std::string nested_multiparts(int depth) {
  std::string raw = corpus::headers("deep") + "MIME-Version: 1.0\n";
  for (int level = 0; level < depth; ++level) {
    raw += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(level) + "\"\n\n--b" +
           std::to_string(level) + "\n";
  }
  raw += "Content-Type: text/plain\n\ndeep text\n";
  for (int level = depth - 1; level >= 0; --level) {
    raw += "--b" + std::to_string(level) + "--\n";
  }
  return raw;
}

TEST(Mime, NestingDeeperThanTheLimitKeepsTheTopTextAndStopsDescending) {
  MimeLimits limits;
  limits.max_depth = 5;
  const ParsedMail shallow = parse_ok(nested_multiparts(3), limits);
  EXPECT_EQ(shallow.text, "deep text");
  EXPECT_FALSE(shallow.lossy);
  // A text part at the top, the rest nested past the cap: the top text is the message.
  std::string raw = corpus::headers("deep") +
                    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"top\"\n\n--top\n"
                    "Content-Type: text/plain\n\ntop text\n--top\n";
  const std::string nested = nested_multiparts(8);
  raw += nested.substr(nested.find("Content-Type: multipart"));
  raw += "--top--\n";
  const ParsedMail deep = parse_ok(raw, limits);
  EXPECT_EQ(deep.text, "top text");
  EXPECT_TRUE(deep.lossy);
  EXPECT_TRUE(has_warning(deep, "nesting_truncated"));
  // Far beyond any limit: GMime's own nesting guard or ours, never a stack overflow.
  auto hostile = parse_mail(nested_multiparts(5000));
  ASSERT_FALSE(hostile.ok());
  EXPECT_EQ(hostile.error().kind, kinds::kMimeTooManyParts);
}

TEST(Mime, DeeplyNestedEmbeddedMessagesAreReadDownToTheCap) {
  // message/rfc822 nesting needs no boundary lines, so only the depth checks stop it.
  for (int depth : {100, 20000}) {
    std::string raw;
    for (int level = 0; level < depth; ++level) {
      raw += "From: a@b.c\nSubject: s\nContent-Type: message/rfc822\n\n";
    }
    raw += "From: a@b.c\nSubject: inner\n\ntext\n";
    auto parsed = parse_mail(raw);
    ASSERT_TRUE(parsed.ok()) << depth << ": " << parsed.error().message;
    EXPECT_TRUE(parsed->lossy) << depth;
    EXPECT_TRUE(has_warning(*parsed, "nesting_truncated")) << depth;
  }
}

TEST(Mime, NulAndOtherControlCharactersAreLeftOutOfTheText) {
  std::string body = "Hallo,\n\nmijn modem";
  body.push_back('\0');
  body += " is stuk.\x01\x7F\tEcht.\n";
  const ParsedMail mail = parse_ok(corpus::single_part("utf-8", body));
  EXPECT_EQ(mail.text, "Hallo,\n\nmijn modem is stuk.\tEcht.");
  EXPECT_TRUE(mail.lossy);
  EXPECT_TRUE(has_warning(mail, "control_characters_removed"));
  EXPECT_FALSE(parse_ok(corpus::single_part("utf-8", "plain\n")).lossy);
}

TEST(Mime, TooManyPartsIsRefused) {
  MimeLimits limits;
  limits.max_parts = 10;
  std::string raw =
      corpus::headers("many") + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n";
  for (int idx = 0; idx < 20; ++idx) {
    raw += "--b\nContent-Type: text/plain\n\npart " + std::to_string(idx) + "\n";
  }
  raw += "--b--\n";
  auto parsed = parse_mail(raw, limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().kind, kinds::kMimeTooManyParts);
}

TEST(Mime, EveryCorpusMessageParsesOrFailsCleanly) {
  for (const auto& [name, raw] : corpus::all_corpus()) {
    auto parsed = parse_mail(raw);
    if (!parsed.ok()) {
      EXPECT_FALSE(parsed.error().kind.empty()) << name;
      continue;
    }
    EXPECT_TRUE(detail::is_valid_utf8(parsed->text)) << name;
    EXPECT_TRUE(detail::is_valid_utf8(parsed->subject)) << name;
  }
}

TEST(Mime, TruncatedPrefixesOfTheCorpusNeverCrash) {
  // A cheap stand-in for fuzzing: every prefix (in steps) and a few byte flips.
  for (const auto& [name, raw] : corpus::all_corpus()) {
    for (std::size_t len = 0; len < raw.size(); len += 7) {
      (void)parse_mail(std::string_view(raw).substr(0, len));
    }
    std::string flipped = raw;
    for (std::size_t pos = 0; pos < flipped.size(); pos += 13) {
      flipped[pos] = static_cast<char>(flipped[pos] ^ 0x5A);
    }
    (void)parse_mail(flipped);
  }
  SUCCEED();
}

TEST(Mime, ParsesConcurrently) {
  const auto messages = corpus::all_corpus();
  std::atomic<int> parsed_ok{0};
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&] {
      for (int round = 0; round < 5; ++round) {
        for (const auto& entry : messages) {
          if (parse_mail(entry.second).ok()) {
            ++parsed_ok;
          }
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(parsed_ok.load(),
            4 * 5 * static_cast<int>(messages.size() - 1));  // all but binary junk
}

TEST(SafeFilename, StripsPathsControlsAndCapsLength) {
  EXPECT_EQ(safe_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_filename("C:\\Users\\x\\report.pdf"), "report.pdf");
  EXPECT_EQ(safe_filename("a\x01"
                          "b\tc.txt"),
            "abc.txt");
  EXPECT_EQ(safe_filename("...hidden"), "hidden");
  EXPECT_EQ(safe_filename("what?*.txt"), "what__.txt");
  EXPECT_EQ(safe_filename(""), "attachment");
  EXPECT_EQ(safe_filename("/"), "attachment");
  EXPECT_EQ(safe_filename("invoice\xe2\x80\xae"
                          "fdp.exe"),
            "invoicefdp.exe");  // U+202E removed
  const std::string long_name = std::string(300, 'x') + ".pdf";
  const std::string capped = safe_filename(long_name, 50);
  EXPECT_EQ(capped.size(), 50u);
  EXPECT_TRUE(capped.ends_with(".pdf"));
  EXPECT_EQ(safe_filename("你好你好你好.txt", 5), "你.txt");
}

}  // namespace
}  // namespace sp::channels
