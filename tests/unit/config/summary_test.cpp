#include "config/summary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tessera::config {
namespace {

using ::testing::HasSubstr;
using testing::load;
using ::testing::Not;

TEST(ConfigSummary, ListsSettingsByName) {
  const std::string summary = summarize(load("", {"server.port=9000"}));
  EXPECT_THAT(summary, HasSubstr("server.port = 9000\n"));
  EXPECT_THAT(summary, HasSubstr("auth.client_trust = true\n"));
  EXPECT_THAT(summary, HasSubstr("auth.second_factors = [phone_code, totp, backup_code]\n"));
  EXPECT_THAT(summary, HasSubstr("database.url = \"sqlite://data/tessera.db\"\n"));
}

TEST(ConfigSummary, NeverPrintsSecrets) {
  const std::string instance_key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  const Config config =
      load("", {"security.instance_key=" + instance_key, "email.smtp_password=smtp-hunter2",
                "sms.auth_token=sms-hunter2", "database.url=postgres://u:db-hunter2@db/t",
                "email.delivery=smtp", "email.smtp_url=smtp://me:url-hunter2@mail:587"});
  const std::string summary = summarize(config);
  EXPECT_THAT(summary, Not(HasSubstr(instance_key)));
  EXPECT_THAT(summary, Not(HasSubstr("hunter2")));
  EXPECT_THAT(summary, HasSubstr("security.instance_key = (set, hidden)"));
  EXPECT_THAT(summary, HasSubstr("sms.auth_token = (set, hidden)"));
  EXPECT_THAT(summary, HasSubstr("postgres://***@db/t"));
}

TEST(ConfigSummary, WarnsAboutDevelopmentSettings) {
  const auto found = warnings(load("", {"dev.test_mode=true", "dev.outbox=true"}));
  ASSERT_EQ(found.size(), 3u);  // test mode, outbox, missing instance key
  EXPECT_THAT(found[0], HasSubstr("production"));
}

}  // namespace
}  // namespace tessera::config
