// What the importer tests share: the application as the binary wires it (real SQLite, SLA and
// KPI services) with a tenant "telco" that has a 24/7 calendar and one SLA policy (first
// response 60 min, resolution 24 h), and the importer run on an export as the command runs it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "importer/importer.hpp"
#include "integration/test_server.hpp"

namespace sp::testing {

struct ImportWorld {
  TestServer server;
  HttpClient admin{0};
  domain::TenantId tenant;
  intake::AttachmentStore attachments{(server.dir() / "attachments").string()};

  ImportWorld() {
    using nlohmann::json;
    auto platform = server.agent_client(std::nullopt, domain::Role::Admin, "root@platform.test");
    tenant = domain::TenantId{
        body_of(platform.post("/api/v1/tenants", R"({"slug":"telco","name":"Telco"})"))["id"]};
    admin = server.agent_client(tenant, domain::Role::Admin, "admin@telco.test");
    json always = {{"timezone", "UTC"}, {"weekly", json::object()}};
    for (const char* weekday : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      always["weekly"][weekday] = json::array({json::array({"00:00", "24:00"})});
    }
    auto calendar = admin.post("/api/v1/calendars", json{{"name", "Always"}, {"calendar", always}}.dump());
    EXPECT_EQ(calendar.status, 201) << calendar.body;
    json policy = {{"name", "Standard"},
                   {"calendar_id", body_of(calendar)["id"]},
                   {"targets", {{"first_response_minutes", 60}, {"resolution_minutes", 1440}}}};
    auto made = admin.post("/api/v1/sla/policies", policy.dump());
    EXPECT_EQ(made.status, 201) << made.body;
  }

  // Reads the export at `path` (a jsonl file or a peer's export folder) and imports it.
  importer::ImportSummary run(const std::string& format, const std::filesystem::path& path) {
    auto records = importer::read_export(format, path);
    EXPECT_TRUE(records.ok()) << (records.ok() ? "" : records.error().message);
    if (!records.ok()) return {};
    importer::Importer importer(server.store(), server.sla(), server.kpi_aggregator(), &attachments,
                                server.clock());
    const auto base = format == "jsonl" ? path.parent_path() : path;
    auto summary = importer.run(tenant, format, *records, base);
    EXPECT_TRUE(summary.ok()) << summary.error().message;
    return summary.ok() ? *summary : importer::ImportSummary{};
  }

  importer::ImportSummary run() { return run("jsonl", std::string(SP_IMPORT_DATA) + "/jsonl/sample.jsonl"); }

  std::vector<domain::Ticket> tickets() {
    storage::TicketFilter filter;
    filter.limit = 100;
    return server.store().list_tickets(storage::Scope::of(tenant), filter).value();
  }

  nlohmann::json october(const std::string& source) {
    auto response =
        admin.get("/api/v1/reports/kpis?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&source=" + source);
    EXPECT_EQ(response.status, 200) << response.body;
    return body_of(response)["groups"][0]["figures"];
  }
};

}  // namespace sp::testing
