#include "auth/lockout.h"

#include "auth/error.h"

namespace tessera::auth {

void ensure_not_locked(const AuthContext& ctx, const User& user) {
  const auto now = ctx.now();
  if (user.locked_until > now) {
    const auto seconds = (user.locked_until - now + 999) / 1000;
    throw AuthError("user_locked", "", {{"lockout_expires_in_seconds", std::to_string(seconds)}});
  }
}

void record_failed_attempt(const AuthContext& ctx, const User& user) {
  const auto now = ctx.now();
  if (user.locked_until != 0 && user.locked_until <= now) ctx.store.reset_failed_attempts(user.id);
  ctx.store.record_failed_attempt(user.id, now, ctx.settings.lockout_attempts,
                                  ctx.settings.lockout_ms);
}

void record_successful_attempt(const AuthContext& ctx, const User& user) {
  if (user.failed_attempts != 0 || user.locked_until != 0) ctx.store.reset_failed_attempts(user.id);
}

}  // namespace tessera::auth
