// Phone and waiting KPIs through real HTTP (issue 17): signed call webhooks of last month, then
// the KPI report from both sources, the tenant's service-level threshold, the charter
// evaluation of phone promises and the public page that publishes them.
#include <gtest/gtest.h>

#include "channel_world.hpp"
#include "charter/charter.hpp"
#include "charter/charter_json.hpp"

namespace sp::testing {
namespace {

using nlohmann::json;

const Timestamp kMidOctober = from_unix_seconds(1'792'144'800);  // 2026-10-16T10:00:00Z
const Timestamp kNovember23 = from_unix_seconds(1'795'420'800);  // 2026-11-23T08:00:00Z
constexpr const char* kOctober = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&period=custom";

struct PhoneWorld : ChannelWorld {
  HttpClient supervisor{0};
  HttpClient agent{0};

  PhoneWorld() {
    supervisor = server.agent_client(domain::TenantId{tenant_id}, domain::Role::Supervisor, "sup@acme.test");
    agent = server.agent_client(domain::TenantId{tenant_id}, domain::Role::Agent, "eva@acme.test");
  }

  void post(const std::string& id, const std::string& state, json extra = {}) {
    if (state == "answered" || state == "ended") extra["agent_email"] = "eva@acme.test";
    auto sent = webhook("phone", call(id, state, extra));
    ASSERT_EQ(sent.status, 202) << sent.body;
    // As the aggregation job does between deliveries: later call states must mark the ticket again.
    ASSERT_TRUE(server.kpi_aggregator().flush().ok());
    server.clock().advance(std::chrono::seconds(5));
  }

  // Five calls in October: answered after 20 s (exactly the default threshold), 21 s and
  // 600 s; one caller hung up after 90 s; one call reached us only as "ended" (no wait time).
  void october_calls() {
    server.clock().set(kMidOctober);
    post("c-1", "queued");
    post("c-1", "answered", {{"wait_seconds", 20}});
    post("c-2", "answered", {{"wait_seconds", 21}});
    post("c-3", "answered", {{"wait_seconds", 600}});
    post("c-3", "ended", {{"talk_seconds", 300}});
    post("c-4", "queued");
    post("c-4", "abandoned", {{"wait_seconds", 90}});
    post("c-5", "ended", {{"talk_seconds", 60}});
    server.clock().set(kNovember23);
  }

  json october_figures(const std::string& source) {
    auto report = supervisor.get("/api/v1/reports/kpis?source=" + source + "&" + kOctober);
    EXPECT_EQ(report.status, 200) << report.body;
    auto body = body_of(report);
    EXPECT_EQ(body["groups"].size(), 1u) << body.dump();
    return body["groups"][0]["figures"];
  }
};

TEST(PhoneKpiApi, CallWebhooksGiveWaitServiceLevelAndAbandonmentInTheKpiReport) {
  PhoneWorld world;
  world.october_calls();
  for (const std::string source : {"exact", "aggregates"}) {
    const auto f = world.october_figures(source);
    EXPECT_EQ(f["calls"],
              (json{{"offered", 5}, {"answered", 4}, {"abandoned", 1}, {"answered_without_wait", 1}}))
        << source;
    // ASA over the three answered calls with a wait: (20 + 21 + 600) / 3.
    EXPECT_NEAR(f["average_speed_of_answer"].get<double>(), 641.0 / 3, 1e-9) << source;
    EXPECT_EQ(f["call_wait_time"]["median"], 21.0) << source;
    EXPECT_NEAR(f["call_wait_time"]["p90"].get<double>(), 21 + 0.8 * 579, 1e-9) << source;
    // Within 20 s: the call answered at exactly 20 s, of 3 timed answers + 1 abandoned.
    EXPECT_EQ(f["service_level"],
              (json{{"value", 0.25}, {"threshold_seconds", 20}, {"answered_within", 1}, {"calls", 4}}))
        << source;
    EXPECT_EQ(f["abandonment_rate"], (json{{"value", 0.2}, {"abandoned", 1}, {"offered", 5}})) << source;
  }
  auto report = body_of(world.supervisor.get(std::string("/api/v1/reports/kpis?") + kOctober));
  EXPECT_NE(report["definitions"]["service_level"].get<std::string>().find("exactly the threshold counts"),
            std::string::npos);
}

TEST(PhoneKpiApi, TheServiceLevelThresholdIsATenantSetting) {
  PhoneWorld world;
  world.october_calls();
  EXPECT_EQ(body_of(world.agent.get("/api/v1/phone-settings"))["service_level_seconds"], 20);
  auto refused = world.agent.request("PUT", "/api/v1/phone-settings", R"({"service_level_seconds":30})");
  EXPECT_EQ(refused.status, 403);
  for (const char* bad : {R"({"service_level_seconds":0})", R"({"service_level_seconds":3601})",
                          R"({"service_level_seconds":"20"})", R"({})"}) {
    auto invalid = world.supervisor.request("PUT", "/api/v1/phone-settings", bad);
    EXPECT_EQ(invalid.status, 422) << bad << " " << invalid.body;
    EXPECT_EQ(body_of(invalid)["field"], "service_level_seconds") << bad;
  }
  auto set = world.supervisor.request("PUT", "/api/v1/phone-settings", R"({"service_level_seconds":21})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(body_of(world.admin.get("/api/v1/phone-settings"))["service_level_seconds"], 21);
  // Past days follow the new threshold from either source: now 20 s and 21 s are within.
  for (const std::string source : {"exact", "aggregates"}) {
    const auto f = world.october_figures(source);
    EXPECT_EQ(f["service_level"]["threshold_seconds"], 21) << source;
    EXPECT_EQ(f["service_level"]["value"], 0.5) << source;
  }
}

TEST(PhoneKpiApi, TheCharterPromisesPhoneFiguresAndThePublicPageShowsThem) {
  PhoneWorld world;
  world.october_calls();
  auto c = charter::example_charter();
  c.thresholds.push_back({"average_speed_of_answer", charter::Comparator::AtMost, 4.3, charter::Unit::Minutes,
                          domain::Channel::Phone});
  c.thresholds.push_back({"service_level.20", charter::Comparator::AtLeast, 20, charter::Unit::Percent, {}});
  c.thresholds.push_back({"abandonment_rate", charter::Comparator::AtMost, 10, charter::Unit::Percent, {}});
  auto saved = world.admin.request("PUT", "/api/v1/charter", charter::to_json(c).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto bad = charter::to_json(c);
  bad["thresholds"].push_back(
      {{"kpi", "service_level.0"}, {"comparator", "at_least"}, {"value", 80}, {"unit", "percent"}});
  auto refused = world.admin.request("PUT", "/api/v1/charter", bad.dump());
  EXPECT_EQ(refused.status, 422);

  auto evaluation = world.admin.get("/api/v1/charter/evaluation?period=last_month");
  ASSERT_EQ(evaluation.status, 200) << evaluation.body;
  std::map<std::string, json> by_kpi;
  const auto evaluated = body_of(evaluation);  // kept alive: the loop below refers into it
  for (const auto& item : evaluated["items"]) by_kpi[item["kpi"].get<std::string>()] = item;
  // 641 / 3 s = 3.56 minutes <= 4.3: kept.
  EXPECT_EQ(by_kpi["average_speed_of_answer"]["outcome"], "kept") << evaluation.body;
  EXPECT_NEAR(by_kpi["average_speed_of_answer"]["measured"].get<double>(), 641.0 / 180, 1e-9);
  EXPECT_EQ(by_kpi["service_level.20"]["outcome"], "kept");
  EXPECT_NEAR(by_kpi["service_level.20"]["measured"].get<double>(), 25, 1e-9);
  EXPECT_EQ(by_kpi["abandonment_rate"]["outcome"], "missed");
  EXPECT_NEAR(by_kpi["abandonment_rate"]["measured"].get<double>(), 20, 1e-9);

  HttpClient anonymous(world.server.port());
  auto page = anonymous.get("/public/charter?tenant=acme&lang=nl");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("binnen 20 seconden opgenomen"), std::string::npos);
  EXPECT_NE(page.body.find("gemiddelde wachttijd aan de telefoon"), std::string::npos);
  auto english = anonymous.get("/public/charter?tenant=acme&lang=en");
  EXPECT_NE(english.body.find("abandoned call rate"), std::string::npos);
  auto summary = body_of(anonymous.get("/public/charter.json?tenant=acme"));
  bool published = false;
  for (const auto& item : summary["periods"]["last_month"]["items"]) {
    if (item["kpi"] == "service_level.20") {
      published = true;
      EXPECT_NEAR(item["measured"].get<double>(), 25, 1e-9);
    }
  }
  EXPECT_TRUE(published) << summary.dump();
  // The headline figures are published whether or not a promise names them.
  EXPECT_NE(page.body.find("Telefonisch bereikbaar vorige maand"), std::string::npos);
  EXPECT_NE(page.body.find("3,6 minuten"), std::string::npos);  // 641 / 180 minutes
  EXPECT_EQ(summary["phone_last_month"]["offered"], 5);
  EXPECT_EQ(summary["phone_last_month"]["service_level_seconds"], 20);
  EXPECT_EQ(summary["phone_last_month"]["abandonment_rate"], 0.2);
}

}  // namespace
}  // namespace sp::testing
