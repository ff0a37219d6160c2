// Customer portal, live change streams and the served web pages, through real HTTP.
#include <gtest/gtest.h>
#include <sys/time.h>

#include <chrono>
#include <fstream>

#include "http/static_files.hpp"
#include "test_server.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

// An open server-sent-events connection read with a timeout.
class EventReader {
 public:
  EventReader(std::uint16_t port, const std::string& request) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    timeval timeout{0, 200'000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    (void)::send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
  }
  ~EventReader() { ::close(fd_); }
  // Reads until `needle` appears or `wait` passes; returns everything read so far.
  const std::string& read_until(const std::string& needle,
                                std::chrono::milliseconds wait = std::chrono::seconds(5)) {
    auto until = std::chrono::steady_clock::now() + wait;
    char buf[4096];
    while (text_.find(needle) == std::string::npos && std::chrono::steady_clock::now() < until) {
      auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) text_.append(buf, static_cast<std::size_t>(n));
      if (n == 0) break;
    }
    return text_;
  }

 private:
  int fd_ = -1;
  std::string text_;
};

struct PortalWorld {
  TestServer server;
  HttpClient platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  std::int64_t tenant_id = 0, customer_id = 0, other_customer_id = 0;
  HttpClient agent{0};

  PortalWorld() {
    tenant_id = body_of(platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme"})"))["id"];
    agent = server.agent_client(domain::TenantId{tenant_id}, Role::Agent, "agent@acme.test");
    customer_id = body_of(agent.post(
        "/api/v1/customers", R"({"name":"Jan Jansen","emails":["jan@example.nl"],"language":"nl"})"))["id"];
    other_customer_id =
        body_of(agent.post("/api/v1/customers", R"({"name":"Piet","emails":["piet@example.nl"]})"))["id"];
  }

  // Signs the customer with `email` in through a sign-in link; returns a portal client.
  HttpClient customer(const std::string& email) {
    HttpClient client(server.port());
    auto link = client.post("/api/v1/portal/links", json{{"tenant", "acme"}, {"email", email}}.dump());
    EXPECT_EQ(link.status, 202) << link.body;
    std::string demo_link = body_of(link).value("demo_link", std::string());
    EXPECT_FALSE(demo_link.empty());
    auto token = demo_link.substr(demo_link.find("token=") + 6);
    auto session = client.post("/api/v1/portal/session", json{{"token", token}}.dump());
    EXPECT_EQ(session.status, 200) << session.body;
    auto cookie = session.header("set-cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    client.cookie = cookie.substr(0, cookie.find(';'));
    client.csrf = body_of(session)["csrf_token"];
    return client;
  }
};

TEST(Portal, SignInLinkIsSingleUseAndUnknownAddressesAnswerAlike) {
  PortalWorld world;
  HttpClient anonymous(world.server.port());
  auto unknown = anonymous.post("/api/v1/portal/links", R"({"tenant":"acme","email":"nobody@example.nl"})");
  EXPECT_EQ(unknown.status, 202);
  EXPECT_FALSE(body_of(unknown).contains("demo_link"));  // nothing to sign in with
  auto bad_tenant = anonymous.post("/api/v1/portal/links", R"({"tenant":"nope","email":"jan@example.nl"})");
  EXPECT_EQ(bad_tenant.status, 422);
  EXPECT_EQ(body_of(bad_tenant)["type"], "/problems/invalid-field");

  auto link = anonymous.post("/api/v1/portal/links", R"({"tenant":"acme","email":"JAN@example.nl"})");
  std::string demo_link = body_of(link)["demo_link"];
  auto token = demo_link.substr(demo_link.find("token=") + 6);
  EXPECT_EQ(anonymous.post("/api/v1/portal/session", json{{"token", token}}.dump()).status, 200);
  auto again = anonymous.post("/api/v1/portal/session", json{{"token", token}}.dump());
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(body_of(again)["type"], "/problems/unauthenticated");
}

TEST(Portal, LinksExpire) {
  PortalWorld world;
  HttpClient anonymous(world.server.port());
  auto link = anonymous.post("/api/v1/portal/links", R"({"tenant":"acme","email":"jan@example.nl"})");
  std::string demo_link = body_of(link)["demo_link"];
  world.server.clock().advance(std::chrono::minutes(16));
  auto late = anonymous.post("/api/v1/portal/session",
                             json{{"token", demo_link.substr(demo_link.find("token=") + 6)}}.dump());
  EXPECT_EQ(late.status, 401);
}

