#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tessera::config {
namespace {

using testing::load;
using testing::TempToml;

TEST(ConfigPrecedence, EnvironmentOverridesFile) {
  const TempToml file("[server]\nport = 7000\n[auth]\nclient_trust = true\n");
  const Config config = load(
      file.path(), {}, {{"TESSERA_SERVER__PORT", "9000"}, {"TESSERA_AUTH__CLIENT_TRUST", "false"}});
  EXPECT_EQ(config.server.port, 9000);
  EXPECT_FALSE(config.auth.client_trust);
}

TEST(ConfigPrecedence, SetOverridesEnvironmentAndFile) {
  const TempToml file("[server]\nport = 7000\n");
  const Config config = load(file.path(), {"server.port=9100"}, {{"TESSERA_SERVER__PORT", "9000"}});
  EXPECT_EQ(config.server.port, 9100);
}

TEST(ConfigPrecedence, LaterSetWins) {
  EXPECT_EQ(load("", {"server.port=1", "server.port=2"}).server.port, 2);
}

TEST(ConfigPrecedence, FileOverridesDefaults) {
  const TempToml file("[dev]\ntest_mode = true\n[database]\nurl = \"sqlite://x.db\"\n");
  const Config config = load(file.path());
  EXPECT_TRUE(config.dev.test_mode);
  EXPECT_EQ(config.database.url, "sqlite://x.db");
}

TEST(ConfigPrecedence, TextValuesConvertToTheFieldType) {
  const Config config = load("", {"dev.test_mode=yes", "dev.outbox=on", "limits.rate_limits=0",
                                  "server.max_body_bytes=2048",
                                  "server.allowed_origins=http://localhost:3000, https://a.example",
                                  "auth.second_factors=totp,backup_code"});
  EXPECT_TRUE(config.dev.test_mode);
  EXPECT_TRUE(config.dev.outbox);
  EXPECT_FALSE(config.limits.rate_limits);
  EXPECT_EQ(config.server.max_body_bytes, 2048u);
  EXPECT_EQ(config.server.allowed_origins,
            (std::vector<std::string>{"http://localhost:3000", "https://a.example"}));
  EXPECT_EQ(config.auth.second_factors, (std::vector<std::string>{"totp", "backup_code"}));
}

TEST(ConfigPrecedence, SetValueMayContainEqualsSigns) {
  const std::string key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";  // 32 zero bytes
  EXPECT_EQ(load("", {"security.instance_key=" + key}).security.instance_key, key);
}

TEST(ConfigPrecedence, OtherTesseraVariablesAreIgnored) {
  EXPECT_EQ(load("", {}, {{"TESSERA_CONFIG", "x.toml"}, {"PATH", "/bin"}}).server.port, 8080);
}

TEST(ConfigPrecedence, RequireMfaFromEnvironmentCountsAsExplicit) {
  EXPECT_FALSE(load("", {}, {{"TESSERA_AUTH__REQUIRE_MFA", "false"}}).auth.require_mfa);
}

}  // namespace
}  // namespace tessera::config
