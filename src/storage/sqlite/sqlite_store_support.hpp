// Helpers shared by the files that implement SqliteStore (sqlite_store.cpp and the
// sqlite_*_store.cpp beside it): statement macros, column conversions, and the row
// functions that more than one part runs inside its own transaction. Internal to
// storage/sqlite; not an interface.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/store.hpp"

namespace sp::storage::sqlite {

// Prepares `sql` (cached) on `conn` into `var`, or returns the error from the enclosing
// function.
#define SP_PREPARE(var, conn, sql)                    \
  auto var##_prepared = (conn).prepare(sql);          \
  if (!var##_prepared) return var##_prepared.error(); \
  Statement& var = *var##_prepared

// Steps `stmt` once into `bool has_row`, or returns the error from the enclosing function.
#define SP_STEP(has_row, stmt)                            \
  auto has_row##_result = (stmt).step();                  \
  if (!has_row##_result) return has_row##_result.error(); \
  bool has_row = *has_row##_result

// The parsed enum, or `fallback` for text an older or newer schema wrote.
template <typename E>
E parse_or(Result<E> parsed, E fallback) {
  return parsed ? *parsed : fallback;
}

// A nullable id column.
template <typename IdT>
std::optional<IdT> optional_id(const Statement& stmt, int column) {
  auto raw = stmt.optional_int64(column);
  if (!raw) return std::nullopt;
  return IdT{*raw};
}

// Values to bind: an optional id or instant, NULL when absent.
template <typename IdT>
std::optional<std::int64_t> raw_id(const std::optional<IdT>& id) {
  if (!id) return std::nullopt;
  return id->value;
}

inline std::optional<std::int64_t> raw_time(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return to_unix_ms(*t);
}

// Ticket columns in the order read_ticket expects: id, tenant_id, subject, status,
// priority, channel, category, tags, team_id, assignee_id, requester_id, created_at,
// updated_at, solved_at, version (sqlite_ticket_store.cpp).
Ticket read_ticket(const Statement& s);

// Appends `events` after the ticket's last sequence number, filling ids in; a
// MessageAdded event without a message id gets `message_id` (sqlite_ticket_store.cpp).
Result<void> append_events(Connection& conn, const Ticket& ticket, std::vector<TicketEvent>& events,
                           std::optional<MessageId> message_id);

// Writes the receipt of an inbound message, its Message-IDs and its checkpoint in the
// caller's transaction; Conflict kind "duplicate-intake" when the receipt exists
// (sqlite_intake_store.cpp).
Result<void> record_receipt(Connection& conn, const Ticket& ticket, MessageId message,
                            const InboundReceipt& receipt, Timestamp now);

}  // namespace sp::storage::sqlite
