// The forgot-password end of SignInFlow: a sign-in whose reset code was verified sets a new
// password, then goes on as any sign-in after its first factor.
#include "auth/error.h"
#include "auth/lockout.h"
#include "auth/notices/account_notice.h"
#include "auth/password/password_policy.h"
#include "auth/sign_in/sign_in_flow.h"

namespace tessera::auth {

SignIn SignInFlow::reset_password(Client& client, const std::string& id,
                                  const NewPassword& new_password) {
  auto si = load_for_update(client, id);
  if (si.status != "needs_new_password") throw AuthError("client_state_invalid");
  auto user = user_of(si);
  set_new_password(client, si, user, new_password);
  return si;
}

void SignInFlow::set_new_password(Client& client, SignIn& si, UserRecord& user,
                                  const NewPassword& new_password) {
  if (new_password.password.empty()) throw AuthError("form_param_missing", "password");
  check_password_policy(ctx_.settings, new_password.password);
  ensure_not_locked(ctx_, user.user);
  const auto now = ctx_.now();
  user.user.password_hash = ctx_.hasher.hash(new_password.password);
  user.user.updated_at = now;
  ctx_.store.transaction([&](Store&) {
    ctx_.store.update_user(user.user);
    // The old password may be what someone else used: their sessions end with it. Sessions kept
    // no longer need the reset-password task, the password it asked to replace is gone.
    if (new_password.sign_out_of_other_sessions)
      sessions_.revoke_user_sessions(user.user.id, "");
    else
      sessions_.resolve_task(user.user.id, kResetPasswordTask);
  });
  user_ = user;
  send_account_notice(ctx_, user, NoticeKind::password_changed, device_, now);
  si.password_fails_policy = false;
  // A retry after a failure from here on sets the same password again: nothing is lost.
  after_first_factor(client, si, user);
}

}  // namespace tessera::auth
