// The demo seed behind `servicepact serve --demo`: three tenants (a Dutch telecom provider,
// an English webshop and a Chinese electronics brand) with teams, agents, customers and
// about 5,000 tickets over the 90 days before `now`, each with a message thread in the
// tenant's language and an event history written by the domain rules, plus a platform
// administrator. Runs once per database: the "demo_seeded" setting marks it done.
//
// Not thread-safe against a second seed of the same store running at the same time (the
// serve command seeds once at start). Deterministic: the same `seed` and `now` give the same
// data; only the ids depend on what the store already holds.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/store.hpp"

namespace sp::demo {

inline constexpr std::string_view kSeededSetting = "demo_seeded";
// Tickets go to storage in transactions of this many.
inline constexpr std::size_t kImportBatch = 500;

struct DemoLogin {
  std::string tenant_slug;  // empty for the platform administrator
  std::string email;
  std::string password;
  std::string role;  // "admin", "supervisor", "agent", "qa_reviewer"
};

struct DemoSummary {
  bool seeded_now = false;  // false when the database had been seeded before
  int tenants = 0;
  int agents = 0;  // including the platform administrator
  int customers = 0;
  int tickets = 0;
  std::vector<DemoLogin> logins;
};

// The accounts worth printing: the platform administrator and, per tenant, one login for
// each role. All share the demo password. Pure.
std::vector<DemoLogin> demo_logins();

// Seeds `store` unless the "demo_seeded" setting exists; then it changes nothing and
// returns seeded_now = false with the counts recorded by the first seed and the logins.
// `hash_password` is called once (argon2id is slow) and its result stored for every demo
// account. Fails with the store's error; a store left half-seeded by an earlier failure
// makes create_tenant fail with Conflict, reported as such (start from an empty database).
Result<DemoSummary> seed_demo(storage::Store& store,
                              const std::function<std::string(std::string_view password)>& hash_password,
                              Timestamp now, std::uint64_t seed = 42);

}  // namespace sp::demo
