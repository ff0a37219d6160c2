#include "http/survey_routes.hpp"

#include <array>
#include <charconv>
#include <map>

#include "domain/validation.hpp"
#include "http/handler_util.hpp"
#include "http/html_page.hpp"

namespace sp::http {

using namespace sp::domain;
using service::SurveyService;

namespace {

#define SP_OR_SURVEY_PROBLEM(var, expr) \
  auto var = (expr);                    \
  if (!var) return survey_problem(var.error())

HttpResponse survey_problem(const Error& error) {
  if (error.kind == kinds::kSurveyLinkExpired) {
    return problem(410, kinds::kSurveyLinkExpired, "The survey link has expired", error.message);
  }
  return error_response(error);
}

// ---------------------------------------------------------------------------------------
// The page's words, per language (nl, en, zh in Language order).

struct SurveyTexts {
  const char* lang;
  const char* title;  // followed by the tenant's name
  const char* intro;  // followed by the ticket reference and subject
  const char* grade;
  const char* grade_low;
  const char* grade_high;
  const char* helped;
  const char* yes;
  const char* no;
  const char* nps;
  const char* nps_low;
  const char* nps_high;
  const char* effort;
  std::array<const char*, 5> effort_labels;
  const char* comment;
  const char* optional;
  const char* send;
  const char* error_heading;
  const char* error_grade;
  const char* error_helped;
  const char* error_nps;
  const char* error_effort;
  const char* error_comment;
  const char* thanks_title;
  const char* thanks;
  const char* answered;
  const char* expired;
  const char* unknown;
};

constexpr SurveyTexts kDutch = {
    "nl",
    "Hoe hebben wij u geholpen? ",
    "Uw vraag ",
    "Welk cijfer geeft u onze hulp?",
    "1 = zeer slecht",
    "10 = uitstekend",
    "Bent u geholpen?",
    "Ja",
    "Nee",
    "Hoe waarschijnlijk is het dat u ons aanbeveelt aan vrienden of collega's?",
    "0 = zeer onwaarschijnlijk",
    "10 = zeer waarschijnlijk",
    "Hoeveel moeite kostte het om geholpen te worden?",
    {"Heel weinig", "Weinig", "Neutraal", "Veel", "Heel veel"},
    "Wilt u nog iets kwijt? (ten hoogste 2.000 tekens)",
    " (niet verplicht)",
    "Versturen",
    "Controleer het volgende:",
    "Kies een cijfer van 1 tot en met 10.",
    "Geef aan of u bent geholpen.",
    "Kies een getal van 0 tot en met 10.",
    "Kies een van de vijf antwoorden.",
    "Uw opmerking is te lang (ten hoogste 2.000 tekens).",
    "Bedankt",
    "Bedankt voor uw antwoord. Wij gebruiken het om onze dienstverlening te "
    "verbeteren.",
    "Deze vragenlijst is al ingevuld. Bedankt!",
    "Deze link is verlopen.",
    "Deze link is onbekend.",
};

constexpr SurveyTexts kEnglish = {
    "en",
    "How did we help you? ",
    "Your request ",
    "What grade do you give our help?",
    "1 = very poor",
    "10 = excellent",
    "Were you helped?",
    "Yes",
    "No",
    "How likely are you to recommend us to a friend or colleague?",
    "0 = not at all likely",
    "10 = extremely likely",
    "How much effort did it take to get helped?",
    {"Very little", "Little", "Neither little nor much", "Much", "Very much"},
    "Anything else you want to tell us? (at most 2,000 characters)",
    " (optional)",
    "Send",
    "Please check the following:",
    "Choose a grade from 1 to 10.",
    "Tell us whether you were helped.",
    "Choose a number from 0 to 10.",
    "Choose one of the five answers.",
    "Your comment is too long (at most 2,000 characters).",
    "Thank you",
    "Thank you for your answer. We use it to improve our service.",
    "This survey has already been answered. Thank you!",
    "This link has expired.",
    "This link is unknown.",
};

constexpr SurveyTexts kChinese = {
    "zh",
    "服务满意度调查:",
    "您的请求 ",
    "您给我们的服务打几分?",
    "1 = 非常差",
    "10 = 非常好",
    "您的问题解决了吗?",
    "是",
    "否",
    "您有多大可能向朋友或同事推荐我们?",
    "0 = 完全不可能",
    "10 = 非常可能",
    "解决问题花费了您多少精力?",
    {"非常少", "较少", "一般", "较多", "非常多"},
    "您还有其他意见吗?(最多 2,000 个字符)",
    "(选填)",
    "提交",
    "请检查以下内容:",
    "请选择 1 到 10 分。",
    "请告诉我们问题是否已解决。",
    "请选择 0 到 10 之间的数字。",
    "请选择五个选项之一。",
    "您的意见过长(最多 2,000 个字符)。",
    "谢谢",
    "感谢您的反馈,我们将据此改进服务。",
    "本调查已填写,谢谢!",
    "此链接已过期。",
    "此链接无效。",
};

const SurveyTexts& texts_for(Language language) {
  switch (language) {
    case Language::Nl:
      return kDutch;
    case Language::Zh:
      return kChinese;
    case Language::En:
      break;
  }
  return kEnglish;
}

// Output encoding for text and attribute values (always double-quoted).
HttpResponse html_page(int status, const SurveyTexts& texts, const std::string& title,
                       const std::string& content) {
  return http::html_page(status, texts.lang, title, content);
}

HttpResponse message_page(int status, Language language, const std::string& message) {
  const SurveyTexts& texts = texts_for(language);
  return html_page(status, texts, message, "<h1>" + html_escape(message) + "</h1>\n");
}

// The page for an error of the service (unknown, expired, answered), in
// `language`.
HttpResponse error_page(const Error& error, Language language) {
  const SurveyTexts& texts = texts_for(language);
  if (error.kind == kinds::kSurveyLinkExpired) return message_page(410, language, texts.expired);
  if (error.kind == kinds::kSurveyAlreadyAnswered) return message_page(409, language, texts.answered);
  if (error.code == ErrorCode::NotFound) return message_page(404, language, texts.unknown);
  if (error.code == ErrorCode::Internal) spdlog::error("survey page: {}", error.message);
  return message_page(503, language, "Service unavailable; please try again later.");
}

struct FieldMessage {
  std::string field;
  std::string message;
};

// What the person chose, as posted (kept when the form is shown again with
// errors).
using Posted = std::map<std::string, std::string>;

std::string value_of(const Posted& fields, const std::string& name) {
  auto found = fields.find(name);
  return found == fields.end() ? std::string() : found->second;
}

std::string error_of(const std::vector<FieldMessage>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) return e.message;
  }
  return {};
}

