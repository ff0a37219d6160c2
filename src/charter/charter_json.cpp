#include "charter/charter_json.hpp"

#include <cmath>
#include <set>
#include <string>

namespace sp::charter {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxList = 100;
constexpr std::size_t kMaxText = 1000;

Error field_error(const std::string& field, const std::string& why) {
  return invalid_input(field + ": " + why, field);
}

std::string_view type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_float:
      return "a fractional number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    default:
      return "an unsupported value";
  }
}

Error type_error(const std::string& field, std::string_view expected, const json& value) {
  return field_error(field, "must be " + std::string(expected) + ", got " + std::string(type_name(value)));
}

std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

// Walks one JSON object: hands out members by name and rejects the ones nobody asked for.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

  std::string field(const std::string& key) const { return join(path_, key); }
  const json* find(const std::string& key) {
    seen_.insert(key);
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }
  Result<const json*> require(const std::string& key) {
    const json* value = find(key);
    if (value == nullptr) {
      return field_error(field(key), "is required");
    }
    return value;
  }
  Result<void> finish() const {
    for (const auto& [key, value] : object_.items()) {
      if (!seen_.contains(key)) {
        return field_error(field(key.substr(0, 64)), "unknown key");
      }
    }
    return {};
  }

 private:
  const json& object_;
  std::string path_;
  std::set<std::string> seen_;
};

Result<std::string> read_string(const json& value, const std::string& field) {
  if (!value.is_string()) return type_error(field, "a string", value);
  auto text = value.get<std::string>();
  if (text.size() > kMaxText) {
    return field_error(field, "is longer than " + std::to_string(kMaxText) + " bytes");
  }
  return text;
}

Result<std::int64_t> read_int(const json& value, const std::string& field, std::int64_t min,
                              std::int64_t max) {
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!value.is_number_integer() && !value.is_number_unsigned()) {
    return type_error(field, range, value);
  }
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    return field_error(field, "must be " + range);
  }
  const auto number = value.get<std::int64_t>();
  if (number < min || number > max) {
    return field_error(field, "must be " + range);
  }
  return number;
}

Result<double> read_number(const json& value, const std::string& field) {
  if (!value.is_number()) return type_error(field, "a number", value);
  const double number = value.get<double>();
  if (!std::isfinite(number)) return field_error(field, "must be a finite number");
  return number;
}

Result<LocalText> read_text(const json& value, const std::string& field) {
  if (value.is_string()) {
    auto text = read_string(value, field);
    if (!text.ok()) return text.error();
    return LocalText(*text);
  }
  if (!value.is_object()) {
    return type_error(field, "a string or an object of translations", value);
  }
  ObjectReader reader(value, field);
  LocalText text;
  if (const json* fallback = reader.find("default")) {
    auto read = read_string(*fallback, reader.field("default"));
    if (!read.ok()) return read.error();
    text.text = *read;
  }
  for (const auto language : {domain::Language::Nl, domain::Language::En, domain::Language::Zh}) {
    const std::string key(domain::to_string(language));
    if (const json* translated = reader.find(key)) {
      auto read = read_string(*translated, reader.field(key));
      if (!read.ok()) return read.error();
      text.set(language, *read);
    }
  }
  SP_TRY(reader.finish());
  if (text.text.empty()) {
    for (const auto language : {domain::Language::En, domain::Language::Nl, domain::Language::Zh}) {
      const auto& translated = text.by_language[static_cast<std::size_t>(language)];
      if (translated && !translated->empty()) {
        text.text = *translated;
        break;
      }
    }
  }
  return text;
}

json text_json(const LocalText& text) {
  bool translated = false;
  for (const auto& t : text.by_language) translated = translated || t.has_value();
  if (!translated) return text.text;
  json object = json::object();
  object["default"] = text.text;
  for (const auto language : {domain::Language::Nl, domain::Language::En, domain::Language::Zh}) {
    const auto& t = text.by_language[static_cast<std::size_t>(language)];
    if (t) object[std::string(domain::to_string(language))] = *t;
  }
  return object;
}

