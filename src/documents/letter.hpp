// The commitment letter (服务承诺书 / servicebelofte / service commitment) rendered from a
// charter in nl, en and zh (issue 8; DESIGN.md capability 6).
//
// It follows the structure of the Chinese commitment letter in shared/seeds (客服人员热诚与职业
// 规范承诺函, 篇1 and 篇2): number; purpose; scope and the person answerable; service standards
// (per-channel response and resolution targets, KPI thresholds, privacy); daily service
// management (self-check, weekly feedback summary, training, QA sampling, mystery shopping,
// half-yearly quality report); emergency response (major complaints within N minutes, drills);
// minor and major breaches; dispute resolution (negotiation, then arbitration, then
// litigation); contact channels; organisation, signatory, place and date of signing.
// Every blank of the template is a {{placeholder}} filled from the charter; a rhythm count of 0
// leaves its sentence out (nothing is promised), a placeholder without a value is an error.
// Pure; the templates are compiled in.
#pragma once

#include <string>

#include "charter/charter.hpp"
#include "documents/document.hpp"
#include "core/result.hpp"

namespace sp::documents {

// The letter as a document (for HTML and PDF). Fails with InvalidInput when the charter is not
// valid (validate's field) or when a template placeholder has no value (field = its name).
[[nodiscard]] Result<Document> letter_document(const charter::Charter& charter, domain::Language language);

// The letter as a complete HTML page (document_html with body class "letter").
[[nodiscard]] Result<std::string> render_letter_html(const charter::Charter& charter,
                                                     domain::Language language);

// "23 november 2026" / "23 November 2026" / "2026年11月23日" for a valid "YYYY-MM-DD";
// the input unchanged otherwise.
std::string format_local_date(std::string_view iso_date, domain::Language language);

}  // namespace sp::documents
