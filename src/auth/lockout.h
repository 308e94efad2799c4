#pragma once
#include <string>

#include "auth/context.h"

namespace tessera::auth {

// Account lockout after consecutive failed attempts (password or any code), as Clerk does.
// Throws user_locked (with the seconds remaining) while the user is locked.
void ensure_not_locked(const AuthContext& ctx, const User& user);
// Counts one failure atomically in the store; may lock the account.
void record_failed_attempt(const AuthContext& ctx, const std::string& user_id);
void record_successful_attempt(const AuthContext& ctx, const User& user);

}  // namespace tessera::auth
