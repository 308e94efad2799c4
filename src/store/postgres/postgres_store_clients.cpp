// PostgresStore: clients (browsers/devices), trusted clients and sessions.
#include "store/postgres/postgres_store.h"
#include "store/rows.h"

namespace tessera::store::postgres {

void PostgresStore::create_client(const auth::Client& client) {
  static const std::string sql = "INSERT INTO clients (id, " + client_columns() + ") VALUES (?, " +
                                 placeholders(client_columns()) + ")";
  Params p;
  p.bind(client.id);
  bind_client(p, client);
  with_connection([&](Connection& c) { c.query(sql, p); });
}

void PostgresStore::update_client(const auth::Client& client) {
  static const std::string sql =
      "UPDATE clients SET " + assignments(client_columns()) + " WHERE id = ?";
  Params p;
  bind_client(p, client);
  p.bind(client.id);
  with_connection([&](Connection& c) { c.query(sql, p); });
}

std::optional<auth::Client> PostgresStore::find_client(const std::string& client_id) {
  static const std::string sql = "SELECT id, " + client_columns() + " FROM clients WHERE id = ?";
  return with_connection([&](Connection& c) -> std::optional<auth::Client> {
    auto r = c.query(sql, params(client_id));
    if (!r.next()) return std::nullopt;
    return read_client(r);
  });
}

std::optional<auth::Client> PostgresStore::find_client_by_token_hash(
    const std::string& token_hash) {
  static const std::string sql =
      "SELECT id, " + client_columns() + " FROM clients WHERE token_hash = ?";
  return with_connection([&](Connection& c) -> std::optional<auth::Client> {
    auto r = c.query(sql, params(token_hash));
    if (!r.next()) return std::nullopt;
    return read_client(r);
  });
}

bool PostgresStore::mark_client_trusted(const std::string& client_id, const std::string& user_id,
                                        std::int64_t now) {
  return changes_one_row(
      "INSERT INTO trusted_clients (client_id, user_id, trusted_at) VALUES (?, ?, ?)"
      " ON CONFLICT (client_id, user_id) DO NOTHING",
      params(client_id, user_id, now));
}

bool PostgresStore::is_client_trusted(const std::string& client_id, const std::string& user_id) {
  return with_connection([&](Connection& c) {
    return c
        .query("SELECT 1 FROM trusted_clients WHERE client_id = ? AND user_id = ?",
               params(client_id, user_id))
        .next();
  });
}

// --- sessions

void PostgresStore::create_session(const auth::Session& session) {
  static const std::string sql = "INSERT INTO sessions (id, " + session_columns() +
                                 ") VALUES (?, " + placeholders(session_columns()) + ")";
  Params p;
  p.bind(session.id);
  bind_session(p, session);
  with_connection([&](Connection& c) { c.query(sql, p); });
}

void PostgresStore::update_session(const auth::Session& session) {
  static const std::string sql =
      "UPDATE sessions SET " + assignments(session_columns()) + " WHERE id = ?";
  Params p;
  bind_session(p, session);
  p.bind(session.id);
  with_connection([&](Connection& c) { c.query(sql, p); });
}

std::optional<auth::Session> PostgresStore::find_session(const std::string& id) {
  static const std::string sql = "SELECT id, " + session_columns() + " FROM sessions WHERE id = ?";
  return with_connection([&](Connection& c) -> std::optional<auth::Session> {
    auto r = c.query(sql, params(id));
    if (!r.next()) return std::nullopt;
    return read_session(r);
  });
}

std::vector<auth::Session> PostgresStore::sessions_where(const std::string& column,
                                                         const std::string& value) {
  // `column` is one of two literals from this file, never input.
  const std::string sql = "SELECT id, " + session_columns() + " FROM sessions WHERE " + column +
                          " = ? ORDER BY created_at DESC, id COLLATE \"C\" DESC";
  return with_connection([&](Connection& c) {
    auto r = c.query(sql, params(value));
    std::vector<auth::Session> sessions;
    while (r.next()) sessions.push_back(read_session(r));
    return sessions;
  });
}

std::vector<auth::Session> PostgresStore::sessions_of_client(const std::string& client_id) {
  return sessions_where("client_id", client_id);
}

std::vector<auth::Session> PostgresStore::sessions_of_user(const std::string& user_id) {
  return sessions_where("user_id", user_id);
}

}  // namespace tessera::store::postgres
