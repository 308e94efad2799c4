#pragma once
#include <string>

#include "auth/context.h"
#include "auth/model/device.h"
#include "auth/model/session.h"

namespace tessera::auth {

struct PasswordChange {
  std::string current_password;  // required when the user has a password, see change_password
  std::string new_password;
  bool sign_out_of_other_sessions = false;
};

// A signed-in user sets a new password (clerk-js user.updatePassword) from the `acting` session.
// A wrong current password counts toward lockout; other sessions can be ended at once (e.g. after
// a suspected leak). The current password may be left out only from a session waiting on the
// reset-password task: its sign-in proved that password, and clerk-js's TaskResetPassword sends
// just the new one. A new password resolves reset-password on all of the user's sessions, and the
// user is told by email (naming `device`, the requesting browser).
void change_password(const AuthContext& ctx, const Session& acting, const PasswordChange& change,
                     const Device& device = {});

}  // namespace tessera::auth
