#include "demo/demo_generate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "demo/demo_seed.hpp"
#include "demo/history_check.hpp"
#include "domain/validation.hpp"

namespace sp::demo {
namespace {

using namespace std::chrono;
using domain::Channel;
using domain::EventType;
using domain::MessageKind;
using domain::Status;

// A Tuesday in late November (no summer time in Europe).
const Timestamp kNow = sys_days{2026y / November / 24} + hours{15} + minutes{30};

// A tenant's people with made-up ids, as the store would return them.
TenantCast fake_cast(const TenantContent& content, DemoRandom& random) {
  TenantCast cast;
  cast.tenant = domain::TenantId{7};
  for (std::size_t idx = 0; idx < content.teams.size(); ++idx) {
    cast.teams.push_back(domain::TeamId{100 + static_cast<std::int64_t>(idx)});
  }
  cast.staff = make_staff(content, cast.tenant, cast.teams, kNow - kDemoWindow);
  for (std::size_t idx = 0; idx < cast.staff.size(); ++idx) {
    cast.staff[idx].agent.id = domain::AgentId{200 + static_cast<std::int64_t>(idx)};
  }
  cast.customers = make_customers(content, cast.tenant, kNow - kDemoWindow, random);
  for (std::size_t idx = 0; idx < cast.customers.size(); ++idx) {
    cast.customers[idx].customer.id = domain::CustomerId{1000 + static_cast<std::int64_t>(idx)};
  }
  return cast;
}

struct Generated {
  TenantCast cast;
  std::vector<storage::ImportedTicket> tickets;
};

Generated generate(const TenantContent& content, std::uint64_t seed) {
  DemoRandom random(seed);
  Generated out;
  out.cast = fake_cast(content, random);
  auto tickets = generate_tickets(content, out.cast, kNow, random);
  EXPECT_TRUE(tickets.ok()) << (tickets.ok() ? "" : tickets.error().message);
  if (tickets.ok()) {
    out.tickets = std::move(*tickets);
  }
  return out;
}

const TenantContent& tenant(std::string_view slug) {
  for (const auto& content : demo_tenants()) {
    if (content.slug == slug) {
      return content;
    }
  }
  ADD_FAILURE() << "no demo tenant " << slug;
  return demo_tenants().front();
}

std::string_view language_code(domain::Language language) {
  return domain::to_string(language);
}

class DemoGenerateEachTenant : public ::testing::TestWithParam<std::string_view> {};

INSTANTIATE_TEST_SUITE_P(Tenants, DemoGenerateEachTenant,
                         ::testing::Values("telnet-nl", "brightbasket-uk", "huaxin-cn"));

TEST_P(DemoGenerateEachTenant, MakesTheConfiguredNumberOfTicketsInCreationOrder) {
  const auto& content = tenant(GetParam());
  auto generated = generate(content, 42);
  ASSERT_EQ(generated.tickets.size(), static_cast<std::size_t>(content.tickets));
  EXPECT_TRUE(
      std::is_sorted(generated.tickets.begin(), generated.tickets.end(),
                     [](const auto& a, const auto& b) { return a.ticket.created_at < b.ticket.created_at; }));
}

TEST_P(DemoGenerateEachTenant, EveryTicketRowIsTheReplayOfItsHistory) {
  auto generated = generate(tenant(GetParam()), 42);
  for (const auto& imported : generated.tickets) {
    testing::expect_row_is_replay(imported.ticket, imported.events);
    ASSERT_FALSE(imported.events.empty());
    EXPECT_EQ(imported.events.front().type, EventType::Created);
    if (::testing::Test::HasFailure()) {
      return;  // one broken ticket is enough to read
    }
  }
}

TEST_P(DemoGenerateEachTenant, HistoriesAreOrderedAndInsideTheNinetyDayWindow) {
  auto generated = generate(tenant(GetParam()), 42);
  for (const auto& imported : generated.tickets) {
    const auto& ticket = imported.ticket;
    EXPECT_GT(ticket.created_at, kNow - kDemoWindow);
    EXPECT_LE(ticket.updated_at, kNow);
    Timestamp previous = ticket.created_at;
    for (std::size_t idx = 0; idx < imported.events.size(); ++idx) {
      const auto& event = imported.events[idx];
      EXPECT_EQ(event.seq, static_cast<std::int64_t>(idx) + 1);
      EXPECT_GE(event.at, previous);
      EXPECT_LE(event.at, kNow);
      previous = event.at;
    }
    EXPECT_EQ(ticket.updated_at, imported.events.back().at);
  }
}

TEST_P(DemoGenerateEachTenant, MessageEventsPointAtTheirMessagesByIndexPlusOne) {
  auto generated = generate(tenant(GetParam()), 42);
  for (const auto& imported : generated.tickets) {
    std::int64_t expected_id = 0;
    for (const auto& event : imported.events) {
      if (event.type != EventType::MessageAdded) {
        EXPECT_FALSE(event.message_id.has_value());
        continue;
      }
      ++expected_id;
      ASSERT_TRUE(event.message_id.has_value());
      ASSERT_EQ(event.message_id->value, expected_id);
      const auto& message = imported.messages[static_cast<std::size_t>(expected_id - 1)];
      EXPECT_EQ(event.message_kind, message.kind);
      EXPECT_EQ(event.at, message.created_at);
      EXPECT_EQ(event.actor.type, message.author.type);
      EXPECT_EQ(event.actor.id, message.author.id);
    }
    EXPECT_EQ(static_cast<std::size_t>(expected_id), imported.messages.size());
    ASSERT_FALSE(imported.messages.empty());
    EXPECT_EQ(imported.messages.front().kind, MessageKind::Inbound);
    EXPECT_EQ(imported.messages.front().author.id, imported.ticket.requester_id.value);
  }
}

TEST_P(DemoGenerateEachTenant, TextsAreValidFilledInAndInTheTenantsLanguage) {
  const auto& content = tenant(GetParam());
  auto generated = generate(content, 42);
  std::size_t right_language = 0;
  for (const auto& imported : generated.tickets) {
    EXPECT_EQ(imported.ticket.subject.find('{'), std::string::npos) << imported.ticket.subject;
    std::string thread = imported.ticket.subject;
    for (const auto& message : imported.messages) {
      ASSERT_TRUE(domain::is_valid_utf8(message.body));
      EXPECT_EQ(message.body.find('{'), std::string::npos) << message.body;
      EXPECT_EQ(testing::has_cjk(message.body), content.language == domain::Language::Zh) << message.body;
      thread += "\n" + message.body;
    }
    right_language += testing::guess_language(thread) == language_code(content.language) ? 1 : 0;
  }
  // The guess is crude; nearly every thread must still read as the tenant's language.
  EXPECT_GE(right_language * 100, generated.tickets.size() * 98);
}

TEST_P(DemoGenerateEachTenant, StatusesFollowAgeAsInARealDesk) {
  auto generated = generate(tenant(GetParam()), 42);
  std::map<Status, int> old_tickets, recent_tickets;
  for (const auto& imported : generated.tickets) {
    bool old = imported.ticket.created_at < kNow - days{14};
    (old ? old_tickets : recent_tickets)[imported.ticket.status]++;
  }
  int old_total = 0;
  for (auto [status, count] : old_tickets) {
    old_total += count;
  }
  int old_done = old_tickets[Status::Solved] + old_tickets[Status::Closed];
  EXPECT_GT(old_done * 100, old_total * 90) << "most older tickets are solved or closed";
  EXPECT_GT(old_tickets[Status::Closed], old_tickets[Status::Solved]);
  EXPECT_GT(old_tickets[Status::Open] + old_tickets[Status::Pending] + old_tickets[Status::New], 0)
      << "a small backlog of forgotten tickets";
  EXPECT_GT(recent_tickets[Status::New], 0);
  EXPECT_GT(recent_tickets[Status::Open], 0);
  EXPECT_GT(recent_tickets[Status::Pending], 0);
  EXPECT_GT(recent_tickets[Status::Solved], 0);
  EXPECT_GT(old_tickets[Status::OnHold] + recent_tickets[Status::OnHold], 0);
}

TEST_P(DemoGenerateEachTenant, MixesChannelsPrioritiesCategoriesAndLateFirstResponses) {
  auto generated = generate(tenant(GetParam()), 42);
  std::map<Channel, int> channels;
  std::map<domain::Priority, int> priorities;
  std::map<std::string, int> categories;
  int answered = 0, answered_after_a_day = 0, notes = 0;
  for (const auto& imported : generated.tickets) {
    channels[imported.ticket.channel]++;
    priorities[imported.ticket.priority]++;
    categories[imported.ticket.category]++;
    for (const auto& message : imported.messages) {
      notes += message.kind == MessageKind::Note ? 1 : 0;
    }
    for (const auto& message : imported.messages) {
      if (message.kind == MessageKind::Outbound) {
        ++answered;
        answered_after_a_day += message.created_at - imported.ticket.created_at > hours{24} ? 1 : 0;
        break;
      }
    }
  }
  auto total = static_cast<int>(generated.tickets.size());
  EXPECT_EQ(channels.size(), 5u);  // every channel but api
  EXPECT_GT(priorities[domain::Priority::Normal] * 2, total);
  EXPECT_GT(priorities[domain::Priority::Urgent], 0);
  EXPECT_GT(categories["major_complaint"], 0);
  EXPECT_LT(categories["major_complaint"] * 100, total * 6);
  EXPECT_GT(notes, 0);
  // Late answers exist (SLA breaches to report), but they are the exception.
  EXPECT_GT(answered_after_a_day, 0);
  EXPECT_LT(answered_after_a_day * 100, answered * 25);
}

TEST(DemoGenerate, ArrivalsFavourWorkingHoursInTheTenantsZone) {
  // Shanghai has no summer time, so local time is UTC+8 all year.
  auto generated = generate(tenant("huaxin-cn"), 42);
  int daytime = 0, night = 0, outbound = 0, outbound_in_hours = 0;
  for (const auto& imported : generated.tickets) {
    auto local = imported.ticket.created_at + hours{8};
    auto hour = duration_cast<hours>(local - floor<days>(local)).count();
    daytime += hour >= 9 && hour < 22 ? 1 : 0;
    night += hour < 6 ? 1 : 0;
    for (const auto& message : imported.messages) {
      if (message.kind != MessageKind::Outbound) {
        continue;
      }
      ++outbound;
      auto at = message.created_at + hours{8};
      auto minute = duration_cast<minutes>(at - floor<days>(at)).count();
      // Opening hours 09:00-21:00; a reply started just before closing may end a bit later.
      outbound_in_hours += minute >= 9 * 60 && minute < 21 * 60 + 30 ? 1 : 0;
    }
  }
  auto total = static_cast<int>(generated.tickets.size());
  EXPECT_GT(daytime * 100, total * 75);
  EXPECT_LT(night * 100, total * 5);
  EXPECT_GT(outbound_in_hours * 100, outbound * 95);
}

TEST(DemoGenerate, IncidentsProduceABurstOfTaggedTickets) {
  const auto& content = tenant("telnet-nl");
  auto generated = generate(content, 42);
  const auto& incident = content.incidents.front();
  int tagged = 0;
  for (const auto& imported : generated.tickets) {
    const auto& tags = imported.ticket.tags;
    if (std::find(tags.begin(), tags.end(), incident.tag) != tags.end()) {
      ++tagged;
      EXPECT_EQ(imported.ticket.category, incident.category);
      EXPECT_LT(kNow - imported.ticket.created_at, days{incident.days_ago + 1});
      EXPECT_GT(kNow - imported.ticket.created_at, days{incident.days_ago - 2});
    }
  }
  EXPECT_EQ(tagged, incident.tickets);
}

TEST(DemoGenerate, SameSeedAndNowGiveTheSameData) {
  const auto& content = tenant("brightbasket-uk");
  auto first = generate(content, 7);
  auto second = generate(content, 7);
  auto other = generate(content, 8);
  ASSERT_EQ(first.tickets.size(), second.tickets.size());
  bool differs_from_other = false;
  for (std::size_t idx = 0; idx < first.tickets.size(); ++idx) {
    const auto& a = first.tickets[idx];
    const auto& b = second.tickets[idx];
    ASSERT_EQ(a.ticket.subject, b.ticket.subject);
    ASSERT_EQ(a.ticket.created_at, b.ticket.created_at);
    ASSERT_EQ(a.ticket.status, b.ticket.status);
    ASSERT_EQ(a.messages.size(), b.messages.size());
    for (std::size_t msg = 0; msg < a.messages.size(); ++msg) {
      ASSERT_EQ(a.messages[msg].body, b.messages[msg].body);
      ASSERT_EQ(a.messages[msg].created_at, b.messages[msg].created_at);
    }
    ASSERT_EQ(a.events.size(), b.events.size());
    differs_from_other = differs_from_other || a.ticket.created_at != other.tickets[idx].ticket.created_at;
  }
  EXPECT_TRUE(differs_from_other);
}

TEST_P(DemoGenerateEachTenant, CustomersHaveUniqueNormalisedContactsInTheTenantsLanguage) {
  const auto& content = tenant(GetParam());
  DemoRandom random(42);
  auto customers = make_customers(content, domain::TenantId{1}, kNow, random);
  ASSERT_EQ(customers.size(), static_cast<std::size_t>(content.customers));
  std::set<std::string> emails;
  for (const auto& demo : customers) {
    const auto& customer = demo.customer;
    EXPECT_FALSE(customer.name.empty());
    EXPECT_EQ(customer.language, content.language);
    ASSERT_FALSE(customer.emails.empty());
    for (const auto& email : customer.emails) {
      auto normal = domain::normalise_email(email);
      ASSERT_TRUE(normal.ok()) << email;
      EXPECT_EQ(*normal, email);
      EXPECT_TRUE(emails.insert(email).second) << "duplicate " << email;
      EXPECT_NE(email.find("example."), std::string::npos) << "reserved domains only: " << email;
    }
    for (const auto& phone : customer.phones) {
      auto normal = domain::normalise_phone(phone);
      ASSERT_TRUE(normal.ok()) << phone;
      EXPECT_EQ(*normal, phone);
      EXPECT_EQ(phone.rfind(content.phone_prefix, 0), 0u) << phone;
    }
    EXPECT_EQ(testing::has_cjk(customer.name), content.language == domain::Language::Zh);
  }
}

TEST(DemoLogins, OneLoginPerRolePerTenantPlusThePlatformAdmin) {
  auto logins = demo_logins();
  ASSERT_EQ(logins.size(), 1u + 4u * demo_tenants().size());
  EXPECT_EQ(logins.front().tenant_slug, "");
  EXPECT_EQ(logins.front().email, "admin@servicepact.test");
  std::set<std::string> emails;
  for (const auto& login : logins) {
    EXPECT_EQ(login.password, kDemoPassword);
    EXPECT_TRUE(emails.insert(login.email).second) << login.email;
    EXPECT_TRUE(domain::parse_role(login.role).ok()) << login.role;
  }
  EXPECT_TRUE(emails.count("admin@telnet-nl.test"));
  EXPECT_TRUE(emails.count("admin@brightbasket-uk.test"));
  EXPECT_TRUE(emails.count("admin@huaxin-cn.test"));
}

}  // namespace
}  // namespace sp::demo
