// PostgresStore: sign-in and sign-up attempts, updated with optimistic concurrency: an update
// only applies to the version the caller read, so of two concurrent requests on one attempt
// (on one node or two) exactly one wins and the other sees `false`.
#include "store/postgres/pg_error.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/sql_text.h"
#include "store/postgres/user_record_query.h"
#include "store/rows.h"

namespace tessera::store::postgres {
namespace {

// The parameters of UPDATE … SET <fields> WHERE id = ? AND version = ?.
template <class Attempt>
Params versioned(const Params& fields, const Attempt& attempt) {
  Params p = fields;
  p.bind(attempt.id).bind(attempt.version);
  return p;
}

// UPDATE … WHERE id = ? AND version = ?; bumps `version` on success.
template <class Attempt>
bool update_versioned(Connection& c, const std::string& sql, const Params& fields,
                      Attempt& attempt) {
  if (c.query(sql, versioned(fields, attempt)).affected() != 1) return false;
  ++attempt.version;
  return true;
}

const std::string& update_sign_in_sql() {
  static const std::string sql = "UPDATE sign_ins SET " + assignments(sign_in_columns()) +
                                 ", version = version + 1 WHERE id = ? AND version = ?";
  return sql;
}

}  // namespace

void PostgresStore::create_sign_in(const auth::SignIn& sign_in) {
  static const std::string sql = "INSERT INTO sign_ins (id, " + sign_in_columns() +
                                 ", version) VALUES (?, " + placeholders(sign_in_columns()) +
                                 ", ?)";
  Params p;
  p.bind(sign_in.id);
  bind_sign_in(p, sign_in);
  p.bind(sign_in.version);
  write(sql, p);
}

bool PostgresStore::update_sign_in(auth::SignIn& sign_in) {
  Params fields;
  bind_sign_in(fields, sign_in);
  return retrying([&] {
    return with_connection(
        [&](Connection& c) { return update_versioned(c, update_sign_in_sql(), fields, sign_in); });
  });
}

// Inside a transaction the version check travels with the transaction's other statements (see
// PostgresStore::record_sign_in); the version is counted up now, as a refusal fails the whole
// transaction.
void PostgresStore::save_sign_in(auth::SignIn& sign_in) {
  Connection* connection = pinned();
  if (connection == nullptr) return Store::save_sign_in(sign_in);
  static const std::string sql = refusing(update_sign_in_sql(), kRefusedAttemptChanged);
  Params fields;
  bind_sign_in(fields, sign_in);
  connection->defer(sql, versioned(fields, sign_in));
  ++sign_in.version;
}

std::optional<auth::SignIn> PostgresStore::find_sign_in(const std::string& id) {
  return with_connection([&](Connection& c) -> std::optional<auth::SignIn> {
    auto r = c.query(sign_in_by_id_sql(), params(id));
    if (!r.next()) return std::nullopt;
    return read_sign_in(r);
  });
}

namespace {

// Joins the user record of the sign-in `s` as `u`: the record's select list runs over `users` in
// a lateral subquery (its unqualified columns are the user's), all NULL when there is no user.
const std::string& join_sign_in_user() {
  static const std::string sql = " LEFT JOIN LATERAL (SELECT " + user_record_select_list() +
                                 " FROM users WHERE users.id = s.user_id) u ON true";
  return sql;
}

// Reads the columns of `s.*, u.*` (the sign-in is there).
auth::SignInWithUser read_sign_in_with_user(Result& r) {
  auth::SignInWithUser found{read_sign_in(r), std::nullopt};
  if (!r.next_is_null()) found.user = read_user_record(r);
  return found;
}

}  // namespace

std::optional<auth::SignInWithUser> PostgresStore::find_sign_in_with_user(const std::string& id) {
  static const std::string sql =
      "SELECT s.*, u.* FROM (" + sign_in_by_id_sql() + ") s" + join_sign_in_user();
  return with_connection([&](Connection& c) -> std::optional<auth::SignInWithUser> {
    auto r = c.query(sql, params(id));
    if (!r.next()) return std::nullopt;
    return read_sign_in_with_user(r);
  });
}

// One statement, as find_sign_in_with_user with the client in front: its sign-in of that id
// (only the client's own) comes from a lateral subquery too, all NULL when absent.
std::optional<auth::ClientSignIn> PostgresStore::find_client_sign_in_by_token_hash(
    const std::string& token_hash, const std::string& sign_in_id) {
  static const std::string sql = "SELECT c.*, s.*, u.* FROM (SELECT id, " + client_columns() +
                                 " FROM clients WHERE token_hash = ?) c LEFT JOIN LATERAL "
                                 "(SELECT * FROM (" +
                                 sign_in_by_id_sql() + ") x WHERE x.client_id = c.id) s ON true" +
                                 join_sign_in_user();
  return with_connection([&](Connection& c) -> std::optional<auth::ClientSignIn> {
    auto r = c.query(sql, params(token_hash, sign_in_id));
    if (!r.next()) return std::nullopt;
    auth::ClientSignIn found{read_client(r), std::nullopt};
    if (!r.next_is_null()) found.sign_in = read_sign_in_with_user(r);
    return found;
  });
}

void PostgresStore::create_sign_up(const auth::SignUp& sign_up) {
  static const std::string sql = "INSERT INTO sign_ups (id, " + sign_up_columns() +
                                 ", version) VALUES (?, " + placeholders(sign_up_columns()) +
                                 ", ?)";
  Params p;
  p.bind(sign_up.id);
  bind_sign_up(p, sign_up);
  p.bind(sign_up.version);
  write(sql, p);
}

bool PostgresStore::update_sign_up(auth::SignUp& sign_up) {
  static const std::string sql = "UPDATE sign_ups SET " + assignments(sign_up_columns()) +
                                 ", version = version + 1 WHERE id = ? AND version = ?";
  Params fields;
  bind_sign_up(fields, sign_up);
  return retrying([&] {
    return with_connection(
        [&](Connection& c) { return update_versioned(c, sql, fields, sign_up); });
  });
}

std::optional<auth::SignUp> PostgresStore::find_sign_up(const std::string& id) {
  static const std::string sql =
      "SELECT id, " + sign_up_columns() + ", version FROM sign_ups WHERE id = ?";
  return with_connection([&](Connection& c) -> std::optional<auth::SignUp> {
    auto r = c.query(sql, params(id));
    if (!r.next()) return std::nullopt;
    return read_sign_up(r);
  });
}

}  // namespace tessera::store::postgres
