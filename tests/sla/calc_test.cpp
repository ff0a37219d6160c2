// The line evaluator behind `servicepact calc business-time`.
#include "sla/calc.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace sp::sla {
namespace {

using nlohmann::json;

const std::string kOffice =
    R"({"timezone":"Europe/Amsterdam","weekly":{"mon":[["09:00","17:00"]],)"
    R"("tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],)"
    R"("fri":[["09:00","17:00"]]},"holidays":["2026-12-25"]})";

std::string request(const std::string& rest) {
  return R"({"calendar":)" + kOffice + "," + rest + "}";
}

std::string error_type(const std::string& line) {
  json response = json::parse(calc_business_time_line(line), nullptr, false);
  if (!response.is_object() || !response.contains("error")) {
    return "no error: " + response.dump();
  }
  EXPECT_TRUE(response["error"]["detail"].is_string());
  EXPECT_FALSE(response["error"]["detail"].get<std::string>().empty());
  return response["error"]["type"].get<std::string>();
}

TEST(CalcBusinessTime, AddsSecondsToAnRfc3339Start) {
  EXPECT_EQ(calc_business_time_line(request(R"("start":"2026-11-23T16:00:00+01:00","add_seconds":3600)")),
            R"({"due":"2026-11-23T16:00:00Z","due_epoch":1795449600})");
}

TEST(CalcBusinessTime, AcceptsEpochSecondsAndCarriesOverTheWeekend) {
  // 1795798800 is Friday 2026-11-27T17:00:00Z (18:00 CET).
  EXPECT_EQ(calc_business_time_line(request(R"("start":1795798800,"add_seconds":3600)")),
            R"({"due":"2026-11-30T09:00:00Z","due_epoch":1796029200})");
}

TEST(CalcBusinessTime, MeasuresBusinessSeconds) {
  EXPECT_EQ(calc_business_time_line(request(R"("from":"2026-11-23T00:00:00Z","to":"2026-11-30T00:00:00Z")")),
            R"({"business_seconds":144000})");
  EXPECT_EQ(calc_business_time_line(request(R"("from":1795449600,"to":1795449600)")),
            R"({"business_seconds":0})");
}

TEST(CalcBusinessTime, FloorsFractionalSecondsOfTheStart) {
  EXPECT_EQ(calc_business_time_line(request(R"("start":"2026-11-23T10:00:00.750Z","add_seconds":0)")),
            R"({"due":"2026-11-23T10:00:00Z","due_epoch":1795428000})");
}

TEST(CalcBusinessTime, GivesTheSameAnswerForARepeatedCalendar) {
  const std::string line = request(R"("start":"2026-12-24T16:30:00+01:00","add_seconds":7200)");
  const std::string first = calc_business_time_line(line);
  EXPECT_EQ(first, R"({"due":"2026-12-28T09:30:00Z","due_epoch":1798450200})");
  for (int repeat = 0; repeat < 5; ++repeat) {
    EXPECT_EQ(calc_business_time_line(line), first);
  }
}

TEST(CalcBusinessTime, StaysCorrectWhenTheCalendarCacheEvicts) {
  // More distinct calendars than the LRU holds, each opening at a different hour.
  for (int round = 0; round < 2; ++round) {
    for (int hour = 0; hour < 40; ++hour) {
      const int open_min = hour * 30;
      char open_text[8];
      std::snprintf(open_text, sizeof open_text, "%02d:%02d", open_min / 60, open_min % 60);
      const std::string line = std::string(R"({"calendar":{"timezone":"UTC","weekly":{"mon":[[")") +
                               open_text + R"(","24:00"]]}},"start":"2026-11-23T00:00:00Z",)" +
                               R"("add_seconds":60})";
      json response = json::parse(calc_business_time_line(line));
      ASSERT_TRUE(response.contains("due_epoch")) << response.dump();
      EXPECT_EQ(response["due_epoch"].get<std::int64_t>(), 1795392000 + open_min * 60 + 60);
    }
  }
}

