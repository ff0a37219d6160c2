// calc_staffing_line: the JSON-line core of `servicepact calc staffing`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "workforce/calc.hpp"

namespace sp::workforce {
namespace {

using Json = nlohmann::json;

Json calc(std::string_view line) {
  const std::string out = calc_staffing_line(line);
  EXPECT_EQ(out.find('\n'), std::string::npos) << "one line per answer";
  return Json::parse(out);
}

std::string error_type(std::string_view line) {
  const Json out = calc(line);
  if (!out.contains("error")) {
    return "(no error) " + out.dump();
  }
  EXPECT_TRUE(out["error"]["detail"].is_string());
  EXPECT_FALSE(out["error"]["detail"].get<std::string>().empty());
  return out["error"]["type"].get<std::string>();
}

TEST(CalcStaffingLine, ErlangBReportsBlocking) {
  const Json out = calc(R"({"model":"erlang_b","traffic_erlangs":5,"servers":10})");
  ASSERT_TRUE(out.contains("blocking")) << out.dump();
  EXPECT_NEAR(out["blocking"].get<double>(), 0.018385, 5e-6);
  EXPECT_EQ(out.size(), 1u);
}

TEST(CalcStaffingLine, ErlangCEvaluatesGivenAgents) {
  const Json out = calc(
      R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_seconds":20,"agents":14})");
  EXPECT_NEAR(out["p_wait"].get<double>(), 0.1741, 5e-5);
  EXPECT_NEAR(out["service_level"].get<double>(), 0.8884, 5e-5);
  EXPECT_NEAR(out["asa_seconds"].get<double>(), 7.84, 5e-3);
  EXPECT_NEAR(out["occupancy"].get<double>(), 10.0 / 14, 1e-12);
  EXPECT_FALSE(out.contains("p_abandon"));
  EXPECT_FALSE(out.contains("agents_required"));
}

TEST(CalcStaffingLine, ErlangCSizesStaffFromTargetsWithShrinkage) {
  const Json out =
      calc(R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_seconds":20,)"
           R"("target_service_level":0.8,"shrinkage":0.3})");
  EXPECT_EQ(out["agents_required"].get<int>(), 14);
  EXPECT_EQ(out["scheduled_agents"].get<int>(), 20);
  EXPECT_NEAR(out["service_level"].get<double>(), 0.8884, 5e-5);
  // Without shrinkage the staff to schedule equals the agents required.
  const Json plain =
      calc(R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_asa_seconds":10})");
  EXPECT_EQ(plain["agents_required"].get<int>(), plain["scheduled_agents"].get<int>());
  EXPECT_FALSE(plain.contains("service_level"));  // no target_seconds given
}

TEST(CalcStaffingLine, ErlangAEvaluatesAndSizesUnderEachConvention) {
  const Json evaluated =
      calc(R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,"patience_seconds":120,)"
           R"("target_seconds":20,"agents":9})");
  for (const char* key : {"p_wait", "p_abandon", "service_level", "asa_seconds", "occupancy"}) {
    EXPECT_TRUE(evaluated.contains(key)) << key;
  }
  EXPECT_NEAR(evaluated["p_abandon"].get<double>(), 0.19216, 5e-5);
  double previous_agents = 1e9;
  // A looser convention can never need more agents than answered_within_over_offered.
  const Json strict =
      calc(R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,"patience_seconds":120,)"
           R"("target_seconds":20,"target_service_level":0.8,"max_abandon":0.1})");
  previous_agents = strict["agents_required"].get<int>();
  for (const char* convention : {"answered_within_over_answered", "answered_or_abandoned_within_over_offered",
                                 "answered_within_over_offered_minus_short_abandons"}) {
    const Json out =
        calc(std::string(R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,)") +
             R"("patience_seconds":120,"target_seconds":20,"target_service_level":0.8,"max_abandon":0.1,)" +
             R"("service_level_convention":")" + convention + R"("})");
    ASSERT_TRUE(out.contains("agents_required")) << out.dump();
    EXPECT_LE(out["agents_required"].get<int>(), previous_agents) << convention;
    EXPECT_GE(out["service_level"].get<double>(), 0.8) << convention;
    EXPECT_LE(out["p_abandon"].get<double>(), 0.1) << convention;
  }
}

