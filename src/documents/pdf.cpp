#include "documents/pdf.hpp"

#include <hpdf.h>
#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include "documents/letter.hpp"

namespace sp::documents {

using namespace sp::charter;  // the charter model and its labels (charter/text.hpp)
namespace {

constexpr float kPageWidth = 595.276f;  // A4 in points
constexpr float kPageHeight = 841.89f;
constexpr float kMargin = 56.7f;  // 2 cm
constexpr float kTitleSize = 18;
constexpr float kHeadingSize = 13;
constexpr float kBodySize = 10.5f;
constexpr float kLineFactor = 1.5f;
constexpr float kItemIndent = 14;
constexpr float kBarLabelWidth = 190;
constexpr float kBarWidth = 230;

struct ErrorState {
  HPDF_STATUS status = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS status, HPDF_STATUS detail, void* user_data) {
  auto* state = static_cast<ErrorState*>(user_data);
  if (state->status == HPDF_OK) {
    state->status = status;
    state->detail = detail;
  }
}

// Converts UTF-8 to `encoding` ("CP1252", "GBK"); a character it cannot hold becomes '?'.
class Converter {
 public:
  explicit Converter(const char* encoding) : cd_(iconv_open(encoding, "UTF-8")) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  std::string convert(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size() * 2);
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char buffer[256];
    while (in_left > 0) {
      char* out_ptr = buffer;
      std::size_t out_left = sizeof buffer;
      const std::size_t result = iconv(cd_, &in, &in_left, &out_ptr, &out_left);
      out.append(buffer, static_cast<std::size_t>(out_ptr - buffer));
      if (result == static_cast<std::size_t>(-1)) {
        if (errno == E2BIG) continue;
        // EILSEQ or EINVAL: skip one UTF-8 character and write '?'.
        out += '?';
        std::size_t skip = 1;
        while (skip < in_left && (static_cast<unsigned char>(in[skip]) & 0xC0) == 0x80) ++skip;
        in += skip;
        in_left -= skip;
      }
    }
    return out;
  }

 private:
  iconv_t cd_;
};

// A unit of line breaking: a latin word with its trailing spaces, or one CJK character.
std::vector<std::string> break_units(std::string_view text) {
  std::vector<std::string> units;
  std::string current;
  for (std::size_t at = 0; at < text.size();) {
    const auto byte = static_cast<unsigned char>(text[at]);
    std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    if (at + length > text.size()) length = text.size() - at;
    const std::string_view ch = text.substr(at, length);
    // Three- and four-byte sequences are CJK, fullwidth punctuation and the like: each may end
    // a line.
    const bool wide = length >= 3;
    if (wide) {
      if (!current.empty()) units.push_back(std::move(current));
      current.clear();
      units.emplace_back(ch);
    } else if (ch == " ") {
      current += ' ';
      units.push_back(std::move(current));
      current.clear();
    } else {
      current.append(ch);
    }
    at += length;
  }
  if (!current.empty()) units.push_back(std::move(current));
  return units;
}

class PdfWriter {
 public:
  PdfWriter(HPDF_Doc pdf, domain::Language language, Converter& converter)
      : pdf_(pdf), language_(language), converter_(converter) {
    if (language == domain::Language::Zh) {
      HPDF_UseCNSFonts(pdf_);
      HPDF_UseCNSEncodings(pdf_);
      regular_ = HPDF_GetFont(pdf_, "SimSun", "GBK-EUC-H");
      bold_ = HPDF_GetFont(pdf_, "SimHei", "GBK-EUC-H");
    } else {
      regular_ = HPDF_GetFont(pdf_, "Helvetica", "WinAnsiEncoding");
      bold_ = HPDF_GetFont(pdf_, "Helvetica-Bold", "WinAnsiEncoding");
    }
  }

