// The helpdesk's storage: everything servicepact persists about tenants, people, tickets and
// sign-ins, behind abstract classes so nothing outside storage/ knows which database runs
// (SQLite now, PostgreSQL later). `Store` is the sum of the narrow interfaces below; a caller
// that needs only one part takes that part (DirectoryStore&, TicketStore&, ...). The contract
// every implementation keeps is in scope.hpp.
#pragma once

#include <cstddef>

#include "storage/auth_store.hpp"
#include "storage/directory_store.hpp"
#include "storage/intake_store.hpp"
#include "storage/schema_store.hpp"
#include "storage/scope.hpp"
#include "storage/settings_store.hpp"
#include "storage/ticket_store.hpp"

namespace sp::storage {

class Store : public SchemaStore,
              public DirectoryStore,
              public TicketStore,
              public IntakeStore,
              public AuthStore,
              public SettingsStore {
 public:
  ~Store() override = default;
};

// Observes durable commits (for the /metrics commit-latency histogram).
struct CommitObserver {
  virtual ~CommitObserver() = default;
  virtual void on_commit(double seconds, std::size_t batch_size) = 0;
};

}  // namespace sp::storage
