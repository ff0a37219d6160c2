// Issue 17, attachments through real HTTP on the real SQLite: agents' replies with files
// (multipart/form-data), portal customers' replies with files, the download headers, the
// per-message limits, and who may download what (404 for everything not visible).
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

struct FormFile {
  std::string filename;
  std::string type;
  std::string bytes;
};

constexpr std::string_view kBoundary = "sp-test-boundary-7f3a";

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<FormFile>& files) {
  std::string out;
  for (const auto& [name, value] : fields) {
    out += "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" + name +
           "\"\r\n\r\n" + value + "\r\n";
  }
  for (const auto& file : files) {
    out += "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" +
           file.filename + "\"\r\nContent-Type: " + file.type + "\r\n\r\n" + file.bytes + "\r\n";
  }
  return out + "--" + std::string(kBoundary) + "--\r\n";
}

ClientResponse post_form(const HttpClient& client, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& fields,
                         const std::vector<FormFile>& files) {
  return client.request("POST", target, form_body(fields, files),
                        {{"Content-Type", "multipart/form-data; boundary=" + std::string(kBoundary)}});
}

// A real (tiny) PNG: libmagic must call it image/png whatever the sender declares.
const std::string kPng = std::string(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9c"
    "c\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xae\x42\x60\x82",
    67);

struct AttachmentWorld {
  TestServer server;
  HttpClient platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  std::int64_t tenant_id = 0, jan_id = 0;
  HttpClient agent{0};
  HttpClient other_tenant_agent{0};

  AttachmentWorld() {
    tenant_id = body_of(platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme"})"))["id"];
    auto other = body_of(platform.post("/api/v1/tenants", R"({"slug":"other","name":"Other"})"))["id"];
    agent = server.agent_client(domain::TenantId{tenant_id}, Role::Agent, "agent@acme.test");
    other_tenant_agent =
        server.agent_client(domain::TenantId{other.get<std::int64_t>()}, Role::Agent, "agent@other.test");
    jan_id = body_of(agent.post(
        "/api/v1/customers", R"({"name":"Jan Jansen","emails":["jan@example.nl"],"language":"nl"})"))["id"];
    agent.post("/api/v1/customers", R"({"name":"Piet","emails":["piet@example.nl"]})");
  }

  HttpClient customer(const std::string& email) {
    HttpClient client(server.port());
    auto link = client.post("/api/v1/portal/links", json{{"tenant", "acme"}, {"email", email}}.dump());
    std::string demo_link = body_of(link).value("demo_link", std::string());
    auto token = demo_link.substr(demo_link.find("token=") + 6);
    auto session = client.post("/api/v1/portal/session", json{{"token", token}}.dump());
    EXPECT_EQ(session.status, 200) << session.body;
    auto cookie = session.header("set-cookie");
    client.cookie = cookie.substr(0, cookie.find(';'));
    client.csrf = body_of(session)["csrf_token"];
    return client;
  }

  // A portal ticket of the customer behind `client`; returns its id.
  std::int64_t portal_ticket(const HttpClient& client, const std::string& subject) {
    auto created =
        client.post("/api/v1/portal/tickets", json{{"subject", subject}, {"body", "Hallo"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"];
  }
};

TEST(Attachments, AnAgentsReplyWithFilesListsThemAndTheyDownloadByteIdentical) {
  AttachmentWorld world;
  auto jan = world.customer("jan@example.nl");
  auto ticket = world.portal_ticket(jan, "Modem");
  const std::string base = "/api/v1/tickets/" + std::to_string(ticket);
  auto posted = post_form(world.agent, base + "/messages", {{"kind", "outbound"}, {"body", "Zie de foto."}},
                          {{"modem 'oud' 报告.png", "application/x-fake", kPng}});
  ASSERT_EQ(posted.status, 201) << posted.body;
  auto reply = body_of(posted);
  EXPECT_EQ(reply["body"], "Zie de foto.");
  EXPECT_EQ(reply["kind"], "outbound");
  EXPECT_EQ(reply["from"]["type"], "agent");
  EXPECT_EQ(reply["from"]["name"], "Test agent@acme.test");
  ASSERT_EQ(reply["attachments"].size(), 1u) << reply.dump();
  auto file = reply["attachments"][0];
  EXPECT_EQ(file["content_type"], "image/png");  // sniffed, not the declared type
  EXPECT_EQ(file["size"], kPng.size());
  EXPECT_EQ(file["sha256"].get<std::string>().size(), 64u);

  // The message list carries the same, with the customer as author of the first message.
  auto messages = body_of(world.agent.get(base + "/messages"))["items"];
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0]["from"]["type"], "customer");
  EXPECT_EQ(messages[0]["from"]["address"], "jan@example.nl");
  EXPECT_TRUE(messages[0]["attachments"].empty());
  EXPECT_EQ(messages[1]["attachments"][0]["id"], file["id"]);
  EXPECT_TRUE(messages[1]["raw_url"].is_null());  // not received by mail

  auto download = world.agent.get(base + "/attachments/" + std::to_string(file["id"].get<std::int64_t>()));
  ASSERT_EQ(download.status, 200) << download.body;
  EXPECT_EQ(download.body, kPng);
  EXPECT_EQ(download.header("content-type"), "image/png");
  EXPECT_EQ(download.header("x-content-type-options"), "nosniff");
  auto disposition = download.header("content-disposition");
  EXPECT_TRUE(disposition.starts_with("attachment; filename=\"")) << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''modem%20%27oud%27%20%E6%8A%A5%E5%91%8A.png"),
            std::string::npos)
      << disposition;

  // The customer sees it in the portal thread and downloads it through the portal route.
  auto thread = body_of(jan.get("/api/v1/portal/tickets/" + std::to_string(ticket)))["messages"];
  ASSERT_EQ(thread.size(), 2u);
  ASSERT_EQ(thread[1]["attachments"].size(), 1u);
  EXPECT_FALSE(thread[1].contains("raw_url"));
  auto portal_download = jan.get(thread[1]["attachments"][0]["url"].get<std::string>());
  EXPECT_EQ(portal_download.status, 200);
  EXPECT_EQ(portal_download.body, kPng);
}

