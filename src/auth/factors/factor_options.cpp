#include "auth/factors/factor_options.h"

#include <algorithm>

#include "auth/identifiers.h"

namespace tessera::auth {
namespace {

FactorOption email_code_option(const EmailAddress& email, bool masked,
                               std::string_view strategy = "email_code") {
  return {std::string(strategy),
          email.id,
          "",
          masked ? mask_email(email.email) : email.email,
          true,
          false};
}

}  // namespace

std::vector<FactorOption> first_factor_options(const UserRecord& user,
                                               const AuthSettings& settings) {
  std::vector<FactorOption> out;
  if (!user.user.password_hash.empty()) out.push_back({"password", "", "", "", false, false});
  // Unmasked: clerk-js matches safe_identifier against what the user typed.
  if (const auto* email = user.primary_email()) {
    out.push_back(email_code_option(*email, false));
    if (settings.password_enabled)
      out.push_back(email_code_option(*email, false, kResetPasswordEmailCode));
  }
  return out;
}

std::vector<FactorOption> protected_first_factor_options(const std::string& identifier,
                                                         const AuthSettings& settings) {
  std::vector<FactorOption> out{{"password", "", "", "", false, false}};
  if (settings.password_enabled)
    out.push_back({std::string(kResetPasswordEmailCode), "", "", identifier, true, false});
  return out;
}

std::vector<FactorOption> second_factor_options(const UserRecord& user,
                                                const AuthSettings& settings) {
  std::vector<FactorOption> out;
  if (user.totp_enabled() && settings.second_factor_enabled("totp"))
    out.push_back({"totp", "", "", "", false, false});
  if (settings.second_factor_enabled("phone_code")) {
    const auto first_phone = out.size();
    for (const auto& phone : user.phone_numbers) {
      if (!phone.is_second_factor()) continue;
      out.push_back({"phone_code", "", phone.id, mask_phone(phone.phone),
                     phone.id == user.user.primary_phone_number_id, phone.default_second_factor});
    }
    // The default phone first: clerk-js's signIn.mfa.sendPhoneCode() texts the first phone_code
    // factor listed, and "make default" must decide where the code goes.
    std::stable_partition(out.begin() + static_cast<std::ptrdiff_t>(first_phone), out.end(),
                          [](const FactorOption& o) { return o.is_default; });
  }
  if (user.backup_code_enabled() && settings.second_factor_enabled("backup_code"))
    out.push_back({"backup_code", "", "", "", false, false});
  return out;
}

std::vector<FactorOption> client_trust_options(const UserRecord& user) {
  std::vector<FactorOption> out;
  if (const auto* email = user.primary_email()) out.push_back(email_code_option(*email, true));
  return out;
}

const FactorOption* find_option(const std::vector<FactorOption>& options,
                                const std::string& strategy, const std::string& factor_id) {
  for (const auto& o : options) {
    if (o.strategy != strategy) continue;
    if (factor_id.empty() || o.email_address_id == factor_id || o.phone_number_id == factor_id)
      return &o;
  }
  return nullptr;
}

}  // namespace tessera::auth
