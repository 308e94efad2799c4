// describe_error: Clerk's status and texts per code, with the placeholders filled per error.
#include "fapi/error_catalog.h"

#include <gtest/gtest.h>

namespace tessera::fapi {
namespace {

std::string long_message_of(const auth::AuthError& error) {
  return describe_error(error).long_message;
}

TEST(ErrorCatalog, LockoutSaysHowLongItLasts) {
  const auto in = [](const char* seconds) {
    return long_message_of(
        auth::AuthError("user_locked", "", {{"lockout_expires_in_seconds", seconds}}));
  };
  EXPECT_EQ(in("1800"),
            "Your account is locked. You will be able to try again in 30 minutes. For more "
            "information, contact support.");  // the text of Clerk's error-handling guide
  EXPECT_NE(in("3600").find("in 1 hour."), std::string::npos);
  EXPECT_NE(in("61").find("in 2 minutes."), std::string::npos);
  EXPECT_NE(in("45").find("in 45 seconds."), std::string::npos);
  EXPECT_NE(long_message_of(auth::AuthError("user_locked")).find("try again later."),
            std::string::npos);
  EXPECT_EQ(describe_error(auth::AuthError("user_locked")).status, 403);
}

TEST(ErrorCatalog, MissingParameterIsNamed) {
  EXPECT_EQ(long_message_of(auth::AuthError("form_param_missing", "code")),
            "code must be included.");
  EXPECT_EQ(describe_error(auth::AuthError("form_param_missing", "code")).message, "is missing");
}

TEST(ErrorCatalog, ATakenIdentifierIsNamedByKind) {
  EXPECT_EQ(long_message_of(auth::AuthError("form_identifier_exists", "email_address")),
            "That email address is taken. Please try another.");
  EXPECT_EQ(long_message_of(auth::AuthError("form_identifier_exists", "phone_number")),
            "That phone number is taken. Please try another.");
}

TEST(ErrorCatalog, ClerkStatusesForTheMfaManagementCodes) {
  EXPECT_EQ(describe_error("second_factor_deletion_not_allowed").status, 400);
  EXPECT_EQ(describe_error("backup_codes_not_available").status, 400);
  EXPECT_EQ(describe_error("identification_update_second_factor_unverified").status, 400);
  EXPECT_EQ(describe_error("form_disable_default_second_factor_not_allowed").status, 422);
  EXPECT_EQ(describe_error("resource_forbidden").status, 403);
  EXPECT_EQ(describe_error("sign_up_mode_restricted").status, 403);
  EXPECT_EQ(describe_error("identification_claimed").status, 400);
}

}  // namespace
}  // namespace tessera::fapi
