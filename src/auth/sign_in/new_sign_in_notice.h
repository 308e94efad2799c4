#pragma once
#include <cstdint>

#include "auth/context.h"
#include "auth/model/device.h"

namespace tessera::auth {

// Emails the user that their account was just signed in to from `device`, a client it had never
// been signed in to from (the caller knows; Client Trust asks the same question). Nothing is sent
// with auth.new_sign_in_notice off, or to a test identifier in test mode. Best effort: the
// sign-in has happened, so a failure to deliver is logged, never thrown.
void send_new_sign_in_notice(const AuthContext& ctx, const UserRecord& user, const Device& device,
                             std::int64_t signed_in_at);

}  // namespace tessera::auth
