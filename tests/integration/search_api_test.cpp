// Full-text search through the real HTTP API on the real SQLite (issue 17): Dutch and English
// stems, Chinese words inside a sentence, customer names and addresses, highlights, filters and
// paging, tenant isolation, changes reflected at once, the bounded backfill of tickets the index
// did not hold, and queries that cannot be searched.
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_search_store.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

class SearchApi : public ::testing::Test {
 protected:
  SearchApi() : platform(server.agent_client(std::nullopt, Role::Admin, "root@p.test")) {
    tenant = create_tenant("acme");
    other_tenant = create_tenant("globex");
    agent = client(tenant, Role::Agent, "piet@acme.test");
    other_agent = client(other_tenant, Role::Agent, "eve@globex.test");
  }

  std::int64_t create_tenant(const std::string& slug) {
    auto created = platform.post("/api/v1/tenants", json{{"slug", slug}, {"name", slug}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"].get<std::int64_t>();
  }
  std::unique_ptr<HttpClient> client(std::int64_t in_tenant, Role role, const std::string& email) {
    return std::make_unique<HttpClient>(server.agent_client(domain::TenantId{in_tenant}, role, email));
  }
  static std::int64_t customer(HttpClient& as, const std::string& name, const std::string& language,
                               std::vector<std::string> emails = {}) {
    auto created =
        as.post("/api/v1/customers", json{{"name", name}, {"language", language}, {"emails", emails}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"].get<std::int64_t>();
  }
  static std::int64_t ticket(HttpClient& as, std::int64_t requester, const std::string& subject,
                             const std::string& body) {
    auto created = as.post(
        "/api/v1/tickets",
        json{{"subject", subject}, {"requester_id", requester}, {"channel", "email"}, {"body", body}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"].get<std::int64_t>();
  }
  static ClientResponse search(HttpClient& as, const std::string& q, const std::string& more = "") {
    return as.get("/api/v1/search?q=" + url_encode(q) + more);
  }
  // The ids found, in answer order.
  static std::vector<std::int64_t> found(HttpClient& as, const std::string& q, const std::string& more = "") {
    auto answer = search(as, q, more);
    EXPECT_EQ(answer.status, 200) << answer.body;
    const json body = body_of(answer);  // kept: a loop over a temporary's member would dangle
    std::vector<std::int64_t> ids;
    for (const auto& item : body["items"]) ids.push_back(item["ticket"]["id"].get<std::int64_t>());
    return ids;
  }
  static json highlight(const json& item, const std::string& field) {
    for (const auto& h : item["highlights"])
      if (h["field"] == field) return h;
    return nullptr;
  }

  TestServer server;
  HttpClient platform;
  std::unique_ptr<HttpClient> agent, other_agent;
  std::int64_t tenant = 0, other_tenant = 0;
};

TEST_F(SearchApi, ADutchPluralFindsTheSingularAndHighlightsIt) {
  auto anna = customer(*agent, "Anna de Vries", "nl");
  auto id = ticket(*agent, anna, "Factuur klopt niet", "Het bedrag op de factuur is te hoog.");
  ticket(*agent, anna, "Levering", "Het pakket is niet gekomen.");
  auto answer = search(*agent, "facturen");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json items = body_of(answer)["items"];
  ASSERT_EQ(items.size(), 1u) << answer.body;
  EXPECT_EQ(items[0]["ticket"]["id"], id);
  EXPECT_EQ(items[0]["ticket"]["subject"], "Factuur klopt niet");
  EXPECT_EQ(items[0]["ticket"]["requester_name"], "Anna de Vries");  // the list's ticket row
  const json subject = highlight(items[0], "subject");
  ASSERT_TRUE(subject.is_object()) << items[0].dump();
  EXPECT_EQ(subject["text"], "Factuur klopt niet");
  EXPECT_EQ(subject["spans"], json::array({{{"start", 0}, {"end", 7}}}));
  const json message = highlight(items[0], "message");
  ASSERT_TRUE(message.is_object()) << items[0].dump();
  EXPECT_EQ(message["spans"].size(), 1u);
  EXPECT_TRUE(body_of(answer)["next_cursor"].is_null());
}

TEST_F(SearchApi, AnEnglishWordFindsItsOtherForms) {
  auto john = customer(*agent, "John Smith", "en");
  auto id = ticket(*agent, john, "Billing question", "I was charged twice for my subscription.");
  EXPECT_EQ(found(*agent, "charges"), std::vector<std::int64_t>{id});
  EXPECT_EQ(found(*agent, "subscriptions charged"), std::vector<std::int64_t>{id});
  EXPECT_TRUE(found(*agent, "charged refund").empty());  // every word must occur
}

TEST_F(SearchApi, AChineseWordIsFoundInsideASentence) {
  auto li = customer(*agent, "李明", "zh");
  auto id = ticket(*agent, li, "订单问题", "我想搜索我的订单记录，但是页面打不开。");
  auto answer = search(*agent, "搜索");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json items = body_of(answer)["items"];
  ASSERT_EQ(items.size(), 1u) << answer.body;
  EXPECT_EQ(items[0]["ticket"]["id"], id);
  const json message = highlight(items[0], "message");
  ASSERT_TRUE(message.is_object()) << items[0].dump();
  EXPECT_EQ(message["spans"], json::array({{{"start", 2}, {"end", 4}}}));
  EXPECT_TRUE(found(*agent, "搜订").empty());  // characters of two words are not a word
  EXPECT_EQ(found(*agent, "订单"), std::vector<std::int64_t>{id});
}

TEST_F(SearchApi, ACustomersNameOrAddressFindsTheirTickets) {
  auto marieke = customer(*agent, "Marieke Jansen", "nl", {"m.jansen@voorbeeld.nl"});
  auto id = ticket(*agent, marieke, "Vraag", "Hoe zet ik mijn wachtwoord terug?");
  auto by_name = search(*agent, "Jansen");
  ASSERT_EQ(by_name.status, 200) << by_name.body;
  ASSERT_EQ(body_of(by_name)["items"].size(), 1u) << by_name.body;
  const json name = highlight(body_of(by_name)["items"][0], "customer_name");
  ASSERT_TRUE(name.is_object()) << by_name.body;
  EXPECT_EQ(name["spans"], json::array({{{"start", 8}, {"end", 14}}}));
  auto by_address = search(*agent, "voorbeeld");
  ASSERT_EQ(body_of(by_address)["items"].size(), 1u) << by_address.body;
  EXPECT_EQ(body_of(by_address)["items"][0]["ticket"]["id"], id);
  EXPECT_TRUE(highlight(body_of(by_address)["items"][0], "customer_email").is_object()) << by_address.body;
  EXPECT_EQ(found(*agent, "marieke wachtwoord"), std::vector<std::int64_t>{id});  // across fields
}

TEST_F(SearchApi, AnotherTenantsTicketIsNeverFound) {
  auto mine = customer(*agent, "Kees", "nl");
  auto theirs = customer(*other_agent, "Kees", "nl");
  auto own = ticket(*agent, mine, "Storing internet", "Geen verbinding sinds vanochtend.");
  auto foreign = ticket(*other_agent, theirs, "Storing internet", "Geen verbinding sinds vanochtend.");
  EXPECT_EQ(found(*agent, "storing"), std::vector<std::int64_t>{own});
  EXPECT_EQ(found(*other_agent, "storing"), std::vector<std::int64_t>{foreign});
  // An agent cannot name another tenant; a platform administrator must name one.
  EXPECT_EQ(search(*agent, "storing", "&tenant_id=" + std::to_string(other_tenant)).status, 422);
  EXPECT_EQ(search(platform, "storing").status, 422);
  EXPECT_EQ(found(platform, "storing", "&tenant_id=" + std::to_string(other_tenant)),
            std::vector<std::int64_t>{foreign});
}

TEST_F(SearchApi, ANewSubjectAndANewMessageAreFoundAtOnce) {
  auto anna = customer(*agent, "Anna", "nl");
  auto id = ticket(*agent, anna, "Factuur klopt niet", "Graag controleren.");
  const std::string path = "/api/v1/tickets/" + std::to_string(id);
  auto patched = agent->request("PATCH", path, R"({"subject":"Levering vertraagd"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(found(*agent, "levering"), std::vector<std::int64_t>{id});
  EXPECT_TRUE(found(*agent, "factuur").empty());  // the old subject is gone from the index
  auto replied =
      agent->post(path + "/messages", R"({"kind":"note","body":"Het retourlabel zit in de bijlage."})");
  ASSERT_EQ(replied.status, 201) << replied.body;
  EXPECT_EQ(found(*agent, "retourlabel"), std::vector<std::int64_t>{id});
  EXPECT_EQ(found(*agent, "controleren"), std::vector<std::int64_t>{id});  // earlier messages stay
}

TEST_F(SearchApi, FiltersAndPagesNarrowTheResultsNewestFirst) {
  auto anna = customer(*agent, "Anna", "nl");
  auto first = ticket(*agent, anna, "Pakket kwijt", "Waar is mijn pakket?");
  auto second = ticket(*agent, anna, "Pakket beschadigd", "Het pakket was kapot.");
  auto third = ticket(*agent, anna, "Pakket te laat", "Pakket komt niet.");
  ASSERT_EQ(agent
                ->request("PATCH", "/api/v1/tickets/" + std::to_string(second),
                          R"({"priority":"urgent","status":"pending"})")
                .status,
            200);
  EXPECT_EQ(found(*agent, "pakket"), (std::vector<std::int64_t>{third, second, first}));
  EXPECT_EQ(found(*agent, "pakket", "&priority=urgent"), std::vector<std::int64_t>{second});
  EXPECT_EQ(found(*agent, "pakket", "&status=new,open"), (std::vector<std::int64_t>{third, first}));
  EXPECT_EQ(found(*agent, "pakket", "&assignee_id=none").size(), 3u);
  auto page = search(*agent, "pakket", "&limit=2");
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(body_of(page)["items"].size(), 2u);
  const std::string cursor = body_of(page)["next_cursor"].get<std::string>();
  EXPECT_EQ(found(*agent, "pakket", "&limit=2&cursor=" + cursor), std::vector<std::int64_t>{first});
}

TEST_F(SearchApi, TheBackfillIndexesTicketsTheIndexDidNotHoldInBatches) {
  auto anna = customer(*agent, "Anna", "nl");
  auto first = ticket(*agent, anna, "Factuur klopt niet", "Te hoog.");
  auto second = ticket(*agent, anna, "Factuur dubbel", "Twee keer betaald.");
  // As if both were there before migration 20: not in the index, in the backfill range.
  auto& sqlite = dynamic_cast<storage::sqlite::SqliteStore&>(server.store());
  ASSERT_TRUE(sqlite
                  .write([&](storage::sqlite::Connection& conn) -> Result<void> {
                    SP_TRY(conn.exec("DELETE FROM ticket_search"));
                    return conn.exec("INSERT INTO search_backfill(id, next_id, last_id) VALUES(1, " +
                                     std::to_string(first) + ", " + std::to_string(second) + ")");
                  })
                  .ok());
  EXPECT_TRUE(found(*agent, "facturen").empty());
  storage::sqlite::SqliteSearchStore index(sqlite);
  auto more = index.backfill_search_index(1);
  ASSERT_TRUE(more.ok());
  EXPECT_TRUE(*more);
  EXPECT_EQ(found(*agent, "facturen"), std::vector<std::int64_t>{first});
  more = index.backfill_search_index(1);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  EXPECT_EQ(found(*agent, "facturen"), (std::vector<std::int64_t>{second, first}));
  more = index.backfill_search_index(100);  // done: nothing left at any later start
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
}

TEST_F(SearchApi, AQueryThatCannotBeSearchedIsABadRequest) {
  for (const std::string& q :
       {std::string(), std::string("   "), std::string("?!-"), std::string(201, 'a')}) {
    auto answer = search(*agent, q);
    EXPECT_EQ(answer.status, 400) << q << ": " << answer.body;
    EXPECT_EQ(answer.headers["content-type"], "application/problem+json");
    EXPECT_EQ(body_of(answer)["type"], "/problems/invalid-search-query") << answer.body;
    EXPECT_EQ(body_of(answer)["field"], "q");
  }
  EXPECT_EQ(agent->get("/api/v1/search").status, 400);
  EXPECT_EQ(search(*agent, "pakket", "&limit=0").status, 422);
  EXPECT_EQ(search(*agent, "pakket", "&limit=51").status, 422);
  EXPECT_EQ(search(*agent, "pakket", "&cursor=abc").status, 422);
  EXPECT_EQ(search(*agent, "pakket", "&status=lost").status, 422);
  // FTS5 syntax in a query is searched for as words, never run.
  for (const std::string q : {"\"pakket", "NEAR(pakket kwijt)", "pakket OR *", "tenant:t1", "a AND NOT b"}) {
    EXPECT_EQ(search(*agent, q).status, 200) << q;
  }
  EXPECT_EQ(server.client().get("/api/v1/search?q=pakket").status, 401);
}

}  // namespace
}  // namespace sp::testing
