#include "auth/account/new_password.h"

#include "auth/notices/account_notice.h"
#include "auth/session/sessions.h"

namespace tessera::auth {

void store_new_password(const AuthContext& ctx, UserRecord& user, std::string_view password,
                        bool sign_out_of_other_sessions, const std::string& keep_session,
                        const Device& device) {
  const auto now = ctx.now();
  user.user.password_hash = ctx.hasher.hash(password);
  user.user.updated_at = now;
  Sessions sessions(ctx);
  ctx.store.transaction([&](Store&) {
    ctx.store.update_user(user.user);
    // The old password may be what someone else used: their sessions end with it.
    if (sign_out_of_other_sessions) sessions.revoke_user_sessions(user.user.id, keep_session);
    sessions.resolve_task(user.user.id, kResetPasswordTask);
  });
  send_account_notice(ctx, user, NoticeKind::password_changed, device, now);
}

}  // namespace tessera::auth
