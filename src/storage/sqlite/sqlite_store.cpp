#include "storage/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include "domain/validation.hpp"
#include "storage/migrations.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_PREPARE(var, conn, sql)       \
  auto var##_prepared = (conn).prepare(sql); \
  if (!var##_prepared) return var##_prepared.error(); \
  Statement& var = *var##_prepared

#define SP_STEP(has_row, stmt)            \
  auto has_row##_result = (stmt).step();  \
  if (!has_row##_result) return has_row##_result.error(); \
  bool has_row = *has_row##_result

template <typename E>
E parse_or(Result<E> parsed, E fallback) {
  return parsed ? *parsed : fallback;
}

template <typename IdT>
std::optional<IdT> optional_id(const Statement& stmt, int column) {
  auto raw = stmt.optional_int64(column);
  if (!raw) return std::nullopt;
  return IdT{*raw};
}

template <typename IdT>
std::optional<std::int64_t> raw_id(const std::optional<IdT>& id) {
  if (!id) return std::nullopt;
  return id->value;
}

std::optional<std::int64_t> raw_time(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return to_unix_ms(*t);
}

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

constexpr const char* kTenantColumns =
    "SELECT id, slug, name, timezone, default_language, created_at FROM tenants";

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

constexpr const char* kAgentColumns =
    "SELECT id, tenant_id, email, name, role, team_id, language, active, created_at, "
    "password_hash FROM agents";

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

constexpr const char* kCustomerColumns =
    "SELECT c.id, c.tenant_id, c.name, c.language, c.created_at, "
    "(SELECT group_concat(email, char(10)) FROM (SELECT email FROM customer_emails e "
    "WHERE e.customer_id = c.id ORDER BY position)), "
    "(SELECT group_concat(phone, char(10)) FROM (SELECT phone FROM customer_phones p "
    "WHERE p.customer_id = c.id ORDER BY position)) FROM customers c";

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

constexpr const char* kTicketColumns =
    "SELECT id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
    "assignee_id, requester_id, created_at, updated_at, solved_at, version FROM tickets";

Ticket read_ticket(const Statement& s) {
  Ticket t;
  t.id = TicketId{s.int64(0)};
  t.tenant_id = TenantId{s.int64(1)};
  t.subject = s.text(2);
  t.status = parse_or(parse_status(s.text(3)), Status::Open);
  t.priority = parse_or(parse_priority(s.text(4)), Priority::Normal);
  t.channel = parse_or(parse_channel(s.text(5)), Channel::Web);
  t.category = s.text(6);
  t.tags = split_tags(s.text(7));
  t.team_id = optional_id<TeamId>(s, 8);
  t.assignee_id = optional_id<AgentId>(s, 9);
  t.requester_id = CustomerId{s.int64(10)};
  t.created_at = from_unix_ms(s.int64(11));
  t.updated_at = from_unix_ms(s.int64(12));
  if (auto solved = s.optional_int64(13)) t.solved_at = from_unix_ms(*solved);
  t.version = s.int64(14);
  return t;
}

Message read_message(const Statement& s) {
  Message m;
  m.id = MessageId{s.int64(0)};
  m.ticket_id = TicketId{s.int64(1)};
  m.tenant_id = TenantId{s.int64(2)};
  m.kind = parse_or(parse_message_kind(s.text(3)), MessageKind::Note);
  m.author.type = parse_or(parse_actor_type(s.text(4)), ActorType::System);
  m.author.id = s.int64(5);
  m.body = s.text(6);
  m.created_at = from_unix_ms(s.int64(7));
  m.automatic = s.int64(8) != 0;
  return m;
}

TicketEvent read_event(const Statement& s) {
  TicketEvent e;
  e.ticket_id = TicketId{s.int64(0)};
  e.seq = s.int64(1);
  e.tenant_id = TenantId{s.int64(2)};
  e.type = parse_or(parse_event_type(s.text(3)), EventType::FieldChanged);
  e.actor.type = parse_or(parse_actor_type(s.text(4)), ActorType::System);
  e.actor.id = s.int64(5);
  e.at = from_unix_ms(s.int64(6));
  e.field = s.text(7);
  e.from = s.text(8);
  e.to = s.text(9);
  if (!s.is_null(10)) e.message_kind = parse_or(parse_message_kind(s.text(10)), MessageKind::Note);
  e.message_id = optional_id<MessageId>(s, 11);
  return e;
}

// Loads a ticket visible in `scope` through `conn` (reader or writer).
Result<Ticket> load_ticket(Connection& conn, const Scope& scope, TicketId id) {
  SP_PREPARE(stmt, conn,
             "SELECT id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
             "assignee_id, requester_id, created_at, updated_at, solved_at, version FROM tickets "
             "WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
  stmt.bind(1, id.value).bind(2, raw_id(scope.tenant));
  SP_STEP(found, stmt);
  if (!found) return not_found("ticket " + std::to_string(id.value) + " not found");
  return read_ticket(stmt);
}

Result<void> insert_ticket_row(Connection& conn, Ticket& ticket) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO tickets(tenant_id, subject, status, priority, channel, category, tags, "
             "team_id, assignee_id, requester_id, created_at, updated_at, solved_at, version) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  stmt.bind(1, ticket.tenant_id.value)
      .bind(2, ticket.subject)
      .bind(3, to_string(ticket.status))
      .bind(4, to_string(ticket.priority))
      .bind(5, to_string(ticket.channel))
      .bind(6, ticket.category)
      .bind(7, join_tags(ticket.tags))
      .bind(8, raw_id(ticket.team_id))
      .bind(9, raw_id(ticket.assignee_id))
      .bind(10, ticket.requester_id.value)
      .bind(11, to_unix_ms(ticket.created_at))
      .bind(12, to_unix_ms(ticket.updated_at))
      .bind(13, raw_time(ticket.solved_at))
      .bind(14, ticket.version);
  SP_TRY(stmt.run());
  ticket.id = TicketId{conn.last_insert_rowid()};
  return {};
}

Result<void> update_ticket_row(Connection& conn, const Ticket& ticket) {
  SP_PREPARE(stmt, conn,
             "UPDATE tickets SET subject = ?2, status = ?3, priority = ?4, category = ?5, "
             "tags = ?6, team_id = ?7, assignee_id = ?8, updated_at = ?9, solved_at = ?10, "
             "version = ?11 WHERE id = ?1");
  stmt.bind(1, ticket.id.value)
      .bind(2, ticket.subject)
      .bind(3, to_string(ticket.status))
      .bind(4, to_string(ticket.priority))
      .bind(5, ticket.category)
      .bind(6, join_tags(ticket.tags))
      .bind(7, raw_id(ticket.team_id))
      .bind(8, raw_id(ticket.assignee_id))
      .bind(9, to_unix_ms(ticket.updated_at))
      .bind(10, raw_time(ticket.solved_at))
      .bind(11, ticket.version);
  return stmt.run();
}

Result<MessageId> insert_message_row(Connection& conn, const Ticket& ticket, MessageKind kind,
                                     Actor author, const std::string& body, Timestamp at,
                                     bool automatic) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO messages(ticket_id, tenant_id, kind, author_type, author_id, body, "
             "created_at, automatic) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  stmt.bind(1, ticket.id.value)
      .bind(2, ticket.tenant_id.value)
      .bind(3, to_string(kind))
      .bind(4, to_string(author.type))
      .bind(5, author.id)
      .bind(6, body)
      .bind(7, to_unix_ms(at))
      .bind(8, std::int64_t{automatic ? 1 : 0});
  SP_TRY(stmt.run());
  return MessageId{conn.last_insert_rowid()};
}

// Appends `events` after the ticket's last sequence number, filling ids in.
Result<void> append_events(Connection& conn, const Ticket& ticket, std::vector<TicketEvent>& events,
                           std::optional<MessageId> message_id) {
  if (events.empty()) return {};
  SP_PREPARE(last, conn, "SELECT COALESCE(MAX(seq), 0) FROM ticket_events WHERE ticket_id = ?1");
  last.bind(1, ticket.id.value);
  SP_STEP(has_row, last);
  std::int64_t seq = has_row ? last.int64(0) : 0;
  SP_PREPARE(stmt, conn,
             "INSERT INTO ticket_events(ticket_id, seq, tenant_id, type, actor_type, actor_id, at, "
             "field, from_value, to_value, message_kind, message_id) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  for (auto& event : events) {
    event.ticket_id = ticket.id;
    event.tenant_id = ticket.tenant_id;
    event.seq = ++seq;
    if (event.type == EventType::MessageAdded && message_id && !event.message_id) {
      event.message_id = message_id;
    }
    std::optional<std::string> kind;
    if (event.message_kind) kind = std::string(to_string(*event.message_kind));
    stmt.bind(1, event.ticket_id.value)
        .bind(2, event.seq)
        .bind(3, event.tenant_id.value)
        .bind(4, to_string(event.type))
        .bind(5, to_string(event.actor.type))
        .bind(6, event.actor.id)
        .bind(7, to_unix_ms(event.at))
        .bind(8, event.field)
        .bind(9, event.from)
        .bind(10, event.to)
        .bind(11, kind)
        .bind(12, raw_id(event.message_id));
    SP_TRY(stmt.run());
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Lifecycle and connections

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options) {
  if (options.synchronous != "FULL" && options.synchronous != "NORMAL" &&
      options.synchronous != "EXTRA") {
    return invalid_input("synchronous must be FULL, EXTRA or NORMAL", "synchronous");
  }
  ConnectionOptions writer_options{options.path, false, options.synchronous};
  auto writer = Connection::open(writer_options);
  if (!writer) return writer.error();
  auto queue = std::make_unique<WriteQueue>(std::move(*writer), options.observer);
  return std::unique_ptr<SqliteStore>(new SqliteStore(options, std::move(queue)));
}

SqliteStore::SqliteStore(SqliteOptions options, std::unique_ptr<WriteQueue> writer)
    : options_(std::move(options)), writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<Connection>> SqliteStore::acquire_reader() {
  {
    std::unique_lock lock(readers_mutex_);
    reader_free_.wait(lock, [this] {
      return !idle_readers_.empty() || open_readers_ < std::max(1, options_.max_readers);
    });
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
    ++open_readers_;
  }
  auto opened = Connection::open(ConnectionOptions{options_.path, true, options_.synchronous});
  if (!opened) {
    std::lock_guard lock(readers_mutex_);
    --open_readers_;
    reader_free_.notify_one();
  }
  return opened;
}

void SqliteStore::release_reader(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(conn));
  }
  reader_free_.notify_one();
}

// ---------------------------------------------------------------------------------------
// Schema

Result<int> SqliteStore::migrate() {
  int version = 0;
  auto status = writer_->run_exclusive([&version](Connection& conn) -> Result<void> {
    SP_TRY(conn.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
    SP_PREPARE(current, conn, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    SP_STEP(has_row, current);
    version = has_row ? static_cast<int>(current.int64(0)) : 0;
    for (const auto& migration : sqlite_migrations()) {
      if (migration.version <= version) continue;
      SP_TRY(conn.exec("BEGIN IMMEDIATE"));
      auto applied = conn.exec(migration.sql);
      if (applied) {
        auto record = conn.prepare_uncached(
            "INSERT INTO schema_migrations(version, name, applied_at) VALUES(?1, ?2, "
            "CAST(strftime('%s', 'now') AS INTEGER) * 1000)");
        if (!record) {
          applied = record.error();
        } else {
          record->bind(1, std::int64_t{migration.version}).bind(2, migration.name);
          applied = record->run();
        }
      }
      if (!applied) {
        (void)conn.exec("ROLLBACK");
        Error error = applied.error();
        error.message = "migration " + std::to_string(migration.version) + " failed: " +
                        error.message;
        return error;
      }
      SP_TRY(conn.exec("COMMIT"));
      version = migration.version;
    }
    return {};
  });
  if (!status) return status.error();
  return version;
}

Result<int> SqliteStore::schema_version() {
  return read([](Connection& conn) -> Result<int> {
    auto stmt = conn.prepare_uncached(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!stmt) return 0;  // table missing: nothing applied yet
    SP_STEP(has_row, *stmt);
    return has_row ? static_cast<int>(stmt->int64(0)) : 0;
  });
}

Result<void> SqliteStore::ping() {
  return read([](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, "SELECT 1");
    SP_STEP(has_row, stmt);
    if (!has_row) return internal_error("SELECT 1 returned no row");
    return {};
  });
}

// ---------------------------------------------------------------------------------------
// Tenants, teams, agents, customers

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
    std::vector<Tenant> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_tenant(stmt));
    }
    return out;
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
    SP_PREPARE(stmt, conn,
               "INSERT INTO teams(tenant_id, name, lead_id, created_at) VALUES(?1, ?2, ?3, ?4)");
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
    std::vector<Team> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_team(stmt));
    }
    return out;
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

