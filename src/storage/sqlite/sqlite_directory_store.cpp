// SqliteStore as DirectoryStore: tenants, teams, agents and customers (with their e-mail
// addresses and phone numbers in customer_emails / customer_phones, in position order).
#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

std::vector<std::string> split_lines(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Tenant read_tenant(const Statement& s) {
  Tenant t;
  t.id = TenantId{s.int64(0)};
  t.slug = s.text(1);
  t.name = s.text(2);
  t.timezone = s.text(3);
  t.default_language = parse_or(parse_language(s.text(4)), Language::En);
  t.created_at = from_unix_ms(s.int64(5));
  return t;
}

Team read_team(const Statement& s) {
  Team t;
  t.id = TeamId{s.int64(0)};
  t.tenant_id = TenantId{s.int64(1)};
  t.name = s.text(2);
  t.lead_id = optional_id<AgentId>(s, 3);
  t.created_at = from_unix_ms(s.int64(4));
  return t;
}

Agent read_agent(const Statement& s) {
  Agent a;
  a.id = AgentId{s.int64(0)};
  a.tenant_id = optional_id<TenantId>(s, 1);
  a.email = s.text(2);
  a.name = s.text(3);
  a.role = parse_or(parse_role(s.text(4)), Role::Agent);
  a.team_id = optional_id<TeamId>(s, 5);
  a.language = parse_or(parse_language(s.text(6)), Language::En);
  a.active = s.int64(7) != 0;
  a.created_at = from_unix_ms(s.int64(8));
  return a;
}

Customer read_customer(const Statement& s) {
  Customer c;
  c.id = CustomerId{s.int64(0)};
  c.tenant_id = TenantId{s.int64(1)};
  c.name = s.text(2);
  c.language = parse_or(parse_language(s.text(3)), Language::En);
  c.created_at = from_unix_ms(s.int64(4));
  c.emails = split_lines(s.text(5));
  c.phones = split_lines(s.text(6));
  return c;
}

}  // namespace

Result<Tenant> SqliteStore::create_tenant(Tenant tenant) {
  SP_TRY(writer_->submit([&tenant](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO tenants(slug, name, timezone, default_language, created_at) "
               "VALUES(?1, ?2, ?3, ?4, ?5)");
    stmt.bind(1, tenant.slug)
        .bind(2, tenant.name)
        .bind(3, tenant.timezone)
        .bind(4, to_string(tenant.default_language))
        .bind(5, to_unix_ms(tenant.created_at));
    auto ran = stmt.run();
    if (!ran && ran.error().code == ErrorCode::Conflict) {
      return conflict("a tenant with slug '" + tenant.slug + "' exists", kinds::kDuplicate);
    }
    SP_TRY(ran);
    tenant.id = TenantId{conn.last_insert_rowid()};
    return {};
  }));
  return tenant;
}

Result<std::vector<Tenant>> SqliteStore::list_tenants(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<Tenant>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, slug, name, timezone, default_language, created_at FROM tenants "
               "WHERE (?1 IS NULL OR id = ?1) ORDER BY id");
    stmt.bind(1, raw_id(scope.tenant));
    return collect_rows(stmt, read_tenant);
  });
}

Result<Tenant> SqliteStore::get_tenant(const Scope& scope, TenantId id) {
  if (!scope.allows(id)) return not_found("tenant " + std::to_string(id.value) + " not found");
  return read([&](Connection& conn) -> Result<Tenant> {
    SP_PREPARE(stmt, conn,
               "SELECT id, slug, name, timezone, default_language, created_at FROM tenants "
               "WHERE id = ?1");
    stmt.bind(1, id.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("tenant " + std::to_string(id.value) + " not found");
    return read_tenant(stmt);
  });
}

Result<Tenant> SqliteStore::find_tenant_by_slug(const std::string& slug) {
  return read([&](Connection& conn) -> Result<Tenant> {
    SP_PREPARE(stmt, conn,
               "SELECT id, slug, name, timezone, default_language, created_at FROM tenants "
               "WHERE slug = ?1");
    stmt.bind(1, slug);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("tenant '" + slug + "' not found");
    return read_tenant(stmt);
  });
}

Result<Team> SqliteStore::create_team(Team team) {
  SP_TRY(writer_->submit([&team](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, "INSERT INTO teams(tenant_id, name, lead_id, created_at) VALUES(?1, ?2, ?3, ?4)");
    stmt.bind(1, team.tenant_id.value)
        .bind(2, team.name)
        .bind(3, raw_id(team.lead_id))
        .bind(4, to_unix_ms(team.created_at));
    auto ran = stmt.run();
    if (!ran && ran.error().code == ErrorCode::Conflict) {
      return conflict("a team named '" + team.name + "' exists in this tenant", kinds::kDuplicate);
    }
    SP_TRY(ran);
    team.id = TeamId{conn.last_insert_rowid()};
    return {};
  }));
  return team;
}

