// `servicepact audit verify [--tenant ID] [--data DIR]` (issue 19): walks each tenant's audit
// chain from its first entry and names the first bad entry (changed, deleted or reordered).
// Output: one line per tenant, "tenant 3: 1204 entries, chain intact" or
// "tenant 3: BROKEN at seq 17: previous hash differs ...". Exit status: 0 every chain intact,
// 1 a chain is broken or the database cannot be read, 2 bad arguments.
#pragma once

#include <cstdint>
#include <iostream>
#include <optional>

#include "app/config.hpp"

namespace sp::app {

struct AuditCliOptions {
  std::optional<std::int64_t> tenant;  // id; every audited tenant when empty
};

int run_audit_verify(const Config& config, const AuditCliOptions& options, std::ostream& out = std::cout,
                     std::ostream& err = std::cerr);

}  // namespace sp::app
