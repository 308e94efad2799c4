// Password policy: lengths counted in characters (UTF-8 code points), well-known passwords.
#include "auth/password/password_policy.h"

#include <gtest/gtest.h>

#include "unit/auth/support/auth_error.h"

namespace tessera::auth::test {
namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

class PasswordPolicyTest : public ::testing::Test {
 protected:
  std::string error_for(const std::string& password) {
    return error_code_of([&] { check_password_policy(settings, password); });
  }
  AuthSettings settings;  // 8–72 characters
};

TEST_F(PasswordPolicyTest, AcceptsTheBoundaries) {
  EXPECT_NO_THROW(check_password_policy(settings, repeat("a", 8)));
  EXPECT_NO_THROW(check_password_policy(settings, repeat("a", 72)));
}

TEST_F(PasswordPolicyTest, RejectsTooShortWithTheMinimum) {
  const auto error = auth_error_of([&] { check_password_policy(settings, "1234567"); });
  EXPECT_EQ(error.code, "form_password_length_too_short");
  EXPECT_EQ(error.param_name, "password");
  EXPECT_EQ(error.meta.at("min_length"), "8");
  EXPECT_EQ(error_for(""), "form_password_length_too_short");
}

TEST_F(PasswordPolicyTest, RejectsTooLongWithTheMaximum) {
  const auto error = auth_error_of([&] { check_password_policy(settings, repeat("a", 73)); });
  EXPECT_EQ(error.code, "form_password_length_too_long");
  EXPECT_EQ(error.param_name, "password");
  EXPECT_EQ(error.meta.at("max_length"), "72");
}

TEST_F(PasswordPolicyTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(error_for(repeat("é", 7)), "form_password_length_too_short");  // 14 bytes
  EXPECT_NO_THROW(check_password_policy(settings, repeat("é", 8)));
  EXPECT_NO_THROW(check_password_policy(settings, repeat("🔑", 72)));  // 288 bytes
  EXPECT_EQ(error_for(repeat("日", 73)), "form_password_length_too_long");
}

TEST_F(PasswordPolicyTest, FollowsTheInstanceSettings) {
  settings.password_min_length = 12;
  settings.password_max_length = 16;
  EXPECT_EQ(error_for(repeat("a", 11)), "form_password_length_too_short");
  EXPECT_NO_THROW(check_password_policy(settings, repeat("a", 12)));
  EXPECT_EQ(error_for(repeat("a", 17)), "form_password_length_too_long");
}

TEST_F(PasswordPolicyTest, SatisfiesExactlyWhenTheCheckPasses) {
  EXPECT_TRUE(satisfies_password_policy(settings, "a long enough passphrase"));
  EXPECT_FALSE(satisfies_password_policy(settings, "1234567"));
  EXPECT_FALSE(satisfies_password_policy(settings, repeat("a", 73)));
  EXPECT_FALSE(satisfies_password_policy(settings, "password1"));  // well known
  settings.password_min_length = 30;
  EXPECT_FALSE(satisfies_password_policy(settings, "a long enough passphrase"));
}

// Breached passwords from both lists, in any case; what people pick instead still passes.
TEST_F(PasswordPolicyTest, RefusesPasswordsFromLeakedSets) {
  for (const char* leaked : {"password1", "12345678", "password123", "qwerty123", "P@ssw0rd",
                             "Welcome1", "qwertyuiop123", "ADMIN123"})
    EXPECT_EQ(error_for(leaked), "form_password_pwned") << leaked;
  for (const char* fresh : {"correct horse battery staple", "Tessera-sign-in-2026", "zq8#Lw2!vN"})
    EXPECT_NO_THROW(check_password_policy(settings, fresh)) << fresh;
}

}  // namespace
}  // namespace tessera::auth::test
