#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::auth {

// Keys of the tasks a pending session waits on (Clerk's session.tasks[].key).
inline constexpr std::string_view kResetPasswordTask = "reset-password";
inline constexpr std::string_view kSetupMfaTask = "setup-mfa";

struct Session {
  std::string id;  // sess_…
  std::string client_id;
  std::string user_id;
  std::string status = "active";      // active | pending | ended | removed | revoked | expired
  std::vector<std::string> tasks;     // in the order the user does them; empty once active
  std::int64_t first_factor_at = 0;   // ms, for the `fva` claim
  std::int64_t second_factor_at = 0;  // ms; 0 = no second factor in this session
  std::int64_t last_active_at = 0;
  std::int64_t expire_at = 0;
  std::int64_t abandon_at = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  // Signed in, or signed in with a task to finish (Clerk's "signedInSessions").
  bool live(std::int64_t now) const {
    return (status == "active" || status == "pending") && expire_at > now;
  }
};

}  // namespace tessera::auth
