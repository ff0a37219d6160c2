// SearchStore on the shared SQLite database (migration 20): reads through the SqliteStore's
// reader pool, backfills through its writer, so it is as thread-safe as the store.
// `register_search_terms` makes sp_search_terms(text, language) on a connection, the SQL
// function the index triggers call; SqliteStore::open registers it on its writer (the only
// connection that writes) before migrating.
#pragma once

#include "storage/search_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

// Without a function (`terms` empty), a text's terms are the text itself.
Result<void> register_search_terms(Connection& conn, SearchTermsFunction terms);

class SqliteSearchStore final : public SearchStore {
 public:
  // REQUIRES: `store` is migrated (version >= 20) and outlives this object.
  explicit SqliteSearchStore(SqliteStore& store) : store_(store) {}

  Result<SearchPage> search_tickets(const SearchQuery& query) override;
  Result<bool> backfill_search_index(int max_tickets) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite
