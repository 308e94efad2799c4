// SignUpFlow: email + password, verified by an emailed code, then a user, a session and a
// trusted client at once.
#include "auth/sign_up/sign_up_flow.h"

#include <gmock/gmock.h>

#include "auth/client/client_registry.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ::testing::ElementsAre;

class SignUpFlowTest : public DomainFixture {
 protected:
  SignUp create(std::string_view email = kEmail, std::string_view password = kPassword) {
    SignUpParams params;
    params.email_address = std::string(email);
    params.password = std::string(password);
    return sign_up_flow.create(client, params);
  }
  SignUp create_and_prepare(std::string_view email = kEmail) {
    const auto su = create(email);
    return sign_up_flow.prepare_verification(client, su.id, "email_code");
  }
  SignUp attempt(const SignUp& su, const std::string& code) {
    return sign_up_flow.attempt_verification(client, su.id, "email_code", code);
  }
  SignUp complete_with_emailed_code() {
    const auto su = create_and_prepare();
    return attempt(su, mailer.last().code);
  }
  std::string wrong_code_for(const std::string& code) const {
    return code == "000000" ? "111111" : "000000";
  }

  Client client = new_client();
};

TEST_F(SignUpFlowTest, CreateWithEmailAndPasswordMissesOnlyTheEmailVerification) {
  const auto su = create("  Zoe@Example.COM ");
  EXPECT_EQ(su.status, "missing_requirements");
  EXPECT_EQ(su.email_address, "zoe@example.com");
  EXPECT_FALSE(su.email_verification.verified());
  EXPECT_TRUE(sign_up_flow.missing_fields(su).empty());
  EXPECT_EQ(store.find_client(client.id)->sign_up_id, su.id);
}

TEST_F(SignUpFlowTest, AFirstSignUpStoresItsNewClientWithTheAttempt) {
  client = issue_client(ctx).client;
  const auto su = create();
  EXPECT_FALSE(client.is_new);
  const auto stored = store.find_client(client.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->sign_up_id, su.id);
}

TEST_F(SignUpFlowTest, MissingFieldsNameWhatIsStillNeeded) {
  const auto su = sign_up_flow.create(client, {});
  EXPECT_THAT(sign_up_flow.missing_fields(su), ElementsAre("email_address", "password"));
}

TEST_F(SignUpFlowTest, VerifiedEmailCompletesOnceThePasswordIsGiven) {
  SignUpParams email_only;
  email_only.email_address = std::string(kEmail);
  const auto su = sign_up_flow.create(client, email_only);
  sign_up_flow.prepare_verification(client, su.id, "email_code");
  const auto verified = attempt(su, mailer.last().code);
  EXPECT_EQ(verified.status, "missing_requirements");
  EXPECT_TRUE(verified.email_verification.verified());

  SignUpParams password;
  password.password = std::string(kPassword);
  const auto done = sign_up_flow.update(client, su.id, password);
  EXPECT_EQ(done.status, "complete");
  EXPECT_FALSE(done.created_user_id.empty());
}

TEST_F(SignUpFlowTest, ChangingTheEmailRequiresANewVerification) {
  const auto su = create_and_prepare();
  SignUpParams other;
  other.email_address = "other@example.com";
  EXPECT_EQ(sign_up_flow.update(client, su.id, other).email_verification.strategy, "");
  EXPECT_EQ(error_code_of([&] { attempt(su, mailer.last().code); }), "verification_not_sent");
}

TEST_F(SignUpFlowTest, SignUpIsRefusedWhileSignedInInSingleSessionMode) {
  const auto signed_up = complete_with_emailed_code();
  ASSERT_EQ(signed_up.status, "complete");
  EXPECT_EQ(error_code_of([&] { create("other@example.com"); }), "session_exists");
}

TEST_F(SignUpFlowTest, DisabledSignUpIsForbidden) {
  settings.sign_up_enabled = false;
  EXPECT_EQ(error_code_of([&] { create(); }), "sign_up_mode_restricted");
}

TEST_F(SignUpFlowTest, PrepareSendsExactlyOneEmailToTheAddress) {
  create_and_prepare();
  ASSERT_EQ(mailer.messages.size(), 1u);
  EXPECT_EQ(mailer.last().to, kEmail);
  EXPECT_EQ(mailer.last().purpose, CodePurpose::sign_up_verification);
  EXPECT_EQ(mailer.last().code.size(), 6u);
  EXPECT_TRUE(sms.messages.empty());
}

