// PostgresStore: clients (browsers/devices), trusted clients and sessions.
#include "store/postgres/postgres_store.h"
#include "store/postgres/user_record_query.h"
#include "store/rows.h"

namespace tessera::store::postgres {

void PostgresStore::create_client(const auth::Client& client) {
  static const std::string sql = "INSERT INTO clients (id, " + client_columns() + ") VALUES (?, " +
                                 placeholders(client_columns()) + ")";
  Params p;
  p.bind(client.id);
  bind_client(p, client);
  note_created(ClientViewCache::client_key(client.id));
  write(sql, p);
}

void PostgresStore::update_client(const auth::Client& client) {
  static const std::string sql =
      "UPDATE clients SET " + assignments(client_columns()) + " WHERE id = ?";
  Params p;
  bind_client(p, client);
  p.bind(client.id);
  announcing({ClientViewCache::client_key(client.id)}, [&] { write(sql, p); });
}

namespace {

std::string client_sql(const std::string& where) {
  return "SELECT id, " + client_columns() + " FROM clients WHERE " + where;
}

// The client's row, then its sessions and their users each aggregated as JSON rows.
std::string client_view_sql(const std::string& where) {
  return "SELECT id, " + client_columns() + ", (SELECT COALESCE(json_agg(json_build_array(id, " +
         session_columns() +
         ") ORDER BY created_at DESC, id COLLATE \"C\" DESC), '[]')"
         " FROM sessions WHERE client_id = clients.id)"
         ", (SELECT COALESCE(json_agg(json_build_array(" +
         user_record_select_list() +
         ")), '[]') FROM users"
         " WHERE id IN (SELECT user_id FROM sessions WHERE client_id = clients.id))"
         " FROM clients WHERE " +
         where;
}

// The row of a client-view query (client_view_sql).
std::optional<auth::ClientView> read_client_view(Result& r) {
  if (!r.next()) return std::nullopt;
  auth::ClientView view;
  view.client = read_client(r);
  JsonRows sessions(r.next_text());
  while (sessions.next()) view.sessions.push_back(read_session(sessions));
  JsonRows users(r.next_text());
  while (users.next()) view.users.push_back(read_user_record(users));
  return view;
}

}  // namespace

std::optional<auth::Client> PostgresStore::find_client(const std::string& client_id) {
  static const std::string sql = client_sql("id = ?");
  return load_client(sql, client_id);
}

std::optional<auth::Client> PostgresStore::find_client_by_token_hash(
    const std::string& token_hash) {
  static const std::string sql = client_sql("token_hash = ?");
  return load_client(sql, token_hash);
}

std::optional<auth::Client> PostgresStore::load_client(const std::string& sql,
                                                       const std::string& value) {
  return with_connection([&](Connection& c) -> std::optional<auth::Client> {
    auto r = c.query(sql, params(value));
    if (!r.next()) return std::nullopt;
    return read_client(r);
  });
}

std::optional<auth::ClientView> PostgresStore::find_client_view(const std::string& client_id) {
  static const std::string sql = client_view_sql("id = ?");
  return load_client_view(sql, client_id);
}

std::optional<auth::ClientView> PostgresStore::find_client_view_by_token_hash(
    const std::string& token_hash) {
  static const std::string sql = client_view_sql("token_hash = ?");
  // A transaction reads its own writes, which no cache has.
  if (!cache_ || pinned() != nullptr) return load_client_view(sql, token_hash);
  if (auto cached = cache_->find(token_hash)) return cached;
  const auto ticket = cache_->ticket();
  auto view = load_client_view(sql, token_hash);
  if (view) cache_->put(token_hash, *view, ticket);
  return view;
}

std::optional<auth::ClientSession> PostgresStore::find_client_session_by_token_hash(
    const std::string& token_hash, const std::string& session_id) {
  if (cache_ && cache_->trusted() && pinned() == nullptr) {
    // The whole view costs a little more to read, once; then it serves every refresh.
    auto view = find_client_view_by_token_hash(token_hash);
    if (!view) return std::nullopt;
    auth::ClientSession found{std::move(view->client), std::nullopt};
    for (auto& session : view->sessions)
      if (session.id == session_id) found.session = std::move(session);
    return found;
  }
  // The session comes as zero or one aggregated row.
  static const std::string sql = "SELECT id, " + client_columns() +
                                 ", (SELECT COALESCE(json_agg(json_build_array(id, " +
                                 session_columns() +
                                 ")), '[]') FROM sessions WHERE id = ? AND client_id = clients.id)"
                                 " FROM clients WHERE token_hash = ?";
  return with_connection([&](Connection& c) -> std::optional<auth::ClientSession> {
    auto r = c.query(sql, params(session_id, token_hash));
    if (!r.next()) return std::nullopt;
    auth::ClientSession found{read_client(r), std::nullopt};
    JsonRows session(r.next_text());
    if (session.next()) found.session = read_session(session);
    return found;
  });
}

std::optional<auth::ClientView> PostgresStore::load_client_view(const std::string& sql,
                                                                const std::string& value) {
  return with_connection([&](Connection& c) -> std::optional<auth::ClientView> {
    auto r = c.query(sql, params(value));
    return read_client_view(r);
  });
}

// Inside a transaction the read travels with the COMMIT (after the transaction's writes, in one
// round trip); the caller calls it after its last write, so the view is what the commit leaves.
void PostgresStore::find_client_view_at_commit(const std::string& client_id,
                                               std::optional<auth::ClientView>& view) {
  Connection* connection = pinned();
  if (connection == nullptr) {
    view = find_client_view(client_id);
    return;
  }
  static const std::string sql = client_view_sql("id = ?");
  connection->defer(sql, params(client_id), [&view](Result& r) { view = read_client_view(r); });
}

// Inside a transaction the answer arrives with the transaction's other statements (by the
// commit at the latest) instead of in a round trip of its own.
void PostgresStore::mark_client_trusted(const std::string& client_id, const std::string& user_id,
                                        std::int64_t now, bool& newly_trusted) {
  static const std::string sql =
      "INSERT INTO trusted_clients (client_id, user_id, trusted_at) VALUES (?, ?, ?)"
      " ON CONFLICT (client_id, user_id) DO NOTHING";
  const auto p = params(client_id, user_id, now);
  if (Connection* connection = pinned()) {
    connection->defer(sql, p, [&newly_trusted](Result& r) { newly_trusted = r.affected() == 1; });
    return;
  }
  newly_trusted = changes_one_row(sql, p);
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
  announcing({ClientViewCache::client_key(session.client_id)}, [&] { write(sql, p); });
}

void PostgresStore::update_session(const auth::Session& session) {
  static const std::string sql =
      "UPDATE sessions SET " + assignments(session_columns()) + " WHERE id = ?";
  Params p;
  bind_session(p, session);
  p.bind(session.id);
  announcing({ClientViewCache::client_key(session.client_id)}, [&] { write(sql, p); });
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
