#include "demo/demo_seed.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "charter/charter.hpp"
#include "charter/charter_json.hpp"
#include "demo/demo_generate.hpp"
#include "demo/demo_improvements.hpp"
#include "demo/demo_sla.hpp"
#include "demo/history_check.hpp"
#include "storage/sqlite/sqlite_improvement_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::demo {
namespace {

using namespace std::chrono;
using storage::Scope;

const Timestamp kNow = sys_days{2026y / November / 24} + hours{15} + minutes{30};

// Stands in for argon2id, which would only make the test slow.
struct CountingHash {
  int calls = 0;
  std::string operator()(std::string_view password) {
    ++calls;
    return "plain:" + std::string(password);
  }
};

class DemoSeed : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::sqlite::SqliteOptions options;
    options.path = (dir_ / "demo.db").string();
    // Durability is not under test here; NORMAL spares a thousand fsyncs.
    options.synchronous = "NORMAL";
    auto opened = storage::sqlite::SqliteStore::open(options);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    auto migrated = store_->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
  }

  void TearDown() override { store_.reset(); }

  Result<DemoSummary> seed() { return seed_demo(*store_, std::ref(hash_), kNow, 42); }

  // Every ticket of the store, newest first, through the cursor pagination of list_tickets.
  std::vector<domain::Ticket> all_tickets() {
    std::vector<domain::Ticket> out;
    storage::TicketFilter filter;
    filter.limit = storage::kMaxPageSize;
    while (true) {
      auto page = store_->list_tickets(Scope::platform(), filter);
      EXPECT_TRUE(page.ok());
      if (!page.ok() || page->empty()) {
        return out;
      }
      filter.before_id = page->back().id.value;
      out.insert(out.end(), page->begin(), page->end());
    }
  }

  sp::testing::TempDir dir_{"sp-demo-test"};
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  CountingHash hash_;
};

TEST_F(DemoSeed, SeedsThreeTenantsAndAboutFiveThousandTickets) {
  auto summary = seed();
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_TRUE(summary->seeded_now);
  EXPECT_EQ(summary->tenants, 3);
  EXPECT_GE(summary->tickets, 4500);
  EXPECT_LE(summary->tickets, 5500);
  EXPECT_EQ(hash_.calls, 1) << "argon2id is slow: hash the shared demo password once";

  auto count = store_->count_tickets(Scope::platform());
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, summary->tickets);

  auto tenants = store_->list_tenants(Scope::platform());
  ASSERT_TRUE(tenants.ok());
  ASSERT_EQ(tenants->size(), 3u);
  std::map<std::string, domain::Tenant> by_slug;
  for (const auto& tenant : *tenants) {
    by_slug[tenant.slug] = tenant;
  }
  EXPECT_EQ(by_slug["telnet-nl"].timezone, "Europe/Amsterdam");
  EXPECT_EQ(by_slug["telnet-nl"].default_language, domain::Language::Nl);
  EXPECT_EQ(by_slug["brightbasket-uk"].timezone, "Europe/London");
  EXPECT_EQ(by_slug["brightbasket-uk"].default_language, domain::Language::En);
  EXPECT_EQ(by_slug["huaxin-cn"].timezone, "Asia/Shanghai");
  EXPECT_EQ(by_slug["huaxin-cn"].default_language, domain::Language::Zh);
  for (const auto& tenant : *tenants) {
    auto teams = store_->list_teams(Scope::of(tenant.id));
    ASSERT_TRUE(teams.ok());
    EXPECT_GE(teams->size(), 2u);
    auto agents = store_->list_agents(Scope::of(tenant.id));
    ASSERT_TRUE(agents.ok());
    EXPECT_GE(agents->size(), 6u);
    EXPECT_LE(agents->size(), 10u);
    auto tickets = store_->count_tickets(Scope::of(tenant.id));
    ASSERT_TRUE(tickets.ok());
    EXPECT_GT(*tickets, 1000);
  }
}

TEST_F(DemoSeed, EveryDemoLoginExistsWithTheSharedPasswordHash) {
  auto summary = seed();
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  ASSERT_EQ(summary->logins.size(), 13u);
  for (const auto& login : summary->logins) {
    auto found = store_->find_agent_by_email(login.email);
    ASSERT_TRUE(found.ok()) << login.email;
    EXPECT_EQ(found->password_hash, "plain:demo-password-1");
    EXPECT_EQ(domain::to_string(found->agent.role), login.role);
    EXPECT_EQ(found->agent.tenant_id.has_value(), !login.tenant_slug.empty()) << login.email;
  }
}

TEST_F(DemoSeed, SecondCallChangesNothingAndReportsTheFirstSeed) {
  auto first = seed();
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = seed();
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->seeded_now);
  EXPECT_EQ(second->tenants, first->tenants);
  EXPECT_EQ(second->agents, first->agents);
  EXPECT_EQ(second->customers, first->customers);
  EXPECT_EQ(second->tickets, first->tickets);
  EXPECT_EQ(second->logins.size(), first->logins.size());
  EXPECT_EQ(hash_.calls, 1);
  auto count = store_->count_tickets(Scope::platform());
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, first->tickets);
  auto tenants = store_->list_tenants(Scope::platform());
  ASSERT_TRUE(tenants.ok());
  EXPECT_EQ(tenants->size(), 3u);
}

