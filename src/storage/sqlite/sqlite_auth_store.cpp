// SqliteStore as AuthStore: agents' sessions and API tokens, customers' portal links and
// sessions. Expired rows are swept on the write paths that create new ones.
#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

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
    return Session{stmt.text(0), AgentId{stmt.int64(1)}, stmt.text(2), from_unix_ms(stmt.int64(3)),
                   from_unix_ms(stmt.int64(4))};
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

Result<CustomerSession> SqliteStore::find_customer_session(const std::string& token_hash, Timestamp now) {
  return read([&](Connection& conn) -> Result<CustomerSession> {
    SP_PREPARE(stmt, conn,
               "SELECT tenant_id, customer_id, csrf_token, created_at, expires_at "
               "FROM customer_sessions WHERE token_hash = ?1 AND expires_at > ?2");
    stmt.bind(1, token_hash).bind(2, to_unix_ms(now));
    SP_STEP(has_row, stmt);
    if (!has_row) return Error{ErrorCode::Unauthenticated, "session expired or unknown"};
    return CustomerSession{token_hash,   TenantId{stmt.int64(0)},     CustomerId{stmt.int64(1)},
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

}  // namespace sp::storage::sqlite
