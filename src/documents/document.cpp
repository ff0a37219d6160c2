#include "documents/document.hpp"

#include "documents/svg.hpp"
#include "charter/text.hpp"

namespace sp::documents {

using namespace sp::charter;  // the charter model and its labels (charter/text.hpp)

std::string document_html(const Document& document, std::string_view body_class) {
  std::string html;
  html.reserve(4096);
  html += "<!DOCTYPE html>\n<html lang=\"";
  html += language_tag(document.language);
  html +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  html += html_escape(document.title);
  html += "</title>\n<link rel=\"stylesheet\" href=\"";
  html += kCharterStylesheet;
  html += "\">\n</head>\n<body class=\"";
  html += html_escape(body_class);
  html += "\">\n<main>\n<h1>";
  html += html_escape(document.title);
  html += "</h1>\n";
  bool in_section = false;
  bool in_list = false;
  bool in_signature = false;
  auto close_list = [&] {
    if (in_list) html += "</ul>\n";
    in_list = false;
  };
  auto close_signature = [&] {
    if (in_signature) html += "</footer>\n";
    in_signature = false;
  };
  for (std::size_t index = 0; index < document.blocks.size(); ++index) {
    const Block& block = document.blocks[index];
    if (block.kind != Block::Kind::Item) close_list();
    if (block.kind != Block::Kind::Signature) close_signature();
    switch (block.kind) {
      case Block::Kind::Heading:
        if (in_section) html += "</section>\n";
        html += "<section>\n<h2>" + html_escape(block.text) + "</h2>\n";
        in_section = true;
        break;
      case Block::Kind::Paragraph:
        html += "<p>" + html_escape(block.text) + "</p>\n";
        break;
      case Block::Kind::Note:
        html += "<p class=\"note\">" + html_escape(block.text) + "</p>\n";
        break;
      case Block::Kind::Item:
        if (!in_list) html += "<ul>\n";
        in_list = true;
        html += "<li>" + html_escape(block.text) + "</li>\n";
        break;
      case Block::Kind::Bar: {
        // Gather this run of bars into one chart.
        std::vector<BarDatum> bars;
        bars.push_back({block.text, block.bar, block.value_text, ""});
        while (index + 1 < document.blocks.size() && document.blocks[index + 1].kind == Block::Kind::Bar) {
          ++index;
          const Block& next = document.blocks[index];
          bars.push_back({next.text, next.bar, next.value_text, ""});
        }
        html += bar_chart_svg(bars, "");
        break;
      }
      case Block::Kind::Signature:
        if (!in_signature) {
          if (in_section) html += "</section>\n";
          in_section = false;
          html += "<footer class=\"signature\">\n";
        }
        in_signature = true;
        html += "<p>" + html_escape(block.text) + "</p>\n";
        break;
    }
  }
  close_list();
  close_signature();
  if (in_section) html += "</section>\n";
  html += "</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace sp::documents
