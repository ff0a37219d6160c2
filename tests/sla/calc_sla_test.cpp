// The line evaluator behind `servicepact calc sla`.
#include "sla/calc_sla.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace sp::sla {
namespace {

using nlohmann::json;

const std::string kOffice =
    R"({"timezone":"Europe/Amsterdam","weekly":{"mon":[["09:00","17:00"]],)"
    R"("tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],)"
    R"("fri":[["09:00","17:00"]]}})";

const std::string kPolicy =
    R"({"name":"Standard","targets":{"first_response_minutes":60,"resolution_minutes":480}})";

// A request with the office calendar and `policy`, events and `at`.
std::string line(const std::string& events, const std::string& at, const std::string& policy = kPolicy) {
  return R"({"calendar":)" + kOffice + R"(,"policy":)" + policy + R"(,"events":)" + events + R"(,"at":")" +
         at + R"("})";
}

json answer(const std::string& request) {
  json out = json::parse(calc_sla_line(request), nullptr, false);
  EXPECT_FALSE(out.is_discarded());
  return out;
}

const std::string kCreated = R"({"at":"2026-11-23T09:00:00+01:00","type":"created","status":"new"})";

TEST(CalcSla, ListsEveryCycleWithItsDueTimes) {
  const json out = answer(line("[" + kCreated + "]", "2026-11-23T09:30:00+01:00"));
  ASSERT_TRUE(out.contains("cycles")) << out.dump();
  EXPECT_EQ(out["policy"], "Standard");
  ASSERT_EQ(out["cycles"].size(), 2u);
  const json& first = out["cycles"][0];
  EXPECT_EQ(first["target"], "first_response");
  EXPECT_EQ(first["cycle"], 1);
  EXPECT_EQ(first["state"], "running");
  EXPECT_EQ(first["started_at"], "2026-11-23T08:00:00Z");
  EXPECT_EQ(first["due_at"], "2026-11-23T09:00:00Z");
  EXPECT_EQ(first["at_risk_at"], "2026-11-23T08:45:00Z");
  EXPECT_EQ(first["met_at"], nullptr);
  EXPECT_EQ(first["business_seconds_used"], 1800);
  EXPECT_EQ(first["business_seconds_remaining"], 1800);
  EXPECT_EQ(out["cycles"][1]["target"], "resolution");
  EXPECT_EQ(out["next_deadline"], "2026-11-23T08:45:00Z");
  EXPECT_EQ(out["notices"], json::array());
}

TEST(CalcSla, ReplaysMessagesAndStatusesAndReportsNoticesReached) {
  const std::string events = "[" + kCreated +
                             R"(,{"at":"2026-11-23T10:30:00+01:00","type":"message","direction":"outbound"})"
                             R"(,{"at":"2026-11-23T10:30:00+01:00","type":"status","to":"pending"})"
                             R"(,{"at":"2026-11-23T11:00:00+01:00","type":"message","direction":"note"}])";
  const json out = answer(line(events, "2026-11-24T09:00:00+01:00"));
  ASSERT_TRUE(out.contains("cycles")) << out.dump();
  const json& first = out["cycles"][0];
  EXPECT_EQ(first["state"], "breached");
  EXPECT_EQ(first["met_at"], "2026-11-23T09:30:00Z");
  const json& resolution = out["cycles"][1];
  EXPECT_EQ(resolution["state"], "paused");
  EXPECT_EQ(resolution["business_seconds_used"], 5400);
  ASSERT_EQ(out["notices"].size(), 2u);
  EXPECT_EQ(
      out["notices"][0],
      json(
          {{"target", "first_response"}, {"cycle", 1}, {"kind", "at_risk"}, {"at", "2026-11-23T08:45:00Z"}}));
  EXPECT_EQ(out["notices"][1]["kind"], "breached");
  EXPECT_EQ(out["next_deadline"], nullptr);
}

TEST(CalcSla, APolicyEventAppliesToTheWholeHistoryOnceInForce) {
  const std::string events =
      "[" + kCreated +
      R"(,{"at":"2026-11-23T09:10:00+01:00","type":"policy","policy":{"name":"Fast","targets":{"first_response_minutes":30}}}])";
  json out = answer(line(events, "2026-11-23T09:05:00+01:00"));
  EXPECT_EQ(out["policy"], "Standard") << "not yet in force";
  out = answer(line(events, "2026-11-23T09:20:00+01:00"));
  EXPECT_EQ(out["policy"], "Fast");
  ASSERT_EQ(out["cycles"].size(), 1u);
  EXPECT_EQ(out["cycles"][0]["due_at"], "2026-11-23T08:30:00Z");
}