Result<Agent> SqliteStore::create_agent(Agent agent, std::string password_hash) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO agents(tenant_id, email, name, role, team_id, language, active, "
               "password_hash, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    stmt.bind(1, raw_id(agent.tenant_id))
        .bind(2, agent.email)
        .bind(3, agent.name)
        .bind(4, to_string(agent.role))
        .bind(5, raw_id(agent.team_id))
        .bind(6, to_string(agent.language))
        .bind(7, std::int64_t{agent.active ? 1 : 0})
        .bind(8, password_hash)
        .bind(9, to_unix_ms(agent.created_at));
    auto ran = stmt.run();
    if (!ran && ran.error().code == ErrorCode::Conflict) {
      return conflict("an agent with e-mail '" + agent.email + "' exists", kinds::kDuplicate);
    }
    SP_TRY(ran);
    agent.id = AgentId{conn.last_insert_rowid()};
    return {};
  }));
  return agent;
}

Result<std::vector<Agent>> SqliteStore::list_agents(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<Agent>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, email, name, role, team_id, language, active, created_at, "
               "password_hash FROM agents WHERE (?1 IS NULL OR tenant_id = ?1) ORDER BY id");
    stmt.bind(1, raw_id(scope.tenant));
    std::vector<Agent> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_agent(stmt));
    }
    return out;
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
    SP_PREPARE(stmt, conn,
               "INSERT INTO customers(tenant_id, name, language, created_at) "
               "VALUES(?1, ?2, ?3, ?4)");
    stmt.bind(1, customer.tenant_id.value)
        .bind(2, customer.name)
        .bind(3, to_string(customer.language))
        .bind(4, to_unix_ms(customer.created_at));
    SP_TRY(stmt.run());
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
        return conflict("another customer of this tenant has e-mail '" + customer.emails[idx] +
                            "'",
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
  }));
  return customer;
}

