// SqliteStore: second factors and the lockout counter. Each check-and-consume is a single
// conditional UPDATE, so it is atomic across threads and across processes sharing the file.
#include "store/sqlite/sqlite_store.h"

namespace tessera::store::sqlite {

bool SqliteStore::advance_totp_step(const std::string& user_id, std::int64_t step) {
  Lock lock(mutex_);
  db_.prepare("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
      ->bind(step)
      .bind(user_id)
      .bind(step)
      .run();
  return db_.changes() == 1;
}

void SqliteStore::reset_totp_step(const std::string& user_id) {
  Lock lock(mutex_);
  db_.prepare("UPDATE users SET totp_last_step = -1 WHERE id = ?")->bind(user_id).run();
}

void SqliteStore::replace_backup_codes(const std::string& user_id,
                                       const std::vector<std::string>& code_hashes) {
  Lock lock(mutex_);
  db_.transaction([&] {
    db_.prepare("DELETE FROM backup_codes WHERE user_id = ?")->bind(user_id).run();
    for (const auto& hash : code_hashes) {
      // OR IGNORE: a repeated hash would be the same code twice; keep one.
      db_.prepare("INSERT OR IGNORE INTO backup_codes (user_id, code_hash) VALUES (?, ?)")
          ->bind(user_id)
          .bind(hash)
          .run();
    }
  });
}

bool SqliteStore::consume_backup_code(const std::string& user_id, const std::string& code_hash,
                                      std::int64_t now) {
  Lock lock(mutex_);
  db_.prepare(
         "UPDATE backup_codes SET used_at = ?"
         " WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
      ->bind(now)
      .bind(user_id)
      .bind(code_hash)
      .run();
  return db_.changes() == 1;
}

int SqliteStore::count_unused_backup_codes(Connection& db, const std::string& user_id) {
  auto q = db.prepare("SELECT COUNT(*) FROM backup_codes WHERE user_id = ? AND used_at IS NULL");
  q->bind(user_id).step();
  return q->next_int();
}

int SqliteStore::count_backup_codes(const std::string& user_id) {
  auto db = read();
  return count_unused_backup_codes(*db, user_id);
}

int SqliteStore::record_failed_attempt(const std::string& user_id, std::int64_t now, int threshold,
                                       std::int64_t lock_ms) {
  Lock lock(mutex_);
  // One statement increments, locks when the new count reaches the threshold, and returns the
  // count; the right-hand sides see the row as it was before this update.
  auto q = db_.prepare(
      "UPDATE users SET failed_attempts = failed_attempts + 1,"
      " locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END"
      " WHERE id = ? RETURNING failed_attempts");
  q->bind(threshold).bind(now + lock_ms).bind(user_id);
  if (!q->step()) return 0;  // no such user
  const int failures = q->next_int();
  q->run();  // finish the statement so the change is complete before the lease resets it
  return failures;
}

void SqliteStore::reset_failed_attempts(const std::string& user_id) {
  Lock lock(mutex_);
  db_.prepare("UPDATE users SET failed_attempts = 0, locked_until = 0 WHERE id = ?")
      ->bind(user_id)
      .run();
}

}  // namespace tessera::store::sqlite
