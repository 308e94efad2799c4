// PostgresStore: the RSA keys that sign session tokens.
#include "store/postgres/postgres_store.h"
#include "store/rows.h"

namespace tessera::store::postgres {

void PostgresStore::add_signing_key(const auth::SigningKey& key) {
  static const std::string sql = "INSERT INTO signing_keys (kid, " + signing_key_columns() +
                                 ") VALUES (?, " + placeholders(signing_key_columns()) + ")";
  Params p;
  p.bind(key.kid);
  bind_signing_key(p, key);
  write(sql, p);
}

std::vector<auth::SigningKey> PostgresStore::signing_keys() {
  static const std::string sql =
      "SELECT kid, " + signing_key_columns() +
      " FROM signing_keys ORDER BY created_at DESC, kid COLLATE \"C\" DESC";
  return with_connection([&](Connection& c) {
    auto r = c.query(sql);
    std::vector<auth::SigningKey> keys;
    while (r.next()) keys.push_back(read_signing_key(r));
    return keys;
  });
}

void PostgresStore::retire_signing_keys_except(const std::string& kid) {
  with_connection([&](Connection& c) {
    c.query("UPDATE signing_keys SET active = FALSE WHERE kid <> ?", params(kid));
  });
}

}  // namespace tessera::store::postgres
