#pragma once
#include <memory>
#include <string>

#include "auth/store.h"

namespace tessera::store {

// Opens the store a database URL names:
//   sqlite://data/tessera.db, sqlite:///var/lib/tessera/tessera.db, or a bare path → SQLite
//     (parent directories are created);
//   sqlite::memory: → an in-memory SQLite database (tests, throwaway dev instances);
//   postgres://… / postgresql://… → PostgreSQL (libpq URL; an extra `pool=N` parameter sets the
//     connection pool size, default 8); std::runtime_error when it cannot connect or migrate.
// Anything else throws std::invalid_argument.
std::unique_ptr<auth::Store> open_store(const std::string& url);

// Whether the URL names a database across a socket (PostgreSQL), whose calls wait on round
// trips, rather than one in this process (SQLite).
bool is_networked_store(const std::string& url);

}  // namespace tessera::store
