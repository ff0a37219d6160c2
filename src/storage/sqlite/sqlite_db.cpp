#include "storage/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

namespace sp::storage::sqlite {

Error sqlite_error(int code, std::string_view context, sqlite3* db) {
  std::string message(context);
  message += ": ";
  message += (db != nullptr) ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return unavailable(std::move(message));
    case SQLITE_CONSTRAINT:
      return conflict(std::move(message), kinds::kConstraint);
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return unavailable(std::move(message));
    default:
      return internal_error(std::move(message));
  }
}

Statement::~Statement() {
  if (stmt_ != nullptr && owned_) {
    sqlite3_finalize(stmt_);
  } else if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(rc, "step", sqlite3_db_handle(stmt_));
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      sqlite3_reset(stmt_);
      return row.error();
    }
    if (!*row) {
      // Reset so the same cached statement can be bound and run again in a loop.
      sqlite3_reset(stmt_);
      return {};
    }
  }
}

Result<void> Statement::reset() {
  sqlite3_reset(stmt_);
  return {};
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

Result<std::unique_ptr<Connection>> Connection::open(const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error = sqlite_error(rc, "open " + options.path, db);
    sqlite3_close(db);
    return error;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  std::string pragmas =
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=" + options.synchronous +
      "; PRAGMA temp_store=MEMORY;";
  if (options.read_only) pragmas += " PRAGMA query_only=ON;";
  auto status = conn->exec(pragmas);
  if (!status) return status.error();
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Result<void> Connection::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string detail = message != nullptr ? message : "";
    sqlite3_free(message);
    Error error = sqlite_error(rc, "exec");
    error.message = "exec: " + detail;
    return error;
  }
  return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return Statement(found->second);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                              nullptr);
  if (rc != SQLITE_OK) return sqlite_error(rc, "prepare", db_);
  statements_.emplace(std::string(sql), stmt);
  return Statement(stmt);
}

Result<Statement> Connection::prepare_uncached(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(rc, "prepare", db_);
  return Statement(stmt, true);
}

std::int64_t Connection::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

int Connection::changes() const {
  return sqlite3_changes(db_);
}

}  // namespace sp::storage::sqlite
