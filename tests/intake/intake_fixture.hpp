// A real SQLite store in a temporary folder, a FakeClock and a HelpdeskService with one
// tenant, for the intake tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "service/auth.hpp"
#include "service/helpdesk.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {

class IntakeFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::sqlite::SqliteOptions options;
    options.path = (dir_ / "servicepact.db").string();
    store_ = storage::sqlite::SqliteStore::open(options).value();
    ASSERT_TRUE(store_->migrate().ok());
    helpdesk_ = std::make_unique<service::HelpdeskService>(*store_, clock_, hasher_);
    domain::Tenant tenant;
    tenant.slug = "acme";
    tenant.name = "Acme";
    tenant.default_language = domain::Language::Nl;
    tenant.created_at = clock_.now();
    tenant_ = store_->create_tenant(tenant).value().id;
  }

  void TearDown() override {
    helpdesk_.reset();
    store_.reset();
  }

  std::vector<domain::TicketEvent> events_of(domain::TicketId ticket, domain::EventType type) {
    std::vector<domain::TicketEvent> out;
    auto events = store_->list_events(storage::Scope::of(tenant_), ticket).value();
    for (auto& event : events) {
      if (event.type == type) out.push_back(event);
    }
    return out;
  }

  sp::testing::TempDir dir_{"servicepact-intake"};
  FakeClock clock_{from_unix_seconds(1'795'000'000)};
  service::Argon2idHasher hasher_{service::Argon2idHasher::Strength::Minimum};
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<service::HelpdeskService> helpdesk_;
  domain::TenantId tenant_;
};

}  // namespace sp::testing
