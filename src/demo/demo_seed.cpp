#include "demo/demo_seed.hpp"

#include <array>
#include <charconv>

#include "demo/demo_content.hpp"
#include "demo/demo_generate.hpp"

namespace sp::demo {

namespace {

using domain::Role;

// The setting's value records what the first seed created, so a later start can print the
// same summary without counting rows: "tenants=3 agents=31 customers=760 tickets=5000 ...".
std::string describe(const DemoSummary& summary, Timestamp now, std::uint64_t seed) {
  return "tenants=" + std::to_string(summary.tenants) + " agents=" + std::to_string(summary.agents) +
         " customers=" + std::to_string(summary.customers) + " tickets=" + std::to_string(summary.tickets) +
         " seed=" + std::to_string(seed) + " now=" + format_rfc3339(now);
}

int read_count(std::string_view text, std::string_view key) {
  std::string needle = std::string(key) + "=";
  auto pos = text.find(needle);
  if (pos == std::string_view::npos) {
    return 0;
  }
  int value = 0;
  auto start = text.data() + pos + needle.size();
  std::from_chars(start, text.data() + text.size(), value);
  return value;
}

Error explain_conflict(const Error& error, std::string_view what) {
  if (error.code != ErrorCode::Conflict) {
    return error;
  }
  // The seed is several transactions; only its last step sets the marker, so a conflict on
  // one of its fixed names means an earlier seed stopped half-way.
  return conflict("demo seed: " + std::string(what) +
                  " already exists but the database is not marked as seeded (an earlier demo seed "
                  "was interrupted?); start from an empty database. " +
                  error.message);
}

}  // namespace

std::vector<DemoLogin> demo_logins() {
  std::vector<DemoLogin> logins;
  logins.push_back({"", std::string(kPlatformAdminEmail), std::string(kDemoPassword), "admin"});
  static constexpr std::array<Role, 4> kRoles = {Role::Admin, Role::Supervisor, Role::Agent,
                                                 Role::QaReviewer};
  for (const auto& content : demo_tenants()) {
    std::vector<domain::TeamId> no_ids(content.teams.size());
    auto staff = make_staff(content, domain::TenantId{}, no_ids, Timestamp{});
    for (Role role : kRoles) {
      for (const auto& member : staff) {
        if (member.agent.role == role) {
          logins.push_back({std::string(content.slug), member.agent.email, std::string(kDemoPassword),
                            std::string(domain::to_string(role))});
          break;
        }
      }
    }
  }
  return logins;
}

Result<DemoSummary> seed_demo(storage::Store& store,
                              const std::function<std::string(std::string_view password)>& hash_password,
                              Timestamp now, std::uint64_t seed) {
  auto marker = store.get_setting(std::string(kSeededSetting));
  if (!marker) {
    return marker.error();
  }
  DemoSummary summary;
  summary.logins = demo_logins();
  if (marker->has_value()) {
    const std::string& text = **marker;
    summary.seeded_now = false;
    summary.tenants = read_count(text, "tenants");
    summary.agents = read_count(text, "agents");
    summary.customers = read_count(text, "customers");
    summary.tickets = read_count(text, "tickets");
    return summary;
  }
  summary.seeded_now = true;

  // The organisations "existed" when the demo window opens; tickets begin an hour later.
  const Timestamp setup_at = now - kDemoWindow;
  const std::string password_hash = hash_password(kDemoPassword);

  domain::Agent platform_admin;
  platform_admin.email = std::string(kPlatformAdminEmail);
  platform_admin.name = std::string(kPlatformAdminName);
  platform_admin.role = Role::Admin;
  platform_admin.language = domain::Language::En;
  platform_admin.created_at = setup_at;
  auto admin = store.create_agent(platform_admin, password_hash);
  if (!admin) {
    return explain_conflict(admin.error(), platform_admin.email);
  }
  ++summary.agents;

  std::vector<storage::ImportedTicket> batch;
  batch.reserve(kImportBatch);
  auto flush = [&]() -> Result<void> {
    if (batch.empty()) {
      return {};
    }
    auto imported = store.import_tickets(std::move(batch));
    batch.clear();
    batch.reserve(kImportBatch);
    return imported;
  };

  const auto& tenants = demo_tenants();
  for (std::size_t tenant_idx = 0; tenant_idx < tenants.size(); ++tenant_idx) {
    const TenantContent& content = tenants[tenant_idx];
    // One random stream per tenant, so editing one tenant's tables leaves the others as
    // they were.
    DemoRandom random(seed + 0x9E3779B97F4A7C15ULL * (tenant_idx + 1));

    auto tenant = store.create_tenant(make_tenant(content, setup_at));
    if (!tenant) {
      return explain_conflict(tenant.error(), "tenant '" + std::string(content.slug) + "'");
    }
    ++summary.tenants;
    TenantCast cast;
    cast.tenant = tenant->id;
    for (auto& team : make_teams(content, cast.tenant, setup_at)) {
      auto created = store.create_team(std::move(team));
      if (!created) {
        return created.error();
      }
      cast.teams.push_back(created->id);
    }
    for (auto& member : make_staff(content, cast.tenant, cast.teams, setup_at)) {
      auto created = store.create_agent(member.agent, password_hash);
      if (!created) {
        return explain_conflict(created.error(), member.agent.email);
      }
      member.agent = std::move(*created);
      cast.staff.push_back(std::move(member));
      ++summary.agents;
    }
    for (auto& customer : make_customers(content, cast.tenant, setup_at, random)) {
      auto created = store.create_customer(customer.customer);
      if (!created) {
        return created.error();
      }
      customer.customer = std::move(*created);
      cast.customers.push_back(std::move(customer));
      ++summary.customers;
    }

    auto tickets = generate_tickets(content, cast, now, random);
    if (!tickets) {
      return tickets.error();
    }
    for (auto& ticket : *tickets) {
      batch.push_back(std::move(ticket));
      ++summary.tickets;
      if (batch.size() == kImportBatch) {
        SP_TRY(flush());
      }
    }
  }
  SP_TRY(flush());
  SP_TRY(store.put_setting(std::string(kSeededSetting), describe(summary, now, seed)));
  return summary;
}

}  // namespace sp::demo