Result<std::vector<Customer>> SqliteStore::list_customers(const Scope& scope,
                                                          const CustomerFilter& filter) {
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
    std::vector<Customer> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_customer(stmt));
    }
    return out;
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

// ---------------------------------------------------------------------------------------
// Tickets, messages, events

namespace {

Result<void> insert_mail_ids(Connection& conn, TenantId tenant, TicketId ticket,
                             const std::vector<std::string>& message_ids) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO mail_message_ids(tenant_id, message_id, ticket_id) VALUES(?1, ?2, ?3) "
             "ON CONFLICT(tenant_id, message_id) DO NOTHING");
  for (const auto& id : message_ids) {
    if (id.empty() || id.size() > 998) continue;
    stmt.bind(1, tenant.value).bind(2, id).bind(3, ticket.value);
    SP_TRY(stmt.run());
  }
  return {};
}

Result<void> upsert_checkpoint(Connection& conn, TenantId tenant, const MailboxCheckpoint& checkpoint,
                               Timestamp now) {
  // A new UIDVALIDITY replaces the row; within one, the checkpoint only moves forward.
  SP_PREPARE(stmt, conn,
             "INSERT INTO mail_checkpoints(source, tenant_id, uidvalidity, last_uid, updated_at) "
             "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(source) DO UPDATE SET "
             "last_uid = CASE WHEN uidvalidity = excluded.uidvalidity "
             "  THEN MAX(last_uid, excluded.last_uid) ELSE excluded.last_uid END, "
             "uidvalidity = excluded.uidvalidity, updated_at = excluded.updated_at");
  stmt.bind(1, checkpoint.source)
      .bind(2, tenant.value)
      .bind(3, checkpoint.uidvalidity)
      .bind(4, checkpoint.last_uid)
      .bind(5, to_unix_ms(now));
  return stmt.run();
}

// Writes the receipt of an inbound message in the caller's transaction.
Result<void> record_receipt(Connection& conn, const Ticket& ticket, MessageId message,
                            const InboundReceipt& receipt, Timestamp now) {
  SP_PREPARE(exists, conn,
             "SELECT ticket_id FROM inbound_receipts WHERE tenant_id = ?1 AND source = ?2 "
             "AND external_id = ?3");
  exists.bind(1, ticket.tenant_id.value).bind(2, receipt.source).bind(3, receipt.external_id);
  SP_STEP(duplicate, exists);
  if (duplicate) {
    return conflict("already received as T-" + std::to_string(exists.int64(0)), kinds::kDuplicateIntake);
  }
  SP_TRY(exists.reset());
  SP_PREPARE(stmt, conn,
             "INSERT INTO inbound_receipts(tenant_id, source, external_id, ticket_id, message_id, "
             "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  stmt.bind(1, ticket.tenant_id.value)
      .bind(2, receipt.source)
      .bind(3, receipt.external_id)
      .bind(4, ticket.id.value)
      .bind(5, message.value)
      .bind(6, to_unix_ms(now));
  SP_TRY(stmt.run());
  SP_TRY(insert_mail_ids(conn, ticket.tenant_id, ticket.id, receipt.mail_message_ids));
  if (receipt.checkpoint) SP_TRY(upsert_checkpoint(conn, ticket.tenant_id, *receipt.checkpoint, now));
  return {};
}

}  // namespace

Result<Ticket> SqliteStore::create_ticket(TicketDraft draft,
                                          std::optional<NewMessage> first_message) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_TRY(insert_ticket_row(conn, draft.ticket));
    std::optional<MessageId> message_id;
    if (first_message) {
      auto inserted = insert_message_row(conn, draft.ticket, first_message->kind,
                                         first_message->author, first_message->body,
                                         first_message->at, first_message->automatic);
      if (!inserted) return inserted.error();
      message_id = *inserted;
      if (first_message->receipt) {
        SP_TRY(record_receipt(conn, draft.ticket, *message_id, *first_message->receipt,
                              first_message->at));
      }
    }
    return append_events(conn, draft.ticket, draft.events, message_id);
  }));
  return std::move(draft.ticket);
}

Result<std::optional<TicketId>> SqliteStore::find_intake(TenantId tenant, const std::string& source,
                                                         const std::string& external_id) {
  return read([&](Connection& conn) -> Result<std::optional<TicketId>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id FROM inbound_receipts WHERE tenant_id = ?1 AND source = ?2 "
               "AND external_id = ?3");
    stmt.bind(1, tenant.value).bind(2, source).bind(3, external_id);
    SP_STEP(has_row, stmt);
    if (!has_row) return std::optional<TicketId>{};
    return std::optional<TicketId>{TicketId{stmt.int64(0)}};
  });
}

Result<std::optional<TicketId>> SqliteStore::find_ticket_by_mail_ids(
    TenantId tenant, const std::vector<std::string>& message_ids) {
  return read([&](Connection& conn) -> Result<std::optional<TicketId>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id FROM mail_message_ids WHERE tenant_id = ?1 AND message_id = ?2");
    for (const auto& id : message_ids) {
      stmt.bind(1, tenant.value).bind(2, id);
      SP_STEP(has_row, stmt);
      if (has_row) return std::optional<TicketId>{TicketId{stmt.int64(0)}};
      SP_TRY(stmt.reset());
    }
    return std::optional<TicketId>{};
  });
}

Result<std::vector<std::string>> SqliteStore::mail_ids_of_ticket(TenantId tenant, TicketId ticket,
                                                                 int limit) {
  return read([&](Connection& conn) -> Result<std::vector<std::string>> {
    // rowid grows with every insert, so it orders the ids as they were received or sent.
    SP_PREPARE(stmt, conn,
               "SELECT message_id FROM (SELECT rowid, message_id FROM mail_message_ids "
               "WHERE tenant_id = ?1 AND ticket_id = ?2 ORDER BY rowid DESC LIMIT ?3) ORDER BY rowid");
    stmt.bind(1, tenant.value).bind(2, ticket.value).bind(3, std::int64_t{limit});
    std::vector<std::string> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      if (stmt.text(0).find(' ') == std::string::npos) out.push_back(stmt.text(0));  // not a social thread key
    }
    return out;
  });
}

Result<void> SqliteStore::map_mail_ids(TenantId tenant, TicketId ticket,
                                       const std::vector<std::string>& message_ids) {
  return writer_->submit([&](Connection& conn) { return insert_mail_ids(conn, tenant, ticket, message_ids); });
}

Result<void> SqliteStore::put_mailbox_checkpoint(TenantId tenant, const MailboxCheckpoint& checkpoint,
                                                 Timestamp now) {
  return writer_->submit([&](Connection& conn) { return upsert_checkpoint(conn, tenant, checkpoint, now); });
}

