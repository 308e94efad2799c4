// The Backend API's gate: `Authorization: Bearer <secret key>`, nothing else.
#include "fapi/backend_key.h"

#include <gtest/gtest.h>

#include "unit/auth/support/auth_error.h"

namespace tessera::fapi {
namespace {

using auth::test::error_code_of;

constexpr std::string_view kKey = "sk_test_0123456789abcdef";

std::string outcome(std::vector<std::pair<std::string, std::string>> headers,
                    std::string_view configured = kKey) {
  const auto request = http::make_request("GET", "/v1/users/user_1", "", std::move(headers));
  try {
    require_secret_key(request, configured);
    return "ok";
  } catch (const auth::AuthError& error) {
    return error.code;
  }
}

TEST(BackendKey, TheInstancesKeyAsABearerTokenPasses) {
  EXPECT_EQ(outcome({{"authorization", "Bearer sk_test_0123456789abcdef"}}), "ok");
}

TEST(BackendKey, AnotherKeyIsInvalid) {
  EXPECT_EQ(outcome({{"authorization", "Bearer sk_test_0123456789abcdeF"}}), "clerk_key_invalid");
  EXPECT_EQ(outcome({{"authorization", "Bearer sk_test_0123456789abcde"}}), "clerk_key_invalid");
  EXPECT_EQ(outcome({{"authorization", "Bearer sk_test_0123456789abcdef0"}}), "clerk_key_invalid");
}

TEST(BackendKey, NoKeyConfiguredLetsNothingIn) {
  EXPECT_EQ(outcome({{"authorization", "Bearer sk_test_0123456789abcdef"}}, ""),
            "clerk_key_invalid");
  EXPECT_EQ(outcome({{"authorization", "Bearer x"}}, ""), "clerk_key_invalid");
}

TEST(BackendKey, AMissingOrMalformedHeaderSaysSo) {
  EXPECT_EQ(outcome({}), "authorization_header_format_invalid");
  EXPECT_EQ(outcome({{"authorization", "sk_test_0123456789abcdef"}}),
            "authorization_header_format_invalid");
  EXPECT_EQ(outcome({{"authorization", "Basic c2s6"}}), "authorization_header_format_invalid");
  EXPECT_EQ(outcome({{"authorization", "Bearer "}}), "authorization_header_format_invalid");
}

}  // namespace
}  // namespace tessera::fapi
