#include "auth/sign_in/new_sign_in_notice.h"

#include <exception>
#include <string>

#include "auth/identifiers.h"

namespace tessera::auth {

void send_new_sign_in_notice(const AuthContext& ctx, const UserRecord& user, const Device& device,
                             std::int64_t signed_in_at) {
  if (!ctx.settings.new_sign_in_notice) return;
  const auto* email = user.primary_email();
  if (!email) return;
  if (ctx.settings.test_mode && is_test_email(email->email)) return;  // as codes: nothing sent
  try {
    ctx.mailer.send_new_sign_in_notice(
        {email->email, ctx.settings.application_name, signed_in_at, device});
  } catch (const std::exception& e) {
    // Delivery errors name neither secrets nor the address; the user id finds the account.
    ctx.log.warn("new sign-in notice for " + user.user.id + " not sent: " + e.what());
  }
}

}  // namespace tessera::auth