TEST_F(SignUpFlowTest, TestEmailInTestModeGetsNoEmailAndAccepts424242) {
  settings.test_mode = true;
  const auto su = create_and_prepare("zoe+clerk_test@example.com");
  EXPECT_TRUE(mailer.messages.empty());
  EXPECT_EQ(attempt(su, "424242").status, "complete");
}

TEST_F(SignUpFlowTest, TestEmailInTestModeRejectsAnyOtherCode) {
  settings.test_mode = true;
  const auto su = create_and_prepare("zoe+clerk_test@example.com");
  EXPECT_EQ(error_code_of([&] { attempt(su, "123456"); }), "form_code_incorrect");
}

TEST_F(SignUpFlowTest, TestEmailOutsideTestModeGetsARealCode) {
  create_and_prepare("zoe+clerk_test@example.com");
  ASSERT_EQ(mailer.messages.size(), 1u);
  EXPECT_EQ(attempt(sign_up_flow.get(client, client.sign_up_id), mailer.last().code).status,
            "complete");
}

TEST_F(SignUpFlowTest, WrongCodeIsIncorrectAndCounted) {
  const auto su = create_and_prepare();
  const auto error = auth_error_of([&] { attempt(su, wrong_code_for(mailer.last().code)); });
  EXPECT_EQ(error.code, "form_code_incorrect");
  EXPECT_EQ(error.param_name, "code");
  EXPECT_EQ(sign_up_flow.get(client, su.id).email_verification.attempts, 1);
}

TEST_F(SignUpFlowTest, ThirdWrongCodeFailsTheVerificationEvenForTheRightCode) {
  const auto su = create_and_prepare();
  const auto code = mailer.last().code;
  const auto wrong = wrong_code_for(code);
  EXPECT_EQ(error_code_of([&] { attempt(su, wrong); }), "form_code_incorrect");
  EXPECT_EQ(error_code_of([&] { attempt(su, wrong); }), "form_code_incorrect");
  EXPECT_EQ(error_code_of([&] { attempt(su, wrong); }), "verification_failed");
  // BUG: check_code (src/auth/code/one_time_code.cpp) clears code_hash when the verification
  // fails, then reports every later attempt as not_prepared (verification_not_sent) because the
  // code_hash.empty() check runs before the status == "failed" check.
  EXPECT_EQ(error_code_of([&] { attempt(su, code); }), "verification_failed");
  EXPECT_EQ(sign_up_flow.get(client, su.id).email_verification.status, "failed");
}

TEST_F(SignUpFlowTest, CodeExpiresAfterItsLifetime) {
  const auto su = create_and_prepare();
  clock.advance(settings.code_lifetime_ms + 1);
  EXPECT_EQ(error_code_of([&] { attempt(su, mailer.last().code); }), "verification_expired");
}

TEST_F(SignUpFlowTest, CorrectCodeCreatesTheUserAnActiveSessionAndTrustsTheClient) {
  const auto su = complete_with_emailed_code();
  ASSERT_EQ(su.status, "complete");

  const auto record = user_record(su.created_user_id);
  ASSERT_EQ(record.email_addresses.size(), 1u);
  EXPECT_EQ(record.primary_email()->email, kEmail);
  EXPECT_TRUE(record.primary_email()->verified);
  EXPECT_TRUE(hasher.verify(record.user.password_hash, kPassword));

  const auto s = session(su.created_session_id);
  EXPECT_EQ(s.status, "active");
  EXPECT_EQ(s.user_id, su.created_user_id);
  EXPECT_EQ(s.client_id, client.id);
  EXPECT_TRUE(store.is_client_trusted(client.id, su.created_user_id));
  const auto stored_client = *store.find_client(client.id);
  EXPECT_EQ(stored_client.last_active_session_id, su.created_session_id);
  EXPECT_TRUE(stored_client.sign_up_id.empty());
}

TEST_F(SignUpFlowTest, RequiredMfaLeavesTheSessionPendingWithSetupMfa) {
  settings.require_mfa = true;
  const auto su = complete_with_emailed_code();
  const auto s = session(su.created_session_id);
  EXPECT_EQ(s.status, "pending");
  EXPECT_THAT(s.tasks, ElementsAre("setup-mfa"));
}

TEST_F(SignUpFlowTest, EmailOfAnExistingUserIsRejectedAtCreate) {
  sign_up();
  const auto error = auth_error_of([&] { create(" ZOE@example.com"); });
  EXPECT_EQ(error.code, "form_identifier_exists");
  EXPECT_EQ(error.param_name, "email_address");
}

