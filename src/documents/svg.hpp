// Inline SVG charts for the charter pages and reports: no script, no style attribute and no
// <style> element (the Content-Security-Policy forbids them); look comes from classes that
// charter_css() styles. Every text is escaped. Pure.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace sp::documents {

struct BarDatum {
  std::string label;       // left of the bar
  double share = 0;        // bar length as a share 0..1 of the bar area (clamped)
  std::string value_text;  // right of the bar ("92%", "41 min")
  std::string css_class;   // extra class of the bar: "kept", "missed", "no-data" or empty
};

// A horizontal bar chart, one row per datum, as an <svg role="img"> with an aria-label and a
// <title> of `title` (left out when empty). `target_share` in 0..1 draws a dashed target line
// across all rows (class "target"); a negative value draws none.
std::string bar_chart_svg(std::span<const BarDatum> bars, std::string_view title, double target_share = -1);

}  // namespace sp::documents
