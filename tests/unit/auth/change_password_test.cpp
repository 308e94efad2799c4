// A signed-in user changes their password.
#include "auth/account/change_password.h"

#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

class ChangePasswordTest : public DomainFixture {};

TEST_F(ChangePasswordTest, NewPasswordWorksAndTheOldOneNoLonger) {
  auto zoe = sign_up();
  change_password(ctx, session(zoe.session_id),
                  {std::string(kPassword), "a brand new secret", false});
  sign_out(zoe.client);
  EXPECT_EQ(error_code_of([&] { sign_in_with_password(zoe.client); }), "form_password_incorrect");
  EXPECT_EQ(sign_in_with_password(zoe.client, kEmail, "a brand new secret").status, "complete");
}

TEST_F(ChangePasswordTest, WrongCurrentPasswordIsRefusedAndCounted) {
  auto zoe = sign_up();
  const auto error = auth_error_of([&] {
    change_password(ctx, session(zoe.session_id), {"not my password", "a brand new secret", false});
  });
  EXPECT_EQ(error.code, "form_password_incorrect");
  EXPECT_EQ(error.param_name, "current_password");
  EXPECT_EQ(user(zoe.user_id).failed_attempts, 1);
}

TEST_F(ChangePasswordTest, CurrentPasswordIsRequiredFromAnActiveSession) {
  auto zoe = sign_up();
  const auto error = auth_error_of([&] {
    change_password(ctx, session(zoe.session_id), {"", "a brand new secret", false});
  });
  EXPECT_EQ(error.code, "form_param_missing");
  EXPECT_EQ(error.param_name, "current_password");
  EXPECT_TRUE(hasher.verify(user(zoe.user_id).password_hash, kPassword));
}

TEST_F(ChangePasswordTest, NewPasswordMustPassThePolicy) {
  auto zoe = sign_up();
  const auto error = auth_error_of([&] {
    change_password(ctx, session(zoe.session_id), {std::string(kPassword), "short", false});
  });
  EXPECT_EQ(error.code, "form_password_length_too_short");
  EXPECT_EQ(error.param_name, "new_password");
  EXPECT_EQ(
      auth_error_of([&] {
        change_password(ctx, session(zoe.session_id), {std::string(kPassword), "password1", false});
      }).code,
      "form_password_pwned");
}

TEST_F(ChangePasswordTest, CanSignOutOfOtherSessionsButKeepsThisOne) {
  auto zoe = sign_up();
  auto laptop = new_client();
  settings.client_trust = false;
  const auto other = sign_in_with_password(laptop).created_session_id;
  change_password(ctx, session(zoe.session_id),
                  {std::string(kPassword), "a brand new secret", true});
  EXPECT_EQ(session(other).status, "revoked");
  EXPECT_EQ(session(zoe.session_id).status, "active");
}

}  // namespace
}  // namespace tessera::auth::test