// Created 09:00 with first response 60 and resolution 480; at 09:10 the policy changes to
// first response 240 and next response 30 in `mode`; the reply at 09:30 and the customer's
// message at 10:00 start a next-response cycle after the change.
json changed_in(const std::string& mode) {
  const std::string change =
      R"({"at":"2026-11-23T09:10:00+01:00","type":"policy","policy":{"name":"Slow","targets":)"
      R"({"first_response_minutes":240,"next_response_minutes":30,"resolution_minutes":480}})" +
      (mode.empty() ? std::string() : R"(,"mode":")" + mode + R"(")") + "}";
  const std::string events = "[" + kCreated + "," + change +
                             R"(,{"at":"2026-11-23T09:20:00+01:00","type":"message","direction":"note"})"
                             R"(,{"at":"2026-11-23T10:00:00+01:00","type":"message","direction":"inbound"}])";
  return answer(line(events, "2026-11-23T09:40:00+01:00"));
}

TEST(CalcSla, APolicyEventChangesRunningCyclesAsItsModeSays) {
  // Retroactive (also when no mode is given): the running first response gets 240 minutes.
  for (const std::string mode : {"", "retroactive"}) {
    const json out = changed_in(mode);
    ASSERT_TRUE(out.contains("cycles")) << out.dump();
    EXPECT_EQ(out["policy"], "Slow");
    EXPECT_EQ(out["cycles"][0]["due_at"], "2026-11-23T12:00:00Z") << mode;
  }
  // Prospective and keep_promised: it keeps the hour it started with (promised 10:00 CET).
  for (const std::string mode : {"prospective", "keep_promised"}) {
    const json out = changed_in(mode);
    ASSERT_TRUE(out.contains("cycles")) << out.dump();
    EXPECT_EQ(out["cycles"][0]["target"], "first_response");
    EXPECT_EQ(out["cycles"][0]["due_at"], "2026-11-23T09:00:00Z") << mode;
    EXPECT_EQ(out["cycles"][0]["business_seconds_remaining"], 20 * 60) << mode;
  }
}

TEST(CalcSla, KeepPromisedLetsADueTimeMoveEarlier) {
  const std::string events =
      "[" + kCreated +
      R"(,{"at":"2026-11-23T09:10:00+01:00","type":"policy","mode":"keep_promised","policy":{"name":"Fast",)"
      R"("targets":{"first_response_minutes":30,"resolution_minutes":480}}}])";
  const json out = answer(line(events, "2026-11-23T09:20:00+01:00"));
  ASSERT_TRUE(out.contains("cycles")) << out.dump();
  EXPECT_EQ(out["cycles"][0]["due_at"], "2026-11-23T08:30:00Z");
}

TEST(CalcSla, NewCyclesAfterAProspectiveChangeGetTheNewTargets) {
  const std::string events =
      "[" + kCreated +
      R"(,{"at":"2026-11-23T09:10:00+01:00","type":"policy","mode":"prospective","policy":{"name":"Slow",)"
      R"("targets":{"first_response_minutes":240,"next_response_minutes":30}}})"
      R"(,{"at":"2026-11-23T09:30:00+01:00","type":"message","direction":"outbound"})"
      R"(,{"at":"2026-11-23T10:00:00+01:00","type":"message","direction":"inbound"}])";
  const json out = answer(line(events, "2026-11-23T10:05:00+01:00"));
  ASSERT_TRUE(out.contains("cycles")) << out.dump();
  ASSERT_EQ(out["cycles"].size(), 2u) << out.dump();
  EXPECT_EQ(out["cycles"][0]["due_at"], "2026-11-23T09:00:00Z");  // kept: 60 minutes
  EXPECT_EQ(out["cycles"][1]["target"], "next_response");
  EXPECT_EQ(out["cycles"][1]["due_at"], "2026-11-23T09:30:00Z");  // new: 30 minutes from 10:00 CET
}