TEST_F(SignUpFlowTest, SecondSignUpOfTheSameEmailFailsWhenItCompletesAfterTheFirst) {
  auto other = new_client();
  const auto mine = create_and_prepare();
  const auto my_code = mailer.last().code;
  SignUpParams params;
  params.email_address = std::string(kEmail);
  params.password = std::string(kPassword);
  const auto theirs = sign_up_flow.create(other, params);
  sign_up_flow.prepare_verification(other, theirs.id, "email_code");
  const auto their_code = mailer.last().code;

  ASSERT_EQ(attempt(mine, my_code).status, "complete");
  const auto error = auth_error_of(
      [&] { sign_up_flow.attempt_verification(other, theirs.id, "email_code", their_code); });
  EXPECT_EQ(error.code, "identification_claimed");  // Clerk's code for a taken identifier
  EXPECT_EQ(store.count_users(), 1);
  EXPECT_TRUE(sessions.live_of_client(other.id).empty());
}

TEST_F(SignUpFlowTest, MalformedEmailIsRejected) {
  for (const auto* email : {"zoe", "zoe@", "@example.com", "zoe@example", "zoe@@example.com",
                            "zo e@example.com", "zoe@example..com"}) {
    SCOPED_TRACE(email);
    const auto error = auth_error_of([&] { create(email); });
    EXPECT_EQ(error.code, "form_param_format_invalid");
    EXPECT_EQ(error.param_name, "email_address");
  }
}

TEST_F(SignUpFlowTest, PasswordOutsideThePolicyIsRejected) {
  const auto too_short = auth_error_of([&] { create(kEmail, "short"); });
  EXPECT_EQ(too_short.code, "form_password_length_too_short");
  EXPECT_EQ(too_short.param_name, "password");
  const auto too_long =
      auth_error_of([&] { create(kEmail, std::string(settings.password_max_length + 1, 'x')); });
  EXPECT_EQ(too_long.code, "form_password_length_too_long");
  EXPECT_EQ(too_long.param_name, "password");
}

TEST_F(SignUpFlowTest, AnotherClientCannotReadOrAdvanceTheSignUp) {
  const auto su = create_and_prepare();
  const auto code = mailer.last().code;
  auto stranger = new_client();
  EXPECT_EQ(error_code_of([&] { sign_up_flow.get(stranger, su.id); }), "resource_not_found");
  EXPECT_EQ(error_code_of([&] { sign_up_flow.update(stranger, su.id, {}); }), "resource_not_found");
  EXPECT_EQ(
      error_code_of([&] { sign_up_flow.prepare_verification(stranger, su.id, "email_code"); }),
      "resource_not_found");
  EXPECT_EQ(error_code_of(
                [&] { sign_up_flow.attempt_verification(stranger, su.id, "email_code", code); }),
            "resource_not_found");
  EXPECT_EQ(store.count_users(), 0);
}

TEST_F(SignUpFlowTest, ExpiredSignUpIsNotFound) {
  const auto su = create_and_prepare();
  clock.advance(settings.sign_in_lifetime_ms);
  EXPECT_EQ(error_code_of([&] { sign_up_flow.get(client, su.id); }), "resource_not_found");
  EXPECT_EQ(error_code_of([&] { attempt(su, mailer.last().code); }), "resource_not_found");
}

TEST_F(SignUpFlowTest, ResendWithinTheCooldownIsRefused) {
  const auto su = create_and_prepare();
  clock.advance(settings.resend_cooldown_ms - 1000);
  const auto error =
      auth_error_of([&] { sign_up_flow.prepare_verification(client, su.id, "email_code"); });
  EXPECT_EQ(error.code, "verification_code_too_many_requests");
  EXPECT_EQ(error.meta.at("retry_after_seconds"), "1");
  EXPECT_EQ(mailer.messages.size(), 1u);
}

TEST_F(SignUpFlowTest, ResendAfterTheCooldownSendsANewCodeThatReplacesTheOld) {
  const auto su = create_and_prepare();
  const auto first_code = mailer.last().code;
  clock.advance(settings.resend_cooldown_ms);
  sign_up_flow.prepare_verification(client, su.id, "email_code");
  ASSERT_EQ(mailer.messages.size(), 2u);
  if (first_code != mailer.last().code) {
    EXPECT_EQ(error_code_of([&] { attempt(su, first_code); }), "form_code_incorrect");
  }
  EXPECT_EQ(attempt(su, mailer.last().code).status, "complete");
}

}  // namespace
}  // namespace tessera::auth::test
