// Renders a KPI report of the reporting core (reporting::KpiReport) for people: CSV
// (RFC 4180), HTML with inline SVG charts and a footer holding every figure's definition, and
// PDF through pdf.hpp. Issue 8: "every figure states its definition ... in the report footer,
// so two people reading one number mean the same thing".
//
// Columns and figure names are those of the JSON form (reporting/kpi_json.hpp), flattened with
// dots ("first_response_time.median", "sla.first_response.compliance"), in kpi_definitions()
// order; durations are seconds and rates fractions, exactly as in the JSON, so a CSV and an API
// response can be compared cell by cell. Absent values are empty cells (never 0).
// Definitions are the reporting core's (English). Pure; no clock reads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "documents/document.hpp"
#include "core/result.hpp"
#include "reporting/kpi.hpp"

namespace sp::documents {

struct CsvOptions {
  bool byte_order_mark = false;  // prefix U+FEFF so spreadsheet programs detect UTF-8
};

// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). Text that
// a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading
// apostrophe first; `numeric` fields are written as they are.
std::string csv_field(std::string_view value, bool numeric = false);

// The report as CSV: a header row "key,period,start,end,<figure columns…>", then one row per
// group; CRLF line ends. Never fails.
std::string report_csv(const reporting::KpiReport& report, const CsvOptions& options = {});

// The report as a complete HTML page (stylesheet link, no script, no inline style): a summary
// of the range, a table of the main figures per group, bar charts of contacts received,
// median first response time and resolution rate, and a footer with every definition.
std::string report_html(const reporting::KpiReport& report, std::string_view title,
                        domain::Language language);

// The body of report_html (range, table, charts, the definitions footer) without the page
// around it, for pages that embed a KPI report (the daily self-check).
std::string report_html_section(const reporting::KpiReport& report, domain::Language language);

// The same content as a Document (for render_pdf): headings per group, figures as items, bars
// for contacts received, definitions as notes.
Document report_document(const reporting::KpiReport& report, std::string_view title,
                         domain::Language language);

// Appends the blocks of report_document (everything but the title) to `document`.
void append_report_blocks(Document& document, const reporting::KpiReport& report, domain::Language language);

// report_document rendered with render_pdf.
[[nodiscard]] Result<std::vector<std::uint8_t>> report_pdf(const reporting::KpiReport& report,
                                                           std::string_view title, domain::Language language);

}  // namespace sp::documents
