// Text helpers shared by the charter renderers: HTML/XML escaping (core's), the strict {{placeholder}}
// template filler, number and duration formatting, and the nl/en/zh labels of channels, KPIs,
// units and comparators. Pure; no locale or global state is consulted (the decimal separator
// follows the language argument: "8,5" in nl, "8.5" in en and zh).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "charter/charter.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "domain/model.hpp"

namespace sp::charter {

// Escapes & < > " ' { } for HTML/XML text and attribute values; bad UTF-8 and control
// characters become U+FFFD (core/text.hpp).
using text::html_escape;

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Replaces every {{name}} in `tpl` by values[name] (names: letters, digits, '_', '.').
// Fails with InvalidInput, field = the placeholder's name, when a placeholder has no value or an
// empty one, and field "template" when a "{{" is not closed. The values are inserted as they
// are: escape the result (or the values) for the output format. Values are never re-scanned,
// so a value containing "{{x}}" stays literal.
[[nodiscard]] Result<std::string> fill_template(std::string_view tpl, const TemplateValues& values);

// "85", "8.5" / "8,5" (nl), "0.25": at most `max_decimals` decimals, trailing zeros dropped.
std::string format_number(double value, domain::Language language, int max_decimals = 2);

// "30 minutes" / "30 minuten" / "30分钟"; whole hours and days are written as such
// ("8 hours", "3 days"). `business` adds "business"/"werk"/"工作" ("8 business hours").
std::string format_minutes(std::int64_t minutes, domain::Language language, bool business = false);

// "e-mail", "telefoon", "电话" …
std::string_view channel_label(domain::Channel channel, domain::Language language);
// "urgent" / "urgent" / "紧急" …
std::string_view priority_label(domain::Priority priority, domain::Language language);
// A reader's name of a KPI key: "resolution rate" / "oplospercentage" / "问题解决率"; the median
// of first response time: "first response time (median)". Unknown keys are returned as given.
std::string kpi_label(std::string_view kpi, domain::Language language);
// "at least" / "minimaal" / "不低于".
std::string_view comparator_label(Comparator comparator, domain::Language language);
// A value with its unit: "85%", "8", "30 minutes", "€ 4.50", "0".
std::string format_value(double value, Unit unit, domain::Language language);
// "Kept" / "Nagekomen" / "已兑现" …  for the three evaluation outcomes (0 kept, 1 missed, 2 none).
std::string_view outcome_label(int outcome, domain::Language language);
// The BCP 47 tag for <html lang>: "nl", "en", "zh-CN".
std::string_view language_tag(domain::Language language);

}  // namespace sp::charter