Result<Ticket> SqliteStore::get_ticket(const Scope& scope, TicketId id) {
  return read([&](Connection& conn) { return load_ticket(conn, scope, id); });
}

Result<std::vector<Ticket>> SqliteStore::list_tickets(const Scope& scope,
                                                      const TicketFilter& filter) {
  if (scope.tenant && filter.tenant && *scope.tenant != *filter.tenant) {
    return std::vector<Ticket>{};  // another tenant's tickets are invisible, not forbidden
  }
  // Built from fixed fragments; every value is a bound parameter.
  std::string sql =
      "SELECT t.id, t.tenant_id, t.subject, t.status, t.priority, t.channel, t.category, "
      "t.tags, t.team_id, t.assignee_id, t.requester_id, t.created_at, t.updated_at, "
      "t.solved_at, t.version FROM tickets t";
  bool join_timers = filter.sort_by_due || filter.sla_at_risk_only || filter.sla_breached_only;
  if (join_timers) sql += " LEFT JOIN sla_timers s ON s.ticket_id = t.id";
  sql += " WHERE 1 = 1";
  int index = 0;
  auto tenant = scope.tenant ? scope.tenant : filter.tenant;
  struct Bind {
    int index;
    bool is_text;
    std::int64_t number;
    std::string text;
  };
  std::vector<Bind> binds;
  auto add_int = [&](const char* clause, std::int64_t value) {
    sql += clause;
    sql += std::to_string(++index);
    binds.push_back({index, false, value, {}});
  };
  if (tenant) add_int(" AND t.tenant_id = ?", tenant->value);
  if (!filter.statuses.empty()) {
    sql += " AND t.status IN (";
    for (std::size_t idx = 0; idx < filter.statuses.size(); ++idx) {
      if (idx > 0) sql += ", ";
      sql += "?" + std::to_string(++index);
      binds.push_back({index, true, 0, std::string(to_string(filter.statuses[idx]))});
    }
    sql += ")";
  }
  if (filter.team) add_int(" AND t.team_id = ?", filter.team->value);
  if (filter.assignee) add_int(" AND t.assignee_id = ?", filter.assignee->value);
  if (filter.unassigned_only) sql += " AND t.assignee_id IS NULL";
  if (filter.requester) add_int(" AND t.requester_id = ?", filter.requester->value);
  if (filter.updated_since) add_int(" AND t.updated_at >= ?", to_unix_ms(*filter.updated_since));
  if (filter.channel) {
    sql += " AND t.channel = ?" + std::to_string(++index);
    binds.push_back({index, true, 0, std::string(to_string(*filter.channel))});
  }
  if (filter.search && !filter.search->empty()) {
    // LIKE with our own escape character, so % and _ typed by a user match literally.
    std::string pattern = "%";
    for (char c : *filter.search) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    ++index;
    sql += " AND (t.subject LIKE ?" + std::to_string(index) +
           " ESCAPE '\\' OR EXISTS (SELECT 1 FROM customers c WHERE c.id = t.requester_id AND "
           "c.name LIKE ?" + std::to_string(index) + " ESCAPE '\\'))";
    binds.push_back({index, true, 0, pattern});
  }
  if (filter.sla_at_risk_only) sql += " AND s.at_risk = 1";
  if (filter.sla_breached_only) sql += " AND s.breached = 1";
  constexpr const char* kDueKey = "COALESCE(s.due_at, 9223372036854775807)";
  if (filter.sort_by_due) {
    sql += std::string(" ORDER BY ") + kDueKey + ", t.id";
  } else {
    if (filter.before_id) add_int(" AND t.id < ?", *filter.before_id);
    sql += " ORDER BY t.id DESC";
  }
  sql += " LIMIT ?" + std::to_string(++index);
  binds.push_back({index, false, std::clamp(filter.limit, 1, kMaxPageSize), {}});
  if (filter.sort_by_due && filter.offset > 0) {
    sql += " OFFSET ?" + std::to_string(++index);
    binds.push_back({index, false, filter.offset, {}});
  }
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    auto stmt = conn.prepare_uncached(sql);
    if (!stmt) return stmt.error();
    for (const auto& bind : binds) {
      if (bind.is_text) {
        stmt->bind(bind.index, bind.text);
      } else {
        stmt->bind(bind.index, bind.number);
      }
    }
    std::vector<Ticket> out;
    for (;;) {
      SP_STEP(has_row, *stmt);
      if (!has_row) break;
      out.push_back(read_ticket(*stmt));
    }
    return out;
  });
}

Result<Ticket> SqliteStore::update_ticket(const Scope& scope, TicketId id,
                                          const TicketDecision& decide) {
  Ticket result;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    auto current = load_ticket(conn, scope, id);
    if (!current) return current.error();
    auto change = decide(*current);
    if (!change) return change.error();
    if (change->events.empty()) {
      result = std::move(*current);
      return {};
    }
    SP_TRY(update_ticket_row(conn, change->after));
    SP_TRY(append_events(conn, change->after, change->events, std::nullopt));
    result = std::move(change->after);
    return {};
  }));
  return result;
}

Result<AppendedMessage> SqliteStore::append_message(const Scope& scope, TicketId id,
                                                    NewMessage message,
                                                    const TicketDecision& decide) {
  AppendedMessage result;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    auto current = load_ticket(conn, scope, id);
    if (!current) return current.error();
    auto change = decide(*current);
    if (!change) return change.error();
    auto message_id = insert_message_row(conn, change->after, message.kind, message.author,
                                         message.body, message.at, message.automatic);
    if (!message_id) return message_id.error();
    if (message.receipt) SP_TRY(record_receipt(conn, change->after, *message_id, *message.receipt, message.at));
    SP_TRY(update_ticket_row(conn, change->after));
    SP_TRY(append_events(conn, change->after, change->events, *message_id));
    result.ticket = std::move(change->after);
    result.message = Message{*message_id,    result.ticket.id, result.ticket.tenant_id,
                             message.kind,   message.author,   std::move(message.body),
                             message.at,     message.automatic};
    return {};
  }));
  return result;
}

Result<std::vector<Message>> SqliteStore::list_messages(const Scope& scope, TicketId id) {
  return read([&](Connection& conn) -> Result<std::vector<Message>> {
    auto ticket = load_ticket(conn, scope, id);
    if (!ticket) return ticket.error();
    SP_PREPARE(stmt, conn,
               "SELECT id, ticket_id, tenant_id, kind, author_type, author_id, body, created_at, "
               "automatic FROM messages WHERE ticket_id = ?1 ORDER BY id");
    stmt.bind(1, id.value);
    std::vector<Message> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_message(stmt));
    }
    return out;
  });
}

Result<std::vector<TicketEvent>> SqliteStore::list_events(const Scope& scope, TicketId id) {
  auto history = ticket_history(scope, id);
  if (!history) return history.error();
  return std::move(history->events);
}

Result<TicketHistory> SqliteStore::ticket_history(const Scope& scope, TicketId id) {
  return read([&](Connection& conn) -> Result<TicketHistory> {
    auto ticket = load_ticket(conn, scope, id);
    if (!ticket) return ticket.error();
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, seq, tenant_id, type, actor_type, actor_id, at, field, "
               "from_value, to_value, message_kind, message_id FROM ticket_events "
               "WHERE ticket_id = ?1 ORDER BY seq");
    stmt.bind(1, id.value);
    TicketHistory out{std::move(*ticket), {}};
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.events.push_back(read_event(stmt));
    }
    return out;
  });
}

