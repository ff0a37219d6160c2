// The public charter page of a tenant (issue 8: "a public page per tenant (no login,
// cacheable): the promises, and how well each was kept last month and last quarter, with
// charts; nl, en and zh. An embeddable JSON and a badge."), plus its stylesheet.
//
// The page is static HTML: no JavaScript, no inline style attribute and no <style> element, so
// it passes a Content-Security-Policy of "default-src 'none'; style-src 'self'; img-src 'self'"
// with the stylesheet served at kCharterStylesheet (/public/charter.css) from charter_css().
// Charts are inline SVG styled through classes. All configured and measured text is escaped.
// Pure: the caller evaluates the two periods (evaluation.hpp) and passes the improvement
// actions; nothing here reads a clock or storage.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "charter/charter.hpp"
#include "charter/evaluation.hpp"

namespace sp::documents {

// One entry of "you said, we did": feedback and the improvement it led to (capability 7).
struct ImprovementAction {
  std::string you_said;  // the feedback, in the page's language (plain text)
  std::string we_did;    // the action taken and its outcome (plain text)
  std::string done_on;   // local date "YYYY-MM-DD" when done; may be empty
};

// "e-mail: first response within 8 business hours", "resolution rate: at least 85%".
std::string item_description(const charter::ItemEvaluation& item, domain::Language language);

// The public page. `last_month` and `last_quarter` must come from evaluate() on this charter
// (items are matched by id; an item missing from a period shows as no data). `letter_href`,
// when not empty, is linked as "read our full commitment letter" (the route is the HTTP
// layer's). With `phone_last_month` and calls offered in it, a section publishes last month's
// phone figures (average speed of answer, share answered within the service-level threshold,
// abandonment rate) whether or not the charter promises them; with `commitments_last_month`
// and a decided commitment in it, a section publishes the share of agents' commitments kept
// (issue 18). Fails with InvalidInput when the charter is not valid.
[[nodiscard]] Result<std::string> render_public_page(
    const charter::Charter& charter, const charter::Evaluation& last_month,
    const charter::Evaluation& last_quarter, std::span<const ImprovementAction> actions,
    domain::Language language, std::string_view letter_href = {},
    const reporting::CallFigures* phone_last_month = nullptr,
    const reporting::CommitmentFigures* commitments_last_month = nullptr);

// The stylesheet every charter page links to (letter, report, public page, charts).
std::string_view charter_css();

enum class BadgePeriod { LastMonth, LastQuarter };

// A small standalone SVG badge: "promises kept | 11/12 · last month" (measured items only;
// "–" when nothing was measured). Escaped; safe to serve as image/svg+xml.
std::string charter_badge_svg(const charter::Evaluation& evaluation, BadgePeriod period,
                              domain::Language language);

// One period's evaluation as JSON (P below), e.g. for GET /api/v1/charter/evaluation.
nlohmann::json to_json(const charter::Evaluation& evaluation);

// The embeddable JSON: {"organisation": {"default", "nl", "en", "zh"}, "languages": [...],
//  "periods": {"last_month": P, "last_quarter": P}, "you_said_we_did": [{"you_said", "we_did",
//  "done_on"}]}, "phone_last_month": null or {"offered", "average_speed_of_answer_seconds",
//  "service_level", "service_level_seconds", "abandonment_rate"} (null values when unmeasured),
//  "commitments_last_month": null (none decided) or {"kept", "broken", "kept_share"},
//  with P = {"label", "kept", "missed", "no_data", "measured",
//  "summary": {"nl", "en", "zh"}, "items": [{"id", "kind", "channel" (or null), "kpi",
//  "comparator", "target", "unit", "measured" (or null), "outcome"}]}. Never throws.
nlohmann::json public_summary_json(const charter::Charter& charter, const charter::Evaluation& last_month,
                                   const charter::Evaluation& last_quarter,
                                   std::span<const ImprovementAction> actions,
                                   const reporting::CallFigures* phone_last_month = nullptr,
                                   const reporting::CommitmentFigures* commitments_last_month = nullptr);

}  // namespace sp::documents
