// PostgresStore: users, their email addresses and phone numbers.
#include "store/postgres/pg_error.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/sql_text.h"
#include "store/postgres/user_record_query.h"
#include "store/rows.h"

namespace tessera::store::postgres {
void PostgresStore::create_user(const auth::User& user, const auth::EmailAddress& email) {
  static const std::string insert_user = "INSERT INTO users (id, " + user_profile_columns() + ", " +
                                         user_counter_columns() + ") VALUES (?, " +
                                         placeholders(user_profile_columns()) + ", " +
                                         placeholders(user_counter_columns()) + ")";
  static const std::string insert_email = "INSERT INTO email_addresses (id, " + email_columns() +
                                          ") VALUES (?, " + placeholders(email_columns()) + ")";
  // One unit: a taken email (DuplicateError) must not leave the user row behind.
  in_transaction([&] {
    Params u;
    u.bind(user.id);
    bind_user_profile(u, user);
    bind_user_counters(u, user);
    Params e;
    e.bind(email.id);
    bind_email(e, email);
    with_connection([&](Connection& c) {
      c.query(insert_user, u);
      c.query(insert_email, e);
    });
  });
}

void PostgresStore::update_user(const auth::User& user) {
  static const std::string sql =
      "UPDATE users SET " + assignments(user_profile_columns()) + " WHERE id = ?";
  Params p;
  bind_user_profile(p, user);
  p.bind(user.id);
  announcing({ClientViewCache::user_key(user.id)}, [&] { write(sql, p); });
}

void PostgresStore::record_sign_in(const std::string& user_id, std::int64_t now,
                                   std::optional<std::int64_t> totp_step) {
  // With a step the server refuses the write when the step was used, which fails the
  // transaction (or the announced write) it travels in: no round trip of its own.
  static const std::string claiming = refusing(
      "UPDATE users SET last_sign_in_at = ?, updated_at = ?, totp_last_step = ? "
      "WHERE id = ? AND totp_last_step < ?",
      kRefusedTotpStep);
  announcing({ClientViewCache::user_key(user_id)}, [&] {
    if (totp_step)
      write(claiming, params(now, now, *totp_step, user_id, *totp_step));
    else
      write("UPDATE users SET last_sign_in_at = ?, updated_at = ? WHERE id = ?",
            params(now, now, user_id));
  });
}

std::optional<auth::User> PostgresStore::find_user(const std::string& user_id) {
  static const std::string sql = "SELECT id, " + user_profile_columns() + ", " +
                                 user_counter_columns() + " FROM users WHERE id = ?";
  return with_connection([&](Connection& c) -> std::optional<auth::User> {
    auto r = c.query(sql, params(user_id));
    if (!r.next()) return std::nullopt;
    return read_user(r);
  });
}

namespace {

std::string user_record_sql(const std::string& where) {
  return "SELECT " + user_record_select_list() + " FROM users WHERE " + where;
}

}  // namespace

std::optional<auth::UserRecord> PostgresStore::load_user_record(const std::string& sql,
                                                                const std::string& value) {
  return with_connection([&](Connection& c) -> std::optional<auth::UserRecord> {
    auto r = c.query(sql, params(value));
    if (!r.next()) return std::nullopt;
    return read_user_record(r);
  });
}

std::optional<auth::UserRecord> PostgresStore::find_user_record(const std::string& user_id) {
  static const std::string sql = user_record_sql("id = ?");
  return load_user_record(sql, user_id);
}

std::optional<auth::UserRecord> PostgresStore::find_user_by_email(const std::string& email) {
  static const std::string sql =
      user_record_sql("id = (SELECT user_id FROM email_addresses WHERE email = ? AND verified)");
  return load_user_record(sql, email);
}

std::int64_t PostgresStore::count_users() {
  return with_connection([](Connection& c) {
    auto r = c.query("SELECT COUNT(*) FROM users");
    r.next();
    return r.next_int64();
  });
}

// --- phone numbers

void PostgresStore::add_phone_number(const auth::PhoneNumber& phone) {
  static const std::string sql = "INSERT INTO phone_numbers (id, " + phone_columns() +
                                 ") VALUES (?, " + placeholders(phone_columns()) + ")";
  Params p;
  p.bind(phone.id);
  bind_phone(p, phone);
  announcing({ClientViewCache::user_key(phone.user_id)}, [&] { write(sql, p); });
}

void PostgresStore::update_phone_number(const auth::PhoneNumber& phone) {
  static const std::string sql =
      "UPDATE phone_numbers SET " + assignments(phone_columns()) + " WHERE id = ?";
  Params p;
  bind_phone(p, phone);
  p.bind(phone.id);
  announcing({ClientViewCache::user_key(phone.user_id)}, [&] { write(sql, p); });
}

void PostgresStore::delete_phone_number(const std::string& phone_id) {
  retrying([&] {
    in_transaction([&] {
      with_connection([&](Connection& c) {
        auto r =
            c.query("DELETE FROM phone_numbers WHERE id = ? RETURNING user_id", params(phone_id));
        if (r.next()) note_change(ClientViewCache::user_key(r.next_text()));
      });
    });
  });
}

}  // namespace tessera::store::postgres