Result<void> SqliteStore::import_tickets(std::vector<ImportedTicket> tickets) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    for (auto& imported : tickets) {
      SP_TRY(insert_ticket_row(conn, imported.ticket));
      std::vector<MessageId> message_ids;
      for (const auto& message : imported.messages) {
        auto inserted = insert_message_row(conn, imported.ticket, message.kind, message.author,
                                           message.body, message.created_at, message.automatic);
        if (!inserted) return inserted.error();
        message_ids.push_back(*inserted);
      }
      for (auto& event : imported.events) {
        if (event.message_id) {
          auto index = event.message_id->value - 1;
          if (index < 0 || index >= static_cast<std::int64_t>(message_ids.size())) {
            return invalid_input("imported event refers to a message that is not there");
          }
          event.message_id = message_ids[static_cast<std::size_t>(index)];
        }
      }
      SP_TRY(append_events(conn, imported.ticket, imported.events, std::nullopt));
    }
    return {};
  });
}

Result<std::int64_t> SqliteStore::count_tickets(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::int64_t> {
    SP_PREPARE(stmt, conn, "SELECT COUNT(*) FROM tickets WHERE (?1 IS NULL OR tenant_id = ?1)");
    stmt.bind(1, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    return has_row ? stmt.int64(0) : 0;
  });
}

Result<std::vector<Ticket>> SqliteStore::tickets_for_report(const Scope& scope, Timestamp from,
                                                            Timestamp to, int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
               "assignee_id, requester_id, created_at, updated_at, solved_at, version FROM tickets "
               "WHERE (?1 IS NULL OR tenant_id = ?1) AND created_at < ?3 AND (created_at >= ?2 "
               "OR status NOT IN ('solved', 'closed') OR updated_at >= ?2) ORDER BY id LIMIT ?4");
    stmt.bind(1, raw_id(scope.tenant))
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, std::int64_t{limit});
    std::vector<Ticket> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_ticket(stmt));
    }
    return out;
  });
}

Result<std::vector<Store::Arrival>> SqliteStore::ticket_arrivals(const Scope& scope,
                                                                 Timestamp from, Timestamp to,
                                                                 int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Arrival>> {
    SP_PREPARE(stmt, conn,
               "SELECT created_at, channel FROM tickets WHERE (?1 IS NULL OR tenant_id = ?1) "
               "AND created_at >= ?2 AND created_at < ?3 ORDER BY created_at LIMIT ?4");
    stmt.bind(1, raw_id(scope.tenant))
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, std::int64_t{limit});
    std::vector<Arrival> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(Arrival{from_unix_ms(stmt.int64(0)),
                            parse_or(parse_channel(stmt.text(1)), Channel::Web)});
    }
    return out;
  });
}

Result<std::vector<Store::AgentActivity>> SqliteStore::agent_activity(const Scope& scope,
                                                                    Timestamp from, Timestamp to,
                                                                    int limit) {
  return read([&](Connection& conn) -> Result<std::vector<AgentActivity>> {
    // Tags are stored as "a,b" (sorted, unique); the abusive flag is the tag "abusive".
    SP_PREPARE(stmt, conn,
               "SELECT m.author_id, m.created_at, m.kind, t.channel, t.id, "
               "  (',' || t.tags || ',') LIKE '%,abusive,%' "
               "FROM messages m JOIN tickets t ON t.id = m.ticket_id "
               "WHERE (?1 IS NULL OR m.tenant_id = ?1) AND m.created_at >= ?2 AND m.created_at < ?3 "
               "  AND m.author_type = 'agent' "
               "UNION ALL "
               "SELECT e.actor_id, e.at, 'change', t.channel, t.id, 0 "
               "FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
               "WHERE (?1 IS NULL OR e.tenant_id = ?1) AND e.at >= ?2 AND e.at < ?3 "
               "  AND e.actor_type = 'agent' AND e.type NOT IN ('created', 'message_added') "
               // A status change that a reply or the creation caused is part of that action.
               "  AND NOT EXISTS (SELECT 1 FROM ticket_events x WHERE x.ticket_id = e.ticket_id "
               "    AND x.at = e.at AND x.type IN ('created', 'message_added')) "
               "LIMIT ?4");
    stmt.bind(1, raw_id(scope.tenant))
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, std::int64_t{limit});
    std::vector<AgentActivity> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      AgentActivity activity;
      activity.agent = AgentId{stmt.int64(0)};
      activity.at = from_unix_ms(stmt.int64(1));
      auto kind = stmt.text(2);
      activity.kind = kind == "note"     ? AgentActivity::Kind::Note
                      : kind == "change" ? AgentActivity::Kind::Change
                                         : AgentActivity::Kind::Reply;
      activity.channel = parse_or(parse_channel(stmt.text(3)), Channel::Web);
      activity.ticket = TicketId{stmt.int64(4)};
      activity.abusive = stmt.int64(5) != 0;
      out.push_back(activity);
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------
// Sessions, tokens, settings

Result<void> SqliteStore::create_session(Session session) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    // Expired sessions are swept here, on the write path that creates new ones.
    SP_PREPARE(sweep, conn, "DELETE FROM sessions WHERE expires_at <= ?1");
    sweep.bind(1, to_unix_ms(session.created_at));
    SP_TRY(sweep.run());
    SP_PREPARE(stmt, conn,
               "INSERT INTO sessions(token_hash, agent_id, csrf_token, created_at, expires_at) "
               "VALUES(?1, ?2, ?3, ?4, ?5)");
    stmt.bind(1, session.token_hash)
        .bind(2, session.agent_id.value)
        .bind(3, session.csrf_token)
        .bind(4, to_unix_ms(session.created_at))
        .bind(5, to_unix_ms(session.expires_at));
    return stmt.run();
  });
}

Result<Session> SqliteStore::find_session(const std::string& token_hash, Timestamp now) {
  return read([&](Connection& conn) -> Result<Session> {
    SP_PREPARE(stmt, conn,
               "SELECT token_hash, agent_id, csrf_token, created_at, expires_at FROM sessions "
               "WHERE token_hash = ?1 AND expires_at > ?2");
    stmt.bind(1, token_hash).bind(2, to_unix_ms(now));
    SP_STEP(has_row, stmt);
    if (!has_row) return Error{ErrorCode::Unauthenticated, "session expired or unknown"};
    return Session{stmt.text(0), AgentId{stmt.int64(1)}, stmt.text(2),
                   from_unix_ms(stmt.int64(3)), from_unix_ms(stmt.int64(4))};
  });
}

Result<void> SqliteStore::delete_session(const std::string& token_hash) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, "DELETE FROM sessions WHERE token_hash = ?1");
    stmt.bind(1, token_hash);
    return stmt.run();
  });
}

