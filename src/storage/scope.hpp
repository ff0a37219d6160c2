// The vocabulary every storage interface shares: which tenant a call may see (Scope) and the
// largest page a list call returns. Pure values, no I/O.
//
// Contract for every storage interface in this folder (Store and its parts, SlaStore,
// SurveyStore, ...), whatever database implements it:
// - Every call is a complete transaction. A call that returns successfully has been made
//   durable (committed with the configured synchronous level) before it returns.
// - Tenant isolation: calls that take a `Scope` only see rows of that tenant; a row of
//   another tenant is reported as NotFound, exactly like a missing one.
// - Thread-safe: any number of threads may call concurrently. Writes are serialised by
//   the implementation (SQLite: one writer thread that group-commits).
// - Errors: constraint violations are Conflict, a busy or failing database Unavailable,
//   anything else Internal. No database type crosses an interface.
#pragma once

#include <optional>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"

namespace sp::storage {

using namespace sp::domain;  // NOLINT: the storage vocabulary is the domain's

// Which tenant a request may see. `tenant` empty means the platform (all tenants).
struct Scope {
  std::optional<TenantId> tenant;
  static Scope platform() { return Scope{}; }
  static Scope of(TenantId id) { return Scope{id}; }
  bool allows(TenantId id) const { return !tenant || *tenant == id; }
};

inline constexpr int kMaxPageSize = 500;

}  // namespace sp::storage
