#pragma once
#include <string>

#include "auth/context.h"

namespace tessera::auth {

struct PasswordChange {
  std::string current_password;  // required when the user has a password
  std::string new_password;
  bool sign_out_of_other_sessions = false;
};

// A signed-in user sets a new password (clerk-js user.updatePassword). A wrong current password
// counts toward lockout; other sessions can be ended at once (e.g. after a suspected leak).
void change_password(const AuthContext& ctx, const std::string& user_id,
                     const std::string& acting_session_id, const PasswordChange& change);

}  // namespace tessera::auth
