#include "config/settings.h"

#include <algorithm>
#include <array>

namespace tessera::config::detail {
namespace {

template <auto Section, auto Member>
FieldRef bind(Config& config) {
  return &((config.*Section).*Member);
}

// Stringifying the member names guarantees the TOML key is the struct field name.
#define TESSERA_SETTING(section, key, secret) \
  Setting { #section, #key, &bind < &Config::section, &decltype(Config::section)::key>, secret }
#define SETTING(section, key) TESSERA_SETTING(section, key, false)
#define SECRET(section, key) TESSERA_SETTING(section, key, true)

const auto kSettings = std::to_array<Setting>({
    SETTING(server, host),
    SETTING(server, port),
    SETTING(server, public_url),
    SETTING(server, allowed_origins),
    SETTING(server, trusted_proxies),
    SETTING(server, io_threads),
    SETTING(server, worker_threads),
    SETTING(server, max_body_bytes),
    SETTING(server, web_root),
    SETTING(server, publishable_key),

    SETTING(database, url),

    SETTING(auth, application_name),
    SETTING(auth, sign_up_enabled),
    SETTING(auth, email_address_enabled),
    SETTING(auth, password_enabled),
    SETTING(auth, email_verification),
    SETTING(auth, second_factors),
    SETTING(auth, client_trust),
    SETTING(auth, new_sign_in_notice),
    SETTING(auth, password_changed_notice),
    SETTING(auth, require_mfa),
    SETTING(auth, enumeration_protection),
    SETTING(auth, password_min_length),
    SETTING(auth, password_max_length),
    SETTING(auth, session_lifetime_seconds),
    SETTING(auth, token_lifetime_seconds),
    SETTING(auth, sign_in_lifetime_seconds),
    SETTING(auth, code_lifetime_seconds),
    SETTING(auth, code_max_attempts),
    SETTING(auth, backup_code_count),
    SETTING(auth, single_session_mode),

    SETTING(limits, rate_limits),
    SETTING(limits, lockout_attempts),
    SETTING(limits, lockout_seconds),
    SETTING(limits, resend_cooldown_seconds),
    SETTING(limits, create_per_10s),
    SETTING(limits, attempts_per_10s),

    SETTING(email, delivery),
    SETTING(email, from),
    SETTING(email, smtp_url),
    SETTING(email, smtp_username),
    SECRET(email, smtp_password),
    SETTING(email, smtp_starttls),

    SETTING(sms, delivery),
    SETTING(sms, api_url),
    SETTING(sms, account_sid),
    SECRET(sms, auth_token),
    SETTING(sms, from),

    SECRET(security, instance_key),
    SECRET(security, secret_key),
    SETTING(security, signing_key_refresh_seconds),

    SETTING(dev, test_mode),
    SETTING(dev, outbox),
    SETTING(dev, clock_control),
});

#undef SECRET
#undef SETTING
#undef TESSERA_SETTING

}  // namespace

std::span<const Setting> settings() { return kSettings; }

const Setting* find_setting(std::string_view section, std::string_view key) {
  auto it = std::find_if(kSettings.begin(), kSettings.end(),
                         [&](const Setting& s) { return s.section == section && s.key == key; });
  return it == kSettings.end() ? nullptr : &*it;
}

bool is_section(std::string_view section) {
  return std::any_of(kSettings.begin(), kSettings.end(),
                     [&](const Setting& s) { return s.section == section; });
}

}  // namespace tessera::config::detail