Result<std::vector<Team>> SqliteStore::list_teams(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<Team>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, lead_id, created_at FROM teams "
               "WHERE (?1 IS NULL OR tenant_id = ?1) ORDER BY id");
    stmt.bind(1, raw_id(scope.tenant));
    return collect_rows(stmt, read_team);
  });
}

Result<Team> SqliteStore::get_team(const Scope& scope, TeamId id) {
  return read([&](Connection& conn) -> Result<Team> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, lead_id, created_at FROM teams "
               "WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id.value).bind(2, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("team " + std::to_string(id.value) + " not found");
    return read_team(stmt);
  });
}

namespace {

// Inserts the agent (and, for an import, its external id) in the caller's transaction.
Result<void> insert_agent(Connection& conn, Agent& agent, const std::string& password_hash,
                          const std::optional<ExternalRef>& ref) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO agents(tenant_id, email, name, role, team_id, language, active, "
             "password_hash, created_at, external_source, external_id) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  stmt.bind(1, raw_id(agent.tenant_id))
      .bind(2, agent.email)
      .bind(3, agent.name)
      .bind(4, to_string(agent.role))
      .bind(5, raw_id(agent.team_id))
      .bind(6, to_string(agent.language))
      .bind(7, std::int64_t{agent.active ? 1 : 0})
      .bind(8, password_hash)
      .bind(9, to_unix_ms(agent.created_at))
      .bind(10, ref ? std::optional<std::string>(ref->source) : std::nullopt)
      .bind(11, ref ? std::optional<std::string>(ref->id) : std::nullopt);
  auto ran = stmt.run();
  if (!ran && ran.error().code == ErrorCode::Conflict) {
    return conflict(
        "an agent with e-mail '" + agent.email + "'" + (ref ? " or id '" + ref->id + "'" : "") + " exists",
        kinds::kDuplicate);
  }
  SP_TRY(ran);
  agent.id = AgentId{conn.last_insert_rowid()};
  return {};
}

// Inserts the customer with its addresses (and, for an import, its external id) in the
// caller's transaction.
Result<void> insert_customer(Connection& conn, Customer& customer, const std::optional<ExternalRef>& ref) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO customers(tenant_id, name, language, created_at, external_source, external_id) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  stmt.bind(1, customer.tenant_id.value)
      .bind(2, customer.name)
      .bind(3, to_string(customer.language))
      .bind(4, to_unix_ms(customer.created_at))
      .bind(5, ref ? std::optional<std::string>(ref->source) : std::nullopt)
      .bind(6, ref ? std::optional<std::string>(ref->id) : std::nullopt);
  auto inserted = stmt.run();
  if (!inserted && inserted.error().code == ErrorCode::Conflict && ref) {
    return conflict("a customer imported as '" + ref->id + "' exists", kinds::kDuplicate);
  }
  SP_TRY(inserted);
  customer.id = CustomerId{conn.last_insert_rowid()};
  SP_PREPARE(email, conn,
             "INSERT INTO customer_emails(tenant_id, customer_id, position, email) "
             "VALUES(?1, ?2, ?3, ?4)");
  for (std::size_t idx = 0; idx < customer.emails.size(); ++idx) {
    email.bind(1, customer.tenant_id.value)
        .bind(2, customer.id.value)
        .bind(3, static_cast<std::int64_t>(idx))
        .bind(4, customer.emails[idx]);
    auto ran = email.run();
    if (!ran && ran.error().code == ErrorCode::Conflict) {
      return conflict("another customer of this tenant has e-mail '" + customer.emails[idx] + "'",
                      kinds::kDuplicate);
    }
    SP_TRY(ran);
  }
  SP_PREPARE(phone, conn,
             "INSERT OR IGNORE INTO customer_phones(tenant_id, customer_id, position, phone) "
             "VALUES(?1, ?2, ?3, ?4)");
  for (std::size_t idx = 0; idx < customer.phones.size(); ++idx) {
    phone.bind(1, customer.tenant_id.value)
        .bind(2, customer.id.value)
        .bind(3, static_cast<std::int64_t>(idx))
        .bind(4, customer.phones[idx]);
    SP_TRY(phone.run());
  }
  return {};
}