TEST(Attachments, UploadedHtmlAndSvgAreServedAsOctetStream) {
  AttachmentWorld world;
  auto jan = world.customer("jan@example.nl");
  auto ticket = world.portal_ticket(jan, "Pagina");
  const std::string base = "/api/v1/tickets/" + std::to_string(ticket);
  auto posted =
      post_form(world.agent, base + "/messages", {{"body", "Bijlagen"}},
                {{"page.html", "text/html", "<!DOCTYPE html><html><script>alert(1)</script></html>"},
                 {"logo.svg", "image/svg+xml",
                  "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>x()</script>"
                  "</svg>"}});
  ASSERT_EQ(posted.status, 201) << posted.body;
  auto files = body_of(posted)["attachments"];
  ASSERT_EQ(files.size(), 2u);
  for (const auto& file : files) {
    EXPECT_EQ(file["content_type"], "application/octet-stream") << file.dump();
    auto download = world.agent.get(base + "/attachments/" + std::to_string(file["id"].get<std::int64_t>()));
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.header("content-type"), "application/octet-stream");
    EXPECT_EQ(download.header("x-content-type-options"), "nosniff");
    EXPECT_TRUE(download.header("content-disposition").starts_with("attachment;"));
  }
}

TEST(Attachments, ACustomerCannotDownloadAnotherCustomersAttachment) {
  AttachmentWorld world;
  auto jan = world.customer("jan@example.nl");
  auto piet = world.customer("piet@example.nl");
  auto ticket = world.portal_ticket(jan, "Factuur");
  auto posted =
      post_form(jan, "/api/v1/portal/tickets/" + std::to_string(ticket) + "/messages",
                {{"body", "De factuur"}}, {{"factuur.pdf", "application/pdf", "%PDF-1.4\n%geheim\n"}});
  ASSERT_EQ(posted.status, 201) << posted.body;
  auto file = body_of(posted)["attachments"][0];
  auto id = std::to_string(file["id"].get<std::int64_t>());
  const std::string portal_url = "/api/v1/portal/tickets/" + std::to_string(ticket) + "/attachments/" + id;
  EXPECT_EQ(file["url"], portal_url);
  EXPECT_EQ(jan.get(portal_url).body, "%PDF-1.4\n%geheim\n");

  // Another customer, another tenant's agent, an unknown id, an id on another ticket: 404 alike.
  auto refused = piet.get(portal_url);
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");
  EXPECT_EQ(refused.body.find("geheim"), std::string::npos);
  const std::string agent_url = "/api/v1/tickets/" + std::to_string(ticket) + "/attachments/" + id;
  EXPECT_EQ(world.agent.get(agent_url).status, 200);
  EXPECT_EQ(world.other_tenant_agent.get(agent_url).status, 404);
  EXPECT_EQ(world.agent.get("/api/v1/tickets/" + std::to_string(ticket) + "/attachments/999999").status, 404);
  auto pieter = world.portal_ticket(piet, "Eigen vraag");
  EXPECT_EQ(piet.get("/api/v1/portal/tickets/" + std::to_string(pieter) + "/attachments/" + id).status, 404);
  EXPECT_EQ(world.agent.get("/api/v1/tickets/" + std::to_string(pieter) + "/attachments/" + id).status, 404);
  HttpClient anonymous(world.server.port());
  EXPECT_EQ(anonymous.get(portal_url).status, 401);
}

