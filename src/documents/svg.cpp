#include "documents/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "charter/text.hpp"

namespace sp::documents {

using namespace sp::charter;  // the charter model and its labels (charter/text.hpp)
namespace {

constexpr int kWidth = 640;
constexpr int kLabelWidth = 240;
constexpr int kBarWidth = 300;
constexpr int kRowHeight = 26;
constexpr int kBarHeight = 16;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

double clamp_share(double share) {
  if (!std::isfinite(share)) return 0;
  return std::clamp(share, 0.0, 1.0);
}

}  // namespace

std::string bar_chart_svg(std::span<const BarDatum> bars, std::string_view title, double target_share) {
  const int height = static_cast<int>(bars.size()) * kRowHeight + 8;
  std::string svg;
  svg += "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
         std::to_string(kWidth) + " " + std::to_string(height) + "\" width=\"" + std::to_string(kWidth) +
         "\" height=\"" + std::to_string(height) + "\"";
  if (!title.empty()) svg += " aria-label=\"" + html_escape(title) + "\"";
  svg += ">\n";
  if (!title.empty()) svg += "<title>" + html_escape(title) + "</title>\n";
  for (std::size_t row = 0; row < bars.size(); ++row) {
    const auto& bar = bars[row];
    const int y = static_cast<int>(row) * kRowHeight + 4;
    const double length = clamp_share(bar.share) * kBarWidth;
    svg += "<text class=\"label\" x=\"" + std::to_string(kLabelWidth - 8) + "\" y=\"" +
           std::to_string(y + 13) + "\" text-anchor=\"end\">" + html_escape(bar.label) + "</text>\n";
    svg += "<rect class=\"track\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y) +
           "\" width=\"" + std::to_string(kBarWidth) + "\" height=\"" + std::to_string(kBarHeight) + "\"/>\n";
    svg += "<rect class=\"bar" + (bar.css_class.empty() ? "" : " " + html_escape(bar.css_class)) + "\" x=\"" +
           std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y) + "\" width=\"" + number(length) +
           "\" height=\"" + std::to_string(kBarHeight) + "\"/>\n";
    svg += "<text class=\"value\" x=\"" + std::to_string(kLabelWidth + kBarWidth + 8) + "\" y=\"" +
           std::to_string(y + 13) + "\">" + html_escape(bar.value_text) + "</text>\n";
  }
  if (target_share >= 0 && !bars.empty()) {
    const std::string x = number(kLabelWidth + clamp_share(target_share) * kBarWidth);
    svg += "<line class=\"target\" x1=\"" + x + "\" y1=\"0\" x2=\"" + x + "\" y2=\"" +
           std::to_string(height) + "\" stroke-dasharray=\"4 3\"/>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace sp::documents
