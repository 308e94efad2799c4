#include <algorithm>

#include "fapi/json/resources.h"

namespace tessera::fapi::json {
namespace {

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Clerk's next_action for a sign-up verification.
const char* next_action(const auth::Verification& v) {
  if (v.verified()) return "";
  return v.prepared() ? "needs_attempt" : "needs_prepare";
}

}  // namespace

json session(const auth::Session& s, const auth::UserRecord& u, const std::string& token,
             std::int64_t now_ms) {
  json tasks = nullptr;
  if (!s.tasks.empty()) {
    tasks = json::array();
    for (const auto& t : s.tasks) tasks.push_back({{"key", t}});
  }
  auto minutes = [&](std::int64_t at) -> long {
    return at <= 0 ? -1 : static_cast<long>((now_ms - at) / 60000);
  };
  return {{"object", "session"},
          {"id", s.id},
          {"status", s.status},
          {"expire_at", s.expire_at},
          {"abandon_at", s.abandon_at},
          {"last_active_at", s.last_active_at},
          {"last_active_token",
           token.empty() ? json(nullptr) : json{{"object", "token"}, {"jwt", token}}},
          {"last_active_organization_id", nullptr},
          {"actor", nullptr},
          {"tasks", std::move(tasks)},
          {"factor_verification_age", {minutes(s.first_factor_at), minutes(s.second_factor_at)}},
          {"user", user(u)},
          {"public_user_data", public_user_data(u)},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

json sign_in(const auth::SignIn& si, const std::optional<auth::UserRecord>& u,
             const auth::AuthSettings& settings) {
  json first = nullptr, second = nullptr, user_data = nullptr;
  // Under enumeration protection known and unknown identifiers must look alike before a factor
  // is verified.
  if (settings.enumeration_protection && si.status == "needs_first_factor")
    first = factors(auth::protected_first_factor_options(si.identifier, settings));
  if (u) {
    if (first.is_null()) first = factors(auth::first_factor_options(*u, settings));
    if (si.status == "needs_second_factor")
      second = factors(auth::second_factor_options(*u, settings));
    else if (si.status == "needs_client_trust")
      second = factors(auth::client_trust_options(*u));
    if (!settings.enumeration_protection || si.status != "needs_first_factor")
      user_data = {{"first_name", text_or_null(u->user.first_name)},
                   {"last_name", text_or_null(u->user.last_name)},
                   {"image_url", ""},
                   {"has_image", false}};
  }
  return {{"object", "sign_in_attempt"},
          {"id", si.id},
          {"status", si.status},
          {"supported_identifiers", {"email_address"}},
          {"identifier", text_or_null(si.identifier)},
          {"user_data", user_data},
          {"supported_first_factors", first},
          {"supported_second_factors", second},
          {"first_factor_verification", verification(si.first_factor)},
          {"second_factor_verification", verification(si.second_factor)},
          {"created_session_id", text_or_null(si.created_session_id)},
          {"client_trust_state", text_or_null(si.client_trust_state)},
          {"abandon_at", si.abandon_at},
          {"created_at", si.created_at},
          {"updated_at", si.updated_at}};
}

json sign_up(const auth::SignUp& su, const std::vector<std::string>& missing_fields) {
  const auto& v = su.email_verification;
  json email_verification = nullptr;
  if (!su.email_address.empty()) {
    email_verification = {{"object", "verification_otp"},
                          {"status", v.status},
                          {"strategy", v.prepared() ? json(v.strategy) : json(nullptr)},
                          {"attempts", v.attempts},
                          {"expire_at", v.expire_at > 0 ? json(v.expire_at) : json(nullptr)},
                          {"next_action", next_action(v)},
                          {"supported_strategies", {"email_code"}},
                          {"error", nullptr}};
  }
  json unverified = json::array();
  if (!su.email_address.empty() && !v.verified()) unverified.push_back("email_address");
  const bool has_password = !su.password_hash.empty();
  return {{"object", "sign_up_attempt"},
          {"id", su.id},
          {"status", su.status},
          {"required_fields", {"email_address", "password"}},
          {"optional_fields", {"first_name", "last_name"}},
          {"missing_fields", missing_fields},
          {"unverified_fields", unverified},
          {"verifications",
           {{"email_address", email_verification},
            {"phone_number", nullptr},
            {"web3_wallet", nullptr},
            {"external_account", nullptr}}},
          {"username", nullptr},
          {"email_address", text_or_null(su.email_address)},
          {"phone_number", nullptr},
          {"web3_wallet", nullptr},
          {"first_name", text_or_null(su.first_name)},
          {"last_name", text_or_null(su.last_name)},
          {"has_password", has_password},
          {"password_enabled", has_password},
          {"unsafe_metadata", json::object()},
          {"public_metadata", json::object()},
          {"custom_action", false},
          {"external_id", nullptr},
          {"created_session_id", text_or_null(su.created_session_id)},
          {"created_user_id", text_or_null(su.created_user_id)},
          {"abandon_at", su.abandon_at},
          {"legal_accepted_at", nullptr},
          {"locale", text_or_null(su.locale)},
          {"created_at", su.created_at},
          {"updated_at", su.updated_at}};
}

}  // namespace tessera::fapi::json
