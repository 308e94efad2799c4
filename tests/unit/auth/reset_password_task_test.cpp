// A sign-in whose password the current policy would refuse as a new one still signs in, but its
// session waits on the reset-password task until the user sets a new password.
#include <gmock/gmock.h>

#include "auth/account/change_password.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::string_view kWellKnownPassword = "password1";
constexpr std::string_view kNewPassword = "a much better passphrase";

// Zoe signed up and out; her stored password is now one the policy refuses (as after an import).
class ResetPasswordTaskTest : public DomainFixture {
 protected:
  void SetUp() override {
    zoe = sign_up();
    sign_out(zoe.client);
    auto u = user(zoe.user_id);
    u.password_hash = hasher.hash(kWellKnownPassword);
    store.update_user(u);
  }

  Session weak_sign_in(Client& client) {
    const auto si = sign_in_with_password(client, kEmail, kWellKnownPassword);
    EXPECT_EQ(si.status, "complete");
    return session(si.created_session_id);
  }

  SignedUpUser zoe;
};

TEST_F(ResetPasswordTaskTest, WeakPasswordSignsInToAPendingSessionWithTheTask) {
  const auto s = weak_sign_in(zoe.client);
  EXPECT_EQ(s.status, "pending");
  EXPECT_THAT(s.tasks, ElementsAre(kResetPasswordTask));
  EXPECT_EQ(sessions.live_of_client(zoe.client.id).size(), 1u);  // signed in, with a task
}

TEST_F(ResetPasswordTaskTest, StrongPasswordSignsInToAnActiveSession) {
  auto u = user(zoe.user_id);
  u.password_hash = hasher.hash(kPassword);
  store.update_user(u);
  const auto s = session(sign_in_with_password(zoe.client).created_session_id);
  EXPECT_EQ(s.status, "active");
  EXPECT_THAT(s.tasks, IsEmpty());
}

TEST_F(ResetPasswordTaskTest, TighterLengthPolicyFlagsAnOlderPassword) {
  auto u = user(zoe.user_id);
  u.password_hash = hasher.hash(kPassword);
  store.update_user(u);
  settings.password_min_length = kPassword.size() + 1;
  const auto s = session(sign_in_with_password(zoe.client).created_session_id);
  EXPECT_THAT(s.tasks, ElementsAre(kResetPasswordTask));
}

TEST_F(ResetPasswordTaskTest, FlagOutlivesTheSecondFactorStep) {
  const auto key = enable_totp(zoe.user_id);
  auto laptop = new_client();
  const auto si = sign_in_with_password(laptop, kEmail, kWellKnownPassword);
  ASSERT_EQ(si.status, "needs_second_factor");
  const auto done = sign_in_flow.attempt_second_factor(laptop, si.id, "totp", totp_code(key));
  ASSERT_EQ(done.status, "complete");
  EXPECT_THAT(session(done.created_session_id).tasks, ElementsAre(kResetPasswordTask));
}

TEST_F(ResetPasswordTaskTest, FlagOutlivesClientTrust) {
  auto laptop = new_client();
  const auto si = sign_in_with_password(laptop, kEmail, kWellKnownPassword);
  ASSERT_EQ(si.status, "needs_client_trust");
  sign_in_flow.prepare_second_factor(laptop, si.id, "email_code", "");
  const auto done =
      sign_in_flow.attempt_second_factor(laptop, si.id, "email_code", mailer.last().code);
  ASSERT_EQ(done.status, "complete");
  EXPECT_THAT(session(done.created_session_id).tasks, ElementsAre(kResetPasswordTask));
}

TEST_F(ResetPasswordTaskTest, ResetPasswordComesBeforeSetupMfa) {
  settings.require_mfa = true;
  const auto s = weak_sign_in(zoe.client);
  EXPECT_THAT(s.tasks, ElementsAre(kResetPasswordTask, kSetupMfaTask));
}

TEST_F(ResetPasswordTaskTest, NewPasswordWithoutTheCurrentOneActivatesTheSession) {
  const auto s = weak_sign_in(zoe.client);
  change_password(ctx, s, {"", std::string(kNewPassword), false});
  const auto after = session(s.id);
  EXPECT_EQ(after.status, "active");
  EXPECT_THAT(after.tasks, IsEmpty());
  EXPECT_TRUE(hasher.verify(user(zoe.user_id).password_hash, kNewPassword));
}

TEST_F(ResetPasswordTaskTest, WrongCurrentPasswordIsStillRefusedWhenGiven) {
  const auto s = weak_sign_in(zoe.client);
  const auto error = auth_error_of([&] {
    change_password(ctx, s, {"not my password", std::string(kNewPassword), false});
  });
  EXPECT_EQ(error.code, "form_password_incorrect");
  EXPECT_EQ(session(s.id).status, "pending");
}

TEST_F(ResetPasswordTaskTest, NewPasswordMustPassThePolicyAndTheTaskStays) {
  const auto s = weak_sign_in(zoe.client);
  const auto error = auth_error_of([&] { change_password(ctx, s, {"", "password2", false}); });
  EXPECT_EQ(error.code, "form_password_pwned");
  EXPECT_EQ(error.param_name, "new_password");
  EXPECT_THAT(session(s.id).tasks, ElementsAre(kResetPasswordTask));
}

TEST_F(ResetPasswordTaskTest, OnlyResetPasswordIsResolvedWhenSetupMfaRemains) {
  settings.require_mfa = true;
  const auto s = weak_sign_in(zoe.client);
  change_password(ctx, s, {"", std::string(kNewPassword), false});
  const auto after = session(s.id);
  EXPECT_EQ(after.status, "pending");
  EXPECT_THAT(after.tasks, ElementsAre(kSetupMfaTask));
}

TEST_F(ResetPasswordTaskTest, NewPasswordResolvesTheTaskOnTheUsersOtherSessions) {
  settings.single_session_mode = false;
  settings.client_trust = false;
  auto laptop = new_client();
  const auto here = weak_sign_in(zoe.client);
  const auto there = weak_sign_in(laptop);
  change_password(ctx, here, {"", std::string(kNewPassword), false});
  EXPECT_EQ(session(there.id).status, "active");
}

TEST_F(ResetPasswordTaskTest, TheNewPasswordSignsInWithoutTheTask) {
  const auto s = weak_sign_in(zoe.client);
  change_password(ctx, s, {"", std::string(kNewPassword), false});
  sign_out(zoe.client);
  const auto again = sign_in_with_password(zoe.client, kEmail, kNewPassword);
  EXPECT_EQ(session(again.created_session_id).status, "active");
}

}  // namespace
}  // namespace tessera::auth::test
