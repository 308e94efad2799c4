#pragma once
#include <optional>
#include <string>
#include <vector>

#include "auth/context.h"
#include "auth/session/sessions.h"

namespace tessera::auth {

struct TotpEnrollment {
  std::string secret;  // base32, shown once so the user can type it into an app
  std::string uri;     // otpauth://totp/<issuer>:<account>?secret=…
};

// What a signed-in user does to their second factors (the "settings" flow, as Kratos calls it):
// authenticator app, backup codes, phone numbers. Enabling the first factor issues backup codes
// (returned once) and activates sessions waiting on the setup-mfa task. On an instance that
// requires MFA the last second factor cannot be removed.
class MfaEnrollment {
 public:
  explicit MfaEnrollment(const AuthContext& ctx) : ctx_(ctx), sessions_(ctx) {}

  TotpEnrollment create_totp(const std::string& user_id);
  // Returns new backup codes when this enabled MFA for the first time.
  std::optional<std::vector<std::string>> verify_totp(const std::string& user_id,
                                                      const std::string& code);
  void disable_totp(const std::string& user_id);
  std::vector<std::string> regenerate_backup_codes(const std::string& user_id);

  PhoneNumber add_phone(const std::string& user_id, const std::string& phone);
  PhoneNumber prepare_phone_verification(const std::string& user_id, const std::string& phone_id);
  PhoneNumber attempt_phone_verification(const std::string& user_id, const std::string& phone_id,
                                         const std::string& code);
  struct PhoneUpdate {
    std::optional<bool> reserved_for_second_factor;
    std::optional<bool> default_second_factor;
  };
  struct PhoneUpdated {
    PhoneNumber phone;
    std::optional<std::vector<std::string>> backup_codes;
  };
  PhoneUpdated update_phone(const std::string& user_id, const std::string& phone_id,
                            const PhoneUpdate& update);
  void delete_phone(const std::string& user_id, const std::string& phone_id);

 private:
  UserRecord load(const std::string& user_id);
  PhoneNumber find_phone(const UserRecord& user, const std::string& phone_id);
  // After a factor was added: backup codes on first enablement, pending sessions activated.
  std::optional<std::vector<std::string>> on_factor_enabled(const UserRecord& before);
  // Before a factor is removed: refuse the last one when MFA is required.
  void ensure_removable(const UserRecord& user, bool removing_totp, const std::string& phone_id);
  // After a factor was removed: with none left, backup codes go too.
  void on_factor_removed(const std::string& user_id);

  const AuthContext& ctx_;
  Sessions sessions_;
};

}  // namespace tessera::auth
