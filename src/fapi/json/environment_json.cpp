#include "fapi/json/environment_json.h"

#include <algorithm>

namespace tessera::fapi::json {
namespace {

using nlohmann::json;

json attribute(bool enabled, bool required, std::vector<std::string> first_factors,
               std::vector<std::string> second_factors, std::vector<std::string> verifications,
               bool verify_at_sign_up) {
  return {{"enabled", enabled},
          {"required", required},
          {"used_for_first_factor", !first_factors.empty()},
          {"first_factors", first_factors},
          {"used_for_second_factor", !second_factors.empty()},
          {"second_factors", second_factors},
          {"verifications", verifications},
          {"verify_at_sign_up", verify_at_sign_up}};
}

json disabled() { return attribute(false, false, {}, {}, {}, false); }

bool has(const std::vector<std::string>& list, const char* name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

json environment(const config::Config& config, bool production_instance) {
  const auto& a = config.auth;
  const auto& base = config.server.public_url;
  const bool phone_2fa = has(a.second_factors, "phone_code");
  const bool totp = has(a.second_factors, "totp");
  const bool backup = has(a.second_factors, "backup_code");

  json attributes = {
      {"email_address", attribute(a.email_address_enabled, a.email_address_enabled, {"email_code"},
                                  {}, {a.email_verification}, true)},
      {"phone_number",
       phone_2fa ? attribute(true, false, {}, {"phone_code"}, {"phone_code"}, false) : disabled()},
      {"username", disabled()},
      {"web3_wallet", disabled()},
      {"first_name", attribute(true, false, {}, {}, {}, false)},
      {"last_name", attribute(true, false, {}, {}, {}, false)},
      {"password", attribute(a.password_enabled, a.password_enabled, {}, {}, {}, false)},
      {"authenticator_app",
       totp ? attribute(true, false, {}, {"totp"}, {"totp"}, false) : disabled()},
      {"backup_code", backup ? attribute(true, false, {}, {"backup_code"}, {}, false) : disabled()},
      {"passkey", disabled()},
  };
  const bool mfa_available = phone_2fa || totp;
  return {
      {"object", "environment"},
      {"id", "env_tessera"},
      {"maintenance_mode", false},
      {"client_debug_mode", false},
      {"partitioned_cookies", false},
      {"auth_config",
       {{"object", "auth_config"},
        {"id", "aac_tessera"},
        {"single_session_mode", a.single_session_mode},
        {"test_mode", config.dev.test_mode},  // Clerk's docs have users check this flag
        {"claimed_at", nullptr},
        {"reverification", false},
        {"preferred_channels", json::object()}}},
      {"display_config",
       {{"object", "display_config"},
        {"id", "display_config_tessera"},
        {"instance_environment_type", production_instance ? "production" : "development"},
        {"application_name", a.application_name},
        {"branded", false},
        {"show_devmode_warning", false},
        {"preferred_sign_in_strategy", "password"},
        {"theme", json::object()},
        {"home_url", base + "/"},
        {"sign_in_url", base + "/"},
        {"sign_up_url", base + "/"},
        {"user_profile_url", ""},
        {"waitlist_url", ""},
        {"after_sign_in_url", "/"},
        {"after_sign_up_url", "/"},
        {"after_sign_out_one_url", "/"},
        {"after_sign_out_all_url", "/"},
        {"after_switch_session_url", "/"},
        {"after_join_waitlist_url", "/"},
        {"organization_profile_url", ""},
        {"create_organization_url", ""},
        {"after_leave_organization_url", "/"},
        {"after_create_organization_url", "/"},
        {"logo_image_url", ""},
        {"favicon_image_url", ""},
        {"support_email", ""},
        {"terms_url", ""},
        {"privacy_policy_url", ""},
        {"clerk_js_version", nullptr},
        {"google_one_tap_client_id", nullptr},
        {"captcha_public_key", nullptr},
        {"captcha_public_key_invisible", nullptr},
        {"captcha_widget_type", nullptr},
        {"captcha_provider", "turnstile"},
        {"captcha_oauth_bypass", json::array()},
        {"captcha_heartbeat", false}}},
      {"user_settings",
       {{"attributes", attributes},
        {"sign_in", {{"second_factor", {{"required", a.require_mfa}, {"enabled", mfa_available}}}}},
        {"sign_up",
         {{"captcha_enabled", false},
          {"captcha_widget_type", "smart"},
          {"custom_action_required", false},
          {"progressive", true},
          {"mode", a.sign_up_enabled ? "public" : "restricted"},
          {"legal_consent_enabled", false},
          {"allowlist_only", false},
          {"mfa", {{"required", a.require_mfa}}}}},
        {"password_settings",
         {{"disable_hibp", false},  // breached passwords are refused (auth/password/)
          {"min_length", a.password_min_length},
          {"max_length", a.password_max_length},
          {"require_special_char", false},
          {"require_numbers", false},
          {"require_uppercase", false},
          {"require_lowercase", false},
          {"show_zxcvbn", false},
          {"min_zxcvbn_strength", 0},
          {"allowed_special_characters", ""}}},
        {"username_settings", {{"min_length", 4}, {"max_length", 64}}},
        {"actions", {{"delete_self", false}, {"create_organization", false}}},
        {"social", json::object()},
        {"enterprise_sso", {{"enabled", false}, {"self_serve_sso", false}}},
        {"passkey_settings", {{"allow_autofill", false}, {"show_sign_in_button", false}}},
        {"attack_protection",
         {{"enumeration_protection", {{"enabled", a.enumeration_protection}}}}}}},
      {"organization_settings",
       {{"enabled", false},
        {"max_allowed_memberships", 0},
        {"force_organization_selection", false},
        {"actions", {{"admin_delete", false}}},
        {"domains",
         {{"enabled", false}, {"enrollment_modes", json::array()}, {"default_role", nullptr}}},
        {"slug", {{"disabled", false}}}}},
      {"api_keys_settings", {{"user_api_keys_enabled", false}, {"orgs_api_keys_enabled", false}}},
      {"protect_config",
       {{"object", "protect_config"}, {"id", "pc_tessera"}, {"loaders", json::array()}}},
  };
}

}  // namespace tessera::fapi::json
