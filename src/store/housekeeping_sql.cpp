#include "store/housekeeping_sql.h"

namespace tessera::store {

const char* housekeeping_indexes_sql() {
  return "CREATE INDEX sign_ins_abandon ON sign_ins(abandon_at);\n"
         "CREATE INDEX sign_ups_abandon ON sign_ups(abandon_at);\n"
         "CREATE INDEX sessions_expire ON sessions(expire_at);\n"
         "CREATE INDEX clients_created ON clients(created_at);\n";
}

const std::string& purge_sql(auth::Expired kind) {
  auto statement = [](const std::string& table, const std::string& column) {
    return "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + column +
           " < ? ORDER BY " + column + " LIMIT ?)";
  };
  static const std::string sign_ins = statement("sign_ins", "abandon_at");
  static const std::string sign_ups = statement("sign_ups", "abandon_at");
  static const std::string sessions = statement("sessions", "expire_at");
  static const std::string clients = statement("clients", "created_at");
  switch (kind) {
    case auth::Expired::kSignIns:
      return sign_ins;
    case auth::Expired::kSignUps:
      return sign_ups;
    case auth::Expired::kSessions:
      return sessions;
    case auth::Expired::kClients:
      break;
  }
  return clients;
}

}  // namespace tessera::store