// Sets the external id of a row of `table` (customers or agents, a fixed name) that has none.
Result<void> link_external(Connection& conn, std::string_view table, TenantId tenant, std::int64_t id,
                           const ExternalRef& ref) {
  auto stmt = conn.prepare(std::string("UPDATE ") + std::string(table) +
                           " SET external_source = ?3, external_id = ?4 "
                           "WHERE id = ?1 AND tenant_id = ?2 AND external_id IS NULL");
  if (!stmt) return stmt.error();
  stmt->bind(1, id).bind(2, tenant.value).bind(3, ref.source).bind(4, ref.id);
  auto ran = stmt->run();
  if (!ran && ran.error().code == ErrorCode::Conflict) {
    return conflict("'" + ref.id + "' is imported already", kinds::kDuplicate);
  }
  SP_TRY(ran);
  if (conn.changes() == 1) return {};
  return conflict("already imported from another source, or not this tenant's", kinds::kDuplicate);
}

template <typename IdT>
Result<ExternalIds<IdT>> read_external_ids(Connection& conn, std::string_view table, TenantId tenant,
                                           const std::string& source) {
  auto stmt = conn.prepare(std::string("SELECT external_id, id FROM ") + std::string(table) +
                           " WHERE tenant_id = ?1 AND external_source = ?2 AND external_id IS NOT NULL");
  if (!stmt) return stmt.error();
  stmt->bind(1, tenant.value).bind(2, source);
  return collect_rows(*stmt, [](const Statement& row) { return std::pair{row.text(0), IdT{row.int64(1)}}; });
}

}  // namespace

Result<Agent> SqliteStore::create_agent(Agent agent, std::string password_hash) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    return insert_agent(conn, agent, password_hash, std::nullopt);
  }));
  return agent;
}

Result<Agent> SqliteStore::create_external_agent(Agent agent, std::string password_hash, ExternalRef ref) {
  SP_TRY(writer_->submit(
      [&](Connection& conn) -> Result<void> { return insert_agent(conn, agent, password_hash, ref); }));
  return agent;
}

Result<void> SqliteStore::link_external_agent(TenantId tenant, AgentId id, ExternalRef ref) {
  return writer_->submit(
      [&](Connection& conn) -> Result<void> { return link_external(conn, "agents", tenant, id.value, ref); });
}

Result<ExternalIds<AgentId>> SqliteStore::external_agents(TenantId tenant, const std::string& source) {
  return read([&](Connection& conn) { return read_external_ids<AgentId>(conn, "agents", tenant, source); });
}

Result<std::vector<Agent>> SqliteStore::list_agents(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<Agent>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, email, name, role, team_id, language, active, created_at, "
               "password_hash FROM agents WHERE (?1 IS NULL OR tenant_id = ?1) ORDER BY id");
    stmt.bind(1, raw_id(scope.tenant));
    return collect_rows(stmt, read_agent);
  });
}

Result<Agent> SqliteStore::get_agent(const Scope& scope, AgentId id) {
  return read([&](Connection& conn) -> Result<Agent> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, email, name, role, team_id, language, active, created_at, "
               "password_hash FROM agents WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id.value).bind(2, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("agent " + std::to_string(id.value) + " not found");
    return read_agent(stmt);
  });
}

Result<AgentCredentials> SqliteStore::find_agent_by_email(const std::string& email) {
  return read([&](Connection& conn) -> Result<AgentCredentials> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, email, name, role, team_id, language, active, created_at, "
               "password_hash FROM agents WHERE email = ?1");
    stmt.bind(1, email);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no agent with that e-mail");
    return AgentCredentials{read_agent(stmt), stmt.text(9)};
  });
}

Result<Customer> SqliteStore::create_customer(Customer customer) {
  SP_TRY(writer_->submit([&customer](Connection& conn) -> Result<void> {
    return insert_customer(conn, customer, std::nullopt);
  }));
  return customer;
}

Result<Customer> SqliteStore::create_external_customer(Customer customer, ExternalRef ref) {
  SP_TRY(writer_->submit(
      [&](Connection& conn) -> Result<void> { return insert_customer(conn, customer, ref); }));
  return customer;
}

