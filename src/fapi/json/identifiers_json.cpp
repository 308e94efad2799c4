#include "fapi/json/resources.h"

namespace tessera::fapi::json {
namespace {

const char* verification_object(const std::string& strategy) {
  if (strategy == "password") return "verification_password";
  if (strategy == "totp") return "verification_totp";
  if (strategy == "backup_code") return "verification_backup_code";
  return "verification_otp";
}

json nullable_ms(std::int64_t ms) { return ms > 0 ? json(ms) : json(nullptr); }

}  // namespace

json verification(const auth::Verification& v) {
  if (!v.prepared() && v.status == "unverified") return nullptr;
  return {{"object", verification_object(v.strategy)},
          {"status", v.status},
          {"strategy", v.strategy},
          {"attempts", v.attempts},
          {"expire_at", nullable_ms(v.expire_at)},
          {"verified_at_client", nullptr},
          {"error", nullptr}};
}

json email_address(const auth::EmailAddress& e) {
  return {{"object", "email_address"},
          {"id", e.id},
          {"email_address", e.email},
          {"reserved", false},
          {"verification", e.verified ? json{{"object", "verification_otp"},
                                             {"status", "verified"},
                                             {"strategy", e.verification_strategy.empty()
                                                              ? "email_code"
                                                              : e.verification_strategy},
                                             {"attempts", 1},
                                             {"expire_at", nullptr}}
                                      : json(nullptr)},
          {"linked_to", json::array()},
          {"matches_sso_connection", false},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

json phone_number(const auth::PhoneNumber& p) {
  return {{"object", "phone_number"},
          {"id", p.id},
          {"phone_number", p.phone},
          {"reserved", false},
          {"reserved_for_second_factor", p.reserved_for_second_factor},
          {"default_second_factor", p.default_second_factor},
          {"verification", verification(p.verification)},
          {"linked_to", json::array()},
          {"backup_codes", nullptr},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json factor(const auth::FactorOption& o) {
  json f = {{"strategy", o.strategy}};
  if (!o.safe_identifier.empty()) f["safe_identifier"] = o.safe_identifier;
  if (!o.email_address_id.empty()) f["email_address_id"] = o.email_address_id;
  if (!o.phone_number_id.empty()) f["phone_number_id"] = o.phone_number_id;
  if (o.strategy == "email_code" || o.strategy == "phone_code" ||
      o.strategy == auth::kResetPasswordEmailCode)
    f["primary"] = o.primary;
  if (o.strategy == "phone_code") f["default"] = o.is_default;
  return f;
}

json factors(const std::vector<auth::FactorOption>& options) {
  json out = json::array();
  for (const auto& o : options) out.push_back(factor(o));
  return out;
}

}  // namespace tessera::fapi::json
