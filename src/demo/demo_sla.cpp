#include "demo/demo_sla.hpp"

#include <algorithm>

#include "charter/charter.hpp"
#include "charter/charter_json.hpp"

#include <nlohmann/json.hpp>

#include "sla/calendar_json.hpp"
#include "sla/policy_json.hpp"

namespace sp::demo {

namespace {

using nlohmann::json;

json calendar_for(const std::string& slug) {
  if (slug == "telnet-nl") {
    json day = json::array({json::array({"08:00", "20:00"})});
    return {
        {"timezone", "Europe/Amsterdam"},
        {"weekly",
         {{"mon", day},
          {"tue", day},
          {"wed", day},
          {"thu", day},
          {"fri", day},
          {"sat", json::array({json::array({"09:00", "17:00"})})},
          {"sun", json::array()}}},
        {"holidays", {"2026-04-27", "2026-05-05", "2026-12-25", "2026-12-26", "2027-01-01", "2027-04-27"}},
        {"overrides",
         {{"2026-12-24", json::array({json::array({"08:00", "16:00"})})},
          {"2026-12-31", json::array({json::array({"08:00", "16:00"})})}}}};
  }
  if (slug == "brightbasket-uk") {
    json day = json::array({json::array({"09:00", "17:30"})});
    return {{"timezone", "Europe/London"},
            {"weekly", {{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}}},
            {"holidays", {"2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01"}},
            {"overrides", json::object()}};
  }
  // A Chinese consumer brand answers every day, long hours, closed on national holidays.
  json day = json::array({json::array({"09:00", "21:00"})});
  return {
      {"timezone", "Asia/Shanghai"},
      {"weekly",
       {{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}, {"sat", day}, {"sun", day}}},
      {"holidays", {"2026-10-01", "2026-10-02", "2026-10-03", "2027-02-06", "2027-02-07", "2027-02-08"}},
      {"overrides", json::object()}};
}

std::vector<json> policies_for(std::int64_t calendar_id) {
  return {
      {{"name", "Major complaints"},
       {"position", 1},
       {"calendar_id", calendar_id},
       {"conditions", {{"categories", {"major_complaint"}}}},
       {"targets",
        {{"first_response_minutes", 30},
         {"next_response_minutes", 60},
         {"periodic_update_minutes", 240},
         {"resolution_minutes", 1440}}},
       {"escalation",
        {{{"target", "first_response"}, {"at", 0.75}, {"action", "notify_assignee"}},
         {{"target", "first_response"}, {"at", 1.0}, {"action", "notify_team_lead"}},
         {{"target", "first_response"}, {"at", 1.0}, {"action", "raise_priority"}},
         {{"target", "resolution"}, {"at", 1.0}, {"action", "notify_manager"}}}}},
      {{"name", "Urgent"},
       {"position", 2},
       {"calendar_id", calendar_id},
       {"conditions", {{"priorities", {"urgent"}}}},
       {"targets",
        {{"first_response_minutes", 60}, {"next_response_minutes", 120}, {"resolution_minutes", 480}}},
       {"escalation", {{{"target", "first_response"}, {"at", 1.0}, {"action", "notify_team_lead"}}}}},
      {{"name", "Standard"},
       {"position", 10},
       {"calendar_id", calendar_id},
       {"targets",
        {{"first_response_minutes", 240},
         {"next_response_minutes", 480},
         {"periodic_update_minutes", 1440},
         {"resolution_minutes", 2400}}},
       {"escalation", {{{"target", "resolution"}, {"at", 1.0}, {"action", "notify_team_lead"}}}}},
  };
}

}  // namespace

// Each demo tenant publishes a service charter (the example one, in its own name and zone),
// so the public page and the commitment letter work out of the box.
Result<void> seed_demo_charters(storage::Store& store) {
  auto tenants = store.list_tenants(storage::Scope::platform());
  if (!tenants) return tenants.error();
  for (const auto& tenant : *tenants) {
    auto key = charter::charter_setting_key(tenant.id);
    auto existing = store.get_setting(key);
    if (!existing) return existing.error();
    if (*existing) continue;
    auto demo = charter::example_charter();
    demo.organisation = charter::LocalText(tenant.name);
    demo.time_zone = tenant.timezone;
    demo.contacts.front().address = "support@" + tenant.slug + ".example";
    std::stable_partition(demo.languages.begin(), demo.languages.end(),
                          [&](domain::Language l) { return l == tenant.default_language; });
    SP_TRY(charter::validate(demo));
    SP_TRY(store.put_setting(key, charter::to_json(demo).dump()));
  }
  return {};
}

Result<int> seed_demo_sla(storage::Store& store, storage::SlaStore& sla_store, Timestamp now) {
  SP_TRY(seed_demo_charters(store));
  auto done = store.get_setting("demo_sla_seeded");
  if (!done) return done.error();
  if (*done) return 0;
  auto tenants = store.list_tenants(storage::Scope::platform());
  if (!tenants) return tenants.error();
  int created = 0;
  for (const auto& tenant : *tenants) {
    auto calendar = sla::parse_calendar_json(calendar_for(tenant.slug));
    if (!calendar) return calendar.error();
    auto record = sla_store.create_calendar(
        storage::CalendarRecord{0, tenant.id, "Opening hours", sla::to_json(*calendar).dump(), now, now});
    if (!record) return record.error();
    for (const auto& body : policies_for(record->id)) {
      auto policy = sla::parse_policy_json(body);
      if (!policy) return policy.error();
      auto stored = sla_store.create_policy(storage::PolicyRecord{0, tenant.id, policy->name,
                                                                  policy->position, policy->calendar_id,
                                                                  sla::to_json(*policy).dump(), now, now});
      if (!stored) return stored.error();
      ++created;
    }
  }
  SP_TRY(store.put_setting("demo_sla_seeded", "1"));
  return created;
}

}  // namespace sp::demo