// A fieldset of radio buttons `name` with values [first, last] (or the given
// labels).
std::string radio_group(const char* name, const std::string& legend,
                        const std::vector<std::pair<std::string, std::string>>& options, const Posted& posted,
                        const std::vector<FieldMessage>& errors, bool required) {
  const std::string error = error_of(errors, name);
  std::string out = "<fieldset id=\"" + std::string(name) + "\"";
  if (!error.empty()) out += " aria-describedby=\"" + std::string(name) + "-error\"";
  out += ">\n<legend>" + html_escape(legend) + "</legend>\n";
  if (!error.empty()) {
    out += "<p><strong id=\"" + std::string(name) + "-error\">" + html_escape(error) + "</strong></p>\n";
  }
  const std::string chosen = value_of(posted, name);
  for (const auto& [value, label] : options) {
    const std::string id = std::string(name) + "-" + value;
    out += "<input type=\"radio\" id=\"" + id + "\" name=\"" + name + "\" value=\"" + value + "\"";
    if (required) out += " required";
    if (chosen == value) out += " checked";
    out += "><label for=\"" + id + "\">" + html_escape(label) + "</label>\n";
  }
  return out + "</fieldset>\n";
}

std::vector<std::pair<std::string, std::string>> numbers(int first, int last, const std::string& low,
                                                         const std::string& high) {
  std::vector<std::pair<std::string, std::string>> options;
  for (int value = first; value <= last; ++value) {
    std::string label = std::to_string(value);
    if (value == first) label += " (" + low + ")";
    if (value == last) label += " (" + high + ")";
    options.emplace_back(std::to_string(value), label);
  }
  return options;
}

