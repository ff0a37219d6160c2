// SqliteStore's lifecycle (the writer queue and the bounded pool of read connections), its
// schema (migrations) and the settings table. The other parts of the store are in
// sqlite_directory_store.cpp, sqlite_ticket_store.cpp, sqlite_intake_store.cpp,
// sqlite_auth_store.cpp, sqlite_sla_store.cpp and sqlite_webhook_store.cpp.
#include "storage/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <set>

#include "storage/migrations.hpp"
#include "storage/sqlite/sqlite_search_store.hpp"
#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

// ---------------------------------------------------------------------------------------
// Lifecycle and connections

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options) {
  if (options.synchronous != "FULL" && options.synchronous != "NORMAL" && options.synchronous != "EXTRA") {
    return invalid_input("synchronous must be FULL, EXTRA or NORMAL", "synchronous");
  }
  ConnectionOptions writer_options{options.path, false, options.synchronous};
  auto writer = Connection::open(writer_options);
  if (!writer) return writer.error();
  SP_TRY(register_search_terms(**writer, options.search_terms));
  auto queue = std::make_unique<WriteQueue>(std::move(*writer), options.observer);
  return std::unique_ptr<SqliteStore>(new SqliteStore(options, std::move(queue)));
}

SqliteStore::SqliteStore(SqliteOptions options, std::unique_ptr<WriteQueue> writer)
    : options_(std::move(options)), writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<Connection>> SqliteStore::acquire_reader() {
  {
    std::unique_lock lock(readers_mutex_);
    reader_free_.wait(
        lock, [this] { return !idle_readers_.empty() || open_readers_ < std::max(1, options_.max_readers); });
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
    SP_TRY(
        conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
    // Every migration not recorded yet runs, not only those above the highest: migrations
    // made on parallel branches may land in the list below one a database already has.
    std::set<std::int64_t> applied_versions;
    SP_PREPARE(current, conn, "SELECT version FROM schema_migrations");
    SP_TRY(for_each_row(current, [&](const Statement& row) { applied_versions.insert(row.int64(0)); }));
    version = applied_versions.empty() ? 0 : static_cast<int>(*applied_versions.rbegin());
    for (const auto& migration : sqlite_migrations()) {
      if (applied_versions.contains(migration.version)) continue;
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
        error.message = "migration " + std::to_string(migration.version) + " failed: " + error.message;
        return error;
      }
      SP_TRY(conn.exec("COMMIT"));
      version = std::max(version, migration.version);
    }
    return {};
  });
  if (!status) return status.error();
  return version;
}

Result<int> SqliteStore::schema_version() {
  return read([](Connection& conn) -> Result<int> {
    auto stmt = conn.prepare_uncached("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
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
// Settings

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

}  // namespace sp::storage::sqlite