// Reads a named enum through `parse`, reporting the parser's message under `field`.
template <typename Parse>
auto read_enum(const json& value, const std::string& field, Parse parse)
    -> decltype(parse(std::string_view{})) {
  if (!value.is_string()) return type_error(field, "a string", value);
  auto parsed = parse(value.get_ref<const std::string&>());
  if (!parsed.ok()) return field_error(field, parsed.error().message);
  return parsed;
}

Result<const json*> read_array(const json& value, const std::string& field) {
  if (!value.is_array()) return type_error(field, "an array", value);
  if (value.size() > kMaxList) {
    return field_error(field, "has more than " + std::to_string(kMaxList) + " entries");
  }
  return &value;
}

Result<const json*> read_object(const json& value, const std::string& field) {
  if (!value.is_object()) return type_error(field, "an object", value);
  return &value;
}

// Helpers that read `key` of `reader` into `out` when present (or fail when required).
#define SP_READ(expr, out)                       \
  do {                                           \
    auto sp_read_ = (expr);                      \
    if (!sp_read_.ok()) return sp_read_.error(); \
    out = std::move(*sp_read_);                  \
  } while (0)

Result<TimeTarget> read_target(const json& value, const std::string& field) {
  SP_TRY(read_object(value, field));
  ObjectReader reader(value, field);
  TimeTarget target;
  const json* minutes = nullptr;
  SP_READ(reader.require("minutes"), minutes);
  SP_READ(read_int(*minutes, reader.field("minutes"), 1, 525600), target.minutes);
  if (const json* basis = reader.find("basis")) {
    SP_READ(read_enum(*basis, reader.field("basis"), parse_time_basis), target.basis);
  }
  SP_TRY(reader.finish());
  return target;
}

Result<ContactChannel> read_contact(const json& value, const std::string& field) {
  SP_TRY(read_object(value, field));
  ObjectReader reader(value, field);
  ContactChannel contact;
  const json* member = nullptr;
  SP_READ(reader.require("channel"), member);
  SP_READ(read_enum(*member, reader.field("channel"), domain::parse_channel), contact.channel);
  SP_READ(reader.require("address"), member);
  SP_READ(read_string(*member, reader.field("address")), contact.address);
  if ((member = reader.find("hours"))) {
    SP_READ(read_text(*member, reader.field("hours")), contact.hours);
  }
  SP_TRY(reader.finish());
  return contact;
}

Result<ChannelPromise> read_promise(const json& value, const std::string& field) {
  SP_TRY(read_object(value, field));
  ObjectReader reader(value, field);
  ChannelPromise promise;
  const json* member = nullptr;
  SP_READ(reader.require("channel"), member);
  SP_READ(read_enum(*member, reader.field("channel"), domain::parse_channel), promise.channel);
  if ((member = reader.find("calendar_id"))) {
    SP_READ(read_string(*member, reader.field("calendar_id")), promise.calendar_id);
  }
  SP_READ(reader.require("first_response"), member);
  SP_READ(read_target(*member, reader.field("first_response")), promise.first_response);
  SP_READ(reader.require("resolution"), member);
  SP_READ(read_target(*member, reader.field("resolution")), promise.resolution);
  SP_TRY(reader.finish());
  return promise;
}

Result<KpiThreshold> read_threshold(const json& value, const std::string& field) {
  SP_TRY(read_object(value, field));
  ObjectReader reader(value, field);
  KpiThreshold threshold;
  const json* member = nullptr;
  SP_READ(reader.require("kpi"), member);
  SP_READ(read_string(*member, reader.field("kpi")), threshold.kpi);
  SP_READ(reader.require("comparator"), member);
  SP_READ(read_enum(*member, reader.field("comparator"), parse_comparator), threshold.comparator);
  SP_READ(reader.require("value"), member);
  SP_READ(read_number(*member, reader.field("value")), threshold.value);
  SP_READ(reader.require("unit"), member);
  SP_READ(read_enum(*member, reader.field("unit"), parse_unit), threshold.unit);
  if ((member = reader.find("channel")) && !member->is_null()) {
    domain::Channel channel{};
    SP_READ(read_enum(*member, reader.field("channel"), domain::parse_channel), channel);
    threshold.channel = channel;
  }
  SP_TRY(reader.finish());
  return threshold;
}

