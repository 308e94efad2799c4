// Forgot password (Clerk's reset_password_email_code): an emailed code, then a new password, then
// the sign-in goes on as after any first factor.
#include <gmock/gmock.h>

#include "auth/factors/factor_options.h"
#include "auth/lockout.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::string_view kNewPassword = "a new and better passphrase";
const std::string kReset(kResetPasswordEmailCode);

// Zoe signed up on `home` and signed out again; she forgot her password.
class ResetPasswordTest : public DomainFixture {
 protected:
  void SetUp() override {
    zoe = sign_up();
    sign_out(zoe.client);
  }

  Client& home() { return zoe.client; }

  SignIn identify(Client& client, std::string_view email = kEmail) {
    SignInParams params;
    params.identifier = std::string(email);
    return sign_in_flow.create(client, params);
  }
  // Identifies Zoe, sends the reset code and enters it: the sign-in then needs a new password.
  SignIn verified_reset(Client& client) {
    const auto si = identify(client);
    sign_in_flow.prepare_first_factor(client, si.id, kReset, "");
    return sign_in_flow.attempt_first_factor(client, si.id, kReset, mailer.last().code);
  }
  SignIn set_password(Client& client, const SignIn& si, std::string_view password = kNewPassword,
                      bool sign_out_of_other_sessions = false) {
    return sign_in_flow.reset_password(client, si.id,
                                       {std::string(password), sign_out_of_other_sessions});
  }
  // The status of a password sign-in on `client`, or the error it failed with.
  std::string password_sign_in(Client& client, std::string_view password) {
    try {
      return sign_in_with_password(client, kEmail, password).status;
    } catch (const AuthError& error) {
      return error.code;
    }
  }
  static std::string wrong_code(const std::string& code) {
    return code == "000000" ? "111111" : "000000";
  }

  SignedUpUser zoe;
};

TEST_F(ResetPasswordTest, TheResetCodeIsOfferedForTheUsersEmailAddressWhenPasswordsAreOn) {
  const auto options = first_factor_options(user_record(zoe.user_id), settings);
  const auto* reset = find_option(options, kReset, "");
  ASSERT_NE(reset, nullptr);
  EXPECT_EQ(reset->email_address_id, user(zoe.user_id).primary_email_address_id);
  EXPECT_EQ(reset->safe_identifier, kEmail);

  settings.password_enabled = false;
  EXPECT_EQ(find_option(first_factor_options(user_record(zoe.user_id), settings), kReset, ""),
            nullptr);
}

TEST_F(ResetPasswordTest, TheCodeIsEmailedForAPasswordReset) {
  const auto si = identify(home());
  const auto sent_before = mailer.messages.size();
  const auto prepared = sign_in_flow.prepare_first_factor(home(), si.id, kReset, "");
  ASSERT_EQ(mailer.messages.size(), sent_before + 1);
  EXPECT_EQ(mailer.last().to, kEmail);
  EXPECT_EQ(mailer.last().purpose, CodePurpose::password_reset);
  EXPECT_EQ(prepared.status, "needs_first_factor");
  EXPECT_EQ(prepared.first_factor.strategy, kReset);
  EXPECT_EQ(prepared.first_factor.status, "unverified");
}

TEST_F(ResetPasswordTest, TheRightCodeAsksForANewPasswordAndChangesNothingYet) {
  const auto si = verified_reset(home());
  EXPECT_EQ(si.status, "needs_new_password");
  EXPECT_TRUE(si.first_factor.verified());
  EXPECT_TRUE(si.created_session_id.empty());
  EXPECT_TRUE(sessions.live_of_client(home().id).empty());
  sign_out(home());
  EXPECT_EQ(password_sign_in(home(), kPassword), "complete");  // the old password still works
}

TEST_F(ResetPasswordTest, TheNewPasswordSignsInAndReplacesTheOldOne) {
  const auto done = set_password(home(), verified_reset(home()));
  ASSERT_EQ(done.status, "complete");
  EXPECT_EQ(session(done.created_session_id).user_id, zoe.user_id);
  EXPECT_EQ(session(done.created_session_id).status, "active");
  EXPECT_EQ(home().last_active_session_id, done.created_session_id);

  sign_out(home());
  EXPECT_EQ(password_sign_in(home(), kPassword), "form_password_incorrect");
  EXPECT_EQ(password_sign_in(home(), kNewPassword), "complete");
}

