// `servicepact calc sla` and `calc business-time` through the real binary (SP_BINARY_PATH):
// JSON lines on stdin, one answer per line, a bad line answered with an error and the next
// line still answered.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;

// Runs `servicepact calc <command>` with `input` on stdin; returns its output lines.
std::vector<std::string> run_calc(const std::string& command, const std::string& input) {
  sp::testing::TempDir dir("sp-calc");
  const auto input_path = dir.path() / "input.jsonl";
  std::ofstream(input_path) << input;
  const std::string shell =
      std::string("'") + SP_BINARY_PATH + "' calc " + command + " < '" + input_path.string() + "'";
  std::vector<std::string> lines;
  FILE* pipe = popen(shell.c_str(), "r");
  if (pipe == nullptr) return lines;
  std::string current;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
    current += buffer;
    if (!current.empty() && current.back() == '\n') {
      current.pop_back();
      lines.push_back(current);
      current.clear();
    }
  }
  EXPECT_EQ(pclose(pipe), 0);
  return lines;
}

const std::string kRequest =
    R"({"calendar":{"timezone":"Europe/Amsterdam","weekly":{"mon":[["09:00","17:00"]]}},)"
    R"("policy":{"name":"Std","targets":{"first_response_minutes":60}},)"
    R"("events":[{"at":"2026-11-23T09:00:00+01:00","type":"created","status":"new","channel":"email"}],)"
    R"("at":"2026-11-23T09:30:00+01:00"})";

TEST(CalcCli, SlaAnswersEveryLineAndNamesTheBadField) {
  const std::string bad = R"({"calendar":{"timezone":"Europe/Amsterdam"},"policy":{"name":"Std","targets":)"
                          R"({"first_response_minutes":60}},"events":[{"at":"2026-11-23T09:00:00Z",)"
                          R"("type":"message","direction":"inbound"}],"at":"2026-11-23T10:00:00Z"})";
  const auto lines = run_calc("sla", kRequest + "\n" + bad + "\n" + kRequest + "\n");
  ASSERT_EQ(lines.size(), 3u);
  const json first = json::parse(lines[0]);
  EXPECT_EQ(first["cycles"][0]["due_at"], "2026-11-23T09:00:00Z") << lines[0];
  EXPECT_EQ(first["next_deadline"], "2026-11-23T08:45:00Z");
  const json error = json::parse(lines[1]);
  EXPECT_EQ(error["error"]["field"], "events[0].type") << lines[1];
  EXPECT_EQ(lines[2], lines[0]) << "the line after a bad one is answered as before";
}

// One ticket created 09:00 CET under 60 minutes; at 09:10 the first response becomes
// `minutes` in `mode` (no "mode" member when empty); evaluated at 09:20.
std::string policy_change_line(const std::string& mode, int minutes) {
  const std::string mode_member = mode.empty() ? "" : R"("mode":")" + mode + R"(",)";
  return R"({"calendar":{"timezone":"Europe/Amsterdam","weekly":{"mon":[["09:00","17:00"]]}},)"
         R"("policy":{"name":"Std","targets":{"first_response_minutes":60}},)"
         R"("events":[{"at":"2026-11-23T09:00:00+01:00","type":"created","status":"new"},)"
         R"({"at":"2026-11-23T09:10:00+01:00","type":"policy",)" +
         mode_member + R"("policy":{"name":"New","targets":{"first_response_minutes":)" +
         std::to_string(minutes) + R"(}}}],"at":"2026-11-23T09:20:00+01:00"})";
}

TEST(CalcCli, SlaPolicyEventsMoveTheRunningDueTimeAsTheirModeSays) {
  std::string input;
  for (const auto& [mode, minutes] : std::vector<std::pair<std::string, int>>{{"", 120},
                                                                              {"retroactive", 120},
                                                                              {"prospective", 120},
                                                                              {"keep_promised", 120},
                                                                              {"keep_promised", 30},
                                                                              {"prospective", 30},
                                                                              {"sideways", 30}}) {
    input += policy_change_line(mode, minutes) + "\n";
  }
  const auto lines = run_calc("sla", input);
  ASSERT_EQ(lines.size(), 7u);
  auto due = [&](std::size_t index) { return json::parse(lines[index])["cycles"][0]["due_at"]; };
  EXPECT_EQ(due(0), "2026-11-23T10:00:00Z") << "retroactive is the default: " << lines[0];
  EXPECT_EQ(due(1), "2026-11-23T10:00:00Z") << lines[1];
  EXPECT_EQ(due(2), "2026-11-23T09:00:00Z") << "prospective keeps the hour: " << lines[2];
  EXPECT_EQ(due(3), "2026-11-23T09:00:00Z") << "never later than promised: " << lines[3];
  EXPECT_EQ(due(4), "2026-11-23T08:30:00Z") << "earlier is allowed: " << lines[4];
  EXPECT_EQ(due(5), "2026-11-23T09:00:00Z") << "prospective keeps the hour: " << lines[5];
  EXPECT_EQ(json::parse(lines[6])["error"]["field"], "events[1].mode") << lines[6];
}

TEST(CalcCli, BusinessTimeStillAnswersLineByLine) {
  const auto lines = run_calc(
      "business-time", R"({"calendar":{"timezone":"Europe/Amsterdam","weekly":{"mon":[["09:00","17:00"]]}},)"
                       R"("start":"2026-11-23T16:00:00+01:00","add_seconds":3600})"
                       "\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(json::parse(lines[0])["due"], "2026-11-23T16:00:00Z");
}

}  // namespace
