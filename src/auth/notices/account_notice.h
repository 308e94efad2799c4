#pragma once
#include <cstdint>

#include "auth/context.h"
#include "auth/model/device.h"

namespace tessera::auth {

// Emails the user what just happened to their account (see NoticeKind), and from which device,
// so that they can act if it was not them. Nothing is sent for a kind the instance turned off
// (auth.new_sign_in_notice, auth.password_changed_notice), or to a test identifier in test mode.
// Best effort: what it tells of has happened, so a failure to deliver is logged, never thrown.
void send_account_notice(const AuthContext& ctx, const UserRecord& user, NoticeKind kind,
                         const Device& device, std::int64_t at);

}  // namespace tessera::auth
