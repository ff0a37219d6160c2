// Demo improvement actions ("you said, we did", issue 8): two per demo tenant in its own
// language, one done (so the public charter page shows it) and one in progress.
#pragma once

#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/improvement_store.hpp"
#include "storage/store.hpp"

namespace sp::demo {

// Idempotent (setting "demo_improvements_seeded"); tenants that already have actions are
// left alone. Returns the number of actions created.
Result<int> seed_demo_improvements(storage::Store& store, storage::ImprovementStore& improvements,
                                   Timestamp now);

}  // namespace sp::demo
