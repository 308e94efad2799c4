#pragma once
#include <string_view>

struct sqlite3;

namespace tessera::store::sqlite {

// Throws for a failed sqlite3 result code: auth::DuplicateError for unique/primary-key
// violations, std::runtime_error with sqlite's message otherwise. The messages name tables
// and columns, never bound values, so they carry no secrets.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc, std::string_view context);

// Throws unless rc is SQLITE_OK.
void check(sqlite3* db, int rc, std::string_view context);

}  // namespace tessera::store::sqlite
