#include "store/postgres/migrations.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "store/housekeeping_sql.h"
#include "store/postgres/connection.h"

namespace tessera::store::postgres {
namespace {

// Any constant all Tessera nodes agree on ("tessera\0" as a number).
constexpr const char* kLockKey = "8387236820507844864";

// Verification is embedded as seven columns sharing a prefix (see store/rows.h).
std::string verification_columns(const std::string& prefix) {
  return prefix + "_status TEXT NOT NULL DEFAULT 'unverified',\n" +  //
         prefix + "_strategy TEXT NOT NULL DEFAULT '',\n" +          //
         prefix + "_attempts INTEGER NOT NULL DEFAULT 0,\n" +        //
         prefix + "_expire_at BIGINT NOT NULL DEFAULT 0,\n" +        //
         prefix + "_sent_at BIGINT NOT NULL DEFAULT 0,\n" +          //
         prefix + "_code_hash TEXT NOT NULL DEFAULT '',\n" +         //
         prefix + "_target_id TEXT NOT NULL DEFAULT '',\n";
}

// Version 1: the same tables as SQLite's version 1 (store/sqlite/migrations.cpp). Timestamps are
// BIGINT milliseconds; absent strings are '' rather than NULL, as in the C++ models.
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
  totp_verified BOOLEAN NOT NULL DEFAULT FALSE,
  totp_last_step BIGINT NOT NULL DEFAULT -1,
  totp_created_at BIGINT NOT NULL DEFAULT 0,
  backup_code_salt TEXT NOT NULL DEFAULT '',
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  last_sign_in_at BIGINT NOT NULL DEFAULT 0,
  mfa_enabled_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE email_addresses (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  verified BOOLEAN NOT NULL DEFAULT FALSE,
  verification_strategy TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX email_addresses_user ON email_addresses(user_id);

CREATE TABLE phone_numbers (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  phone TEXT NOT NULL,
  reserved_for_second_factor BOOLEAN NOT NULL DEFAULT FALSE,
  default_second_factor BOOLEAN NOT NULL DEFAULT FALSE,
)sql" + verification_columns("verification") +
         R"sql(  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX phone_numbers_user ON phone_numbers(user_id);

-- One row per code; consuming is a single UPDATE … WHERE used_at IS NULL.
CREATE TABLE backup_codes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  sign_in_id TEXT NOT NULL DEFAULT '',
  sign_up_id TEXT NOT NULL DEFAULT '',
  last_active_session_id TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE trusted_clients (
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  trusted_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (client_id, user_id)
);
CREATE INDEX trusted_clients_user ON trusted_clients(user_id);

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
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0,
  abandon_at BIGINT NOT NULL DEFAULT 0,
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
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0,
  abandon_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0
);

-- tasks: comma-separated task keys (e.g. "setup-mfa"); '' = none.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  tasks TEXT NOT NULL DEFAULT '',
  first_factor_at BIGINT NOT NULL DEFAULT 0,
  second_factor_at BIGINT NOT NULL DEFAULT 0,
  last_active_at BIGINT NOT NULL DEFAULT 0,
  expire_at BIGINT NOT NULL DEFAULT 0,
  abandon_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sessions_client ON sessions(client_id, created_at);
CREATE INDEX sessions_user ON sessions(user_id, created_at);

CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  private_key_sealed TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";
}

// Version 2: as SQLite's version 2.
constexpr const char* kSignInPasswordFailsPolicy =
    "ALTER TABLE sign_ins ADD COLUMN password_fails_policy BOOLEAN NOT NULL DEFAULT FALSE";

// Version 4: lets a conditional write inside a transaction fail on the server, so it can travel
// with the transaction's other statements instead of waiting for its answer (refusing() in
// store/postgres/sql_text.h). VOLATILE (the default) keeps the planner from calling it ahead of its
// condition.
constexpr const char* kRefuseFunction = R"sql(
CREATE FUNCTION tessera_refuse(code TEXT) RETURNS INTEGER LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tessera: conditional write refused' USING ERRCODE = code;
END
$$
)sql";

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void apply_missing(Connection& connection) {
  // Created under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide.
  connection.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
  const auto& steps = migrations();
  auto newest = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  newest.next();
  // A database written by a newer build may hold data this one would mishandle.
  if (newest.next_int64() > static_cast<std::int64_t>(steps.size()))
    throw std::runtime_error("postgres: the database schema is newer than this build of tessera");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto version = static_cast<int>(i + 1);
    if (connection.query("SELECT 1 FROM schema_migrations WHERE version = ?", params(version))
            .next())
      continue;
    connection.exec("BEGIN");
    try {
      connection.exec(steps[i]);
      connection.query("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                       params(version, now_ms()));
      connection.exec("COMMIT");
    } catch (...) {
      connection.rollback_quietly();
      throw;
    }
  }
}

}  // namespace

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> steps = {initial_schema(), kSignInPasswordFailsPolicy,
                                                 housekeeping_indexes_sql(), kRefuseFunction};
  return steps;
}

void migrate(Connection& connection) {
  connection.exec(std::string("SELECT pg_advisory_lock(") + kLockKey + ")");
  try {
    apply_missing(connection);
  } catch (...) {
    try {
      connection.exec(std::string("SELECT pg_advisory_unlock(") + kLockKey + ")");
    } catch (...) {  // the lock dies with the session if the connection is gone
    }
    throw;
  }
  connection.exec(std::string("SELECT pg_advisory_unlock(") + kLockKey + ")");
}

}  // namespace tessera::store::postgres
