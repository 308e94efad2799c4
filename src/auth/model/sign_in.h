#pragma once
#include <cstdint>
#include <string>

#include "auth/model/verification.h"

namespace tessera::auth {

struct SignIn {
  std::string id;  // sia_…
  std::string client_id;
  // needs_identifier | needs_first_factor | needs_second_factor | needs_client_trust | complete
  std::string status = "needs_identifier";
  std::string identifier;  // as the user typed it (normalised)
  std::string user_id;     // empty while the identifier is unknown
  Verification first_factor;
  Verification second_factor;
  std::string created_session_id;
  std::string client_trust_state;  // "", new, known, pending
  // The password this attempt verified would be refused as a new one by the instance's current
  // policy: the session it creates waits on the reset-password task. The plaintext is not kept.
  bool password_fails_policy = false;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t abandon_at = 0;  // ms; the attempt cannot be used after this
  int version = 0;              // optimistic concurrency: bumped on every update
};

}  // namespace tessera::auth
