// Second factors at sign-in: TOTP (with replay protection), backup codes, SMS codes.
#include <gmock/gmock.h>

#include <cctype>
#include <stdexcept>

#include "auth/factors/factor_options.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ::testing::ElementsAre;

constexpr std::string_view kPhone = "+15555550123";

// A user who signed up and signed out; each sign-in below starts on a fresh client.
class SecondFactorTest : public DomainFixture {
 protected:
  void SetUp() override {
    zoe = sign_up();
    sign_out(zoe.client);
  }

  // Signs in with the password on a new client; the attempt then waits for the second factor.
  SignIn start_sign_in() {
    clients.push_back(new_client());
    auto si = sign_in_with_password(clients.back());
    EXPECT_EQ(si.status, "needs_second_factor");
    return si;
  }
  SignIn attempt(const SignIn& si, const std::string& strategy, const std::string& code) {
    return sign_in_flow.attempt_second_factor(client_of(si), si.id, strategy, code);
  }
  SignIn prepare(const SignIn& si, const std::string& strategy) {
    return sign_in_flow.prepare_second_factor(client_of(si), si.id, strategy, "");
  }
  std::string attempt_error(const SignIn& si, const std::string& strategy,
                            const std::string& code) {
    return error_code_of([&] { attempt(si, strategy, code); });
  }
  // A 6-digit code that no step in the accepted window produces.
  std::string wrong_totp(const std::string& key) const {
    for (const auto* candidate : {"000000", "111111", "222222", "333333"}) {
      bool in_window = false;
      for (int step = -1; step <= 1; ++step) in_window |= totp_code(key, step) == candidate;
      if (!in_window) return candidate;
    }
    throw std::logic_error("no wrong code found");
  }
  std::vector<std::string> supported_second_factors() {
    std::vector<std::string> strategies;
    for (const auto& option : second_factor_options(user_record(zoe.user_id), settings))
      strategies.push_back(option.strategy);
    return strategies;
  }

  SignedUpUser zoe;
  std::vector<Client> clients;

 private:
  Client& client_of(const SignIn& si) {
    for (auto& c : clients)
      if (c.id == si.client_id) return c;
    throw std::logic_error("unknown client");
  }
};

TEST_F(SecondFactorTest, TotpUserNeedsASecondFactor) {
  enable_totp(zoe.user_id);
  const auto si = start_sign_in();
  EXPECT_TRUE(si.created_session_id.empty());
  EXPECT_THAT(supported_second_factors(), ElementsAre("totp"));
}

TEST_F(SecondFactorTest, SupportedFactorsListEveryFactorTheUserHas) {
  enable_totp(zoe.user_id);
  add_mfa_phone(zoe.user_id, kPhone);
  give_backup_codes(zoe.user_id);
  EXPECT_THAT(supported_second_factors(), ElementsAre("totp", "phone_code", "backup_code"));
}

TEST_F(SecondFactorTest, CorrectTotpCompletesWithASecondFactorSession) {
  const auto key = enable_totp(zoe.user_id);
  const auto done = attempt(start_sign_in(), "totp", totp_code(key));
  ASSERT_EQ(done.status, "complete");
  EXPECT_EQ(session(done.created_session_id).second_factor_at, clock.now_ms());
}

TEST_F(SecondFactorTest, TotpCodeCannotBeReplayedInAnotherSignIn) {
  const auto key = enable_totp(zoe.user_id);
  const auto code = totp_code(key);
  ASSERT_EQ(attempt(start_sign_in(), "totp", code).status, "complete");
  const auto replayed = start_sign_in();
  EXPECT_EQ(attempt_error(replayed, "totp", code), "form_code_incorrect");
  // Failed like a wrong code: counted, the attempt still waiting, no session.
  const auto after = *store.find_sign_in(replayed.id);
  EXPECT_EQ(after.status, "needs_second_factor");
  EXPECT_EQ(after.second_factor.attempts, 1);
  EXPECT_TRUE(after.created_session_id.empty());
  EXPECT_TRUE(store.sessions_of_client(replayed.client_id).empty());
  EXPECT_EQ(user_record(zoe.user_id).user.failed_attempts, 1);
  EXPECT_EQ(store.find_client(replayed.client_id)->sign_in_id, replayed.id);
}

TEST_F(SecondFactorTest, TotpCodeOfThePreviousStepIsStillAccepted) {
  const auto key = enable_totp(zoe.user_id);
  EXPECT_EQ(attempt(start_sign_in(), "totp", totp_code(key, -1)).status, "complete");
}

TEST_F(SecondFactorTest, TotpCodeFromTwoStepsAgoIsRejected) {
  const auto key = enable_totp(zoe.user_id);
  const auto si = start_sign_in();
  const auto old_code = totp_code(key, -2);
  // Guard against the rare case where the old code equals one still in the window.
  if (old_code == totp_code(key, -1) || old_code == totp_code(key) || old_code == totp_code(key, 1))
    GTEST_SKIP() << "code collision";
  EXPECT_EQ(attempt_error(si, "totp", old_code), "form_code_incorrect");
}

TEST_F(SecondFactorTest, EachBackupCodeWorksOnce) {
  const auto codes = give_backup_codes(zoe.user_id);
  ASSERT_EQ(codes.size(), static_cast<std::size_t>(settings.backup_code_count));
  EXPECT_EQ(attempt(start_sign_in(), "backup_code", codes[0]).status, "complete");
  EXPECT_EQ(attempt_error(start_sign_in(), "backup_code", codes[0]), "form_code_incorrect");
  EXPECT_EQ(attempt(start_sign_in(), "backup_code", codes[1]).status, "complete");
  EXPECT_EQ(user_record(zoe.user_id).backup_codes_remaining, settings.backup_code_count - 2);
}

