#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tessera::config {
namespace {

using testing::load;

TEST(ConfigDefaults, EmptyPathGivesBuiltInDefaults) {
  const Config config = load();
  EXPECT_EQ(config.source_path, "");
  EXPECT_EQ(config.server.host, "127.0.0.1");
  EXPECT_EQ(config.server.port, 8080);
  EXPECT_EQ(config.server.public_url, "http://localhost:8080");
  EXPECT_TRUE(config.server.allowed_origins.empty());
  EXPECT_EQ(config.server.io_threads, 0);
  EXPECT_EQ(config.server.worker_threads, 0);
  EXPECT_EQ(config.server.max_body_bytes, 65536u);
  EXPECT_EQ(config.server.web_root, "web/dist");
  EXPECT_EQ(config.database.url, "sqlite://data/tessera.db");
  EXPECT_EQ(config.auth.application_name, "Tessera");
  EXPECT_EQ(config.auth.second_factors,
            (std::vector<std::string>{"phone_code", "totp", "backup_code"}));
  EXPECT_TRUE(config.auth.client_trust);
  EXPECT_TRUE(config.auth.new_sign_in_notice);
  EXPECT_TRUE(config.auth.password_changed_notice);
  EXPECT_FALSE(config.auth.enumeration_protection);
  EXPECT_EQ(config.auth.password_min_length, 8);
  EXPECT_EQ(config.auth.password_max_length, 72);
  EXPECT_EQ(config.auth.session_lifetime_seconds, 7 * 24 * 3600);
  EXPECT_EQ(config.auth.token_lifetime_seconds, 60);
  EXPECT_EQ(config.auth.code_lifetime_seconds, 600);
  EXPECT_EQ(config.auth.code_max_attempts, 3);
  EXPECT_EQ(config.auth.backup_code_count, 10);
  EXPECT_TRUE(config.auth.single_session_mode);
  EXPECT_TRUE(config.limits.rate_limits);
  EXPECT_EQ(config.limits.lockout_attempts, 10);
  EXPECT_EQ(config.limits.lockout_seconds, 3600);
  EXPECT_EQ(config.limits.resend_cooldown_seconds, 30);
  EXPECT_EQ(config.limits.create_per_10s, 5);
  EXPECT_EQ(config.limits.attempts_per_10s, 3);
  EXPECT_EQ(config.email.delivery, "log");
  EXPECT_EQ(config.sms.delivery, "log");
  EXPECT_EQ(config.security.instance_key, "");
  EXPECT_FALSE(config.dev.test_mode);
  EXPECT_FALSE(config.dev.outbox);
}

TEST(ConfigDefaults, PublishableKeyIsDerivedFromTheTesseraHost) {
  // base64("clerk.tessera.test$") without padding, as Clerk builds keys.
  EXPECT_EQ(load().server.publishable_key, "pk_live_Y2xlcmsudGVzc2VyYS50ZXN0JA");
}

TEST(ConfigDefaults, PublicUrlFollowsThePort) {
  EXPECT_EQ(load("", {"server.port=9000"}).server.public_url, "http://localhost:9000");
}

TEST(ConfigDefaults, PublicUrlLosesItsTrailingSlash) {
  EXPECT_EQ(load("", {"server.public_url=https://auth.example.com/"}).server.public_url,
            "https://auth.example.com");
}

TEST(ConfigDefaults, BareDatabasePathMeansSqlite) {
  EXPECT_EQ(load("", {"database.url=/tmp/x.db"}).database.url, "sqlite:///tmp/x.db");
  EXPECT_EQ(load("", {"database.url=postgres://u@db/tessera"}).database.url,
            "postgres://u@db/tessera");
}

TEST(ConfigDefaults, RequireMfaIsOnWhenSecondFactorsExist) {
  EXPECT_TRUE(load().auth.require_mfa);
  EXPECT_TRUE(load("", {"auth.second_factors=totp"}).auth.require_mfa);
}

TEST(ConfigDefaults, RequireMfaIsOffWithoutSecondFactors) {
  EXPECT_FALSE(load("", {"auth.second_factors="}).auth.require_mfa);
}

TEST(ConfigDefaults, ExplicitRequireMfaWins) {
  EXPECT_FALSE(load("", {"auth.require_mfa=false"}).auth.require_mfa);
  const testing::TempToml file("[auth]\nrequire_mfa = false\n");
  EXPECT_FALSE(load(file.path()).auth.require_mfa);
}

}  // namespace
}  // namespace tessera::config