  void title(const std::string& text) {
    write_wrapped(text, bold_, kTitleSize, 0, "");
    gap(8);
  }
  void heading(const std::string& text) {
    gap(6);
    // Keep a heading with the first lines below it rather than alone at the foot of a page.
    ensure_room(kHeadingSize * kLineFactor + 3 * kBodySize * kLineFactor);
    write_wrapped(text, bold_, kHeadingSize, 0, "");
    gap(2);
  }
  void paragraph(const std::string& text, float size = kBodySize) {
    write_wrapped(text, regular_, size, 0, "");
    gap(4);
  }
  void item(const std::string& text) {
    write_wrapped(text, regular_, kBodySize, kItemIndent,
                  language_ == domain::Language::Zh ? "\xC2\xB7" : "\xE2\x80\xA2");
    gap(2);
  }
  void signature(const std::string& text) {
    if (!in_signature_) gap(18);
    in_signature_ = true;
    write_wrapped(text, regular_, kBodySize, 0, "");
  }
  void bar(const std::string& label, double share, const std::string& value_text) {
    const float line = kBodySize * kLineFactor;
    ensure_room(line);
    y_ -= line;
    text_at(label, regular_, kBodySize, kMargin, y_, kBarLabelWidth - 6);
    const double clamped = share < 0 ? 0 : share > 1 ? 1 : share;
    HPDF_Page_SetRGBFill(page_, 0.88f, 0.9f, 0.93f);
    HPDF_Page_Rectangle(page_, kMargin + kBarLabelWidth, y_ - 2, kBarWidth, kBodySize);
    HPDF_Page_Fill(page_);
    HPDF_Page_SetRGBFill(page_, 0.13f, 0.4f, 0.67f);
    HPDF_Page_Rectangle(page_, kMargin + kBarLabelWidth, y_ - 2, static_cast<float>(clamped) * kBarWidth,
                        kBodySize);
    HPDF_Page_Fill(page_);
    HPDF_Page_SetRGBFill(page_, 0, 0, 0);
    text_at(value_text, regular_, kBodySize, kMargin + kBarLabelWidth + kBarWidth + 6, y_,
            kPageWidth - kMargin - (kMargin + kBarLabelWidth + kBarWidth + 6));
  }
  void end_signature() { in_signature_ = false; }
  void gap(float points) { y_ -= points; }
  void finish() { number_pages(); }

 private:
  void new_page() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pages_.push_back(page_);
    y_ = kPageHeight - kMargin;
  }
  void ensure_room(float height) {
    if (page_ == nullptr || y_ - height < kMargin) new_page();
  }
  float width_of(const std::string& encoded, HPDF_Font font, float size) const {
    const HPDF_TextWidth tw = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(encoded.data()),
                                                  static_cast<HPDF_UINT>(encoded.size()));
    return static_cast<float>(tw.width) * size / 1000.0f;
  }
  // Writes `text` (UTF-8) at (x, y), cut to `max_width` by whole units.
  void text_at(const std::string& text, HPDF_Font font, float size, float x, float y, float max_width) {
    std::string encoded;
    for (const auto& unit : break_units(text)) {
      std::string candidate = encoded + converter_.convert(unit);
      if (width_of(candidate, font, size) > max_width && !encoded.empty()) break;
      encoded = std::move(candidate);
    }
    draw(encoded, font, size, x, y);
  }
  void draw(const std::string& encoded, HPDF_Font font, float size, float x, float y) {
    if (encoded.empty()) return;
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font, size);
    HPDF_Page_TextOut(page_, x, y, encoded.c_str());
    HPDF_Page_EndText(page_);
  }
  // Greedy line filling by measured width; `bullet` (UTF-8) hangs left of the first line.
  void write_wrapped(const std::string& text, HPDF_Font font, float size, float indent,
                     const std::string& bullet) {
    const float line_height = size * kLineFactor;
    const float left = kMargin + indent;
    const float max_width = kPageWidth - kMargin - left;
    std::vector<std::string> lines;
    std::string line;
    for (const auto& unit : break_units(text)) {
      const std::string encoded = converter_.convert(unit);
      std::string candidate = line + encoded;
      // Trailing spaces do not count against the width.
      std::string trimmed = candidate;
      while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
      if (!line.empty() && width_of(trimmed, font, size) > max_width) {
        lines.push_back(std::move(line));
        line = encoded;
      } else {
        line = std::move(candidate);
      }
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    for (std::size_t index = 0; index < lines.size(); ++index) {
      ensure_room(line_height);
      y_ -= line_height;
      if (index == 0 && !bullet.empty()) {
        draw(converter_.convert(bullet), font, size, left - indent + 2, y_);
      }
      draw(lines[index], font, size, left, y_);
    }
  }
  void number_pages() {
    const std::size_t total = pages_.size();
    for (std::size_t index = 0; index < total; ++index) {
      const std::string label = std::to_string(index + 1) + " / " + std::to_string(total);
      HPDF_Page_BeginText(pages_[index]);
      HPDF_Page_SetFontAndSize(pages_[index], regular_, 8);
      HPDF_Page_TextOut(pages_[index], kPageWidth / 2 - 10, kMargin / 2, label.c_str());
      HPDF_Page_EndText(pages_[index]);
    }
  }

  HPDF_Doc pdf_;
  domain::Language language_;
  Converter& converter_;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  float y_ = 0;
  bool in_signature_ = false;
};

