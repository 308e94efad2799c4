// SqliteStore: sign-in and sign-up attempts, updated with optimistic concurrency: an update
// only applies to the version the caller read, so of two concurrent requests on one attempt
// exactly one wins and the other sees `false` and retries or fails.
#include "store/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace tessera::store::sqlite {

void SqliteStore::create_sign_in(const auth::SignIn& sign_in) {
  static const std::string sql = "INSERT INTO sign_ins (id, " + sign_in_columns() +
                                 ", version) VALUES (?, " + placeholders(sign_in_columns()) +
                                 ", ?)";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  q->bind(sign_in.id);
  bind_sign_in(*q, sign_in);
  q->bind(sign_in.version).run();
}

bool SqliteStore::update_sign_in(auth::SignIn& sign_in) {
  static const std::string sql = "UPDATE sign_ins SET " + assignments(sign_in_columns()) +
                                 ", version = version + 1 WHERE id = ? AND version = ?";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  bind_sign_in(*q, sign_in);
  q->bind(sign_in.id).bind(sign_in.version).run();
  if (db_.changes() != 1) return false;
  ++sign_in.version;
  return true;
}

std::optional<auth::SignIn> SqliteStore::load_sign_in(Connection& db, const std::string& id) {
  auto q = db.prepare(sign_in_by_id_sql());
  q->bind(id);
  if (!q->step()) return std::nullopt;
  return read_sign_in(*q);
}

std::optional<auth::SignIn> SqliteStore::find_sign_in(const std::string& id) {
  return load_sign_in(*read(), id);
}

std::optional<auth::SignInWithUser> SqliteStore::load_sign_in_with_user(Connection& db,
                                                                        const std::string& id) {
  auto sign_in = load_sign_in(db, id);
  if (!sign_in) return std::nullopt;
  auth::SignInWithUser found{std::move(*sign_in), std::nullopt};
  if (!found.sign_in.user_id.empty()) found.user = load_user_record(db, found.sign_in.user_id);
  return found;
}

std::optional<auth::SignInWithUser> SqliteStore::find_sign_in_with_user(const std::string& id) {
  auto db = read();
  std::optional<auth::SignInWithUser> found;
  db->read_snapshot([&] { found = load_sign_in_with_user(*db, id); });
  return found;
}

void SqliteStore::create_sign_up(const auth::SignUp& sign_up) {
  static const std::string sql = "INSERT INTO sign_ups (id, " + sign_up_columns() +
                                 ", version) VALUES (?, " + placeholders(sign_up_columns()) +
                                 ", ?)";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  q->bind(sign_up.id);
  bind_sign_up(*q, sign_up);
  q->bind(sign_up.version).run();
}

bool SqliteStore::update_sign_up(auth::SignUp& sign_up) {
  static const std::string sql = "UPDATE sign_ups SET " + assignments(sign_up_columns()) +
                                 ", version = version + 1 WHERE id = ? AND version = ?";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  bind_sign_up(*q, sign_up);
  q->bind(sign_up.id).bind(sign_up.version).run();
  if (db_.changes() != 1) return false;
  ++sign_up.version;
  return true;
}

std::optional<auth::SignUp> SqliteStore::find_sign_up(const std::string& id) {
  static const std::string sql =
      "SELECT id, " + sign_up_columns() + ", version FROM sign_ups WHERE id = ?";
  auto db = read();
  auto q = db->prepare(sql);
  q->bind(id);
  if (!q->step()) return std::nullopt;
  return read_sign_up(*q);
}

}  // namespace tessera::store::sqlite
