// SqliteStore: users, their email addresses and phone numbers.
#include "store/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace tessera::store::sqlite {

void SqliteStore::create_user(const auth::User& user, const auth::EmailAddress& email) {
  static const std::string insert_user = "INSERT INTO users (id, " + user_profile_columns() + ", " +
                                         user_counter_columns() + ") VALUES (?, " +
                                         placeholders(user_profile_columns()) + ", " +
                                         placeholders(user_counter_columns()) + ")";
  static const std::string insert_email = "INSERT INTO email_addresses (id, " + email_columns() +
                                          ") VALUES (?, " + placeholders(email_columns()) + ")";
  Lock lock(mutex_);
  // One unit: a taken email (DuplicateError) must not leave the user row behind.
  db_.transaction([&] {
    auto u = db_.prepare(insert_user);
    u->bind(user.id);
    bind_user_profile(*u, user);
    bind_user_counters(*u, user);
    u->run();
    auto e = db_.prepare(insert_email);
    e->bind(email.id);
    bind_email(*e, email);
    e->run();
  });
}

void SqliteStore::update_user(const auth::User& user) {
  static const std::string sql =
      "UPDATE users SET " + assignments(user_profile_columns()) + " WHERE id = ?";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  bind_user_profile(*q, user);
  q->bind(user.id).run();
}

void SqliteStore::record_sign_in(const std::string& user_id, std::int64_t now,
                                 std::optional<std::int64_t> totp_step) {
  Lock lock(mutex_);
  if (!totp_step) {
    db_.prepare("UPDATE users SET last_sign_in_at = ?, updated_at = ? WHERE id = ?")
        ->bind(now)
        .bind(now)
        .bind(user_id)
        .run();
    return;
  }
  db_.prepare(
         "UPDATE users SET last_sign_in_at = ?, updated_at = ?, totp_last_step = ? "
         "WHERE id = ? AND totp_last_step < ?")
      ->bind(now)
      .bind(now)
      .bind(*totp_step)
      .bind(user_id)
      .bind(*totp_step)
      .run();
  if (db_.changes() != 1)
    throw auth::WriteRefused(auth::WriteRefused::Reason::kTotpStepUsed, "TOTP step already used");
}

namespace {

std::optional<auth::User> find_user_in(Connection& db, const std::string& user_id) {
  static const std::string sql = "SELECT id, " + user_profile_columns() + ", " +
                                 user_counter_columns() + " FROM users WHERE id = ?";
  auto q = db.prepare(sql);
  q->bind(user_id);
  if (!q->step()) return std::nullopt;
  return read_user(*q);
}

}  // namespace

std::optional<auth::User> SqliteStore::find_user(const std::string& user_id) {
  auto db = read();
  return find_user_in(*db, user_id);
}

std::optional<auth::UserRecord> SqliteStore::load_user_record(Connection& db,
                                                              const std::string& user_id) {
  static const std::string emails = "SELECT id, " + email_columns() +
                                    " FROM email_addresses WHERE user_id = ?"
                                    " ORDER BY created_at, id";
  static const std::string phones = "SELECT id, " + phone_columns() +
                                    " FROM phone_numbers WHERE user_id = ?"
                                    " ORDER BY created_at, id";
  auto user = find_user_in(db, user_id);
  if (!user) return std::nullopt;
  auth::UserRecord record;
  record.user = std::move(*user);
  {
    auto q = db.prepare(emails);
    q->bind(user_id);
    while (q->step()) record.email_addresses.push_back(read_email(*q));
  }
  {
    auto q = db.prepare(phones);
    q->bind(user_id);
    while (q->step()) record.phone_numbers.push_back(read_phone(*q));
  }
  record.backup_codes_remaining = count_unused_backup_codes(db, user_id);
  return record;
}

std::optional<auth::UserRecord> SqliteStore::find_user_record(const std::string& user_id) {
  auto db = read();
  std::optional<auth::UserRecord> record;
  // One snapshot, so the parts agree even while another thread or process writes.
  db->read_snapshot([&] { record = load_user_record(*db, user_id); });
  return record;
}

std::optional<auth::UserRecord> SqliteStore::find_user_by_email(const std::string& email) {
  auto db = read();
  std::optional<auth::UserRecord> record;
  db->read_snapshot([&] {
    auto q = db->prepare("SELECT user_id FROM email_addresses WHERE email = ? AND verified = 1");
    q->bind(email);
    if (q->step()) record = load_user_record(*db, q->next_text());
  });
  return record;
}

std::int64_t SqliteStore::count_users() {
  auto db = read();
  auto q = db->prepare("SELECT COUNT(*) FROM users");
  q->step();
  return q->next_int64();
}

// --- phone numbers

void SqliteStore::add_phone_number(const auth::PhoneNumber& phone) {
  static const std::string sql = "INSERT INTO phone_numbers (id, " + phone_columns() +
                                 ") VALUES (?, " + placeholders(phone_columns()) + ")";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  q->bind(phone.id);
  bind_phone(*q, phone);
  q->run();
}

void SqliteStore::update_phone_number(const auth::PhoneNumber& phone) {
  static const std::string sql =
      "UPDATE phone_numbers SET " + assignments(phone_columns()) + " WHERE id = ?";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  bind_phone(*q, phone);
  q->bind(phone.id).run();
}

void SqliteStore::delete_phone_number(const std::string& phone_id) {
  Lock lock(mutex_);
  db_.prepare("DELETE FROM phone_numbers WHERE id = ?")->bind(phone_id).run();
}

}  // namespace tessera::store::sqlite