TEST(Attachments, FilesOnInternalNotesAreNotShownToTheCustomer) {
  AttachmentWorld world;
  auto jan = world.customer("jan@example.nl");
  auto ticket = world.portal_ticket(jan, "Intern");
  auto posted =
      post_form(world.agent, "/api/v1/tickets/" + std::to_string(ticket) + "/messages",
                {{"kind", "note"}, {"body", "Alleen voor ons"}}, {{"intern.txt", "text/plain", "intern"}});
  ASSERT_EQ(posted.status, 201) << posted.body;
  auto id = std::to_string(body_of(posted)["attachments"][0]["id"].get<std::int64_t>());
  EXPECT_EQ(jan.get("/api/v1/portal/tickets/" + std::to_string(ticket) + "/attachments/" + id).status, 404);
}

TEST(Attachments, LimitsPerMessageAreProblemsNamingTheLimit) {
  AttachmentWorld world;
  auto jan = world.customer("jan@example.nl");
  auto ticket = world.portal_ticket(jan, "Groot");
  const std::string target = "/api/v1/tickets/" + std::to_string(ticket) + "/messages";
  std::vector<FormFile> eleven;
  for (int idx = 0; idx < 11; ++idx)
    eleven.push_back({"f" + std::to_string(idx) + ".txt", "text/plain", "x"});
  auto too_many = post_form(world.agent, target, {{"body", "Veel"}}, eleven);
  EXPECT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_EQ(body_of(too_many)["type"], "/problems/too-many-attachments");
  EXPECT_NE(body_of(too_many)["detail"].get<std::string>().find("10 files"), std::string::npos);

  auto too_large =
      post_form(world.agent, target, {{"body", "Groot"}},
                {{"groot.bin", "application/octet-stream", std::string(10 * 1024 * 1024 + 1, 'a')}});
  EXPECT_EQ(too_large.status, 413) << too_large.body;
  EXPECT_EQ(body_of(too_large)["type"], "/problems/attachment-too-large");

  std::vector<FormFile> together(3,
                                 {"deel.bin", "application/octet-stream", std::string(9 * 1024 * 1024, 'b')});
  auto too_much = post_form(world.agent, target, {{"body", "Samen"}}, together);
  EXPECT_EQ(too_much.status, 413) << too_much.body;
  EXPECT_EQ(body_of(too_much)["type"], "/problems/attachments-too-large");

  auto malformed = world.agent.request("POST", target, "--x\r\nnonsense",
                                       {{"Content-Type", "multipart/form-data; boundary=x"}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(body_of(malformed)["type"], "/problems/multipart-malformed");

  // Nothing refused was stored; a JSON reply still works as before.
  auto messages = body_of(world.agent.get(target))["items"];
  EXPECT_EQ(messages.size(), 1u);
  auto json_reply = world.agent.post(target, R"({"kind":"outbound","body":"Gewoon tekst"})");
  EXPECT_EQ(json_reply.status, 201) << json_reply.body;
}

// Phone tickets: "log a call" and "call back" are internal notes with their structured
// first line, for the tenant's agents only.
TEST(PhoneTickets, LoggedCallsAndCallBacksAreNotesOnTheTicket) {
  AttachmentWorld world;
  auto created = world.agent.post("/api/v1/tickets", json{{"subject", "Gebeld"},
                                                          {"requester_id", world.jan_id},
                                                          {"channel", "phone"},
                                                          {"body", "Belt over storing"}}
                                                         .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/tickets/" + std::to_string(body_of(created)["id"].get<std::int64_t>());
  auto call = world.agent.post(
      base + "/calls",
      R"({"direction":"outbound","duration_seconds":252,"outcome":"reached","note":"Modem reset"})");
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_EQ(body_of(call)["kind"], "note");
  EXPECT_EQ(body_of(call)["body"], "[call] outbound, 4 min 12 s, reached\nModem reset");
  EXPECT_EQ(body_of(call)["call"]["duration_seconds"], 252);
  auto later = format_rfc3339(world.server.clock().now() + std::chrono::hours(2));
  auto callback = world.agent.post(base + "/callbacks", json{{"due_at", later}}.dump());
  ASSERT_EQ(callback.status, 201) << callback.body;
  EXPECT_EQ(body_of(callback)["body"], "[call back due " + later + "]");

  auto bad = world.agent.post(base + "/calls",
                              R"({"direction":"sideways","duration_seconds":1,"outcome":"reached"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["field"], "direction");
  EXPECT_EQ(
      world.agent.post(base + "/calls", R"({"direction":"inbound","duration_seconds":-1,"outcome":"busy"})")
          .status,
      422);
  auto past = format_rfc3339(world.server.clock().now() - std::chrono::hours(1));
  EXPECT_EQ(world.agent.post(base + "/callbacks", json{{"due_at", past}}.dump()).status, 422);
  EXPECT_EQ(world.other_tenant_agent
                .post(base + "/calls", R"({"direction":"inbound","duration_seconds":1,"outcome":"busy"})")
                .status,
            404);
  EXPECT_EQ(body_of(world.agent.get(base + "/messages"))["items"].size(), 3u);
}

}  // namespace
}  // namespace sp::testing