struct DocDeleter {
  void operator()(HPDF_Doc pdf) const { HPDF_Free(pdf); }
};

}  // namespace

Result<std::vector<std::uint8_t>> render_pdf(const Document& document) {
  const bool zh = document.language == domain::Language::Zh;
  Converter converter(zh ? "GBK" : "CP1252");
  if (!converter.ok()) {
    return internal_error(std::string("pdf: iconv cannot convert to ") + (zh ? "GBK" : "CP1252"));
  }
  ErrorState errors;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter> pdf(HPDF_New(on_error, &errors));
  if (!pdf) return internal_error("pdf: HPDF_New failed");
  HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
  {
    const std::string title = converter.convert(document.title);
    // The info dictionary holds PDFDocEncoding text; the converted latin title fits, a GBK one
    // would not, so zh documents carry no title there.
    if (!zh) HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_TITLE, title.c_str());
    HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "servicepact");
  }
  PdfWriter writer(pdf.get(), document.language, converter);
  writer.title(document.title);
  for (const auto& block : document.blocks) {
    if (block.kind != Block::Kind::Signature) writer.end_signature();
    switch (block.kind) {
      case Block::Kind::Heading:
        writer.heading(block.text);
        break;
      case Block::Kind::Paragraph:
        writer.paragraph(block.text);
        break;
      case Block::Kind::Note:
        writer.paragraph(block.text, 8.5f);
        break;
      case Block::Kind::Item:
        writer.item(block.text);
        break;
      case Block::Kind::Signature:
        writer.signature(block.text);
        break;
      case Block::Kind::Bar:
        writer.bar(block.text, block.bar, block.value_text);
        break;
    }
  }
  writer.finish();
  if (errors.status != HPDF_OK) {
    char code[64];
    std::snprintf(code, sizeof code, "0x%04X/%u", static_cast<unsigned>(errors.status),
                  static_cast<unsigned>(errors.detail));
    return internal_error(std::string("pdf: libharu error ") + code);
  }
  if (HPDF_SaveToStream(pdf.get()) != HPDF_OK) return internal_error("pdf: saving failed");
  const HPDF_UINT32 size = HPDF_GetStreamSize(pdf.get());
  std::vector<std::uint8_t> bytes(size);
  HPDF_UINT32 read = size;
  HPDF_ResetStream(pdf.get());
  const HPDF_STATUS status = HPDF_ReadFromStream(pdf.get(), bytes.data(), &read);
  // HPDF_ReadFromStream reports HPDF_STREAM_EOF once it has handed out the last byte.
  if ((status != HPDF_OK && status != HPDF_STREAM_EOF) || read != size) {
    return internal_error("pdf: reading the stream failed");
  }
  return bytes;
}

Result<std::vector<std::uint8_t>> render_letter_pdf(const Charter& charter, domain::Language language) {
  auto document = letter_document(charter, language);
  if (!document.ok()) return document.error();
  return render_pdf(*document);
}

}  // namespace sp::documents
