// PostgresStore: second factors and the lockout counter. Each check-and-consume is a single
// conditional statement: under READ COMMITTED a concurrent UPDATE of the same row waits for the
// first to commit and then re-checks its WHERE clause against the new row, so of two nodes racing
// on one code or one TOTP step exactly one changes a row.
#include "store/postgres/postgres_store.h"

namespace tessera::store::postgres {

bool PostgresStore::advance_totp_step(const std::string& user_id, std::int64_t step) {
  return changes_one_row("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                         params(step, user_id, step));
}

void PostgresStore::reset_totp_step(const std::string& user_id) {
  retrying([&] {
    with_connection([&](Connection& c) {
      c.query("UPDATE users SET totp_last_step = -1 WHERE id = ?", params(user_id));
    });
  });
}

void PostgresStore::replace_backup_codes(const std::string& user_id,
                                         const std::vector<std::string>& code_hashes) {
  retrying([&] {
    in_transaction([&] {
      with_connection([&](Connection& c) {
        // Two replacements for one user run one after the other, never interleaved.
        c.query("SELECT 1 FROM users WHERE id = ? FOR UPDATE", params(user_id));
        note_change(ClientViewCache::user_key(user_id));  // backup_code_enabled
        c.query("DELETE FROM backup_codes WHERE user_id = ?", params(user_id));
        for (const auto& hash : code_hashes) {
          // A repeated hash would be the same code twice; keep one.
          c.query(
              "INSERT INTO backup_codes (user_id, code_hash) VALUES (?, ?)"
              " ON CONFLICT (user_id, code_hash) DO NOTHING",
              params(user_id, hash));
        }
      });
    });
  });
}

bool PostgresStore::consume_backup_code(const std::string& user_id, const std::string& code_hash,
                                        std::int64_t now) {
  bool consumed = false;
  announcing({ClientViewCache::user_key(user_id)}, [&] {  // backup_code_enabled
    consumed = changes_one_row(
        "UPDATE backup_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS "
        "NULL",
        params(now, user_id, code_hash));
  });
  return consumed;
}

int PostgresStore::count_backup_codes(const std::string& user_id) {
  return with_connection([&](Connection& c) {
    auto r = c.query("SELECT COUNT(*) FROM backup_codes WHERE user_id = ? AND used_at IS NULL",
                     params(user_id));
    r.next();
    return r.next_int();
  });
}

int PostgresStore::record_failed_attempt(const std::string& user_id, std::int64_t now,
                                         int threshold, std::int64_t lock_ms) {
  int failures = 0;
  announcing({ClientViewCache::user_key(user_id)}, [&] {  // `locked`
    failures = with_connection([&](Connection& c) {
      // One statement increments, locks when the new count reaches the threshold, and returns
      // the count; the right-hand sides see the row as it was before this update.
      auto r = c.query(
          "UPDATE users SET failed_attempts = failed_attempts + 1,"
          " locked_until = CASE WHEN failed_attempts + 1 >= ?::integer THEN ?::bigint"
          " ELSE locked_until END"
          " WHERE id = ? RETURNING failed_attempts",
          params(threshold, now + lock_ms, user_id));
      return r.next() ? r.next_int() : 0;  // 0: no such user
    });
  });
  return failures;
}

void PostgresStore::reset_failed_attempts(const std::string& user_id) {
  announcing({ClientViewCache::user_key(user_id)}, [&] {  // `locked`
    with_connection([&](Connection& c) {
      c.query("UPDATE users SET failed_attempts = 0, locked_until = 0 WHERE id = ?",
              params(user_id));
    });
  });
}

}  // namespace tessera::store::postgres
