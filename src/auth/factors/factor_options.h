#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "auth/model/user.h"
#include "auth/settings.h"

namespace tessera::auth {

// One way a user can prove themselves at a step of sign-in (Clerk's "supported factor").
struct FactorOption {
  // password, email_code, reset_password_email_code, phone_code, totp, backup_code
  std::string strategy;
  std::string email_address_id;
  std::string phone_number_id;
  std::string safe_identifier;
  bool primary = false;
  bool is_default = false;
};

inline constexpr std::string_view kResetPasswordEmailCode = "reset_password_email_code";

// For needs_first_factor: the password, a code to the primary email address, and (on an instance
// with passwords) a code to that address that lets a forgotten password be replaced.
std::vector<FactorOption> first_factor_options(const UserRecord& user,
                                               const AuthSettings& settings);
// The same for any identifier under enumeration protection, known or not: the password, and a
// reset code to the address typed (without its id: a reset is prepared without one, and an
// unknown address gets a decoy).
std::vector<FactorOption> protected_first_factor_options(const std::string& identifier,
                                                         const AuthSettings& settings);
// For needs_second_factor: TOTP, each verified phone reserved for 2FA, backup codes.
std::vector<FactorOption> second_factor_options(const UserRecord& user,
                                                const AuthSettings& settings);
// For needs_client_trust: a code to the primary email address.
std::vector<FactorOption> client_trust_options(const UserRecord& user);
// The option of `strategy` (and of `factor_id`, an email/phone id, when given); nullptr if none.
const FactorOption* find_option(const std::vector<FactorOption>& options,
                                const std::string& strategy, const std::string& factor_id);

}  // namespace tessera::auth