TEST(CalcStaffingLine, AcceptsWholeNumbersWrittenAsFloats) {
  const Json out = calc(R"({"model":"erlang_b","traffic_erlangs":5,"servers":10.0})");
  EXPECT_TRUE(out.contains("blocking")) << out.dump();
}

TEST(CalcStaffingLine, InvalidJsonIsReportedAsSuch) {
  for (const char* line : {"", "{", "not json", R"({"model":"erlang_b",})", "{\"a\":1}}"}) {
    EXPECT_EQ(error_type(line), "invalid-json") << line;
  }
}

TEST(CalcStaffingLine, MalformedRequestsAreInvalidRequests) {
  for (
      const char* line : {
          R"([1,2])",
          R"("erlang_c")",
          R"({})",
          R"({"model":"erlang_x"})",
          R"({"model":7})",
          R"({"model":"erlang_b","traffic_erlangs":5})",
          R"({"model":"erlang_b","traffic_erlangs":"5","servers":10})",
          R"({"model":"erlang_b","traffic_erlangs":5,"servers":10.5})",
          R"({"model":"erlang_b","traffic_erlangs":5,"servers":-1})",
          R"({"model":"erlang_b","traffic_erlangs":-5,"servers":10})",
          R"({"model":"erlang_b","traffic_erlangs":5,"servers":10,"agents":3})",
          R"({"model":"erlang_c","aht_seconds":180,"agents":14})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":0,"agents":14})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"agents":14,"target_asa_seconds":5})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_service_level":0.8})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"agents":14,"shrinkage":0.3})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"agents":14,"patience_seconds":60})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"max_abandon":0.05})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_seconds":20,"target_servce_level":0.8})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_asa_seconds":10,"shrinkage":1})",
          R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,"agents":9})",
          R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,"patience_seconds":60,"agents":9,"service_level_convention":"80/20"})",
          R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,"patience_seconds":60,"target_seconds":20,"target_service_level":1.5})",
      }) {
    EXPECT_EQ(error_type(line), "invalid-request") << line;
  }
}

TEST(CalcStaffingLine, UnstableErlangCQueueIsReported) {
  EXPECT_EQ(error_type(R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"agents":10})"),
            "unstable-queue");
  EXPECT_EQ(error_type(R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"agents":3})"),
            "unstable-queue");
  // The same staffing is a valid question under Erlang A.
  const Json out = calc(
      R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,"patience_seconds":60,"agents":3})");
  EXPECT_TRUE(out.contains("p_abandon")) << out.dump();
}

TEST(CalcStaffingLine, UnreachableTargetsAreReported) {
  for (
      const char* line : {
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_seconds":20,"target_service_level":1})",
          R"({"model":"erlang_c","arrival_rate_per_hour":2000000,"aht_seconds":180,"max_occupancy":0.9})",
          R"({"model":"erlang_c","arrival_rate_per_hour":100000,"aht_seconds":180,"max_occupancy":0.01})",
          R"({"model":"erlang_a","arrival_rate_per_hour":200,"aht_seconds":180,"patience_seconds":60,"max_abandon":0})",
          R"({"model":"erlang_c","arrival_rate_per_hour":200,"aht_seconds":180,"target_asa_seconds":10,"shrinkage":0.9999})",
      }) {
    EXPECT_EQ(error_type(line), "unreachable-target") << line;
  }
}

TEST(CalcStaffingLine, NeverThrowsOnHostileInput) {
  for (const char* line : {"\xff\xfe", "{\"model\":\"erlang_b\",\"servers\":1e400,\"traffic_erlangs\":1}",
                           "{\"model\":\"erlang_b\",\"servers\":18446744073709551615,\"traffic_erlangs\":1}",
                           "{\"model\":null}", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "null", "1e5"}) {
    const std::string out = calc_staffing_line(line);
    ASSERT_FALSE(out.empty());
    EXPECT_TRUE(Json::accept(out)) << out;
    EXPECT_TRUE(Json::parse(out).contains("error")) << line << " -> " << out;
  }
  // Odd but valid numbers give an answer, not a crash: -0 arrivals, a denormal AHT.
  const std::string odd = calc_staffing_line(
      R"({"model":"erlang_c","arrival_rate_per_hour":-0,"aht_seconds":1e-320,"agents":1,"target_seconds":0})");
  EXPECT_TRUE(Json::accept(odd)) << odd;
}

}  // namespace
}  // namespace sp::workforce
