// A printable document as plain text blocks (title, headings, paragraphs, list items,
// signature lines), so one content model feeds both HTML (document_html) and PDF (pdf.hpp).
// Block text is plain UTF-8, never markup: every renderer escapes it for its own format.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace sp::documents {

struct Block {
  // Bar: a labelled horizontal bar (text = label, value_text = the figure shown, bar = length
  // as a share 0..1 of the full width), for simple charts in reports.
  enum class Kind { Heading, Paragraph, Item, Signature, Note, Bar };
  Kind kind = Kind::Paragraph;
  std::string text;
  double bar = 0;
  std::string value_text;
};

struct Document {
  domain::Language language = domain::Language::En;
  std::string title;
  std::vector<Block> blocks;
};

// The path of the stylesheet every charter page links to (served by the HTTP layer with the
// content of charter_css(); no inline styles, so a strict Content-Security-Policy holds).
inline constexpr std::string_view kCharterStylesheet = "/public/charter.css";

// A complete HTML5 page (<html lang>, UTF-8, the stylesheet link, no script, no inline style):
// headings become <h2> inside <section>, consecutive items one <ul>, signature lines a
// <footer class="signature">, notes <p class="note">, consecutive bars one inline <svg> chart
// (classes only, no style attributes). All text is escaped. `body_class` is put
// on <body> (e.g. "letter", "report").
std::string document_html(const Document& document, std::string_view body_class);

}  // namespace sp::documents
