#include "store/sqlite/migrations.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "store/housekeeping_sql.h"
#include "store/sqlite/connection.h"

namespace tessera::store::sqlite {
namespace {

// Verification is embedded as seven columns sharing a prefix (see rows.cpp).
std::string verification_columns(const std::string& prefix) {
  return prefix + "_status TEXT NOT NULL DEFAULT 'unverified',\n" +  //
         prefix + "_strategy TEXT NOT NULL DEFAULT '',\n" +          //
         prefix + "_attempts INTEGER NOT NULL DEFAULT 0,\n" +        //
         prefix + "_expire_at INTEGER NOT NULL DEFAULT 0,\n" +       //
         prefix + "_sent_at INTEGER NOT NULL DEFAULT 0,\n" +         //
         prefix + "_code_hash TEXT NOT NULL DEFAULT '',\n" +         //
         prefix + "_target_id TEXT NOT NULL DEFAULT '',\n";
}

// Version 1: the first cut of the data model (docs: architecture.md, "State"). All timestamps
// are int64 milliseconds; absent strings are '' rather than NULL, as in the C++ models.
std::string initial_schema() {
  return R"sql(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL DEFAULT '',
  primary_email_address_id TEXT NOT NULL DEFAULT '',
  primary_phone_number_id TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  username TEXT NOT NULL DEFAULT '',
  totp_secret_sealed TEXT NOT NULL DEFAULT '',
  totp_verified INTEGER NOT NULL DEFAULT 0,
  totp_last_step INTEGER NOT NULL DEFAULT -1,
  totp_created_at INTEGER NOT NULL DEFAULT 0,
  backup_code_salt TEXT NOT NULL DEFAULT '',
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  last_sign_in_at INTEGER NOT NULL DEFAULT 0,
  mfa_enabled_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0
);

-- Only verified addresses are stored (a sign-up verifies before it creates the user), so the
-- normalised address is simply unique.
CREATE TABLE email_addresses (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  verified INTEGER NOT NULL DEFAULT 0,
  verification_strategy TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX email_addresses_user ON email_addresses(user_id);

CREATE TABLE phone_numbers (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  phone TEXT NOT NULL,
  reserved_for_second_factor INTEGER NOT NULL DEFAULT 0,
  default_second_factor INTEGER NOT NULL DEFAULT 0,
)sql" + verification_columns("verification") +
         R"sql(  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX phone_numbers_user ON phone_numbers(user_id);

-- One row per code; consuming is a single UPDATE … WHERE used_at IS NULL.
CREATE TABLE backup_codes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  sign_in_id TEXT NOT NULL DEFAULT '',
  sign_up_id TEXT NOT NULL DEFAULT '',
  last_active_session_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE trusted_clients (
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  trusted_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (client_id, user_id)
);

CREATE TABLE sign_ins (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  identifier TEXT NOT NULL DEFAULT '',
  user_id TEXT NOT NULL DEFAULT '',
)sql" + verification_columns("first_factor") +
         verification_columns("second_factor") +
         R"sql(  created_session_id TEXT NOT NULL DEFAULT '',
  client_trust_state TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  abandon_at INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sign_ups (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  email_address TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  locale TEXT NOT NULL DEFAULT '',
)sql" + verification_columns("email_verification") +
         R"sql(  created_user_id TEXT NOT NULL DEFAULT '',
  created_session_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  abandon_at INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0
);

-- tasks: comma-separated task keys (e.g. "setup-mfa"); '' = none.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  tasks TEXT NOT NULL DEFAULT '',
  first_factor_at INTEGER NOT NULL DEFAULT 0,
  second_factor_at INTEGER NOT NULL DEFAULT 0,
  last_active_at INTEGER NOT NULL DEFAULT 0,
  expire_at INTEGER NOT NULL DEFAULT 0,
  abandon_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_client ON sessions(client_id, created_at);
CREATE INDEX sessions_user ON sessions(user_id, created_at);

CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  private_key_sealed TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Version 2: a sign-in remembers whether its password fails the current policy (the session it
// creates gets the reset-password task).
constexpr const char* kSignInPasswordFailsPolicy =
    "ALTER TABLE sign_ins ADD COLUMN password_fails_policy INTEGER NOT NULL DEFAULT 0";

}  // namespace

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> steps = {initial_schema(), kSignInPasswordFailsPolicy,
                                                 housekeeping_indexes_sql()};
  return steps;
}

void migrate(Connection& connection) {
  connection.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const auto& steps = migrations();
  {
    // A database written by a newer build may hold data this one would mishandle.
    auto newest = connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    newest->step();
    if (newest->next_int64() > static_cast<std::int64_t>(steps.size()))
      throw std::runtime_error("sqlite: the database schema is newer than this build of tessera");
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto version = static_cast<std::int64_t>(i + 1);
    connection.transaction([&] {
      // Checked inside the transaction: another process may be migrating the same file.
      auto applied = connection.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
      applied->bind(version);
      if (applied->step()) return;
      connection.exec(steps[i]);
      connection.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")
          ->bind(version)
          .bind(now_ms())
          .run();
    });
  }
}

}  // namespace tessera::store::sqlite
