#pragma once
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

// The instance configuration: one TOML file, then TESSERA_<SECTION>__<KEY> environment variables,
// then command-line overrides. TOML keys are exactly the field names below inside a table named
// after the section ([server], [auth], ...); those names are a public contract.
namespace tessera::config {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string public_url;                    // issuer of tokens & base of FAPI; default
                                             // "http://localhost:<port>"
  std::vector<std::string> allowed_origins;  // CORS; empty = same-origin only
  std::vector<std::string> trusted_proxies;  // peer IPs whose X-Forwarded-For names the client
  int io_threads = 0;                        // 0 = one per four cores, at least one
  int worker_threads = 0;                    // 0 = number of cores
  std::size_t max_body_bytes = 65536;
  std::string web_root = "web/dist";
  std::string
      publishable_key;  // optional; default derived: pk_live_ + base64("clerk.tessera.test$")
};

struct DatabaseConfig {
  std::string url = "sqlite://data/tessera.db";  // a bare path is taken as a SQLite file
};

struct AuthConfig {
  std::string application_name = "Tessera";
  bool sign_up_enabled = true;
  bool email_address_enabled = true;
  bool password_enabled = true;
  std::string email_verification = "email_code";  // only email_code for now
  std::vector<std::string> second_factors = {"phone_code", "totp", "backup_code"};
  bool client_trust = true;
  bool new_sign_in_notice = true;       // email a user signed in on a client new to them
  bool password_changed_notice = true;  // email a user whose password was changed or reset
  bool require_mfa =
      true;  // when set nowhere: true iff second_factors is non-empty (Clerk's default)
  bool enumeration_protection = false;
  int password_min_length = 8;
  int password_max_length = 72;
  long session_lifetime_seconds = 7 * 24 * 3600;
  int token_lifetime_seconds = 60;
  long sign_in_lifetime_seconds = 3600;
  long code_lifetime_seconds = 600;
  int code_max_attempts = 3;
  int backup_code_count = 10;
  bool single_session_mode = true;
};

struct LimitsConfig {
  bool rate_limits = true;
  int lockout_attempts = 10;
  long lockout_seconds = 3600;
  int resend_cooldown_seconds = 30;
  int create_per_10s = 5;
  int attempts_per_10s = 3;
};

struct EmailConfig {
  std::string delivery = "log";  // log | smtp
  std::string from = "Tessera <no-reply@tessera.test>";
  std::string smtp_url;  // smtp://host:port or smtps://
  std::string smtp_username;
  std::string smtp_password;  // secret: never printed
  bool smtp_starttls = true;
};

struct SmsConfig {
  std::string delivery = "log";  // log | http
  std::string api_url;
  std::string account_sid;
  std::string auth_token;  // secret: never printed
  std::string from;
};

struct SecurityConfig {
  std::string instance_key;  // base64 of 32 bytes; empty = generate a dev key and keep it in the
                             // database. Secret: never printed.
  int signing_key_refresh_seconds = 30;  // how often a node re-reads the signing keys; a new key
                                         // signs only once this old (published by every node)
  // The Backend API's key (Clerk's Secret Key, sk_test_/sk_live_…): what an app's server sends as
  // `Authorization: Bearer` to read users (@clerk/backend, currentUser()). Empty = the Backend API
  // answers 401. Secret: never printed.
  std::string secret_key;
};

struct DevConfig {
  bool test_mode = false;
  bool outbox = false;         // exposes GET /__dev/outbox with delivered codes: development only
  bool clock_control = false;  // POST /__dev/clock moves the server's clock forward: tests only
};

struct Config {
  ServerConfig server;
  DatabaseConfig database;
  AuthConfig auth;
  LimitsConfig limits;
  EmailConfig email;
  SmsConfig sms;
  SecurityConfig security;
  DevConfig dev;
  std::string source_path;  // the TOML file it was loaded from; empty = built-in defaults
};

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Loads `path` (TOML; empty path = built-in defaults), then applies environment variables
// TESSERA_<SECTION>__<KEY> (e.g. TESSERA_AUTH__CLIENT_TRUST=false, TESSERA_SERVER__PORT=9000), then
// the `overrides` ("section.key=value", from --set). Validates everything; throws ConfigError with
// a message naming the setting and file on any unknown section/key, wrong type, or invalid value.
Config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   const std::map<std::string, std::string>& environment);
std::map<std::string, std::string> current_environment();  // from environ, only TESSERA_* vars

}  // namespace tessera::config
