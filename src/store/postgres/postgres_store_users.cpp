// PostgresStore: users, their email addresses and phone numbers.
#include "store/postgres/postgres_store.h"
#include "store/rows.h"

namespace tessera::store::postgres {
namespace {

// The parts of a user record are read in one snapshot, even while other nodes write. Such a
// read-only transaction never fails to serialise.
constexpr const char* kSnapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

}  // namespace

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
  with_connection([&](Connection& c) { c.query(sql, p); });
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

std::optional<auth::UserRecord> PostgresStore::load_user_record(const std::string& user_id) {
  static const std::string emails = "SELECT id, " + email_columns() +
                                    " FROM email_addresses WHERE user_id = ?"
                                    " ORDER BY created_at, id COLLATE \"C\"";
  static const std::string phones = "SELECT id, " + phone_columns() +
                                    " FROM phone_numbers WHERE user_id = ?"
                                    " ORDER BY created_at, id COLLATE \"C\"";
  auto user = find_user(user_id);
  if (!user) return std::nullopt;
  auth::UserRecord record;
  record.user = std::move(*user);
  with_connection([&](Connection& c) {
    auto e = c.query(emails, params(user_id));
    while (e.next()) record.email_addresses.push_back(read_email(e));
    auto p = c.query(phones, params(user_id));
    while (p.next()) record.phone_numbers.push_back(read_phone(p));
  });
  record.backup_codes_remaining = count_backup_codes(user_id);
  return record;
}

std::optional<auth::UserRecord> PostgresStore::find_user_record(const std::string& user_id) {
  std::optional<auth::UserRecord> record;
  in_transaction([&] { record = load_user_record(user_id); }, kSnapshot);
  return record;
}

std::optional<auth::UserRecord> PostgresStore::find_user_by_email(const std::string& email) {
  std::optional<auth::UserRecord> record;
  in_transaction(
      [&] {
        auto user_id = with_connection([&](Connection& c) -> std::optional<std::string> {
          auto r = c.query("SELECT user_id FROM email_addresses WHERE email = ? AND verified",
                           params(email));
          if (!r.next()) return std::nullopt;
          return r.next_text();
        });
        if (user_id) record = load_user_record(*user_id);
      },
      kSnapshot);
  return record;
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
  with_connection([&](Connection& c) { c.query(sql, p); });
}

void PostgresStore::update_phone_number(const auth::PhoneNumber& phone) {
  static const std::string sql =
      "UPDATE phone_numbers SET " + assignments(phone_columns()) + " WHERE id = ?";
  Params p;
  bind_phone(p, phone);
  p.bind(phone.id);
  with_connection([&](Connection& c) { c.query(sql, p); });
}

void PostgresStore::delete_phone_number(const std::string& phone_id) {
  with_connection(
      [&](Connection& c) { c.query("DELETE FROM phone_numbers WHERE id = ?", params(phone_id)); });
}

}  // namespace tessera::store::postgres