Result<void> SqliteStore::link_external_customer(TenantId tenant, CustomerId id, ExternalRef ref) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    return link_external(conn, "customers", tenant, id.value, ref);
  });
}

Result<std::vector<Result<SqliteStore::ImportedCustomer>>> SqliteStore::import_external_customers(
    TenantId tenant, std::vector<std::pair<Customer, ExternalRef>> customers) {
  std::vector<Result<ImportedCustomer>> results;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    results.clear();
    results.reserve(customers.size());
    SP_PREPARE(same_person, conn,
               "SELECT customer_id FROM customer_emails WHERE tenant_id = ?1 AND email = ?2 LIMIT 1");
    for (auto& [customer, ref] : customers) {
      std::optional<std::int64_t> existing;
      for (const auto& email : customer.emails) {
        same_person.bind(1, tenant.value).bind(2, email);
        SP_STEP(found, same_person);
        if (found) existing = same_person.int64(0);
        SP_TRY(same_person.reset());
        if (existing) break;
      }
      if (existing) {
        auto linked = link_external(conn, "customers", tenant, *existing, ref);
        if (!linked && linked.error().code != ErrorCode::Conflict) return linked.error();
        results.push_back(ImportedCustomer{CustomerId{*existing}, false});
        continue;
      }
      customer.tenant_id = tenant;
      SP_TRY(conn.exec("SAVEPOINT import_customer"));
      auto inserted = insert_customer(conn, customer, ref);
      if (!inserted) SP_TRY(conn.exec("ROLLBACK TO import_customer"));
      SP_TRY(conn.exec("RELEASE import_customer"));
      if (!inserted && inserted.error().code != ErrorCode::Conflict) return inserted.error();
      results.push_back(inserted ? Result<ImportedCustomer>(ImportedCustomer{customer.id, true})
                                 : Result<ImportedCustomer>(inserted.error()));
    }
    return {};
  }));
  return results;
}

Result<ExternalIds<CustomerId>> SqliteStore::external_customers(TenantId tenant, const std::string& source) {
  return read(
      [&](Connection& conn) { return read_external_ids<CustomerId>(conn, "customers", tenant, source); });
}

Result<std::vector<Customer>> SqliteStore::list_customers(const Scope& scope, const CustomerFilter& filter) {
  return read([&](Connection& conn) -> Result<std::vector<Customer>> {
    SP_PREPARE(stmt, conn,
               "SELECT c.id, c.tenant_id, c.name, c.language, c.created_at, "
               "(SELECT group_concat(email, char(10)) FROM (SELECT email FROM customer_emails e "
               "WHERE e.customer_id = c.id ORDER BY position)), "
               "(SELECT group_concat(phone, char(10)) FROM (SELECT phone FROM customer_phones p "
               "WHERE p.customer_id = c.id ORDER BY position)) FROM customers c "
               "WHERE (?1 IS NULL OR c.tenant_id = ?1) AND (?2 IS NULL OR c.id < ?2) "
               "AND (?3 IS NULL OR c.id IN (SELECT customer_id FROM customer_emails "
               "WHERE email = ?3)) AND (?5 IS NULL OR c.id IN (SELECT customer_id FROM "
               "customer_phones WHERE tenant_id = c.tenant_id AND phone = ?5)) "
               "ORDER BY c.id DESC LIMIT ?4");
    stmt.bind(1, raw_id(scope.tenant))
        .bind(2, filter.before_id)
        .bind(3, filter.email)
        .bind(4, std::int64_t{filter.limit})
        .bind(5, filter.phone);
    return collect_rows(stmt, read_customer);
  });
}

Result<Customer> SqliteStore::get_customer(const Scope& scope, CustomerId id) {
  return read([&](Connection& conn) -> Result<Customer> {
    SP_PREPARE(stmt, conn,
               "SELECT c.id, c.tenant_id, c.name, c.language, c.created_at, "
               "(SELECT group_concat(email, char(10)) FROM (SELECT email FROM customer_emails e "
               "WHERE e.customer_id = c.id ORDER BY position)), "
               "(SELECT group_concat(phone, char(10)) FROM (SELECT phone FROM customer_phones p "
               "WHERE p.customer_id = c.id ORDER BY position)) FROM customers c "
               "WHERE c.id = ?1 AND (?2 IS NULL OR c.tenant_id = ?2)");
    stmt.bind(1, id.value).bind(2, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("customer " + std::to_string(id.value) + " not found");
    return read_customer(stmt);
  });
}

}  // namespace sp::storage::sqlite
