#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tessera::auth {

// The instance's rules as the domain sees them (built from config::Config by the app layer).
struct AuthSettings {
  std::string application_name = "Tessera";
  bool sign_up_enabled = true;
  bool password_enabled = true;
  std::vector<std::string> second_factors = {"phone_code", "totp", "backup_code"};
  bool client_trust = true;
  bool new_sign_in_notice = true;       // email the user after a sign-in on a client new to them
  bool password_changed_notice = true;  // email the user when their password is changed
  bool require_mfa = false;
  bool single_session_mode = true;
  bool enumeration_protection = false;
  bool test_mode = false;  // +clerk_test emails and +1 XXX 555 01xx phones accept 424242
  std::size_t password_min_length = 8;
  std::size_t password_max_length = 72;
  std::int64_t session_lifetime_ms = 7LL * 24 * 3600 * 1000;
  std::int64_t sign_in_lifetime_ms = 3600LL * 1000;
  std::int64_t code_lifetime_ms = 600LL * 1000;
  int code_max_attempts = 3;
  int lockout_attempts = 10;
  std::int64_t lockout_ms = 3600LL * 1000;
  std::int64_t resend_cooldown_ms = 30LL * 1000;
  int backup_code_count = 10;
  std::string code_pepper;  // secret key for hashing one-time codes at rest

  bool second_factor_enabled(const std::string& strategy) const {
    for (const auto& s : second_factors)
      if (s == strategy) return true;
    return false;
  }
};

}  // namespace tessera::auth
