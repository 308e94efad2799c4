// The "new sign-in" notice: emailed when a sign-in completes on a client the user had never
// completed a sign-in on, whichever way it completed; never after sign-up, never for test
// identifiers in test mode, and never at the cost of the sign-in.
#include <gmock/gmock.h>

#include "auth/notices/account_notice.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const Device kLaptop{"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.7"};

// Zoe signed up on `home` and signed out. Sign-ins go through a flow that saw `kLaptop`.
class NewSignInNoticeTest : public DomainFixture {
 protected:
  void SetUp() override {
    settings.client_trust = false;
    zoe = sign_up();
    sign_out(zoe.client);
  }

  SignIn sign_in_from_laptop(Client& client) {
    SignInParams params;
    params.identifier = std::string(kEmail);
    params.password = std::string(kPassword);
    return laptop_flow.create(client, params);
  }

  SignInFlow laptop_flow{ctx, kLaptop};
  SignedUpUser zoe;
};

TEST_F(NewSignInNoticeTest, SignUpSendsNone) { EXPECT_THAT(mailer.notices, IsEmpty()); }

TEST_F(NewSignInNoticeTest, FirstSignInOnANewClientSendsOneNamingTimeAndDevice) {
  auto laptop = new_client();
  ASSERT_EQ(sign_in_from_laptop(laptop).status, "complete");
  ASSERT_THAT(mailer.notices, SizeIs(1));
  const auto& notice = mailer.notices[0];
  EXPECT_EQ(notice.to, kEmail);
  EXPECT_EQ(notice.application_name, settings.application_name);
  EXPECT_EQ(notice.at, clock.now_ms());
  EXPECT_EQ(notice.device.user_agent, kLaptop.user_agent);
  EXPECT_EQ(notice.device.ip_address, kLaptop.ip_address);
}

TEST_F(NewSignInNoticeTest, SecondSignInOnTheSameClientSendsNone) {
  auto laptop = new_client();
  sign_in_from_laptop(laptop);
  sign_out(laptop);
  sign_in_from_laptop(laptop);
  EXPECT_THAT(mailer.notices, SizeIs(1));
}

TEST_F(NewSignInNoticeTest, SignInOnTheSignUpClientSendsNone) {
  ASSERT_EQ(sign_in_from_laptop(zoe.client).status, "complete");
  EXPECT_THAT(mailer.notices, IsEmpty());
}

TEST_F(NewSignInNoticeTest, SentOnlyOnceClientTrustCompletes) {
  settings.client_trust = true;
  auto laptop = new_client();
  const auto si = sign_in_from_laptop(laptop);
  ASSERT_EQ(si.status, "needs_client_trust");
  laptop_flow.prepare_second_factor(laptop, si.id, "email_code", "");
  EXPECT_THAT(mailer.notices, IsEmpty());
  laptop_flow.attempt_second_factor(laptop, si.id, "email_code", mailer.last().code);
  EXPECT_THAT(mailer.notices, SizeIs(1));
}

TEST_F(NewSignInNoticeTest, SentOnlyOnceTheSecondFactorIsVerified) {
  const auto key = enable_totp(zoe.user_id);
  auto laptop = new_client();
  const auto si = sign_in_from_laptop(laptop);
  ASSERT_EQ(si.status, "needs_second_factor");
  EXPECT_THAT(mailer.notices, IsEmpty());
  laptop_flow.attempt_second_factor(laptop, si.id, "totp", totp_code(key));
  EXPECT_THAT(mailer.notices, SizeIs(1));
}

TEST_F(NewSignInNoticeTest, TestIdentifiersGetNoneInTestMode) {
  sign_up("tester+clerk_test@example.com");  // with a real code: test mode comes next
  settings.test_mode = true;
  auto laptop = new_client();
  ASSERT_EQ(sign_in_with_password(laptop, "tester+clerk_test@example.com", kPassword).status,
            "complete");
  EXPECT_THAT(mailer.notices, IsEmpty());
  // Real addresses still get theirs in test mode.
  auto tablet = new_client();
  sign_in_from_laptop(tablet);
  EXPECT_THAT(mailer.notices, SizeIs(1));
}

TEST_F(NewSignInNoticeTest, NoneWhenTurnedOff) {
  settings.new_sign_in_notice = false;
  auto laptop = new_client();
  ASSERT_EQ(sign_in_from_laptop(laptop).status, "complete");
  EXPECT_THAT(mailer.notices, IsEmpty());
}

TEST_F(NewSignInNoticeTest, UndeliverableNoticeIsLoggedAndTheSignInStands) {
  mailer.fail_notices = true;
  auto laptop = new_client();
  const auto si = sign_in_from_laptop(laptop);
  EXPECT_EQ(si.status, "complete");
  EXPECT_EQ(session(si.created_session_id).status, "active");
  ASSERT_THAT(log.lines, SizeIs(1));
  EXPECT_THAT(log.lines[0], HasSubstr("new sign-in notice for " + zoe.user_id + " not sent"));
  EXPECT_THAT(log.lines[0], HasSubstr("SMTP server unreachable"));
  EXPECT_THAT(log.lines[0], ::testing::Not(HasSubstr(std::string(kEmail))));
}

}  // namespace
}  // namespace tessera::auth::test