TEST_F(SecondFactorTest, BackupCodeIsAcceptedInUpperCase) {
  const auto codes = give_backup_codes(zoe.user_id);
  std::string upper = codes[0];
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(attempt(start_sign_in(), "backup_code", upper).status, "complete");
}

TEST_F(SecondFactorTest, RegeneratingBackupCodesInvalidatesTheOldOnes) {
  const auto old_codes = give_backup_codes(zoe.user_id);
  const auto new_codes = give_backup_codes(zoe.user_id);
  EXPECT_EQ(attempt_error(start_sign_in(), "backup_code", old_codes[0]), "form_code_incorrect");
  EXPECT_EQ(attempt(start_sign_in(), "backup_code", new_codes[0]).status, "complete");
}

TEST_F(SecondFactorTest, PhoneCodeIsSentToTheMfaPhoneAndCompletes) {
  add_mfa_phone(zoe.user_id, kPhone);
  const auto emails_before = mailer.messages.size();
  const auto si = prepare(start_sign_in(), "phone_code");
  ASSERT_EQ(sms.messages.size(), 1u);
  EXPECT_EQ(sms.last().to, kPhone);
  EXPECT_EQ(sms.last().purpose, CodePurpose::second_factor);
  EXPECT_EQ(mailer.messages.size(), emails_before);
  EXPECT_EQ(attempt(si, "phone_code", sms.last().code).status, "complete");
}

TEST_F(SecondFactorTest, PhoneCodeGoesToTheChosenPhone) {
  const auto phone = add_mfa_phone(zoe.user_id, kPhone);
  auto si = start_sign_in();
  auto& client = clients.back();
  EXPECT_EQ(error_code_of([&] {
              sign_in_flow.prepare_second_factor(client, si.id, "phone_code", "idn_unknown");
            }),
            "strategy_for_user_invalid");
  sign_in_flow.prepare_second_factor(client, si.id, "phone_code", phone.id);
  ASSERT_EQ(sms.messages.size(), 1u);
  EXPECT_EQ(sms.last().to, kPhone);
}

// clerk-js's signIn.mfa.sendPhoneCode() takes the first phone_code factor: the default one.
TEST_F(SecondFactorTest, TheDefaultPhoneIsListedFirstAndGetsTheCode) {
  auto older = add_mfa_phone(zoe.user_id, kPhone);
  older.default_second_factor = false;
  store.update_phone_number(older);
  const auto preferred = add_mfa_phone(zoe.user_id, "+12015550188");
  auto si = start_sign_in();
  const auto options = second_factor_options(user_record(zoe.user_id), settings);
  const auto first_phone = std::find_if(options.begin(), options.end(),
                                        [](const auto& o) { return o.strategy == "phone_code"; });
  ASSERT_NE(first_phone, options.end());
  EXPECT_EQ(first_phone->phone_number_id, preferred.id);
  EXPECT_TRUE(first_phone->is_default);
  prepare(si, "phone_code");
  ASSERT_EQ(sms.messages.size(), 1u);
  EXPECT_EQ(sms.last().to, "+12015550188");
}

TEST_F(SecondFactorTest, PhoneCodeAttemptBeforePrepareIsNotSent) {
  add_mfa_phone(zoe.user_id, kPhone);
  EXPECT_EQ(attempt_error(start_sign_in(), "phone_code", "123456"), "verification_not_sent");
}

TEST_F(SecondFactorTest, StrategyTheUserLacksIsInvalid) {
  add_mfa_phone(zoe.user_id, kPhone);
  const auto si = start_sign_in();
  EXPECT_EQ(attempt_error(si, "totp", "123456"), "strategy_for_user_invalid");
  EXPECT_EQ(attempt_error(si, "backup_code", "abcdefghjk"), "strategy_for_user_invalid");
  EXPECT_EQ(error_code_of([&] { prepare(si, "email_code"); }), "strategy_for_user_invalid");
}

TEST_F(SecondFactorTest, WrongSecondFactorCodesCountTowardLockout) {
  settings.lockout_attempts = 3;
  const auto key = enable_totp(zoe.user_id);
  const auto si = start_sign_in();
  for (int i = 0; i < settings.lockout_attempts; ++i)
    ASSERT_EQ(attempt_error(si, "totp", wrong_totp(key)), "form_code_incorrect") << "attempt " << i;
  const auto error = auth_error_of([&] { attempt(si, "totp", totp_code(key)); });
  EXPECT_EQ(error.code, "user_locked");
  EXPECT_EQ(error.meta.count("lockout_expires_in_seconds"), 1u);
}

TEST_F(SecondFactorTest, WrongPhoneCodesCountTowardLockout) {
  settings.lockout_attempts = 2;
  add_mfa_phone(zoe.user_id, kPhone);
  const auto si = prepare(start_sign_in(), "phone_code");
  const auto wrong = sms.last().code == "000000" ? "111111" : "000000";
  for (int i = 0; i < settings.lockout_attempts; ++i) attempt_error(si, "phone_code", wrong);
  EXPECT_EQ(attempt_error(si, "phone_code", sms.last().code), "user_locked");
}

}  // namespace
}  // namespace tessera::auth::test