TEST(Portal, CustomerSeesOnlyOwnTicketsAndNoInternalNotes) {
  PortalWorld world;
  auto jan = world.customer("jan@example.nl");
  auto piet = world.customer("piet@example.nl");

  auto created =
      jan.post("/api/v1/portal/tickets", R"({"subject":"Factuur klopt niet","body":"Te veel betaald."})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = body_of(created)["id"].get<std::int64_t>();
  auto path = "/api/v1/portal/tickets/" + std::to_string(id);

  // The agent sees it as an inbound web contact by Jan, answers, and writes a note.
  auto ticket = body_of(world.agent.get("/api/v1/tickets/" + std::to_string(id)));
  EXPECT_EQ(ticket["requester_id"], world.customer_id);
  EXPECT_EQ(ticket["channel"], "web");
  ASSERT_EQ(world.agent
                .post(path.substr(0, 0) + "/api/v1/tickets/" + std::to_string(id) + "/messages",
                      R"({"kind":"note","body":"Intern: klant belt vaak"})")
                .status,
            201);
  ASSERT_EQ(world.agent
                .post("/api/v1/tickets/" + std::to_string(id) + "/messages",
                      R"({"kind":"outbound","body":"We storten het verschil terug."})")
                .status,
            201);

  auto view = body_of(jan.get(path));
  ASSERT_EQ(view["messages"].size(), 2u) << view.dump();
  EXPECT_EQ(view["messages"][0]["body"], "Te veel betaald.");
  EXPECT_TRUE(view["messages"][0]["from_customer"]);
  EXPECT_EQ(view["messages"][1]["body"], "We storten het verschil terug.");
  EXPECT_EQ(view.dump().find("Intern"), std::string::npos);

  EXPECT_EQ(piet.get(path).status, 404);
  EXPECT_EQ(piet.post(path + "/messages", R"({"body":"hijack"})").status, 404);
  auto list = body_of(piet.get("/api/v1/portal/tickets"));
  EXPECT_TRUE(list["items"].empty());

  auto reply = jan.post(path + "/messages", R"({"body":"Dank u."})");
  EXPECT_EQ(reply.status, 201) << reply.body;
  auto mine = body_of(jan.get("/api/v1/portal/tickets"));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["id"], id);
}

TEST(Portal, ChangesNeedTheCsrfTokenAndAgentCookiesDoNotWork) {
  PortalWorld world;
  auto jan = world.customer("jan@example.nl");
  auto csrf = jan.csrf;
  jan.csrf.clear();
  auto refused = jan.post("/api/v1/portal/tickets", R"({"subject":"x","body":"y"})");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(body_of(refused)["type"], "/problems/csrf-token-invalid");
  // A portal session is no agent session.
  HttpClient as_agent(world.server.port());
  as_agent.cookie = "sp_session=" + jan.cookie.substr(jan.cookie.find('=') + 1);
  EXPECT_EQ(as_agent.get("/api/v1/tickets").status, 401);
  HttpClient nobody(world.server.port());
  EXPECT_EQ(nobody.get("/api/v1/portal/tickets").status, 401);
  auto logout = jan.post("/api/v1/portal/logout", "");
  EXPECT_EQ(logout.status, 204);
  EXPECT_EQ(jan.get("/api/v1/portal/me").status, 401);
}

