#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/model/verification.h"

namespace tessera::auth {

struct EmailAddress {
  std::string id;  // idn_…
  std::string user_id;
  std::string email;  // normalised: trimmed, lower-case
  bool verified = false;
  std::string verification_strategy;  // how it was verified, e.g. email_code
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct PhoneNumber {
  std::string id;  // idn_…
  std::string user_id;
  std::string phone;  // E.164, e.g. +15555550100
  bool reserved_for_second_factor = false;
  bool default_second_factor = false;
  Verification verification;  // status "verified" once the owner proved it
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  // Reserved for MFA and proven by its owner: a phone second-factor codes may go to.
  bool is_second_factor() const { return reserved_for_second_factor && verification.verified(); }
};

struct User {
  std::string id;             // user_…
  std::string password_hash;  // argon2id PHC string; empty = no password
  std::string primary_email_address_id;
  std::string primary_phone_number_id;
  std::string first_name;
  std::string last_name;
  std::string username;
  // TOTP: the secret is sealed (AES-256-GCM) with the instance key; never stored in clear.
  std::string totp_secret_sealed;
  bool totp_verified = false;
  std::int64_t totp_last_step = -1;  // last accepted time step; replay protection
  std::int64_t totp_created_at = 0;
  std::string backup_code_salt;   // per-user salt for the backup code hashes
  int failed_attempts = 0;        // consecutive failed password/code attempts (lockout)
  std::int64_t locked_until = 0;  // ms; 0 = not locked
  std::int64_t last_sign_in_at = 0;
  std::int64_t mfa_enabled_at = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A user with the identifiers the domain usually needs together.
struct UserRecord {
  User user;
  std::vector<EmailAddress> email_addresses;
  std::vector<PhoneNumber> phone_numbers;
  int backup_codes_remaining = 0;

  const EmailAddress* primary_email() const;
  bool totp_enabled() const { return user.totp_verified; }
  bool has_mfa_phone() const;
  bool backup_code_enabled() const { return backup_codes_remaining > 0; }
  // Clerk: two_factor_enabled = totp || a phone reserved for 2FA || backup codes.
  bool two_factor_enabled() const {
    return totp_enabled() || has_mfa_phone() || backup_code_enabled();
  }
};

}  // namespace tessera::auth
