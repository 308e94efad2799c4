#pragma once
#include <string>
#include <string_view>

#include "auth/context.h"
#include "auth/model/device.h"

namespace tessera::auth {

// What follows a new password, however it was set (a signed-in change, a forgot-password reset):
// stores its hash and, in the same transaction, signs the user out of their other sessions when
// asked (all but `keep_session`, an id that may be empty) and resolves the reset-password task
// of the sessions left, whose password is gone; then emails the user that their password was
// changed, naming `device`. The caller has held the password to the policy.
void store_new_password(const AuthContext& ctx, UserRecord& user, std::string_view password,
                        bool sign_out_of_other_sessions, const std::string& keep_session,
                        const Device& device);

}  // namespace tessera::auth
