// Pure generation of the demo data: the people of a demo tenant and ~90 days of ticket
// histories for them. No I/O and no clock: `now` and the random source are passed in, so the
// same seed and `now` always give the same data. Every ticket's history is produced by the
// domain rules (draft_ticket, add_message, apply_patch), so the final ticket row is exactly
// the replay of its events. demo_seed.cpp stores what these functions return.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "demo/demo_content.hpp"
#include "demo/demo_random.hpp"
#include "domain/model.hpp"
#include "storage/store.hpp"

namespace sp::demo {

// Tickets are created within this window before `now`.
inline constexpr std::chrono::days kDemoWindow{90};

struct DemoCustomer {
  domain::Customer customer;   // id is 0 until stored
  std::string first_name;      // as shown: "Jan", "芳"
  std::string salutation;      // how agents address them: "Jan", "王女士"
  std::string account_number;  // seven digits, quoted by telecom customers
  bool vip = false;            // the most frequent writers; their tickets carry the "vip" tag
};

struct DemoStaffMember {
  domain::Agent agent;         // id is 0 until stored
  std::string signature_name;  // under the agent's replies: "Sanne", "张婷"
};

// The demo tenant row (id 0), created at `created_at`.
domain::Tenant make_tenant(const TenantContent& content, Timestamp created_at);

// The tenant's teams in the order of content.teams (ids 0).
std::vector<domain::Team> make_teams(const TenantContent& content, domain::TenantId tenant,
                                     Timestamp created_at);

// The tenant's staff; `team_ids` are the stored ids of content.teams, in order. The first
// admin gets admin@<slug>.test, everyone else first.last@<slug>.test.
std::vector<DemoStaffMember> make_staff(const TenantContent& content, domain::TenantId tenant,
                                        const std::vector<domain::TeamId>& team_ids, Timestamp created_at);

// content.customers customers with names, e-mail addresses (unique within the tenant, on
// reserved example.* domains), phone numbers and the tenant's language. Customer k is
// created at `created_at` + k seconds.
std::vector<DemoCustomer> make_customers(const TenantContent& content, domain::TenantId tenant,
                                         Timestamp created_at, DemoRandom& random);

// The stored people of one tenant, as the ticket generator needs them.
struct TenantCast {
  domain::TenantId tenant;
  std::vector<domain::TeamId> teams;    // parallel to content.teams
  std::vector<DemoStaffMember> staff;   // with stored ids
  std::vector<DemoCustomer> customers;  // with stored ids
};

// content.tickets tickets created in (now - kDemoWindow, now], ordered by creation time,
// each with its messages and events (message_id of a MessageAdded event = index + 1 of its
// message, as storage::ImportedTicket expects). No event lies after `now`. Fails with
// Internal only if the content tables break a domain rule (a bug).
// REQUIRES: every team of `cast` has at least one member with role agent or supervisor.
Result<std::vector<storage::ImportedTicket>> generate_tickets(const TenantContent& content,
                                                              const TenantCast& cast, Timestamp now,
                                                              DemoRandom& random);

}  // namespace sp::demo
