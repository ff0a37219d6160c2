// The words and numbers behind the demo data: the three demo tenants, their teams and
// staff, the names their customers have, when their customers write and on which channels,
// and the message templates per ticket category in each tenant's language (Dutch telecom,
// English webshop, Chinese electronics). Plain constant tables, no logic beyond lookup.
//
// Templates may contain placeholders that demo_generate.cpp fills per ticket: {hon} (how an
// agent addresses the customer), {first}, {full}, {agent}, {order}, {amount}, {product},
// {city}, {custno}, {date} (a few days after the message) and {digits} (four digits).
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace sp::demo {

// Every demo account (agents of all tenants and the platform administrator) has this
// password, so the printed login list is all a visitor needs.
inline constexpr std::string_view kDemoPassword = "demo-password-1";
inline constexpr std::string_view kPlatformAdminEmail = "admin@servicepact.test";
inline constexpr std::string_view kPlatformAdminName = "Platform Administrator";

// A name as shown, and its ASCII form for e-mail addresses (pinyin for Chinese). An empty
// `ascii` means "lower-case `shown` without spaces and apostrophes".
struct NamePart {
  std::string_view shown;
  std::string_view ascii = {};
};

struct StaffSpec {
  NamePart first;
  NamePart last;
  domain::Role role = domain::Role::Agent;
  int team = -1;  // index into TenantContent::teams; -1 for none
};

// Minutes after local midnight; open == close means closed all day.
struct OpeningHours {
  int open_minute = 0;
  int close_minute = 0;
};

// One kind of request and how it goes: the customer's words, what the agent asks, the
// customer's answer, the solution, the "waiting on a third party" message and what the
// customer says if it comes back. Keeping these together keeps each thread coherent.
struct Scenario {
  std::vector<std::string_view> subjects;  // one is picked
  std::vector<std::string_view> openings;  // the customer's first message; one is picked
  std::string_view ask_info;
  std::string_view customer_info;
  std::string_view solution;
  std::string_view hold;
  std::string_view reopen;
};

struct CategoryContent {
  std::string_view category;           // stored on the ticket ("billing")
  double weight = 0;                   // relative share of the tenant's tickets
  int team = 0;                        // the team that handles it
  std::vector<std::string_view> tags;  // one or two are put on each ticket
  std::vector<Scenario> scenarios;
};

// A burst of tickets about one cause, such as a network outage in one city, so reports
// show a peak that has a story.
struct Incident {
  std::string_view category;
  int days_ago = 0;          // local day the incident starts, counted back from `now`
  int local_start_hour = 0;  // first tickets arrive at this local hour
  int hours = 0;             // tickets keep arriving for this long
  int tickets = 0;
  std::string_view tag;
  std::string_view city;  // {city} in its texts; empty for a random city
  std::vector<Scenario> scenarios;
};

struct TenantContent {
  std::string_view slug;
  std::string_view name;
  std::string_view timezone;  // IANA, stored on the tenant
  domain::Language language = domain::Language::En;
  // Demo arrival times only approximate the zone: a fixed offset, plus one hour between
  // the last Sundays of March and October where the EU (and UK) rule applies.
  int utc_offset_minutes = 0;
  bool eu_summer_time = false;
  std::array<OpeningHours, 7> hours;     // by weekday, Sunday = 0
  std::array<double, 7> weekday_weight;  // relative ticket volume, Sunday = 0
  std::array<double, 24> hour_weight;    // relative ticket volume by local hour
  std::array<double, 5> channel_weight;  // email, web, chat, phone, social
  std::vector<std::string_view> teams;
  std::vector<StaffSpec> staff;  // the first admin logs in as admin@<slug>.test

  int customers = 0;
  int tickets = 0;  // including incident tickets
  std::vector<NamePart> male_first;
  std::vector<NamePart> female_first;
  std::vector<NamePart> last_names;
  bool family_name_first = false;  // "王芳", not "Fang Wang"
  std::string_view phone_prefix;   // "+316"
  int phone_digits = 0;            // random digits after the prefix
  std::string_view male_title;     // zh: "先生", appended to the family name in {hon}
  std::string_view female_title;

  std::vector<std::string_view> cities;
  std::vector<std::string_view> products;
  std::string_view order_prefix;  // "#" or "HX"
  int order_digits = 0;
  int amount_min = 0;  // {amount} range in whole currency units
  int amount_max = 0;

  std::vector<CategoryContent> categories;
  std::vector<Incident> incidents;

  // Letter frames. Chat and social messages go without greeting and sign-off.
  std::string_view word_gap;  // " ", or "" for Chinese
  std::string_view agent_greeting;
  std::string_view agent_signoff;
  std::vector<std::string_view> customer_greetings;
  std::vector<std::string_view> customer_signoffs;
  std::vector<std::string_view> chases;     // customer: "still no answer?"
  std::vector<std::string_view> thanks;     // customer after a solution
  std::vector<std::string_view> notes;      // internal notes
  std::vector<std::string_view> reminders;  // agent, when the customer does not answer
  std::string_view phone_intro;             // agent's written follow-up to a call
  std::string_view escalation_note;
  std::string_view handover_note;
  std::string_view hold_note;
  std::array<std::string_view, 12> months;
  std::array<std::string_view, 7> weekdays;  // Sunday = 0
};

// The three demo tenants, in the order they are created.
const std::vector<TenantContent>& demo_tenants();

}  // namespace sp::demo
