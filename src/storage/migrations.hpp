// The versioned schema. Migration N is applied once, in order, inside a transaction, and
// recorded in schema_migrations. Never edit a released migration: add a new one.
#pragma once

#include <span>
#include <string_view>

namespace sp::storage {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The SQLite dialect of every migration, oldest first.
std::span<const Migration> sqlite_migrations();

}  // namespace sp::storage