Result<void> SqliteStore::create_portal_link(PortalLink link) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    // Spent and expired links are swept on the path that creates new ones.
    SP_PREPARE(sweep, conn, "DELETE FROM portal_links WHERE expires_at <= ?1 OR used_at IS NOT NULL");
    sweep.bind(1, to_unix_ms(link.created_at));
    SP_TRY(sweep.run());
    SP_PREPARE(stmt, conn,
               "INSERT INTO portal_links(token_hash, tenant_id, customer_id, created_at, expires_at) "
               "VALUES(?1, ?2, ?3, ?4, ?5)");
    stmt.bind(1, link.token_hash)
        .bind(2, link.tenant_id.value)
        .bind(3, link.customer_id.value)
        .bind(4, to_unix_ms(link.created_at))
        .bind(5, to_unix_ms(link.expires_at));
    return stmt.run();
  });
}

Result<PortalLink> SqliteStore::consume_portal_link(const std::string& token_hash, Timestamp now) {
  PortalLink link;
  bool found = false;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "UPDATE portal_links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL "
               "AND expires_at > ?2 RETURNING tenant_id, customer_id, created_at, expires_at");
    stmt.bind(1, token_hash).bind(2, to_unix_ms(now));
    SP_STEP(has_row, stmt);
    if (!has_row) return {};
    found = true;
    link = PortalLink{token_hash, TenantId{stmt.int64(0)}, CustomerId{stmt.int64(1)},
                      from_unix_ms(stmt.int64(2)), from_unix_ms(stmt.int64(3))};
    SP_STEP(more, stmt);  // finish the statement so the update is complete
    (void)more;
    return {};
  }));
  if (!found) return Error{ErrorCode::Unauthenticated, "sign-in link unknown, used or expired"};
  return link;
}

Result<void> SqliteStore::create_customer_session(CustomerSession session) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(sweep, conn, "DELETE FROM customer_sessions WHERE expires_at <= ?1");
    sweep.bind(1, to_unix_ms(session.created_at));
    SP_TRY(sweep.run());
    SP_PREPARE(stmt, conn,
               "INSERT INTO customer_sessions(token_hash, tenant_id, customer_id, csrf_token, "
               "created_at, expires_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    stmt.bind(1, session.token_hash)
        .bind(2, session.tenant_id.value)
        .bind(3, session.customer_id.value)
        .bind(4, session.csrf_token)
        .bind(5, to_unix_ms(session.created_at))
        .bind(6, to_unix_ms(session.expires_at));
    return stmt.run();
  });
}

Result<CustomerSession> SqliteStore::find_customer_session(const std::string& token_hash,
                                                          Timestamp now) {
  return read([&](Connection& conn) -> Result<CustomerSession> {
    SP_PREPARE(stmt, conn,
               "SELECT tenant_id, customer_id, csrf_token, created_at, expires_at "
               "FROM customer_sessions WHERE token_hash = ?1 AND expires_at > ?2");
    stmt.bind(1, token_hash).bind(2, to_unix_ms(now));
    SP_STEP(has_row, stmt);
    if (!has_row) return Error{ErrorCode::Unauthenticated, "session expired or unknown"};
    return CustomerSession{token_hash, TenantId{stmt.int64(0)}, CustomerId{stmt.int64(1)},
                           stmt.text(2), from_unix_ms(stmt.int64(3)), from_unix_ms(stmt.int64(4))};
  });
}

Result<void> SqliteStore::delete_customer_session(const std::string& token_hash) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, "DELETE FROM customer_sessions WHERE token_hash = ?1");
    stmt.bind(1, token_hash);
    return stmt.run();
  });
}

Result<std::vector<std::pair<TicketId, TicketSummary>>> SqliteStore::ticket_summaries(
    const Scope& scope, const std::vector<TicketId>& ids) {
  return read([&](Connection& conn) -> Result<std::vector<std::pair<TicketId, TicketSummary>>> {
    SP_PREPARE(stmt, conn,
               "SELECT s.due_at, COALESCE(s.at_risk, 0), COALESCE(s.breached, 0), c.name "
               "FROM tickets t JOIN customers c ON c.id = t.requester_id "
               "LEFT JOIN sla_timers s ON s.ticket_id = t.id "
               "WHERE t.id = ?1 AND (?2 IS NULL OR t.tenant_id = ?2)");
    std::vector<std::pair<TicketId, TicketSummary>> out;
    out.reserve(ids.size());
    for (auto id : ids) {
      stmt.bind(1, id.value);
      if (scope.tenant) {
        stmt.bind(2, scope.tenant->value);
      } else {
        stmt.bind_null(2);
      }
      SP_STEP(has_row, stmt);
      if (has_row) {
        TicketSummary summary;
        if (!stmt.is_null(0)) summary.sla_due_at = from_unix_ms(stmt.int64(0));
        summary.sla_at_risk = stmt.int64(1) != 0;
        summary.sla_breached = stmt.int64(2) != 0;
        summary.requester_name = stmt.text(3);
        out.emplace_back(id, std::move(summary));
      }
      SP_TRY(stmt.reset());
    }
    return out;
  });
}

Result<ApiToken> SqliteStore::create_api_token(ApiToken token) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO api_tokens(token_hash, agent_id, name, created_at) "
               "VALUES(?1, ?2, ?3, ?4)");
    stmt.bind(1, token.token_hash)
        .bind(2, token.agent_id.value)
        .bind(3, token.name)
        .bind(4, to_unix_ms(token.created_at));
    SP_TRY(stmt.run());
    token.id = conn.last_insert_rowid();
    return {};
  }));
  return token;
}

Result<ApiToken> SqliteStore::find_api_token(const std::string& token_hash) {
  return read([&](Connection& conn) -> Result<ApiToken> {
    SP_PREPARE(stmt, conn,
               "SELECT id, token_hash, agent_id, name, created_at FROM api_tokens "
               "WHERE token_hash = ?1");
    stmt.bind(1, token_hash);
    SP_STEP(has_row, stmt);
    if (!has_row) return Error{ErrorCode::Unauthenticated, "unknown API token"};
    return ApiToken{stmt.int64(0), stmt.text(1), AgentId{stmt.int64(2)}, stmt.text(3),
                    from_unix_ms(stmt.int64(4))};
  });
}

Result<std::optional<std::string>> SqliteStore::get_setting(const std::string& key) {
  return read([&](Connection& conn) -> Result<std::optional<std::string>> {
    SP_PREPARE(stmt, conn, "SELECT value FROM settings WHERE key = ?1");
    stmt.bind(1, key);
    SP_STEP(has_row, stmt);
    if (!has_row) return std::optional<std::string>{};
    return std::optional<std::string>{stmt.text(0)};
  });
}

Result<void> SqliteStore::put_setting(const std::string& key, const std::string& value) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO settings(key, value) VALUES(?1, ?2) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    stmt.bind(1, key).bind(2, value);
    return stmt.run();
  });
}

// ---------------------------------------------------------------------------------------
// SLA engine storage

