#include "fapi/json/resources.h"

namespace tessera::fapi::json {
namespace {

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json ms_or_null(std::int64_t ms) { return ms > 0 ? json(ms) : json(nullptr); }

}  // namespace

json user(const auth::UserRecord& record) {
  const auto& u = record.user;
  json emails = json::array(), phones = json::array();
  for (const auto& e : record.email_addresses) emails.push_back(email_address(e));
  for (const auto& p : record.phone_numbers) phones.push_back(phone_number(p));
  return {{"object", "user"},
          {"id", u.id},
          {"external_id", nullptr},
          {"username", text_or_null(u.username)},
          {"first_name", text_or_null(u.first_name)},
          {"last_name", text_or_null(u.last_name)},
          {"image_url", ""},
          {"has_image", false},
          {"primary_email_address_id", text_or_null(u.primary_email_address_id)},
          {"primary_phone_number_id", text_or_null(u.primary_phone_number_id)},
          {"primary_web3_wallet_id", nullptr},
          {"password_enabled", !u.password_hash.empty()},
          {"two_factor_enabled", record.two_factor_enabled()},
          {"totp_enabled", record.totp_enabled()},
          {"backup_code_enabled", record.backup_code_enabled()},
          {"email_addresses", std::move(emails)},
          {"phone_numbers", std::move(phones)},
          {"web3_wallets", json::array()},
          {"external_accounts", json::array()},
          {"enterprise_accounts", json::array()},
          {"saml_accounts", json::array()},
          {"passkeys", json::array()},
          {"organization_memberships", json::array()},
          {"public_metadata", json::object()},
          {"unsafe_metadata", json::object()},
          {"last_sign_in_at", ms_or_null(u.last_sign_in_at)},
          {"last_active_at", nullptr},
          {"create_organization_enabled", false},
          {"create_organizations_limit", nullptr},
          {"delete_self_enabled", false},
          {"legal_accepted_at", nullptr},
          {"banned", false},
          {"locked", u.locked_until > 0},
          {"lockout_expires_in_seconds", nullptr},
          {"verification_attempts_remaining", nullptr},
          {"mfa_enabled_at", ms_or_null(u.mfa_enabled_at)},
          {"mfa_disabled_at", nullptr},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at}};
}

json public_user_data(const auth::UserRecord& record) {
  const auto* email = record.primary_email();
  return {{"first_name", text_or_null(record.user.first_name)},
          {"last_name", text_or_null(record.user.last_name)},
          {"image_url", ""},
          {"has_image", false},
          {"identifier", email ? email->email : ""},
          {"user_id", record.user.id}};
}

}  // namespace tessera::fapi::json
