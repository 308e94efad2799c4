#pragma once
#include <string>

#include "auth/context.h"

namespace tessera::auth {

// Account lockout after consecutive failed attempts (password or any code), as Clerk does.
// Throws user_locked (with the seconds remaining) while the user is locked.
void ensure_not_locked(const AuthContext& ctx, const User& user);
// Counts one failure atomically in the store; may lock the account. A lock that has run out
// starts a fresh count, so one mistake after it does not lock the account again.
void record_failed_attempt(const AuthContext& ctx, const User& user);
void record_successful_attempt(const AuthContext& ctx, const User& user);

}  // namespace tessera::auth
