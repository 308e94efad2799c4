// The "password changed" notice (ASVS 2.2.3, 6.3.7): emailed when a signed-in user sets a new
// password and when a forgotten one is reset with an emailed code, naming the browser that did it;
// never at the cost of the change.
#include <gmock/gmock.h>

#include "auth/account/change_password.h"
#include "auth/factors/factor_options.h"
#include "auth/notices/account_notice.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const Device kPhone{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1",
                    "198.51.100.4"};
constexpr std::string_view kNewPassword = "a new and better passphrase";

class PasswordChangedNoticeTest : public DomainFixture {
 protected:
  void SetUp() override { zoe = sign_up(); }

  std::vector<AccountNotice> password_notices() const {
    std::vector<AccountNotice> out;
    for (const auto& n : mailer.notices)
      if (n.kind == NoticeKind::password_changed) out.push_back(n);
    return out;
  }
  void change_from_phone() {
    change_password(ctx, session(zoe.session_id),
                    {std::string(kPassword), std::string(kNewPassword), false}, kPhone);
  }
  // "Forgot password?" on a new client, from kPhone.
  SignIn reset_from_phone() {
    sign_out(zoe.client);
    auto laptop = new_client();
    SignInFlow flow(ctx, kPhone);
    SignInParams params;
    params.identifier = std::string(kEmail);
    const auto si = flow.create(laptop, params);
    const std::string strategy(kResetPasswordEmailCode);
    flow.prepare_first_factor(laptop, si.id, strategy, "");
    flow.attempt_first_factor(laptop, si.id, strategy, mailer.last().code);
    return flow.reset_password(laptop, si.id, {std::string(kNewPassword), false});
  }

  SignedUpUser zoe;
};

TEST_F(PasswordChangedNoticeTest, AChangeWhileSignedInSendsOneNamingTimeAndDevice) {
  change_from_phone();
  const auto notices = password_notices();
  ASSERT_THAT(notices, SizeIs(1));
  EXPECT_EQ(notices[0].to, kEmail);
  EXPECT_EQ(notices[0].at, clock.now_ms());
  EXPECT_EQ(notices[0].device.user_agent, kPhone.user_agent);
  EXPECT_EQ(notices[0].device.ip_address, kPhone.ip_address);
}

TEST_F(PasswordChangedNoticeTest, AResetWithAnEmailedCodeSendsOne) {
  ASSERT_EQ(reset_from_phone().status, "complete");
  const auto notices = password_notices();
  ASSERT_THAT(notices, SizeIs(1));
  EXPECT_EQ(notices[0].device.ip_address, kPhone.ip_address);
}

TEST_F(PasswordChangedNoticeTest, ARefusedPasswordSendsNone) {
  EXPECT_THROW(change_password(ctx, session(zoe.session_id),
                               {std::string(kPassword), "short", false}, kPhone),
               AuthError);
  EXPECT_THROW(change_password(ctx, session(zoe.session_id),
                               {"not the password", std::string(kNewPassword), false}, kPhone),
               AuthError);
  EXPECT_THAT(password_notices(), IsEmpty());
}

TEST_F(PasswordChangedNoticeTest, NoneWhenTurnedOff) {
  settings.password_changed_notice = false;
  change_from_phone();
  EXPECT_THAT(password_notices(), IsEmpty());
}

TEST_F(PasswordChangedNoticeTest, UndeliverableNoticeIsLoggedAndThePasswordIsChanged) {
  mailer.fail_notices = true;
  change_from_phone();
  ASSERT_THAT(log.lines, SizeIs(1));
  EXPECT_THAT(log.lines[0], HasSubstr("password changed notice for " + zoe.user_id + " not sent"));
  EXPECT_THAT(log.lines[0], ::testing::Not(HasSubstr(std::string(kEmail))));
  sign_out(zoe.client);
  EXPECT_EQ(sign_in_with_password(zoe.client, kEmail, kNewPassword).status, "complete");
}

}  // namespace
}  // namespace tessera::auth::test