template <typename T, typename ReadOne>
Result<std::vector<T>> read_list(const json& value, const std::string& field, ReadOne read_one) {
  SP_TRY(read_array(value, field));
  std::vector<T> items;
  for (std::size_t index = 0; index < value.size(); ++index) {
    auto item = read_one(value[index], field + "[" + std::to_string(index) + "]");
    if (!item.ok()) return item.error();
    items.push_back(std::move(*item));
  }
  return items;
}

Result<BreachRules> read_breach_rules(const json& value, const std::string& field) {
  SP_TRY(read_object(value, field));
  ObjectReader reader(value, field);
  BreachRules rules;
  const json* member = nullptr;
  if ((member = reader.find("major_overrun_percent"))) {
    if (member->is_null()) {
      rules.major_overrun_percent.reset();
    } else {
      double percent = 0;
      SP_READ(read_number(*member, reader.field("major_overrun_percent")), percent);
      rules.major_overrun_percent = percent;
    }
  }
  if ((member = reader.find("major_priorities"))) {
    SP_READ(read_list<domain::Priority>(
                *member, reader.field("major_priorities"),
                [](const json& v, const std::string& f) { return read_enum(v, f, domain::parse_priority); }),
            rules.major_priorities);
  }
  if ((member = reader.find("major_categories"))) {
    SP_READ(read_list<std::string>(*member, reader.field("major_categories"), read_string),
            rules.major_categories);
  }
  SP_TRY(reader.finish());
  return rules;
}

Result<ComplaintRoute> read_route(const json& value, const std::string& field) {
  SP_TRY(read_object(value, field));
  ObjectReader reader(value, field);
  ComplaintRoute route;
  const json* member = nullptr;
  SP_READ(reader.require("negotiation_contact"), member);
  SP_READ(read_text(*member, reader.field("negotiation_contact")), route.negotiation_contact);
  if ((member = reader.find("negotiation_days"))) {
    SP_READ(read_int(*member, reader.field("negotiation_days"), 1, 365), route.negotiation_days);
  }
  SP_READ(reader.require("arbitration_body"), member);
  SP_READ(read_text(*member, reader.field("arbitration_body")), route.arbitration_body);
  SP_READ(reader.require("court"), member);
  SP_READ(read_text(*member, reader.field("court")), route.court);
  SP_READ(reader.require("governing_law"), member);
  SP_READ(read_text(*member, reader.field("governing_law")), route.governing_law);
  SP_TRY(reader.finish());
  return route;
}

Result<Rhythm> read_rhythm(const json& value, const std::string& field) {
  SP_TRY(read_object(value, field));
  ObjectReader reader(value, field);
  Rhythm rhythm;
  if (const json* time = reader.find("daily_self_check_time")) {
    std::string text;
    SP_READ(read_string(*time, reader.field("daily_self_check_time")), text);
    auto minute = parse_minute_of_day(text);
    if (!minute.ok()) {
      return field_error(reader.field("daily_self_check_time"), minute.error().message);
    }
    rhythm.daily_self_check_minute = *minute;
  }
  const std::array<std::pair<const char*, int*>, 7> counts = {{
      {"self_checks_per_day", &rhythm.self_checks_per_day},
      {"weekly_feedback_summaries", &rhythm.weekly_feedback_summaries},
      {"monthly_trainings", &rhythm.monthly_trainings},
      {"quarterly_drills", &rhythm.quarterly_drills},
      {"daily_qa_samples", &rhythm.daily_qa_samples},
      {"monthly_mystery_shops", &rhythm.monthly_mystery_shops},
      {"semiannual_quality_reports", &rhythm.semiannual_quality_reports},
  }};
  for (const auto& [key, out] : counts) {
    if (const json* member = reader.find(key)) {
      std::int64_t count = 0;
      SP_READ(read_int(*member, reader.field(key), 0, 1000), count);
      *out = static_cast<int>(count);
    }
  }
  SP_TRY(reader.finish());
  return rhythm;
}

