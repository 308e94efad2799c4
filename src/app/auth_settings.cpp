#include "app/auth_settings.h"

namespace tessera::app {

auth::AuthSettings auth_settings_from(const config::Config& config, std::string code_pepper) {
  const auto& a = config.auth;
  const auto& l = config.limits;
  auth::AuthSettings s;
  s.application_name = a.application_name;
  s.sign_up_enabled = a.sign_up_enabled;
  s.password_enabled = a.password_enabled;
  s.second_factors = a.second_factors;
  s.client_trust = a.client_trust;
  s.new_sign_in_notice = a.new_sign_in_notice;
  s.password_changed_notice = a.password_changed_notice;
  s.require_mfa = a.require_mfa;
  s.single_session_mode = a.single_session_mode;
  s.enumeration_protection = a.enumeration_protection;
  s.test_mode = config.dev.test_mode;
  s.password_min_length = static_cast<std::size_t>(a.password_min_length);
  s.password_max_length = static_cast<std::size_t>(a.password_max_length);
  s.session_lifetime_ms = a.session_lifetime_seconds * 1000LL;
  s.sign_in_lifetime_ms = a.sign_in_lifetime_seconds * 1000LL;
  s.code_lifetime_ms = a.code_lifetime_seconds * 1000LL;
  s.code_max_attempts = a.code_max_attempts;
  s.lockout_attempts = l.lockout_attempts;
  s.lockout_ms = l.lockout_seconds * 1000LL;
  s.resend_cooldown_ms = l.resend_cooldown_seconds * 1000LL;
  s.backup_code_count = a.backup_code_count;
  s.code_pepper = std::move(code_pepper);
  return s;
}

}  // namespace tessera::app
