#include "storage/sqlite/sqlite_search_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

// The candidates: index rows of the tenant matching the query, newest first (FTS5 reads its
// doclists in rowid order, so no sort), each joined to its ticket and customer (the tenant
// checked twice). No LIMIT: the caller stops stepping (a subquery with one would be
// materialised and sorted whole before the first row).
constexpr std::string_view kSearch =
    "SELECT t.id, t.tenant_id, t.subject, t.status, t.priority, t.channel, t.category, t.tags, "
    "t.team_id, t.assignee_id, t.requester_id, t.created_at, t.updated_at, t.solved_at, t.version, "
    "c.name, c.language "
    "FROM ticket_search s JOIN tickets t ON t.id = s.rowid JOIN customers c ON c.id = t.requester_id "
    "WHERE ticket_search MATCH ?1 AND s.rowid < ?2 AND t.tenant_id = ?3 ORDER BY s.rowid DESC";
constexpr std::string_view kEmails =
    "SELECT email FROM customer_emails WHERE tenant_id = ?1 AND customer_id = ?2 ORDER BY position LIMIT 10";
constexpr std::string_view kMessages =
    "SELECT substr(body, 1, ?3) FROM messages WHERE tenant_id = ?1 AND ticket_id = ?2 ORDER BY id LIMIT ?4";

constexpr std::string_view kBackfillRange = "SELECT next_id, last_id FROM search_backfill WHERE id = 1";
constexpr std::string_view kBackfillClear = "DELETE FROM ticket_search WHERE rowid BETWEEN ?1 AND ?2";
constexpr std::string_view kBackfillIndex =
    "INSERT INTO ticket_search(rowid, tenant, subject, body, customer) "
    "SELECT t.id, 't' || t.tenant_id, sp_search_terms(t.subject, s.language), "
    "  COALESCE((SELECT group_concat(sp_search_terms(m.body, s.language), ' ') FROM messages m "
    "            WHERE m.ticket_id = t.id), ''), "
    "  sp_search_terms(s.text, s.language) "
    "FROM tickets t JOIN search_customer_text s ON s.customer_id = t.requester_id "
    "WHERE t.id BETWEEN ?1 AND ?2";
constexpr std::string_view kBackfillAdvance = "UPDATE search_backfill SET next_id = ?1 WHERE id = 1";
constexpr std::string_view kBackfillDone = "DELETE FROM search_backfill WHERE id = 1";

void search_terms_sql(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* terms = static_cast<const SearchTermsFunction*>(sqlite3_user_data(context));
  auto text_of = [](sqlite3_value* value) {
    const auto* bytes = sqlite3_value_text(value);
    if (!bytes) return std::string_view{};
    return std::string_view(reinterpret_cast<const char*>(bytes),
                            static_cast<std::size_t>(sqlite3_value_bytes(value)));
  };
  const std::string_view text = text_of(args[0]);
  if (!*terms) {
    sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return;
  }
  try {
    const std::string out = (*terms)(text, text_of(args[1]));
    sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
  } catch (...) {
    sqlite3_result_error(context, "sp_search_terms failed", -1);
  }
}

bool passes_filters(const SearchQuery& query, const Ticket& ticket) {
  if (!query.statuses.empty() &&
      std::find(query.statuses.begin(), query.statuses.end(), ticket.status) == query.statuses.end()) {
    return false;
  }
  if (query.priority && ticket.priority != *query.priority) return false;
  if (query.assignee && ticket.assignee_id != query.assignee) return false;
  if (query.unassigned_only && ticket.assignee_id) return false;
  return true;
}