HttpResponse form_page(int status, const service::SurveyForm& form, const std::string& token,
                       const Posted& posted, const std::vector<FieldMessage>& errors) {
  const SurveyTexts& t = texts_for(form.language);
  const std::string title = std::string(t.title) + form.tenant.name;
  std::string content = "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(t.intro) + "T-" +
                        std::to_string(form.ticket.id.value) + ": " + html_escape(form.ticket.subject) +
                        "</p>\n";
  if (!errors.empty()) {
    content += "<div role=\"alert\">\n<h2>" + html_escape(t.error_heading) + "</h2>\n<ul>\n";
    for (const auto& error : errors) {
      content += "<li><a href=\"#" + error.field + "\">" + html_escape(error.message) + "</a></li>\n";
    }
    content += "</ul>\n</div>\n";
  }
  content += "<form method=\"post\" action=\"/survey\" accept-charset=\"utf-8\">\n";
  content += "<input type=\"hidden\" name=\"token\" value=\"" + html_escape(token) + "\">\n";
  auto low_high = [](const char* low, const char* high) {
    // "1 = very poor" -> "very poor": the number is already in the label.
    auto strip = [](std::string_view text) {
      auto eq = text.find("= ");
      return std::string(eq == std::string_view::npos ? text : text.substr(eq + 2));
    };
    return std::make_pair(strip(low), strip(high));
  };
  auto [grade_low, grade_high] = low_high(t.grade_low, t.grade_high);
  content += radio_group("grade", t.grade, numbers(1, 10, grade_low, grade_high), posted, errors, true);
  content += radio_group("helped", t.helped, {{"yes", t.yes}, {"no", t.no}}, posted, errors, true);
  auto [nps_low, nps_high] = low_high(t.nps_low, t.nps_high);
  content += radio_group("nps", std::string(t.nps) + t.optional, numbers(0, 10, nps_low, nps_high), posted,
                         errors, false);
  std::vector<std::pair<std::string, std::string>> effort;
  for (int value = 1; value <= 5; ++value) {
    effort.emplace_back(std::to_string(value), t.effort_labels[static_cast<std::size_t>(value - 1)]);
  }
  content += radio_group("effort", std::string(t.effort) + t.optional, effort, posted, errors, false);
  const std::string comment_error = error_of(errors, "comment");
  content +=
      "<p>\n<label for=\"comment\">" + html_escape(t.comment) + html_escape(t.optional) + "</label><br>\n";
  if (!comment_error.empty()) {
    content += "<strong id=\"comment-error\">" + html_escape(comment_error) + "</strong><br>\n";
  }
  content +=
      "<textarea id=\"comment\" name=\"comment\" rows=\"6\" cols=\"60\" "
      "maxlength=\"" +
      std::to_string(service::kMaxSurveyCommentBytes) + "\"" +
      (comment_error.empty() ? std::string()
                             : std::string(" aria-invalid=\"true\" aria-describedby=\"comment-error\"")) +
      ">" + html_escape(value_of(posted, "comment")) + "</textarea>\n</p>\n";
  content += "<p><button type=\"submit\">" + html_escape(t.send) + "</button></p>\n</form>\n";
  return html_page(status, t, title, content);
}

Posted parse_form_body(std::string_view body) {
  return parse_form_urlencoded(body);
}

std::optional<int> small_number(const std::string& text) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The posted form as an answer, with a message per wrong field.
std::pair<storage::SurveyAnswer, std::vector<FieldMessage>> read_posted(const Posted& posted,
                                                                        const SurveyTexts& t) {
  storage::SurveyAnswer answer;
  std::vector<FieldMessage> errors;
  auto grade = small_number(value_of(posted, "grade"));
  if (!grade || *grade < 1 || *grade > 10) {
    errors.push_back({"grade", t.error_grade});
  } else {
    answer.grade = *grade;
  }
  const std::string helped = value_of(posted, "helped");
  if (helped != "yes" && helped != "no") {
    errors.push_back({"helped", t.error_helped});
  } else {
    answer.helped = helped == "yes";
  }
  if (const std::string text = value_of(posted, "nps"); !text.empty()) {
    auto nps = small_number(text);
    if (!nps || *nps < 0 || *nps > 10) {
      errors.push_back({"nps", t.error_nps});
    } else {
      answer.nps = *nps;
    }
  }
  if (const std::string text = value_of(posted, "effort"); !text.empty()) {
    auto effort = small_number(text);
    if (!effort || *effort < 1 || *effort > 5) {
      errors.push_back({"effort", t.error_effort});
    } else {
      answer.effort = *effort;
    }
  }
  // Browsers send CR LF line ends; count what the person typed.
  std::string comment = value_of(posted, "comment");
  std::erase(comment, '\r');
  answer.comment = std::move(comment);
  if (answer.comment.size() > service::kMaxSurveyCommentBytes || !is_valid_utf8(answer.comment)) {
    errors.push_back({"comment", t.error_comment});
  }
  return {std::move(answer), std::move(errors)};
}

HttpResponse survey_page(Api::Context& ctx, SurveyService& surveys) {
  const std::string token = ctx.request.query_param("token").value_or(std::string());
  auto form = surveys.form(token);
  if (!form) return error_page(form.error(), Language::En);
  if (form->answered_at) return message_page(409, form->language, texts_for(form->language).answered);
  return form_page(200, *form, token, {}, {});
}

HttpResponse survey_submit(Api::Context& ctx, SurveyService& surveys) {
  auto type = ctx.request.header("content-type").value_or(std::string());
  if (type.find("application/x-www-form-urlencoded") != 0) {
    return problem(415, "unsupported-media-type", "Unsupported media type",
                   "send the form as application/x-www-form-urlencoded");
  }
  const Posted posted = parse_form_body(ctx.request.body);
  const std::string token = value_of(posted, "token");
  auto form = surveys.form(token);
  if (!form) return error_page(form.error(), Language::En);
  const SurveyTexts& t = texts_for(form->language);
  if (form->answered_at) return message_page(409, form->language, t.answered);
  auto [answer, errors] = read_posted(posted, t);
  if (!errors.empty()) return form_page(422, *form, token, posted, errors);
  auto answered = surveys.answer(token, answer);
  if (!answered) {
    if (answered.error().code == ErrorCode::InvalidInput) {
      return form_page(422, *form, token, posted, {{answered.error().field, t.error_comment}});
    }
    return error_page(answered.error(), form->language);
  }
  return html_page(201, t, t.thanks_title,
                   "<h1>" + html_escape(t.thanks_title) + "</h1>\n<p>" + html_escape(t.thanks) + "</p>\n");
}

}  // namespace

void register_survey_routes(Api& api, SurveyService& surveys) {
  auto pub = Api::Access::Public;
  api.add("POST", "/api/v1/tickets/{id}/survey", Api::Access::Authenticated, [&surveys](Api::Context& ctx) {
    SP_OR_SURVEY_PROBLEM(link, surveys.issue(ctx.who(), TicketId{ctx.param("id")}));
    return json_response(link->created ? 201 : 200, {{"ticket_id", link->ticket.value},
                                                     {"token", link->token},
                                                     {"url", link->path},
                                                     {"expires_at", format_rfc3339(link->expires_at)},
                                                     {"created", link->created}});
  });
  api.add("GET", "/api/v1/surveys/form", pub, [&surveys](Api::Context& ctx) {
    auto token = ctx.request.query_param("token");
    if (!token) return error_response(invalid_input("token is required", "token"));
    SP_OR_SURVEY_PROBLEM(form, surveys.form(*token));
    return json_response(
        200, {{"ticket_id", form->ticket.id.value},
              {"reference", "T-" + std::to_string(form->ticket.id.value)},
              {"subject", form->ticket.subject},
              {"tenant_name", form->tenant.name},
              {"language", std::string(to_string(form->language))},
              {"expires_at", format_rfc3339(form->expires_at)},
              {"answered", form->answered_at.has_value()},
              {"answered_at", form->answered_at ? json(format_rfc3339(*form->answered_at)) : json(nullptr)},
              {"scales",
               {{"grade", {1, 10}},
                {"nps", {0, 10}},
                {"effort", {1, 5}},
                {"comment_max_bytes", service::kMaxSurveyCommentBytes}}}});
  });
  api.add("POST", "/api/v1/surveys/answer", pub, [&surveys](Api::Context& ctx) {
    auto body = body_of(ctx);
    if (!body) return error_response(body.error());
    BodyReader reader(*body);
    auto token = reader.string("token", true);
    auto grade = reader.integer("grade", true);
    auto helped = reader.boolean("helped");
    auto nps = reader.integer("nps");
    auto effort = reader.integer("effort");
    auto comment = reader.string("comment");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (!helped) return error_response(invalid_input("helped (true or false) is required", "helped"));
    // Out-of-range numbers are clamped into an invalid value of int, so
    // check_answer names them.
    auto narrow = [](std::int64_t value) {
      return value < -1000 || value > 1000 ? -1000 : static_cast<int>(value);
    };
    storage::SurveyAnswer answer;
    answer.grade = narrow(*grade);
    answer.helped = *helped;
    if (nps) answer.nps = narrow(*nps);
    if (effort) answer.effort = narrow(*effort);
    if (comment) answer.comment = *comment;
    if (auto checked = SurveyService::check_answer(answer); !checked) {
      return error_response(checked.error());
    }
    auto answered = surveys.answer(*token, answer);
    if (!answered) return survey_problem(answered.error());
    return json_response(201, {{"answered", true}});
  });
  api.add("GET", "/survey", pub, [&surveys](Api::Context& ctx) { return survey_page(ctx, surveys); });
  api.add("POST", "/survey", pub, [&surveys](Api::Context& ctx) { return survey_submit(ctx, surveys); });
}

}  // namespace sp::http