TEST_F(DemoSeed, StoredTicketsAreTheReplayOfTheirEventsWithThreadsInTheTenantsLanguage) {
  auto summary = seed();
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  auto tenants = store_->list_tenants(Scope::platform());
  ASSERT_TRUE(tenants.ok());
  std::map<std::int64_t, domain::Language> language_of;
  for (const auto& tenant : *tenants) {
    language_of[tenant.id.value] = tenant.default_language;
  }

  auto tickets = all_tickets();
  ASSERT_EQ(static_cast<int>(tickets.size()), summary->tickets);
  std::map<domain::Status, int> statuses;
  std::map<domain::Language, int> threads, threads_in_language;
  for (const auto& ticket : tickets) {
    const Scope scope = Scope::of(ticket.tenant_id);
    auto events = store_->list_events(scope, ticket.id);
    auto messages = store_->list_messages(scope, ticket.id);
    ASSERT_TRUE(events.ok() && messages.ok());
    ASSERT_FALSE(events->empty());
    testing::expect_row_is_replay(ticket, *events);
    statuses[ticket.status]++;

    EXPECT_GT(ticket.created_at, kNow - kDemoWindow);
    EXPECT_LE(ticket.updated_at, kNow);
    std::set<std::int64_t> message_ids;
    for (const auto& message : *messages) {
      message_ids.insert(message.id.value);
      EXPECT_GE(message.created_at, ticket.created_at);
      EXPECT_LE(message.created_at, kNow);
    }
    for (const auto& event : *events) {
      EXPECT_GE(event.at, ticket.created_at);
      EXPECT_LE(event.at, kNow);
      if (event.type == domain::EventType::MessageAdded) {
        ASSERT_TRUE(event.message_id.has_value());
        EXPECT_TRUE(message_ids.count(event.message_id->value)) << "ticket " << ticket.id.value;
      }
    }

    auto language = language_of[ticket.tenant_id.value];
    std::string thread = ticket.subject;
    for (const auto& message : *messages) {
      EXPECT_EQ(testing::has_cjk(message.body), language == domain::Language::Zh) << message.body;
      thread += "\n" + message.body;
    }
    threads[language]++;
    threads_in_language[language] += testing::guess_language(thread) == domain::to_string(language) ? 1 : 0;
    if (HasFailure()) {
      return;  // one broken ticket is enough to read
    }
  }
  for (auto [language, count] : threads) {
    EXPECT_GE(threads_in_language[language] * 100, count * 98) << domain::to_string(language);
  }
  EXPECT_GT(statuses[domain::Status::Closed], 0);
  EXPECT_GT(statuses[domain::Status::Solved], 0);
  EXPECT_GT(statuses[domain::Status::Open], 0);
  EXPECT_GT(statuses[domain::Status::Pending], 0);
  EXPECT_GT(statuses[domain::Status::New], 0);
}

TEST_F(DemoSeed, EveryTenantGetsAValidCharterInItsOwnNameAndZone) {
  ASSERT_TRUE(seed().ok());
  ASSERT_TRUE(seed_demo_sla(*store_, *store_, kNow).ok());
  auto tenants = store_->list_tenants(Scope::platform()).value();
  ASSERT_EQ(tenants.size(), 3u);
  for (const auto& tenant : tenants) {
    auto stored = store_->get_setting(charter::charter_setting_key(tenant.id)).value();
    ASSERT_TRUE(stored) << tenant.slug;
    auto parsed = charter::charter_from_json(nlohmann::json::parse(*stored));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_TRUE(charter::validate(*parsed).ok());
    EXPECT_EQ(parsed->organisation.text, tenant.name);
    EXPECT_EQ(parsed->time_zone, tenant.timezone);
    EXPECT_EQ(parsed->languages.front(), tenant.default_language);
  }
}

TEST_F(DemoSeed, EveryTenantGetsOneDoneAndOneOngoingImprovementActionOnce) {
  ASSERT_TRUE(seed().ok());
  storage::sqlite::SqliteImprovementStore improvements(*store_);
  EXPECT_EQ(seed_demo_improvements(*store_, improvements, kNow).value(), 6);
  EXPECT_EQ(seed_demo_improvements(*store_, improvements, kNow).value(), 0);  // idempotent
  const auto tenants = store_->list_tenants(Scope::platform()).value();
  for (const auto& tenant : tenants) {
    auto actions = improvements.list_improvements(Scope::of(tenant.id), 10).value();
    ASSERT_EQ(actions.size(), 2u) << tenant.slug;
    EXPECT_EQ(actions[0].status, "done");
    EXPECT_FALSE(actions[0].done_on.empty());
    EXPECT_EQ(actions[1].status, "in_progress");
    EXPECT_TRUE(actions[1].done_on.empty());
  }
}

}  // namespace
}  // namespace sp::demo
