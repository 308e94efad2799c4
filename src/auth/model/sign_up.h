#pragma once
#include <cstdint>
#include <string>

#include "auth/model/verification.h"

namespace tessera::auth {

struct SignUp {
  std::string id;  // sua_…
  std::string client_id;
  std::string status = "missing_requirements";  // missing_requirements | complete | abandoned
  std::string email_address;                    // normalised
  std::string password_hash;                    // argon2id, hashed as soon as it is given
  std::string first_name;
  std::string last_name;
  std::string locale;
  Verification email_verification;
  std::string created_user_id;
  std::string created_session_id;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t abandon_at = 0;
  int version = 0;
};

}  // namespace tessera::auth
