// One-time codes: issuing (delivery, test identifiers, resend cooldown) and checking.
#include "auth/code/one_time_code.h"

#include "auth/identifiers.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

class OneTimeCodeTest : public DomainFixture {
 protected:
  static CodeTarget email_target(std::string address = std::string(kEmail)) {
    return {"email_code", "idn_email", std::move(address), CodePurpose::second_factor};
  }
  static CodeTarget phone_target(std::string phone = "+15555550123") {
    return {"phone_code", "idn_phone", std::move(phone), CodePurpose::second_factor};
  }
  Verification issue(const CodeTarget& target, const Verification& previous = {}) {
    return issue_code(ctx, target, previous);
  }
  static std::string wrong_code_for(const std::string& code) {
    return code == "000000" ? "111111" : "000000";
  }
};

TEST_F(OneTimeCodeTest, EmailCodeIsMailedAndOnlyItsHashKept) {
  const auto v = issue(email_target());
  ASSERT_EQ(mailer.messages.size(), 1u);
  const auto& sent = mailer.last();
  EXPECT_EQ(sent.to, kEmail);
  EXPECT_EQ(sent.purpose, CodePurpose::second_factor);
  EXPECT_EQ(sent.application_name, settings.application_name);
  EXPECT_EQ(sent.code.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_EQ(sent.code.size(), 6u);
  EXPECT_TRUE(sms.messages.empty());

  EXPECT_EQ(v.status, "unverified");
  EXPECT_EQ(v.strategy, "email_code");
  EXPECT_EQ(v.target_id, "idn_email");
  EXPECT_EQ(v.attempts, 0);
  EXPECT_EQ(v.sent_at, clock.now_ms());
  EXPECT_EQ(v.expire_at, clock.now_ms() + settings.code_lifetime_ms);
  EXPECT_FALSE(v.code_hash.empty());
  EXPECT_EQ(v.code_hash.find(sent.code), std::string::npos);
}

TEST_F(OneTimeCodeTest, PhoneCodeIsTexted) {
  issue(phone_target());
  ASSERT_EQ(sms.messages.size(), 1u);
  EXPECT_EQ(sms.last().to, "+15555550123");
  EXPECT_TRUE(mailer.messages.empty());
}

TEST_F(OneTimeCodeTest, TestPhoneInTestModeGetsNothingAndAccepts424242) {
  settings.test_mode = true;
  auto v = issue(phone_target("+15555550100"));
  EXPECT_TRUE(sms.messages.empty());
  EXPECT_EQ(check_code(ctx, v, kTestCode), CodeCheck::ok);
}

TEST_F(OneTimeCodeTest, RealPhoneInTestModeStillGetsARealCode) {
  settings.test_mode = true;
  issue(phone_target("+15555550200"));
  EXPECT_EQ(sms.messages.size(), 1u);
}

TEST_F(OneTimeCodeTest, RightCodeVerifiesOnce) {
  auto v = issue(email_target());
  EXPECT_EQ(check_code(ctx, v, mailer.last().code), CodeCheck::ok);
  EXPECT_TRUE(v.verified());
  EXPECT_EQ(v.attempts, 1);
  // BUG: a second check of a verified code returns not_prepared (verification_not_sent):
  // check_code clears code_hash on success and tests code_hash.empty() before status.
  EXPECT_EQ(check_code(ctx, v, mailer.last().code), CodeCheck::already_verified);
}

TEST_F(OneTimeCodeTest, WrongCodesFailTheVerificationAtTheAttemptLimit) {
  auto v = issue(email_target());
  const auto code = mailer.last().code;
  for (int i = 1; i < settings.code_max_attempts; ++i)
    EXPECT_EQ(check_code(ctx, v, wrong_code_for(code)), CodeCheck::incorrect);
  EXPECT_EQ(check_code(ctx, v, wrong_code_for(code)), CodeCheck::failed);
  EXPECT_EQ(v.status, "failed");
  // BUG: after failing, check_code returns not_prepared (verification_not_sent) instead of
  // failed, because code_hash was cleared and is tested before the status.
  EXPECT_EQ(check_code(ctx, v, code), CodeCheck::failed);
}

TEST_F(OneTimeCodeTest, CodeExpiresAtTheEndOfItsLifetime) {
  auto v = issue(email_target());
  clock.advance(settings.code_lifetime_ms - 1);
  auto still_valid = v;
  EXPECT_EQ(check_code(ctx, still_valid, mailer.last().code), CodeCheck::ok);
  clock.advance(1);
  EXPECT_EQ(check_code(ctx, v, mailer.last().code), CodeCheck::expired);
  EXPECT_EQ(v.status, "expired");
}

TEST_F(OneTimeCodeTest, NothingIssuedIsNotPrepared) {
  Verification v;
  EXPECT_EQ(check_code(ctx, v, "123456"), CodeCheck::not_prepared);
}

TEST_F(OneTimeCodeTest, ResendToTheSameTargetWaitsForTheCooldown) {
  const auto v = issue(email_target());
  clock.advance(settings.resend_cooldown_ms - 1);
  const auto error = auth_error_of([&] { issue(email_target(), v); });
  EXPECT_EQ(error.code, "verification_code_too_many_requests");
  EXPECT_EQ(error.meta.at("retry_after_seconds"), "1");
  clock.advance(1);
  issue(email_target(), v);
  EXPECT_EQ(mailer.messages.size(), 2u);
}

TEST_F(OneTimeCodeTest, CodeToAnotherTargetIsNotHeldByTheCooldown) {
  const auto v = issue(email_target());
  issue(phone_target(), v);
  EXPECT_EQ(sms.messages.size(), 1u);
}

TEST_F(OneTimeCodeTest, ErrorsCarryClerkCodes) {
  const std::pair<CodeCheck, std::string> cases[] = {
      {CodeCheck::incorrect, "form_code_incorrect"},
      {CodeCheck::expired, "verification_expired"},
      {CodeCheck::failed, "verification_failed"},
      {CodeCheck::not_prepared, "verification_not_sent"},
      {CodeCheck::already_verified, "verification_already_verified"}};
  for (const auto& [check, code] : cases)
    EXPECT_EQ(error_code_of([&] { throw_code_error(check); }), code);
  EXPECT_NO_THROW(throw_code_error(CodeCheck::ok));
  EXPECT_EQ(auth_error_of([] { throw_code_error(CodeCheck::incorrect); }).param_name, "code");
}

}  // namespace
}  // namespace tessera::auth::test