// Client Trust guards password sign-ins; the emailed reset code already proved the inbox.
TEST_F(ResetPasswordTest, OnANewClientTheResetCompletesWithoutClientTrust) {
  auto laptop = new_client();
  const auto done = set_password(laptop, verified_reset(laptop));
  EXPECT_EQ(done.status, "complete");
}

TEST_F(ResetPasswordTest, AUserWithMfaStillNeedsTheirSecondFactor) {
  const auto key = enable_totp(zoe.user_id);
  const auto si = set_password(home(), verified_reset(home()));
  ASSERT_EQ(si.status, "needs_second_factor");
  EXPECT_TRUE(si.created_session_id.empty());
  const auto done = sign_in_flow.attempt_second_factor(home(), si.id, "totp", totp_code(key));
  EXPECT_EQ(done.status, "complete");
  sign_out(home());
  EXPECT_EQ(password_sign_in(home(), kNewPassword), "needs_second_factor");
}

TEST_F(ResetPasswordTest, TheNewPasswordIsHeldToThePolicyAndCanBeTriedAgain) {
  const auto si = verified_reset(home());
  const auto error = auth_error_of([&] { set_password(home(), si, "short"); });
  EXPECT_EQ(error.code, "form_password_length_too_short");
  EXPECT_EQ(error.param_name, "password");
  EXPECT_EQ(error_code_of([&] { set_password(home(), si, ""); }), "form_param_missing");
  EXPECT_EQ(set_password(home(), si).status, "complete");
}

TEST_F(ResetPasswordTest, NoNewPasswordBeforeTheCodeIsVerified) {
  const auto si = identify(home());
  EXPECT_EQ(error_code_of([&] { set_password(home(), si); }), "client_state_invalid");
  sign_in_flow.prepare_first_factor(home(), si.id, kReset, "");
  EXPECT_EQ(error_code_of([&] { set_password(home(), si); }), "client_state_invalid");
  EXPECT_EQ(password_sign_in(home(), kPassword), "complete");
}

TEST_F(ResetPasswordTest, AWrongCodeIsRefusedAndCountsTowardLockout) {
  const auto si = identify(home());
  sign_in_flow.prepare_first_factor(home(), si.id, kReset, "");
  const auto failures_before = user(zoe.user_id).failed_attempts;
  const auto error = auth_error_of([&] {
    sign_in_flow.attempt_first_factor(home(), si.id, kReset, wrong_code(mailer.last().code));
  });
  EXPECT_EQ(error.code, "form_code_incorrect");
  EXPECT_EQ(error.param_name, "code");
  EXPECT_EQ(user(zoe.user_id).failed_attempts, failures_before + 1);
}

// A code sent to sign in is not a code to reset the password with, and the other way round.
TEST_F(ResetPasswordTest, ACodeWorksOnlyForTheStrategyItWasSentFor) {
  const auto si = identify(home());
  sign_in_flow.prepare_first_factor(home(), si.id, "email_code", "");
  const auto sign_in_code = mailer.last().code;
  EXPECT_EQ(error_code_of(
                [&] { sign_in_flow.attempt_first_factor(home(), si.id, kReset, sign_in_code); }),
            "verification_strategy_invalid");

  auto laptop = new_client();
  const auto other = identify(laptop);
  sign_in_flow.prepare_first_factor(laptop, other.id, kReset, "");
  EXPECT_EQ(error_code_of([&] {
              sign_in_flow.attempt_first_factor(laptop, other.id, "email_code", mailer.last().code);
            }),
            "verification_strategy_invalid");
}

TEST_F(ResetPasswordTest, OtherSessionsEndWhenAsked) {
  auto laptop = new_client();
  sign_in_flow.attempt_first_factor(laptop, identify(laptop).id, "password",
                                    std::string(kPassword));  // Client Trust: not signed in yet
  const auto other = sign_in_with_password(home());
  ASSERT_EQ(other.status, "complete");

  const auto done = set_password(laptop, verified_reset(laptop), kNewPassword, true);
  ASSERT_EQ(done.status, "complete");
  EXPECT_EQ(session(other.created_session_id).status, "revoked");
  EXPECT_THAT(sessions.live_of_client(home().id), IsEmpty());
  EXPECT_EQ(session(done.created_session_id).status, "active");
}

TEST_F(ResetPasswordTest, OtherSessionsStayWhenNotAsked) {
  const auto other = sign_in_with_password(home());
  auto laptop = new_client();
  set_password(laptop, verified_reset(laptop));
  EXPECT_EQ(session(other.created_session_id).status, "active");
}

