// SqliteStore: clients (browsers/devices), trusted clients and sessions.
#include <algorithm>

#include "store/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace tessera::store::sqlite {

void SqliteStore::create_client(const auth::Client& client) {
  static const std::string sql = "INSERT INTO clients (id, " + client_columns() + ") VALUES (?, " +
                                 placeholders(client_columns()) + ")";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  q->bind(client.id);
  bind_client(*q, client);
  q->run();
}

void SqliteStore::update_client(const auth::Client& client) {
  static const std::string sql =
      "UPDATE clients SET " + assignments(client_columns()) + " WHERE id = ?";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  bind_client(*q, client);
  q->bind(client.id).run();
}

namespace {

const std::string& client_by_id_sql() {
  static const std::string sql = "SELECT id, " + client_columns() + " FROM clients WHERE id = ?";
  return sql;
}

const std::string& client_by_token_hash_sql() {
  static const std::string sql =
      "SELECT id, " + client_columns() + " FROM clients WHERE token_hash = ?";
  return sql;
}

std::optional<auth::Client> find_client_in(Connection& db, const std::string& sql,
                                           const std::string& value) {
  auto q = db.prepare(sql);
  q->bind(value);
  if (!q->step()) return std::nullopt;
  return read_client(*q);
}

}  // namespace

std::optional<auth::Client> SqliteStore::find_client(const std::string& client_id) {
  return find_client_in(*read(), client_by_id_sql(), client_id);
}

std::optional<auth::Client> SqliteStore::find_client_by_token_hash(const std::string& token_hash) {
  return find_client_in(*read(), client_by_token_hash_sql(), token_hash);
}

std::optional<auth::ClientView> SqliteStore::find_client_view(const std::string& client_id) {
  return load_client_view(client_by_id_sql(), client_id);
}

std::optional<auth::ClientView> SqliteStore::find_client_view_by_token_hash(
    const std::string& token_hash) {
  return load_client_view(client_by_token_hash_sql(), token_hash);
}

std::optional<auth::ClientSession> SqliteStore::find_client_session_by_token_hash(
    const std::string& token_hash, const std::string& session_id) {
  static const std::string session_sql =
      "SELECT id, " + session_columns() + " FROM sessions WHERE id = ? AND client_id = ?";
  auto db = read();
  auto client = find_client_in(*db, client_by_token_hash_sql(), token_hash);
  if (!client) return std::nullopt;
  auth::ClientSession found{std::move(*client), std::nullopt};
  auto q = db->prepare(session_sql);
  q->bind(session_id).bind(found.client.id);
  if (q->step()) found.session = read_session(*q);
  return found;
}

std::optional<auth::ClientSignIn> SqliteStore::find_client_sign_in_by_token_hash(
    const std::string& token_hash, const std::string& sign_in_id) {
  auto db = read();
  std::optional<auth::ClientSignIn> found;
  db->read_snapshot([&] {
    auto client = find_client_in(*db, client_by_token_hash_sql(), token_hash);
    if (!client) return;
    found = auth::ClientSignIn{std::move(*client), std::nullopt};
    auto sign_in = load_sign_in_with_user(*db, sign_in_id);
    if (sign_in && sign_in->sign_in.client_id == found->client.id)
      found->sign_in = std::move(sign_in);
  });
  return found;
}

std::optional<auth::ClientView> SqliteStore::load_client_view(const std::string& client_sql,
                                                              const std::string& value) {
  auto db = read();
  std::optional<auth::ClientView> view;
  db->read_snapshot([&] {
    auto client = find_client_in(*db, client_sql, value);
    if (!client) return;
    view.emplace();
    view->client = std::move(*client);
    view->sessions = sessions_where(*db, "client_id", view->client.id);
    for (const auto& s : view->sessions) {
      const bool listed = std::any_of(view->users.begin(), view->users.end(),
                                      [&](const auto& u) { return u.user.id == s.user_id; });
      if (listed) continue;
      if (auto user = load_user_record(*db, s.user_id)) view->users.push_back(std::move(*user));
    }
  });
  return view;
}

void SqliteStore::mark_client_trusted(const std::string& client_id, const std::string& user_id,
                                      std::int64_t now, bool& newly_trusted) {
  Lock lock(mutex_);
  db_.prepare(
         "INSERT INTO trusted_clients (client_id, user_id, trusted_at) VALUES (?, ?, ?)"
         " ON CONFLICT (client_id, user_id) DO NOTHING")
      ->bind(client_id)
      .bind(user_id)
      .bind(now)
      .run();
  newly_trusted = db_.changes() == 1;
}

bool SqliteStore::is_client_trusted(const std::string& client_id, const std::string& user_id) {
  auto db = read();
  auto q = db->prepare("SELECT 1 FROM trusted_clients WHERE client_id = ? AND user_id = ?");
  q->bind(client_id).bind(user_id);
  return q->step();
}

// --- sessions

void SqliteStore::create_session(const auth::Session& session) {
  static const std::string sql = "INSERT INTO sessions (id, " + session_columns() +
                                 ") VALUES (?, " + placeholders(session_columns()) + ")";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  q->bind(session.id);
  bind_session(*q, session);
  q->run();
}

void SqliteStore::update_session(const auth::Session& session) {
  static const std::string sql =
      "UPDATE sessions SET " + assignments(session_columns()) + " WHERE id = ?";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  bind_session(*q, session);
  q->bind(session.id).run();
}

std::optional<auth::Session> SqliteStore::find_session(const std::string& id) {
  static const std::string sql = "SELECT id, " + session_columns() + " FROM sessions WHERE id = ?";
  auto db = read();
  auto q = db->prepare(sql);
  q->bind(id);
  if (!q->step()) return std::nullopt;
  return read_session(*q);
}

std::vector<auth::Session> SqliteStore::sessions_where(Connection& db, const std::string& column,
                                                       const std::string& value) {
  // `column` is one of two literals from this file, never input.
  const std::string sql = "SELECT id, " + session_columns() + " FROM sessions WHERE " + column +
                          " = ? ORDER BY created_at DESC, id DESC";
  auto q = db.prepare(sql);
  q->bind(value);
  std::vector<auth::Session> sessions;
  while (q->step()) sessions.push_back(read_session(*q));
  return sessions;
}

std::vector<auth::Session> SqliteStore::sessions_of_client(const std::string& client_id) {
  return sessions_where(*read(), "client_id", client_id);
}

std::vector<auth::Session> SqliteStore::sessions_of_user(const std::string& user_id) {
  return sessions_where(*read(), "user_id", user_id);
}

}  // namespace tessera::store::sqlite
