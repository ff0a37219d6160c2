#include "documents/pdf.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sp::documents {
namespace {

using namespace sp::charter;

using domain::Language;

std::string as_text(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// Counts page objects ("/Type /Page" not followed by 's').
int page_count(const std::string& pdf) {
  int pages = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (at + 11 < pdf.size() && pdf[at + 11] != 's') ++pages;
  }
  return pages;
}

// Extracts the text with poppler's pdftotext (a test-only tool, see scripts/deps/documents.sh).
std::string extract_text(const std::vector<std::uint8_t>& bytes) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string stem = (dir / ("charter_pdf_" + std::to_string(::getpid()))).string();
  {
    std::ofstream out(stem + ".pdf", std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  const std::string command = "pdftotext -enc UTF-8 '" + stem + ".pdf' '" + stem + ".txt' 2>/dev/null";
  const int status = std::system(command.c_str());
  std::ifstream in(stem + ".txt");
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(stem + ".pdf");
  std::filesystem::remove(stem + ".txt");
  return status == 0 ? text.str() : "";
}

bool has_pdftotext() {
  return std::system("command -v pdftotext >/dev/null 2>&1") == 0;
}

std::string squeeze(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' && c != '\n' && c != '\f') out += c;
  }
  return out;
}

TEST(Pdf, LetterRendersInEveryLanguage) {
  for (const auto language : {Language::Nl, Language::En, Language::Zh}) {
    auto pdf = render_letter_pdf(example_charter(), language);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    const std::string bytes = as_text(*pdf);
    EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
    EXPECT_GT(page_count(bytes), 0) << domain::to_string(language);
    EXPECT_NE(bytes.find("%%EOF"), std::string::npos);
  }
}

TEST(Pdf, SameDocumentGivesSameBytes) {
  auto first = render_letter_pdf(example_charter(), Language::En);
  auto second = render_letter_pdf(example_charter(), Language::En);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
}

TEST(Pdf, ChineseLetterTextCanBeExtracted) {
  if (!has_pdftotext()) GTEST_SKIP() << "pdftotext not installed (poppler-utils)";
  auto pdf = render_letter_pdf(example_charter(), Language::Zh);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string text = squeeze(extract_text(*pdf));
  EXPECT_NE(text.find("服务承诺书"), std::string::npos) << text.substr(0, 400);
  EXPECT_NE(text.find("遇重大客户投诉时"), std::string::npos);
  EXPECT_NE(text.find("荷兰争议委员会"), std::string::npos);
}

TEST(Pdf, DutchLetterKeepsAccentsAndWrapsLongText) {
  if (!has_pdftotext()) GTEST_SKIP() << "pdftotext not installed (poppler-utils)";
  Charter charter = example_charter();
  charter.organisation = "Zeeuwse Coöperatie";
  std::string long_name;
  for (int k = 0; k < 40; ++k) long_name += "onderhandelaar ";
  charter.complaint_route.negotiation_contact = long_name;
  auto pdf = render_letter_pdf(charter, Language::Nl);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string text = extract_text(*pdf);
  EXPECT_NE(text.find("Coöperatie"), std::string::npos);
  for (std::size_t start = 0, end = 0; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    EXPECT_LT(end - start, 140u) << "a line was not wrapped";
  }
}

TEST(Pdf, LongDocumentsGetMorePages) {
  Document document;
  document.language = Language::Zh;
  document.title = "报告";
  for (int k = 0; k < 200; ++k) {
    document.blocks.push_back({Block::Kind::Item, "每日抽查服务记录,核对服务内容与客户需求匹配度。"});
  }
  document.blocks.push_back({Block::Kind::Bar, "电子邮件", 0.5, "50%"});
  auto pdf = render_pdf(document);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_GT(page_count(as_text(*pdf)), 2);
}

}  // namespace
}  // namespace sp::documents