// A session still waiting to replace a weak password no longer needs to: it was replaced.
TEST_F(ResetPasswordTest, AKeptSessionNoLongerWaitsOnTheResetPasswordTask) {
  auto u = user(zoe.user_id);
  u.password_hash = hasher.hash("password1");  // a password the policy now refuses
  store.update_user(u);
  const auto weak = sign_in_with_password(home(), kEmail, "password1");
  ASSERT_THAT(session(weak.created_session_id).tasks, ElementsAre(kResetPasswordTask));

  auto laptop = new_client();
  set_password(laptop, verified_reset(laptop));
  EXPECT_THAT(session(weak.created_session_id).tasks, IsEmpty());
  EXPECT_EQ(session(weak.created_session_id).status, "active");
}

// The legacy flow: create with the strategy sends the code, one attempt carries code and password.
TEST_F(ResetPasswordTest, LegacyCreateSendsTheCodeAndOneAttemptSetsThePassword) {
  SignInParams params;
  params.identifier = std::string(kEmail);
  params.strategy = kReset;
  const auto si = sign_in_flow.create(home(), params);
  EXPECT_EQ(si.status, "needs_first_factor");
  EXPECT_EQ(si.first_factor.strategy, kReset);
  EXPECT_EQ(mailer.last().purpose, CodePurpose::password_reset);
  const auto code = mailer.last().code;

  // A new password the policy refuses leaves the code usable.
  EXPECT_EQ(
      error_code_of([&] {
        sign_in_flow.attempt_first_factor(home(), si.id, kReset, code, NewPassword{"short", false});
      }),
      "form_password_length_too_short");
  const auto done = sign_in_flow.attempt_first_factor(home(), si.id, kReset, code,
                                                      NewPassword{std::string(kNewPassword)});
  EXPECT_EQ(done.status, "complete");
  sign_out(home());
  EXPECT_EQ(password_sign_in(home(), kNewPassword), "complete");
}

TEST_F(ResetPasswordTest, LegacyCreateNeedsAnIdentifierAndTakesNoPassword) {
  SignInParams params;
  params.strategy = kReset;
  EXPECT_EQ(auth_error_of([&] { sign_in_flow.create(home(), params); }).param_name, "identifier");
  params.identifier = std::string(kEmail);
  params.password = std::string(kPassword);
  EXPECT_EQ(error_code_of([&] { sign_in_flow.create(home(), params); }), "form_param_unknown");
}

TEST_F(ResetPasswordTest, ALockedUserCannotReset) {
  const auto si = identify(home());
  sign_in_flow.prepare_first_factor(home(), si.id, kReset, "");
  for (int i = 0; i < settings.lockout_attempts; ++i) record_failed_attempt(ctx, user(zoe.user_id));
  EXPECT_EQ(error_code_of([&] {
              sign_in_flow.attempt_first_factor(home(), si.id, kReset, mailer.last().code);
            }),
            "user_locked");
}

// Under enumeration protection an unknown address gets the same answer and a decoy code.
TEST_F(ResetPasswordTest, AnUnknownAddressUnderEnumerationProtectionGetsADecoy) {
  settings.enumeration_protection = true;
  const auto si = identify(home(), "nobody@example.com");
  const auto sent_before = mailer.messages.size();
  const auto prepared = sign_in_flow.prepare_first_factor(home(), si.id, kReset, "");
  EXPECT_EQ(prepared.first_factor.strategy, kReset);
  EXPECT_EQ(mailer.messages.size(), sent_before);
  EXPECT_EQ(
      error_code_of([&] { sign_in_flow.attempt_first_factor(home(), si.id, kReset, "123456"); }),
      "form_code_incorrect");

  const auto options = protected_first_factor_options("nobody@example.com", settings);
  ASSERT_NE(find_option(options, kReset, ""), nullptr);
  EXPECT_EQ(find_option(options, kReset, "")->safe_identifier, "nobody@example.com");
}

// Without passwords there is nothing to reset, for known and unknown addresses alike.
TEST_F(ResetPasswordTest, NoResetCodeOnAnInstanceWithoutPasswords) {
  settings.enumeration_protection = true;
  settings.password_enabled = false;
  for (const auto& email : {std::string(kEmail), std::string("nobody@example.com")}) {
    const auto si = identify(home(), email);
    EXPECT_EQ(error_code_of([&] { sign_in_flow.prepare_first_factor(home(), si.id, kReset, ""); }),
              "strategy_for_user_invalid")
        << email;
  }
  EXPECT_EQ(find_option(protected_first_factor_options(std::string(kEmail), settings), kReset, ""),
            nullptr);
}

}  // namespace
}  // namespace tessera::auth::test
