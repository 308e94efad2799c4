// SignInFlow: identifier + password, client trust for new devices, lockout.
#include "auth/sign_in/sign_in_flow.h"

#include "auth/client/client_registry.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

// A user who signed up on `home` and signed out again.
class SignInFlowTest : public DomainFixture {
 protected:
  void SetUp() override {
    zoe = sign_up();
    sign_out(zoe.client);
  }

  Client& home() { return zoe.client; }
  // The status of a password sign-in, or the code of the error it failed with.
  std::string password_sign_in_outcome(Client& client) {
    try {
      return sign_in_with_password(client).status;
    } catch (const AuthError& error) {
      return error.code;
    }
  }
  std::string wrong_password_error(Client& client) {
    return error_code_of([&] { sign_in_with_password(client, kEmail, "wrong password"); });
  }

  SignedUpUser zoe;
};

TEST_F(SignInFlowTest, RightPasswordOnTheSignUpClientCompletesWithASession) {
  const auto si = sign_in_with_password(home());
  ASSERT_EQ(si.status, "complete");
  const auto s = session(si.created_session_id);
  EXPECT_EQ(s.user_id, zoe.user_id);
  EXPECT_EQ(s.status, "active");
  EXPECT_EQ(s.second_factor_at, 0);
  EXPECT_EQ(home().last_active_session_id, si.created_session_id);
  EXPECT_TRUE(home().sign_in_id.empty());
  EXPECT_EQ(user(zoe.user_id).last_sign_in_at, clock.now_ms());
}

TEST_F(SignInFlowTest, IdentifierIsMatchedCaseInsensitively) {
  EXPECT_EQ(sign_in_with_password(home(), "  ZOE@Example.com").status, "complete");
}

TEST_F(SignInFlowTest, NewClientNeedsClientTrust) {
  auto laptop = new_client();
  const auto si = sign_in_with_password(laptop);
  EXPECT_EQ(si.status, "needs_client_trust");
  EXPECT_EQ(si.client_trust_state, "new");
  EXPECT_TRUE(si.created_session_id.empty());
  EXPECT_TRUE(sessions.live_of_client(laptop.id).empty());
}

// The route presents the sign-in with the user the step read, instead of reading them again.
TEST_F(SignInFlowTest, AStepLendsTheUserItRead) {
  auto laptop = new_client();
  SignInFlow flow(ctx);
  EXPECT_FALSE(flow.user());
  const auto si = flow.create(laptop, {std::string(kEmail), std::string(kPassword), std::nullopt});
  ASSERT_TRUE(flow.user());
  EXPECT_EQ(flow.user()->user.id, zoe.user_id);
  EXPECT_EQ(flow.user()->email_addresses.at(0).email, kEmail);

  SignInFlow next(ctx);
  next.get(laptop, si.id);  // the user is read with the attempt
  ASSERT_TRUE(next.user());
  EXPECT_EQ(next.user()->user.id, zoe.user_id);
}

TEST_F(SignInFlowTest, NewClientCompletesWhenClientTrustIsOff) {
  settings.client_trust = false;
  auto laptop = new_client();
  EXPECT_EQ(sign_in_with_password(laptop).status, "complete");
}

// A browser's first request makes its client; the sign-in stores it with the attempt.
TEST_F(SignInFlowTest, AFirstSignInStoresItsNewClientWithTheAttempt) {
  auto browser = issue_client(ctx).client;
  const auto si = sign_in_with_password(browser);
  EXPECT_EQ(si.status, "needs_client_trust");
  EXPECT_FALSE(browser.is_new);
  const auto stored = store.find_client(browser.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->sign_in_id, si.id);
  EXPECT_EQ(store.find_sign_in(si.id)->status, "needs_client_trust");
}

TEST_F(SignInFlowTest, AWrongPasswordFromANewClientStoresTheAttemptAndCountsTheFailure) {
  auto browser = issue_client(ctx).client;
  EXPECT_EQ(wrong_password_error(browser), "form_password_incorrect");
  const auto stored = store.find_client(browser.id);
  ASSERT_TRUE(stored);
  const auto si = store.find_sign_in(stored->sign_in_id);
  ASSERT_TRUE(si);
  EXPECT_EQ(si->status, "needs_first_factor");
  EXPECT_EQ(user(zoe.user_id).failed_attempts, 1);
}

TEST_F(SignInFlowTest, ARefusedAttemptFromANewClientStoresNothing) {
  settings.enumeration_protection = false;
  auto browser = issue_client(ctx).client;
  EXPECT_EQ(error_code_of([&] { sign_in_with_password(browser, "nobody@example.com"); }),
            "form_identifier_not_found");
  EXPECT_TRUE(browser.is_new);
  EXPECT_FALSE(store.find_client(browser.id));
}

