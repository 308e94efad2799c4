#include "store/sqlite/sqlite_error.h"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "auth/store.h"

namespace tessera::store::sqlite {

void throw_sqlite_error(sqlite3* db, int rc, std::string_view context) {
  std::string message = "sqlite: " + std::string(context) + ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    throw auth::DuplicateError(message);
  throw std::runtime_error(message);
}

void check(sqlite3* db, int rc, std::string_view context) {
  if (rc != SQLITE_OK) throw_sqlite_error(db, rc, context);
}

}  // namespace tessera::store::sqlite
