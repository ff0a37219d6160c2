#include "channels/multipart.hpp"

#include <gtest/gtest.h>

#include "channels/attachment_rules.hpp"

namespace sp::channels {
namespace {

std::string part(std::string_view disposition, std::string_view content, std::string_view type = "") {
  std::string out = "--XyZ\r\nContent-Disposition: form-data; " + std::string(disposition) + "\r\n";
  if (!type.empty()) out += "Content-Type: " + std::string(type) + "\r\n";
  return out + "\r\n" + std::string(content) + "\r\n";
}

constexpr std::string_view kClose = "--XyZ--\r\n";

TEST(FormDataBoundary, IsReadFromTheContentTypeQuotedOrNot) {
  EXPECT_EQ(form_data_boundary("multipart/form-data; boundary=XyZ").value(), "XyZ");
  EXPECT_EQ(form_data_boundary("Multipart/Form-Data; boundary=\"a b'()+_,-./:=?\"").value(),
            "a b'()+_,-./:=?");
}

TEST(FormDataBoundary, OtherTypesMissingOrInvalidBoundariesAreMalformed) {
  for (std::string_view type :
       {"application/json", "multipart/mixed; boundary=x", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"ends in space \"",
        "multipart/form-data; boundary=\"a\"b", "multipart/form-data; boundary=\"unclosed"}) {
    auto boundary = form_data_boundary(type);
    ASSERT_FALSE(boundary) << type;
    EXPECT_EQ(boundary.error().kind, kinds::kMultipartMalformed) << type;
  }
  EXPECT_FALSE(form_data_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_TRUE(form_data_boundary("multipart/form-data; boundary=" + std::string(70, 'a')));
}

TEST(FormData, FieldsAndFilesComeBackInOrderWithTheirTypes) {
  std::string body =
      part("name=\"kind\"", "outbound") + part("name=\"body\"", "Zie bijlage.\r\nGroet") +
      part("name=\"files\"; filename=\"modem.png\"", std::string("\x89PNG\r\n\0x", 8), "Image/PNG") +
      part("name=\"files\"; filename=\"leeg.txt\"", "") + std::string(kClose);
  auto form = parse_form_data(body, "XyZ");
  ASSERT_TRUE(form) << form.error().message;
  ASSERT_EQ(form->fields.size(), 2u);
  EXPECT_EQ(form->field("kind")->bytes, "outbound");
  EXPECT_EQ(form->field("body")->bytes, "Zie bijlage.\r\nGroet");  // CRLF inside a value is content
  EXPECT_EQ(form->field("missing"), nullptr);
  ASSERT_EQ(form->files.size(), 2u);
  EXPECT_EQ(*form->files[0].filename, "modem.png");
  EXPECT_EQ(form->files[0].content_type, "image/png");
  EXPECT_EQ(form->files[0].bytes, std::string("\x89PNG\r\n\0x", 8));
  EXPECT_EQ(*form->files[1].filename, "leeg.txt");
  EXPECT_EQ(form->files[1].content_type, "text/plain");  // the RFC 7578 default
  EXPECT_TRUE(form->files[1].bytes.empty());
}

TEST(FormData, ExtendedFilenameWinsAndPathsAreStripped) {
  std::string body =
      part("name=\"f\"; filename=\"fallback.txt\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf", "x") +
      part("name=\"g\"; filename=\"../../etc/passwd\"", "y") + std::string(kClose);
  auto form = parse_form_data(body, "XyZ");
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_EQ(*form->files[0].filename, "报告.pdf");
  EXPECT_EQ(form->files[1].filename->find('/'), std::string::npos);
  EXPECT_EQ(form->files[1].filename->find(".."), std::string::npos);
}

TEST(FormData, MalformedBodiesAreRefusedWithAStableKind) {
  const std::vector<std::string> bodies = {
      "",                                                                          // nothing at all
      "preamble\r\n" + part("name=\"a\"", "1") + std::string(kClose),              // preamble
      part("name=\"a\"", "1"),                                                     // no close delimiter
      "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",                     // no Content-Disposition
      part("name=\"\"", "1") + std::string(kClose),                                // empty field name
      "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",  // not form-data
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--",     // unclosed quote
      "--XyZ\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nx\r\n--XyZ--",  // folded
      part("name=\"a\"; filename*=ISO-8859-1''%E9.txt", "x") + std::string(kClose),   // not UTF-8
      part("name=\"a\"; filename*=UTF-8''%ZZ", "x") + std::string(kClose),            // bad escape
      part("name=\"a\"", "x", "not-a-type") + std::string(kClose),
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; "
      "name=\"b\"\r\n\r\nx\r\n--XyZ--",
      "--XyZjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--",  // longer delimiter
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\"",                          // headers never end
  };
  for (const auto& body : bodies) {
    auto form = parse_form_data(body, "XyZ");
    ASSERT_FALSE(form) << body;
    EXPECT_EQ(form.error().kind, kinds::kMultipartMalformed) << body;
  }
}

TEST(FormData, LimitsAreEnforcedAndNamedInTheMessage) {
  MultipartLimits limits;
  limits.max_file_bytes = 4;
  limits.max_files = 2;
  limits.max_total_file_bytes = 6;
  limits.max_field_bytes = 8;
  auto file = [](std::string_view bytes) { return part("name=\"f\"; filename=\"a.bin\"", bytes); };

  auto too_large = parse_form_data(file("12345") + std::string(kClose), "XyZ", limits);
  ASSERT_FALSE(too_large);
  EXPECT_EQ(too_large.error().kind, kinds::kAttachmentTooLarge);
  EXPECT_NE(too_large.error().message.find("4 bytes"), std::string::npos) << too_large.error().message;
  EXPECT_TRUE(parse_form_data(file("1234") + std::string(kClose), "XyZ", limits));

  auto too_many = parse_form_data(file("1") + file("2") + file("3") + std::string(kClose), "XyZ", limits);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().kind, kinds::kTooManyAttachments);
  EXPECT_NE(too_many.error().message.find("2 files"), std::string::npos) << too_many.error().message;

  auto together = parse_form_data(file("1234") + file("123") + std::string(kClose), "XyZ", limits);
  ASSERT_FALSE(together);
  EXPECT_EQ(together.error().kind, kinds::kAttachmentsTooLarge);
  EXPECT_NE(together.error().message.find("6 bytes"), std::string::npos);

  auto long_field = parse_form_data(part("name=\"body\"", "123456789") + std::string(kClose), "XyZ", limits);
  ASSERT_FALSE(long_field);
  EXPECT_EQ(long_field.error().kind, kinds::kMultipartMalformed);

  limits.max_parts = 3;
  std::string many_fields;
  for (int idx = 0; idx < 4; ++idx) many_fields += part("name=\"x\"", "1");
  auto parts = parse_form_data(many_fields + std::string(kClose), "XyZ", limits);
  ASSERT_FALSE(parts);
  EXPECT_EQ(parts.error().kind, kinds::kTooManyAttachments);
}

TEST(AttachmentDisposition, AsciiNamesAreQuotedAndAlsoGivenAsFilenameStar) {
  EXPECT_EQ(attachment_disposition("factuur 2026.pdf"),
            "attachment; filename=\"factuur 2026.pdf\"; filename*=UTF-8''factuur%202026.pdf");
  EXPECT_EQ(attachment_disposition(""), "attachment; filename=\"attachment\"; filename*=UTF-8''attachment");
}

TEST(AttachmentDisposition, QuotesBackslashesAndNonAsciiCannotBreakOutOfTheHeader) {
  auto header = attachment_disposition("a\"b\\c;\r\nSet-Cookie: x.txt");
  EXPECT_EQ(header.find('\r'), std::string::npos);
  EXPECT_EQ(header.find('\n'), std::string::npos);
  auto quoted = header.substr(0, header.find("; filename*"));
  EXPECT_EQ(quoted, "attachment; filename=\"a_b_c;_Set-Cookie: x.txt\"");
  EXPECT_NE(header.find("filename*=UTF-8''a%22b%5Cc%3B%0D%0ASet-Cookie%3A%20x.txt"), std::string::npos)
      << header;
  EXPECT_EQ(attachment_disposition("报告.pdf"),
            "attachment; filename=\"_.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf");
}

TEST(ServedContentType, ActiveDocumentsAndMalformedTypesAreOctetStream) {
  EXPECT_EQ(served_content_type("image/png"), "image/png");
  EXPECT_EQ(served_content_type("application/pdf; charset=binary"), "application/pdf");
  for (std::string_view type :
       {"text/html", "TEXT/HTML; charset=utf-8", "image/svg+xml", "application/xhtml+xml", "text/xml",
        "text/javascript", "", "nonsense", "a/b/c", "text/plain\r\nX: y"}) {
    EXPECT_EQ(served_content_type(type), "application/octet-stream") << type;
  }
}

TEST(CidSources, PointAtTheDownloadOrAreDroppedWhenUnknown) {
  auto url_of = [](std::string_view cid) -> std::optional<std::string> {
    if (cid == "logo@x&y") return std::string("/api/v1/tickets/7/attachments/3?a=1&b=2");
    return std::nullopt;
  };
  EXPECT_EQ(rewrite_cid_sources("<p>Zie <img src=\"cid:logo@x&amp;y\" alt=\"logo\"> en <img src=\"cid:weg\">"
                                " src=&quot;cid:tekst&quot;</p>",
                                url_of),
            "<p>Zie <img src=\"/api/v1/tickets/7/attachments/3?a=1&amp;b=2\" alt=\"logo\"> en <img>"
            " src=&quot;cid:tekst&quot;</p>");
  EXPECT_EQ(rewrite_cid_sources("<img src=\"data:image/png;base64,AAAA\">", url_of),
            "<img src=\"data:image/png;base64,AAAA\">");
}

}  // namespace
}  // namespace sp::channels
