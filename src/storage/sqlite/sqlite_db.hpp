// A thin RAII layer over the SQLite C API: connections with a prepared-statement cache,
// statements with typed binds and reads, and conversion of SQLite result codes to
// sp::Error (busy/locked -> Unavailable, constraint -> Conflict, else Internal).
// Not thread-safe: a Connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace sp::storage::sqlite {

Error sqlite_error(int code, std::string_view context, sqlite3* db = nullptr);

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt, bool owned = false) : stmt_(stmt), owned_(owned) {}
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), owned_(other.owned_) { other.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  // Resets and clears bindings (the cache keeps the prepared statement), or finalizes
  // an uncached one.
  ~Statement();

  // Binds are 1-based like SQLite's.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  // Binds bytes as a BLOB (no text encoding assumed).
  Statement& bind_blob(int index, std::string_view bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    if (value) return bind(index, *value);
    return bind_null(index);
  }

  // Advances; true when a row is available, false when done. Errors are converted.
  Result<bool> step();
  // Runs to completion, expecting no rows.
  Result<void> run();
  // Ends the current execution so the statement can be bound and stepped again.
  Result<void> reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  bool is_null(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;

 private:
  sqlite3_stmt* stmt_;
  bool owned_ = false;
};

// The one loop that reads a result set: steps `stmt` to its end and calls `on_row(stmt)` for
// each row. `on_row` returns void, or a Result<void> whose error stops the loop and is
// returned (e.g. an undecodable blob). Step errors are returned as they come.
template <typename OnRow>
Result<void> for_each_row(Statement& stmt, OnRow&& on_row) {
  for (;;) {
    auto has_row = stmt.step();
    if (!has_row) return has_row.error();
    if (!*has_row) return {};
    if constexpr (std::is_void_v<std::invoke_result_t<OnRow&, Statement&>>) {
      on_row(stmt);
    } else {
      auto handled = on_row(stmt);
      if (!handled) return handled.error();
    }
  }
}

// Every row of `stmt` read by `read_row(const Statement&) -> T`, in order.
template <typename ReadRow>
auto collect_rows(Statement& stmt, ReadRow&& read_row)
    -> Result<std::vector<std::invoke_result_t<ReadRow&, const Statement&>>> {
  std::vector<std::invoke_result_t<ReadRow&, const Statement&>> rows;
  auto done = for_each_row(stmt, [&](const Statement& row) { rows.push_back(read_row(row)); });
  if (!done) return done.error();
  return rows;
}

struct ConnectionOptions {
  std::string path;
  bool read_only = false;
  // FULL: an acknowledged commit survives power loss. NORMAL trades that for speed.
  std::string synchronous = "FULL";
  int busy_timeout_ms = 5000;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Executes one or more statements without parameters (DDL, BEGIN/COMMIT).
  Result<void> exec(std::string_view sql);
  // Returns a cached prepared statement. REQUIRES: `sql` is a string literal or otherwise
  // outlives the connection (the cache keys on its text).
  Result<Statement> prepare(std::string_view sql);
  // Prepares SQL built at run time (still parameterised); finalized after use.
  Result<Statement> prepare_uncached(const std::string& sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  // Keyed by the SQL text itself (owned), so a statement built at run time is as safe to
  // cache as a literal; lookups by string_view do not allocate.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
};

}  // namespace sp::storage::sqlite
