#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tessera::config {
namespace {

using testing::error_of;
using ::testing::HasSubstr;
using testing::load;

TEST(MultinodeSettings, Defaults) {
  const Config config = load();
  EXPECT_TRUE(config.server.trusted_proxies.empty());
  EXPECT_EQ(config.security.signing_key_refresh_seconds, 30);
}

TEST(MultinodeSettings, TrustedProxiesTakeIpv4AndIpv6Addresses) {
  const Config config = load("", {"server.trusted_proxies=127.0.0.1, ::1,10.0.0.7"});
  EXPECT_EQ(config.server.trusted_proxies,
            (std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.7"}));
}

TEST(MultinodeSettings, TrustedProxiesRejectNamesRangesAndPorts) {
  for (const char* bad : {"localhost", "10.0.0.0/8", "127.0.0.1:80", "*", "1.2.3"})
    EXPECT_THAT(error_of("", {std::string("server.trusted_proxies=") + bad}),
                HasSubstr("server.trusted_proxies"))
        << bad;
}

TEST(MultinodeSettings, KeyRefreshIsBounded) {
  EXPECT_EQ(
      load("", {"security.signing_key_refresh_seconds=1"}).security.signing_key_refresh_seconds, 1);
  EXPECT_THAT(error_of("", {"security.signing_key_refresh_seconds=0"}),
              HasSubstr("security.signing_key_refresh_seconds"));
  EXPECT_THAT(error_of("", {"security.signing_key_refresh_seconds=3601"}),
              HasSubstr("security.signing_key_refresh_seconds"));
}

}  // namespace
}  // namespace tessera::config
