#pragma once
#include <string>
#include <vector>

#include "auth/model/user.h"
#include "auth/settings.h"

namespace tessera::auth {

// One way a user can prove themselves at a step of sign-in (Clerk's "supported factor").
struct FactorOption {
  std::string strategy;  // password, email_code, phone_code, totp, backup_code
  std::string email_address_id;
  std::string phone_number_id;
  std::string safe_identifier;
  bool primary = false;
  bool is_default = false;
};

std::vector<FactorOption> first_factor_options(const UserRecord& user);
// For needs_second_factor: TOTP, each verified phone reserved for 2FA, backup codes.
std::vector<FactorOption> second_factor_options(const UserRecord& user,
                                                const AuthSettings& settings);
// For needs_client_trust: a code to the primary email address.
std::vector<FactorOption> client_trust_options(const UserRecord& user);
// The option of `strategy` (and of `factor_id`, an email/phone id, when given); nullptr if none.
const FactorOption* find_option(const std::vector<FactorOption>& options,
                                const std::string& strategy, const std::string& factor_id);

}  // namespace tessera::auth
