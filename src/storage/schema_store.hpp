// The database itself: its schema version (migrations.hpp lists the steps) and whether it
// answers. Used at start-up (migrate) and by the readiness probe (ping). Contract as in
// scope.hpp.
#pragma once

#include "storage/scope.hpp"

namespace sp::storage {

class SchemaStore {
 public:
  virtual ~SchemaStore() = default;

  // Applies pending migrations; returns the schema version now in force.
  virtual Result<int> migrate() = 0;
  virtual Result<int> schema_version() = 0;
  // Cheap check that the database answers (readiness).
  virtual Result<void> ping() = 0;
};

}  // namespace sp::storage
