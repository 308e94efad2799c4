#include "fapi/work_policy.h"

#include <gtest/gtest.h>

namespace tessera::fapi {
namespace {

WorkClass of(std::string_view method, std::string_view pattern, std::string_view body) {
  const auto form = http::parse_urlencoded(body);
  return work_class_of(method, pattern, form ? &*form : nullptr);
}

constexpr auto kFast = WorkClass::fast;
constexpr auto kHashing = WorkClass::hashing;

TEST(WorkPolicy, ReadsNeverHash) {
  EXPECT_EQ(of("GET", "/v1/client", ""), kFast);
  EXPECT_EQ(of("GET", "/v1/client/sign_ups/:id", "password=x"), kFast);
}

TEST(WorkPolicy, SignInAttemptsHashOnlyForPasswordsAndBackupCodes) {
  const auto first = "/v1/client/sign_ins/:id/attempt_first_factor";
  const auto second = "/v1/client/sign_ins/:id/attempt_second_factor";
  ASSERT_TRUE(work_class_depends_on_form(first));
  ASSERT_TRUE(work_class_depends_on_form(second));
  EXPECT_EQ(of("POST", first, "strategy=password&password=pw"), kHashing);
  EXPECT_EQ(of("POST", second, "strategy=backup_code&code=abcd1234"), kHashing);
  EXPECT_EQ(of("POST", second, "strategy=totp&code=123456"), kFast);
  EXPECT_EQ(of("POST", second, "strategy=phone_code&code=123456"), kFast);
  EXPECT_EQ(of("POST", first, "strategy=email_code&code=123456"), kFast);
  EXPECT_EQ(of("POST", first, "code=123456"), kFast);
  // Forgot password: a code alone is cheap, a code with the new password hashes it.
  EXPECT_EQ(of("POST", first, "strategy=reset_password_email_code&code=123456"), kFast);
  EXPECT_EQ(of("POST", first, "strategy=reset_password_email_code&code=123456&password=pw"),
            kHashing);
}

TEST(WorkPolicy, SettingANewPasswordHashes) {
  EXPECT_EQ(of("POST", "/v1/client/sign_ins/:id/reset_password", ""), kHashing);
  EXPECT_EQ(of("POST", "/v1/me/change_password", ""), kHashing);
}

TEST(WorkPolicy, SignInsAndSignUpsHashOnlyWhenTheyCarryAPassword) {
  for (const auto pattern : {"/v1/client/sign_ins", "/v1/client/sign_ups"}) {
    ASSERT_TRUE(work_class_depends_on_form(pattern));
    EXPECT_EQ(of("POST", pattern, "identifier=a%40example.com"), kFast) << pattern;
    EXPECT_EQ(of("POST", pattern, "email_address=a%40example.com"), kFast) << pattern;
    EXPECT_EQ(of("POST", pattern, ""), kFast) << pattern;
    EXPECT_EQ(of("POST", pattern, "identifier=a%40example.com&password=pw"), kHashing) << pattern;
    EXPECT_EQ(of("POST", pattern, "password="), kHashing) << pattern;
  }
  EXPECT_EQ(of("PATCH", "/v1/client/sign_ups/:id", "first_name=Ada"), kFast);
  EXPECT_EQ(of("PATCH", "/v1/client/sign_ups/:id", "password=pw"), kHashing);
}

TEST(WorkPolicy, ABodyThatIsNoFormStaysFastBecauseTheEndpointRefusesIt) {
  EXPECT_EQ(of("POST", "/v1/client/sign_ins", "password=%zz"), kFast);
}

TEST(WorkPolicy, AccountEndpointsThatHashAlwaysDo) {
  for (const auto pattern : {"/v1/me/backup_codes", "/v1/me/change_password",
                             "/v1/me/totp/attempt_verification", "/v1/me/phone_numbers/:id"}) {
    EXPECT_FALSE(work_class_depends_on_form(pattern)) << pattern;
    EXPECT_EQ(work_class_of("POST", pattern, nullptr), kHashing) << pattern;
  }
  EXPECT_EQ(work_class_of("POST", "/v1/client/sessions/:id/tokens", nullptr), kFast);
}

}  // namespace
}  // namespace tessera::fapi