Result<Charter> read_charter(const json& value) {
  if (!value.is_object()) return type_error("charter", "an object", value);
  ObjectReader reader(value, "");
  Charter charter;
  const json* member = nullptr;
  SP_READ(reader.require("organisation"), member);
  SP_READ(read_text(*member, "organisation"), charter.organisation);
  SP_READ(reader.require("letter_number"), member);
  SP_READ(read_string(*member, "letter_number"), charter.letter_number);
  if ((member = reader.find("time_zone"))) {
    SP_READ(read_string(*member, "time_zone"), charter.time_zone);
  }
  SP_READ(reader.require("signing"), member);
  {
    SP_TRY(read_object(*member, "signing"));
    ObjectReader signing(*member, "signing");
    const json* inner = nullptr;
    SP_READ(signing.require("place"), inner);
    SP_READ(read_text(*inner, signing.field("place")), charter.signing_place);
    SP_READ(signing.require("date"), inner);
    SP_READ(read_string(*inner, signing.field("date")), charter.signing_date);
    SP_READ(signing.require("signatory"), inner);
    SP_TRY(read_object(*inner, signing.field("signatory")));
    ObjectReader signatory(*inner, signing.field("signatory"));
    const json* part = nullptr;
    SP_READ(signatory.require("name"), part);
    SP_READ(read_text(*part, signatory.field("name")), charter.signatory.name);
    SP_READ(signatory.require("title"), part);
    SP_READ(read_text(*part, signatory.field("title")), charter.signatory.title);
    SP_TRY(signatory.finish());
    SP_TRY(signing.finish());
  }
  if ((member = reader.find("contacts"))) {
    SP_READ(read_list<ContactChannel>(*member, "contacts", read_contact), charter.contacts);
  }
  if ((member = reader.find("promises"))) {
    SP_READ(read_list<ChannelPromise>(*member, "promises", read_promise), charter.promises);
  }
  if ((member = reader.find("promise_statistic"))) {
    SP_READ(read_enum(*member, "promise_statistic", parse_promise_statistic), charter.promise_statistic);
  }
  if ((member = reader.find("thresholds"))) {
    SP_READ(read_list<KpiThreshold>(*member, "thresholds", read_threshold), charter.thresholds);
  }
  if ((member = reader.find("major_complaint_response_minutes"))) {
    SP_READ(read_int(*member, "major_complaint_response_minutes", 1, 525600),
            charter.major_complaint_response_minutes);
  }
  if ((member = reader.find("breach_rules"))) {
    SP_READ(read_breach_rules(*member, "breach_rules"), charter.breach_rules);
  }
  if ((member = reader.find("costs")) && !member->is_null()) {
    SP_TRY(read_object(*member, "costs"));
    ObjectReader costs(*member, "costs");
    Costs c;
    const json* item = nullptr;
    if ((item = costs.find("currency"))) SP_READ(read_string(*item, costs.field("currency")), c.currency);
    SP_READ(costs.require("cost_per_agent_hour"), item);
    SP_READ(read_number(*item, costs.field("cost_per_agent_hour")), c.cost_per_agent_hour);
    SP_READ(costs.require("agent_minutes_per_handled_contact"), item);
    SP_READ(read_number(*item, costs.field("agent_minutes_per_handled_contact")),
            c.agent_minutes_per_handled_contact);
    SP_TRY(costs.finish());
    charter.costs = c;
  }
  SP_READ(reader.require("complaint_route"), member);
  SP_READ(read_route(*member, "complaint_route"), charter.complaint_route);
  if ((member = reader.find("rhythm"))) {
    SP_READ(read_rhythm(*member, "rhythm"), charter.rhythm);
  }
  if ((member = reader.find("languages"))) {
    SP_READ(read_list<domain::Language>(
                *member, "languages",
                [](const json& v, const std::string& f) { return read_enum(v, f, domain::parse_language); }),
            charter.languages);
  }
  SP_TRY(reader.finish());
  return charter;
}

#undef SP_READ

json target_json(const TimeTarget& target) {
  return json{{"minutes", target.minutes}, {"basis", std::string(to_string(target.basis))}};
}

}  // namespace

