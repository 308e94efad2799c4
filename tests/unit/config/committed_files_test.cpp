#include <gtest/gtest.h>

#include "config/summary.h"
#include "config_test_support.h"

namespace tessera::config {
namespace {

using testing::load;
using testing::source_dir;

TEST(CommittedConfig, DevFileIsTheDevelopmentInstance) {
  const std::string path = (source_dir() / "tessera.dev.toml").string();
  const Config config = load(path);
  EXPECT_EQ(config.source_path, path);
  EXPECT_EQ(config.server.port, 8080);
  EXPECT_EQ(config.server.public_url, "http://localhost:8080");
  EXPECT_EQ(config.server.web_root, "web/dist");
  EXPECT_EQ(config.database.url, "sqlite://data/tessera.db");
  EXPECT_TRUE(config.auth.sign_up_enabled);
  EXPECT_TRUE(config.auth.email_address_enabled);
  EXPECT_TRUE(config.auth.password_enabled);
  EXPECT_EQ(config.auth.email_verification, "email_code");
  EXPECT_EQ(config.auth.second_factors,
            (std::vector<std::string>{"phone_code", "totp", "backup_code"}));
  EXPECT_TRUE(config.auth.client_trust);
  EXPECT_FALSE(config.auth.require_mfa);
  EXPECT_TRUE(config.dev.test_mode);
  EXPECT_TRUE(config.dev.outbox);
  EXPECT_EQ(config.email.delivery, "log");
  EXPECT_EQ(config.sms.delivery, "log");
}

TEST(CommittedConfig, RequireMfaFileDiffersFromDevOnlyInRequireMfa) {
  const Config dev = load((source_dir() / "tessera.dev.toml").string());
  Config mfa = load((source_dir() / "tessera.require-mfa.toml").string());
  EXPECT_TRUE(mfa.auth.require_mfa);
  mfa.auth.require_mfa = dev.auth.require_mfa;
  EXPECT_EQ(summarize(mfa), summarize(dev));
}

// The example documents the defaults by holding them: loading it must equal loading nothing.
TEST(CommittedConfig, ExampleFileHoldsExactlyTheDefaults) {
  const Config example = load((source_dir() / "tessera.example.toml").string());
  EXPECT_EQ(summarize(example), summarize(load()));
}

}  // namespace
}  // namespace tessera::config
