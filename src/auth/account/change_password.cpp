#include "auth/account/change_password.h"

#include "auth/error.h"
#include "auth/lockout.h"
#include "auth/password/password_policy.h"

namespace tessera::auth {

void change_password(const AuthContext& ctx, const std::string& user_id,
                     const std::string& acting_session_id, const PasswordChange& change) {
  auto user = ctx.store.find_user(user_id);
  if (!user) throw AuthError("authentication_invalid");
  ensure_not_locked(ctx, *user);
  if (!user->password_hash.empty()) {
    if (change.current_password.empty()) throw AuthError("form_param_missing", "current_password");
    if (!ctx.hasher.verify(user->password_hash, change.current_password)) {
      record_failed_attempt(ctx, *user);
      throw AuthError("form_password_incorrect", "current_password");
    }
  }
  if (change.new_password.empty()) throw AuthError("form_param_missing", "new_password");
  try {
    check_password_policy(ctx.settings, change.new_password);
  } catch (AuthError& e) {
    e.param_name = "new_password";
    throw;
  }
  const auto now = ctx.now();
  user->password_hash = ctx.hasher.hash(change.new_password);
  user->updated_at = now;
  ctx.store.update_user(*user);
  record_successful_attempt(ctx, *user);
  if (!change.sign_out_of_other_sessions) return;
  for (auto s : ctx.store.sessions_of_user(user_id)) {
    if (s.id == acting_session_id || !s.live(now)) continue;
    s.status = "revoked";
    s.updated_at = now;
    ctx.store.update_session(s);
  }
}

}  // namespace tessera::auth