TEST(CalcSla, AcceptsThePolicyOptionsAndPresets) {
  const std::string policy =
      R"({"name":"Z","preset":"zammad","targets":{"first_response_minutes":60,"next_response_minutes":60}})";
  const std::string events =
      "[" + kCreated + R"(,{"at":"2026-11-23T09:00:00+01:00","type":"message","direction":"inbound"}])";
  const json out = answer(line(events, "2026-11-23T09:10:00+01:00", policy));
  ASSERT_TRUE(out.contains("cycles")) << out.dump();
  ASSERT_EQ(out["cycles"].size(), 2u);
  EXPECT_EQ(out["cycles"][1]["target"], "next_response") << "Zammad's response time runs alongside";
}

std::string error_field(const std::string& request) {
  const json out = answer(request);
  if (!out.contains("error")) return "no error: " + out.dump();
  EXPECT_FALSE(out["error"]["detail"].get<std::string>().empty());
  return out["error"].value("field", "");
}

TEST(CalcSla, ABadLineNamesTheField) {
  EXPECT_EQ(error_field(
                line("[" + kCreated + R"(,{"at":"2026-11-23T10:00:00Z","type":"message","direction":"up"}])",
                     "2026-11-23T11:00:00Z")),
            "events[1].direction");
  EXPECT_EQ(error_field(line(R"([{"at":"2026-11-23T10:00:00Z","type":"status","to":"open"}])",
                             "2026-11-23T11:00:00Z")),
            "events[0].type");
  EXPECT_EQ(
      error_field(line(R"([{"at":"yesterday","type":"created","status":"new"}])", "2026-11-23T11:00:00Z")),
      "events[0].at");
  EXPECT_EQ(
      error_field(line("[" + kCreated + R"(,{"at":"2026-11-23T10:00:00Z","type":"status","to":"gone"}])",
                       "2026-11-23T11:00:00Z")),
      "events[1].to");
  EXPECT_EQ(error_field(line("[" + kCreated + "]", "2026-11-23T11:00:00Z", R"({"name":"P","targets":{}})")),
            "policy.targets");
  EXPECT_EQ(error_field(R"({"calendar":{"timezone":"Mars/Olympus"},"policy":)" + kPolicy +
                        R"(,"events":[],"at":"2026-11-23T11:00:00Z"})"),
            "calendar.timezone");
  EXPECT_EQ(error_field(R"({"calendar":{},"policy":{},"events":[]})"), "at");
  EXPECT_EQ(error_field(line("[" + kCreated + "]", "2026-11-23T11:00:00Z").substr(0, 1) + R"("moon":1})"),
            "moon");
  const json invalid = answer("{not json");
  EXPECT_EQ(invalid["error"]["type"], "invalid-json");
}

// DST days: a calendar open around the clock in Amsterdam counts the 23-hour and the 25-hour
// Sunday as they are, so 24 business hours are 24 hours of real time across both changes.
TEST(CalcSla, TwentyFourBusinessHoursAcrossTheDstChangesAreTwentyFourRealHours) {
  std::string weekly;
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
    weekly += std::string(weekly.empty() ? "" : ",") + "\"" + day + R"(":[["00:00","24:00"]])";
  }
  const std::string calendar = R"({"timezone":"Europe/Amsterdam","weekly":{)" + weekly + "}}";
  const std::string policy = R"({"name":"Day","targets":{"resolution_minutes":1440}})";
  auto due = [&](const std::string& created, const std::string& at) {
    const std::string request = R"({"calendar":)" + calendar + R"(,"policy":)" + policy +
                                R"(,"events":[{"at":")" + created +
                                R"(","type":"created","status":"new"}],"at":")" + at + R"("})";
    const json out = answer(request);
    EXPECT_TRUE(out.contains("cycles")) << out.dump();
    return out["cycles"][0]["due_at"];
  };
  // Spring forward (29 March 2026): Saturday 12:00 CET is due Sunday 13:00 CEST.
  EXPECT_EQ(due("2026-03-28T12:00:00+01:00", "2026-03-28T13:00:00+01:00"), "2026-03-29T11:00:00Z");
  // Fall back (25 October 2026): Saturday 12:00 CEST is due Sunday 11:00 CET.
  EXPECT_EQ(due("2026-10-24T12:00:00+02:00", "2026-10-24T13:00:00+02:00"), "2026-10-25T10:00:00Z");
}

}  // namespace
}  // namespace sp::sla
