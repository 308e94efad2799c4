#include "auth/notices/account_notice.h"

#include <exception>
#include <string>

#include "auth/identifiers.h"

namespace tessera::auth {
namespace {

bool turned_on(const AuthSettings& settings, NoticeKind kind) {
  return kind == NoticeKind::new_sign_in ? settings.new_sign_in_notice
                                         : settings.password_changed_notice;
}

const char* label(NoticeKind kind) {
  return kind == NoticeKind::new_sign_in ? "new sign-in" : "password changed";
}

}  // namespace

void send_account_notice(const AuthContext& ctx, const UserRecord& user, NoticeKind kind,
                         const Device& device, std::int64_t at) {
  if (!turned_on(ctx.settings, kind)) return;
  const auto* email = user.primary_email();
  if (!email) return;
  if (ctx.settings.test_mode && is_test_email(email->email)) return;  // as codes: nothing sent
  try {
    ctx.mailer.send_account_notice({kind, email->email, ctx.settings.application_name, at, device});
  } catch (const std::exception& e) {
    // Delivery errors name neither secrets nor the address; the user id finds the account.
    ctx.log.warn(std::string(label(kind)) + " notice for " + user.user.id +
                 " not sent: " + e.what());
  }
}

}  // namespace tessera::auth