TEST(CalcBusinessTime, ReportsStableErrorTypes) {
  EXPECT_EQ(error_type("not json"), "invalid-json");
  EXPECT_EQ(error_type(""), "invalid-json");
  EXPECT_EQ(error_type("[1,2]"), "invalid-request");
  EXPECT_EQ(error_type(R"({"start":"2026-11-23T10:00:00Z","add_seconds":1})"), "invalid-request");
  EXPECT_EQ(error_type(request(R"("start":"2026-11-23T10:00:00Z")")), "invalid-request");
  EXPECT_EQ(error_type(request(R"("from":"2026-11-23T10:00:00Z")")), "invalid-request");
  EXPECT_EQ(error_type(request(R"("start":1,"add_seconds":1,"from":1,"to":2)")), "invalid-request");
  EXPECT_EQ(error_type(request(R"("start":1795449600,"add_seconds":-5)")), "invalid-request");
  EXPECT_EQ(error_type(request(R"("start":1795449600,"add_seconds":1.5)")), "invalid-request");
  EXPECT_EQ(error_type(request(R"("start":1795449600,"add_seconds":"60")")), "invalid-request");
  EXPECT_EQ(error_type(request(R"("start":1795449600,"add_seconds":60,"moon":1)")), "invalid-request");
  EXPECT_EQ(error_type(R"({"calendar":{"timezone":"Mars/Olympus"},"from":1,"to":2})"), "invalid-calendar");
  EXPECT_EQ(error_type(R"({"calendar":"Europe/Amsterdam","from":1,"to":2})"), "invalid-calendar");
  EXPECT_EQ(error_type(request(R"("start":"yesterday","add_seconds":60)")), "invalid-time");
  EXPECT_EQ(error_type(request(R"("start":"2026-11-23T10:00:00","add_seconds":60)")), "invalid-time");
  EXPECT_EQ(error_type(request(R"("from":1795449600.5,"to":1795449700)")), "invalid-time");
  EXPECT_EQ(error_type(request(R"("from":true,"to":1795449700)")), "invalid-time");
  EXPECT_EQ(error_type(request(R"("from":1795449600,"to":99999999999999999999)")), "invalid-time");
  EXPECT_EQ(error_type(R"({"calendar":{"timezone":"UTC"},"start":1795449600,"add_seconds":60})"),
            "no-opening-hours");
  EXPECT_EQ(error_type(request(R"("start":-86400,"add_seconds":60)")), "out-of-range");
  EXPECT_EQ(error_type(request(R"("from":0,"to":"2100-01-02T00:00:00Z")")), "out-of-range");
}

TEST(CalcBusinessTime, NamesTheCalendarFieldInTheDetail) {
  json response = json::parse(calc_business_time_line(
      R"({"calendar":{"timezone":"UTC","weekly":{"tue":[["08:30","12:00"],["11:00","17:30"]]}},)"
      R"("from":1,"to":2})"));
  EXPECT_EQ(response["error"]["type"], "invalid-calendar");
  EXPECT_EQ(response["error"]["detail"].get<std::string>().rfind("weekly.tue[1]", 0), 0u);
}

TEST(CalcBusinessTime, SurvivesInvalidUtf8InKeys) {
  const std::string line = "{\"calendar\":{\"timezone\":\"UTC\",\"m\xff\":1},\"from\":1,\"to\":2}";
  json response = json::parse(calc_business_time_line(line), nullptr, false);
  ASSERT_TRUE(response.is_object());
  EXPECT_TRUE(response.contains("error"));
}

TEST(CalcBusinessTime, AnswersAlikeWhateverTheSpacingAndOrderOfTheLine) {
  const std::string expected = R"({"due":"2026-12-28T09:30:00Z","due_epoch":1798450200})";
  const std::string rest = R"("start":"2026-12-24T16:30:00+01:00","add_seconds":7200)";
  EXPECT_EQ(calc_business_time_line(" { \"calendar\" : " + kOffice + " , " + rest + " } "), expected);
  EXPECT_EQ(calc_business_time_line("{" + rest + R"(,"calendar":)" + kOffice + "}"), expected);
  // A calendar whose strings hold brackets and escaped quotes is still cut out whole.
  const std::string tricky =
      R"({"calendar":{"timezone":"Europe/Amsterdam","name_ignored":"]}\"{","weekly":{"mon":[["09:00","17:00"]]}},)";
  // Cut in the wrong place it would be bad JSON; cut right, the calendar names its odd key.
  EXPECT_EQ(error_type(tricky + R"("from":1795392000,"to":1795478400})"), "invalid-calendar");
}

TEST(CalcBusinessTime, ParsesTheWholeLineWhenTheCalendarKeyIsEscapedOrRepeated) {
  // "calend\u0061r" is "calendar" to a JSON parser, so the scan must not miss it.
  EXPECT_EQ(calc_business_time_line(R"({"calend\u0061r":)" + kOffice +
                                    R"(,"start":"2026-12-24T16:30:00+01:00","add_seconds":7200})"),
            R"({"due":"2026-12-28T09:30:00Z","due_epoch":1798450200})");
  // With two calendar keys the parser's choice (the last) applies, as before.
  EXPECT_EQ(calc_business_time_line(R"({"calendar":{"timezone":"UTC"},"calendar":)" + kOffice +
                                    R"(,"start":"2026-12-24T16:30:00+01:00","add_seconds":7200})"),
            R"({"due":"2026-12-28T09:30:00Z","due_epoch":1798450200})");
}

TEST(CalcBusinessTime, ReportsBadJsonInsideOrAroundACutOutCalendar) {
  EXPECT_EQ(error_type(R"({"calendar":{"timezone":"UTC",},"from":1,"to":2})"), "invalid-json");
  EXPECT_EQ(error_type(R"({"calendar":)" + kOffice + R"(,"from":1,"to":})"), "invalid-json");
  EXPECT_EQ(error_type(R"({"calendar":)" + kOffice + R"(,"from":1,"to":2)"), "invalid-json");
  EXPECT_EQ(error_type(R"({"calendar":)" + kOffice + R"(,"from":1,"to":2}} trailing)"), "invalid-json");
  // A calendar seen before in the cache does not make a broken line acceptable.
  EXPECT_EQ(error_type(R"({"calendar":)" + kOffice + R"(,"from":1,,"to":2})"), "invalid-json");
}

}  // namespace
}  // namespace sp::sla
