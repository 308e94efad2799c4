// SqliteStore: the RSA keys that sign session tokens.
#include "store/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace tessera::store::sqlite {

void SqliteStore::add_signing_key(const auth::SigningKey& key) {
  static const std::string sql = "INSERT INTO signing_keys (kid, " + signing_key_columns() +
                                 ") VALUES (?, " + placeholders(signing_key_columns()) + ")";
  Lock lock(mutex_);
  auto q = db_.prepare(sql);
  q->bind(key.kid);
  bind_signing_key(*q, key);
  q->run();
}

std::vector<auth::SigningKey> SqliteStore::signing_keys() {
  static const std::string sql = "SELECT kid, " + signing_key_columns() +
                                 " FROM signing_keys ORDER BY created_at DESC, kid DESC";
  auto db = read();
  auto q = db->prepare(sql);
  std::vector<auth::SigningKey> keys;
  while (q->step()) keys.push_back(read_signing_key(*q));
  return keys;
}

void SqliteStore::retire_signing_keys_except(const std::string& kid) {
  Lock lock(mutex_);
  db_.prepare("UPDATE signing_keys SET active = 0 WHERE kid <> ?")->bind(kid).run();
}

}  // namespace tessera::store::sqlite