namespace {

CalendarRecord read_calendar(const Statement& s) {
  return CalendarRecord{s.int64(0), TenantId{s.int64(1)}, s.text(2), s.text(3),
                        from_unix_ms(s.int64(4)), from_unix_ms(s.int64(5))};
}

PolicyRecord read_policy(const Statement& s) {
  return PolicyRecord{s.int64(0), TenantId{s.int64(1)}, s.text(2), static_cast<int>(s.int64(3)),
                      s.int64(4), s.text(5), from_unix_ms(s.int64(6)), from_unix_ms(s.int64(7))};
}

SlaTimer read_timer(const Statement& s) {
  SlaTimer timer;
  timer.ticket_id = TicketId{s.int64(0)};
  timer.tenant_id = TenantId{s.int64(1)};
  if (auto next = s.optional_int64(2)) timer.next_deadline = from_unix_ms(*next);
  if (auto due = s.optional_int64(3)) timer.due_at = from_unix_ms(*due);
  timer.at_risk = s.int64(4) != 0;
  timer.breached = s.int64(5) != 0;
  return timer;
}

Result<void> write_timer(Connection& conn, const SlaTimer& timer) {
  if (!timer.next_deadline && !timer.due_at && !timer.at_risk && !timer.breached) {
    SP_PREPARE(remove, conn, "DELETE FROM sla_timers WHERE ticket_id = ?1");
    remove.bind(1, timer.ticket_id.value);
    return remove.run();
  }
  SP_PREPARE(stmt, conn,
             "INSERT INTO sla_timers(ticket_id, tenant_id, next_deadline, due_at, at_risk, breached) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(ticket_id) DO UPDATE SET "
             "next_deadline = excluded.next_deadline, due_at = excluded.due_at, "
             "at_risk = excluded.at_risk, breached = excluded.breached");
  stmt.bind(1, timer.ticket_id.value)
      .bind(2, timer.tenant_id.value)
      .bind(3, raw_time(timer.next_deadline))
      .bind(4, raw_time(timer.due_at))
      .bind(5, std::int64_t{timer.at_risk ? 1 : 0})
      .bind(6, std::int64_t{timer.breached ? 1 : 0});
  return stmt.run();
}

Error duplicate_name(const Error& error, const std::string& what, const std::string& name) {
  if (error.code == ErrorCode::Conflict && error.message.find("UNIQUE") != std::string::npos) {
    return conflict("a " + what + " named '" + name + "' exists in this tenant", kinds::kDuplicate);
  }
  if (error.code == ErrorCode::Conflict && error.message.find("FOREIGN KEY") != std::string::npos) {
    return invalid_input("calendar_id does not name a calendar of this tenant", "calendar_id");
  }
  return error;
}

}  // namespace

Result<CalendarRecord> SqliteStore::create_calendar(CalendarRecord calendar) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO calendars(tenant_id, name, definition_json, created_at, updated_at) "
               "VALUES(?1, ?2, ?3, ?4, ?5)");
    stmt.bind(1, calendar.tenant_id.value)
        .bind(2, calendar.name)
        .bind(3, calendar.definition_json)
        .bind(4, to_unix_ms(calendar.created_at))
        .bind(5, to_unix_ms(calendar.updated_at));
    auto ran = stmt.run();
    if (!ran) return duplicate_name(ran.error(), "calendar", calendar.name);
    calendar.id = conn.last_insert_rowid();
    return {};
  }));
  return calendar;
}

Result<CalendarRecord> SqliteStore::update_calendar(const Scope& scope, CalendarRecord calendar) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "UPDATE calendars SET name = ?3, definition_json = ?4, updated_at = ?5 "
               "WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2) RETURNING tenant_id, created_at");
    stmt.bind(1, calendar.id)
        .bind(2, raw_id(scope.tenant))
        .bind(3, calendar.name)
        .bind(4, calendar.definition_json)
        .bind(5, to_unix_ms(calendar.updated_at));
    auto row = stmt.step();
    if (!row) return duplicate_name(row.error(), "calendar", calendar.name);
    if (!*row) return not_found("calendar " + std::to_string(calendar.id) + " not found");
    calendar.tenant_id = TenantId{stmt.int64(0)};
    calendar.created_at = from_unix_ms(stmt.int64(1));
    return stmt.run();
  }));
  return calendar;
}

Result<std::vector<CalendarRecord>> SqliteStore::list_calendars(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<CalendarRecord>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, definition_json, created_at, updated_at FROM calendars "
               "WHERE (?1 IS NULL OR tenant_id = ?1) ORDER BY id");
    stmt.bind(1, raw_id(scope.tenant));
    std::vector<CalendarRecord> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_calendar(stmt));
    }
    return out;
  });
}

Result<CalendarRecord> SqliteStore::get_calendar(const Scope& scope, std::int64_t id) {
  return read([&](Connection& conn) -> Result<CalendarRecord> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, definition_json, created_at, updated_at FROM calendars "
               "WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id).bind(2, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("calendar " + std::to_string(id) + " not found");
    return read_calendar(stmt);
  });
}

Result<PolicyRecord> SqliteStore::create_policy(PolicyRecord policy) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO sla_policies(tenant_id, name, position, calendar_id, policy_json, "
               "created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    stmt.bind(1, policy.tenant_id.value)
        .bind(2, policy.name)
        .bind(3, std::int64_t{policy.position})
        .bind(4, policy.calendar_id)
        .bind(5, policy.policy_json)
        .bind(6, to_unix_ms(policy.created_at))
        .bind(7, to_unix_ms(policy.updated_at));
    auto ran = stmt.run();
    if (!ran) return duplicate_name(ran.error(), "policy", policy.name);
    policy.id = conn.last_insert_rowid();
    return {};
  }));
  return policy;
}

Result<PolicyRecord> SqliteStore::update_policy(const Scope& scope, PolicyRecord policy) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "UPDATE sla_policies SET name = ?3, position = ?4, calendar_id = ?5, "
               "policy_json = ?6, updated_at = ?7 WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2) "
               "RETURNING tenant_id, created_at");
    stmt.bind(1, policy.id)
        .bind(2, raw_id(scope.tenant))
        .bind(3, policy.name)
        .bind(4, std::int64_t{policy.position})
        .bind(5, policy.calendar_id)
        .bind(6, policy.policy_json)
        .bind(7, to_unix_ms(policy.updated_at));
    auto row = stmt.step();
    if (!row) return duplicate_name(row.error(), "policy", policy.name);
    if (!*row) return not_found("policy " + std::to_string(policy.id) + " not found");
    policy.tenant_id = TenantId{stmt.int64(0)};
    policy.created_at = from_unix_ms(stmt.int64(1));
    return stmt.run();
  }));
  return policy;
}

Result<void> SqliteStore::delete_policy(const Scope& scope, std::int64_t id) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "DELETE FROM sla_policies WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id).bind(2, raw_id(scope.tenant));
    SP_TRY(stmt.run());
    if (conn.changes() == 0) return not_found("policy " + std::to_string(id) + " not found");
    return {};
  });
}

Result<std::vector<PolicyRecord>> SqliteStore::list_policies(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<PolicyRecord>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, position, calendar_id, policy_json, created_at, "
               "updated_at FROM sla_policies WHERE (?1 IS NULL OR tenant_id = ?1) "
               "ORDER BY tenant_id, position, id");
    stmt.bind(1, raw_id(scope.tenant));
    std::vector<PolicyRecord> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_policy(stmt));
    }
    return out;
  });
}

