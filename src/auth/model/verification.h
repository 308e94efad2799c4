#pragma once
#include <cstdint>
#include <string>

namespace tessera::auth {

// One proof in progress: an emailed/SMS code, a password check, a TOTP check.
// Codes are never stored in clear: `code_hash` is a keyed hash (see auth/code_hasher.h).
struct Verification {
  std::string status = "unverified";  // unverified | verified | failed | expired
  std::string strategy;        // "" until prepared; email_code, phone_code, password, totp, ...
  int attempts = 0;            // failed or successful attempts on the current code
  std::int64_t expire_at = 0;  // ms; 0 = does not expire
  std::int64_t sent_at = 0;    // ms; when the current code was sent (resend cooldown)
  std::string code_hash;       // empty when nothing was sent
  std::string target_id;       // the email_address / phone_number id the code went to

  bool prepared() const { return !strategy.empty(); }
  bool verified() const { return status == "verified"; }
};

}  // namespace tessera::auth