Result<Charter> charter_from_json(const nlohmann::json& json) {
  try {
    auto charter = read_charter(json);
    if (!charter.ok()) return charter.error();
    SP_TRY(validate(*charter));
    return charter;
  } catch (const std::exception& error) {
    // nlohmann throws only on misuse; keep the pure core exception-free at its boundary.
    return invalid_input(std::string("charter: ") + error.what(), "charter");
  }
}

nlohmann::json to_json(const Charter& charter) {
  json contacts = json::array();
  for (const auto& contact : charter.contacts) {
    contacts.push_back(json{{"channel", std::string(domain::to_string(contact.channel))},
                            {"address", contact.address},
                            {"hours", text_json(contact.hours)}});
  }
  json promises = json::array();
  for (const auto& promise : charter.promises) {
    promises.push_back(json{{"channel", std::string(domain::to_string(promise.channel))},
                            {"calendar_id", promise.calendar_id},
                            {"first_response", target_json(promise.first_response)},
                            {"resolution", target_json(promise.resolution)}});
  }
  json thresholds = json::array();
  for (const auto& threshold : charter.thresholds) {
    json item{{"kpi", threshold.kpi},
              {"comparator", std::string(to_string(threshold.comparator))},
              {"value", threshold.value},
              {"unit", std::string(to_string(threshold.unit))}};
    item["channel"] =
        threshold.channel ? json(std::string(domain::to_string(*threshold.channel))) : json(nullptr);
    thresholds.push_back(std::move(item));
  }
  json priorities = json::array();
  for (const auto priority : charter.breach_rules.major_priorities) {
    priorities.push_back(std::string(domain::to_string(priority)));
  }
  json languages = json::array();
  for (const auto language : charter.languages) {
    languages.push_back(std::string(domain::to_string(language)));
  }
  const Rhythm& rhythm = charter.rhythm;
  return json{
      {"organisation", text_json(charter.organisation)},
      {"letter_number", charter.letter_number},
      {"time_zone", charter.time_zone},
      {"signing",
       {{"place", text_json(charter.signing_place)},
        {"date", charter.signing_date},
        {"signatory",
         {{"name", text_json(charter.signatory.name)}, {"title", text_json(charter.signatory.title)}}}}},
      {"contacts", contacts},
      {"promises", promises},
      {"promise_statistic", std::string(to_string(charter.promise_statistic))},
      {"thresholds", thresholds},
      {"major_complaint_response_minutes", charter.major_complaint_response_minutes},
      {"breach_rules",
       {{"major_overrun_percent", charter.breach_rules.major_overrun_percent
                                      ? json(*charter.breach_rules.major_overrun_percent)
                                      : json(nullptr)},
        {"major_priorities", priorities},
        {"major_categories", charter.breach_rules.major_categories}}},
      {"costs", charter.costs ? json{{"currency", charter.costs->currency},
                                     {"cost_per_agent_hour", charter.costs->cost_per_agent_hour},
                                     {"agent_minutes_per_handled_contact",
                                      charter.costs->agent_minutes_per_handled_contact}}
                              : json(nullptr)},
      {"complaint_route",
       {{"negotiation_contact", text_json(charter.complaint_route.negotiation_contact)},
        {"negotiation_days", charter.complaint_route.negotiation_days},
        {"arbitration_body", text_json(charter.complaint_route.arbitration_body)},
        {"court", text_json(charter.complaint_route.court)},
        {"governing_law", text_json(charter.complaint_route.governing_law)}}},
      {"rhythm",
       {{"daily_self_check_time", format_minute_of_day(rhythm.daily_self_check_minute)},
        {"self_checks_per_day", rhythm.self_checks_per_day},
        {"weekly_feedback_summaries", rhythm.weekly_feedback_summaries},
        {"monthly_trainings", rhythm.monthly_trainings},
        {"quarterly_drills", rhythm.quarterly_drills},
        {"daily_qa_samples", rhythm.daily_qa_samples},
        {"monthly_mystery_shops", rhythm.monthly_mystery_shops},
        {"semiannual_quality_reports", rhythm.semiannual_quality_reports}}},
      {"languages", languages},
  };
}

std::string charter_setting_key(domain::TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".charter";
}

}  // namespace sp::charter