TEST_F(SignInFlowTest, WrongPasswordIsIncorrect) {
  const auto error =
      auth_error_of([&] { sign_in_with_password(home(), kEmail, "wrong password"); });
  EXPECT_EQ(error.code, "form_password_incorrect");
  EXPECT_EQ(error.param_name, "password");
  EXPECT_TRUE(sessions.live_of_client(home().id).empty());
}

TEST_F(SignInFlowTest, UnknownIdentifierIsNotFound) {
  const auto error = auth_error_of([&] { sign_in_with_password(home(), "nobody@example.com"); });
  EXPECT_EQ(error.code, "form_identifier_not_found");
  EXPECT_EQ(error.param_name, "identifier");
}

TEST_F(SignInFlowTest, IdentifierFirstThenPassword) {
  SignInParams params;
  params.identifier = std::string(kEmail);
  const auto si = sign_in_flow.create(home(), params);
  ASSERT_EQ(si.status, "needs_first_factor");
  EXPECT_EQ(si.user_id, zoe.user_id);
  const auto done =
      sign_in_flow.attempt_first_factor(home(), si.id, "password", std::string(kPassword));
  EXPECT_EQ(done.status, "complete");
  EXPECT_FALSE(done.created_session_id.empty());
}

TEST_F(SignInFlowTest, IdentifierFirstThenEmailCode) {
  SignInParams params;
  params.identifier = std::string(kEmail);
  const auto si = sign_in_flow.create(home(), params);
  const auto sent_before = mailer.messages.size();
  sign_in_flow.prepare_first_factor(home(), si.id, "email_code", "");
  ASSERT_EQ(mailer.messages.size(), sent_before + 1);
  EXPECT_EQ(mailer.last().to, kEmail);
  const auto wrong = mailer.last().code == "000000" ? "111111" : "000000";
  EXPECT_EQ(
      error_code_of([&] { sign_in_flow.attempt_first_factor(home(), si.id, "email_code", wrong); }),
      "form_code_incorrect");
  EXPECT_EQ(
      sign_in_flow.attempt_first_factor(home(), si.id, "email_code", mailer.last().code).status,
      "complete");
}

// Clerk's Client Trust applies to password sign-ins only: an emailed code proves the inbox.
TEST_F(SignInFlowTest, EmailCodeSignInOnANewClientCompletesAndTrustsIt) {
  auto laptop = new_client();
  SignInParams params;
  params.identifier = std::string(kEmail);
  const auto si = sign_in_flow.create(laptop, params);
  sign_in_flow.prepare_first_factor(laptop, si.id, "email_code", "");
  const auto done =
      sign_in_flow.attempt_first_factor(laptop, si.id, "email_code", mailer.last().code);
  EXPECT_EQ(done.status, "complete");
  EXPECT_TRUE(store.is_client_trusted(laptop.id, zoe.user_id));
}

TEST_F(SignInFlowTest, AStepOnAnOlderSignInOfTheClientIsForbidden) {
  auto laptop = new_client();
  const auto older = sign_in_with_password(laptop);
  ASSERT_EQ(older.status, "needs_client_trust");
  const auto newer = sign_in_with_password(laptop);
  EXPECT_EQ(error_code_of(
                [&] { sign_in_flow.prepare_second_factor(laptop, older.id, "email_code", ""); }),
            "resource_forbidden");
  sign_in_flow.prepare_second_factor(laptop, newer.id, "email_code", "");
  EXPECT_EQ(
      sign_in_flow.attempt_second_factor(laptop, newer.id, "email_code", mailer.last().code).status,
      "complete");
}

TEST_F(SignInFlowTest, SingleSessionModeRefusesASecondSignInWhileSignedIn) {
  ASSERT_EQ(sign_in_with_password(home()).status, "complete");
  EXPECT_EQ(error_code_of([&] { sign_in_with_password(home()); }), "session_exists");
}

TEST_F(SignInFlowTest, MultiSessionModeAllowsASecondSignIn) {
  settings.single_session_mode = false;
  ASSERT_EQ(sign_in_with_password(home()).status, "complete");
  EXPECT_EQ(sign_in_with_password(home()).status, "complete");
  EXPECT_EQ(sessions.live_of_client(home().id).size(), 2u);
}

TEST_F(SignInFlowTest, ClientTrustCodeGoesToThePrimaryEmailAndTrustsTheClient) {
  auto laptop = new_client();
  const auto si = sign_in_with_password(laptop);
  const auto sent_before = mailer.messages.size();
  sign_in_flow.prepare_second_factor(laptop, si.id, "email_code", "");
  ASSERT_EQ(mailer.messages.size(), sent_before + 1);
  EXPECT_EQ(mailer.last().to, kEmail);
  EXPECT_EQ(mailer.last().purpose, CodePurpose::client_trust);

  const auto done =
      sign_in_flow.attempt_second_factor(laptop, si.id, "email_code", mailer.last().code);
  EXPECT_EQ(done.status, "complete");
  EXPECT_EQ(done.client_trust_state, "known");
  EXPECT_TRUE(store.is_client_trusted(laptop.id, zoe.user_id));

  sign_out(laptop);
  EXPECT_EQ(sign_in_with_password(laptop).status, "complete");
}

