// Small key/value settings (e.g. "demo_seeded", "tenant.<id>.webhook_secret"): one string per
// key, platform-wide. Contract as in scope.hpp.
#pragma once

#include <optional>
#include <string>

#include "storage/scope.hpp"

namespace sp::storage {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;

  // The value of `key`, or nullopt when it was never put.
  virtual Result<std::optional<std::string>> get_setting(const std::string& key) = 0;
  // Creates or replaces the value of `key`.
  virtual Result<void> put_setting(const std::string& key, const std::string& value) = 0;
};

}  // namespace sp::storage