Result<PolicyRecord> SqliteStore::get_policy(const Scope& scope, std::int64_t id) {
  return read([&](Connection& conn) -> Result<PolicyRecord> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, position, calendar_id, policy_json, created_at, "
               "updated_at FROM sla_policies WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id).bind(2, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("policy " + std::to_string(id) + " not found");
    return read_policy(stmt);
  });
}

Result<void> SqliteStore::put_sla_timer(const SlaTimer& timer) {
  return writer_->submit([&](Connection& conn) { return write_timer(conn, timer); });
}

Result<void> SqliteStore::put_sla_timers(const std::vector<SlaTimer>& timers) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    for (const auto& timer : timers) SP_TRY(write_timer(conn, timer));
    return {};
  });
}

Result<std::optional<SlaTimer>> SqliteStore::get_sla_timer(TicketId ticket) {
  return read([&](Connection& conn) -> Result<std::optional<SlaTimer>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, tenant_id, next_deadline, due_at, at_risk, breached "
               "FROM sla_timers WHERE ticket_id = ?1");
    stmt.bind(1, ticket.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return std::optional<SlaTimer>{};
    return std::optional<SlaTimer>{read_timer(stmt)};
  });
}

Result<std::vector<SlaTimer>> SqliteStore::due_sla_timers(Timestamp now, int limit) {
  return read([&](Connection& conn) -> Result<std::vector<SlaTimer>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, tenant_id, next_deadline, due_at, at_risk, breached "
               "FROM sla_timers WHERE next_deadline IS NOT NULL AND next_deadline <= ?1 "
               "ORDER BY next_deadline LIMIT ?2");
    stmt.bind(1, to_unix_ms(now)).bind(2, std::int64_t{limit});
    std::vector<SlaTimer> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_timer(stmt));
    }
    return out;
  });
}

Result<std::optional<Timestamp>> SqliteStore::earliest_sla_deadline() {
  return read([&](Connection& conn) -> Result<std::optional<Timestamp>> {
    SP_PREPARE(stmt, conn,
               "SELECT MIN(next_deadline) FROM sla_timers WHERE next_deadline IS NOT NULL");
    SP_STEP(has_row, stmt);
    if (!has_row || stmt.is_null(0)) return std::optional<Timestamp>{};
    return std::optional<Timestamp>{from_unix_ms(stmt.int64(0))};
  });
}

Result<std::vector<Ticket>> SqliteStore::open_tickets_page(std::int64_t after_id, int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
               "assignee_id, requester_id, created_at, updated_at, solved_at, version FROM tickets "
               "WHERE id > ?1 AND status NOT IN ('solved', 'closed') ORDER BY id LIMIT ?2");
    stmt.bind(1, after_id).bind(2, std::int64_t{limit});
    std::vector<Ticket> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(read_ticket(stmt));
    }
    return out;
  });
}

Result<std::vector<SlaNoticeRecord>> SqliteStore::fire_sla_notices(
    TenantId tenant, std::vector<SlaNoticeRecord> notices,
    std::vector<std::optional<Notification>> notifications, const SlaTimer& timer, Timestamp now) {
  std::vector<SlaNoticeRecord> fired;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    fired.clear();
    SP_PREPARE(insert, conn,
               "INSERT OR IGNORE INTO sla_notices(ticket_id, target, cycle, kind, tenant_id, "
               "due_at, fired_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    SP_PREPARE(note, conn,
               "INSERT INTO notifications(tenant_id, ticket_id, agent_id, team_id, kind, message, "
               "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    std::vector<TicketEvent> events;
    for (std::size_t idx = 0; idx < notices.size(); ++idx) {
      const auto& notice = notices[idx];
      insert.bind(1, notice.ticket_id.value)
          .bind(2, notice.target)
          .bind(3, std::int64_t{notice.cycle})
          .bind(4, notice.kind)
          .bind(5, tenant.value)
          .bind(6, to_unix_ms(notice.due_at))
          .bind(7, to_unix_ms(now));
      SP_TRY(insert.run());
      if (conn.changes() == 0) continue;  // fired before: exactly once
      fired.push_back(notice);
      if (notice.kind == "at_risk" || notice.kind == "breached") {
        TicketEvent event;
        event.type = notice.kind == "at_risk" ? EventType::SlaAtRisk : EventType::SlaBreached;
        event.actor = Actor{ActorType::System, 0};
        event.at = now;
        event.field = notice.target;
        event.to = format_rfc3339(notice.due_at);
        events.push_back(std::move(event));
      }
      if (idx < notifications.size() && notifications[idx]) {
        const auto& n = *notifications[idx];
        note.bind(1, tenant.value)
            .bind(2, notice.ticket_id.value)
            .bind(3, raw_id(n.agent_id))
            .bind(4, raw_id(n.team_id))
            .bind(5, n.kind)
            .bind(6, n.message)
            .bind(7, to_unix_ms(now));
        SP_TRY(note.run());
      }
    }
    if (!events.empty()) {
      Ticket ticket;
      ticket.id = timer.ticket_id;
      ticket.tenant_id = tenant;
      SP_TRY(append_events(conn, ticket, events, std::nullopt));
    }
    return write_timer(conn, timer);
  }));
  return fired;
}

Result<std::vector<SlaNoticeRecord>> SqliteStore::list_sla_notices(const Scope& scope,
                                                                   TicketId ticket) {
  return read([&](Connection& conn) -> Result<std::vector<SlaNoticeRecord>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, target, cycle, kind, due_at FROM sla_notices "
               "WHERE ticket_id = ?1 AND (?2 IS NULL OR tenant_id = ?2) ORDER BY due_at, kind");
    stmt.bind(1, ticket.value).bind(2, raw_id(scope.tenant));
    std::vector<SlaNoticeRecord> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      out.push_back(SlaNoticeRecord{TicketId{stmt.int64(0)}, stmt.text(1),
                                    static_cast<int>(stmt.int64(2)), stmt.text(3),
                                    from_unix_ms(stmt.int64(4))});
    }
    return out;
  });
}

Result<std::vector<Notification>> SqliteStore::list_notifications(const Scope& scope,
                                                                  std::optional<AgentId> agent,
                                                                  int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Notification>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, ticket_id, agent_id, team_id, kind, message, created_at "
               "FROM notifications WHERE (?1 IS NULL OR tenant_id = ?1) "
               "AND (?2 IS NULL OR agent_id = ?2 OR agent_id IS NULL) ORDER BY id DESC LIMIT ?3");
    stmt.bind(1, raw_id(scope.tenant)).bind(2, raw_id(agent)).bind(3, std::int64_t{limit});
    std::vector<Notification> out;
    for (;;) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      Notification n;
      n.id = stmt.int64(0);
      n.tenant_id = TenantId{stmt.int64(1)};
      n.ticket_id = TicketId{stmt.int64(2)};
      n.agent_id = optional_id<AgentId>(stmt, 3);
      n.team_id = optional_id<TeamId>(stmt, 4);
      n.kind = stmt.text(5);
      n.message = stmt.text(6);
      n.created_at = from_unix_ms(stmt.int64(7));
      out.push_back(std::move(n));
    }
    return out;
  });
}

}  // namespace sp::storage::sqlite