Result<void> add_highlight_sources(Connection& conn, SearchHit& hit) {
  SP_PREPARE(emails, conn, kEmails);
  emails.bind(1, hit.ticket.tenant_id.value).bind(2, hit.ticket.requester_id.value);
  auto addresses = collect_rows(emails, [](const Statement& row) { return row.text(0); });
  if (!addresses) return addresses.error();
  hit.customer_emails = std::move(*addresses);
  SP_PREPARE(messages, conn, kMessages);
  messages.bind(1, hit.ticket.tenant_id.value)
      .bind(2, hit.ticket.id.value)
      .bind(3, std::int64_t{kMaxHighlightMessageChars})
      .bind(4, std::int64_t{kMaxHighlightMessages});
  auto bodies = collect_rows(messages, [](const Statement& row) { return row.text(0); });
  if (!bodies) return bodies.error();
  hit.message_bodies = std::move(*bodies);
  return {};
}

}  // namespace

Result<void> register_search_terms(Connection& conn, SearchTermsFunction terms) {
  auto owned = std::make_unique<SearchTermsFunction>(std::move(terms));
  const int rc = sqlite3_create_function_v2(
      conn.handle(), "sp_search_terms", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, owned.get(), search_terms_sql,
      nullptr, nullptr, [](void* fn) { delete static_cast<SearchTermsFunction*>(fn); });
  // SQLite calls the destructor itself when registering fails.
  owned.release();
  if (rc != SQLITE_OK) return sqlite_error(rc, "register sp_search_terms", conn.handle());
  return {};
}

Result<SearchPage> SqliteSearchStore::search_tickets(const SearchQuery& query) {
  if (query.match.empty()) return invalid_input("the query has no word", "q");
  const int limit = std::clamp(query.limit, 1, kMaxPageSize);
  // The tenant's own term, so the index itself answers only for the tenant.
  const std::string match =
      "tenant : \"t" + std::to_string(query.tenant.value) + "\" AND (" + query.match + ")";
  return store_.read([&](Connection& conn) -> Result<SearchPage> {
    SearchPage page;
    SP_PREPARE(stmt, conn, kSearch);
    stmt.bind(1, match).bind(2, query.before_id.value_or(INT64_MAX)).bind(3, query.tenant.value);
    int candidates = 0;
    std::int64_t last_candidate = 0;
    while (candidates < kMaxSearchCandidates) {
      SP_STEP(has_row, stmt);
      if (!has_row) break;
      ++candidates;
      SearchHit hit;
      hit.ticket = read_ticket(stmt);
      last_candidate = hit.ticket.id.value;
      if (!passes_filters(query, hit.ticket)) continue;
      hit.customer_name = stmt.text(15);
      hit.language = parse_or(parse_language(stmt.text(16)), Language::En);
      page.hits.push_back(std::move(hit));
      if (static_cast<int>(page.hits.size()) == limit) {
        page.next_before_id = last_candidate;
        break;
      }
    }
    SP_TRY(stmt.reset());
    // Stopped at the bound with rows maybe left: the next page goes on from there.
    if (!page.next_before_id && candidates == kMaxSearchCandidates) page.next_before_id = last_candidate;
    for (auto& hit : page.hits) SP_TRY(add_highlight_sources(conn, hit));
    return page;
  });
}

Result<bool> SqliteSearchStore::backfill_search_index(int max_tickets) {
  bool more = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    more = false;
    SP_PREPARE(range, conn, kBackfillRange);
    SP_STEP(has_range, range);
    if (!has_range) return {};
    const std::int64_t next = range.int64(0);
    const std::int64_t last = range.int64(1);
    SP_TRY(range.reset());
    const std::int64_t upto = std::min(last, next + std::max(1, max_tickets) - 1);
    SP_PREPARE(clear, conn, kBackfillClear);
    SP_TRY(clear.bind(1, next).bind(2, upto).run());
    SP_PREPARE(index, conn, kBackfillIndex);
    SP_TRY(index.bind(1, next).bind(2, upto).run());
    if (upto >= last) {
      SP_PREPARE(done, conn, kBackfillDone);
      return done.run();
    }
    more = true;
    SP_PREPARE(advance, conn, kBackfillAdvance);
    return advance.bind(1, upto + 1).run();
  }));
  return more;
}

}  // namespace sp::storage::sqlite