TEST(Stream, AgentSeesChangesOfOwnTenantLive) {
  PortalWorld world;
  EventReader events(world.server.port(), "GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                              world.agent.bearer + "\r\n\r\n");
  EXPECT_NE(events.read_until("retry:").find("text/event-stream"), std::string::npos);
  auto jan = world.customer("jan@example.nl");
  auto created = body_of(jan.post("/api/v1/portal/tickets", R"({"subject":"Live","body":"Hallo"})"));
  auto text = events.read_until("\"change\":\"created\"");
  EXPECT_NE(text.find("event: ticket"), std::string::npos);
  EXPECT_NE(text.find("\"ticket_id\":" + std::to_string(created["id"].get<std::int64_t>())),
            std::string::npos);

  // Another tenant's agent hears nothing of it.
  auto other_tenant =
      body_of(world.platform.post("/api/v1/tenants", R"({"slug":"globex","name":"Globex"})"))["id"];
  auto outsider = world.server.agent_client(domain::TenantId{other_tenant.get<std::int64_t>()}, Role::Agent,
                                            "x@globex.test");
  EventReader foreign(
      world.server.port(),
      "GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + outsider.bearer + "\r\n\r\n");
  foreign.read_until("retry:");
  jan.post("/api/v1/portal/tickets/" + std::to_string(created["id"].get<std::int64_t>()) + "/messages",
           R"({"body":"Nog iets"})");
  EXPECT_NE(events.read_until("\"change\":\"message\"").find("\"change\":\"message\""), std::string::npos);
  EXPECT_EQ(foreign.read_until("event: ticket", std::chrono::milliseconds(800)).find("event: ticket"),
            std::string::npos);
}

TEST(Stream, CustomerStreamCarriesOnlyOwnTickets) {
  PortalWorld world;
  auto jan = world.customer("jan@example.nl");
  auto piet = world.customer("piet@example.nl");
  EventReader jan_events(world.server.port(), "GET /api/v1/portal/stream HTTP/1.1\r\nHost: x\r\nCookie: " +
                                                  jan.cookie + "\r\n\r\n");
  jan_events.read_until("retry:");
  auto piets = body_of(piet.post("/api/v1/portal/tickets", R"({"subject":"Piet","body":"p"})"));
  auto jans = body_of(jan.post("/api/v1/portal/tickets", R"({"subject":"Jan","body":"j"})"));
  auto text = jan_events.read_until("\"ticket_id\":" + std::to_string(jans["id"].get<std::int64_t>()));
  EXPECT_NE(text.find("\"ticket_id\":" + std::to_string(jans["id"].get<std::int64_t>())), std::string::npos);
  EXPECT_EQ(text.find("\"ticket_id\":" + std::to_string(piets["id"].get<std::int64_t>()) + ","),
            std::string::npos);
}

TEST(Queue, RowsCarrySlaSummaryAndRequesterAndFilterByChannelAndSearch) {
  PortalWorld world;
  auto jan = world.customer("jan@example.nl");
  ASSERT_EQ(jan.post("/api/v1/portal/tickets", R"({"subject":"Router 100% kapot_1","body":"x"})").status,
            201);
  ASSERT_EQ(world.agent
                .post("/api/v1/tickets", json{{"subject", "Telefoon"},
                                              {"requester_id", world.other_customer_id},
                                              {"channel", "phone"},
                                              {"body", "b"}}
                                             .dump())
                .status,
            201);
  auto all = body_of(world.agent.get("/api/v1/tickets"));
  ASSERT_EQ(all["items"].size(), 2u);
  EXPECT_TRUE(all["items"][0].contains("sla"));
  EXPECT_EQ(all["items"][0]["requester_name"], "Piet");
  auto phone = body_of(world.agent.get("/api/v1/tickets?channel=phone"));
  ASSERT_EQ(phone["items"].size(), 1u);
  EXPECT_EQ(phone["items"][0]["subject"], "Telefoon");
  auto by_name = body_of(world.agent.get("/api/v1/tickets?q=jansen"));
  ASSERT_EQ(by_name["items"].size(), 1u);
  EXPECT_EQ(by_name["items"][0]["requester_name"], "Jan Jansen");
  // % and _ match literally.
  EXPECT_EQ(body_of(world.agent.get("/api/v1/tickets?q=100%25%20kapot_1"))["items"].size(), 1u);
  EXPECT_EQ(body_of(world.agent.get("/api/v1/tickets?q=%25"))["items"].size(), 1u);
  EXPECT_EQ(body_of(world.agent.get("/api/v1/tickets?q=_"))["items"].size(), 1u);
  EXPECT_EQ(world.agent.get("/api/v1/tickets?channel=pigeon").status, 422);
}

TEST(StaticFiles, ServesPagesWithCspAndAssetsImmutable) {
  TempDir dir("sp-web");
  const auto root = dir.path();
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>console</title>";
  std::ofstream(root / "portal.html") << "<!doctype html><title>portal</title>";
  std::ofstream(root / "assets" / "app-1234.js") << "console.log(1)";
  auto files = http::StaticFiles::load(root.string()).value();
  http::HttpRequest request;
  request.method = "GET";
  request.path = "/";
  auto page = files.serve(request);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  bool has_csp = false;
  for (auto& [name, value] : page->headers) {
    if (name == "Content-Security-Policy") {
      has_csp = true;
      EXPECT_EQ(value.find("unsafe-inline"), std::string::npos);
    }
  }
  EXPECT_TRUE(has_csp);
  request.path = "/portal";
  EXPECT_NE(files.serve(request)->body.find("portal"), std::string::npos);
  request.path = "/assets/app-1234.js";
  auto script = files.serve(request);
  ASSERT_TRUE(script);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  request.path = "/../etc/passwd";
  EXPECT_FALSE(files.serve(request));
  request.method = "POST";
  request.path = "/";
  EXPECT_FALSE(files.serve(request));
}

}  // namespace
}  // namespace sp::testing
