#include "auth/account/change_password.h"

#include <algorithm>

#include "auth/account/new_password.h"
#include "auth/error.h"
#include "auth/lockout.h"
#include "auth/password/password_policy.h"

namespace tessera::auth {
namespace {

bool waits_on(const Session& session, std::string_view task) {
  return std::find(session.tasks.begin(), session.tasks.end(), task) != session.tasks.end();
}

void check_current_password(const AuthContext& ctx, User& user, const Session& acting,
                            const std::string& current_password) {
  if (current_password.empty()) {
    if (waits_on(acting, kResetPasswordTask)) return;
    throw AuthError("form_param_missing", "current_password");
  }
  if (!ctx.hasher.verify(user.password_hash, current_password)) {
    record_failed_attempt(ctx, user);
    throw AuthError("form_password_incorrect", "current_password");
  }
}

}  // namespace

void change_password(const AuthContext& ctx, const Session& acting, const PasswordChange& change,
                     const Device& device) {
  auto record = ctx.store.find_user_record(acting.user_id);
  if (!record) throw AuthError("authentication_invalid");
  User& user = record->user;
  ensure_not_locked(ctx, user);
  if (!user.password_hash.empty())
    check_current_password(ctx, user, acting, change.current_password);
  if (change.new_password.empty()) throw AuthError("form_param_missing", "new_password");
  try {
    check_password_policy(ctx.settings, change.new_password);
  } catch (AuthError& e) {
    e.param_name = "new_password";
    throw;
  }
  record_successful_attempt(ctx, user);
  store_new_password(ctx, *record, change.new_password, change.sign_out_of_other_sessions,
                     acting.id, device);
}

}  // namespace tessera::auth