TEST_F(SignInFlowTest, WrongClientTrustCodeIsIncorrect) {
  auto laptop = new_client();
  const auto si = sign_in_with_password(laptop);
  sign_in_flow.prepare_second_factor(laptop, si.id, "email_code", "");
  const auto wrong = mailer.last().code == "000000" ? "111111" : "000000";
  const auto error = auth_error_of(
      [&] { sign_in_flow.attempt_second_factor(laptop, si.id, "email_code", wrong); });
  EXPECT_EQ(error.code, "form_code_incorrect");
  EXPECT_EQ(error.param_name, "code");
  EXPECT_FALSE(store.is_client_trusted(laptop.id, zoe.user_id));
}

TEST_F(SignInFlowTest, LockoutAfterTooManyWrongPasswordsRefusesEvenTheRightOne) {
  for (int i = 0; i < settings.lockout_attempts; ++i)
    ASSERT_EQ(wrong_password_error(home()), "form_password_incorrect") << "attempt " << i;
  const auto error = auth_error_of([&] { sign_in_with_password(home()); });
  EXPECT_EQ(error.code, "user_locked");
  EXPECT_EQ(error.meta.at("lockout_expires_in_seconds"),
            std::to_string(settings.lockout_ms / 1000));
}

TEST_F(SignInFlowTest, LockoutEndsAfterItsDurationAndTheRightPasswordResetsTheCounter) {
  for (int i = 0; i < settings.lockout_attempts; ++i) wrong_password_error(home());
  clock.advance(settings.lockout_ms);
  EXPECT_EQ(sign_in_with_password(home()).status, "complete");
  const auto after = user(zoe.user_id);
  EXPECT_EQ(after.failed_attempts, 0);
  EXPECT_EQ(after.locked_until, 0);
}

TEST_F(SignInFlowTest, OneWrongPasswordAfterTheLockoutEndsDoesNotLockAgain) {
  for (int i = 0; i < settings.lockout_attempts; ++i) wrong_password_error(home());
  clock.advance(settings.lockout_ms);
  EXPECT_EQ(wrong_password_error(home()), "form_password_incorrect");
  // BUG: the failure counter is not reset when a lock runs out (src/auth/lockout.cpp
  // record_failed_attempt / the store's record_failed_attempt count on from the threshold), so
  // the first mistake after the hour locks the account for another full hour.
  EXPECT_EQ(password_sign_in_outcome(home()), "complete");
}

TEST_F(SignInFlowTest, FewerWrongPasswordsThanTheLimitDoNotLock) {
  for (int i = 0; i + 1 < settings.lockout_attempts; ++i) wrong_password_error(home());
  EXPECT_EQ(sign_in_with_password(home()).status, "complete");
  EXPECT_EQ(user(zoe.user_id).failed_attempts, 0);
}

TEST_F(SignInFlowTest, ImportedPasswordHashIsUpgradedOnSignIn) {
  auto u = user(zoe.user_id);
  u.password_hash = FakePasswordHasher::legacy_hash(kPassword);
  store.update_user(u);
  ASSERT_EQ(sign_in_with_password(home()).status, "complete");
  const auto upgraded = user(zoe.user_id).password_hash;
  EXPECT_FALSE(hasher.needs_rehash(upgraded));
  EXPECT_TRUE(hasher.verify(upgraded, kPassword));
}

TEST_F(SignInFlowTest, AnotherClientCannotReadTheSignIn) {
  SignInParams params;
  params.identifier = std::string(kEmail);
  const auto si = sign_in_flow.create(home(), params);
  auto stranger = new_client();
  EXPECT_EQ(error_code_of([&] { sign_in_flow.get(stranger, si.id); }), "resource_not_found");
  EXPECT_EQ(error_code_of([&] {
              sign_in_flow.attempt_first_factor(stranger, si.id, "password",
                                                std::string(kPassword));
            }),
            "resource_not_found");
}

TEST_F(SignInFlowTest, ExpiredSignInIsNotFound) {
  SignInParams params;
  params.identifier = std::string(kEmail);
  const auto si = sign_in_flow.create(home(), params);
  clock.advance(settings.sign_in_lifetime_ms);
  EXPECT_EQ(error_code_of([&] { sign_in_flow.get(home(), si.id); }), "resource_not_found");
}

}  // namespace
}  // namespace tessera::auth::test
