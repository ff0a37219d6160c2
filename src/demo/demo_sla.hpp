// The demo tenants' service promises: an opening-hours calendar each (with national
// holidays) and three SLA policies (major complaints: answer within 30 minutes, as the
// commitment letter demands; urgent; standard). Seeded once, after seed_demo.
#pragma once

#include "core/result.hpp"
#include "storage/sla_store.hpp"

namespace sp::demo {

// Idempotent (setting "demo_sla_seeded"). Validates every calendar and policy with the
// SLA engine's own parsers before storing it. Returns the number of policies created.
Result<int> seed_demo_sla(storage::Store& store, storage::SlaStore& sla_store, Timestamp now);

}  // namespace sp::demo
