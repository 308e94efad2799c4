// The forgot-password end of SignInFlow: a sign-in whose reset code was verified sets a new
// password, then goes on as any sign-in after its first factor.
#include "auth/account/new_password.h"
#include "auth/error.h"
#include "auth/lockout.h"
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
  // No session of this sign-in exists yet: "other sessions" are all of the user's.
  store_new_password(ctx_, user, new_password.password, new_password.sign_out_of_other_sessions, "",
                     device_);
  user_ = user;
  si.password_fails_policy = false;
  // A retry after a failure from here on sets the same password again: nothing is lost.
  after_first_factor(client, si, user);
}

}  // namespace tessera::auth
